"""The app as a person uses it, in headless Chromium: slider, colours, tooltips, URL, offline."""

import pytest
from appdriver import map_frame

from kurilmap.geometry import load_atlas
from kurilmap.scene import tooltip
from kurilmap.style import LOOKS, PALETTE
from kurilmap.view import DEFAULT_YEAR


def wait_for_url(visit, fragment):
    visit.page.wait_for_function(f"window.location.search.includes({fragment!r})", timeout=15000)


def test_southern_sakhalin_changes_colour_from_1890_to_1910_with_the_keyboard(visit):
    visit.open("?year=1890")
    assert visit.unit("sakhalin-south", "data-holder") == "russia"
    assert visit.unit("sakhalin-south", "fill") == PALETTE["russia"]
    visit.shot("1890")
    visit.press("ArrowRight", 20)
    assert visit.year() == 1910
    assert visit.unit("sakhalin-south", "data-holder") == "japan"
    assert visit.unit("sakhalin-south", "fill") == PALETTE["japan"]
    assert visit.unit("sakhalin-north", "fill") == PALETTE["russia"]
    wait_for_url(visit, "year=1910")
    visit.page.get_by_text("1910 — 1905–1945: Treaty of Portsmouth").first.wait_for(timeout=15000)
    visit.shot("1910")
    assert visit.errors == []


def test_the_four_islands_are_hatched_as_disputed_in_2000(visit):
    visit.open("?year=2000")
    for unit in ("etorofu", "kunashiri", "shikotan", "suisho"):
        assert visit.unit(unit, "data-look") == "disputed"
        assert visit.unit(unit, "fill") == "url(#km-hatch-disputed)"
    assert visit.unit("uruppu", "fill") == PALETTE["russia"]
    visit.shot("2000-disputed")


def test_north_sakhalin_shows_the_occupation_in_1921(visit):
    visit.open("?year=1921")
    assert visit.unit("sakhalin-north", "data-holder") == "russia"
    assert visit.unit("sakhalin-north", "fill") == "url(#km-hatch-occupied)"


@pytest.mark.parametrize(
    ("year", "lang", "says"),
    [
        (2000, "en", ("Etorofu", "Russian Federation")),
        (1850, "ru", ("Сёгунат Токугава", "Основание: японские посты на Кунашире")),
        (2026, "ja", ("択捉島 / イトゥルップ島", "Итуруп イトゥルップ島")),  # a Russian name in katakana (issue 25)
    ],
)
def test_tooltip_names_the_island_in_japanese_and_russian(visit, year, lang, says):
    """In 1850 the tooltip also says what the sphere rests on (posts, tribute, claims)."""
    frame = visit.open(f"?year={year}&lang={lang}")
    box = frame.locator("path[data-unit='etorofu']").bounding_box()
    visit.page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    tip = frame.locator(".km-tip")
    tip.wait_for(timeout=5000)
    text = tip.inner_text()
    assert "択捉島" in text and "Итуруп" in text and ("km²" in text or "км²" in text)
    assert all(word in text for word in says)
    # the browser composes exactly the lines the scene says (kurilmap.scene.tooltip)
    atlas = load_atlas()
    unit = next(u for u in atlas.display_units() if u["id"] == "etorofu")
    assert [line.strip() for line in text.splitlines() if line.strip()] == list(
        tooltip(atlas, unit, year, "both", lang)
    )
    overlap = frame.evaluate(
        """() => { const a = document.querySelector('.km-tip').getBoundingClientRect();
        const b = document.querySelector('.km-legend').getBoundingClientRect();
        return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
             * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)); }"""
    )
    assert overlap == 0  # the tooltip never slides under the legend
    visit.shot(f"tooltip-etorofu-{year}-{lang}")


def test_pan_and_zoom_survive_a_year_change_and_the_map_is_not_rebuilt(visit):
    frame = visit.open("?year=1890")
    frame.evaluate("window.__marker = 'kept'; kurilmap.map.setView([46.5, 143.0], 7, {animate: false})")
    before = frame.evaluate("[kurilmap.map.getCenter().lat, kurilmap.map.getCenter().lng, kurilmap.map.getZoom()]")
    visit.press("ArrowRight", 20)
    wait_for_url(visit, "year=1910")
    visit.page.wait_for_timeout(500)  # let the Streamlit rerun arrive
    assert frame.evaluate("window.__marker") == "kept"  # same document: no reload
    after = frame.evaluate("[kurilmap.map.getCenter().lat, kurilmap.map.getCenter().lng, kurilmap.map.getZoom()]")
    assert after == pytest.approx(before)
    visit.shot("zoomed-1910")


