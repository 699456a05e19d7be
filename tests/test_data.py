"""Loading geodata/: every committed file matches the data description, broken copies are refused."""

import json

import pytest
from helpers import edit_geojson

from kurilmap.data import GEODATA_DIR, DataError, read_datapackage, read_layer
from kurilmap.geometry import Atlas


def test_every_committed_layer_matches_the_data_description():
    package = read_datapackage()
    described = [p for res in package["resources"] for p in res["paths"]]
    on_disk = [p.name for p in GEODATA_DIR.glob("*.geojson")] + [
        f"sources/{p.name}" for p in GEODATA_DIR.glob("sources/*")
    ]
    assert sorted(described) == sorted(on_disk)
    for name in [p for p in described if p.endswith(".geojson")]:
        layer = read_layer(GEODATA_DIR / name, package)
        assert len(layer) > 0


def test_sources_and_licences_are_recorded_next_to_the_data():
    package = read_datapackage()
    assert any("GSHHG" in s["title"] and s["license"].startswith("LGPL-3") for s in package["sources"])
    assert package["crs"].endswith("CRS84")


def test_period_layers_have_one_holder_per_piece_of_land(atlas):
    for layer in atlas.layers.values():
        assert {p["holder"] for p in layer.properties} <= {"japan", "russia", "shared", "contested"}


def _break_holder(data):
    data["features"][0]["properties"]["holder"] = "atlantis"


def _break_geometry_empty(data):
    data["features"][2]["geometry"]["coordinates"] = []


def _break_geometry_invalid(data):
    # a bow-tie: self-intersecting ring
    data["features"][1]["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [[[[145, 43], [146, 44], [146, 43], [145, 44], [145, 43]]]],
    }


def _break_crs(data):
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def _drop_field(data):
    del data["features"][3]["properties"]["area_km2"]


def _overlap(data):
    data["features"][1]["geometry"] = data["features"][0]["geometry"]


def _no_features(data):
    data["features"] = []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_break_holder, r"1905\.geojson: feature 0 \(hokkaido\): holder is 'atlantis'; expected one of japan, russia"),
        (_break_geometry_empty, r"feature 2 .*geometry (is empty|cannot be read)"),
        (_break_geometry_invalid, r"feature 1 .*invalid geometry \(Self-intersection"),
        (_break_crs, r"1905\.geojson: coordinate reference system is 'urn:ogc:def:crs:EPSG::3857'"),
        (_drop_field, r"feature 3 .*field 'area_km2' is missing"),
        (_overlap, r"features hokkaido and \w+ overlap"),
        (_no_features, r"1905\.geojson: has no features"),
    ],
)
def test_a_broken_layer_is_refused_naming_file_and_feature(geodata_copy, change, message):
    edit_geojson(geodata_copy / "1905.geojson", change)
    with pytest.raises(DataError, match=message) as info:
        Atlas(geodata_copy)
    assert "make geodata" in str(info.value)  # says what to do


def test_a_missing_layer_is_named(geodata_copy):
    (geodata_copy / "1875.geojson").unlink()
    with pytest.raises(DataError, match=r"1875\.geojson: the file is missing"):
        Atlas(geodata_copy)


def test_a_layer_that_is_not_json_is_named(geodata_copy):
    (geodata_copy / "1945.geojson").write_text("{ this is not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"1945\.geojson: line 1, column \d+: layer 'period': not valid JSON"):
        Atlas(geodata_copy)


def test_a_layer_that_loses_land_is_refused(geodata_copy):
    edit_geojson(geodata_copy / "1855.geojson", lambda d: d["features"].pop(0))
    with pytest.raises(DataError, match=r"1855\.geojson: covers .* km² of land where the other periods cover"):
        Atlas(geodata_copy)


def test_a_broken_data_description_is_named(geodata_copy):
    (geodata_copy / "datapackage.json").write_text("[", encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json: line 1, column \d+: .*not valid JSON"):
        Atlas(geodata_copy)


def test_a_period_table_with_an_unknown_holder_is_refused(geodata_copy):
    path = geodata_copy / "sources" / "periods.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["periods"][2]["holders"]["kuril-north"] = "france"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(
        DataError,
        match=r"periods\.json: periods\[2\] \(id 1875\) → holders → kuril-north: wrong value 'france'; expected a holder",
    ):
        Atlas(geodata_copy)
