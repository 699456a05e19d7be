"""Export options: the formats, their file endings, the size limits, and the check of every option."""

from __future__ import annotations

import datetime as _dt
import sys

from kurilmap.i18n import check_view

FORMATS = ("png", "svg", "pdf", "html", "geojson", "gpkg", "gif")
#: File name endings accepted for each format (the first is the one ``snapshot --all`` uses).
EXTENSIONS = {
    "png": (".png",),
    "svg": (".svg",),
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "gif": (".gif",),
}
IMAGE_FORMATS = ("png", "svg", "pdf")
MAP_ONLY_FORMATS = ("png", "svg")  # a pdf is a handout; html, layer files and gifs have no title block to leave out
SIZE_RANGE = (200, 6000)  # pixels, width and height
DPI_RANGE = (50, 600)
#: Paper sizes of a PDF handout, (width, height) in inches. A PDF page is always one of these.
PAPERS = {
    "a4-landscape": (297 / 25.4, 210 / 25.4),
    "a4-portrait": (210 / 25.4, 297 / 25.4),
    "letter-landscape": (11.0, 8.5),
    "letter-portrait": (8.5, 11.0),
}
DEFAULT_PAPER = "a4-landscape"


class ExportError(ValueError):
    """An export that cannot be made or written; the message says what is wrong and what to do."""


ExportError.__module__ = "kurilmap.export"  # its public home, as in messages and tracebacks


def check_day(atlas, day, fmt: str, compare=None) -> str | None:
    """The ISO day of an export of a day of the 1945 sequence (None without one), or :class:`ExportError` saying
    what to choose instead; ``compare`` (a year or a day, :func:`check_compare`) is checked too.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> check_day(load_atlas(), "1945-08-28", "gpkg")
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: a gpkg file holds the layer of a whole year: export the year 1945 (--year 1945), or the day as png, svg, pdf or html
    """
    from kurilmap.campaign import DayError

    if compare is not None:
        check_compare(compare, fmt)
    if day is None:
        return None
    try:
        day = atlas.campaign.check_day(day)
    except DayError as exc:
        raise ExportError(str(exc)) from None
    if fmt in ("geojson", "gpkg"):
        year = atlas.campaign.year
        raise ExportError(
            f"a {fmt} file holds the layer of a whole year: export the year {year} (--year {year}), "
            "or the day as png, svg, pdf or html"
        )
    return day


def check_options(
    year, fmt: str, *, names="both", lang="en", width=1600, height=1200, dpi=200, compare=None, paper=None,
    map_only=False,
):  # fmt: skip
    """Raise :class:`ExportError` for any option an export cannot use.

    Examples
    --------
    >>> check_options(1905, "png", width=100)
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: width 100 px is outside 200–6000 px; choose a size such as --width 1600
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        check_view(names, lang)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    for what, value, default in (("width", width, 1600), ("height", height, 1200)):
        if not isinstance(value, int) or not SIZE_RANGE[0] <= value <= SIZE_RANGE[1]:
            raise ExportError(
                f"{what} {value} px is outside {SIZE_RANGE[0]}–{SIZE_RANGE[1]} px; "
                f"choose a size such as --{what} {default}"
            )
    if not isinstance(dpi, int) or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise ExportError(f"dpi {dpi} is outside {DPI_RANGE[0]}–{DPI_RANGE[1]}; choose e.g. --dpi 200 (print: 300)")
    if paper is not None:
        if paper not in PAPERS:
            raise ExportError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
        if fmt != "pdf":
            raise ExportError(
                f"--paper {paper} sets the page of a PDF, but the format is {fmt}; "
                "drop --paper or write a .pdf (png and svg take --width, --height and --dpi)"
            )
    if map_only not in (True, False):
        raise ExportError(f"map_only is True or False (not {str(map_only)[:20]!r})")
    if map_only and fmt not in MAP_ONLY_FORMATS:
        raise ExportError(
            f"map only makes a png or svg picture of the map alone; a {fmt} file cannot be one. "
            "Write a .png or .svg, or leave out map only (map_only=False)"
        )
    if compare is not None and fmt == "gif":
        raise ExportError(
            f"--compare makes a side-by-side map; {fmt} holds one year. Drop --compare or use png, svg, pdf or html"
        )
    _check_year(year)
    if compare is not None:
        check_compare(compare, fmt)


def check_compare(compare, fmt: str):
    """The compare value of an export: a year (int) or a day of the 1945 sequence (ISO text), or
    :class:`ExportError` saying what to give instead.

    Examples
    --------
    >>> check_compare("1945-08-08", "png"), check_compare("1905", "svg")
    ('1945-08-08', 1905)
    """
    from kurilmap.campaign import DayError
    from kurilmap.periods import YearError
    from kurilmap.view import parse_side

    try:
        year, day = parse_side(compare)
    except (YearError, DayError) as exc:
        raise ExportError(f"compare: {exc}") from None
    if day is not None and fmt in ("geojson", "gpkg"):
        raise ExportError(
            f"a {fmt} file holds the layers of whole years: compare with the year {year}, "
            "or make the comparison with a day as png, svg, pdf or html"
        )
    return day or year


def _check_year(year) -> int:
    from kurilmap.periods import YearError, check_year

    try:
        return check_year(year)
    except YearError as exc:
        raise ExportError(str(exc)) from None


def _version() -> str:
    """The package's version, as every export names it (read from the package, which is imported before its
    modules: importing it here would make an import cycle through :mod:`kurilmap.api`)."""
    return sys.modules["kurilmap"].__version__


def _today(today) -> _dt.date:
    return today or _dt.date.today()
