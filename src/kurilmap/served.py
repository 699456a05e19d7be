"""What the app server makes once per process and shares between its sessions.

Streamlit executes ``app.py`` afresh on every run, so whatever the script defines is defined again on
every run: a ``@st.cache_resource`` there reads its function's source code each time (``inspect``),
about a tenth of a rerun's cost under load. What every session shares therefore lives here, in an
ordinary module imported once per process: the validated atlas, the map page's address, the elements'
scripts, the panels and chronologies of each language and the files any session exported.

Nothing here imports streamlit; ``app.py`` passes in where its static folder is.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

from kurilmap import export
from kurilmap.chronology import chronology, chronology_csv, chronology_json
from kurilmap.export.cache import RenderCache, export_key
from kurilmap.geometry import load_atlas
from kurilmap.pagefiles import module_loader, publish, publish_table
from kurilmap.panel import day_panel, period_panel, timeline_markdown
from kurilmap.panel_blocks import panel_blocks
from kurilmap.view import View


def shared(maxsize: int | None = None):
    """Keep a function's value for each tuple of arguments, for the whole process (the least recently used
    go beyond ``maxsize``). Sessions asking at the same time for a value not made yet wait for one making of
    it (a lock per key); an exception is not kept, so the next call tries again.

    Examples
    --------
    >>> calls = []
    >>> @shared(maxsize=2)
    ... def square(n):
    ...     calls.append(n)
    ...     return n * n
    >>> square(3), square(3), square(4), square(5), square(3), calls
    (9, 9, 16, 25, 9, [3, 4, 5, 3])
    """

    def decorate(func):
        values: OrderedDict = OrderedDict()
        making: dict = {}
        guard = threading.Lock()

        @functools.wraps(func)
        def wrapper(*args):
            with guard:
                if args in values:
                    values.move_to_end(args)
                    return values[args]
                lock = making.setdefault(args, threading.Lock())
            with lock:
                with guard:
                    if args in values:  # made by the session this one waited for
                        return values[args]
                try:
                    value = func(*args)
                    with guard:
                        values[args] = value
                        if maxsize is not None and len(values) > maxsize:
                            values.popitem(last=False)
                finally:
                    with guard:
                        making.pop(args, None)
            return value

        return wrapper

    return decorate


#: The export warm-up waits until no session has started a run for this many seconds.
WARM_QUIET_S = 3.0
#: When the last run of any session started (see :func:`reader_active`).
_last_run = [time.monotonic()]


def reader_active() -> None:
    """A session starts a run: the export warm-up waits while readers are active."""
    _last_run[0] = time.monotonic()


@shared()
def atlas(directory: str):
    """The validated layers of a data folder, with what each treaty changed, loaded once per process."""
    at = load_atlas(directory)
    for period in at.history.periods[1:]:  # what each treaty changed: computed once, not per rerun
        at.diff(period.start - 1, period.start)
    return at


@shared()
def warm_exports(directory: str, size: tuple) -> threading.Thread:
    """Start, once per data folder, the background warm-up of the default view's exports (:func:`_warm`)."""
    stop = threading.Event()
    warm = threading.Thread(target=_warm, args=(directory, size, stop), name="kurilmap-warm-exports", daemon=True)
    warm.start()
    # When the server stops (Ctrl-C, SIGTERM), let the warm-up finish the file it is drawing before the
    # interpreter is torn down: a thread still inside native drawing code then can abort the process
    # ("terminate called without an active exception"). threading's own exit hooks run first, before
    # modules are finalised (the hook concurrent.futures uses for its workers).
    register = getattr(threading, "_register_atexit", None)
    with contextlib.suppress(RuntimeError):  # already shutting down
        if register:
            register(lambda: (stop.set(), warm.join(20)))
    return warm


def _warm(directory: str, size: tuple, stop: threading.Event) -> None:
    """Make the default view's PNG, SVG and PDF in the background once the server is quiet: matplotlib,
    fonts and label placement are then ready, and the files of the view a visitor first sees are in
    the render cache.

    It yields to readers: the thread runs at the lowest CPU priority (on Linux a thread has its own
    nice value), so a browser or a rerun on the same cores goes first, and before each format it waits
    until no session has started a run for :data:`WARM_QUIET_S` seconds, so a reader's first page,
    its map and its first moves are never queued behind it.
    """
    with contextlib.suppress(AttributeError, OSError):  # not on every platform: then only the waiting holds
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    default = View()
    for fmt in ("png", "svg", "pdf"):
        while (quiet := time.monotonic() - _last_run[0]) < WARM_QUIET_S:
            if stop.wait(WARM_QUIET_S - quiet):
                return
        if stop.is_set():
            return
        export_bytes(directory, fmt, default.year, default.names, default.lang, size, None)
    freeze_heap()  # matplotlib, its fonts and the files just made


