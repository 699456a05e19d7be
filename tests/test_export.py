"""Snapshot export: every format parsed back, pixels checked against the holders, reference images, the CLI."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import shapely
from helpers import run_cli
from PIL import Image
from shapely.testing import assert_geometries_equal

import kurilmap
from kurilmap import export
from kurilmap.data import read_layer
from kurilmap.periods import HOLDERS
from kurilmap.style import PALETTE

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = Path(__file__).resolve().parent / "reference"
ARTIFACTS = ROOT / "artifacts" / "test_export"
TODAY = datetime.date(2025, 1, 1)  # fixed export date: the caption is part of the reference images
SMALL = {"width": 800, "height": 600}

# Places well inside their island and clear of labels (pole of inaccessibility of the GSHHG polygon).
SOUTH_SAKHALIN = (142.644, 49.498)
NORTH_SAKHALIN = (142.915, 50.733)
ITURUP = (147.822, 45.085)


# ------------------------------------------------------------------------------------------------ helpers


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def open_png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data))


def patch(image: Image.Image, lon, lat, *, radius=2, compare=False, panel=0) -> np.ndarray:
    """The pixels around a place, as an (n, 3) array."""
    col, row = export.map_pixel(lon, lat, width=image.width, height=image.height, compare=compare, panel=panel)
    arr = np.asarray(image.convert("RGB")).astype(int)
    return arr[row - radius : row + radius + 1, col - radius : col + radius + 1].reshape(-1, 3)


def colour_at(image, lon, lat, **kw) -> np.ndarray:
    return np.median(patch(image, lon, lat, **kw), axis=0)


def share_near(pixels: np.ndarray, hex_colour: str, tol=40) -> float:
    return float((np.abs(pixels - rgb(hex_colour)).max(axis=1) <= tol).mean())


def assert_colour(actual, hex_colour: str, tol=6, where=""):
    assert np.abs(np.asarray(actual) - rgb(hex_colour)).max() <= tol, f"{where}: {actual} is not {hex_colour}"


@pytest.fixture(scope="module")
def png_1905(atlas):
    return open_png(export.render(atlas, 1905, "png", today=TODAY, **SMALL))


# ------------------------------------------------------------------------------------------------ PNG


@pytest.mark.parametrize(
    ("year", "south", "north"),
    [
        (1850, "contested", "contested"),
        (1860, "shared", "shared"),
        (1890, "russia", "russia"),
        (1910, "japan", "russia"),
        (1950, "russia", "russia"),
    ],
)
def test_png_colours_sakhalin_by_the_holder_of_that_year(atlas, year, south, north):
    image = open_png(export.render(atlas, year, "png", today=TODAY, **SMALL))
    assert image.size == (800, 600)
    assert_colour(colour_at(image, *SOUTH_SAKHALIN), PALETTE[south], where=f"south Sakhalin {year}")
    assert_colour(colour_at(image, *NORTH_SAKHALIN), PALETTE[north], where=f"north Sakhalin {year}")
    assert atlas.holding_at(*SOUTH_SAKHALIN, year)["holder"] == south  # the test's place is where it claims


@pytest.mark.parametrize(("width", "height", "dpi"), [(1600, 1200, 200), (1001, 667, 300), (480, 900, 96)])
def test_png_has_exactly_the_requested_pixels_in_any_layout(atlas, width, height, dpi):
    image = open_png(export.render(atlas, 1910, "png", width=width, height=height, dpi=dpi, today=TODAY))
    assert image.size == (width, height)
    assert_colour(colour_at(image, *SOUTH_SAKHALIN, radius=1), PALETTE["japan"], where=f"{width}×{height}")


def test_png_carries_title_alt_text_and_sources_as_metadata(png_1905):
    assert png_1905.text["Title"] == "Kuril Islands and Sakhalin in 1905"
    assert "South Sakhalin" in png_1905.text["Description"]  # the alt text (tests/test_publish.py)
    assert "GSHHG" in png_1905.text["Comment"] and "LGPL-3.0" in png_1905.text["Comment"]
    assert "2025-01-01" in png_1905.text["Comment"]


def test_disputed_islands_are_hatched_yellow_only_from_1945(atlas):
    before = open_png(export.render(atlas, 1910, "png", today=TODAY, **SMALL))
    after = open_png(export.render(atlas, 2000, "png", today=TODAY, **SMALL))
    assert share_near(patch(before, *ITURUP, radius=5), PALETTE["disputed_stripe"]) == 0
    assert share_near(patch(after, *ITURUP, radius=5), PALETTE["disputed_stripe"]) > 0.1
    assert share_near(patch(after, *ITURUP, radius=5), PALETTE["russia"]) > 0.1


def test_north_sakhalin_is_hatched_during_the_japanese_occupation_only(atlas):
    occupied = open_png(export.render(atlas, 1921, "png", today=TODAY, **SMALL))
    after = open_png(export.render(atlas, 1926, "png", today=TODAY, **SMALL))
    stripes = share_near(patch(occupied, *NORTH_SAKHALIN, radius=6), PALETTE["occupied_stripe"])
    assert 0.03 < stripes < 0.5  # blue with vermillion stripes, not vermillion land
    assert share_near(patch(after, *NORTH_SAKHALIN, radius=6), PALETTE["occupied_stripe"]) == 0


def test_compare_puts_the_two_years_side_by_side_and_outlines_what_changed(atlas):
    image = open_png(export.render(atlas, 1890, "png", compare=1910, today=TODAY, **SMALL))
    left = colour_at(image, *SOUTH_SAKHALIN, compare=True, panel=0)
    right = colour_at(image, *SOUTH_SAKHALIN, compare=True, panel=1)
    assert_colour(left, PALETTE["russia"], where="1890 panel")
    assert_colour(right, PALETTE["japan"], where="1910 panel")
    # The changed land (southern Sakhalin) is outlined in black in both panels; with no change, no outline.
    unchanged = open_png(export.render(atlas, 1890, "png", compare=1900, today=TODAY, **SMALL))

    def black_west_of_south_sakhalin(img, panel):
        col, row = export.map_pixel(*SOUTH_SAKHALIN, width=800, height=600, compare=True, panel=panel)
        band = np.asarray(img.convert("RGB")).astype(int)[row - 3 : row + 4, col - 30 : col]
        return int((band.max(axis=2) < 40).sum())

    for panel in (0, 1):
        assert black_west_of_south_sakhalin(image, panel) > black_west_of_south_sakhalin(unchanged, panel)


# ------------------------------------------------------------------------------------------------ vector formats


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()).strip() for el in root.iter() if el.tag.endswith("text")]


def test_svg_is_xml_with_title_legend_and_names_as_text(atlas):
    data = export.render(atlas, 1905, "svg", today=TODAY)
    root = ET.fromstring(data)
    assert root.get("width") == "576pt" and root.get("height") == "432pt"  # 1600 × 1200 px at 200 dpi
    texts = svg_texts(data)
    assert "Kuril Islands and Sakhalin in 1905" in texts
    assert "Empire of Japan" in texts and "Russian Empire" in texts  # period-true states, as on the map
    assert "Karafuto / Sakhalin" in texts  # map labels stay text (editable, searchable)
    caption = " ".join(texts)
    assert "GSHHG" in caption and "LGPL-3.0-or-later" in caption and "2025-01-01" in caption


def test_svg_compare_in_japanese_names_the_changed_land(atlas):
    texts = svg_texts(export.render(atlas, 1890, "svg", compare=1910, lang="ja", names="ja", today=TODAY))
    assert "千島列島と樺太・サハリン：1890年と1910年" in texts
    assert "二つの年の間に施政者が変わった地域" in "".join(texts)  # legend entry for the outline (may wrap)
    assert "樺太" in texts


def test_pdf_is_one_page_of_paper_whatever_the_pixel_size_with_fonts_embedded(atlas):
    data = export.render(atlas, 2000, "pdf", lang="ja", names="ja", width=1200, height=900, dpi=150, today=TODAY)
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert (round(float(box.group(1))), round(float(box.group(2)))) == (842, 595)  # A4 landscape, not 8 × 6 in
    assert b"IPAexGothic" in data and b"/FontFile2" in data  # Japanese glyphs embedded, not substituted


def test_html_is_self_contained(atlas):
    html = export.render(atlas, 1921, "html", names="ru", lang="ru").decode("utf-8")
    assert "kurilmapInit" in html and "L.map" in html  # Leaflet and the controller inlined
    requests = re.findall(r"""(?:\bsrc\s*=\s*|<link[^>]*\bhref\s*=\s*|url\(\s*)["']?(https?://[^"')\s>]+)""", html)
    assert requests == []
    assert "@import" not in html and "tile.openstreetmap" not in html


def test_geojson_is_the_layer_of_the_year_at_full_resolution_with_provenance(atlas, tmp_path):
    data = export.render(atlas, 1921, "geojson", today=TODAY)
    assert data == export.render(atlas, 1921, "geojson", today=TODAY)  # deterministic bytes
    doc = json.loads(data)
    # Validate its islands against the data package: a period file under the period's name.
    path = tmp_path / "1905.geojson"
    islands = [f for f in doc["features"] if f["properties"]["layer"] == "islands"]
    path.write_text(json.dumps({**doc, "features": islands}), encoding="utf-8")
    layer = read_layer(path, atlas.package)
    assert len(layer) == len(atlas.layers["1905"])
    for props, geom, source in zip(layer.properties, layer.geometries, atlas.layers["1905"].geometries):
        assert props["holder"] in HOLDERS and props["period"] == "1905" and props["treaty"] == "portsmouth-1905"
        assert_geometries_equal(geom, source)  # full resolution, not display geometry
    by_id = {f["id"]: f["properties"] for f in islands}
    assert (
        by_id["sakhalin-north"]["occupied_by"] == "japan"
        and by_id["sakhalin-north"]["state"] == "Russia (revolution and civil war)"
    )
    assert not any(p["disputed"] for p in by_id.values())
    prov = doc["provenance"]
    assert (prov["year"], prov["period"]["id"], prov["treaty"]["id"]) == (1921, "1905", "portsmouth-1905")
    assert prov["exported"] == "2025-01-01" and prov["tool"] == f"kurilmap {kurilmap.__version__}"
    assert {lic["name"] for lic in prov["licenses"]} >= {"LGPL-3.0-or-later", "CC-BY-4.0"}
    assert any("GSHHG" in src["title"] for src in prov["sources"])
    assert [o["id"] for o in prov["occupations"]] == ["north-sakhalin-1920"]


def test_geojson_marks_the_four_disputed_islands_after_1945(atlas):
    doc = json.loads(export.render(atlas, 2000, "geojson", today=TODAY))
    disputed = {f["properties"]["island"] for f in doc["features"] if f["properties"].get("disputed")}
    assert {"etorofu", "kunashiri", "shikotan", "suisho"} <= disputed
    assert "uruppu" not in disputed


def test_gpkg_reads_back_with_the_same_features(atlas, tmp_path):
    import geopandas as gpd
    import pyogrio

    path = tmp_path / "x.gpkg"
    path.write_bytes(export.render(atlas, 1910, "gpkg", today=TODAY))
    frame = gpd.read_file(path, layer="islands_1910")
    expected = atlas.layer(1910)
    assert len(frame) == len(expected) and list(frame["id"]) == list(expected["id"])
    assert frame.crs.to_epsg() == 4326
    assert dict(zip(frame["id"], frame["holder"]))["sakhalin-south"] == "japan"
    south = frame.set_index("id").geometry["sakhalin-south"]
    assert shapely.equals_exact(south, expected.set_index("id").geometry["sakhalin-south"], tolerance=1e-9)
    meta = pyogrio.read_info(path, layer="islands_1910")["layer_metadata"]
    assert meta["year"] == "1910" and json.loads(meta["treaty"])["id"] == "portsmouth-1905"


# ------------------------------------------------------------------------------------------------ GIF


def test_gif_steps_through_every_change_and_recolours_sakhalin(atlas):
    years = export.default_animation_years(atlas.history)
    assert years[:-1] == [1850, 1855, 1875, 1905, 1920, 1925, 1945] and years[-1] >= 2025
    data = export.animate(atlas, width=600, height=450, frame_ms=900, today=TODAY)
    gif = Image.open(io.BytesIO(data))
    assert gif.format == "GIF" and gif.size == (600, 450) and gif.n_frames == len(years)
    seen = []
    for i, year in enumerate(years):
        gif.seek(i)
        assert gif.info["duration"] == (900 if i < len(years) - 1 else 1800)
        holder = atlas.holding_at(*SOUTH_SAKHALIN, year)["holder"]
        assert_colour(colour_at(gif, *SOUTH_SAKHALIN, radius=1), PALETTE[holder], tol=10, where=f"frame {year}")
        seen.append(holder)
    assert seen[:5] == ["contested", "shared", "russia", "japan", "japan"]


# ------------------------------------------------------------------------------------------------ references


@pytest.mark.parametrize(
    ("year", "lang", "names"),
    [(1905, "en", "both"), (2000, "ja", "ja"), (1921, "ru", "ru")],
)
def test_png_matches_the_committed_reference(atlas, year, lang, names):
    name = f"{year}_{lang}_{names}_800x600.png"
    actual = open_png(export.render(atlas, year, "png", lang=lang, names=names, today=TODAY, **SMALL)).convert("RGB")
    reference_path = REFERENCES / name
    if os.environ.get("KURILMAP_UPDATE_REFERENCES") == "1":
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference_path, optimize=True)
        pytest.skip(f"reference {name} rewritten")
    assert reference_path.exists(), f"missing {reference_path}; run KURILMAP_UPDATE_REFERENCES=1 pytest {__file__}"
    reference = Image.open(reference_path).convert("RGB")
    assert reference.size == actual.size
    a = np.asarray(actual).astype(int)
    b = np.asarray(reference).astype(int)
    diff = np.abs(a - b).max(axis=2)
    mean, changed = float(np.abs(a - b).mean()), float((diff > 64).mean())
    if mean > 1.0 or changed > 0.004:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        actual.save(ARTIFACTS / name.replace(".png", "_actual.png"))
        Image.fromarray(np.clip(diff * 4, 0, 255).astype(np.uint8)).save(ARTIFACTS / name.replace(".png", "_diff.png"))
        shutil.copy(reference_path, ARTIFACTS / name.replace(".png", "_reference.png"))
        pytest.fail(
            f"{name}: mean difference {mean:.2f} (limit 1.0), {changed:.2%} of pixels changed (limit 0.4%); "
            f"see {ARTIFACTS}. If the change is intended: KURILMAP_UPDATE_REFERENCES=1 pytest tests/test_export.py"
        )


# ------------------------------------------------------------------------------------------------ options and write()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fmt": "bmp"}, "unknown format 'bmp'"),
        ({"width": 100}, "width 100 px is outside 200–6000 px"),
        ({"height": 7000}, "height 7000 px is outside"),
        ({"dpi": 20}, "dpi 20 is outside 50–600"),
        ({"names": "english"}, "names must be one of both, ja, ru, en"),
        ({"lang": "fr"}, "lang must be one of en, ja, ru"),
        ({"year": 1700}, "outside the map's range"),
        ({"fmt": "gif"}, "use animate()"),
        ({"paper": "a4-portrait"}, "sets the page of a PDF, but the format is png; drop --paper or write a .pdf"),
        ({"fmt": "pdf", "paper": "a3"}, "unknown paper 'a3'; choose one of a4-landscape"),
    ],
)
def test_render_refuses_bad_options_saying_what_to_do(atlas, kwargs, message):
    kwargs = {"year": 1905, "fmt": "png", **kwargs}
    with pytest.raises(export.ExportError, match=re.escape(message)):
        export.render(atlas, kwargs.pop("year"), kwargs.pop("fmt"), **kwargs)


