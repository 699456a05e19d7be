"""The scene of a view: everything that is drawn and written, computed once for every renderer.

A view (year, compare year, naming style, language) becomes a :class:`Scene`: the look key of
each land unit, the names on the map, the border lines in force, the legend, the headings,
the tooltips and the compare caption. The Leaflet page, the panel and the exporters render a
scene; none of them decides history, names or looks. Each rule has one home here (or in the
history tables it reads): who held a unit and how that looks (:func:`unit_look`), which name a
place has (:func:`place_label`), what counts as a change (:func:`changed_units`).

For the browser, :func:`page_table` computes the same pieces for every phase of the timeline
(a span of years in which nothing but the year number changes), so the map can switch years
without a round trip while still only applying what Python decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import shapely

from kurilmap.geometry import DISPLAY_TOLERANCE, Atlas
from kurilmap.i18n import LANGS, NAME_STYLES, article_text, number, pick, place_name, t
from kurilmap.naming import all_names, name_years, names_in_use
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.style import CHANGED, CONTEXT, LINE, LOOKS
from kurilmap.view import View

#: Islands of at least this many km² are named on the map (smaller ones in their tooltip only).
LABEL_MIN_KM2 = 150
#: Names of land smaller than this appear from zoom 6 on the interactive map.
BIG_LABEL_KM2 = 1000
#: Labels in bold (the large land masses).
BOLD_LABEL_KM2 = 10_000


# ---------------------------------------------------------------------------------------------- rules


def unit_look(atlas: Atlas, unit: dict, year: int) -> tuple[str, str, str]:
    """The look key, holder and period feature id of a display unit at the end of ``year``.

    Looks: the holder (``japan``, ``russia``, ``shared``, ``contested``), or ``disputed`` for the
    four islands while they are disputed, or ``occupied`` for land under an occupation that did
    not change sovereignty.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> atlas = load_atlas()
    >>> south = next(u for u in atlas.display_units() if u["id"] == "sakhalin-south")
    >>> unit_look(atlas, south, 1921), unit_look(atlas, south, 1890)[0]
    (('japan', 'japan', 'sakhalin-south'), 'russia')
    """
    history = atlas.history
    period = history.period_for(year)
    holder = unit["holders"][period.id]
    if period.disputed and unit["island"] in atlas.disputed_islands:
        look = "disputed"
    elif any(o.zone == unit["zone"] for o in history.occupations_in(year)):
        look = "occupied"
    else:
        look = holder
    return look, holder, unit["features"][period.id]


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


def state(atlas: Atlas, holder: str, year: int, lang: str) -> str:
    """The period-true name of the state behind ``holder`` in ``year`` (e.g. Russian Empire in 1875)."""
    return atlas.history.state_name(holder, year, lang) or t(f"holder_{holder}", lang)


def place_label(names: dict, year: int | None, style: str, lang: str) -> str:
    """The name of a place as the map writes it in ``year``: the name(s) in use then (the one home of naming).

    ``year=None`` writes today's names. See :func:`names_in_use` and :func:`~kurilmap.i18n.place_name`.
    """
    return place_name(names_in_use(names, year), style, lang)


def heading(atlas: Atlas, year: int, lang: str) -> str:
    """What follows the year in a map's heading: the period and any occupation in force.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> heading(load_atlas(), 1921, "en")
    '1905–1945: Treaty of Portsmouth · Japanese occupation of northern Sakhalin (1920–1925)'
    """
    history = atlas.history
    parts = [pick(history.period_for(year).label, lang)]
    parts += [pick(o.label, lang) for o in history.occupations_in(year)]
    return " · ".join(parts)


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


def look_notes(atlas: Atlas, year: int, lang: str) -> dict[str, str]:
    """What a hatched look means in ``year``: the dispute, the occupation."""
    notes = {"disputed": t("disputed", lang)}
    for occ in atlas.history.occupations_in(year):
        notes["occupied"] = pick(occ.label, lang)
    return notes


def legend(atlas: Atlas, years: list[int], lang: str, changed: bool = False) -> tuple[LegendEntry, ...]:
    """Legend entries for maps of ``years`` (one, or two in a comparison), with period-true state names.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> [e.text for e in legend(load_atlas(), [1875], "en") if e.kind == "look"]
    ['Empire of Japan', 'Russian Empire']
    """
    looks: dict[str, list[str]] = {}
    units = atlas.display_units()
    for year in years:
        notes = look_notes(atlas, year, lang)
        for unit in units:
            look, holder, _ = unit_look(atlas, unit, year)
            text = notes.get(look) or state(atlas, holder, year, lang)
            looks.setdefault(look, [])
            if text not in looks[look]:
                looks[look].append(text)
    order = list(LOOKS)
    entries = [LegendEntry("look", k, " / ".join(looks[k])) for k in order if k in looks]
    entries.append(LegendEntry("context", "context", t("context", lang)))
    seen = []
    for year in years:
        for lid in atlas.history.period_for(year).lines:
            if lid not in seen:
                seen.append(lid)
    labels = {p["id"]: p for p in atlas.lines.properties}
    entries += [LegendEntry("line", lid, labels[lid][f"label_{lang}"]) for lid in seen]
    if changed:
        entries.append(LegendEntry("changed", "changed", t("changed", lang)))
    return tuple(entries)


def change_caption(atlas: Atlas, year_a: int, year_b: int, lang: str) -> str:
    """Land that changed hands between two years, earlier year first, with period-true state names.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> change_caption(load_atlas(), 1921, 1875, "en")
    'Changed hands between the two years (1875 → 1921): Russian Empire → Empire of Japan 33,319 km²'
    """
    early, late = sorted((int(year_a), int(year_b)))
    summary = atlas.diff_summary(early, late)
    parts = [
        t("from_to", lang, src=state(atlas, a, early, lang), dst=state(atlas, b, late, lang))
        + f" {km2(value, lang)} km²"
        for (a, b), value in sorted(summary.items(), key=lambda kv: -kv[1])
    ]
    return f"{t('changed', lang)} ({early} → {late}): " + ("; ".join(parts) or t("no_change", lang))


def km2(value: float, lang: str) -> str:
    """An area in whole km², grouped as the language writes numbers (:func:`kurilmap.i18n.number`)."""
    return number(value, lang)


# ---------------------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Place:
    """A named place on the map: an island (or the disputed Habomai group) or a town."""

    id: str
    kind: str  # "island" or "town"
    lon: float
    lat: float
    names: dict = field(repr=False)
    area_km2: float = 0.0
    geometry: object = field(default=None, repr=False, compare=False)

    @property
    def min_zoom(self) -> int:
        return 0 if self.kind == "island" and self.area_km2 >= BIG_LABEL_KM2 else 6

    @property
    def bold(self) -> bool:
        return self.area_km2 >= BOLD_LABEL_KM2


@cache
def places(atlas: Atlas, tolerance: float = DISPLAY_TOLERANCE) -> tuple[Place, ...]:
    """The named places of the map: the four disputed islands (Habomai as one group), islands of
    :data:`LABEL_MIN_KM2` km² or more, and towns; island outlines simplified to ``tolerance``."""
    units = atlas.display_units(tolerance)
    by_island: dict[str, list] = {}
    for u in units:
        by_island.setdefault(u["island"], []).append(u)
    first = next(iter(atlas.layers.values()))
    area: dict[str, float] = {}
    names: dict[str, dict] = {}
    for props in first.properties:
        area[props["island"]] = area.get(props["island"], 0.0) + props["area_km2"]
        names.setdefault(props["island"], props)

    def anchored(pid, members, name_props, km2_):
        geom = shapely.union_all([u["geometry"] for i in members for u in by_island.get(i, [])])
        point = max(shapely.get_parts(geom), key=lambda g: g.area).representative_point()
        return Place(pid, "island", round(point.x, 3), round(point.y, 3), _names(name_props), km2_, geom)

    out, grouped = [], set()
    for props in atlas.disputed.properties:
        grouped |= set(props["islands"])
        out.append(anchored(props["id"], props["islands"], props, sum(area.get(i, 0) for i in props["islands"])))
    for island, value in area.items():
        if value >= LABEL_MIN_KM2 and island not in grouped:
            out.append(anchored(island, [island], names[island], value))
    for props, geom in zip(atlas.towns.properties, atlas.towns.geometries):
        out.append(Place(props["id"], "town", round(geom.x, 4), round(geom.y, 4), _names(props), 0.0, geom))
    return tuple(out)


def _names(props: dict) -> dict:
    names = {k: props.get(k, "") for k in ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin")}
    if props.get("name_history"):
        names["name_history"] = tuple(props["name_history"])
    return names


# ---------------------------------------------------------------------------------------------- the scene


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # "look", "context", "line" or "changed"
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


@dataclass(frozen=True)
class Scene:
    """Everything a view shows: one map (or two side by side), the title, the legend and captions."""

    view: View
    maps: tuple  # MapScene, one or two
    title: str
    legend: tuple  # for the whole view (both years in a comparison)
    caption: str | None  # what changed hands between the compared years


def tooltip(atlas: Atlas, unit: dict, year: int, names: str, lang: str) -> tuple[str, ...]:
    """The lines of a land unit's tooltip (the browser composes the same lines from :func:`page_table`)."""
    look, holder, fid = unit_look(atlas, unit, year)
    feature = _features(atlas)[fid]
    lines = [
        place_label(feature["names"], year, names, lang),
        feature["all"],
        f"{t('held_by', lang)}: {state(atlas, holder, year, lang)}",
        f"{t('area', lang)}: {km2(feature['area'], lang)} km²",
    ]
    note = treaty_note(atlas, year, lang)
    if note:
        lines.append(note)
    extra = look_notes(atlas, year, lang).get(look)
    if extra:
        lines.append(extra)
    return tuple(lines)


