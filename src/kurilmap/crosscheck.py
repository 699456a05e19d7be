"""The references between the data tables and the layers, checked once when the data is loaded.

Each schema in ``datapackage.json`` checks one file; this module checks that the files agree:
period → treaty and treaty lines, occupation → zone and treaty, event → period and treaty,
treaty line → treaty, each layer's holders ↔ the period table, the disputed list ↔ the disputed
layer, town → island. A disagreement raises a :class:`~kurilmap.data.DataError` naming both files.
"""

from __future__ import annotations

from kurilmap.data import DataError
from kurilmap.periods import FIRST_YEAR
from kurilmap.validate import SOURCE_FIX, Sources

_REBUILD = (
    "Rebuild the layers with `make geodata` after editing sources/, or restore them with `git checkout -- geodata`."
)


def check_ref(value, known, *, file: str, where: str, what: str, expected: str | None = None) -> None:
    """A reference from one table to another: ``value`` (unless None) must be one of ``known``.

    ``expected`` says what would do instead of the list of every known id (for long lists).
    """
    if value is not None and value not in known:
        raise DataError(
            f"{what} {str(value)[:60]!r} does not exist",
            file=file,
            where=where,
            expected=expected or f"one of {', '.join(sorted(known))}",
            fix=SOURCE_FIX,
        )


def check_sources(src: Sources, package: dict) -> None:
    """Every id one table uses exists in the table it points to, and the timeline is in order."""
    zones = package["$defs"]["zone"]["enum"]
    treaties = {t["id"] for t in src.treaties["treaties"]}
    lines = {line["id"] for line in src.treaty_lines["lines"]}
    periods = src.periods["periods"]
    pf = "sources/periods.json"
    for i, p in enumerate(periods):
        at = f"periods[{i}] (id {p['id']})"
        check_ref(p["treaty"], treaties, file=pf, where=f"{at} → treaty", what="treaty")
        for line in p["lines"]:
            check_ref(line, lines, file=pf, where=f"{at} → lines", what="treaty line")
        missing = sorted(set(zones) - set(p["holders"]))
        if missing:
            raise DataError(
                f"no holder for {', '.join(missing)}",
                file=pf,
                where=f"{at} → holders",
                expected="a holder for every zone",
            )
        unnamed = sorted(set(p["holders"].values()) - set(src.periods["states"]))
        if unnamed:
            raise DataError(
                f"holder {unnamed[0]!r} has no state names", file=pf, where="states", expected="names for every holder"
            )
    starts = [p["start"] for p in periods]
    if starts != sorted(set(starts)) or starts[0] != FIRST_YEAR:
        raise DataError(
            f"period starts {starts} are not in order",
            file=pf,
            where="periods",
            expected=f"increasing start years from {FIRST_YEAR}",
        )
    ends = {p["id"]: (p["start"], nxt - 1) for p, nxt in zip(periods, [*starts[1:], 10_000])}
    for i, occ in enumerate(src.periods["occupations"]):
        at = f"occupations[{i}] (id {occ['id']})"
        check_ref(occ["end_treaty"], treaties, file=pf, where=f"{at} → end_treaty", what="treaty")
        if not occ["start"] < occ["end"]:
            raise DataError(
                f"ends ({occ['end']}) before it starts ({occ['start']})", file=pf, where=at, expected="start < end"
            )
    for holder, names in src.periods["states"].items():
        years = [n["start"] for n in names]
        if years != sorted(set(years)) or years[0] > starts[0]:
            raise DataError(
                f"state names start in {years}",
                file=pf,
                where=f"states → {holder}",
                expected=f"increasing years, the first no later than {starts[0]}",
            )
    ef = "sources/events.json"
    for i, e in enumerate(src.events["events"]):
        at = f"events[{i}] ({e['date']})"
        check_ref(e["period"], set(ends), file=ef, where=f"{at} → period", what="period")
        check_ref(e.get("treaty"), treaties, file=ef, where=f"{at} → treaty", what="treaty")
        first, last = ends[e["period"]]
        if int(e["date"][:4]) != e["year"] or not first <= e["year"] <= last:
            raise DataError(
                f"year {e['year']} (date {e['date']}) does not fit period {e['period']} ({first}–{min(last, 9999)})",
                file=ef,
                where=at,
                expected="the year of the date, inside the period's years",
            )
    for i, line in enumerate(src.treaty_lines["lines"]):
        check_ref(
            line["treaty"],
            treaties,
            file="sources/treaty_lines.json",
            where=f"lines[{i}] (id {line['id']})",
            what="treaty",
        )
    islands = {row["id"] for row in src.gazetteer}
    groups = {row["group"] for row in src.gazetteer if row["group"]}
    for i, unit in enumerate(src.disputed["units"]):
        check_ref(unit, islands | groups, file="sources/disputed.json", where=f"units[{i}]", what="island or group")
    for i, row in enumerate(src.towns, start=2):
        check_ref(row["island"], islands, file="sources/towns.csv", where=f"line {i}, column island", what="island")
    for file, rows in (("sources/gazetteer.csv", src.gazetteer), ("sources/towns.csv", src.towns)):
        for i, row in enumerate(rows, start=2):
            _check_kana(row, file, f"line {i} (id {row['id']}), column name_ru_kana")
    _check_kana(src.disputed["habomai_names"], "sources/disputed.json", "habomai_names → name_ru_kana")
    places = islands | {row["id"] for row in src.towns}
    for i, place in enumerate(src.names["places"]):
        check_ref(place["id"], places, file="sources/names.json", where=f"places[{i}]", what="island or town")
        _check_name_years(place, f"places[{i}] (id {place['id']})")


