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
    day: str | None = None  # a day of the 1945 sequence (then ``year`` is 1945)
    position: str = "held"  # what the map shows: who administered the land, or "japan"/"russia" (a position)
    compare_position: str = "held"  # the same for the second map of a comparison
    tour: str | None = field(default=None, repr=False)  # a guided tour (kurilmap.tours) and its step, from 1
    step: int | None = field(default=None, repr=False)
    compare_day: str | None = field(default=None, repr=False)  # a day of 1945 on the second map (``compare`` 1945)

    def __post_init__(self):
        """A comparison reads from the earlier side to the later: ``year`` (and ``day``) is the earlier (the left
        map, first in every title), whichever side was set last. A day of 1945 comes before the end of 1945.

        >>> View(2026, compare=1944, position="russia")
        View(year=1944, names='both', lang='en', compare=2026, day=None, position='held', compare_position='russia')
        >>> v = View(1945, compare=1945, compare_day="1945-08-08")
        >>> v.when, v.compare_when
        ('1945-08-08', '1945')
        """
        if self.compare is not None and _order(self.compare, self.compare_day) < _order(self.year, self.day):
            for a, b in (("year", "compare"), ("day", "compare_day"), ("position", "compare_position")):
                first, second = getattr(self, a), getattr(self, b)
                object.__setattr__(self, a, second)
                object.__setattr__(self, b, first)

    @property
    def sides(self) -> tuple[tuple[int, str | None], ...]:
        """(year, day) of each map: one, or the earlier and the later of a comparison."""
        one = ((self.year, self.day),)
        return one if self.compare is None else one + ((self.compare, self.compare_day),)

    def to_query(self) -> dict[str, str]:
        query = {"year": str(self.year), "names": self.names, "lang": self.lang}
        if self.compare is not None:
            query["compare"] = self.compare_when
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

    @property
    def compare_when(self) -> str | None:
        """The same for the second map of a comparison (None without one)."""
        return None if self.compare is None else self.compare_day or str(self.compare)

    def file_name(self, suffix: str) -> str:
        """A file name that says which view an export holds.

        Examples
        --------
        >>> View(1945, lang="ja", compare=2026).file_name(".pdf")
        'kuril-border-1945-vs-2026-ja.pdf'
        >>> View(1945, day="1945-08-28").file_name(".png")
        'kuril-border-1945-08-28-en.png'
        >>> View(2026, compare=1945, compare_day="1945-08-08").file_name(".svg")
        'kuril-border-1945-08-08-vs-2026-en.svg'
        >>> View(2026, position="japan", compare=2026, compare_position="russia").file_name(".png")
        'kuril-border-2026-japan-position-vs-2026-russia-position-en.png'
        """
        compare = ""
        if self.compare is not None:
            compare = f"-vs-{self.compare_when}{_position_part(self.compare_position)}"
        return f"kuril-border-{self.when}{_position_part(self.position)}{compare}-{self.lang}{suffix}"

    def propose(self, **changes) -> View:
        """This view with ``changes`` applied where they are valid; invalid values change nothing.

        Every control (map sliders, sidebar, URL, back/forward) changes the view through here.
        Switching compare on without a year compares with today, or, from a year of today's border,
        with the last year before it came (so that something changed hands). ``compare`` takes a year or a
        day of the 1945 sequence. A day sets its map's year to 1945; a year without a day leaves the sequence;
        a day and a position exclude each other (a day of 1945 shows who held the land that day).

        Examples
        --------
        >>> View(2000).propose(compare=True)  # the earlier year first
        View(year=1944, names='both', lang='en', compare=2000, day=None, position='held', compare_position='held')
        >>> View(1910).propose(compare=True).compare == last_year()
        True
        >>> View(1910).propose(year="1700", lang="ja")
        View(year=1910, names='both', lang='ja', compare=None, day=None, position='held', compare_position='held')
        >>> View(2026, compare=1875).propose(day="1945-08-28").to_query()["day"]  # a day on the first map
        '1945-08-28'
        >>> View(day="1945-08-08", year=1945).propose(compare=True).compare_when == str(last_year())
        True
        >>> View(2000).propose(position="japan").position, View(2000).propose(position="china").position
        ('japan', 'held')
        """
        clean = {}
        tour = changes.pop("tour", None)  # only "" (leave the tour): kurilmap.tours.open_step opens a step
        if changes.get("day") is not None:
            with contextlib.suppress(DayError):
                clean.update(day=campaign().check_day(changes["day"]), year=campaign().year, position="held")
                changes = {k: v for k, v in changes.items() if k != "year"}  # the day sets the year
        changes.pop("day", None)
        for name, value in changes.items():
            if name == "year":
                with contextlib.suppress(YearError):
                    clean.update(year=history().check_year(value), day=None)
            elif name == "compare":
                if value is None or value is False:
                    clean.update(compare=None, compare_day=None)
                elif value is True:
                    if self.compare is None:
                        day = clean.get("day", self.day) if "year" not in clean else None
                        clean.update(compare=_compare_default(clean.get("year", self.year), day), compare_day=None)
                else:
                    with contextlib.suppress(YearError, DayError):
                        year, day = parse_side(value)
                        clean.update(compare=year, compare_day=day)
                        if day is not None:
                            clean["compare_position"] = "held"
            elif name == "names" and value in NAME_STYLES:
                clean["names"] = value
            elif name == "lang" and value in LANGS:
                clean["lang"] = value
            elif name in ("position", "compare_position") and value in SHOWS:
                clean[name] = value
                if value != "held":
                    clean["day" if name == "position" else "compare_day"] = None
        moved = ("year", "day", "compare", "compare_day")
        if tour == "" or any(clean.get(k, getattr(self, k)) != getattr(self, k) for k in moved):
            clean.update(tour=None, step=None)  # leaving the tour (its button, or any other year, day or compare)
        if clean.get("compare", self.compare) is None:
            clean["compare_day"] = None
        return replace(self, **clean)


