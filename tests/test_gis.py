"""Data for GIS users: RFC 7946 layers with licence, credit and field guide, read back by GDAL's ogrinfo."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess

import pytest
import shapely
from helpers import run_cli
from shapely.geometry import shape

from kurilmap import export
from kurilmap.data import GEODATA_DIR

TODAY = datetime.date(2025, 1, 1)
OGRINFO = shutil.which("ogrinfo")
needs_ogrinfo = pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed (make gis)")


@pytest.fixture(scope="module")
def compare_doc(atlas):
    return json.loads(export.render(atlas, 1905, "geojson", compare=1875, today=TODAY))


def _polygons(doc):
    for feat in doc["features"]:
        geom = shape(feat["geometry"])
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            yield feat, shapely.get_parts(geom)


def _decimals(coords):
    if isinstance(coords, float):
        yield len(repr(coords).split(".")[1]) if "." in repr(coords) and "e" not in repr(coords) else 0
    elif isinstance(coords, list):
        for c in coords:
            yield from _decimals(c)


def _rfc7946_problems(doc) -> list[str]:
    problems = ["has a crs member"] if "crs" in doc else []
    for feat, polys in _polygons(doc):
        for poly in polys:
            if not poly.exterior.is_ccw or any(ring.is_ccw for ring in poly.interiors):
                problems.append(f"{feat.get('id') or feat['properties'].get('id')}: a ring runs the wrong way")
    most = max(d for f in doc["features"] for d in _decimals(f["geometry"]["coordinates"]))
    if most > 6:
        problems.append(f"{most} decimals")
    return problems


@pytest.mark.parametrize("name", sorted(p.name for p in GEODATA_DIR.glob("*.geojson")))
def test_every_committed_layer_follows_rfc_7946_and_names_its_licence(name):
    doc = json.loads((GEODATA_DIR / name).read_text(encoding="utf-8"))
    assert _rfc7946_problems(doc) == []
    assert "CC-BY-4.0" in doc["license"] and doc["attribution"].startswith("Map: kurilmap contributors, CC BY 4.0")
    assert ("LGPL-3.0-or-later" in doc["license"]) == (name not in ("towns.geojson", "treaty_lines.geojson"))
    assert all(s["path"].startswith("https://") for s in doc["sources"])


def test_a_layer_download_follows_rfc_7946_with_credit_and_public_sources(atlas, compare_doc):
    assert _rfc7946_problems(compare_doc) == []
    # the 1905 export has 333 exterior rings (the GSHHG shorelines of the islands), all counter-clockwise
    assert sum(len(polys) for f, polys in _polygons(compare_doc) if f["properties"]["layer"] == "islands") == 333
    assert compare_doc["attribution"] == atlas.package["credit"]
    assert compare_doc["provenance"]["licensor"] == "kurilmap contributors"
    text = json.dumps(compare_doc["provenance"]["sources"], ensure_ascii=False)
    assert "GSHHG" in text and "mofa.go.jp" in text
    assert not re.search(r"FACTS|HISTORY_REVIEW|seed|shared/|sources/", text)  # no working notes, no internal paths


def test_a_layer_download_holds_islands_lines_in_force_towns_and_the_land_that_changed(compare_doc):
    by_layer: dict[str, list[dict]] = {}
    for feat in compare_doc["features"]:
        by_layer.setdefault(feat["properties"]["layer"], []).append(feat)
    assert list(by_layer) == ["islands", "border_lines", "towns", "changed"]
    assert {f["properties"]["id"] for f in by_layer["border_lines"]} == set(compare_doc["provenance"]["lines_in_force"])
    assert {f["properties"]["id"] for f in by_layer["border_lines"]} == {"first-kuril-1875", "sakhalin-50n-1905"}
    towns = {f["properties"]["id"]: f["properties"] for f in by_layer["towns"]}
    assert towns["toyohara"]["name_ja"] == "豊原"  # the name of 1905, not today's Yuzhno-Sakhalinsk
    changed = {f["properties"]["island"]: f["properties"] for f in by_layer["changed"]}
    assert (
        changed["sakhalin"]["from_state"] == "Russian Empire" and changed["sakhalin"]["to_state"] == "Empire of Japan"
    )
    assert 30_000 < changed["sakhalin"]["area_km2"] < 40_000
    for feat in compare_doc["features"]:  # a field guide entry for every field of every layer
        guide = compare_doc["fields"][feat["properties"]["layer"]]
        assert set(feat["properties"]) <= set(guide), feat["id"]
        assert all(guide.values())


def test_a_one_year_download_has_no_changed_layer(atlas):
    doc = json.loads(export.render(atlas, 1950, "geojson", today=TODAY))
    assert {f["properties"]["layer"] for f in doc["features"]} == {"islands", "border_lines", "towns"}
    assert "changed" not in doc["fields"]


@needs_ogrinfo
@pytest.mark.parametrize(("fmt", "compare"), [("geojson", None), ("geojson", 1875), ("gpkg", None), ("gpkg", 1875)])
def test_ogrinfo_reads_every_layer_of_an_export(atlas, tmp_path, fmt, compare):
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(export.render(atlas, 1905, fmt, compare=compare, today=TODAY))
    run = subprocess.run([OGRINFO, "-ro", "-al", "-so", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "ERROR" not in run.stderr, run.stderr
    counts = [int(n) for n in re.findall(r"Feature Count: (\d+)", run.stdout)]
    if fmt == "geojson":
        assert counts == [48 + 2 + 12 + (2 if compare else 0)]
    else:
        layers = re.findall(r"Layer name: (\S+)", run.stdout)
        assert layers == ["islands_1905", "border_lines_1905", "towns_1905"] + (
            ["changed_1905_1875"] if compare else []
        )
        assert counts == [48, 2, 12] + ([2] if compare else [])
        assert "kurilmap contributors" in run.stdout  # the credit in each layer's metadata
    assert 'EPSG",4326' in run.stdout


@needs_ogrinfo
def test_ogrinfo_reads_every_committed_layer():
    for path in sorted(GEODATA_DIR.glob("*.geojson")):
        run = subprocess.run([OGRINFO, "-ro", "-al", "-so", str(path)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and "Feature Count:" in run.stdout, (path.name, run.stderr)


def test_areas_as_csv_one_row_per_island_with_holder_and_state():
    code, out = run_cli("areas", "--year", "1910", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0].keys() == {"year", "period", "id", "island", "name_en", "holder", "state", "area_km2"}
    south = next(r for r in rows if r["id"] == "sakhalin-south")
    assert (south["holder"], south["state"], south["period"]) == ("japan", "Empire of Japan", "1905")
    assert 30_000 < float(south["area_km2"]) < 40_000
