"""The validated atlas kept on disk: reused while the data is unchanged, never served stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from helpers import edit_geojson

from kurilmap import atlascache
from kurilmap.data import DataError
from kurilmap.geometry import Atlas


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KURILMAP_CACHE_DIR", str(folder))
    return folder


def _builds(calls):
    def build(directory):
        calls.append(directory)
        return Atlas(directory)

    return build


def test_an_unchanged_folder_is_loaded_from_the_cache(geodata_copy, cache):
    calls = []
    first = atlascache.load(geodata_copy, _builds(calls))
    second = atlascache.load(geodata_copy, _builds(calls))
    assert len(calls) == 1 and len(list(cache.glob("atlas-*.pickle"))) == 1
    assert second.holding_at(142.74, 46.96, 1910)["holder"] == first.holding_at(142.74, 46.96, 1910)["holder"]
    assert second.treaties == first.treaties and len(second.display_units()) == len(first.display_units())


def test_a_changed_table_is_never_served_stale(geodata_copy, cache):
    calls = []
    atlascache.load(geodata_copy, _builds(calls))
    path = geodata_copy / "sources" / "treaties.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["treaties"][3]["summary"]["en"] = "Edited after the cache was written."
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    atlas = atlascache.load(geodata_copy, _builds(calls))
    assert len(calls) == 2
    assert atlas.treaties[raw["treaties"][3]["id"]]["summary"]["en"] == "Edited after the cache was written."


def test_a_file_broken_after_caching_is_refused_not_hidden(geodata_copy, cache):
    atlascache.load(geodata_copy, Atlas)
    edit_geojson(geodata_copy / "1905.geojson", lambda d: d["features"][0]["properties"].update(holder="atlantis"))
    with pytest.raises(DataError, match="atlantis"):
        atlascache.load(geodata_copy, Atlas)
    (geodata_copy / "1905.geojson").unlink()
    with pytest.raises(DataError, match="1905.geojson: the file is missing"):
        atlascache.load(geodata_copy, Atlas)


def test_a_damaged_cache_file_is_rebuilt(geodata_copy, cache):
    atlascache.load(geodata_copy, Atlas)
    (kept,) = cache.glob("atlas-*.pickle")
    kept.write_bytes(kept.read_bytes()[:1000])
    calls = []
    atlas = atlascache.load(geodata_copy, _builds(calls))
    assert calls and atlas.holding_at(142.74, 46.96, 1910)["holder"] == "japan"
    assert len(kept.read_bytes()) > 1000  # written again whole


def test_a_cache_folder_that_cannot_be_written_only_costs_time(geodata_copy, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("KURILMAP_CACHE_DIR", str(blocked / "kurilmap"))
    assert atlascache.load(geodata_copy, Atlas).holding_at(142.74, 46.96, 1910)["holder"] == "japan"


def test_caching_can_be_turned_off(geodata_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("KURILMAP_CACHE_DIR", "off")
    calls = []
    atlascache.load(geodata_copy, _builds(calls))
    atlascache.load(geodata_copy, _builds(calls))
    assert len(calls) == 2


def test_a_value_kept_with_the_atlas_is_made_once_and_again_for_changed_data_or_a_damaged_file(geodata_copy, cache):
    made = []

    def kept(atlas, lang="en"):
        return atlascache.kept("demo", (1905, lang), ("export/labels.py",), lambda: made.append(1) or len(made), atlas)

    assert kept(atlascache.load(geodata_copy, Atlas)) == kept(atlascache.load(geodata_copy, Atlas)) == 1
    assert kept(atlascache.load(geodata_copy, Atlas), "ja") == 2  # other inputs, another value
    path = geodata_copy / "sources" / "treaties.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["treaties"][3]["summary"]["en"] = "Edited after the value was kept."
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert kept(atlascache.load(geodata_copy, Atlas)) == 3  # new data: worked out again
    for damaged in cache.glob("derived-demo-*.pickle"):
        damaged.write_bytes(b"not a pickle")
    assert kept(atlascache.load(geodata_copy, Atlas)) == 4


def test_an_atlas_without_a_key_or_caching_off_keeps_nothing(geodata_copy, cache, monkeypatch):
    made = []
    by_hand = SimpleNamespace(directory=geodata_copy)  # an atlas not loaded through the cache has no key
    for _ in range(2):
        atlascache.kept("demo", (), (), lambda: made.append(1), atlas=by_hand)
    monkeypatch.setenv("KURILMAP_CACHE_DIR", "off")
    for _ in range(2):
        atlascache.kept("demo", (), (), lambda: made.append(1))
    assert len(made) == 4 and not list(cache.glob("derived-*"))


def test_exports_made_from_kept_label_places_shapes_and_font_subsets_are_the_same_files(atlas, cache):
    from kurilmap import export
    from kurilmap.export import labels, shapes

    labels._placements.cache_clear()  # this process's own copies: the kept ones on disk are what is tested
    shapes._scene.cache_clear()
    fresh = {fmt: export.render(atlas, 1905, fmt, width=800, height=600, dpi=100) for fmt in ("png", "pdf")}
    for kind in ("labels", "font", "shapes"):
        assert list(cache.glob(f"derived-{kind}-*.pickle")), kind
    labels._placements.cache_clear()
    shapes._scene.cache_clear()
    assert {fmt: export.render(atlas, 1905, fmt, width=800, height=600, dpi=100) for fmt in fresh} == fresh


def test_text_measured_in_one_process_is_kept_for_the_next_and_is_the_fonts_own_size(cache):
    """The legend's text sizes are kept across processes (a CLI export measures a hundred) and stay true."""
    measure = (
        "from kurilmap.export.labels import _text_size; "
        "print(repr(_text_size('サンフランシスコ平和条約 (1951)\\nTreaty of Saint Petersburg', 7.5, 'ja')))"
    )
    env = {**os.environ, "KURILMAP_CACHE_DIR": str(cache)}
    first = subprocess.run([sys.executable, "-c", measure], env=env, capture_output=True, text=True, check=True)
    (kept,) = cache.glob("derived-text-sizes-*.pickle")  # written back when the process ended
    check = "import pickle, sys; print(len(pickle.load(open(sys.argv[1], 'rb'))))"
    assert (
        subprocess.run([sys.executable, "-c", check, str(kept)], capture_output=True, text=True).stdout.strip() == "1"
    )
    env_off = {**env, "KURILMAP_CACHE_DIR": "off"}
    again = subprocess.run([sys.executable, "-c", measure], env=env, capture_output=True, text=True, check=True)
    fresh = subprocess.run([sys.executable, "-c", measure], env=env_off, capture_output=True, text=True, check=True)
    assert first.stdout == again.stdout == fresh.stdout and float(first.stdout.strip("()\n").split(",")[0]) > 50
