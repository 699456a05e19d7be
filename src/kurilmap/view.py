"""The view: year (or a day of the 1945 sequence), compare year, naming style and language; changes to it, and
reading it from a URL."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kurilmap.campaign import DayError
from kurilmap.geometry import campaign, history
from kurilmap.i18n import LANGS, NAME_STYLES
from kurilmap.periods import YearError, last_year
from kurilmap.positions import SHOWS

#: A first visit opens on today: the four disputed islands, with the slider to go back from there.
DEFAULT_YEAR = last_year()
MAX_VALUE_LENGTH = 12


@dataclass(frozen=True)
class View:
    """What is shown, and what a link reproduces: the one source of truth for the app's maps, panel and URL."""

    year: int = DEFAULT_YEAR
    names: str = "both"
    lang: str = "en"
    compare: int | None = None
    day: str | None = None  # a day of the 1945 sequence (then ``year`` is 1945 and there is no compare)
    position: str = "held"  # what the map shows: who administered the land, or "japan"/"russia" (a position)
    compare_position: str = "held"  # the same for the second map of a comparison
    tour: str | None = field(default=None, repr=False)  # a guided tour (kurilmap.tours) and its step, from 1
    step: int | None = field(default=None, repr=False)

    def __post_init__(self):
        """A comparison reads from the earlier year to the later: ``year`` is the earlier (the left map, first in
        every title), whichever side was set last.

        >>> View(2026, compare=1944, position="russia")
        View(year=1944, names='both', lang='en', compare=2026, day=None, position='held', compare_position='russia')
        """
        if self.compare is not None and self.compare < self.year:
            for name, value in (("year", self.compare), ("compare", self.year)):
                object.__setattr__(self, name, value)
            for name, value in (("position", self.compare_position), ("compare_position", self.position)):
                object.__setattr__(self, name, value)

    def to_query(self) -> dict[str, str]:
        query = {"year": str(self.year), "names": self.names, "lang": self.lang}
        if self.compare is not None:
            query["compare"] = str(self.compare)
        if self.day is not None:
            query["day"] = self.day
        if self.position != "held":
            query["position"] = self.position
        if self.compare is not None and self.compare_position != "held":
            query["compare_position"] = self.compare_position
        if self.tour is not None:
            query.update(tour=self.tour, step=str(self.step))
        return query

    @property
    def when(self) -> str:
        """The year, or the day of the 1945 sequence, as written in file names and the URL."""
        return self.day or str(self.year)

    def file_name(self, suffix: str) -> str:
        """A file name that says which view an export holds.

        Examples
        --------
        >>> View(1945, lang="ja", compare=2026).file_name(".pdf")
        'kuril-border-1945-vs-2026-ja.pdf'
        >>> View(1945, day="1945-08-28").file_name(".png")
        'kuril-border-1945-08-28-en.png'
        >>> View(2026, position="japan", compare=2026, compare_position="russia").file_name(".png")
        'kuril-border-2026-japan-position-vs-2026-russia-position-en.png'
        """
        compare = ""
        if self.compare is not None:
            compare = f"-vs-{self.compare}{_position_part(self.compare_position)}"
        return f"kuril-border-{self.when}{_position_part(self.position)}{compare}-{self.lang}{suffix}"

    def propose(self, **changes) -> View:
        """This view with ``changes`` applied where they are valid; invalid values change nothing.

        Every control (map sliders, sidebar, URL, back/forward) changes the view through here.
        Switching compare on without a year compares with today, or, from a year of today's border,
        with the last year before it came (so that something changed hands). A day of the 1945
        sequence sets the year to 1945; a year without a day leaves the sequence; a day and a
        comparison exclude each other (the later change wins); so do a day and a position (a day of 1945
        shows who held the land that day).

        Examples
        --------
        >>> View(2000).propose(compare=True)  # the earlier year first
        View(year=1944, names='both', lang='en', compare=2000, day=None, position='held', compare_position='held')
        >>> View(1910).propose(compare=True).compare == last_year()
        True
        >>> View(1910).propose(year="1700", lang="ja")
        View(year=1910, names='both', lang='ja', compare=None, day=None, position='held', compare_position='held')
        >>> View(1910, compare=1875).propose(day="1945-08-28").when
        '1945-08-28'
        >>> View(2000).propose(position="japan").position, View(2000).propose(position="china").position
        ('japan', 'held')
        """
        clean = {}
        tour = changes.pop("tour", None)  # only "" (leave the tour): kurilmap.tours.open_step opens a step
        if changes.get("day") is not None:
            with contextlib.suppress(DayError):
                day = campaign().check_day(changes["day"])
                clean.update(day=day, year=campaign().year, compare=None, position="held")
                changes = {k: v for k, v in changes.items() if k not in ("year", "compare")}  # the day sets both
        for name, value in changes.items():
            if name == "year":
                with contextlib.suppress(YearError):
                    clean.update(year=history().check_year(value), day=None)
            elif name == "compare":
                if value is None or value is False:
                    clean["compare"] = None
                elif value is True:
                    year = clean.get("year", self.year)
                    clean["compare"] = self.compare if self.compare is not None else _compare_default(year)
                else:
                    with contextlib.suppress(YearError):
                        clean["compare"] = history().check_year(value)
                if clean.get("compare") is not None:
                    clean["day"] = None
            elif name == "names" and value in NAME_STYLES:
                clean["names"] = value
            elif name == "lang" and value in LANGS:
                clean["lang"] = value
            elif name in ("position", "compare_position") and value in SHOWS:
                clean[name] = value
                if name == "position" and value != "held":
                    clean["day"] = None
        if tour == "" or any(clean.get(k, getattr(self, k)) != getattr(self, k) for k in ("year", "day", "compare")):
            clean.update(tour=None, step=None)  # leaving the tour (its button, or any other year, day or compare)
        return replace(self, **clean)