def test_write_is_atomic_and_keeps_existing_files(tmp_path):
    target = tmp_path / "map.png"
    export.write(target, b"first")
    with pytest.raises(export.ExportError, match="exists; pass --force"):
        export.write(target, b"second")
    assert target.read_bytes() == b"first"
    export.write(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]  # no temporary files left


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/map.png", "the folder {tmp}/missing does not exist"),
        ("afile/map.png", "{tmp}/afile is a file, not a folder"),
        ("afolder", "is a folder; give a file name"),
    ],
)
def test_write_refuses_a_place_it_cannot_write(tmp_path, where, message):
    (tmp_path / "afile").write_bytes(b"x")
    (tmp_path / "afolder").mkdir()
    with pytest.raises(export.ExportError, match=re.escape(message.format(tmp=tmp_path))):
        export.write(tmp_path / where, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "afolder"]


def test_write_leaves_no_partial_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "map.png"
    target.write_bytes(b"old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.files.os, "fsync", disk_full)
    with pytest.raises(export.ExportError, match="No space left on device"):
        export.write(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


# ------------------------------------------------------------------------------------------------ command line


run = run_cli


def test_cli_snapshot_writes_a_png(tmp_path):
    target = tmp_path / "1905.png"
    code, out = run("snapshot", "--year", 1905, "--format", "png", "--out", target, "--width", 800, "--height", 600)
    assert code == 0 and str(target) in out
    image = open_png(target.read_bytes())
    assert image.size == (800, 600)
    assert_colour(colour_at(image, *SOUTH_SAKHALIN), PALETTE["japan"])


def test_cli_snapshot_takes_the_format_from_the_file_name(tmp_path):
    target = tmp_path / "1950.geojson"
    assert run("snapshot", "--year", 1950, "--out", target)[0] == 0
    assert json.loads(target.read_bytes())["provenance"]["year"] == 1950


def test_cli_snapshot_keeps_an_existing_file_without_force(tmp_path, capsys):
    target = tmp_path / "map.png"
    target.write_bytes(b"precious")
    code, _ = run("snapshot", "--year", 1905, "--out", target, "--width", 400, "--height", 300)
    assert code == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"precious"
    code, _ = run("snapshot", "--year", 1905, "--out", target, "--width", 400, "--height", 300, "--force")
    assert code == 0 and open_png(target.read_bytes()).size == (400, 300)


@pytest.mark.parametrize("where", ["missing/map.png", "afile/map.png"])
def test_cli_snapshot_into_a_folder_it_cannot_use_fails_cleanly(tmp_path, capsys, where):
    (tmp_path / "afile").write_bytes(b"x")
    code, _ = run("snapshot", "--year", 1905, "--out", tmp_path / where)
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("python -m kurilmap snapshot: error: cannot write") and "choose another --out" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--year", "1905", "--format", "png", "--out", "x.pdf"], "--format png writes .png files but --out is x.pdf"),
        (["--year", "1905", "--out", "x.tiff"], "cannot tell the format from x.tiff"),
        (["--year", "1700", "--out", "x.png"], "outside the map's range"),
        (["--year", "1905", "--compare", "1700", "--out", "x.png"], "outside the map's range"),
        (["--year", "1905", "--out", "x.png", "--width", "100"], "--width 100 is outside 200–6000"),
        (["--year", "1905", "--out", "x.png", "--height", "9000"], "--height 9000 is outside"),
        (["--year", "1905", "--out", "x.png", "--dpi", "1000"], "--dpi 1000 is outside 50–600"),
        (["--year", "1905", "--format", "gif", "--out", "x.gif"], "invalid choice: 'gif'"),
        (["--year", "1905", "--out", "x.png", "--paper", "a4-portrait"], "write a PDF (--out x.pdf) or drop --paper"),
        (["--year", "1905", "--out", "x.pdf", "--paper", "a3"], "invalid choice: 'a3'"),
        (["--all", "--out", "maps", "--compare", "1950"], "does not combine with --all"),
        (["--out", "x.png"], "one of the arguments --year --all --day is required"),
    ],
)
def test_cli_snapshot_usage_errors_exit_2(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, _ = run("snapshot", *argv)
    assert code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_snapshot_all_writes_one_file_per_period(tmp_path, atlas):
    folder = tmp_path / "periods"
    code, out = run("snapshot", "--all", "--format", "png", "--out", folder, "--width", 400, "--height", 300)
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{p.id}.png" for p in atlas.history.periods]
    assert out.count("wrote") == len(atlas.history.periods)
    image = open_png((folder / "1905.png").read_bytes())
    assert_colour(colour_at(image, *SOUTH_SAKHALIN, radius=1), PALETTE["japan"])


def test_cli_animate_writes_a_gif_with_one_frame_per_year(tmp_path):
    target = tmp_path / "borders.gif"
    code, _ = run("animate", "--out", target, "--years", "1890,1910,1950", "--width", 400, "--height", 300)
    assert code == 0
    gif = Image.open(target)
    assert gif.n_frames == 3 and gif.size == (400, 300)
    code, _ = run("animate", "--out", tmp_path / "borders.png")
    assert code == 2


def test_cli_render_failure_leaves_no_file(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise export.ExportError("the renderer broke")

    monkeypatch.setattr(export.image, "_png", broken)
    target = tmp_path / "map.png"
    code, _ = run("snapshot", "--year", 1905, "--out", target, "--width", 400, "--height", 300)
    assert code == 1 and "the renderer broke" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
