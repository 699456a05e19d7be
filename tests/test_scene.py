"""The scene: one description of a view that the map page and the exports both render, and its rules."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kurilmap import export
from kurilmap.pagetable import page_table
from kurilmap.scene import build_scene, change_caption, unit_look
from kurilmap.style import LOOKS
from kurilmap.view import View

SVG = "{http://www.w3.org/2000/svg}"


def page_phase(table: dict, year: int) -> dict:
    """What the map page applies for ``year``: the last phase starting at or before it (as kurilmap.js does)."""
    return [p for p in table["phases"] if p["start"] <= year][-1]


def svg_units_and_labels(data: bytes) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """Fill colour of each land unit (in scene order), units under each hatching, and each place's label."""
    root = ET.fromstring(data)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    fills = [re.search(r"fill: (#[0-9a-f]{6})", p.get("style")).group(1) for p in groups["land"].iter(f"{SVG}path")]
    hatched = {
        gid[len("hatch-") :]: [p.get("d") for p in g.iter(f"{SVG}path")]
        for gid, g in groups.items()
        if gid.startswith("hatch-")
    }
    labels = {
        gid[len("label:") :]: " ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")).strip()
        for gid, g in groups.items()
        if gid.startswith("label:")
    }
    return fills, hatched, labels


@pytest.mark.parametrize(
    ("year", "names", "lang"), [(1850, "both", "en"), (1921, "ru", "ru"), (1950, "both", "en"), (2000, "ja", "ja")]
)
def test_the_svg_export_and_the_map_page_give_every_unit_the_same_look_and_label(atlas, year, names, lang):
    table = page_table(atlas)
    phase = page_phase(table, year)
    fills, hatched, labels = svg_units_and_labels(export.render(atlas, year, "svg", names=names, lang=lang))
    assert len(fills) == len(table["units"])
    for unit, look, fill in zip(table["units"], phase["looks"], fills):
        assert fill.lower() == LOOKS[look]["fill"].lower(), f"{unit} in {year}: page look {look}, SVG fill {fill}"
    for key in (k for k, look in LOOKS.items() if look["hatch"]):
        assert len(hatched.get(key, [])) == phase["looks"].count(key), f"{key} hatching in {year}"
    names_on_page = table["nameSets"][phase["names"]][f"{names}|{lang}"]
    assert labels, "the export names places"
    for place, text in labels.items():
        assert text.split() == names_on_page[f"p:{place}"].split(), place


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "(1875 → 1921): Russian Empire → Empire of Japan 33,319 km²"),
        ("ja", "(1875 → 1921): ロシア帝国 → 大日本帝国 33,319 km²"),
        ("ru", "(1875 → 1921): Российская империя → Японская империя 33\u00a0319 км²"),
    ],
)
@pytest.mark.parametrize(("year", "compare"), [(1921, 1875), (1875, 1921)])
def test_the_compare_caption_puts_the_earlier_year_first_with_period_true_states(atlas, lang, expected, year, compare):
    assert expected in change_caption(atlas, year, compare, lang)
    texts = " ".join(
        "".join(el.itertext())
        for el in ET.fromstring(export.render(atlas, year, "svg", compare=compare, lang=lang)).iter(f"{SVG}text")
    )
    assert expected.split(": ", 1)[1].split(" 33")[0] in texts  # the export says the same, in its subtitle


def test_the_scene_of_a_comparison_outlines_the_same_units_on_both_maps(atlas):
    scene = build_scene(atlas, View(1890, compare=1910))
    left, right = scene.maps
    assert left.changed == right.changed == {"sakhalin-south", "moneron"}
    assert (left.year, right.year) == (1890, 1910)
    assert "Empire of Japan" in scene.caption and scene.caption.index("1890") < scene.caption.index("1910")


def test_looks_follow_the_history_tables(atlas):
    units = {u["id"]: u for u in atlas.display_units()}
    assert unit_look(atlas, units["etorofu"], 1944)[0] == "japan"
    assert unit_look(atlas, units["etorofu"], 1946)[0] == "disputed"
    assert unit_look(atlas, units["sakhalin-north"], 1924)[0] == "occupied"
    assert unit_look(atlas, units["sakhalin-north"], 1925)[0] == "russia"
    assert unit_look(atlas, units["uruppu"], 1850)[0] == "contested"


def test_the_page_table_covers_every_year_with_phases_that_start_at_each_change(atlas):
    table = page_table(atlas)
    starts = [p["start"] for p in table["phases"]]
    assert starts[0] == table["first"] and starts == sorted(starts)
    assert {1855, 1875, 1905, 1920, 1925, 1945} <= set(starts)
    for year in (1850, 1867, 1868, 1916, 1917, 1990, 1991, table["last"]):
        phase = page_phase(table, year)
        scene = build_scene(atlas, View(year)).maps[0]
        assert [scene.looks[u] for u in table["units"]] == phase["looks"], year
        assert table["texts"][phase["text"]]["en"]["heading"] in scene.heading
