"""Periods, states and occupations: which border was in force in a given year."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from kurilmap.i18n import pick

FIRST_YEAR = 1850
HOLDERS = ("japan", "russia", "shared", "contested")


def last_year() -> int:
    """The last year of the slider: the current year."""
    return _dt.date.today().year


class YearError(ValueError):
    """A year outside the map's range, with a message that says what to do."""


def check_year(year) -> int:
    """Return ``year`` as an int, or raise :class:`YearError` if it is off the map (no data needed).

    Examples
    --------
    >>> check_year("1905")
    1905
    """
    try:
        value = int(str(year).strip())
    except (TypeError, ValueError):
        raise YearError(f"year must be a whole number such as 1905, not {str(year)[:40]!r}") from None
    if not FIRST_YEAR <= value <= last_year():
        raise YearError(f"year {value} is outside the map's range: choose a year from {FIRST_YEAR} to {last_year()}")
    return value


@dataclass(frozen=True)
class Period:
    """A span of years with one border, starting with the treaty or act that set it."""

    id: str
    start: int
    end: int  # last year of the period, inclusive
    treaty: str | None
    label: dict
    holders: dict  # zone -> holder
    lines: tuple  # ids of the treaty lines in force
    disputed: bool = False  # the four southern islands are disputed in this period
    basis: dict | None = None  # without an agreed border: what the spheres rest on (text, source, zones)


@dataclass(frozen=True)
class Occupation:
    """An occupation that did not change sovereignty (shown for years start..end-1)."""

    id: str
    zone: str
    by: str
    start: int
    end: int
    end_treaty: str
    label: dict
    note: str

    def covers(self, year: int) -> bool:
        return self.start <= year < self.end


@dataclass(frozen=True)
class History:
    """The tables of ``periods.json``: periods, occupations and state names."""

    periods: tuple[Period, ...]
    occupations: tuple[Occupation, ...]
    states: dict = field(repr=False)

    def check_year(self, year) -> int:
        """Return ``year`` as an int, or raise :class:`YearError` if it is off the map (see :func:`check_year`)."""
        return check_year(year)

    def period_for(self, year) -> Period:
        """The period in force at the end of ``year``.

        Examples
        --------
        >>> from kurilmap.geometry import history
        >>> history().period_for(1905).treaty
        'portsmouth-1905'
        >>> history().period_for(1850).id
        '1850'
        """
        year = self.check_year(year)
        return next(p for p in reversed(self.periods) if p.start <= year)

    def period(self, period_id: str) -> Period:
        for p in self.periods:
            if p.id == period_id:
                return p
        raise KeyError(f"no period {period_id!r}; periods are {', '.join(p.id for p in self.periods)}")

    def occupations_in(self, year) -> list[Occupation]:
        """Occupations in force at the end of ``year`` (e.g. northern Sakhalin, 1920-1924)."""
        year = self.check_year(year)
        return [o for o in self.occupations if o.covers(year)]

    def state_name(self, holder: str | None, year, lang: str = "en") -> str | None:
        """The name of the state behind ``holder`` in ``year``.

        Examples
        --------
        >>> from kurilmap.geometry import history
        >>> history().state_name("russia", 1950)
        'Soviet Union'
        >>> history().state_name("japan", 1860)
        'Tokugawa shogunate'
        """
        if holder is None:
            return None
        year = int(year)
        spans = self.states[holder]
        name = next(s for s in reversed(spans) if s["start"] <= year)["name"]
        return pick(name, lang)

    def states_during(self, holder: str, period: Period, lang: str = "en") -> str:
        """The names of the states behind ``holder`` over a whole period, in order.

        Examples
        --------
        >>> from kurilmap.geometry import history
        >>> h = history()
        >>> h.states_during("russia", h.period("1905"))
        'Russian Empire / Russia (revolution and civil war) / Soviet Union'
        """
        names = [self.state_name(holder, y, lang) for y in range(period.start, min(period.end, last_year()) + 1)]
        return " / ".join(dict.fromkeys(names))

    def neighbouring_change(self, year) -> int:
        """A year to compare ``year`` with: the start of the previous period (or of the next).

        Examples
        --------
        >>> from kurilmap.geometry import history
        >>> history().neighbouring_change(1910), history().neighbouring_change(1850)
        (1875, 1855)
        """
        period = self.period_for(year)
        i = self.periods.index(period)
        return self.periods[i - 1].start if i > 0 else self.periods[1].start

    def phase_starts(self, extra=()) -> list[int]:
        """Years from which something on the map may read differently: periods, occupations, state names,
        and the ``extra`` years given (the years place names change, from :func:`kurilmap.scene.name_years`).

        Between two of these years the scene (looks, names, legend, texts) is the same but for the year.

        Examples
        --------
        >>> from kurilmap.geometry import history
        >>> history().phase_starts()[:4]
        [1850, 1855, 1868, 1875]
        """
        years = {p.start for p in self.periods} | set(self.change_years())
        years |= {span["start"] for spans in self.states.values() for span in spans}
        years |= set(extra)
        return sorted(y for y in years if FIRST_YEAR <= y <= last_year())

    def change_years(self) -> list[int]:
        """Years in which the map changes: period starts and occupation starts and ends."""
        years = {p.start for p in self.periods[1:]}
        for occ in self.occupations:
            years |= {occ.start, occ.end}
        return sorted(years)


def history_from(raw: dict) -> History:
    """The :class:`History` of a ``periods.json`` table that passed its schema."""
    starts = [p["start"] for p in raw["periods"]]
    periods = []
    for i, p in enumerate(raw["periods"]):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else 9999
        periods.append(
            Period(
                p["id"],
                p["start"],
                end,
                p["treaty"],
                p["label"],
                p["holders"],
                tuple(p["lines"]),
                bool(p.get("disputed")),
                p.get("basis"),
            )
        )
    occupations = tuple(Occupation(**o) for o in raw["occupations"])
    return History(tuple(periods), occupations, raw["states"])
