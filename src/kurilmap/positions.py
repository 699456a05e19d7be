"""The two governments' positions on the status of land: what each holds, from when, and its quoted source.

The table is ``geodata/sources/positions.json``. Each entry says what the Government of Japan or the
Government of the Soviet Union / Russian Federation holds about a group of display units over a span of
years (``japan``, ``russia`` or ``undetermined``), with a short label, a text in en/ja/ru and the source
quoted. Land without an entry in a year is drawn as administered (the position does not differ from it,
or the atlas records none). Checked at load against the display units: every unit exists, and no unit has
two positions of one side in one year.
"""

from __future__ import annotations

from dataclasses import dataclass

from kurilmap.crosscheck import check_ref
from kurilmap.data import DataError
from kurilmap.validate import SOURCE_FIX

FILE = "sources/positions.json"
#: What a map can show: who administered the land (the default), or one government's position.
SHOWS = ("held", "japan", "russia")
SIDES = ("japan", "russia")


@dataclass(frozen=True)
class Quote:
    """A source's own words, in the language it wrote them; ``kind`` is ``official`` or ``secondary``."""

    text: str
    lang: str
    source: str
    url: str | None
    kind: str


@dataclass(frozen=True)
class Position:
    """What ``side`` holds about ``units`` from ``start`` to ``end`` (None: still held)."""

    id: str
    side: str
    start: int
    end: int | None
    status: str  # japan, russia or undetermined: the look key of the units on that side's map
    units: tuple[str, ...]
    label: dict
    text: dict
    quotes: tuple[Quote, ...]

    def held_in(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Positions:
    """Every entry of the table, and the government each side's map speaks for, by year."""

    entries: tuple[Position, ...]
    titles: dict  # side -> ((from year, en/ja/ru text), ...)
    names: dict  # side -> en/ja/ru ("Japan's position")

    def title(self, side: str, year: int) -> dict:
        """Whose position the map of ``side`` shows in ``year`` (en/ja/ru), e.g. the legend's title.

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> p = load_atlas().positions
        >>> p.title("japan", 2000)["en"], p.title("russia", 1960)["en"], p.title("russia", 2000)["ru"]
        ('Position of the Government of Japan', 'Position of the Government of the Soviet Union', 'Позиция правительства Российской Федерации')
        """
        found = self.titles[side][0][1]
        for start, text in self.titles[side]:
            if start <= year:
                found = text
        return found

    def held(self, side: str, year: int) -> dict[str, Position]:
        """Unit id -> the position ``side`` holds about it in ``year`` (units without one are left out).

        Examples
        --------
        >>> from kurilmap.geometry import load_atlas
        >>> p = load_atlas().positions
        >>> p.held("japan", 1953)["kunashiri"].status, p.held("japan", 1960)["kunashiri"].status
        ('undetermined', 'japan')
        >>> p.held("japan", 1930)
        {}
        """
        return {u: e for e in self.entries if e.side == side and e.held_in(year) for u in e.units}

    def change_years(self, side: str) -> list[int]:
        """The years in which ``side``'s map changes without the administration changing."""
        years = {e.start for e in self.entries if e.side == side}
        years |= {e.end + 1 for e in self.entries if e.side == side and e.end is not None}
        years |= {start for start, _ in self.titles[side]}
        return sorted(years)


def positions_from(raw: dict, units: set[str], first_year: int) -> Positions:
    """The checked table: every unit exists, spans are in order, one position per side, unit and year."""
    entries = []
    for i, e in enumerate(raw["positions"]):
        at = f"positions[{i}] (id {e['id']})"
        for unit in e["units"]:
            check_ref(
                unit,
                units,
                file=FILE,
                where=f"{at} → units",
                what="land unit",
                expected="display units of the map (see kurilmap.geometry.Atlas.display_units)",
            )
        if e["to"] is not None and e["to"] < e["from"]:
            raise DataError(
                f"ends ({e['to']}) before it starts ({e['from']})", file=FILE, where=at, expected="from ≤ to"
            )
        quotes = tuple(Quote(q["text"], q["lang"], q["source"], q["url"], q["kind"]) for q in e["quotes"])
        entries.append(
            Position(
                e["id"], e["side"], e["from"], e["to"], e["status"], tuple(e["units"]), e["label"], e["text"], quotes
            )
        )
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            shared = sorted(set(a.units) & set(b.units))
            if a.side == b.side and shared and _overlap(a, b):
                raise DataError(
                    f"{shared[0]} has two positions of {a.side} ({a.id} and {b.id}) in the same years",
                    file=FILE,
                    where=f"positions (id {b.id})",
                    expected="one position per side, land unit and year",
                    fix=SOURCE_FIX,
                )
    titles = {}
    for side, spec in raw["sides"].items():
        years = [t["from"] for t in spec["titles"]]
        if years != sorted(set(years)) or years[0] > first_year:
            raise DataError(
                f"titles start in {years}",
                file=FILE,
                where=f"sides → {side} → titles",
                expected=f"increasing years, the first no later than {first_year}",
                fix=SOURCE_FIX,
            )
        titles[side] = tuple((t["from"], t["text"]) for t in spec["titles"])
    names = {side: spec["name"] for side, spec in raw["sides"].items()}
    return Positions(tuple(entries), titles, names)


def _overlap(a: Position, b: Position) -> bool:
    end_a = a.end if a.end is not None else 10_000
    end_b = b.end if b.end is not None else 10_000
    return a.start <= end_b and b.start <= end_a
