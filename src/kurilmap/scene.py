"""The scene of a view: everything that is drawn and written, computed once for every renderer.

A view (year, compare year, naming style, language) becomes a :class:`Scene`: the look key of
each land unit, the names on the map, the border lines in force, the legend, the headings,
the tooltips and the compare caption. The Leaflet page, the panel and the exporters render a
scene; none of them decides history, names or looks. Each rule has one home here (or in the
history tables it reads): who held a unit and how that looks (:func:`unit_look`), which name a
place has (:func:`place_label`), what counts as a change (:func:`kurilmap.compare.changed_sides`).

For the browser, :func:`kurilmap.pagetable.page_table` computes the same pieces for every phase of the timeline
(a span of years in which nothing but the year number changes), so the map can switch years
without a round trip while still only applying what Python decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kurilmap.compare import (  # noqa: F401  (the rules of a change, read from here by the renderers too)
    _changed_between_periods,
    change_caption,
    change_hint,
    change_parts,
    changed_sides,
    changed_units,
    day_holder,
    full_text,
    km2,
    ordered,
    state,
)
from kurilmap.entries import EntryMark, entry_marks  # noqa: F401  (EntryMark: part of a scene)
from kurilmap.geometry import Atlas, history
from kurilmap.i18n import LANGS, article_text, date_text, pick, place_name, t
from kurilmap.naming import HOLDER_STYLES, all_names, holder_name, names_in_use
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.places import Place, _names, places, zone_of  # noqa: F401  (Place: part of a scene)
from kurilmap.style import LOOKS
from kurilmap.view import View

#: Looks of a day of the 1945 sequence that are not a holder's (see :func:`unit_look`).
DAY_LOOKS = ("offensive", "landing", "undated", "unrecorded")


# ---------------------------------------------------------------------------------------------- rules


def unit_look(atlas: Atlas, unit: dict, year: int, day: str | None = None) -> tuple[str, str, str]:
    """The look key, holder and period feature id of a display unit at the end of ``year`` (or of ``day``).

    Looks: the holder (``japan``, ``russia``, ``shared``, ``contested``), or ``disputed`` for the
    four islands while they are disputed, or ``occupied`` for land under an occupation that did
    not change sovereignty; on a ``day`` of the 1945 sequence the status of a step while it is under
    way (``offensive``, ``landing``, ``undated``: the day of entry unknown) and ``unrecorded`` for land
    under Soviet control on which no landing is recorded (see :meth:`kurilmap.campaign.Campaign.status`).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> atlas = load_atlas()
    >>> south = next(u for u in atlas.display_units() if u["id"] == "sakhalin-south")
    >>> unit_look(atlas, south, 1921), unit_look(atlas, south, 1890)[0]
    (('japan', 'japan', 'sakhalin-south'), 'russia')
    >>> [unit_look(atlas, south, 1945, d)[0] for d in ("1945-08-10", "1945-08-11", "1945-08-25")]
    ['japan', 'offensive', 'russia']
    """
    history = atlas.history
    if day is not None:
        status, holder, period_id = day_holder(atlas, unit, day)
        return (holder if status in (None, "before", "held") else status), holder, unit["features"][period_id]
    period = history.period_for(year)
    holder = unit["holders"][period.id]
    if period.disputed and unit["island"] in atlas.disputed_islands:
        look = "disputed"
    elif any(o.zone == unit["zone"] for o in history.occupations_in(year)):
        look = "occupied"
    else:
        look = holder
    return look, holder, unit["features"][period.id]


def shown_look(atlas: Atlas, unit: dict, year: int, show: str = "held", day: str | None = None) -> tuple:
    """The look key, holder, period feature id and position of a unit on a map that shows ``show``.

    ``show`` is ``held`` (who administered the land: :func:`unit_look`) or a side (``japan``, ``russia``):
    then a unit about which that side holds a position in ``year`` takes the position's status as its look
    (``japan``, ``russia`` or ``undetermined``); other land is drawn as administered. The holder stays who
    administered it (the tooltip says so). A day of the 1945 sequence always shows who held the land.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> atlas = load_atlas()
    >>> kunashiri = next(u for u in atlas.display_units() if u["id"] == "kunashiri")
    >>> [shown_look(atlas, kunashiri, 1960, s)[0] for s in ("held", "japan", "russia")]
    ['disputed', 'japan', 'russia']
    >>> shown_look(atlas, kunashiri, 1953, "japan")[0], shown_look(atlas, kunashiri, 1953, "japan")[3].id
    ('undetermined', 'japan-south-kurils-1952')
    """
    look, holder, fid = unit_look(atlas, unit, year, day)
    if show == "held" or day is not None:
        return look, holder, fid, None
    position = atlas.positions.held(show, year).get(unit["id"])
    return (position.status if position else look), holder, fid, position


def position_title(atlas: Atlas, show: str, year: int, lang: str) -> str | None:
    """Whose position a map shows ("Position of the Government of Japan"), or None for the default map."""
    return None if show == "held" else pick(atlas.positions.title(show, year), lang)


def place_label(names: dict, year: int | None, style: str, lang: str) -> str:
    """The name of a place as the map writes it in ``year``: the name(s) in use then (the one home of naming).

    ``year=None`` writes today's names. The default style "both" and English usage follow who held the land
    (:func:`~kurilmap.naming.holder_name`, periods.json): the holder's name, or both where both sides held,
    shared or disputed it; *Japanese names* and *Russian names* are one side's (:func:`names_in_use`,
    :func:`~kurilmap.i18n.place_name`). The tooltip keeps every name (:func:`~kurilmap.naming.all_names`).
    """
    if style in HOLDER_STYLES:
        year, periods = last_year() if year is None else year, history()
        period = periods.period_for(year)
        before = periods.period_for(year - 1) if year == period.start and year > FIRST_YEAR else None
        return holder_name(names, year, period, lang, style, periods.occupations_in(year), before)
    return place_name(names_in_use(names, year, style), style, lang)


def heading(atlas: Atlas, year: int, lang: str, day: str | None = None) -> str:
    """What follows the year (or day) in a map's heading: the period and any occupation in force, or on a
    day of the 1945 sequence the sequence and the marks of that day only (the surrender on 2 September).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> heading(load_atlas(), 1921, "en")
    '1905–1945: Treaty of Portsmouth · Japanese occupation of northern Sakhalin (1920–1925)'
    >>> heading(load_atlas(), 1945, "en", "1945-09-03")
    'Soviet offensive and occupation, 9 August – 5 September 1945'
    >>> heading(load_atlas(), 1945, "en", "1945-09-02").endswith("Japan signs the instrument of surrender (USS Missouri, Tokyo Bay)")
    True
    """
    if day is not None:
        return " · ".join([t("campaign", lang)] + [pick(m.label, lang) for m in atlas.campaign.marks_on(day)])
    history = atlas.history
    parts = [pick(history.period_for(year).label, lang)]
    parts += [pick(o.label, lang) for o in history.occupations_in(year)]
    return " · ".join(parts)


def when_text(year: int, day: str | None, lang: str) -> str:
    """The year, or the day of the 1945 sequence as ``lang`` writes dates."""
    return date_text(day, lang) if day is not None else str(year)


def treaty_note(atlas: Atlas, year: int, lang: str) -> str | None:
    """The treaty (or de facto act) behind the border of ``year``, in one line."""
    period = atlas.history.period_for(year)
    if not period.treaty:
        return None
    treaty = atlas.treaties[period.treaty]
    name = pick(treaty["name"], lang)
    if treaty.get("kind") == "de-facto":
        return f"{t('act', lang)}: {name}"
    article = f", {article_text(treaty['article'], lang)}" if treaty.get("article") else ""
    return f"{t('treaty', lang)}: {name} ({treaty['signed'][:4]}{article})"


def basis_notes(atlas: Atlas, year: int, lang: str) -> dict[str, str]:
    """What the holders of a period without an agreed border rest on, by zone (the tooltips' line).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> basis_notes(load_atlas(), 1850, "en")["four-islands"][:40]
    'Basis: Japanese posts on Kunashiri from '
    >>> basis_notes(load_atlas(), 1905, "en")
    {}
    """
    basis = atlas.history.period_for(year).basis
    if not basis:
        return {}
    return {zone: f"{t('basis', lang)}: {pick(text, lang)}" for zone, text in basis["zones"].items()}


def look_notes(atlas: Atlas, year: int, lang: str, day: str | None = None) -> dict[str, str]:
    """What a hatched look means in ``year`` (or on ``day``): the dispute, the occupation, each 1945 status."""
    if day is not None:
        keys = {"offensive": "status_offensive", "landing": "landing", "undated": "status_undated"}
        return {look: t(keys.get(look, f"look_{look}"), lang) for look in DAY_LOOKS}
    notes = {"disputed": t("disputed", lang)}
    for occ in atlas.history.occupations_in(year):
        notes["occupied"] = pick(occ.label, lang)
    return notes


def legend(
    atlas: Atlas,
    years: list[int],
    lang: str,
    changed: bool = False,
    day: str | None = None,
    shows=("held",),
    days: list | None = None,
) -> tuple[LegendEntry, ...]:
    """Legend entries for maps of ``years`` (one, or two in a comparison, or the one ``day`` of 1945; ``days``:
    the day of each map of a comparison, or None), with period-true state names; on a position map (``shows``:
    what each map of ``years`` shows) the land a position covers is named by the position's label.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> [e.text for e in legend(load_atlas(), [1875], "en") if e.kind == "look"]
    ['Empire of Japan', 'Russian Empire']
    """
    looks: dict[str, list[str]] = {}
    units = atlas.display_units()
    days = list(days) if days is not None else [day] * len(years)
    for year, show, day in zip(years, shows if len(shows) == len(years) else [shows[0]] * len(years), days):
        notes = look_notes(atlas, year, lang, day)
        for unit in units:
            look, holder, _, position = shown_look(atlas, unit, year, show, day)
            text = pick(position.label, lang) if position else notes.get(look) or state(atlas, holder, year, lang)
            looks.setdefault(look, [])
            if text not in looks[look]:
                looks[look].append(text)
    order = list(LOOKS)
    entries = [LegendEntry("look", k, " / ".join(looks[k])) for k in order if k in looks]
    if any(day is not None and atlas.campaign.entries_by(day) for day in days):
        entries.append(LegendEntry("entry", "entry", t("entries", lang)))
    entries.append(LegendEntry("context", "context", t("context", lang)))
    seen = []
    for year, day in zip(years, days):
        for lid in _lines(atlas, year, day):
            if lid not in seen:
                seen.append(lid)
    labels = {p["id"]: p for p in atlas.lines.properties}
    entries += [LegendEntry("line", lid, labels[lid][f"label_{lang}"]) for lid in seen]
    if changed:
        entries.append(LegendEntry("changed", "changed", t("changed", lang)))
    return tuple(entries)


def _lines(atlas: Atlas, year: int, day: str | None) -> tuple[str, ...]:
    """The border lines in force: on a day of 1945 still those of the treaties before it."""
    return atlas.history.period_for(atlas.campaign.year - 1 if day is not None else year).lines


# ---------------------------------------------------------------------------------------------- the scene


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # "look", "entry" (the marked places of a day of 1945), "context", "line" or "changed"
    key: str  # look key, line id, ...
    text: str


@dataclass(frozen=True)
class MapScene:
    """One map of a view: the year it shows and everything drawn and written on it."""

    year: int
    compare: int | None
    period: str
    heading: str  # "1910 — 1905–1945: Treaty of Portsmouth"
    looks: dict  # unit id -> look key
    changed: frozenset  # unit ids outlined as changed (compare only)
    lines: tuple  # ids of the border lines in force
    line_labels: dict  # line id -> text
    labels: dict  # place id -> name as written
    legend: tuple  # LegendEntry, ...
    day: str | None = None  # a day of the 1945 sequence
    entries: tuple = ()  # EntryMark, ...: the town entries of the 1945 sequence made by that day
    show: str = "held"  # who administered the land, or whose position ("japan", "russia") the map shows
    legend_title: str = ""  # "Legend", or whose position it is ("Position of the Government of Japan")
    positions: tuple = ()  # the positions drawn on a position map (kurilmap.positions.Position, ...)


@dataclass(frozen=True)
class Scene:
    """Everything a view shows: one map (or two side by side), the title, the legend and captions."""

    view: View
    maps: tuple  # MapScene, one or two
    title: str
    legend: tuple  # for the whole view (both years in a comparison)
    caption: str | None  # what changed hands between the compared years
    legend_title: str = ""  # "Legend", or whose position(s) the maps show
    hint: tuple | None = None  # sides ((year, day), (year, day)) compared with no change: the nearest pair with one


def tooltip(
    atlas: Atlas, unit: dict, year: int, names: str, lang: str, day: str | None = None, show: str = "held"
) -> tuple[str, ...]:
    """The lines of a land unit's tooltip (the browser composes the same lines from :func:`kurilmap.pagetable.page_table`)."""
    look, holder, fid, position = shown_look(atlas, unit, year, show, day)
    feature = _features(atlas)[fid]
    lines = [
        place_label(feature["names"], year, names, lang),
        feature["all"][lang],
        f"{t('held_by', lang)}: {state(atlas, holder, year, lang)}",
        f"{t('area', lang)}: {km2(feature['area'], lang)} {t('km2', lang)}",
    ]
    note = treaty_note(atlas, year, lang)
    if note:
        lines.append(note)
    basis = basis_notes(atlas, year, lang).get(feature["zone"])
    if basis:
        lines.append(basis)
    extra = f"{position_title(atlas, show, year, lang)}: {pick(position.label, lang)}" if position else None
    extra = extra or look_notes(atlas, year, lang, day).get(look)
    if extra:
        lines.append(extra)
    return tuple(lines)


def map_scene(
    atlas: Atlas,
    year: int,
    compare: int | None,
    names: str,
    lang: str,
    day: str | None = None,
    show: str = "held",
    compare_day: str | None = None,
) -> MapScene:
    """The scene of one map showing ``year`` or ``day`` (outlining what changed against ``compare`` or
    ``compare_day``), as administered or as one government holds it (``show``)."""
    year = atlas.history.check_year(year)
    show = "held" if day is not None else show
    title = position_title(atlas, show, year, lang)
    rows = {u["id"]: shown_look(atlas, u, year, show, day) for u in atlas.display_units()}
    drawn = tuple({r[3].id: r[3] for r in rows.values() if r[3] is not None}.values())
    period = atlas.history.period_for(year)
    changed = changed_sides(atlas, (year, day), (compare, compare_day)) if compare is not None else frozenset()
    line_props = {p["id"]: p for p in atlas.lines.properties}
    lines = _lines(atlas, year, day)
    return MapScene(
        year=year,
        compare=compare,
        period=period.id,
        heading=" — ".join(
            [when_text(year, day, lang)] + ([title] if title else []) + [heading(atlas, year, lang, day)]
        ),
        looks={uid: r[0] for uid, r in rows.items()},
        changed=changed,
        lines=tuple(lines),
        line_labels={lid: line_props[lid][f"label_{lang}"] for lid in lines},
        labels={p.id: place_label(p.names, year, names, lang) for p in places(atlas)},
        legend=legend(atlas, [year], lang, bool(changed), day, (show,)),
        day=day,
        entries=entry_marks(atlas, day, lang),
        show=show,
        legend_title=title or t("legend", lang),
        positions=drawn,
    )


def build_scene(atlas: Atlas, view: View) -> Scene:
    """The scene of ``view``: one map, or two side by side when comparing.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> s = build_scene(load_atlas(), View(1921, compare=1875))
    >>> s.maps[1].looks["sakhalin-north"], s.maps[0].looks["sakhalin-south"], sorted(s.maps[0].changed)[:2]
    ('occupied', 'russia', ['moneron', 'sakhalin-south'])
    >>> s = build_scene(load_atlas(), View(2026, compare=1945, compare_day="1945-08-08"))
    >>> s.title, s.maps[0].heading[:13], s.maps[0].looks["kunashiri"], s.maps[1].looks["kunashiri"]
    ('Kuril Islands and Sakhalin: 8 August 1945 and 2026', '8 August 1945', 'japan', 'disputed')
    """
    v = view
    if v.compare is None:
        maps = (map_scene(atlas, v.year, None, v.names, v.lang, v.day, v.position),)
        if v.day is not None:
            title = t("export_title_day", v.lang, date=date_text(v.day, v.lang))
        else:
            title = t("export_title", v.lang, year=v.year)
        caption = None
        legend_ = maps[0].legend
    else:
        a, b = v.sides
        maps = (
            map_scene(atlas, v.year, v.compare, v.names, v.lang, v.day, v.position, v.compare_day),
            map_scene(atlas, v.compare, v.year, v.names, v.lang, v.compare_day, v.compare_position, v.day),
        )
        if v.day is None and v.compare_day is None:
            title = t("export_compare_title", v.lang, a=v.year, b=v.compare)
        else:  # a day of 1945 on a side: the day and the year, each as the language writes it
            title = t("export_compare_title_days", v.lang, a=full_text(a, v.lang), b=full_text(b, v.lang))
        caption = change_caption(atlas, a, b, v.lang)
        # earlier side first, once each
        drawn = sorted({(v.year, v.day or "~", v.position), (v.compare, v.compare_day or "~", v.compare_position)})
        years, shows = [y for y, _, _ in drawn], [s for _, _, s in drawn]
        days = [None if d == "~" else d for _, d, _ in drawn]
        legend_ = legend(atlas, years, v.lang, bool(maps[0].changed), shows=shows, days=days)
    # A position map says on its face whose position it shows: in the legend's title and each map's heading,
    # and a single map in the title too (side by side, each map's heading names its own).
    whose = list(dict.fromkeys(m.legend_title for m in maps if m.show != "held"))
    if whose and len(maps) == 1:
        title = f"{title} · {whose[0]}"
    legend_title = " / ".join(whose) if whose else t("legend", v.lang)
    hint = change_hint(atlas, *v.sides) if v.compare is not None else None
    return Scene(view, maps, title, legend_, caption, legend_title, hint)


@cache
def _features(atlas: Atlas) -> dict[str, dict]:
    """Every period feature by id: names, area and the line of all its names."""
    out = {}
    for layer in atlas.layers.values():
        for p, geom in zip(layer.properties, layer.geometries):
            if p["id"] not in out:
                out[p["id"]] = {
                    "names": _names(p, zone_of(atlas, p["zone"], geom)),
                    "area": p["area_km2"],
                    "all": {lang: all_names(p, lang) for lang in LANGS},
                    "zone": p["zone"],
                }
    return out