def freeze_heap() -> None:
    """Leave what the process has loaded for good (the atlas, its libraries) out of every later garbage collection.

    A collection of the oldest generation goes over every object: over the 140,000 objects of geopandas,
    shapely and the atlas that took 55 ms. Frozen, they are skipped, and a collection only looks at what the
    runs made. (Streamlit's own collection after every run is off: runner.postScriptGC in .streamlit/.)
    """
    gc.collect()
    gc.freeze()


@shared()
def freeze_after_first_page() -> bool:
    """Once per process, when a page has been drawn: the atlas and every module a page needs are loaded."""
    freeze_heap()
    return True


@shared()
def script(static_dir: Path, static_url: str, *names: str) -> str:
    """An element's loader of its static module (see :func:`~kurilmap.pagefiles.module_loader`)."""
    return module_loader(static_dir, static_url, *names)


@shared()
def map_page(directory: str, static_dir: Path) -> str:
    """The file name of the map page for this data version (a static file, the same for every session)."""
    return publish(atlas(directory), static_dir)


@shared(maxsize=16)
def chronology_files(directory: str, static_dir: Path, lang: str) -> tuple[str, bytes, bytes]:
    """The chronology of a language: the file name of its table (a static file the element fetches, so a
    change of language sends a name, not the 60–150 KB of the list), and its CSV and JSON downloads."""
    at = atlas(directory)
    csv_text, json_text = chronology_csv(at, lang), chronology_json(at, lang)
    name = publish_table(static_dir, f"chronology-{lang}", chronology(at, lang))
    return name, csv_text.encode("utf-8-sig"), json_text.encode("utf-8")


@shared(maxsize=4096)
def year_panel(directory: str, year: int, names: str, lang: str) -> dict:
    """The panel of a year, naming style and language: the same for every reader (read only; at most every
    year × 4 naming styles × 3 languages, a few KB each)."""
    return period_panel(atlas(directory), year, names, lang)


@shared(maxsize=4096)
def timeline(directory: str, year: int, names: str, lang: str, day: str | None) -> str:
    """The Markdown of the panel's timeline (see :func:`~kurilmap.panel.timeline_markdown`), written once."""
    return timeline_markdown(year_panel(directory, year, names, lang), lang, day)


@shared(maxsize=4096)
def blocks(
    directory: str, year: int, names: str, lang: str, day: str | None, position: str, compare, compare_position: str
) -> tuple:
    """The panel's blocks of Markdown for a view (see :func:`~kurilmap.panel_blocks.panel_blocks`), written
    once for every reader: a pick hands the page finished text."""
    panel = year_panel(directory, year, names, lang)
    one_day = sequence_panel(directory, day, lang) if day is not None else None
    return panel_blocks(atlas(directory), panel, one_day, position, compare, compare_position, lang)


@shared(maxsize=512)
def sequence_panel(directory: str, day: str, lang: str) -> dict:
    """The panel of a day of the 1945 sequence in a language (read only)."""
    return day_panel(atlas(directory), day, lang)


@shared()
def render_cache(directory: str) -> RenderCache:
    """Exports made by any session, kept per data folder (bounded; see kurilmap.export.cache)."""
    return RenderCache()


def export_bytes(
    directory: str,
    fmt: str,
    year: int,
    names: str,
    lang: str,
    size: tuple,
    compare: int | None,
    day: str | None = None,
    shows: tuple = ("held", "held"),
    map_only: bool = False,
    frame_ms: int = 1200,
) -> bytes:
    """One download: made once per view, format, size and map-only choice in this process, then reused by every session."""
    width, height, dpi = size
    if fmt in ("geojson", "gpkg"):
        day = None  # a layer file holds a whole year (and, compared, the land that changed hands)
        shows = ("held", "held")  # a layer file holds every position: see kurilmap.export
    map_only = map_only and fmt in export.MAP_ONLY_FORMATS  # the other formats have no title block to leave out
    key = export_key(fmt, year, names, lang, compare, size, day, shows, map_only, frame_ms)

    def make() -> bytes:
        if fmt == "gif":
            days = "sequence" if day else None
            return export.animate(atlas(directory), names=names, lang=lang, days=days, frame_ms=frame_ms)
        return export.render(
            atlas(directory), year, fmt, names=names, lang=lang, width=width, height=height, dpi=dpi, compare=compare,
            day=day, position=shows[0], compare_position=shows[1], map_only=map_only,
        )  # fmt: skip

    return render_cache(directory).get(key, make)


def tour_bytes(directory: str, kind: str, tour: str, lang: str, names: str, paper: str) -> bytes:
    """A tour's file (slides, booklet or lesson pack), made once per process and reused by every session."""
    from kurilmap.export.deck import lesson_pack, tour_booklet, tour_deck

    def make() -> bytes:
        if kind == "pptx":
            return tour_deck(atlas(directory), tour, lang, names)
        if kind == "booklet":
            return tour_booklet(atlas(directory), tour, lang, names, paper)
        return lesson_pack(atlas(directory), tour, lang, names, paper)

    return render_cache(directory).get(("tour", kind, tour, lang, names, paper if kind != "pptx" else None), make)
