"""The geometry module: layers by year, holders of places, areas, changes and display geometry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from kurilmap.campaign import Campaign, campaign_from
from kurilmap.crosscheck import check_layers, check_sources
from kurilmap.data import (
    GEODATA_DIR,
    NAME_FIELDS,
    REGION,
    DataError,
    Layer,
    check_partition,
    geodata_dir,
    geodesic_area_km2,
    read_datapackage,
    read_layer,
)
from kurilmap.naming import dated_names
from kurilmap.periods import History, history_from
from kurilmap.positions import Positions, positions_from
from kurilmap.validate import Sources, read_sources

if TYPE_CHECKING:
    import geopandas

#: Default display tolerance in degrees (≈ 90 m in latitude, less in longitude here):
#: the drawn coast stays within 150 m of the full-resolution shoreline.
DISPLAY_TOLERANCE = 0.0008


def split_zones(line_coords, bbox=REGION) -> dict[str, shapely.Polygon]:
    """Cut the region in two along a land boundary (extended west and east to the region's edge).

    Examples
    --------
    >>> halves = split_zones([(142.15, 50.0), (143.99, 50.0)])
    >>> halves["south"].bounds[3], halves["north"].bounds[1]
    (50.0, 50.0)
    """
    west, south, east, north = bbox
    coords = [tuple(c) for c in line_coords]
    southern = shapely.Polygon(
        [(west, south), (east, south), (east, coords[-1][1]), *coords[::-1], (west, coords[0][1])]
    )
    northern = shapely.Polygon([(west, coords[0][1]), *coords, (east, coords[-1][1]), (east, north), (west, north)])
    return {"south": southern, "north": northern}


@dataclass(frozen=True)
class Change:
    """Land that passed from one holder to another between two years."""

    island: str
    from_holder: str
    to_holder: str
    area_km2: float
    geometry: object


class Atlas:
    """All layers of one ``geodata/`` folder, validated on load.

    Examples
    --------
    >>> atlas = load_atlas()
    >>> atlas.holding_at(142.74, 46.96, 1910)["holder"]   # Toyohara / Yuzhno-Sakhalinsk
    'japan'
    """

    def __init__(self, directory: Path = GEODATA_DIR):
        self.directory = Path(directory)
        package = read_datapackage(self.directory)
        self.sources: Sources = read_sources(self.directory, package)
        check_sources(self.sources, package)
        self.history: History = history_from(self.sources.periods)
        self.layers: dict[str, Layer] = {}
        for period in self.history.periods:
            layer = read_layer(self.directory / f"{period.id}.geojson", package)
            check_partition(layer)
            self.layers[period.id] = layer
        self.disputed = read_layer(self.directory / "disputed_islands.geojson", package)
        self.context = read_layer(self.directory / "context.geojson", package)
        self.lines = read_layer(self.directory / "treaty_lines.geojson", package)
        self.towns = read_layer(self.directory / "towns.geojson", package)
        self.package = package
        self._check_same_land()
        check_layers(self, self.sources)
        holders = {uid: {pid: h for pid, (_, h) in per.items()} for uid, per in self.unit_features().items()}
        sequence = self.sources.campaign
        year = int(sequence["first"][:4])
        self.campaign: Campaign = campaign_from(
            sequence, holders, self.history.period_for(year - 1).id, self.history.period_for(year).id
        )
        self.positions: Positions = positions_from(self.sources.positions, set(holders), self.history.periods[0].start)

    def _check_same_land(self) -> None:
        """Every period layer covers the same land: nothing appears or vanishes between periods."""
        areas = {pid: sum(p["area_km2"] for p in layer.properties) for pid, layer in self.layers.items()}
        first = next(iter(areas.values()))
        for pid, area in areas.items():
            if abs(area - first) > 0.001 * first:
                raise DataError(
                    f"{self.directory / (pid + '.geojson')}: covers {area:,.0f} km² of land where the other periods "
                    f"cover {first:,.0f} km². Rebuild the layers with `make geodata`."
                )

    # ------------------------------------------------------------------ sources

    @cached_property
    def treaties(self) -> dict[str, dict]:
        return {t["id"]: t for t in self.sources.treaties["treaties"]}

    @property
    def events(self) -> list[dict]:
        return self.sources.events["events"]

    # ------------------------------------------------------------------ queries

    def layer(self, year) -> geopandas.GeoDataFrame:
        """The period layer in force at the end of ``year``, as a GeoDataFrame (EPSG:4326).

        The ``state`` column names the state of that year (e.g. Soviet Union in 1950) and
        ``occupied_by`` marks land under an occupation that did not change sovereignty.

        Examples
        --------
        >>> load_atlas().layer(1921).set_index("id").loc["sakhalin-north", "occupied_by"]
        'japan'
        """
        import geopandas as gpd  # heavy; the app's hot path never needs it

        period = self.history.period_for(year)
        layer = self.layers[period.id]
        frame = gpd.GeoDataFrame(list(layer.properties), geometry=list(layer.geometries), crs="EPSG:4326")
        frame["state"] = [self.history.state_name(h, year) for h in frame["holder"]]
        occupied = {o.zone: o.by for o in self.history.occupations_in(year)}
        frame["occupied_by"] = [occupied.get(z) for z in frame["zone"]]
        frame["disputed"] = frame["island"].isin(self.disputed_islands) & period.disputed
        return frame

    @cached_property
    def surroundings(self) -> Layer:
        """The land around the region that only wide pictures draw (``surroundings.geojson``), read at first use.

        The interactive map and most exports never need it, so loading the atlas does not read it.
        """
        return read_layer(self.directory / "surroundings.geojson", self.package)

    @cached_property
    def disputed_islands(self) -> set[str]:
        return {i for props in self.disputed.properties for i in props["islands"]}

    @cache  # noqa: B019 - one Atlas per folder, kept for the process
    def _tree(self, period_id: str) -> shapely.STRtree:
        return shapely.STRtree(list(self.layers[period_id].geometries))

    def holdings_at(self, lons, lats, year) -> list[dict]:
        """Who held each place (lon, lat) at the end of ``year``; one dict per place.

        Each dict has the keys ``year``, ``holder`` (None at sea), ``state``, ``island``
        (id and names, or None), ``period``, ``treaty``, ``disputed`` and ``occupied_by``.
        Vectorised: 10,000 places take a few milliseconds.
        """
        period = self.history.period_for(year)
        year = int(year)
        layer = self.layers[period.id]
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        pt_idx, feat_idx = self._tree(period.id).query(points, predicate="within")
        found = dict(zip(pt_idx.tolist(), feat_idx.tolist()))
        occupied = {o.zone: o.by for o in self.history.occupations_in(year)}
        base = {"year": year, "period": period.id, "period_label": period.label["en"], "treaty": period.treaty}
        out = []
        for i in range(len(points)):
            j = found.get(i)
            if j is None:
                out.append(
                    {**base, "holder": None, "state": None, "island": None, "disputed": False, "occupied_by": None}
                )
                continue
            props = layer.properties[j]
            island = {"id": props["island"], **dated_names(props, year)}  # the names in use that year
            out.append(
                {
                    **base,
                    "holder": props["holder"],
                    "state": self.history.state_name(props["holder"], year),
                    "island": island,
                    "disputed": props["island"] in self.disputed_islands and period.disputed,
                    "occupied_by": occupied.get(props["zone"]),
                }
            )
        return out

    def holding_at(self, lon: float, lat: float, year) -> dict:
        """Who held the place (lon, lat) at the end of ``year`` (see :meth:`holdings_at`)."""
        return self.holdings_at([lon], [lat], year)[0]

    @cache  # noqa: B019
    def _areas(self, period_id: str) -> dict:
        holders: dict[str, float] = {}
        islands: dict[str, dict] = {}
        for props in self.layers[period_id].properties:
            holders[props["holder"]] = holders.get(props["holder"], 0.0) + props["area_km2"]
            islands[props["id"]] = {
                "island": props["island"],
                "name_en": props["name_en"],
                "holder": props["holder"],
                "area_km2": props["area_km2"],
            }
        return {"holders": {h: round(a, 1) for h, a in sorted(holders.items())}, "islands": islands}

    def areas(self, year) -> dict:
        """Land area in km² per holder and per island at the end of ``year``.

        Examples
        --------
        >>> a = load_atlas().areas(1910)
        >>> a["holders"]["japan"] > a["holders"]["russia"] > 0
        True
        """
        period = self.history.period_for(year)
        return {"year": int(year), "period": period.id, **self._areas(period.id)}

    def diff(self, year_a, year_b) -> list[Change]:
        """The land that changed holder between the ends of ``year_a`` and ``year_b``.

        Examples
        --------
        >>> [(c.island, c.to_holder) for c in load_atlas().diff(1904, 1905)]
        [('sakhalin', 'japan'), ('moneron', 'japan')]
        """
        pa, pb = self.history.period_for(year_a), self.history.period_for(year_b)
        return list(self._diff(pa.id, pb.id))

    def _diff(self, period_a: str, period_b: str) -> tuple[Change, ...]:
        # Changes between two periods never change: computed once per pair, kept on the instance so
        # that the ones prepare() works out are pickled with the atlas (every picture's alt text and
        # caption names what changed when its border came: 0.2 s per command-line export otherwise).
        kept = self.__dict__.setdefault("_diffs", {})
        if (period_a, period_b) not in kept:
            kept[(period_a, period_b)] = self._intersect(period_a, period_b)
        return kept[(period_a, period_b)]

    def _intersect(self, period_a: str, period_b: str) -> tuple[Change, ...]:
        la, lb = self.layers[period_a], self.layers[period_b]
        changes = []
        if period_a == period_b:
            return ()
        left, right = self._tree(period_b).query(list(la.geometries), predicate="intersects")
        for i, j in zip(left.tolist(), right.tolist()):
            a, b = la.properties[i], lb.properties[j]
            if a["holder"] == b["holder"]:
                continue
            piece = shapely.intersection(la.geometries[i], lb.geometries[j])
            area = geodesic_area_km2(piece)
            if area > 0.01:
                changes.append(Change(a["island"], a["holder"], b["holder"], round(area, 1), piece))
        return tuple(changes)

    def diff_summary(self, year_a, year_b) -> dict[tuple[str, str], float]:
        """Changed area in km² per (from holder, to holder) between two years."""
        out: dict[tuple[str, str], float] = {}
        for c in self.diff(year_a, year_b):
            key = (c.from_holder, c.to_holder)
            out[key] = round(out.get(key, 0.0) + c.area_km2, 1)
        return out

    # ------------------------------------------------------------------ display

    def split_zones(self) -> dict[str, shapely.Polygon]:
        """The halves of the region either side of the land boundary (see :func:`split_zones`)."""
        land = next(g for p, g in zip(self.lines.properties, self.lines.geometries) if p["kind"] == "land")
        return split_zones(list(land.coords))

    def prepare(self) -> None:
        """Work out now what every map needs, so that it is kept when the atlas is cached on disk."""
        self.land()
        periods = self.history.periods
        for before, after in zip(periods, periods[1:]):  # what changed hands when each border came
            self._diff(before.id, after.id)

    def land(self, tolerance: float = DISPLAY_TOLERANCE):
        """Everything drawn as land (display units and the mainland, simplified) as one geometry."""
        kept = self.__dict__.setdefault("_land", {})  # on the instance: pickled with it
        if tolerance not in kept:
            context = [shapely.simplify(g, tolerance * 2, preserve_topology=True) for g in self.context.geometries]
            kept[tolerance] = shapely.union_all([u["geometry"] for u in self.display_units(tolerance)] + context)
        return kept[tolerance]

    def display_units(self, tolerance: float = DISPLAY_TOLERANCE) -> list[dict]:
        """Simplified land units with their holder in every period, for maps (computed once per tolerance).

        Units are the finest pieces of all period layers (each island, Sakhalin cut in
        two), so a map can switch periods by restyling alone. Each island is simplified
        whole, then cut, so neighbouring pieces share their edge exactly (no gaps, no
        overlaps) and no island vanishes.

        Returns a list of dicts with ``id``, ``island``, ``names``, ``geometry``
        (simplified), ``features`` (period id -> id of the period feature covering it)
        and ``holders`` (period id -> holder).
        """
        kept = self.__dict__.setdefault("_display_units", {})  # on the instance: pickled with it
        if tolerance not in kept:
            kept[tolerance] = self._simplified_units(tolerance)
        return kept[tolerance]

    def _simplified_units(self, tolerance: float) -> list[dict]:
        whole = {}  # island -> its geometry in the first period that has it whole
        for layer in self.layers.values():
            for props, geom in zip(layer.properties, layer.geometries):
                if not props["part"]:
                    whole.setdefault(props["island"], geom)
        first = {p["island"]: p for p in next(iter(self.layers.values())).properties if not p["part"]}
        zones = self.split_zones()
        covers = self.unit_features()
        simple = {}
        units = []
        for uid, island, part in self._unit_ids():
            props = first[island]
            if island not in simple:
                simple[island] = shapely.simplify(whole[island], tolerance, preserve_topology=True)
            units.append(
                {
                    "id": uid,
                    "island": island,
                    "part": part,
                    "zone": props["zone"] if part is None else f"{props['zone']}-{part}",
                    "names": {k: props[k] for k in NAME_FIELDS},
                    "geometry": simple[island] if part is None else shapely.intersection(simple[island], zones[part]),
                    "features": {pid: fid for pid, (fid, _) in covers[uid].items()},
                    "holders": {pid: holder for pid, (_, holder) in covers[uid].items()},
                }
            )
        return units

    def _unit_ids(self) -> list[tuple[str, str, str | None]]:
        """Every display unit as (id, island, part), in the first period's order: an island, or each
        half of an island that some period splits at the land boundary (``sakhalin-south``, ``sakhalin-north``)."""
        parts: dict[str, set] = {}
        for layer in self.layers.values():
            for p in layer.properties:
                if p["part"]:
                    parts.setdefault(p["island"], set()).add(p["part"])
        halves = list(self.split_zones())  # south, north
        out = []
        for island in dict.fromkeys(p["island"] for p in next(iter(self.layers.values())).properties):
            if island in parts:
                out += [(f"{island}-{part}", island, part) for part in halves if part in parts[island]]
            else:
                out.append((island, island, None))
        return out

    def unit_features(self) -> dict[str, dict[str, tuple[str, str]]]:
        """For each display unit id, per period: the id of the feature covering it and its holder."""
        ids = self._unit_ids()
        out: dict[str, dict[str, tuple[str, str]]] = {uid: {} for uid, _, _ in ids}
        for pid, layer in self.layers.items():
            index = {p["id"]: p for p in layer.properties}
            for uid, island, _ in ids:
                fid = uid if uid in index else island
                out[uid][pid] = (fid, index[fid]["holder"])
        return out


def load_atlas(directory: Path | str | None = None) -> Atlas:
    """Load and validate the layers of ``directory`` (default :func:`geodata_dir`) once per process."""
    return _load_atlas(Path(directory) if directory else geodata_dir())


@cache
def _load_atlas(directory: Path) -> Atlas:
    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    return atlascache.load(directory, Atlas)


@cache
def history() -> History:
    """The history tables of the data folder, from the validated atlas (checked and loaded once).

    Raises :class:`~kurilmap.data.DataError` if any data file is missing or broken.

    Examples
    --------
    >>> history().period_for(1910).id
    '1905'
    """
    return load_atlas().history


def campaign() -> Campaign:
    """The 1945 day-by-day table of the data folder (see :mod:`kurilmap.campaign`), checked and loaded once."""
    return load_atlas().campaign
