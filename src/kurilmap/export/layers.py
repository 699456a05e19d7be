"""Vector export: the layers of a view as GeoJSON (RFC 7946) or GeoPackage, with licence, credit and provenance.

A download holds the islands of the year, the border lines in force, the towns with the names of
that year and, for a compare view, the land that changed hands between the two years; each layer
comes with its field guide (the field descriptions of ``geodata/datapackage.json``).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import tempfile
from pathlib import Path

import numpy as np
import shapely

from kurilmap.data import CRS84, REGION
from kurilmap.export.options import _today, _version

_EXTRA_FIELDS = ("state", "occupied_by", "disputed")
DECIMALS = 6  # RFC 7946 §11.2: six decimals of a degree (about 10 cm) are more than GSHHG's accuracy
LAYERS = ("islands", "border_lines", "towns", "changed")


def _plain_value(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _fields_of(atlas, resource: str) -> list[dict]:
    return next(r for r in atlas.package["resources"] if r["name"] == resource)["fields"]


def _island_records(atlas, year: int) -> tuple[list[str], list[dict], list]:
    from kurilmap.naming import dated_names

    fields = [f["name"] for f in _fields_of(atlas, "period")]
    fields += [f for f in _EXTRA_FIELDS if f not in fields]
    frame = atlas.layer(year)
    records = []
    for row in frame.drop(columns="geometry").to_dict("records"):
        rec = {f: _plain_value(row.get(f)) for f in fields}
        if rec.get("name_history"):  # the names in use in the year (the dated names stay in name_history)
            rec.update(dated_names(row, year), name_history=list(rec["name_history"]))
        records.append(rec)
    return fields, records, list(frame.geometry)


def _line_records(atlas, year: int) -> tuple[list[str], list[dict], list]:
    in_force = set(atlas.history.period_for(year).lines)
    fields = [f["name"] for f in _fields_of(atlas, "treaty_lines")]
    pairs = [(p, g) for p, g in zip(atlas.lines.properties, atlas.lines.geometries) if p["id"] in in_force]
    return fields, [{f: p.get(f) for f in fields} for p, _ in pairs], [g for _, g in pairs]


def _town_records(atlas, year: int) -> tuple[list[str], list[dict], list]:
    from kurilmap.naming import dated_names

    fields = [f["name"] for f in _fields_of(atlas, "towns")]
    records = []
    for props in atlas.towns.properties:
        rec = {f: props.get(f) for f in fields}
        if props.get("name_history"):
            rec.update({k: v for k, v in dated_names(props, year).items() if k in fields})
            rec["name_history"] = list(props["name_history"])
        records.append(rec)
    return fields, records, list(atlas.towns.geometries)


def _changed_records(atlas, year: int, compare: int) -> tuple[list[str], list[dict], list]:
    history = atlas.history
    first, last = sorted((year, compare))
    disputed = atlas.disputed_islands if history.period_for(last).disputed else set()
    fields = ["id", "island", "from_holder", "to_holder", "from_state", "to_state", "disputed", "area_km2"]
    records, geoms, seen = [], [], {}
    for c in atlas.diff(first, last):
        fid = f"{c.island}-{c.from_holder}-{c.to_holder}"
        seen[fid] = seen.get(fid, 0) + 1
        records.append(
            {
                "id": fid if seen[fid] == 1 else f"{fid}-{seen[fid]}",
                "island": c.island,
                "from_holder": c.from_holder,
                "to_holder": c.to_holder,
                "from_state": history.state_name(c.from_holder, first),
                "to_state": history.state_name(c.to_holder, last),
                "disputed": c.island in disputed,
                "area_km2": c.area_km2,
            }
        )
        geoms.append(c.geometry)
    return fields, records, geoms


def layer_tables(atlas, year: int, compare: int | None = None) -> dict[str, tuple[list[str], list[dict], list]]:
    """The layers of a download: name → (fields, records, geometries), islands first.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> list(layer_tables(load_atlas(), 1905, compare=1875))
    ['islands', 'border_lines', 'towns', 'changed']
    >>> [r["id"] for r in layer_tables(load_atlas(), 1905)["border_lines"][1]]
    ['first-kuril-1875', 'sakhalin-50n-1905']
    """
    tables = {
        "islands": _island_records(atlas, year),
        "border_lines": _line_records(atlas, year),
        "towns": _town_records(atlas, year),
    }
    if compare is not None and compare != year:
        tables["changed"] = _changed_records(atlas, year, compare)
    return tables


def field_guide(atlas, layers=LAYERS) -> dict[str, dict[str, str]]:
    """What each field of each exported layer means, from ``datapackage.json``.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> field_guide(load_atlas())["islands"]["holder"].startswith("the de facto administration of the land")
    True
    """
    package = atlas.package
    extra = package["export_fields"]
    guide = {
        "islands": {f["name"]: f["description"] for f in _fields_of(atlas, "period")}
        | {k: extra[k] for k in _EXTRA_FIELDS},
        "border_lines": {f["name"]: f["description"] for f in _fields_of(atlas, "treaty_lines")},
        "towns": {f["name"]: f["description"] for f in _fields_of(atlas, "towns")},
        "changed": dict(extra["changed"]),
    }
    guide = {name: {"layer": extra["layer"], **fields} for name, fields in guide.items()}
    return {name: guide[name] for name in layers}


def provenance(atlas, year: int, today: _dt.date | None = None, compare: int | None = None) -> dict:
    """Where an exported layer comes from: credit, licences, public sources, year, period, treaty, date and tool.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> provenance(load_atlas(), 1910)["period"]["id"]
    '1905'
    """
    history = atlas.history
    package = atlas.package
    period = history.period_for(year)
    treaty = None
    if period.treaty:
        tr = atlas.treaties[period.treaty]
        treaty = {"id": tr["id"], "name": tr["name"], "signed": tr["signed"], "article": tr.get("article")}
    return {
        "title": "Japan–Russia border in Sakhalin and the Kuril Islands at the end of the year",
        "year": int(year),
        **({"compare": int(compare)} if compare is not None else {}),
        "period": {"id": period.id, "start": period.start, "end": period.end, "label": period.label},
        "treaty": treaty,
        "occupations": [
            {"id": o.id, "zone": o.zone, "by": o.by, "label": o.label} for o in history.occupations_in(year)
        ],
        "lines_in_force": list(period.lines),
        "crs": CRS84,
        "region": list(REGION),
        "geometry": f"full resolution (GSHHG full, {package['coordinate_precision']} decimals), not simplified",
        "credit": package["credit"],
        "licensor": ", ".join(c["title"] for c in package["contributors"]),
        "sources": [{"title": s["title"], "path": s["path"]} for s in package.get("sources", [])],
        "licenses": package.get("licenses", []),
        "exported": _today(today).isoformat(),
        "tool": f"kurilmap {_version()}",
    }


def _rfc7946(geom):
    """Counter-clockwise exterior rings and at most :data:`DECIMALS` decimals (RFC 7946 §3.1.6, §11.2)."""
    rounded = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))  # keeps each ring's first vertex
    return shapely.orient_polygons(rounded, exterior_cw=False)


def _plain(obj):
    """GeoJSON from shapely's mapping with lists instead of tuples (same bytes every run)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    return obj