def parse_side(value) -> tuple[int, str | None]:
    """A map's year, or a day of the 1945 sequence (``YYYY-MM-DD``), as (year, day); YearError or DayError.

    >>> parse_side("1905"), parse_side("1945-08-08")
    ((1905, None), (1945, '1945-08-08'))
    """
    text = str(value)
    if len(text) > 4 and "-" in text[1:]:
        return campaign().year, campaign().check_day(text[:MAX_VALUE_LENGTH])
    return history().check_year(text), None


def compared_view(
    year,
    names: str = "both",
    lang: str = "en",
    compare=None,
    day: str | None = None,
    position: str = "held",
    compare_position: str = "held",
) -> View:
    """The view of an export's or a function's arguments, ``compare`` a year or a day of 1945 (``"1945-08-08"``);
    YearError or DayError for a value that is neither.

    >>> compared_view(2026, compare="1945-08-08").file_name(".png")
    'kuril-border-1945-08-08-vs-2026-en.png'
    """
    compare_day = None
    if compare is not None:
        compare, compare_day = parse_side(compare)
    return View(int(year), names, lang, compare, day, position, compare_position, compare_day=compare_day)


def _order(year: int, day: str | None) -> tuple[int, str]:
    """Where a map stands in time: a day of 1945 before the end of that year."""
    return year, day or "~"


def _position_part(show: str) -> str:
    """A position map's file names say whose position it shows; the default's say nothing more."""
    return "" if show == "held" else f"-{show}-position"


def _compare_default(year: int, day: str | None = None) -> int:
    """Today, or the year before today's border began when ``year`` already shows it (a day of 1945: today)."""
    latest = history().periods[-1]
    return latest.start - 1 if year >= latest.start and day is None else last_year()


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
    >>> parse_query({"day": "1945-08-08", "compare": "2026"})[0].to_query()
    {'year': '1945', 'names': 'both', 'lang': 'en', 'compare': '2026', 'day': '1945-08-08'}

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
    compare = compare_day = None
    if raw["compare"] is not None:
        try:
            if len(raw["compare"]) > MAX_VALUE_LENGTH:
                raise YearError("bad compare")
            compare, compare_day = parse_side(raw["compare"])
        except (YearError, DayError):
            notices.append(Notice("compare", "—"))
    day = None
    if raw["day"] is not None:
        try:
            day = campaign().check_day(raw["day"][:MAX_VALUE_LENGTH])
            year = campaign().year
        except DayError:
            notices.append(Notice("day", str(year)))
    shows = {}
    for key, on_day in (("position", day), ("compare_position", compare_day)):
        value = raw[key]
        if value is None:
            continue
        if value in SHOWS and not (on_day is not None and value != "held"):
            shows[key] = value
        else:  # unknown, or a position on a day of 1945 (a day shows who held the land)
            notices.append(Notice(key, "held"))
    return View(year, names, lang, compare, day, **shows, compare_day=compare_day), notices
