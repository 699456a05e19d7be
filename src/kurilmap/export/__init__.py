"""Snapshot export: the map of a year as PNG, SVG, PDF, HTML, GeoJSON or GeoPackage, and an animated GIF.

Modules: :mod:`~kurilmap.export.options` (formats, limits, checks), :mod:`~kurilmap.export.layout`
(page layout, projection), :mod:`~kurilmap.export.shapes` (drawing data), :mod:`~kurilmap.export.labels`
(label text and placement), :mod:`~kurilmap.export.theme` (fonts, ink), :mod:`~kurilmap.export.page` and
:mod:`~kurilmap.export.legend` (the matplotlib page), :mod:`~kurilmap.export.image` (PNG, SVG),
:mod:`~kurilmap.export.handout` and :mod:`~kurilmap.export.cards` (the PDF handout on A4 or US Letter),
:mod:`~kurilmap.export.animation` (GIF), :mod:`~kurilmap.export.layers` (GeoJSON, GeoPackage) and
:mod:`~kurilmap.export.files` (atomic writing). The command line is in :mod:`kurilmap.cli`.
"""

from __future__ import annotations

import datetime as _dt

from kurilmap.export.animation import FRAME_TOLERANCE, animate, default_animation_years
from kurilmap.export.files import write
from kurilmap.export.handout import _handout
from kurilmap.export.image import _image
from kurilmap.export.layers import _geojson, _gpkg, provenance
from kurilmap.export.layout import SCALE_LAT, VIEW, map_pixel
from kurilmap.export.options import (
    DPI_RANGE,
    EXTENSIONS,
    FORMATS,
    IMAGE_FORMATS,
    MAP_ONLY_FORMATS,
    PAPERS,
    SIZE_RANGE,
    ExportError,
    _today,
    check_compare,
    check_day,
    check_options,
)
from kurilmap.publish import animation_alt_text, view_alt_text

__all__ = [
    "DPI_RANGE",
    "EXTENSIONS",
    "FORMATS",
    "FRAME_TOLERANCE",
    "IMAGE_FORMATS",
    "MAP_ONLY_FORMATS",
    "PAPERS",
    "SCALE_LAT",
    "SIZE_RANGE",
    "VIEW",
    "ExportError",
    "alt_text",
    "animate",
    "check_options",
    "default_animation_years",
    "map_pixel",
    "provenance",
    "render",
    "write",
]


