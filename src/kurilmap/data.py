"""Load the committed layers in ``geodata/`` and check them against ``datapackage.json``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import shapely
from shapely.geometry import shape

_HERE = Path(__file__).resolve().parent
#: The validated data: the copy an installed wheel carries in the package (the build puts it there,
#: see pyproject.toml), else the checkout's ``geodata/`` (the source, never duplicated in git).
GEODATA_DIR = next(
    (d for d in (_HERE / "geodata", _HERE.parents[1] / "geodata") if (d / "datapackage.json").is_file()),
    _HERE.parents[1] / "geodata",
)
#: Region of the map: (west, south, east, north) in degrees, WGS84.
REGION = (139.0, 41.0, 157.5, 55.0)
#: The wider box of land drawn around ``REGION`` in wide pictures (16:9 and wider): the same latitudes, more of the
#: Sea of Japan, the mainland coast and Kamchatka. Only the shorelines outside ``REGION`` are kept from it
#: (``geodata/surroundings.geojson``); no holder is worked out for them. West of 132°E would reach Korea.
SURROUNDINGS = (132.0, 41.0, 163.0, 55.0)
NAME_FIELDS = ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin", "name_ru_kana")
CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"
_TYPES = {"string": str, "number": (int, float), "boolean": bool, "array": list}


def geodata_dir() -> Path:
    """The data folder: ``$KURILMAP_GEODATA`` if set, else the project's ``geodata/``."""
    return Path(os.environ.get("KURILMAP_GEODATA") or GEODATA_DIR)


class DataError(ValueError):
    """A data file is missing or broken: the file, where in it, what is wrong, what was expected, what to do.

    ``str(error)`` is the whole message on one line; the app lays the parts out in the user's language.

    Examples
    --------
    >>> str(DataError("wrong value 42", file="sources/periods.json", where="periods[1] → label",
    ...               expected="texts in en, ja and ru", fix="Restore it."))
    'sources/periods.json: periods[1] → label: wrong value 42; expected texts in en, ja and ru. Restore it.'
    """

    def __init__(self, problem: str, *, file=None, where: str | None = None, expected: str | None = None, fix=None):
        self.problem, self.where, self.expected, self.fix = problem, where, expected, fix
        self.file = str(file) if file is not None else None
        head = ": ".join(str(x) for x in (self.file, where) if x)
        text = f"{head}: {problem}" if head else problem
        if expected:
            text += f"; expected {expected}"
        super().__init__(text + (f". {fix}" if fix else ""))


def geodesic_area_km2(geom) -> float:
    """Area of a lon/lat geometry on the WGS84 ellipsoid, in km².

    Examples
    --------
    >>> from shapely.geometry import box
    >>> round(geodesic_area_km2(box(145, 43, 146, 44)))
    8985
    """
    return abs(_geod().geometry_area_perimeter(geom)[0]) / 1e6


@cache
def _geod():
    from pyproj import Geod  # 0.1 s to import: only when an area is computed, not on every start

    return Geod(ellps="WGS84")


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


REBUILD_FIX = "Restore it with `git checkout -- geodata` or rebuild with `make geodata`."


def read_text(path: Path, fix: str = REBUILD_FIX) -> str:
    """The text of a data file, or a :class:`DataError` if it is missing, unreadable or not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError("the file is missing", file=path, fix=fix) from None
    except OSError as exc:
        raise DataError(f"the file cannot be read ({exc.strerror})", file=path, fix=fix) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not a UTF-8 text file (byte {exc.start})", file=path, expected="JSON or CSV text in UTF-8", fix=fix
        ) from None


def parse_json(text: str, path: Path, fix: str = REBUILD_FIX, what: str = ""):
    """``text`` of the data file ``path`` parsed as JSON, or a :class:`DataError` at the line it breaks."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"{what}: not valid JSON ({exc.msg})" if what else f"not valid JSON ({exc.msg})"
        raise DataError(problem, file=path, where=f"line {exc.lineno}, column {exc.colno}", fix=fix) from None


def _read_json(path: Path, what: str) -> dict:
    raw = parse_json(read_text(path), path, REBUILD_FIX, what)
    if not isinstance(raw, dict):
        raise DataError(f"{what}: not a JSON object", file=path, fix=REBUILD_FIX)
    return raw


def _resource_for(package: dict, filename: str) -> dict:
    for res in package.get("resources", []):
        if filename in res.get("paths", []):
            return res
    raise DataError("is not described in datapackage.json", file=filename, fix=REBUILD_FIX)


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
        raise DataError("not a GeoJSON FeatureCollection", file=path, fix=fix)
    crs = raw.get("crs")
    crs = crs.get("properties", {}).get("name", CRS84) if isinstance(crs, dict) else CRS84
    if crs not in (CRS84, "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"):
        raise DataError(
            f"coordinate reference system is {str(crs)[:60]!r}", file=path, expected=f"{CRS84} (lon/lat WGS84)", fix=fix
        )
    if not raw["features"]:
        raise DataError("has no features", file=path, fix=fix)
    props_out, geoms_out = [], []
    want = res["geometry"]
    for i, feat in enumerate(raw["features"]):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            raise DataError("is not a GeoJSON feature with properties", file=path, where=f"feature {i}", fix=fix)
        where = f"feature {i} ({str(props.get('id', 'no id'))[:40]})"
        for field in res["fields"]:
            value = props.get(field["name"])
            if value is None:
                if field.get("required"):
                    raise DataError(f"field {field['name']!r} is missing", file=path, where=where, fix=fix)
                continue
            if not isinstance(value, _TYPES[field["type"]]) or isinstance(value, bool) != (field["type"] == "boolean"):
                raise DataError(
                    f"field {field['name']!r} is {str(value)[:60]!r}",
                    file=path,
                    where=where,
                    expected=f"a {field['type']}",
                    fix=fix,
                )
            allowed = field.get("constraints", {}).get("enum")
            if allowed and value not in allowed:
                raise DataError(
                    f"{field['name']} is {str(value)[:60]!r}",
                    file=path,
                    where=where,
                    expected="one of " + ", ".join(allowed),
                    fix=fix,
                )
        try:
            geom = shape(feat["geometry"])
        except Exception as exc:  # malformed coordinates of any kind
            raise DataError(f"geometry cannot be read ({str(exc)[:80]})", file=path, where=where, fix=fix) from None
        if geom.is_empty:
            raise DataError("geometry is empty", file=path, where=where, fix=fix)
        if geom.geom_type != want:
            raise DataError(f"geometry is a {geom.geom_type}", file=path, where=where, expected=f"a {want}", fix=fix)
        if not geom.is_valid:
            raise DataError(f"invalid geometry ({shapely.is_valid_reason(geom)})", file=path, where=where, fix=fix)
        props_out.append(props)
        geoms_out.append(geom)
    ids = [p["id"] for p in props_out]
    if len(ids) != len(set(ids)):
        dup = next(x for x in ids if ids.count(x) > 1)
        raise DataError(f"feature id {dup!r} appears twice", file=path, expected="each id once", fix=fix)
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
                    f"features {a} and {b} overlap ({geodesic_area_km2(overlap):.2f} km²)",
                    file=layer.path,
                    expected="each piece of land given to one holder",
                    fix="Rebuild it with `make geodata`.",
                )
