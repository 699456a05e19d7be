"""What changed hands between two maps: a year, or a day of the 1945 sequence, on either side.

A *side* is ``(year, day)``: the end of a year (``day`` None), or the end of a day of 1945 (``year`` 1945).
The one rule of a change: a display unit changed hands when its holder differs between the two sides
(:func:`changed_sides`). On a day of 1945 a unit is held as at the end of the last period before 1945 until
the day it came under Soviet control, then as in the 1945 period (:func:`day_holder`). Captions name the
states period-true and give the area that changed hands; with no change they name the nearest pair of
years that would show one (:func:`change_hint`).
"""

from __future__ import annotations

from functools import cache

from kurilmap.geometry import Atlas
from kurilmap.i18n import date_text, number, t
from kurilmap.periods import FIRST_YEAR, last_year

Side = tuple[int, "str | None"]


def day_holder(atlas: Atlas, unit: dict, day: str) -> tuple[str | None, str, str]:
    """(status, holder, period id) of a display unit at the end of a ``day`` of the 1945 sequence: the status
    of its step (:meth:`kurilmap.campaign.Campaign.status`), and who held it as in which period's table."""
    status = atlas.campaign.status(unit["id"], day)
    taken = status in ("held", "unrecorded")  # the holder of the period the sequence leads to (not yet a dispute)
    period = atlas.history.period_for(atlas.campaign.year - (0 if taken else 1))
    return status, unit["holders"][period.id], period.id


def state(atlas: Atlas, holder: str, year: int, lang: str) -> str:
    """The period-true name of the state behind ``holder`` in ``year`` (e.g. Russian Empire in 1875)."""
    return atlas.history.state_name(holder, year, lang) or t(f"holder_{holder}", lang)


def km2(value: float, lang: str) -> str:
    """An area in whole km², grouped as the language writes numbers (:func:`kurilmap.i18n.number`)."""
    return number(value, lang)


def changed_units(atlas: Atlas, year_a: int, year_b: int) -> frozenset[str]:
    """Display units whose holder differs between the ends of two years.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> sorted(changed_units(load_atlas(), 1890, 1910))
    ['moneron', 'sakhalin-south']
    """
    pa, pb = atlas.history.period_for(year_a).id, atlas.history.period_for(year_b).id
    return _changed_between_periods(atlas, pa, pb)


@cache
def _changed_between_periods(atlas: Atlas, period_a: str, period_b: str) -> frozenset[str]:
    return frozenset(u["id"] for u in atlas.display_units() if u["holders"][period_a] != u["holders"][period_b])


@cache
def _periods(atlas: Atlas, side: Side) -> dict[str, str]:
    """The period table each island is held as on ``side``: the year's period, or on a day of 1945 the one
    before or after it, island by island."""
    year, day = side
    if day is None:
        return {}
    out: dict[str, str] = {}
    for unit in atlas.display_units():
        if atlas.campaign.step_of(unit["id"]) is not None:  # land that changed hands in 1945 decides its island
            out[unit["island"]] = day_holder(atlas, unit, day)[2]
    return out


def changed_sides(atlas: Atlas, a: Side, b: Side) -> frozenset[str]:
    """Display units whose holder differs between two sides (a year or a day of 1945 each).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> atlas = load_atlas()
    >>> changed_sides(atlas, (1945, "1945-08-08"), (2026, None)) == changed_units(atlas, 1944, 2026)
    True
    >>> {"kunashiri", "shikotan"} <= changed_sides(atlas, (1945, "1945-08-28"), (1945, "1945-09-05"))
    True
    >>> changed_sides(atlas, (1945, "1945-09-05"), (2026, None))
    frozenset()
    """
    if a[1] is None and b[1] is None:
        return changed_units(atlas, a[0], b[0])
    units, ha, hb = atlas.display_units(), _holders(atlas, tuple(a)), _holders(atlas, tuple(b))
    return frozenset(u["id"] for u, x, y in zip(units, ha, hb) if x != y)


@cache
def _holders(atlas: Atlas, side: Side) -> tuple[str, ...]:
    """Who held each display unit on ``side`` (computed once per side: the static atlas asks for every pair)."""
    return tuple(_holder(atlas, u, side) for u in atlas.display_units())


def _holder(atlas: Atlas, unit: dict, side: Side) -> str:
    year, day = side
    if day is not None:
        return day_holder(atlas, unit, day)[1]
    return unit["holders"][atlas.history.period_for(year).id]


def diff_summary(atlas: Atlas, a: Side, b: Side) -> dict[tuple[str, str], float]:
    """Area in km² that changed holder between two sides, per (from holder, to holder)."""
    if a[1] is None and b[1] is None:
        return atlas.diff_summary(a[0], b[0])
    return dict(_day_diff_summary(atlas, tuple(a), tuple(b)))