def _check_kana(row: dict, file: str, where: str) -> None:
    """A place with two names gives its Russian name in katakana (the Japanese interface writes it)."""
    if row["name_ja_romaji"] != row["name_ru_latin"] and row["name_ru"] and not row.get("name_ru_kana"):
        raise DataError(
            f"{row['name_ru']!r} has no katakana form",
            file=file,
            where=where,
            expected="the Russian name in katakana (names.json → scripts), for a place with two names",
            fix=SOURCE_FIX,
        )


def dated_names(names: dict) -> dict[str, list[dict]]:
    """``sources/names.json`` as the layers carry it: place id -> its dated names, in the table's order."""
    keys = ("lang", "name", "latin", "kana", "from", "until", "style")
    return {place["id"]: [{k: n[k] for k in keys if k in n} for n in place["names"]] for place in names["places"]}


def _check_name_years(place: dict, at: str) -> None:
    """A name is in use from ``from`` to the year before ``until``; once named, a place always has a name."""
    spans = [(n.get("from", 0), n.get("until", 10_000), n) for n in place["names"]]
    for start, end, n in spans:
        if start >= end:
            raise DataError(
                f"{n['name']!r} is in use from {start} until {end}",
                file="sources/names.json",
                where=at,
                expected="'from' before 'until'",
                fix=SOURCE_FIX,
            )
    for lang in {n["lang"] for _, _, n in spans}:
        mine = sorted(((s, e, n) for s, e, n in spans if n["lang"] == lang), key=lambda span: span[:2])
        for (_, end, a), (start, _, b) in zip(mine, mine[1:]):
            if start < end:
                raise DataError(
                    f"{a['name']!r} (until {end}) and {b['name']!r} (from {start}) overlap",
                    file="sources/names.json",
                    where=f"{at} → names ({lang})",
                    expected="one name per language in any year",
                    fix=SOURCE_FIX,
                )
    spans.sort(key=lambda span: span[:2])
    covered = spans[0][1]
    for start, end, n in spans[1:]:
        if start > covered:
            raise DataError(
                f"no name from {covered} until {start} (when {n['name']!r} begins)",
                file="sources/names.json",
                where=at,
                expected="no gap: once named, a place keeps a name in some language",
                fix=SOURCE_FIX,
            )
        covered = max(covered, end)
    if covered < 10_000:
        raise DataError(
            f"has no name after {covered}", file="sources/names.json", where=at, expected="a name in use today"
        )


