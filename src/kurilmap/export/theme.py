"""The look of exported pages: ink colours, hatching, fonts and matplotlib settings."""

from __future__ import annotations

import logging
import threading
from collections import deque
from contextlib import contextmanager
from functools import cache

_HATCH = "////"
_INK = "#222222"


class _NoBoldWarning(logging.Filter):
    """IPAexGothic has no bold face; matplotlib uses the regular one, which is what we want, so say nothing."""

    def filter(self, record):
        return "Failed to find font weight" not in record.getMessage()


@cache
def _register_fonts() -> None:
    import matplotlib_fontja  # noqa: F401  (registers IPAexGothic with matplotlib)

    logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldWarning())


def _fonts(lang: str) -> list[str]:
    _register_fonts()

    # DejaVu Sans reads best for Latin and Cyrillic; IPAexGothic fills in (and leads for Japanese pages).
    return ["IPAexGothic", "DejaVu Sans"] if lang == "ja" else ["DejaVu Sans", "IPAexGothic"]


def _rc(lang: str, s: float) -> dict:
    return {
        "font.family": _fonts(lang),
        "font.size": 7 * s,
        "svg.fonttype": "none",  # text stays text (searchable, editable)
        "pdf.fonttype": 42,  # embedded TrueType subsets, not Type 3 drawings
        "hatch.linewidth": 1.4 * s,
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


class FairLock:
    """A re-entrant lock handed over first come, first served (``threading.RLock`` is not fair:
    a thread that releases and takes it again in a loop can keep every other thread waiting)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._queue: deque[int] = deque()
        self._owner: int | None = None
        self._depth = 0

    def __enter__(self):
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return self
            self._queue.append(me)
            while self._owner is not None or self._queue[0] != me:
                self._cond.wait()
            self._queue.popleft()
            self._owner, self._depth = me, 1
        return self

    def __exit__(self, *exc):
        with self._cond:
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._cond.notify_all()


#: matplotlib's settings are process-wide: one figure is set up or drawn at a time. Held per frame of
#: an animation (not for the whole GIF) and handed over in turn, so a long render never blocks a short one.
RENDER_LOCK = FairLock()


@contextmanager
def rendering(lang: str, s: float):
    """Draw under this page's matplotlib settings, one thread at a time."""
    import matplotlib

    with RENDER_LOCK, matplotlib.rc_context(_rc(lang, s)):
        yield


def _halo(s: float, width: float = 1.8):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width * s, foreground="white")]


@cache
def keep_font_subsets() -> None:
    """Keep each font subset a PDF embeds on disk, beside the validated atlases (:func:`kurilmap.atlascache.kept`).

    matplotlib subsets every embedded font with fontTools on each save (about 0.4 s for IPAexGothic
    here), and a view's PDF needs the same glyphs every time. The subset is keyed by the font file
    (path, face, size, modification time), the glyphs and the library versions; the saved bytes are
    read back through fontTools either way, so a kept subset gives the same file as a fresh one.
    Called before a PDF is saved (PNG and SVG never import the PDF backend).
    """
    import io
    import os
    from importlib.metadata import version

    from matplotlib.backends import _backend_pdf_ps as pdf_ps

    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    subset = getattr(pdf_ps, "get_glyphs_subset", None)
    if subset is None or not hasattr(pdf_ps, "SubsetResults"):
        return  # another matplotlib: subset as it does
    from fontTools.ttLib import TTFont

    versions = (version("matplotlib"), version("fonttools"))

    def made(fontfile, glyphs):
        with subset(fontfile, glyphs) as result:
            return pdf_ps.font_as_file(result.font).getvalue(), dict(result.glyph_index_map)

    def kept_subset(fontfile, glyphs):
        glyphs = sorted(set(glyphs))
        stat = os.stat(fontfile)
        parts = (str(fontfile), getattr(fontfile, "face_index", 0), stat.st_size, stat.st_mtime_ns, glyphs, versions)
        data, index_map = atlascache.kept("font", parts, (), lambda: made(fontfile, glyphs))
        font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)  # as fontTools.subset loads it
        return pdf_ps.SubsetResults(font, index_map)._as_cm()

    pdf_ps.get_glyphs_subset = kept_subset
