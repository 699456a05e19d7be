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
    names = {k: props.get(k, "") for k in NAME_FIELDS}
    if props.get("name_history"):
        names["name_history"] = tuple(props["name_history"])
    return names
