"""Names in the reader's usage and script (issue 25, item 8): each side's own names for the four islands' towns."""

from __future__ import annotations

import json

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.i18n import LANGS
from kurilmap.pagetable import page_table
from kurilmap.scene import build_scene
from kurilmap.view import View

SOURCES = GEODATA_DIR / "sources"
JAPANESE_USAGE = {
    "shana": ("紗那", "Shana"),
    "furukamappu": ("古釜布", "Furukamappu"),
    "shakotan": ("斜古丹", "Shakotan"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_japanese_names_write_japans_names_for_the_towns_of_the_islands_it_claims(atlas, lang):
    labels = build_scene(atlas, View(year=2026, names="ja", lang=lang)).maps[0].labels
    for town, (kanji, romaji) in JAPANESE_USAGE.items():
        assert labels[town] == (kanji if lang == "ja" else romaji)


@pytest.mark.parametrize("lang", LANGS)
def test_russian_names_and_both_keep_the_names_in_use_on_the_spot(atlas, lang):
    for style in ("ru", "both"):
        labels = build_scene(atlas, View(year=2026, names=style, lang=lang)).maps[0].labels
        assert "紗那" not in labels["shana"] and "Shana" not in labels["shana"]


def test_the_map_page_table_carries_japans_usage_in_the_japanese_style(atlas):
    table = page_table(atlas)
    names = table["nameSets"][table["phases"][-1]["names"]]  # the last phase: to today
    assert names["ja|ja"]["p:furukamappu"] == "古釜布" and names["ja|en"]["p:furukamappu"] == "Furukamappu"
    assert names["both|ja"]["p:furukamappu"] != "古釜布"


def test_each_sides_own_name_has_its_public_source():
    places = json.loads((SOURCES / "names.json").read_text(encoding="utf-8"))["places"]
    styled = {p["id"]: n for p in places for n in p["names"] if "style" in n}
    assert set(styled) >= set(JAPANESE_USAGE)
    for name in styled.values():
        assert name["source"] and "FACTS" not in name["source"] and "notes" not in name["source"].lower()
    assert all("e-gov" in styled[t]["source"].lower() for t in JAPANESE_USAGE)


def test_the_towns_keep_their_rows_and_points():
    rows = (SOURCES / "towns.csv").read_text(encoding="utf-8").splitlines()
    shana = next(r for r in rows if r.startswith("shana,"))
    assert "紗那" in shana and "147.8800,45.2270" in shana