def map_scene(atlas: Atlas, year: int, compare: int | None, names: str, lang: str) -> MapScene:
    """The scene of one map showing ``year`` (outlining what changed against ``compare``)."""
    year = atlas.history.check_year(year)
    period = atlas.history.period_for(year)
    units = atlas.display_units()
    changed = changed_units(atlas, year, compare) if compare is not None else frozenset()
    line_props = {p["id"]: p for p in atlas.lines.properties}
    return MapScene(
        year=year,
        compare=compare,
        period=period.id,
        heading=f"{year} — {heading(atlas, year, lang)}",
        looks={u["id"]: unit_look(atlas, u, year)[0] for u in units},
        changed=changed,
        lines=tuple(period.lines),
        line_labels={lid: line_props[lid][f"label_{lang}"] for lid in period.lines},
        labels={p.id: place_label(p.names, year, names, lang) for p in places(atlas)},
        legend=legend(atlas, [year], lang, bool(changed)),
    )


def build_scene(atlas: Atlas, view: View) -> Scene:
    """The scene of ``view``: one map, or two side by side when comparing.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> s = build_scene(load_atlas(), View(1921, compare=1875))
    >>> s.maps[0].looks["sakhalin-north"], s.maps[1].looks["sakhalin-south"], sorted(s.maps[0].changed)[:2]
    ('occupied', 'russia', ['moneron', 'sakhalin-south'])
    """
    v = view
    if v.compare is None:
        maps = (map_scene(atlas, v.year, None, v.names, v.lang),)
        title = t("export_title", v.lang, year=v.year)
        caption = None
        legend_ = maps[0].legend
    else:
        maps = (
            map_scene(atlas, v.year, v.compare, v.names, v.lang),
            map_scene(atlas, v.compare, v.year, v.names, v.lang),
        )
        title = t("export_compare_title", v.lang, a=v.year, b=v.compare)
        caption = change_caption(atlas, v.year, v.compare, v.lang)
        legend_ = legend(atlas, sorted({v.year, v.compare}), v.lang, bool(maps[0].changed))
    return Scene(view, maps, title, legend_, caption)