def test_buttons_jump_between_border_changes(visit):
    frame = visit.open("?year=1890")
    frame.click("button[data-action='next']")
    assert visit.year() == 1905
    frame.click("button[data-action='next']")
    assert visit.year() == 1920
    frame.click("button[data-action='prev']")
    frame.click("button[data-action='prev']")
    assert visit.year() == 1875
    frame.click("button.km-tick[data-year='1945']")
    assert visit.year() == 1945
    wait_for_url(visit, "year=1945")


def test_no_request_leaves_the_machine(visit):
    visit.open("?year=1945&lang=ja")
    visit.press("ArrowLeft", 3)
    visit.page.wait_for_timeout(800)
    assert visit.external_requests() == []


def test_the_legend_and_labels_follow_the_language(visit):
    frame = visit.open("?year=1910&lang=ru&names=ru")
    legend = frame.locator(".km-legend").inner_text()
    assert "Условные обозначения" in legend
    labels = frame.locator(".km-island").all_inner_texts()
    assert "Итуруп" in labels and "Сахалин" in labels
    visit.shot("1910-ru")


def test_a_script_in_the_url_is_never_run(visit):
    visit.open("?year=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=%3Cscript%3Ealert(2)%3C/script%3E")
    visit.page.get_by_text("value was not understood").first.wait_for(timeout=10000)
    assert visit.year() == DEFAULT_YEAR
    assert visit.errors == []  # no dialog, no script error
    visit.shot("bad-url")


def test_compare_view_outlines_the_land_that_changed(visit):
    frame = visit.open("?year=1910&compare=1890")
    assert visit.unit("sakhalin-south", "data-changed") == "1"
    assert visit.unit("sakhalin-north", "data-changed") == "0"
    assert visit.unit("hokkaido", "data-changed") == "0"
    # the outline lies outside the changed land: under its path (drawn after it), which keeps its own stroke
    look = LOOKS[visit.unit("sakhalin-south", "data-look")]
    assert visit.unit("sakhalin-south", "stroke").lower() == look["stroke"].lower()
    order = frame.evaluate(
        """() => { const paths = [...document.querySelectorAll('.leaflet-overlay-pane path')];
        const outline = paths.findIndex(p => p.classList.contains('km-changed'));
        return [paths.filter(p => p.classList.contains('km-changed')).length, outline,
                paths.indexOf(document.querySelector("path[data-unit='sakhalin-south']")),
                paths.indexOf(document.querySelector("path[data-unit='sakhalin-north']"))]; }"""
    )
    changed = frame.locator("path[data-changed='1']").count()
    assert order[0] == changed and order[2] > order[1] > order[3]
    other = visit.page.frames  # the second map shows 1890
    years = sorted(
        int(f.get_attribute(".leaflet-container", "data-year"))
        for f in other
        if f.query_selector(".leaflet-container[data-ready='1']")
    )
    assert years == [1890, 1910]
    assert frame is not None
    visit.shot("compare-1910-1890")


def test_the_two_compare_maps_keep_one_scale_when_either_is_moved(visit):
    left = visit.open("?year=1944&compare=2026")
    right = map_frame(visit.page, index=1)
    at = "[kurilmap.map.getCenter().lat, kurilmap.map.getCenter().lng, kurilmap.map.getZoom()]"
    for frame in (left, right):
        frame.wait_for_function("() => window.kurilmap && kurilmap.view().compare != null")
    visit.page.wait_for_timeout(500)
    start = left.evaluate(at), right.evaluate(at)
    assert start[0][2] == start[1][2] and start[0][:2] == pytest.approx(start[1][:2], abs=0.05)  # one scale at once
    for moved, other, place in ((left, right, [46.5, 143.0, 7]), (right, left, [44.0, 146.0, 8])):
        moved.evaluate(f"kurilmap.map.setView([{place[0]}, {place[1]}], {place[2]}, {{animate: false}})")
        other.wait_for_function(f"() => kurilmap.map.getZoom() === {place[2]}", timeout=5000)
        assert other.evaluate(at) == pytest.approx(moved.evaluate(at), abs=1e-6)
    visit.shot("compare-one-scale")
