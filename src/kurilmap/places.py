"""The named places of the map: the disputed islands (Habomai as one group), the larger islands and the towns,
each with its names and the zoom from which its label shows (read by the scene and every renderer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import shapely

from kurilmap.data import NAME_FIELDS
from kurilmap.geometry import DISPLAY_TOLERANCE, Atlas

#: Islands of at least this many km² are named on the map (smaller ones in their tooltip only).
LABEL_MIN_KM2 = 150
#: Names of land smaller than this appear from zoom 6 on the interactive map.
BIG_LABEL_KM2 = 1000
#: Labels in bold (the large land masses).
BOLD_LABEL_KM2 = 10_000


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
    :data:`LABEL_MIN_KM2` km² or more, and towns; island outlines simplified to ``tolerance``.

    Kept on disk with the validated atlas (:func:`kurilmap.atlascache.kept`): joining each island's
    outlines took a command-line export 50 ms.
    """
    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    code = ("places.py", "geometry.py", "data.py")
    return atlascache.kept("places", (tolerance,), code, lambda: _places(atlas, tolerance), atlas=atlas)


def _places(atlas: Atlas, tolerance: float) -> tuple[Place, ...]:
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
        zone = zone_of(atlas, names[members[0]]["zone"], geom) if members[0] in names else None
        return Place(pid, "island", round(point.x, 3), round(point.y, 3), _names(name_props, zone), km2_, geom)

    out, grouped = [], set()
    for props in atlas.disputed.properties:
        grouped |= set(props["islands"])
        out.append(anchored(props["id"], props["islands"], props, sum(area.get(i, 0) for i in props["islands"])))
    for island, value in area.items():
        if value >= LABEL_MIN_KM2 and island not in grouped:
            out.append(anchored(island, [island], names[island], value))
    for props, geom in zip(atlas.towns.properties, atlas.towns.geometries):
        zone = town_zone(atlas, geom)
        out.append(Place(props["id"], "town", round(geom.x, 4), round(geom.y, 4), _names(props, zone), 0.0, geom))
    return tuple(out)


def town_zone(atlas: Atlas, point) -> str:
    """The zone of the land nearest a town's point (a port may sit just off the simplified coast)."""
    first = next(iter(atlas.layers.values()))
    tree = shapely.STRtree(list(first.geometries))
    return zone_of(atlas, first.properties[int(tree.nearest(point))]["zone"], point)


def zone_of(atlas: Atlas, zone: str, geom) -> str:
    """The zone of ``periods.json`` whose holder a place has: on Sakhalin (zone ``sakhalin``, cut by the build
    only where its halves differ) the half it lies in; the whole island keeps ``sakhalin``.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> zone_of(load_atlas(), "sakhalin", shapely.Point(141.22, 46.25)), zone_of(load_atlas(), "hokkaido", None)
    ('sakhalin-south', 'hokkaido')
    """
    if zone != "sakhalin" or geom is None:
        return zone
    for part, half in atlas.split_zones().items():
        if half.contains(geom):
            return f"sakhalin-{part}"
    return zone


def _names(props: dict, zone: str | None = None) -> dict:
    """A place's name fields (and dated names), with the zone whose holder the English-usage style reads."""
    names = {k: props.get(k, "") for k in NAME_FIELDS}
    if props.get("name_history"):
        names["name_history"] = tuple(props["name_history"])
    zone = zone or props.get("zone")
    if zone:
        names["zone"] = zone
    return names
