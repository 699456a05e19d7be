"""The static atlas's panel beside the year's (issue 23 item 5): the positions card of the years of the dispute
and the panel of every day of the 1945 sequence are the app's (period_panel, day_panel), numbers written as the
app writes them."""

from __future__ import annotations

import pytest
from test_site import _asset, _lookup, _script_value

from kurilmap.i18n import LANGS, NAME_STYLES, aside, number
from kurilmap.panel import day_panel, period_panel
from kurilmap.periods import FIRST_YEAR, last_year


@pytest.fixture(scope="module")
def data(static_site):
    return _script_value(_asset(static_site, "atlas"), "kurilmapSite")


def _written(row: dict, lang: str) -> dict:
    return {**row, "computed": number(row["computed_km2"], lang, 1), "official": number(row["official_km2"], lang, 1)}


def test_the_positions_card_of_every_year_is_the_apps(atlas, data):
    shown = 0
    for lang in LANGS:
        for names in NAME_STYLES:
            for year in range(FIRST_YEAR, last_year() + 1):
                want = period_panel(atlas, year, names, lang)["positions"]
                got = _lookup(data, year, names, lang)["positions"]
                if want is None:
                    assert got is None, (year, names, lang)
                    continue
                shown += 1
                assert {k: v for k, v in got.items() if k not in ("areas", "total")} == {
                    k: v for k, v in want.items() if k not in ("areas", "total")
                }
                assert got["areas"] == [_written(a, lang) for a in want["areas"]], (year, names, lang)
                assert got["total"] == _written(want["total"], lang)
    assert shown > 3 * len(NAME_STYLES) * 70  # every year from 1945 on


def test_the_positions_card_writes_numbers_in_the_language(data):
    card = _lookup(data, 2000, "both", "ru")["positions"]
    assert card["total"]["official"] == "5\u00a0003,0" and card["areas"][0]["computed"].endswith(",5")
    assert "Japan" in card["japan"]["source"] and "Russian Federation" in card["russia"]["source"]
    assert _lookup(data, 2000, "both", "en")["positions"]["total"]["official"] == "5,003.0"


def _day(data: dict, day: str, lang: str) -> dict:
    """What site_panel.js finds for a day: the day's record, its blocks by key (steps one by one)."""
    table = data["dayPanels"]
    record = table["index"][lang][data["days"]["list"].index(day)]
    blocks = table["blocks"]
    return {k: [blocks[i] for i in v] if k == "steps" else blocks[v] for k, v in zip(table["keys"], record)}


def test_the_panel_of_every_day_of_1945_is_the_apps(atlas, data):
    days = atlas.campaign.days()
    assert data["days"]["list"] == days and len(days) == 29
    for lang in LANGS:
        for day in days:
            want, got = day_panel(atlas, day, lang), _day(data, day, lang)
            for key in ("date", "heading", "happened", "entries"):
                assert got[key] == want[key], (day, lang, key)
            assert [{k: v for k, v in s.items() if k != "aside"} for s in got["steps"]] == want["steps"]
            assert [s["aside"] for s in got["steps"]] == [
                aside(s["note"], lang) if s["note"] else "" for s in want["steps"]
            ]
            sources = [s["source"] for s in want["steps"]] + [e["source"] for e in want["entries"]]
            assert got["sources"] == " · ".join(dict.fromkeys(sources))
