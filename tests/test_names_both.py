"""The default naming style "both" follows who held the land (issue 25, item 8): the holder's name where one state
held a place, both names where both sides held, shared or disputed it, and every name in the tooltip."""

from __future__ import annotations

import json

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import history
from kurilmap.i18n import LANGS
from kurilmap.pagetable import page_table
from kurilmap.scene import build_scene, tooltip
from kurilmap.view import View

SOURCES = GEODATA_DIR / "sources"
#: The four islands and their towns: two names in every year a name of each side was in use.
FOUR = ("etorofu", "kunashiri", "habomai", "shana", "furukamappu", "shakotan")


def labels(atlas, year: int, lang: str = "en", style: str = "both") -> dict:
    return build_scene(atlas, View(year=year, names=style, lang=lang)).maps[0].labels


def unit_tooltip(atlas, unit_id: str, year: int, lang: str) -> tuple:
    unit = next(u for u in atlas.display_units() if u["id"] == unit_id)
    return tooltip(atlas, unit, year, "both", lang)


def test_sakhalin_today_has_the_name_of_the_state_that_holds_it_in_the_readers_script(atlas):
    assert {lang: labels(atlas, 2026, lang)["sakhalin"] for lang in LANGS} == {
        "en": "Sakhalin",
        "ja": "サハリン",
        "ru": "Сахалин",
    }
    assert (
        labels(atlas, 2026)["paramushiru"] == "Paramushir" and labels(atlas, 2026, "ru")["toyohara"] == "Южно-Сахалинск"
    )


def test_sakhalin_divided_or_shared_has_both_names_japanese_first(atlas):
    for year in (1860, 1930):  # shared (Shimoda) and divided at 50°N (Portsmouth)
        assert labels(atlas, year)["sakhalin"] == "Karafuto / Sakhalin"
        assert labels(atlas, year, "ru")["sakhalin"] == "Карафуто / Сахалин"
        assert labels(atlas, year, "ja")["sakhalin"] == "樺太 / サハリン"
    assert labels(atlas, 1880)["sakhalin"] == "Sakhalin"  # all Russian (St Petersburg, 1875)


def test_south_sakhalin_towns_in_1930_have_the_japanese_names_in_use(atlas):
    for lang, names in {
        "en": ("Toyohara", "Ōtomari", "Maoka"),
        "ru": ("Тоёхара", "Отомари", "Маока"),
        "ja": ("豊原", "大泊", "真岡"),
    }.items():
        shown = labels(atlas, 1930, lang)
        assert (shown["toyohara"], shown["otomari"], shown["maoka"]) == names
    assert labels(atlas, 1930)["aleksandrovsk"] == "Aleksandrovsk-Sakhalinsky"  # north of 50°N: Russian-held


def test_occupied_land_has_both_names(atlas):
    """Northern Sakhalin under Japanese occupation (1920–1924): the holder's and the occupier's names."""
    assert labels(atlas, 1922)["aleksandrovsk"] == "Akō / Aleksandrovsk"
    assert labels(atlas, 1926)["aleksandrovsk"] == "Aleksandrovsk-Sakhalinsky"


@pytest.mark.parametrize("lang", LANGS)
def test_the_four_islands_have_two_names_in_every_disputed_year(atlas, lang):
    disputed = [p.start for p in history().periods if p.disputed]
    years = [y for y in range(disputed[0], 2027) if y in (1945, 1946, 1947, 1956, 1991, 2026) or y % 10 == 0]
    for year in years:
        shown = labels(atlas, year, lang)
        for pid in ("etorofu", "kunashiri", "habomai"):
            assert len(shown[pid].split(" / ")) == 2, (year, pid, shown[pid])
        if year >= 1947:  # Kurilsk from 1947: every town of the islands has a Russian name, beside Japan's usage
            for pid in ("shana", "furukamappu", "shakotan"):
                assert len(shown[pid].split(" / ")) == 2, (year, pid, shown[pid])
    assert (
        labels(atlas, 2026, lang)["etorofu"]
        == {"en": "Etorofu / Iturup", "ja": "択捉島 / イトゥルップ島", "ru": "Эторофу / Итуруп"}[lang]
    )


def test_the_four_islands_have_both_names_in_every_year_in_both(atlas):
    """ "both" names both sides on the four islands even before the dispute (the issue: "the disputed islands
    always"); English usage writes the holder's name there until 1945."""
    for year in (1850, 1860, 1930):
        assert labels(atlas, year)["etorofu"] == "Etorofu / Iturup"
        assert labels(atlas, year, style="en")["etorofu"] == "Etorofu"


@pytest.mark.parametrize("lang", LANGS)
def test_the_tooltip_still_names_both_where_the_label_names_one(atlas, lang):
    for year, name in (
        (2026, {"en": "Sakhalin", "ja": "サハリン", "ru": "Сахалин"}),
        (1930, {"en": "Karafuto", "ja": "樺太", "ru": "Карафуто"}),
    ):
        first, every = unit_tooltip(atlas, "sakhalin-south", year, lang)[:2]
        assert first == name[lang]
        assert "樺太" in every and "Сахалин" in every
    first, every = unit_tooltip(atlas, "paramushiru", 2026, lang)[:2]
    assert "/" not in first and "幌筵島" in every and "Парамушир" in every
    assert " / " in unit_tooltip(atlas, "sakhalin-north", 1922, lang)[0]  # under Japanese occupation


def test_the_map_page_names_follow_the_rule_and_keep_every_name_for_the_tooltip(atlas):
    table = page_table(atlas)
    today = table["nameSets"][table["phases"][-1]["names"]]
    assert today["both|en"]["p:sakhalin"] == "Sakhalin" and today["both|ru"]["p:etorofu"] == "Эторофу / Итуруп"
    assert "樺太" in table["features"]["sakhalin"]["all"]["en"]


def test_the_rule_is_written_down():
    rule = json.loads((SOURCES / "names.json").read_text(encoding="utf-8"))["rule"]
    assert "'both'" in rule and "holder" in rule and "tooltip" in rule


def test_land_that_changed_hands_in_the_year_shown_has_both_holders_names(atlas):
    """A day of 1945 (8 August, before the Soviet landings) must not carry Soviet names alone on Japanese land."""
    day = build_scene(atlas, View(year=1945, day="1945-08-08", names="both", lang="ru")).maps[0].labels
    assert day["sakhalin"] == "Карафуто / Сахалин" and day["paramushiru"] == "Парамусиру / Парамушир"
    assert labels(atlas, 1946)["paramushiru"] == "Paramushir" and labels(atlas, 1876)["paramushiru"] == "Paramushiru"


def test_map_furniture_is_in_the_readers_language():
    from kurilmap.i18n import date_text, t

    assert (t("lat_north", "ru", v=54), t("lat_north", "ja", v=54), t("lon_east", "en", v=140)) == (
        "54°\u00a0с.\u00a0ш.",
        "北緯54°",
        "140°E",
    )
    assert ".." not in t("holders_on_day", "ru", date=date_text("1945-08-08", "ru"))  # «1945 г.», one full stop
