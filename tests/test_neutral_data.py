"""Neutral data files: zone ids that do not file the four islands under "Kurils", ``holder`` documented as
de facto administration, and a ``disputed`` flag on the four islands in every period layer and export."""

from __future__ import annotations

import json

import pytest

from kurilmap import export
from kurilmap.data import GEODATA_DIR

PERIOD_FILES = ["1850", "1855", "1875", "1905", "1945"]
FOUR = {"etorofu", "kunashiri", "shikotan"}  # and the Habomai group


def _features(name: str) -> list[dict]:
    return [f["properties"] for f in json.loads((GEODATA_DIR / f"{name}.geojson").read_text("utf-8"))["features"]]


def _four(props: dict) -> bool:
    return props["island"] in FOUR or props["group"] == "habomai"


def test_no_zone_id_files_the_four_islands_under_the_kurils():
    """The zone of the four islands is ``four-islands`` everywhere (sources, layers, schema), never ``kuril-*``."""
    for name in PERIOD_FILES:
        assert {p["zone"] for p in _features(name) if _four(p)} == {"four-islands"}, name
    for path in [GEODATA_DIR / "datapackage.json", *sorted((GEODATA_DIR / "sources").iterdir())]:
        assert "kuril-south" not in path.read_text("utf-8"), path.name


@pytest.mark.parametrize("name", PERIOD_FILES)
def test_every_period_layer_flags_the_four_islands_while_they_are_disputed(name):
    props = _features(name)
    flagged = {p["id"] for p in props if p["disputed"]}
    assert flagged == ({p["id"] for p in props if _four(p)} if name == "1945" else set())
    assert len(flagged) in (0, 13)


def test_holder_is_documented_as_de_facto_administration():
    package = json.loads((GEODATA_DIR / "datapackage.json").read_text("utf-8"))
    fields = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == "period")["fields"]}
    assert "de facto administration" in fields["holder"]["description"]
    assert "not a statement of sovereignty" in fields["holder"]["description"]
    assert fields["disputed"]["type"] == "boolean" and "claimed by Japan" in fields["disputed"]["description"]


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_exports_carry_the_flag_and_the_neutral_zone(atlas, tmp_path, fmt):
    """A reader of an exported 2000 layer sees the four islands flagged disputed and zoned apart from the Kurils."""
    data = export.render(atlas, 2000, fmt)
    if fmt == "geojson":
        props = [f["properties"] for f in json.loads(data)["features"]]
    else:
        import geopandas as gpd

        path = tmp_path / "x.gpkg"
        path.write_bytes(data)
        props = gpd.read_file(path).drop(columns="geometry").to_dict("records")
    props = [p for p in props if p.get("layer", "islands") == "islands"]  # the file also holds lines and towns
    four = [p for p in props if p["island"] in FOUR or p.get("group") == "habomai"]
    assert four and all(p["disputed"] and p["zone"] == "four-islands" for p in four)
    assert not any(p.get("disputed") for p in props if p not in four)
