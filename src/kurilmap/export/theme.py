"""The look of exported pages: ink colours, hatching, fonts and matplotlib settings."""

from __future__ import annotations

import logging
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


def _halo(s: float, width: float = 1.8):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width * s, foreground="white")]