def render(
    atlas,
    year,
    fmt: str,
    *,
    names: str = "both",
    lang: str = "en",
    width: int = 1600,
    height: int = 1200,
    dpi: int = 200,
    compare=None,
    paper: str | None = None,
    today: _dt.date | None = None,
    day: str | None = None,
    position: str = "held",
    compare_position: str = "held",
    map_only: bool = False,
) -> bytes:
    """One snapshot of the map of ``year`` (or of a ``day`` of the 1945 sequence) as the bytes of a file in format ``fmt``.

    Parameters
    ----------
    atlas : kurilmap.geometry.Atlas
    year : int
        The border in force at the end of this year.
    fmt : str
        One of :data:`FORMATS` except ``gif`` (see :func:`animate`).
    names, lang : str
        Naming style of places (``both``, ``ja``, ``ru``) and language of the text (``en``, ``ja``, ``ru``).
    width, height, dpi : int
        PNG size in pixels; an SVG page is ``width / dpi`` × ``height / dpi`` inches. A PDF ignores
        ``width`` and ``height`` (its page is always ``paper``); ``dpi`` sets the fineness of its hatching.
    compare : int or str, optional
        A second year, or a day of the 1945 sequence (``"1945-08-08"``; png, svg, pdf, html): two maps side by
        side, the earlier on the left, with the land that changed hands outlined
        (png, svg, pdf; html: a page with both maps, the change caption and both treaty cards;
        geojson, gpkg: the layers of ``year`` and the land that changed hands, layer ``changed``).
    paper : str, optional
        PDF only: one of :data:`PAPERS` (default ``a4-landscape``). The PDF is a handout for print:
        the map (or both maps) with the treaty card of each year, what changed and the sources.

    html, geojson and gpkg ignore the size options; geojson and gpkg also ``names`` and
    ``lang`` (they carry every name in every language). A layer file holds the islands, the border
    lines in force and the towns of ``year``, with licence, credit, provenance and a field guide.
    today : datetime.date, optional
        Export date printed in the caption and the provenance (default: today).
    day : str, optional
        A day of the 1945 sequence (``1945-08-28``; see :mod:`kurilmap.campaign`): the map at the end
        of that day (png, svg, pdf, html). ``year`` is then 1945.
    position, compare_position : str
        What the map (and the second map of a comparison) shows: ``held`` (who administered the land, the
        default) or ``japan`` / ``russia``, that government's position (``sources/positions.json``); the
        title, the legend's title, the caption and every map heading then say whose position it is
        (png, svg, pdf, html). A layer file (geojson, gpkg) carries every position as columns.
    map_only : bool
        png and svg: the map alone, for a page with its own typography: no title, legend or caption,
        only the short credit line (licences of the map and the shorelines) under it. The picture's
        metadata still carries the title and the full sources.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> render(load_atlas(), 1905, "png", width=400, height=300)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    if fmt == "gif":
        raise ExportError("a GIF steps through the years: use animate() (command: python -m kurilmap animate)")
    check_options(
        year, fmt, names=names, lang=lang, width=width, height=height, dpi=dpi, compare=compare, paper=paper,
        map_only=map_only,
    )  # fmt: skip
    year = int(year)
    compare = None if compare is None else check_compare(compare, fmt)  # a year, or a day of 1945
    today = _today(today)
    if day is not None:
        year, day = atlas.campaign.year, check_day(atlas, day, fmt, compare)
    shows = _check_shows(position, compare_position, day)
    if isinstance(compare, str) and compare_position != "held":
        raise ExportError("a day of 1945 shows who held the land that day: leave out the compare position")
    if fmt == "html":
        from kurilmap.mapview import compare_html, map_html

        if compare is not None:  # both maps, both sides, the caption and both treaty cards
            return compare_html(atlas, year, compare, names, lang, shows, day).encode("utf-8")
        return map_html(atlas, year, names, lang, tiles=False, day=day, position=shows[0]).encode("utf-8")
    if fmt == "geojson":
        return _geojson(atlas, year, today, compare)
    if fmt == "gpkg":
        return _gpkg(atlas, year, today, compare)
    if fmt == "pdf":
        return _handout(atlas, year, "pdf", names, lang, paper, dpi, compare, today, day, shows)
    return _image(atlas, year, fmt, names, lang, width, height, dpi, compare, today, day, shows, bool(map_only))


def _check_shows(position: str, compare_position: str, day: str | None) -> tuple[str, str]:
    """What each map shows, checked: ``held`` or a side; a day of 1945 shows who held the land that day."""
    from kurilmap.positions import SHOWS

    for value in (position, compare_position):
        if value not in SHOWS:
            raise ExportError(f"position must be one of {', '.join(SHOWS)} (not {str(value)[:20]!r})")
    if day is not None and position != "held":
        raise ExportError("a day of 1945 shows who held the land that day: leave out the position")
    return position, compare_position


def alt_text(atlas, view, fmt: str) -> str | None:
    """The alt text to offer beside a picture download of ``view`` in ``fmt`` (None for a layer file).

    A GIF steps through every border change (or, from a day view, the days of 1945 on which
    something changed), as :func:`kurilmap.export.animate` makes it.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> from kurilmap.view import View
    >>> alt_text(load_atlas(), View(1905), "geojson") is None
    True
    """
    if fmt in ("geojson", "gpkg"):
        return None
    if fmt == "gif":
        if view.day is not None:
            frames = [(atlas.campaign.year, d) for d in atlas.campaign.change_days()]
        else:
            frames = [(y, None) for y in default_animation_years(atlas.history)]
        return animation_alt_text(atlas, frames, view.lang)
    return view_alt_text(atlas, view.year, view.names, view.lang, view.compare, view.day)
