"""Vector export: the border layer of a year as GeoJSON or GeoPackage, with its provenance."""

from __future__ import annotations

import datetime as _dt
import json
import math
import tempfile
from pathlib import Path

import numpy as np

from kurilmap import __version__
from kurilmap.data import CRS84, REGION
from kurilmap.export.options import _today

_EXTRA_FIELDS = ("state", "occupied_by", "disputed")


def _layer_records(atlas, year: int) -> tuple[list[str], list[dict], list]:
    from kurilmap.naming import dated_names

    resource = next(r for r in atlas.package["resources"] if r["name"] == "period")
    fields = [f["name"] for f in resource["fields"]]
    fields += [f for f in _EXTRA_FIELDS if f not in fields]
    frame = atlas.layer(year)
    records = []
    for row in frame.drop(columns="geometry").to_dict("records"):
        rec = {}
        for f in fields:
            v = row.get(f)
            if isinstance(v, float) and math.isnan(v):
                v = None
            elif isinstance(v, np.generic):
                v = v.item()
            rec[f] = v
        if rec.get("name_history"):  # the names in use in the year (the dated names stay in name_history)
            rec.update(dated_names(row, year), name_history=list(rec["name_history"]))
        records.append(rec)
    return fields, records, list(frame.geometry)


def provenance(atlas, year: int, today: _dt.date | None = None) -> dict:
    """Where an exported layer comes from: sources, licences, year, period, treaty, date and tool.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> provenance(load_atlas(), 1910)["period"]["id"]
    '1905'
    """
    history = atlas.history
    period = history.period_for(year)
    treaty = None
    if period.treaty:
        tr = atlas.treaties[period.treaty]
        treaty = {"id": tr["id"], "name": tr["name"], "signed": tr["signed"], "article": tr.get("article")}
    return {
        "title": "Japan–Russia border in Sakhalin and the Kuril Islands at the end of the year",
        "year": int(year),
        "period": {"id": period.id, "start": period.start, "end": period.end, "label": period.label},
        "treaty": treaty,
        "occupations": [
            {"id": o.id, "zone": o.zone, "by": o.by, "label": o.label} for o in history.occupations_in(year)
        ],
        "lines_in_force": list(period.lines),
        "crs": CRS84,
        "region": list(REGION),
        "geometry": "full resolution (GSHHG full, 5 decimals), not simplified",
        "sources": atlas.package.get("sources", []),
        "licenses": atlas.package.get("licenses", []),
        "exported": _today(today).isoformat(),
        "tool": f"kurilmap {__version__}",
    }


def _geojson(atlas, year: int, today) -> bytes:
    from shapely.geometry import mapping

    _, records, geoms = _layer_records(atlas, year)
    features = [
        {"type": "Feature", "id": rec["id"], "properties": rec, "geometry": _plain(mapping(g))}
        for rec, g in zip(records, geoms)
    ]
    doc = {
        "type": "FeatureCollection",
        "name": f"kurilmap-{year}",
        "crs": {"type": "name", "properties": {"name": CRS84}},
        "provenance": provenance(atlas, year, today),
        "features": features,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def _plain(obj):
    """GeoJSON from shapely's mapping with lists instead of tuples (same bytes every run)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def _gpkg(atlas, year: int, today) -> bytes:
    import geopandas as gpd
    import pyogrio

    fields, records, geoms = _layer_records(atlas, year)
    for rec in records:  # a GeoPackage column holds no lists: the dated names as JSON text
        if rec.get("name_history"):
            rec["name_history"] = json.dumps(rec["name_history"], ensure_ascii=False)
    frame = gpd.GeoDataFrame(records, columns=fields, geometry=geoms, crs="EPSG:4326")
    prov = provenance(atlas, year, today)
    meta = {k: json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for k, v in prov.items()}
    with tempfile.TemporaryDirectory(prefix="kurilmap-") as tmp:
        path = Path(tmp) / f"kurilmap_{year}.gpkg"
        pyogrio.write_dataframe(
            frame, path, layer=f"borders_{year}", driver="GPKG", layer_metadata=meta,
            layer_options={"DESCRIPTION": prov["title"] + f" ({year})"},
        )  # fmt: skip
        return path.read_bytes()
