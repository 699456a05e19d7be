"""Drawing data that does not change with the year: the atlas projected and simplified into matplotlib paths."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely

from kurilmap.export.layout import _project
from kurilmap.i18n import LANGS
from kurilmap.places import town_zone
from kurilmap.scene import places


def _ring_codes(n: int):
    from matplotlib.path import Path as MplPath

    codes = np.full(n, MplPath.LINETO, dtype=np.uint8)
    codes[0] = MplPath.MOVETO
    codes[-1] = MplPath.CLOSEPOLY
    return codes


def _mpl_path(geom):
    """A matplotlib path for a projected (multi)polygon; holes wind the other way (nonzero fill)."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for poly in shapely.get_parts(shapely.orient_polygons(geom)):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            verts.append(xy)
            codes.append(_ring_codes(len(xy)))
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _lines_xy(geom) -> list[np.ndarray]:
    return [np.asarray(part.coords) for part in shapely.get_parts(geom) if not part.is_empty]


@dataclass
class _Scene:
    """Year-independent drawing data: projected, simplified, ready for matplotlib."""

    units: list  # dicts: id, island, zone, holders, path, coast (list of arrays), geometry (lon/lat)
    context: list  # paths
    lines: dict  # id -> {"xy": array, "labels": {lang: text}}
    towns: list  # dicts: x, y, names
    labels: list  # dicts: id, names, geometry (lon/lat), big (bool)
    land: object  # lon/lat union of everything drawn as land, for label placement


@cache
def _scene(atlas, tolerance: float) -> _Scene:
    """The drawing data of ``atlas`` at ``tolerance``, kept on disk with the atlas (0.2 s to make, 3 ms to read)."""
    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    code = ("export/shapes.py", "export/layout.py", "scene.py")
    return atlascache.kept("shapes", (tolerance,), code, lambda: _make_scene(atlas, tolerance), atlas=atlas)


def _make_scene(atlas, tolerance: float) -> _Scene:
    units = []
    zones = atlas.split_zones()
    for u in atlas.display_units(tolerance):
        geom = u["geometry"]
        coast = shapely.boundary(geom)
        if u["part"]:
            # The cut across Sakhalin is not a coast: leave it out of outlines.
            coast = shapely.difference(coast, shapely.buffer(shapely.boundary(zones[u["part"]]), 1e-6))
        units.append(
            {
                "id": u["id"],
                "island": u["island"],
                "zone": u["zone"],
                "holders": u["holders"],
                "path": _mpl_path(_project(geom)),
                "coast": _lines_xy(_project(coast)),
                "geometry": geom,
            }
        )
    context_geoms = [shapely.simplify(g, tolerance * 2, preserve_topology=True) for g in atlas.context.geometries]
    context = [_mpl_path(_project(g)) for g in context_geoms]
    lines = {
        p["id"]: {"xy": np.asarray(_project(g).coords), "labels": {lang: p[f"label_{lang}"] for lang in LANGS}}
        for p, g in zip(atlas.lines.properties, atlas.lines.geometries)
    }
    towns = [
        {"id": p["id"], "lon": g.x, "lat": g.y, "names": {**p, "zone": town_zone(atlas, g)}}  # zone: English usage
        for p, g in zip(atlas.towns.properties, atlas.towns.geometries)
    ]
    # Labels: the named islands of the scene (the four disputed ones, Habomai as one group, and the large ones).
    labels = [
        {"id": p.id, "names": p.names, "geometry": p.geometry, "big": p.bold}
        for p in places(atlas, tolerance)
        if p.kind == "island"
    ]
    return _Scene(units, context, lines, towns, labels, atlas.land(tolerance))


@cache
def _surroundings(atlas, tolerance: float) -> list[dict]:
    """The land around the region that wide pictures draw: dicts of id (the unit it continues), zone and path."""
    import kurilmap.atlascache as atlascache

    def make():
        layer = atlas.surroundings
        out = []
        for p, g in zip(layer.properties, layer.geometries):
            simple = shapely.simplify(g, tolerance * (2 if p["zone"] == "context" else 1), preserve_topology=True)
            out.append({"id": p["id"], "zone": p["zone"], "path": _mpl_path(_project(simple))})  # as in _make_scene
        return out

    return atlascache.kept("surroundings", (tolerance,), ("export/shapes.py", "export/layout.py"), make, atlas=atlas)


@cache
def _km_per_degree_lon(lat: float) -> float:
    """Length of one degree of longitude along the parallel ``lat`` on the WGS84 ellipsoid, in km.

    Examples
    --------
    >>> round(_km_per_degree_lon(48.0), 3)
    74.625
    """
    a, f = 6378137.0, 1 / 298.257223563  # WGS84 (no pyproj import for one number: it costs 0.06 s)
    e2, phi = f * (2 - f), math.radians(lat)
    return math.pi / 180 * a * math.cos(phi) / math.sqrt(1 - e2 * math.sin(phi) ** 2) / 1000
