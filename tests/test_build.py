"""The data build: repeatable, byte-identical, and refusing inconsistent sources."""

import shutil

import pytest

from kurilmap import build
from kurilmap.data import GEODATA_DIR


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("geodata")
    shutil.copytree(GEODATA_DIR / "sources", out / "sources")
    shutil.copy(GEODATA_DIR / "datapackage.json", out)
    build.build(out, log=lambda *_: None)
    return out


def test_the_build_reproduces_the_committed_files_byte_for_byte(rebuilt):
    for committed in sorted(GEODATA_DIR.glob("*.geojson")):
        assert (rebuilt / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_the_build_writes_every_layer_of_the_card(rebuilt):
    names = {p.name for p in rebuilt.glob("*.geojson")}
    assert {"1855.geojson", "1875.geojson", "1905.geojson", "1945.geojson", "disputed_islands.geojson"} <= names


def test_every_gazetteer_island_with_a_shoreline_is_in_every_layer(atlas):
    rows = atlas.sources.gazetteer
    expected = {r["id"] for r in rows if r["zone"] != "context" and "not in GSHHG" not in r["note"]}
    for layer in atlas.layers.values():
        assert {p["island"] for p in layer.properties} == expected


def test_the_gazetteer_has_the_1875_islands_the_four_islands_and_habomai(atlas):
    rows = {r["id"]: r for r in atlas.sources.gazetteer}
    for island in (
        "shumushu",
        "araido",
        "paramushiru",
        "onekotan",
        "matsua",
        "shimushiru",
        "uruppu",
        "etorofu",
        "kunashiri",
        "shikotan",
        "suisho",
        "shibotsu",
        "moneron",
        "rishiri",
        "rebun",
    ):
        assert island in rows
    assert sum(r["group"] == "habomai" for r in rows.values()) == 11
    assert rows["uruppu"]["name_ru"] == "Уруп" and rows["uruppu"]["name_ja"] == "得撫島"


def test_a_maritime_treaty_line_over_land_is_refused(tmp_path):
    lines = {
        "lines": [
            {
                "id": "bad",
                "treaty": "x",
                "kind": "maritime",
                "label": {"en": "x"},
                "basis": "x",
                "coordinates": [[142.0, 46.0], [143.5, 47.0]],
            }
        ]
    }
    from shapely.geometry import box

    with pytest.raises(ValueError, match="treaty line bad is maritime but crosses land"):
        build.line_features(lines, box(142.5, 46.0, 143.0, 47.0))


def test_two_gazetteer_points_in_one_island_are_refused():
    from shapely.geometry import box

    parts = [("1", box(0, 0, 1, 1))]
    rows = [{"id": "a", "lon": 0.5, "lat": 0.5}, {"id": "b", "lon": 0.6, "lat": 0.6}]
    with pytest.raises(ValueError, match="b and a point into the same land polygon"):
        build.assign_parts(parts, rows)


def test_unnamed_islets_join_the_nearest_island_and_are_never_dropped():
    from shapely.geometry import box

    parts = [
        ("1", box(145.0, 43.0, 145.1, 43.1)),
        ("2", box(145.2, 43.0, 145.25, 43.05)),
        ("3", box(147.0, 44.0, 147.1, 44.1)),
    ]
    rows = [{"id": "near", "lon": 145.05, "lat": 43.05}, {"id": "far", "lon": 147.05, "lat": 44.05}]
    units, missing = build.assign_parts(parts, rows)
    assert len(units["near"]) == 2 and len(units["far"]) == 1 and missing == []


def test_the_surroundings_are_the_land_around_the_region_each_piece_with_the_unit_it_continues(atlas):
    import shapely

    from kurilmap.data import REGION, SURROUNDINGS

    layer = atlas.surroundings
    assert [(p["id"], p["zone"]) for p in layer.properties] == [("kamchatka", "kamchatka"), ("mainland", "context")]
    region, box = shapely.box(*REGION), shapely.box(*SURROUNDINGS)
    for geom in layer.geometries:
        assert shapely.intersection(geom, region).area < 1e-9  # never the region's land twice
        assert box.buffer(1e-9).contains(geom)
    # Kamchatka goes on across 157.5°E: the piece outside meets the period layers' Kamchatka along the edge
    inside = next(g for p, g in zip(atlas.layers["1945"].properties, atlas.layers["1945"].geometries)
                  if p["island"] == "kamchatka")  # fmt: skip
    outside = dict(zip((p["id"] for p in layer.properties), layer.geometries))
    seam = shapely.intersection(inside.buffer(1e-6), outside["kamchatka"].buffer(1e-6))
    assert seam.bounds[3] - seam.bounds[1] > 2.0  # degrees of latitude of the shared edge at 157.5°E
    # the mainland piece starts where the region's context land ends (139°E), the islets off its coast with it
    assert outside["mainland"].bounds[2] == REGION[0] and outside["mainland"].bounds[0] == SURROUNDINGS[0]


def test_loading_the_atlas_and_making_the_interactive_map_never_read_the_surroundings():
    from kurilmap.geometry import Atlas
    from kurilmap.mapview import map_html

    fresh = Atlas(GEODATA_DIR)
    map_html(fresh, 1905, "both", "en", tiles=False)
    assert "surroundings" not in fresh.__dict__  # read at the first wide picture only