# ---------------------------------------------------------------------------------------------- for the browser


@cache
def _features(atlas: Atlas) -> dict[str, dict]:
    """Every period feature by id: names, area and the line of all its names."""
    out = {}
    for layer in atlas.layers.values():
        for p in layer.properties:
            if p["id"] not in out:
                out[p["id"]] = {"names": _names(p), "area": p["area_km2"], "all": all_names(p)}
    return out


def _phase_text(atlas: Atlas, year: int, lang: str) -> dict:
    history = atlas.history
    holders = sorted({h for p in history.periods for h in p.holders.values()})
    return {
        "heading": heading(atlas, year, lang),
        "legend": [[e.kind, e.key, e.text] for e in legend(atlas, [year], lang)],
        "held": {h: f"{t('held_by', lang)}: {state(atlas, h, year, lang)}" for h in holders},
        "treaty": treaty_note(atlas, year, lang),
        "notes": look_notes(atlas, year, lang),
        "changed": t("changed", lang),
    }


def _name_set(atlas: Atlas, year: int) -> dict:
    features = _features(atlas)
    out = {}
    for style in NAME_STYLES:
        for lang in LANGS:
            table = {f"f:{fid}": place_label(f["names"], year, style, lang) for fid, f in features.items()}
            table.update({f"p:{p.id}": place_label(p.names, year, style, lang) for p in places(atlas)})
            out[f"{style}|{lang}"] = table
    return out