def expected_holders(holders: dict, zone: str) -> set[str]:
    """The holders a period table allows for a layer feature of ``zone`` (whole Sakhalin: either half's)."""
    if zone == "sakhalin":
        return {holders["sakhalin-south"], holders["sakhalin-north"]}
    return {holders[zone]} if zone in holders else set()


def check_layers(atlas, src: Sources) -> None:
    """The built layers say what the tables say: holders, periods, treaties and the disputed islands."""
    islands = {row["id"] for row in src.gazetteer}
    for period in atlas.history.periods:
        layer = atlas.layers[period.id]
        name = f"{period.id}.geojson"
        for i, props in enumerate(layer.properties):
            at = f"feature {i} ({props['id']})"
            if props["island"] not in islands:
                raise DataError(
                    f"island {props['island']!r} is not in sources/gazetteer.csv",
                    file=name,
                    where=at,
                    expected="an island of the gazetteer",
                    fix=_REBUILD,
                )
            allowed = expected_holders(period.holders, props["zone"])
            if props.get("holder") not in allowed:
                raise DataError(
                    f"holder is {props.get('holder')!r} but sources/periods.json gives zone {props['zone']} "
                    f"to {' or '.join(sorted(allowed)) or 'nobody'} in period {period.id}",
                    file=name,
                    where=at,
                    expected="the holder of the period table",
                    fix=_REBUILD,
                )
            if props.get("period") != period.id or props.get("treaty") != period.treaty:
                raise DataError(
                    f"says period {props.get('period')!r}, treaty {props.get('treaty')!r}",
                    file=name,
                    where=at,
                    expected=f"period {period.id!r}, treaty {period.treaty!r} as in sources/periods.json",
                    fix=_REBUILD,
                )
        stray = sorted(set((period.basis or {}).get("zones", {})) - {p["zone"] for p in layer.properties})
        if stray:
            raise DataError(
                f"names zone {stray[0]!r} in its basis, which no land of the {period.id} layer is in",
                file="sources/periods.json",
                where=f"period {period.id} → basis → zones",
                expected=f"zones of {name}: {', '.join(sorted({p['zone'] for p in layer.properties}))}",
            )
    dated = dated_names(src.names)
    for layer in [*atlas.layers.values(), atlas.towns]:
        for i, props in enumerate(layer.properties):
            place = props.get("island", props["id"]) if layer is not atlas.towns else props["id"]
            if list(props.get("name_history") or []) != dated.get(place, []):
                raise DataError(
                    "its dated names differ from sources/names.json",
                    file=layer.path.name,
                    where=f"feature {i} ({props['id']})",
                    expected="the names of sources/names.json",
                    fix=_REBUILD,
                )
    units = [p["id"] for p in atlas.disputed.properties]
    if sorted(units) != sorted(src.disputed["units"]):
        raise DataError(
            f"holds the islands {', '.join(units)} but sources/disputed.json lists {', '.join(src.disputed['units'])}",
            file="disputed_islands.geojson",
            expected="the same islands in both files",
            fix=_REBUILD,
        )
    line_ids = sorted(p["id"] for p in atlas.lines.properties)
    table_ids = sorted(line["id"] for line in src.treaty_lines["lines"])
    if line_ids != table_ids:
        raise DataError(
            f"holds the lines {', '.join(line_ids)} but sources/treaty_lines.json lists {', '.join(table_ids)}",
            file="treaty_lines.geojson",
            expected="the same lines in both files",
            fix=_REBUILD,
        )