def _position_part(show: str) -> str:
    """A position map's file names say whose position it shows; the default's say nothing more."""
    return "" if show == "held" else f"-{show}-position"


def _compare_default(year: int) -> int:
    """Today, or the year before today's border began when ``year`` already shows it."""
    latest = history().periods[-1]
    return latest.start - 1 if year >= latest.start else last_year()


@dataclass(frozen=True)
class Notice:
    """A URL value that was not understood, and the value shown instead (never the raw input)."""

    field: str
    shown: str


def _first(value) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return None if value is None else str(value)


def _year(raw: str | None) -> int | None:
    if raw is None or len(raw) > MAX_VALUE_LENGTH:
        raise YearError("bad year")
    return history().check_year(raw)


def parse_query(params: Mapping) -> tuple[View, list[Notice]]:
    """Read a view from URL query parameters; bad values fall back to defaults with a notice.

    Examples
    --------
    >>> parse_query({"year": "1875", "lang": "ja"})
    (View(year=1875, names='both', lang='ja', compare=None, day=None, position='held', compare_position='held'), [])
    >>> parse_query({"day": "1945-08-28"})[0].when
    '1945-08-28'

    >>> view, notices = parse_query({"year": "<script>alert(1)</script>"})
    >>> view.year == DEFAULT_YEAR, notices == [Notice("year", str(DEFAULT_YEAR))]
    (True, True)
    """
    notices: list[Notice] = []
    raw = {
        k: _first(params.get(k)) for k in ("year", "names", "lang", "compare", "day", "position", "compare_position")
    }
    year = DEFAULT_YEAR
    if raw["year"] is not None:
        try:
            year = _year(raw["year"])
        except YearError:
            notices.append(Notice("year", str(DEFAULT_YEAR)))
    names = raw["names"] if raw["names"] in NAME_STYLES else "both"
    if raw["names"] is not None and raw["names"] != names:
        notices.append(Notice("names", names))
    lang = raw["lang"] if raw["lang"] in LANGS else "en"
    if raw["lang"] is not None and raw["lang"] != lang:
        notices.append(Notice("lang", lang))
    compare = None
    if raw["compare"] is not None:
        try:
            compare = _year(raw["compare"])
        except YearError:
            notices.append(Notice("compare", "—"))
    day = None
    if raw["day"] is not None:
        try:
            day = campaign().check_day(raw["day"][:MAX_VALUE_LENGTH])
            year = campaign().year
        except DayError:
            notices.append(Notice("day", str(year)))
        if day is not None and compare is not None:  # a day is shown alone
            compare = None
            notices.append(Notice("compare", "—"))
    shows = {}
    for key in ("position", "compare_position"):
        value = raw[key]
        if value is None:
            continue
        if value in SHOWS and not (key == "position" and day is not None and value != "held"):
            shows[key] = value
        else:  # unknown, or a position on a day of 1945 (a day shows who held the land)
            notices.append(Notice(key, "held"))
    return View(year, names, lang, compare, day, **shows), notices
