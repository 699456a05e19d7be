"""1945 day by day: which land Soviet forces held on each day from 8 August (the declaration of war) to
5 September 1945.

The table is ``geodata/sources/campaign_1945.json``: steps (groups of display units of one kind, with the
day the Soviet offensive or landing began there and the day the land was under Soviet control), the
dated Soviet entries into the towns of South Sakhalin (marked places: the land stays one unit), and
dated marks (the entry into the war, the acceptance of the terms, the surrender of 2 September). The
map of a day shows the state at the end of that day. Checked at load against the period table: every unit that
changes hands between the last period before 1945 and the 1945 period is in exactly one step.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from kurilmap.data import DataError
from kurilmap.validate import SOURCE_FIX

FILE = "sources/campaign_1945.json"


class DayError(ValueError):
    """A day outside the 1945 sequence, with a message that says what to do."""


#: Kinds of step: what is under way between ``landing`` and ``held`` (the status of those days), or
#: ``unrecorded`` (no landing recorded: the status from ``held`` on). See :meth:`Campaign.status`.
KINDS = ("offensive", "landing", "unrecorded", "undated")


@dataclass(frozen=True)
class Step:
    """Display units taken in one move: the offensive or landing from ``landing``, under Soviet control from ``held``."""

    id: str
    kind: str  # one of KINDS
    units: tuple[str, ...]
    landing: str  # ISO day
    held: str  # ISO day
    label: dict
    note: dict | str  # en/ja/ru, or "" for none
    source: str


@dataclass(frozen=True)
class Entry:
    """A dated Soviet entry into a town of South Sakhalin, marked on the map from its ``date``."""

    id: str
    date: str
    lon: float
    lat: float
    place: dict  # en/ja/ru
    label: dict
    source: str


@dataclass(frozen=True)
class Mark:
    """A dated moment of the sequence (the surrender of 2 September, ...)."""

    date: str
    label: dict
    source: str


@dataclass(frozen=True)
class Campaign:
    """The steps and marks of the 1945 sequence, from ``first`` to ``last`` (ISO days)."""

    first: str
    last: str
    steps: tuple[Step, ...]
    entries: tuple[Entry, ...]
    marks: tuple[Mark, ...]

    @property
    def year(self) -> int:
        return int(self.first[:4])

    def days(self) -> list[str]:
        """Every day of the sequence, in order.

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> days = load_atlas().campaign.days()
        >>> days[0], days[-1], len(days)
        ('1945-08-09', '1945-09-05', 28)
        """
        start, end = _dt.date.fromisoformat(self.first), _dt.date.fromisoformat(self.last)
        return [(start + _dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]

    def check_day(self, value) -> str:
        """``value`` as an ISO day of the sequence, or :class:`DayError`.

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> load_atlas().campaign.check_day(" 1945-08-28 ")
        '1945-08-28'
        """
        text = str(value).strip()[:40]
        try:
            day = _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise DayError(f"day must be a date such as {self.first} (YYYY-MM-DD), not {text!r}") from None
        if not self.first <= day <= self.last:
            raise DayError(f"day {day} is outside the 1945 sequence: choose a day from {self.first} to {self.last}")
        return day

    def step_of(self, unit_id: str) -> Step | None:
        """The step that covers a display unit, or None for land outside the sequence."""
        return next((step for step in self.steps if unit_id in step.units), None)

    def status(self, unit_id: str, day: str) -> str | None:
        """The status of a unit of a step at the end of ``day``; None for other land.

        ``before`` (as in 1905-1944), then while under way the step's kind (``offensive``, ``landing``
        or ``undated``: the day of entry unknown), then ``held``, or ``unrecorded`` for land on which
        no landing is recorded, under Soviet control from ``held``.

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> c = load_atlas().campaign
        >>> c.status("shumushu", "1945-08-17"), c.status("shumushu", "1945-08-20"), c.status("etorofu", "1945-08-28")
        ('before', 'landing', 'held')
        >>> c.status("paramushiru", "1945-08-23"), c.status("paramushiru", "1945-08-24"), c.status("raikoke", "1945-08-30")
        ('landing', 'held', 'unrecorded')
        """
        step = self.step_of(unit_id)
        if step is None:
            return None
        if day >= step.held:
            return "unrecorded" if step.kind == "unrecorded" else "held"
        return step.kind if day >= step.landing else "before"

    def marks_on(self, day: str) -> list[Mark]:
        """The marks of ``day`` itself (the heading of a day lists only these).

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> c = load_atlas().campaign
        >>> [m.date for m in c.marks_on("1945-09-02")], c.marks_on("1945-08-28")
        (['1945-09-02'], [])
        """
        return [m for m in self.marks if m.date == day]

    def entries_by(self, day: str) -> list[Entry]:
        """The town entries made on or before ``day``, in order (each is marked from its day on)."""
        return [e for e in self.entries if e.date <= day]

    def happened(self, day: str) -> list[tuple[str, dict]]:
        """What happened on ``day``: (kind, label) for each mark, town entry, start and end of a step that day."""
        out = [("mark", m.label) for m in self.marks_on(day)]
        out += [("entry", e.label) for e in self.entries if e.date == day]
        for step in self.steps:
            if step.landing == day and step.held != day and step.kind != "undated":
                out.append((step.kind, step.label))
            if step.held == day:
                out.append(("held", step.label))
        return out

    def mark_days(self) -> list[tuple[str, list[dict]]]:
        """The days the day slider marks, with what happened: the sequence's marks and each landing or offensive.

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> days = load_atlas().campaign.mark_days()
        >>> [d[8:] for d, _ in days][:5], days[3][1][0]["en"].split(":")[0]
        (['09', '11', '14', '18', '23'], 'Shumshu')
        """
        out: dict[str, list[dict]] = {}
        for m in self.marks:
            out.setdefault(m.date, []).append(m.label)
        for step in self.steps:
            if step.kind in ("offensive", "landing"):
                out.setdefault(step.landing, []).append(step.label)
        return sorted(out.items())

    def change_days(self) -> list[str]:
        """Days on which the map or its heading changes: the first day, marks, landings, occupations."""
        days = {self.first} | {m.date for m in self.marks}
        days |= {s.landing for s in self.steps} | {s.held for s in self.steps} | {e.date for e in self.entries}
        return sorted(days)


def campaign_from(raw: dict, unit_holders: dict[str, dict], before: str, after: str) -> Campaign:
    """The :class:`Campaign` of a table that passed its schema, checked against the units' holders.

    ``unit_holders`` maps each display unit to its holder per period; ``before`` and ``after`` are
    the periods either side of the sequence (1905 and 1945).
    """
    first, last = raw["first"], raw["last"]
    _day(first, "first")
    _day(last, "last")
    if not first < last:
        raise DataError(f"first day {first} is not before the last {last}", file=FILE, where="first, last")
    seen: dict[str, str] = {}
    steps = []
    for i, s in enumerate(raw["steps"]):
        at = f"steps[{i}] (id {s['id']})"
        if s["kind"] not in KINDS:
            raise DataError(f"kind {s['kind']!r} is not one of {', '.join(KINDS)}", file=FILE, where=at)
        if s["kind"] == "unrecorded" and s["landing"] != s["held"]:
            raise DataError(
                "a step with no landing recorded has no days under way", file=FILE, where=at, expected="landing = held"
            )
        for field in ("landing", "held"):
            _day(s[field], f"{at} → {field}")
            if not first <= s[field] <= last:
                raise DataError(f"{field} {s[field]} is outside {first} to {last}", file=FILE, where=at)
        if s["landing"] > s["held"]:
            raise DataError(
                f"held ({s['held']}) before the landing ({s['landing']})",
                file=FILE,
                where=at,
                expected="landing ≤ held",
            )
        for unit in s["units"]:
            if unit not in unit_holders:
                raise DataError(
                    f"unit {unit!r} is not a display unit of the layers",
                    file=FILE,
                    where=f"{at} → units",
                    expected="ids such as sakhalin-south, shumushu, etorofu",
                    fix=SOURCE_FIX,
                )
            if unit in seen:
                raise DataError(f"unit {unit!r} is also in step {seen[unit]}", file=FILE, where=f"{at} → units")
            seen[unit] = s["id"]
        steps.append(
            Step(s["id"], s["kind"], tuple(s["units"]), s["landing"], s["held"], s["label"], s["note"], s["source"])
        )
    changed = {u for u, h in unit_holders.items() if h[before] != h[after]}
    if changed != set(seen):
        missing, extra = sorted(changed - set(seen)), sorted(set(seen) - changed)
        raise DataError(
            (f"no step for {', '.join(missing)}" if missing else f"{', '.join(extra)} did not change hands in {after}"),
            file=FILE,
            where="steps → units",
            expected=f"exactly the land whose holder changes from period {before} to {after} in sources/periods.json",
            fix=SOURCE_FIX,
        )
    entries = []
    for i, e in enumerate(raw["entries"]):
        _day(e["date"], f"entries[{i}] → date")
        if not first <= e["date"] <= last:
            raise DataError(f"date {e['date']} is outside {first} to {last}", file=FILE, where=f"entries[{i}]")
        entries.append(Entry(e["id"], e["date"], e["lon"], e["lat"], e["place"], e["label"], e["source"]))
    marks = []
    for i, m in enumerate(raw["marks"]):
        _day(m["date"], f"marks[{i}] → date")
        if not first <= m["date"] <= last:
            raise DataError(f"date {m['date']} is outside {first} to {last}", file=FILE, where=f"marks[{i}]")
        marks.append(Mark(m["date"], m["label"], m["source"]))
    by_date = tuple(sorted(entries, key=lambda e: e.date))
    return Campaign(first, last, tuple(steps), by_date, tuple(sorted(marks, key=lambda m: m.date)))


def _day(value: str, where: str) -> None:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise DataError(f"{value!r} is not a real day", file=FILE, where=where, expected="a day YYYY-MM-DD") from None
