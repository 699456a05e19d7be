"""The two governments' positions: the table and its sources, the maps of each position, the link, the
legend's title, the panel and the exports that say whose position they show."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from helpers import POSITION_TITLES as TITLES
from helpers import ROOT
from PIL import Image

from kurilmap import export
from kurilmap.geometry import load_atlas
from kurilmap.i18n import LANGS
from kurilmap.pagetable import page_table
from kurilmap.panel import shown_position
from kurilmap.periods import last_year
from kurilmap.scene import build_scene
from kurilmap.style import LOOKS, PALETTE
from kurilmap.view import View, parse_query

TODAY = last_year()
HABOMAI = [
    "odoke",
    "moemoshiri",
    "suisho",
    "akiyuri",
    "yuri",
    "harukarimoshiri",
    "shibotsu",
    "taraku",
    "todo",
    "kabuto",
]
FOUR = ["etorofu", "kunashiri", "shikotan", *HABOMAI]
RENOUNCED = ["sakhalin-south", "moneron", "uruppu", "shumushu", "paramushiru", "onekotan", "shimushiru"]


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def looks(atlas, year, show):
    return build_scene(atlas, View(year, position=show)).maps[0].looks


# ---------------------------------------------------------------------------------------------- the table


def test_every_position_quotes_a_public_source_and_says_how_it_is_known():
    raw = json.loads((ROOT / "geodata/sources/positions.json").read_text(encoding="utf-8"))
    for entry in raw["positions"]:
        assert all(entry["text"][lang].strip() and entry["label"][lang].strip() for lang in LANGS), entry["id"]
        for quote in entry["quotes"]:
            cited = quote["source"] + (quote["url"] or "")
            # A reader-visible source is a public one, never the project's working notes.
            assert not any(word in cited for word in ("FACTS", "HISTORY_REVIEW", "seed", "shared/")), cited
            assert quote["kind"] in ("official", "secondary")
            if quote["kind"] == "secondary":  # said in the source text too, not only in the flag
                assert "secondary" in quote["source"] or "reported" in quote["source"], quote["source"]
    by_id = {e["id"]: e for e in raw["positions"]}
    four = by_id["japan-four-islands-1956"]
    assert any("mofa.go.jp" in (q["url"] or "") and q["kind"] == "official" for q in four["quotes"])
    assert any(q["lang"] == "ru" for q in by_id["russia-1945"]["quotes"])


def test_every_position_text_says_whose_position_it_is_in_each_language():
    raw = json.loads((ROOT / "geodata/sources/positions.json").read_text(encoding="utf-8"))
    for entry in raw["positions"]:
        text = entry["text"]
        assert "position" in text["en"] and "立場" in text["ja"] and "Позиция" in text["ru"], entry["id"]


def test_japan_claims_the_four_islands_from_1956_and_counted_two_among_the_renounced_kurils_before(atlas):
    held = atlas.positions.held
    assert held("japan", 1951) == {}  # the peace treaty came into force in 1952
    assert {held("japan", 1953)[u].status for u in ("etorofu", "kunashiri")} == {"undetermined"}
    assert {held("japan", 1953)[u].status for u in ["shikotan", *HABOMAI]} == {"japan"}
    assert {held("japan", y)[u].status for y in (1956, 1990, TODAY) for u in FOUR} == {"japan"}
    assert {held("russia", y)[u].status for y in (1945, 1960, TODAY) for u in FOUR + RENOUNCED} == {"russia"}


def test_an_undetermined_attribution_is_drawn_in_neither_sides_colour():
    look = LOOKS["undetermined"]
    sides = {PALETTE["japan"], PALETTE["russia"], PALETTE["disputed_stripe"]}
    assert look["fill"] not in sides and look["hatch"] not in sides and look["stroke"] not in sides


# ---------------------------------------------------------------------------------------------- the scenes


def test_in_1930_both_positions_are_the_map_of_administration(atlas):
    held = looks(atlas, 1930, "held")
    assert looks(atlas, 1930, "japan") == held == looks(atlas, 1930, "russia")


@pytest.mark.parametrize(
    ("year", "show", "expected"),
    [
        (1952, "held", {**dict.fromkeys(FOUR, "disputed"), "sakhalin-south": "russia", "hokkaido": "japan"}),
        (
            1952,
            "japan",
            {
                **dict.fromkeys(["shikotan", *HABOMAI], "japan"),
                **dict.fromkeys(["etorofu", "kunashiri", *RENOUNCED], "undetermined"),
                "hokkaido": "japan",
                "sakhalin-north": "russia",
            },
        ),
        (1952, "russia", {**dict.fromkeys(FOUR + RENOUNCED, "russia"), "hokkaido": "japan"}),
        (1960, "japan", {**dict.fromkeys(FOUR, "japan"), **dict.fromkeys(RENOUNCED, "undetermined")}),
        (1960, "russia", dict.fromkeys(FOUR + RENOUNCED + ["sakhalin-north", "kamchatka"], "russia")),
        (TODAY, "held", dict.fromkeys(FOUR, "disputed")),
        (TODAY, "japan", {**dict.fromkeys(FOUR, "japan"), **dict.fromkeys(RENOUNCED, "undetermined")}),
        (TODAY, "russia", {**dict.fromkeys(FOUR + RENOUNCED, "russia"), "hokkaido": "japan"}),
    ],
)
def test_each_position_gives_each_unit_its_look(atlas, year, show, expected):
    shown = looks(atlas, year, show)
    assert {u: shown[u] for u in expected} == expected


def test_the_map_page_applies_the_same_position_looks_as_the_scene(atlas):
    table = page_table(atlas)
    for side in ("japan", "russia"):
        for year in (1930, 1952, 1955, 1956, 1960, TODAY):
            phase = [p for p in table["positions"][side] if p["start"] <= year][-1]  # as kurilmap.js finds it
            scene = looks(atlas, year, side)
            assert dict(zip(table["units"], phase["looks"])) == scene, (side, year)
            text = table["texts"][phase["text"]]
            assert {lang: text[lang]["legendTitle"] for lang in LANGS} == build_titles(atlas, side, year)


def build_titles(atlas, side, year):
    return {lang: build_scene(atlas, View(year, lang=lang, position=side)).legend_title for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("side", ["japan", "russia"])
def test_a_position_map_names_whose_position_it_is_in_its_legend_title_and_headings(atlas, side, lang):
    scene = build_scene(atlas, View(TODAY, lang=lang, position=side))
    whose = TITLES[side][lang]
    assert scene.legend_title == whose and whose in scene.title and whose in scene.maps[0].heading
    default = build_scene(atlas, View(TODAY, lang=lang))
    assert not any(TITLES[s][lang] in default.title + default.legend_title for s in TITLES)  # never the default


def test_the_soviet_government_speaks_for_the_soviet_years(atlas):
    assert (
        build_scene(atlas, View(1960, position="russia")).legend_title
        == "Position of the Government of the Soviet Union"
    )


def test_two_positions_of_one_year_side_by_side(atlas):
    scene = build_scene(atlas, View(TODAY, compare=TODAY, position="japan", compare_position="russia"))
    left, right = scene.maps
    assert (left.looks["kunashiri"], right.looks["kunashiri"]) == ("japan", "russia")
    assert left.legend_title == TITLES["japan"]["en"] and right.legend_title == TITLES["russia"]["en"]
    assert TITLES["japan"]["en"] in left.heading and TITLES["russia"]["en"] in right.heading


def test_the_panel_quotes_the_position_shown_with_its_sources(atlas):
    card = shown_position(atlas, "japan", TODAY, "en")
    quoted = [q for e in card["entries"] for q in e["quotes"]]
    assert any("inherent territory of Japan" in q["text"] and "mofa.go.jp" in q["url"] for q in quoted)
    assert shown_position(atlas, "japan", 1930, "ru")["entries"] == []


# ---------------------------------------------------------------------------------------------- the link


def test_the_position_travels_in_the_link():
    view = View(TODAY, position="russia", compare=1950, compare_position="japan")
    assert (view.year, view.compare) == (1950, TODAY)  # the earlier year first, each with its own position
    assert view.to_query()["position"] == "japan" and view.to_query()["compare_position"] == "russia"
    assert parse_query(view.to_query()) == (view, [])
    assert "position" not in View(TODAY).to_query()  # the default link says nothing of positions


@pytest.mark.parametrize(
    "query", [{"position": "china"}, {"position": "<b>x</b>"}, {"day": "1945-08-28", "position": "japan"}]
)
def test_a_bad_position_in_the_link_falls_back_to_the_default_with_a_notice(query):
    view, notices = parse_query(query)
    assert view.position == "held" and [n.field for n in notices] == ["position"]


def test_a_day_of_1945_and_a_position_exclude_each_other():
    assert View(2000, position="japan").propose(day="1945-08-28").position == "held"
    assert View(1945, day="1945-08-28").propose(position="japan").day is None


# ---------------------------------------------------------------------------------------------- exports


@pytest.mark.parametrize("lang", LANGS)
def test_an_export_names_the_position_in_its_title_caption_and_file_name(atlas, lang):
    data = export.render(atlas, TODAY, "png", lang=lang, width=800, height=600, dpi=100, position="japan")
    meta = Image.open(io.BytesIO(data)).text
    whose = TITLES["japan"][lang]
    assert whose in meta["Title"] and meta["Comment"].startswith(whose), meta
    assert (
        View(TODAY, lang=lang, position="japan").file_name(".png") == f"kuril-border-{TODAY}-japan-position-{lang}.png"
    )


def test_exports_colour_etorofu_and_south_sakhalin_as_each_position_holds_them(atlas):
    places = {"etorofu": (147.822, 45.085), "sakhalin-south": (142.644, 49.498)}  # inland points
    expected = {
        "japan": {"etorofu": PALETTE["japan"], "sakhalin-south": PALETTE["undetermined"]},
        "russia": {"etorofu": PALETTE["russia"], "sakhalin-south": PALETTE["russia"]},
    }
    for show, want in expected.items():
        image = Image.open(
            io.BytesIO(export.render(atlas, TODAY, "png", width=800, height=600, dpi=100, position=show))
        )
        pixels = np.asarray(image.convert("RGB")).astype(int)
        for unit, (lon, lat) in places.items():
            col, row = export.map_pixel(lon, lat, width=800, height=600)
            patch = pixels[row - 3 : row + 4, col - 3 : col + 4].reshape(-1, 3)
            colour = np.array([int(want[unit][i : i + 2], 16) for i in (1, 3, 5)])
            share = float((np.abs(patch - colour).max(axis=1) <= 40).mean())
            assert share > 0.3, (show, unit, share)  # hatched land: part stripe, part fill


def test_an_export_refuses_an_unknown_position(atlas):
    with pytest.raises(export.ExportError, match="position must be one of"):
        export.render(atlas, TODAY, "png", position="china")


def test_the_command_line_draws_two_positions_of_one_year_and_refuses_a_position_on_a_day(tmp_path, capsys):
    from kurilmap.cli import main

    out = tmp_path / "both.png"
    args = ["snapshot", "--year", str(TODAY), "--compare", str(TODAY), "--width", "800", "--height", "500"]
    assert main([*args, "--position", "japan", "--compare-position", "russia", "--out", str(out)]) == 0
    caption = Image.open(out).text["Comment"]  # the caption (Description holds the alt text)
    assert caption.startswith(f"{TITLES['japan']['en']} / {TITLES['russia']['en']}")
    assert main(["snapshot", "--day", "1945-08-28", "--position", "japan", "--out", str(tmp_path / "d.png")]) == 2
    assert "drop --position" in capsys.readouterr().err and not (tmp_path / "d.png").exists()


def test_the_static_atlas_panel_quotes_the_same_position_as_the_app(atlas):
    from kurilmap.site import position_table

    table = position_table(atlas)
    first = atlas.history.periods[0].start
    for side, lang, year in (("japan", "ja", 1953), ("russia", "ru", TODAY)):
        card = table["cards"][table["index"][f"{side}|{lang}"][year - first]]
        assert card == shown_position(atlas, side, year, lang)


def test_the_app_sends_each_map_what_it_shows_and_quotes_the_position_in_its_panel():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in {"year": "1953", "compare": "1953", "position": "japan", "compare_position": "russia"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    sent = [json.loads(element.proto.json) for element in at.get("bidi_component")]
    shown = [data["view"] for data in sent if "view" in data]  # the two maps (the chronology is another element)
    assert [(v["year"], v["position"]) for v in shown] == [(1953, "japan"), (1953, "russia")]
    panel = " ".join(str(m.value) for m in at.markdown)
    assert "Position of the Government of Japan" in panel and "Position of the Government of the Soviet Union" in panel
    assert "北千島と南千島の両者を含む" in panel  # the 1951 Diet answer, quoted
