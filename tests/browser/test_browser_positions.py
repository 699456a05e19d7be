"""The Show switch in the browser: who administered the land, Japan's position, Russia's position.

Switched with the keyboard on a desktop and with a finger on a 390×844 phone; each position map says
whose position it shows on its face (the legend's title and the heading under the map); a bad
``position=`` in the link falls back to the default with a notice; axe-core finds nothing serious.
Screenshots of today's map in each position and language: artifacts/screenshots/position-*.png.
"""

from __future__ import annotations

import pytest
from appdriver import ROOT, map_frame
from helpers import POSITION_TITLES as WHOSE
from test_usability import AXE, AXE_JS, DESKTOP, PHONE
from viewcheck import settle

from kurilmap.i18n import t

SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture
def opened(chromium, app_url):
    contexts = []

    def opener(device: dict, query: str = ""):
        context = chromium.new_context(**device)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{app_url}/{query}")
        frame = map_frame(page)
        page.errors = errors
        return page, frame

    yield opener
    for context in contexts:
        context.close()


def show_switch(page):
    return page.locator("[data-testid='stSidebar'] [data-testid='stRadio']").nth(1)


def wait_position(page, frame, position: str):
    frame.wait_for_selector(f".leaflet-container[data-position='{position}']", timeout=15000)
    if position == "held":
        page.wait_for_function("!window.location.search.includes('position=')", timeout=15000)
    else:
        page.wait_for_function(f"window.location.search.includes('position={position}')", timeout=15000)


def test_the_keyboard_switches_the_map_to_each_position_and_back(opened):
    page, frame = opened(DESKTOP, "?lang=en")
    assert frame.get_attribute("path[data-unit='kunashiri']", "data-look") == "disputed"
    show_switch(page).locator("input").first.focus()
    for key, position, look in (("ArrowDown", "japan", "japan"), ("ArrowDown", "russia", "russia")):
        page.keyboard.press(key)
        wait_position(page, frame, position)
        assert frame.get_attribute("path[data-unit='kunashiri']", "data-look") == look
        assert frame.inner_text(".km-legend-title") == WHOSE[position]["en"]
        assert WHOSE[position]["en"] in frame.inner_text(".km-bar")
    page.keyboard.press("ArrowUp")
    wait_position(page, frame, "japan")
    assert frame.get_attribute("path[data-unit='uruppu']", "data-look") == "undetermined"
    page.get_by_text("mofa.go.jp", exact=False).first.wait_for(timeout=15000)  # the panel quotes the source
    page.keyboard.press("ArrowUp")
    wait_position(page, frame, "held")
    assert frame.inner_text(".km-legend-title") == "Legend"
    assert page.errors == []


def test_on_a_phone_a_tap_switches_to_japans_position_in_russian(opened):
    page, frame = opened(PHONE, "?lang=ru")
    page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button").first.tap()
    option = show_switch(page).get_by_text(t("show_japan", "ru"), exact=True)
    option.tap()
    wait_position(page, frame, "japan")
    assert frame.get_attribute("path[data-unit='etorofu']", "data-look") == "japan"
    assert frame.get_attribute("path[data-unit='sakhalin-south']", "data-look") == "undetermined"
    assert frame.inner_text(".km-legend-title") == WHOSE["japan"]["ru"]
    assert page.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.keyboard.press("Escape")
    page.screenshot(path=str(SHOTS / "position-phone-japan-ru.png"))


def test_a_bad_position_in_the_link_shows_the_default_map_with_a_notice(opened):
    page, frame = opened(DESKTOP, "?position=%3Cb%3Echina%3C/b%3E&lang=ja")
    notice = page.locator("[data-testid='stAlert']").filter(has_text="position").first
    notice.wait_for(timeout=15000)
    assert t("show_held", "ja") in notice.inner_text() and "<b>" not in notice.inner_text()
    assert frame.get_attribute(".leaflet-container", "data-position") == "held"


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_nothing_serious_on_a_position_map(opened, device):
    page, frame = opened(device, "?position=japan&lang=ja&year=1953")
    settle(page)  # the whole page, not only the map that comes first
    for target in (page.main_frame, frame):
        target.add_script_tag(path=str(AXE))
        assert target.evaluate(AXE_JS) == []


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_todays_map_in_each_position_says_whose_it_is(opened, lang):
    page, frame = opened(DESKTOP, f"?lang={lang}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for position in ("held", "japan", "russia"):
        if position != "held":
            show_switch(page).get_by_text(t(f"show_{position}", lang), exact=True).click()
        wait_position(page, frame, position)
        title = WHOSE[position][lang] if position != "held" else t("legend", lang)
        frame.wait_for_function(
            "t => document.querySelector('.km-legend-title').textContent === t", arg=title, timeout=15000
        )
        page.wait_for_timeout(400)  # the panel follows the rerun
        page.screenshot(path=str(SHOTS / f"position-{position}-{lang}.png"))
