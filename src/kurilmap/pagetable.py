"""The scene table of the map page: the scene of every phase of the timeline, for the browser.

:func:`page_table` computes the pieces of :mod:`kurilmap.scene` for every phase (a span of years in
which nothing but the year number changes) and for every day of the 1945 sequence, in every naming
style and language, so the map can switch years and days without a round trip while still only
applying what Python decided.
"""

from __future__ import annotations

import json
from functools import cache

from kurilmap.geometry import Atlas
from kurilmap.i18n import LANGS, NAME_STYLES, date_text, day_month_text, pick, t
from kurilmap.naming import name_years
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.positions import SIDES
from kurilmap.scene import (
    _features,
    _lines,
    basis_notes,
    entry_marks,
    heading,
    km2,
    legend,
    look_notes,
    place_label,
    places,
    position_title,
    shown_look,
    state,
    treaty_note,
)
from kurilmap.style import CHANGED, CONTEXT, ENTRY, LINE, LOOKS


def _phase_text(atlas: Atlas, year: int, lang: str, day: str | None = None, show: str = "held") -> dict:
    history = atlas.history
    holders = sorted({h for p in history.periods for h in p.holders.values()})
    text = {
        "heading": heading(atlas, year, lang, day),
        "legend": [[e.kind, e.key, e.text] for e in legend(atlas, [year], lang, day=day, shows=(show,))],
        "held": {h: f"{t('held_by', lang)}: {state(atlas, h, year, lang)}" for h in holders},
        "treaty": treaty_note(atlas, year, lang),
        "basis": basis_notes(atlas, year, lang),
        "notes": look_notes(atlas, year, lang, day),
        "changed": t("changed", lang),
        "entries": [[m.text, f"{m.text}: {m.label}"] for m in entry_marks(atlas, day, lang)],
    }
    if show != "held":  # a position map: whose position, on its face, and what it holds about each unit
        title = position_title(atlas, show, year, lang)
        held = atlas.positions.held(show, year)
        return {  # the rest is the year's own text (the page lays these over it)
            "heading": f"{title} — {text['heading']}",
            "legend": text["legend"],
            "legendTitle": title,
            "positionNotes": {p.id: f"{title}: {pick(p.label, lang)}" for p in held.values()},
        }
    return text


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
    *("treaty_years", "zoom_in", "zoom_out", "layers", "km", "km2", "two_fingers"),
    *("day_by_day", "day", "year_end", "play_days", "speed", "speed_normal", "speed_seconds", "day_marks"),
    *("wheel_hint", "open_sidebar", "year_before", "year_after", "whole_region", "map_error", "retry"),
)


@cache
def page_table(atlas: Atlas) -> dict:
    """Everything the map page applies, for every phase, naming style and language (JSON-ready).

    The browser only looks things up here: the phase of a year (by start year), the look of
    each unit, the names, the texts. Units are listed in the order of the page's GeoJSON.
    The page itself carries the rest of it, and its names and texts by naming style and language
    apart (:func:`page_parts`).
    """
    history = atlas.history
    units = atlas.display_units()
    starts = history.phase_starts(name_years(atlas))
    name_sets: list[dict] = []
    texts: list[dict] = []  # each phase's texts in every language, kept once (days share most of theirs)

    def phase(year: int, day: str | None = None, show: str = "held") -> dict:
        names = _name_set(atlas, year)
        if names not in name_sets:
            name_sets.append(names)
        rows = [shown_look(atlas, u, year, show, day) for u in units]
        text = {lang: _phase_text(atlas, year, lang, day, show) for lang in LANGS}
        if text not in texts:
            texts.append(text)
        made = {
            "start": year,
            "period": history.period_for(year).id,
            "looks": [r[0] for r in rows],
            "holders": [r[1] for r in rows],
            "features": [r[2] for r in rows],
            "lines": list(_lines(atlas, year, day)),
            "entries": [[m.lon, m.lat] for m in entry_marks(atlas, day, "en")],  # texts: in the phase's texts
            "names": name_sets.index(names),
            "text": texts.index(text),
        }
        if show != "held":  # the rest (holders, features, lines, names) is the year's phase of the timeline
            made = {"start": year, "looks": made["looks"], "text": made["text"]}
            made["positions"] = [r[3].id if r[3] else None for r in rows]
        return made

    phases = [phase(start) for start in starts]
    # Each government's position map, phase by phase: the timeline's phases and the years its positions change.
    positions = {
        side: [phase(start, show=side) for start in sorted(set(starts) | set(atlas.positions.change_years(side)))]
        for side in SIDES
    }
    sequence = atlas.campaign
    day_phases: list[dict] = []
    days = []
    for day in sequence.days():
        made = phase(sequence.year, day)
        if made not in day_phases:
            day_phases.append(made)
        days.append(
            {"day": day, "label": {lang: date_text(day, lang) for lang in LANGS}, "phase": day_phases.index(made)}
        )
    table = {
        "first": FIRST_YEAR,
        "last": last_year(),
        "changeYears": history.change_years(),
        "units": [u["id"] for u in units],
        "phases": phases,
        "positions": positions,
        "days": {
            "year": sequence.year,
            "list": days,
            "phases": day_phases,
            "stops": sequence.change_days(),
            "marks": [  # the day slider's date marks: the day's number, and what happened as its name
                {
                    "day": d,
                    "title": {
                        lang: f"{day_month_text(d, lang)}: " + "; ".join(pick(x, lang) for x in what) for lang in LANGS
                    },
                }
                for d, what in sequence.mark_days()
            ],
        },
        "features": {
            fid: {
                "area": round(f["area"], 1),
                "all": f["all"],
                "zone": f["zone"],
                "areaText": {lang: km2(f["area"], lang) for lang in LANGS},
            }
            for fid, f in _features(atlas).items()
        },
        "nameSets": name_sets,
        "texts": texts,
        "places": [
            {"id": p.id, "kind": p.kind, "lon": p.lon, "lat": p.lat, "minZoom": p.min_zoom, "bold": p.bold}
            for p in places(atlas)
        ],
        "lineLabels": {p["id"]: {lang: p[f"label_{lang}"] for lang in LANGS} for p in atlas.lines.properties},
        "looks": LOOKS,
        "changedLook": CHANGED,
        "line": LINE,
        "entry": ENTRY,
        "context": CONTEXT,
        "strings": {key: {lang: t(key, lang) for lang in LANGS} for key in PAGE_STRINGS},
        "nameStyles": list(NAME_STYLES),
    }
    return table


