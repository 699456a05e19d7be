"""Hostile text in the data, a server restart, and a map with no network: the page copes."""

import json
import shutil

import pytest
from appdriver import free_port, map_frame, running_app

from kurilmap.data import GEODATA_DIR

EVIL = '<!--<script><img src=x onerror="window.__pwned=1">'
BARE_LINKS = "Read more at www.evil.example or http://evil.example/page"


@pytest.fixture(scope="module")
def evil_geodata(tmp_path_factory):
    target = tmp_path_factory.mktemp("evil") / "geodata"
    shutil.copytree(GEODATA_DIR, target)
    for path in target.glob("*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            props = feature["properties"]
            if props.get("island") == "uruppu" or props.get("id") in ("uruppu", "toyohara"):
                for key in ("name_en", "name_ja_romaji", "name_ru_latin", "name_ja"):
                    if key in props:
                        props[key] = EVIL
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    treaties = target / "sources" / "treaties.json"
    raw = json.loads(treaties.read_text(encoding="utf-8"))
    for treaty in raw["treaties"]:
        treaty["summary"]["en"] += " " + BARE_LINKS
    treaties.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return target


def test_names_with_markup_are_shown_as_text_and_never_run(chromium, evil_geodata):
    with running_app(env={"KURILMAP_GEODATA": str(evil_geodata)}) as (url, _):
        page = chromium.new_page(viewport={"width": 1400, "height": 950})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/?year=1890&names=ja")
        frame = map_frame(page)
        frame.evaluate("kurilmap.map.setView([45.9, 150.0], 8, {animate: false})")
        page.wait_for_timeout(300)
        box = frame.locator("path[data-unit='uruppu']").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tip = frame.locator(".km-tip")
        tip.wait_for(timeout=5000)
        assert EVIL in tip.inner_text()  # the markup is visible as text
        assert frame.locator(".km-tip img, .km-label img").count() == 0
        assert EVIL in frame.locator(".km-label").all_inner_texts()
        page.wait_for_timeout(500)
        assert frame.evaluate("window.__pwned") is None
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        panel_text = " ".join(page.locator("[data-testid='stMarkdownContainer']").all_inner_texts())
        assert BARE_LINKS in panel_text.replace("\u2060", "")  # shown, as text
        assert page.locator("a[href*='evil.example']").count() == 0  # an address in data text is not a link
        page.close()


def test_a_reconnecting_browser_gets_the_same_view_back(chromium):
    port = free_port()
    page = chromium.new_page(viewport={"width": 1400, "height": 950})
    with running_app(port=port) as (url, _):
        page.goto(f"{url}/?year=1890&lang=ru")
        frame = map_frame(page)
        frame.focus("#km-year")
        for _ in range(40):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("window.location.search.includes('year=1930')", timeout=15000)
    with running_app(port=port) as (url, _):  # the server restarts on the same address
        page.reload()
        frame = map_frame(page)
        assert frame.get_attribute(".leaflet-container", "data-year") == "1930"
        assert "lang=ru" in page.url
    page.close()


def test_the_map_is_complete_without_tiles_and_tiles_stay_optional(visit):
    frame = visit.open("?year=1950")
    assert frame.locator("path[data-unit]").count() >= 40  # our own land polygons
    assert frame.locator("img.leaflet-tile").count() == 0  # no tile requested by default
    assert visit.external_requests() == []


BROKEN = "Bad delta path index 7 (should be between [0, 6])"  # Streamlit's page losing track of its elements
PANEL_1922 = "[...document.querySelectorAll('h3')].some(h => h.textContent.trim().startsWith('1922 —'))"


def test_a_page_streamlit_lost_track_of_reloads_itself_once_in_the_same_view(visit):
    visit.open("?year=1922&lang=ja")
    page = visit.page
    page.wait_for_function(PANEL_1922)
    page.evaluate("window.__before = 1")
    with page.expect_navigation(timeout=20000):
        page.evaluate(f"window.dispatchEvent(new ErrorEvent('error', {{message: {json.dumps(BROKEN)}}}))")
    frame = map_frame(page)  # a new page: the same view, nothing lost
    assert page.evaluate("window.__before") is None and visit.year(frame) == 1922
    assert "year=1922" in page.url and "lang=ja" in page.url
    page.wait_for_function(PANEL_1922)
    # the same error again soon after: no second reload (never a loop), and no other error reloads at all
    page.evaluate("window.__after = 1")
    page.evaluate(f"window.dispatchEvent(new ErrorEvent('error', {{message: {json.dumps(BROKEN)}}}))")
    page.evaluate("window.dispatchEvent(new ErrorEvent('error', {message: 'TypeError: x is undefined'}))")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__after") == 1
