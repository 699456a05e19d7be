"""Names in the reader's usage and script (issue 25, item 8): each side's own names for the four islands' towns."""

from __future__ import annotations

import csv
import json
import re

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.i18n import LANGS, NAME_STYLES
from kurilmap.pagetable import page_table
from kurilmap.scene import build_scene, map_scene, tooltip
from kurilmap.transcribe import polivanov
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
        assert labels[town] == {"ja": kanji, "en": romaji, "ru": polivanov(romaji)}[lang]  # Сяна, Фурукамаппу


@pytest.mark.parametrize("lang", LANGS)
def test_russian_names_keep_the_names_in_use_on_the_spot_and_both_names_both_sides(atlas, lang):
    labels = build_scene(atlas, View(year=2026, names="ru", lang=lang)).maps[0].labels
    assert "紗那" not in labels["shana"] and "Shana" not in labels["shana"]
    # "both" never writes one side's name alone on the four islands in a disputed year (issue 25, item 8):
    # Japan's usage first, then the name on the spot, as English usage does
    both = build_scene(atlas, View(year=2026, names="both", lang=lang)).maps[0].labels["shana"]
    assert both == {"en": "Shana / Kurilsk", "ja": "紗那 / クリリスク", "ru": "Сяна / Курильск"}[lang]


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


# ------------------------------------------------------------------------------------------- the reader's script
LATIN = re.compile(r"[A-Za-zÀ-ž]")
YEARS = (1850, 1890, 1910, 1922, 1946, 1950, 2026)


def _no_latin(text: str) -> bool:
    return not LATIN.search(text.replace("km²", ""))  # the unit symbol km² is the same in every language


@pytest.mark.parametrize("style", NAME_STYLES)
@pytest.mark.parametrize(
    ("lang", "names"), [("ja", None), ("ru", 2)]
)  # in Russian: the names (then the interface's text)
def test_the_japanese_and_russian_interfaces_write_no_name_in_latin_letters(atlas, style, lang, names):
    for year in YEARS:
        scene = map_scene(atlas, year, None, style, lang)
        assert all(_no_latin(label) for label in scene.labels.values()), scene.labels
        for unit in atlas.display_units():
            lines = tooltip(atlas, unit, year, style, lang)[:names]
            assert all(_no_latin(line) for line in lines), lines


def test_a_name_in_the_other_script_is_in_the_readers_script(atlas):
    ja = build_scene(atlas, View(year=2026, names="both", lang="ja")).maps[0].labels
    assert ja["etorofu"] == "択捉島 / イトゥルップ島" and ja["toyohara"] == "ユジノサハリンスク"
    assert ja["habomai"] == "歯舞群島 / ハボマイ諸島"
    ru = build_scene(atlas, View(year=1910, names="both", lang="ru")).maps[0].labels
    assert ru["toyohara"] == "Тоёхара" and ru["etorofu"] == "Эторофу / Итуруп" and ru["hokkaido"] == "Хоккайдо"
    en = build_scene(atlas, View(year=2026, names="both", lang="en")).maps[0].labels
    assert en["etorofu"] == "Etorofu / Iturup" and en["toyohara"] == "Yuzhno-Sakhalinsk"


def test_the_map_page_writes_the_tooltip_names_in_the_readers_script(atlas):
    features = page_table(atlas)["features"]
    etorofu = next(f for fid, f in features.items() if fid.startswith("etorofu"))
    assert (
        etorofu["all"]["ja"] == "択捉島 · Итуруп イトゥルップ島" and etorofu["all"]["ru"] == "択捉島 Эторофу · Итуруп"
    )


@pytest.mark.parametrize(
    ("romaji", "cyrillic"),
    [
        ("Toyohara", "Тоёхара"),
        ("Etorofu", "Эторофу"),
        ("Shikotan", "Сикотан"),
        ("Habomai", "Хабомаи"),
        ("Kunashiri", "Кунасири"),
        ("Karafuto", "Карафуто"),
        ("Hokkaidō", "Хоккайдо"),  # long vowels short; い after a vowel й inside a word
        ("Shumushu", "Сюмусю"),
        ("Furukamappu", "Фурукамаппу"),
        ("Habomai-guntō", "Хабомаи-гунто"),
        ("Shinbashi", "Симбаси"),  # ん before б, п, м is м
        ("Gen'ichi", "Гэнъити"),
        ("Meiji", "Мэйдзи"),
        ("Kyūshū", "Кюсю"),
        ("", ""),
    ],
)
def test_polivanov_writes_japanese_names_in_cyrillic(romaji, cyrillic):
    assert polivanov(romaji) == cyrillic


def test_every_russian_name_has_its_katakana_in_the_data():
    gazetteer = list(csv.DictReader((SOURCES / "gazetteer.csv").open(encoding="utf-8")))
    towns = list(csv.DictReader((SOURCES / "towns.csv").open(encoding="utf-8")))
    for row in gazetteer + towns:
        two = row["name_ja_romaji"] != row["name_ru_latin"]
        assert bool(row["name_ru_kana"]) == two, row["id"]
        assert not LATIN.search(row["name_ru_kana"]), row["id"]
    names = json.loads((SOURCES / "names.json").read_text(encoding="utf-8"))
    assert "Polivanov" in names["scripts"] and "katakana" in names["scripts"]
    assert all(n.get("kana") for p in names["places"] for n in p["names"] if n["lang"] == "ru")


def test_a_russian_name_without_katakana_is_refused(tmp_path):
    from kurilmap.crosscheck import _check_kana
    from kurilmap.data import DataError

    row = {"name_ja_romaji": "Etorofu", "name_ru_latin": "Iturup", "name_ru": "Итуруп", "name_ru_kana": ""}
    with pytest.raises(DataError, match="katakana"):
        _check_kana(row, "sources/gazetteer.csv", "line 13")
    _check_kana({**row, "name_ru_latin": "Etorofu"}, "sources/gazetteer.csv", "line 13")  # one name: none needed


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_exported_maps_write_names_in_the_readers_script(atlas, lang):
    from kurilmap import export
    from tests.test_history import svg_labels

    both = svg_labels(export.render(atlas, 2026, "svg", names="both", lang=lang))
    assert all(_no_latin(label) for label in both.values()), both
    own = svg_labels(export.render(atlas, 2026, "svg", names="ja", lang=lang))
    assert own["shana"] == {"ja": "紗那", "ru": "Сяна"}[lang]
