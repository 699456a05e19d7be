"""The notebook API in the package's top level: what a researcher in Jupyter gets back, and its example script."""

from __future__ import annotations

import doctest
import importlib
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

import kurilmap
from kurilmap.periods import YearError

ROOT = Path(__file__).resolve().parents[1]
# Toyohara (Sakhalin south), Shana (Etorofu), Kashiwabara (Paramushiru), Sapporo, a point at sea
LONS = [142.74, 147.9, 156.13, 141.35, 145.8]
LATS = [46.96, 45.25, 50.68, 43.06, 43.45]


@pytest.mark.parametrize("name", ["kurilmap", "kurilmap.api"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0


def test_import_kurilmap_stays_light():
    """``import kurilmap`` (every command's first step) loads no data library until the API is used."""
    heavy = ["pandas", "geopandas", "shapely", "folium", "streamlit", "matplotlib", "kurilmap.api"]
    code = f"import sys, kurilmap; print([m for m in {heavy!r} if m in sys.modules]); kurilmap.layer"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_api_is_in_the_top_level():
    assert {"layer", "holders", "changes", "folium_map", "side_by_side"} <= set(dir(kurilmap))
    assert kurilmap.holders is importlib.import_module("kurilmap.api").holders
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kurilmap.nope  # noqa: B018


def _values(column) -> list:
    """A column as a list, with None where pandas shows a missing value (at sea)."""
    return [None if pd.isna(v) else v for v in column]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(1890, ["russia", "japan", "japan", "japan", None]), (1950, ["russia", "russia", "russia", "japan", None])],
)
def test_holders_agree_with_the_command_line_answers(atlas, year, expected):
    frame = kurilmap.holders(year, lon=LONS, lat=LATS)
    assert _values(frame["holder"]) == expected
    cli = [atlas.holding_at(lon, lat, year) for lon, lat in zip(LONS, LATS)]
    assert _values(frame["state"]) == [r["state"] for r in cli]
    assert _values(frame["name_en"]) == [r["island"] and r["island"]["name_en"] for r in cli]
    assert frame["lon"].tolist() == LONS


def test_holders_of_a_geoseries_keep_its_index_and_any_crs():
    places = gpd.GeoSeries.from_xy(LONS, LATS, index=list("abcde"), crs="EPSG:4326")
    in_degrees = kurilmap.holders(1950, places)
    in_metres = kurilmap.holders(1950, places.to_crs(3857))
    assert in_degrees.index.tolist() == list("abcde")
    assert in_metres["holder"].equals(in_degrees["holder"])
    assert in_degrees.loc["b", ["name_ru", "disputed"]].tolist() == ["Итуруп", True]  # Etorofu: disputed from 1945
    assert kurilmap.holders(1950, gpd.GeoDataFrame(geometry=places))["holder"].equals(in_degrees["holder"])


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((1905,), {}, "give the places as points"),
        ((1905, gpd.GeoSeries.from_xy([142.7], [47.0])), {"lon": [1.0], "lat": [2.0]}, "not both"),
        ((1905,), {"lon": [142.7, 143.0], "lat": [47.0]}, "same length"),
        ((1905, gpd.GeoSeries([shapely.box(142, 46, 143, 47)])), {}, "must all be points"),
        ((1700,), {"lon": [142.7], "lat": [47.0]}, "1850"),
    ],
)
def test_holders_refuse_what_they_cannot_answer_with_a_message(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        kurilmap.holders(*args, **kwargs)


def test_the_layer_of_a_year_is_a_geodataframe_with_the_names_of_that_year():
    land = kurilmap.layer(1910).set_index("id")
    assert land.crs.to_epsg() == 4326
    assert land.geometry.is_valid.all()
    assert land.loc["sakhalin-south", ["holder", "state"]].tolist() == ["japan", "Empire of Japan"]
    assert land.loc["araido", ["name_en", "name_ru"]].tolist() == ["Araido / Alaid", "Алаид"]
    today = kurilmap.layer(2000).set_index("id")
    assert today.loc["araido", ["name_en", "name_ru", "state"]].tolist() == [
        "Araido / Atlasova",
        "Атласова",
        "Russian Federation",
    ]
    assert today.loc["etorofu", "disputed"] and not land.loc["etorofu", "disputed"]
    with pytest.raises(YearError):
        kurilmap.layer(2999)


def test_changes_between_two_years():
    moved = kurilmap.changes(1944, 1945, lang="ru")
    assert isinstance(moved, gpd.GeoDataFrame) and moved.crs.to_epsg() == 4326
    assert set(moved["to_state"]) == {"Советский Союз"}
    assert moved.set_index("island").loc[["etorofu", "kunashiri", "shikotan"], "disputed"].all()
    assert not moved.set_index("island").loc["sakhalin", "disputed"]
    assert moved["area_km2"].sum() == pytest.approx(43_800, rel=0.01)
    assert kurilmap.changes(1950, 2000).empty


def test_a_folium_map_of_a_year_and_two_years_side_by_side(tmp_path):
    import folium

    m = kurilmap.folium_map(1921, names="ru", lang="ru", compare=1875)
    assert isinstance(m, folium.Map)
    page = m.get_root().render()
    assert '"year":1921' in page and '"names":"ru"' in page and '"compare":1875' in page
    assert "<script src=" not in page and "<link " not in page  # Leaflet and the page's script inlined: offline
    pair = kurilmap.side_by_side(1905, 1875, lang="ja")
    assert [h[:4] for h in pair.headings] == ["1875", "1905"]  # the earlier year on the left
    saved = pair.save(tmp_path / "pair.html").read_text(encoding="utf-8")
    assert saved.count("<iframe") == 2 and pair.caption in saved
    with pytest.raises(ValueError, match="another year"):
        kurilmap.side_by_side(1905, 1905)
    with pytest.raises(ValueError, match="lang must be"):
        kurilmap.folium_map(1905, lang="de")


def test_the_example_script_runs_and_writes_its_maps_and_layers(tmp_path):
    """examples/notebook_tour.py, as CI runs it: from another folder, writing into OUT."""
    out = tmp_path / "tour"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "notebook_tour.py"), str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Shana / Kurilsk" in run.stdout and "Soviet Union" in run.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "changes-1944-1945.geojson",
        "compare-1875-1905.html",
        "land-1905.gpkg",
        "map-1905.html",
    ]
    changes = json.loads((out / "changes-1944-1945.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["island"] for f in changes["features"]} >= {"sakhalin", "etorofu", "shumushu"}
    assert gpd.read_file(out / "land-1905.gpkg").set_index("id").loc["sakhalin-south", "holder"] == "japan"
    page = (out / "map-1905.html").read_text(encoding="utf-8")
    assert "kurilmapInit(" in page and "Kashiwabara / Severo-Kurilsk" in page
