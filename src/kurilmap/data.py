"""Load the committed layers in ``geodata/`` and check them against ``datapackage.json``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import shape

GEODATA_DIR = Path(__file__).resolve().parents[2] / "geodata"
#: Region of the map: (west, south, east, north) in degrees, WGS84.
REGION = (139.0, 41.0, 157.5, 55.0)
NAME_FIELDS = ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin")
CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"
_GEOD = Geod(ellps="WGS84")
_TYPES = {"string": str, "number": (int, float), "boolean": bool, "array": list}


def geodata_dir() -> Path:
    """The data folder: ``$KURILMAP_GEODATA`` if set, else the project's ``geodata/``."""
    return Path(os.environ.get("KURILMAP_GEODATA") or GEODATA_DIR)


class DataError(ValueError):
    """A data file is missing or broken. The message names the file and the feature."""


def geodesic_area_km2(geom) -> float:
    """Area of a lon/lat geometry on the WGS84 ellipsoid, in km².

    Examples
    --------
    >>> from shapely.geometry import box
    >>> round(geodesic_area_km2(box(145, 43, 146, 44)))
    8985
    """
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@dataclass(frozen=True)
class Layer:
    """One validated GeoJSON file: its features' properties and shapely geometries."""

    name: str
    path: Path
    properties: tuple[dict, ...]
    geometries: tuple

    def __len__(self) -> int:
        return len(self.properties)


def read_datapackage(directory: Path = GEODATA_DIR) -> dict:
    path = Path(directory) / "datapackage.json"
    return _read_json(path, "the data description")


def _read_json(path: Path, what: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            f"{path}: {what} is missing. Restore it with `git checkout -- geodata` or rebuild with `make geodata`."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: not valid JSON ({exc.msg}, line {exc.lineno}). Restore it with `git checkout -- geodata` or rebuild with `make geodata`."
        ) from None


def _resource_for(package: dict, filename: str) -> dict:
    for res in package["resources"]:
        if filename in res["paths"]:
            return res
    raise DataError(f"{filename}: not described in datapackage.json")


def read_layer(path: Path, package: dict) -> Layer:
    """Read and validate one layer file against its resource in ``package``.

    Raises
    ------
    DataError
        naming the file and the feature when anything is wrong: not JSON, wrong CRS,
        a missing or mistyped field, a value outside its allowed set, an empty or
        invalid geometry, or a geometry of the wrong type.
    """
    path = Path(path)
    res = _resource_for(package, path.name)
    raw = _read_json(path, f"layer {res['name']!r}")
    fix = "Rebuild it with `make geodata` (or `git checkout -- geodata`)."
    if raw.get("type") != "FeatureCollection" or not isinstance(raw.get("features"), list):
        raise DataError(f"{path}: not a GeoJSON FeatureCollection. {fix}")
    crs = (raw.get("crs") or {}).get("properties", {}).get("name", CRS84)
    if crs not in (CRS84, "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"):
        raise DataError(f"{path}: coordinate reference system is {crs!r}, expected {CRS84} (lon/lat WGS84). {fix}")
    if not raw["features"]:
        raise DataError(f"{path}: has no features. {fix}")
    props_out, geoms_out = [], []
    want = res["geometry"]
    for i, feat in enumerate(raw["features"]):
        props = feat.get("properties") or {}
        where = f"{path}: feature {i} ({props.get('id', 'no id')})"
        for field in res["fields"]:
            value = props.get(field["name"])
            if value is None:
                if field.get("required"):
                    raise DataError(f"{where}: field {field['name']!r} is missing. {fix}")
                continue
            if not isinstance(value, _TYPES[field["type"]]) or isinstance(value, bool) != (field["type"] == "boolean"):
                raise DataError(f"{where}: field {field['name']!r} should be a {field['type']}, got {value!r}. {fix}")
            allowed = field.get("constraints", {}).get("enum")
            if allowed and value not in allowed:
                raise DataError(f"{where}: {field['name']} {value!r} is not one of {', '.join(allowed)}. {fix}")
        try:
            geom = shape(feat["geometry"])
        except Exception as exc:  # malformed coordinates of any kind
            raise DataError(f"{where}: geometry cannot be read ({exc}). {fix}") from None
        if geom.is_empty:
            raise DataError(f"{where}: geometry is empty. {fix}")
        if geom.geom_type != want:
            raise DataError(f"{where}: geometry is a {geom.geom_type}, expected {want}. {fix}")
        if not geom.is_valid:
            raise DataError(f"{where}: invalid geometry ({shapely.is_valid_reason(geom)}). {fix}")
        props_out.append(props)
        geoms_out.append(geom)
    ids = [p["id"] for p in props_out]
    if len(ids) != len(set(ids)):
        raise DataError(f"{path}: duplicate feature ids. {fix}")
    return Layer(path.stem, path, tuple(props_out), tuple(geoms_out))


def check_partition(layer: Layer, tolerance_km2: float = 0.01) -> None:
    """Raise :class:`DataError` if two features of a period layer overlap."""
    tree = shapely.STRtree(list(layer.geometries))
    left, right = tree.query(list(layer.geometries), predicate="intersects")
    for i, j in zip(left, right):
        if i < j:
            overlap = shapely.intersection(layer.geometries[i], layer.geometries[j])
            if overlap.area > 0 and geodesic_area_km2(overlap) > tolerance_km2:
                a, b = layer.properties[i]["id"], layer.properties[j]["id"]
                raise DataError(
                    f"{layer.path}: features {a} and {b} overlap ({geodesic_area_km2(overlap):.2f} km²); "
                    "a period layer must give each piece of land to one holder. Rebuild it with `make geodata`."
                )