#: Interface text the map page writes itself (buttons, slider, legend title).
PAGE_STRINGS = (
    *("year", "prev_change", "next_change", "play", "pause", "legend", "area", "timeline", "map_label"),
    *("treaty_years", "zoom_in", "zoom_out", "layers", "km", "two_fingers"),
)


@cache
def page_table(atlas: Atlas) -> dict:
    """Everything the map page applies, for every phase, naming style and language (JSON-ready).

    The browser only looks things up here: the phase of a year (by start year), the look of
    each unit, the names, the texts. Units are listed in the order of the page's GeoJSON.
    """
    history = atlas.history
    units = atlas.display_units()
    starts = history.phase_starts(name_years(atlas))
    name_sets, phases = [], []
    for start in starts:
        names = _name_set(atlas, start)
        if names not in name_sets:
            name_sets.append(names)
        period = history.period_for(start)
        rows = [unit_look(atlas, u, start) for u in units]
        phases.append(
            {
                "start": start,
                "period": period.id,
                "looks": [r[0] for r in rows],
                "holders": [r[1] for r in rows],
                "features": [r[2] for r in rows],
                "lines": list(period.lines),
                "names": name_sets.index(names),
                "text": {lang: _phase_text(atlas, start, lang) for lang in LANGS},
            }
        )
    period_ids = [p.id for p in history.periods]
    changed = {}
    for a in period_ids:
        for b in period_ids:
            ids = _changed_between_periods(atlas, a, b)
            if ids:
                changed[f"{a}|{b}"] = sorted(ids)
    return {
        "first": FIRST_YEAR,
        "last": last_year(),
        "changeYears": history.change_years(),
        "units": [u["id"] for u in units],
        "phases": phases,
        "changed": changed,
        "features": {
            fid: {
                "area": round(f["area"], 1),
                "all": f["all"],
                "areaText": {lang: km2(f["area"], lang) for lang in LANGS},
            }
            for fid, f in _features(atlas).items()
        },
        "nameSets": name_sets,
        "places": [
            {"id": p.id, "kind": p.kind, "lon": p.lon, "lat": p.lat, "minZoom": p.min_zoom, "bold": p.bold}
            for p in places(atlas)
        ],
        "lineLabels": {p["id"]: {lang: p[f"label_{lang}"] for lang in LANGS} for p in atlas.lines.properties},
        "looks": LOOKS,
        "changedLook": CHANGED,
        "line": LINE,
        "context": CONTEXT,
        "strings": {key: {lang: t(key, lang) for lang in LANGS} for key in PAGE_STRINGS},
    }
