"""A story a reader can check (issue 25): what a map without a border rests on, said on its face."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from kurilmap import export
from kurilmap.data import DataError
from kurilmap.i18n import LANGS, t
from kurilmap.pagetable import page_table
from kurilmap.panel import period_panel
from kurilmap.periods import last_year
from kurilmap.scene import build_scene, change_caption, tooltip
from kurilmap.style import PALETTE
from kurilmap.tours import _comparisons, comparisons
from kurilmap.view import View, parse_query
from tests.test_handout import handout_text, squeeze


def unit(atlas, uid):
    return next(u for u in atlas.display_units() if u["id"] == uid)


@pytest.mark.parametrize("lang", LANGS)
def test_the_1850_panel_says_what_the_spheres_rest_on_with_its_source(atlas, lang):
    basis = period_panel(atlas, 1850, lang=lang)["basis"]
    words = {"en": ("Kunashiri", "yasak", "Qing"), "ja": ("国後島", "ヤサク", "清"), "ru": ("Кунашир", "ясак", "Цин")}
    assert all(word in basis["text"] for word in words[lang])
    assert "1821" in basis["source"] and "Joint Compendium" in basis["source"]
    assert period_panel(atlas, 1855, lang=lang)["basis"] is None  # a treaty's border rests on the treaty


@pytest.mark.parametrize(
    "uid, says",
    [
        ("etorofu", "Japanese posts on Kunashiri from 1754 and on Etorofu from 1799–1800"),
        ("shumushu", "Russian tribute (yasak)"),
        ("uruppu", "claimed by Russia (ukase of 4 September 1821"),
        ("sakhalin-south", "Qing tributary ties"),
    ],
)
def test_each_1850_tooltip_gives_the_basis_of_its_own_sphere(atlas, uid, says):
    lines = tooltip(atlas, unit(atlas, uid), 1850, "both", "en")
    assert any(line.startswith("Basis: ") and says in line for line in lines)
    assert not any(line.startswith("Basis") for line in tooltip(atlas, unit(atlas, uid), 1855, "both", "en"))


def test_hokkaido_has_no_basis_line_and_the_map_page_has_every_zone_s(atlas):
    assert not any(line.startswith("Basis") for line in tooltip(atlas, unit(atlas, "hokkaido"), 1850, "both", "en"))
    table = page_table(atlas)
    first = table["phases"][0]
    for lang in LANGS:
        basis = table["texts"][first["text"]][lang]["basis"]
        assert set(basis) == {"four-islands", "kuril-north", "kuril-urup", "sakhalin"}
        assert all(line.startswith(t("basis", lang)) for line in basis.values())
    assert table["features"]["etorofu"]["zone"] == "four-islands"  # the page finds a unit's line by its zone


@pytest.mark.parametrize("lang, says", [("en", "Russiantribute(yasak)"), ("ja", "ヤサク"), ("ru", "ясак")])
def test_the_1850_handout_states_the_basis_and_its_source(atlas, lang, says):
    text = handout_text(atlas, 1850, lang)
    assert says in text and squeeze("ukase of 4 Sep 1821") in text


# ------------------------------------------------------------------------------------------------ outlines


def test_the_compare_outline_leaves_the_four_islands_hatching_visible(atlas):
    """1944 against today: the land that changed hands is outlined outside its shore, so the disputed hatching
    and even the small Habomai islets keep their own colours (no black blobs)."""
    from tests.test_export import TODAY, open_png, patch, share_near

    image = open_png(export.render(atlas, 1944, "png", compare=2026, width=1600, height=900, today=TODAY))
    pixels = np.asarray(image.convert("RGB")).astype(int)
    etorofu = patch(image, 147.822, 45.085, radius=4, compare=True, panel=1)
    assert share_near(etorofu, PALETTE["disputed_stripe"]) > 0.1 and share_near(etorofu, PALETTE["russia"]) > 0.1
    for props, geom in zip(atlas.disputed.properties, atlas.disputed.geometries):
        if geom.area < 0.004:  # islets of a few km²: under a pixel here
            continue
        inside = shapely.get_coordinates(geom.point_on_surface())[0]
        for panel in (0, 1):
            col, row = export.map_pixel(*inside, width=1600, height=900, compare=True, panel=panel)
            assert pixels[row, col].max() > 60, f"{props['id']} is black in panel {panel}"
    # ... and the outline is there: black just outside Etorofu's north-western shore, in both maps
    for panel in (0, 1):
        col, row = export.map_pixel(147.822, 45.085, width=1600, height=900, compare=True, panel=panel)
        band = pixels[row - 12 : row + 1, col - 12 : col]
        assert (band.max(axis=2) < 40).sum() >= 3


# ------------------------------------------------------------------------------------------------ before/after


def test_the_before_and_after_pairs_people_ask_for_each_show_a_change(atlas):
    pairs = {(c.year, c.day, c.compare) for c in comparisons()}
    assert {(1855, None, 1875), (1875, None, 1905), (1944, None, 1946), (1944, None, last_year())} <= pairs
    assert (1945, "1945-08-08", last_year()) in pairs  # the eve of the Soviet entry into the war and today
    for c in comparisons():
        caption = change_caption(atlas, (c.year, c.day), (c.compare, None), "en")
        assert c.year <= c.compare and "No land changed hands" not in caption
        assert all(c.title[lang] for lang in LANGS)


def test_a_pair_that_shows_no_change_is_a_data_error(geodata_copy):
    path = geodata_copy / "sources" / "tours.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["comparisons"][0]["view"] = {"year": 1950, "compare": "today"}
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"no land changed hands between 1950 and \d{4}") as info:
        _comparisons(str(geodata_copy))
    assert "comparisons[0]" in info.value.where


@pytest.mark.parametrize(
    "lang, hint",
    [("en", "For a change, compare 1944 with 2000."), ("ja", "1944年と2000年を比べて"), ("ru", "сравните 1944 и 2000")],
)
def test_a_compare_without_change_names_the_nearest_years_that_show_one(atlas, lang, hint):
    scene = build_scene(atlas, View(2000, lang=lang, compare=1950))
    assert hint in scene.caption and scene.hint == ((1944, None), (2000, None))
    assert build_scene(atlas, View(1944, compare=2000)).hint is None


def test_the_earlier_year_is_on_the_left_and_first_in_the_title_whichever_was_set_first(atlas):
    view = View(2026).propose(compare=1944)
    scene = build_scene(atlas, view)
    assert [m.year for m in scene.maps] == [1944, 2026] and scene.title.index("1944") < scene.title.index("2026")
    assert parse_query({"year": "2026", "compare": "1944"})[0] == view