def _geojson(atlas, year: int, today, compare: int | None = None) -> bytes:
    from shapely.geometry import mapping

    tables = layer_tables(atlas, year, compare)
    features = []
    for name, (_, records, geoms) in tables.items():
        for rec, g in zip(records, geoms):
            fid = rec["id"] if name == "islands" else f"{name}/{rec['id']}"
            props = {"layer": name, **rec}
            features.append(
                {"type": "Feature", "id": fid, "properties": props, "geometry": _plain(mapping(_rfc7946(g)))}
            )
    prov = provenance(atlas, year, today, compare)
    doc = {
        "type": "FeatureCollection",
        "name": f"kurilmap-{year}" + (f"-vs-{compare}" if compare is not None else ""),
        "license": " AND ".join(lic["name"] for lic in prov["licenses"]),
        "attribution": prov["credit"],
        "provenance": prov,
        "fields": field_guide(atlas, list(tables)),
        "features": features,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def _gpkg(atlas, year: int, today, compare: int | None = None) -> bytes:
    import geopandas as gpd
    import pyogrio

    tables = layer_tables(atlas, year, compare)
    guide = field_guide(atlas, list(tables))
    prov = provenance(atlas, year, today, compare)
    meta = {k: json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for k, v in prov.items()}
    meta["license"] = " AND ".join(lic["name"] for lic in prov["licenses"])
    with tempfile.TemporaryDirectory(prefix="kurilmap-") as tmp:
        path = Path(tmp) / f"kurilmap_{year}.gpkg"
        for name, (fields, records, geoms) in tables.items():
            rows = []
            for rec in records:  # a GeoPackage column holds no lists: the dated names as JSON text
                rows.append(
                    {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in rec.items()}
                )
            frame = gpd.GeoDataFrame(rows, columns=fields, geometry=[_rfc7946(g) for g in geoms], crs="EPSG:4326")
            pyogrio.write_dataframe(
                frame, path, layer=f"{name}_{year}" + (f"_{compare}" if name == "changed" else ""), driver="GPKG",
                layer_metadata=meta | {"fields": json.dumps(guide[name], ensure_ascii=False)},
                layer_options={"DESCRIPTION": f"{prov['title']} ({year}): {name.replace('_', ' ')}. {prov['credit']}"},
                append=path.exists(),
            )  # fmt: skip
        return path.read_bytes()