@cache
def page_parts(atlas: Atlas) -> tuple[dict, dict[str, dict[str, dict]]]:
    """The page table as the page carries it: the table without its names and texts, its lists of phases packed
    (:func:`pack_rows`), and the names and texts apart, packed too: ``{"names": {"both|ja": …}, "texts": {"ja": …}}``,
    each in the order of the phases' ``names`` and ``text`` indexes. A first view needs one of each.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> rest, parts = page_parts(load_atlas())
    >>> last = unpack_rows(rest["phases"])[-1]
    >>> "nameSets" in rest, len(parts["names"]), len(parts["texts"])
    (False, 12, 3)
    >>> unpack_rows(parts["names"]["en|en"])[last["names"]]["p:paramushiru"]
    'Paramushir'
    """
    table = page_table(atlas)
    rest = {k: v for k, v in table.items() if k not in ("nameSets", "texts")}
    rest["phases"] = pack_rows(table["phases"])
    rest["positions"] = {side: pack_rows(phases) for side, phases in table["positions"].items()}
    rest["days"] = table["days"] | {"phases": pack_rows(table["days"]["phases"])}
    names = {key: pack_rows([s[key] for s in table["nameSets"]]) for key in table["nameSets"][0]}
    texts = {lang: pack_rows([text[lang] for text in table["texts"]]) for lang in LANGS}
    return rest, {"names": names, "texts": texts}


def pack_rows(rows: list[dict]) -> dict:
    """Rows with each field's values kept once: the fields, each field's distinct values, and each row as the
    indexes of its values (-1: the row has no such field). Phases repeat most of their looks and names from
    one year to the next, so the page carries a fraction of the bytes (``unpack`` in kurilmap.js reads it).

    Examples
    --------
    >>> pack_rows([{"a": [1, 2], "b": "x"}, {"a": [1, 2], "b": "y"}, {"b": "x"}])
    {'fields': ['a', 'b'], 'pool': [[[1, 2]], ['x', 'y']], 'rows': [[0, 0], [0, 1], [-1, 0]]}
    >>> unpack_rows(pack_rows([{"a": [1, 2], "b": "x"}, {"b": "x"}]))
    [{'a': [1, 2], 'b': 'x'}, {'b': 'x'}]
    """
    fields = list(dict.fromkeys(k for row in rows for k in row))
    pool: list[list] = [[] for _ in fields]
    seen: list[dict] = [{} for _ in fields]
    packed = []
    for row in rows:
        indexes = []
        for i, field in enumerate(fields):
            if field not in row:
                indexes.append(-1)
                continue
            key = json.dumps(row[field], sort_keys=True, ensure_ascii=False)
            if key not in seen[i]:
                seen[i][key] = len(pool[i])
                pool[i].append(row[field])
            indexes.append(seen[i][key])
        packed.append(indexes)
    return {"fields": fields, "pool": pool, "rows": packed}


def unpack_rows(packed: dict) -> list[dict]:
    """The rows of :func:`pack_rows` (the same steps as ``unpack`` in kurilmap.js)."""
    return [
        {field: packed["pool"][i][k] for i, (field, k) in enumerate(zip(packed["fields"], row)) if k >= 0}
        for row in packed["rows"]
    ]