@cache
def _day_diff_summary(atlas: Atlas, a: Side, b: Side) -> tuple:
    pa, pb = _periods(atlas, a), _periods(atlas, b)
    default_a, default_b = atlas.history.period_for(a[0]).id, atlas.history.period_for(b[0]).id
    out: dict[tuple[str, str], float] = {}
    pairs = {(pa.get(i, default_a), pb.get(i, default_b)) for i in set(pa) | set(pb)} | {(default_a, default_b)}
    for period_a, period_b in pairs:
        for change in atlas._diff(period_a, period_b):
            if (pa.get(change.island, default_a), pb.get(change.island, default_b)) != (period_a, period_b):
                continue  # this island is held as in other periods on one of the sides
            key = (change.from_holder, change.to_holder)
            out[key] = round(out.get(key, 0.0) + change.area_km2, 1)
    return tuple(out.items())


def side_text(side: Side, lang: str) -> str:
    """A side as a caption writes it: the year, or the day of 1945 as ``lang`` writes dates."""
    return date_text(side[1], lang) if side[1] is not None else str(side[0])


def full_text(side: Side, lang: str) -> str:
    """A side as a title writes it: the day, or the year with the language's word for it ("1905年", "1905 г.")."""
    return date_text(side[1], lang) if side[1] is not None else t("year_text", lang, year=side[0])


def ordered(a: Side, b: Side) -> tuple[Side, Side]:
    """The earlier side first (a day of 1945 before the end of that year)."""
    return tuple(sorted((a, b), key=lambda s: (int(s[0]), s[1] or "~")))  # type: ignore[return-value]


def change_parts(atlas: Atlas, early, late, lang: str) -> list[str]:
    """Each change of holder between two years (or sides), largest first: 'Russian Empire → Empire of Japan
    33,319 km²'."""
    early, late = (s if isinstance(s, tuple) else (int(s), None) for s in (early, late))
    summary = diff_summary(atlas, early, late)
    return [
        t("from_to", lang, src=state(atlas, a, early[0], lang), dst=state(atlas, b, late[0], lang))
        + f" {km2(value, lang)} {t('km2', lang)}"
        for (a, b), value in sorted(summary.items(), key=lambda kv: -kv[1])
    ]


def change_caption(atlas: Atlas, year_a, year_b, lang: str, shown: tuple[str, str] | None = None) -> str:
    """Land that changed hands between two years (or sides: ``(year, day)``), earlier first, with period-true
    state names; with no change, the nearest pair of years that would show one (:func:`change_hint`).
    ``shown``: what to write for the earlier and the later side (the static atlas's slots), instead of them.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> change_caption(load_atlas(), 1921, 1875, "en")
    'Changed hands between the two years (1875 → 1921): Russian Empire → Empire of Japan 33,319 km²'
    >>> change_caption(load_atlas(), 1945, 2026, "en")
    'Changed hands between the two years (1945 → 2026): No land changed hands. For a change, compare 1944 with 2026.'
    >>> change_caption(load_atlas(), (1945, "1945-08-08"), 2026, "en")
    'Changed hands between the two years (8 August 1945 → 2026): Empire of Japan → Russian Federation 43,801 km²'
    """
    early, late = ordered(*((s if isinstance(s, tuple) else (int(s), None)) for s in (year_a, year_b)))
    first, last = shown or (side_text(early, lang), side_text(late, lang))
    text = f"{t('changed', lang)} ({first} → {last}): " + (
        "; ".join(change_parts(atlas, early, late, lang)) or t("no_change", lang)
    )
    hint = change_hint(atlas, early, late)  # (another year, late) or (early, another year)
    if hint:
        a, b = (first if hint[0] == early else side_text(hint[0], lang)), (last if hint[1] == late else hint[1][0])
        days = hint[0][1] is not None or hint[1][1] is not None
        text += " " + t("change_hint_days" if days else "change_hint", lang, a=a, b=b)
    return text


def change_hint(atlas: Atlas, a, b) -> tuple | None:
    """For two years (or sides) between which no land changed hands, the nearest pair that shows a change: the
    later with the last year before the earlier one that differs from it, else the earlier with the first year
    after. Years in, years out; sides in, sides out.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> change_hint(load_atlas(), 1950, 1960), change_hint(load_atlas(), 1850, 1854), change_hint(load_atlas(), 1850, 1875)
    ((1944, 1960), (1850, 1855), None)
    >>> change_hint(load_atlas(), (1945, "1945-09-05"), (2026, None))
    ((1944, None), (2026, None))
    """
    years = not isinstance(a, tuple)
    early, late = ordered(*((s if isinstance(s, tuple) else (int(s), None)) for s in (a, b)))
    found = None
    if not changed_sides(atlas, early, late):
        for year in range(early[0] - 1, FIRST_YEAR - 1, -1):
            if changed_sides(atlas, (year, None), late):
                found = (year, None), late
                break
        else:
            for year in range(late[0] + 1, last_year() + 1):
                if changed_sides(atlas, early, (year, None)):
                    found = early, (year, None)
                    break
    if found is None or not years:
        return found
    return found[0][0], found[1][0]
