"""The static atlas's panel on a par with the app's (issue 23 item 5), in Chromium served as any static host serves
it: both governments' positions on the four islands with their sources, the panel of a day of 1945 and the way
back from a day to a year; no error in the console."""

from __future__ import annotations

import pytest
from appdriver import ROOT, map_frame, serve_folder
from test_days import _until

from kurilmap.panel import day_panel, period_panel

SHOTS = ROOT / "artifacts" / "screenshots"
DEVICES = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(scope="module")
def served(static_site):
    with serve_folder(static_site) as url:
        yield url + "index.html"


@pytest.fixture
def tab(chromium, served):
    """Opens the atlas on a fragment; keeps the page's errors and console errors."""
    opened = []

    def open_(fragment: str, device: str = "desktop"):
        context = chromium.new_context(**DEVICES[device])
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        opened.append(context)
        page.goto(served + fragment)
        page.map = map_frame(page)
        return page

    yield open_
    for context in opened:
        context.close()


def _shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_a_year_of_the_dispute_shows_both_positions_with_their_sources(tab, atlas):
    page = tab("#year=2000&lang=ru")
    page.wait_for_selector("#atlas-panel[data-year='2000'][data-lang='ru'] .atlas-positions")
    card = period_panel(atlas, 2000, "both", "ru")["positions"]
    box = page.locator("#atlas-panel .atlas-positions")
    assert box.locator("h3").inner_text() == card["title"]
    for side in ("japan", "russia"):
        text = box.locator(f"li[data-side='{side}']").inner_text()
        assert text == f"{card[side]['text']} (источник: {card[side]['source']})"
    total = box.locator("tr[data-island='total'] td").all_inner_texts()
    assert total == ["Всего", "5\u00a0112,3", "5\u00a0003,0"]
    # in the app's order: after the note on the dispute, before the treaty's card
    order = page.eval_on_selector_all(
        "#atlas-panel > *", "nodes => nodes.map(n => n.classList.contains('atlas-positions') ? 'P' : n.className)"
    )
    assert order.index("atlas-note atlas-info") < order.index("P")
    assert page.locator("#atlas-panel .atlas-positions").count() == 1
    page.locator("#atlas-panel .atlas-positions").scroll_into_view_if_needed()
    assert page.errors == []


def test_a_day_of_1945_shows_the_days_panel_and_the_slider_goes_back_to_a_year(tab, atlas):
    page = tab("#day=1945-08-28&lang=ja", "phone")
    page.wait_for_selector("#atlas-panel[data-day='1945-08-28']")
    want = day_panel(atlas, "1945-08-28", "ja")
    assert page.text_content("#atlas-heading") == want["date"]
    assert page.inner_text("#atlas-panel .atlas-day-heading") == want["heading"]
    steps = page.locator("#atlas-panel .atlas-steps > li")
    assert steps.count() == len(want["steps"])
    at = atlas.campaign.steps.index(atlas.campaign.step_of("etorofu"))
    etorofu = want["steps"][at]
    assert steps.nth(at).locator("b").inner_text() == etorofu["status"]
    assert etorofu["label"] in steps.nth(at).inner_text()
    assert all(h in page.inner_text("#atlas-panel .atlas-day-happened") for h in want["happened"])
    assert page.locator("#atlas-panel .atlas-areas[class='atlas-areas']").count() == 0  # the year's areas: not on a day
    assert page.locator("#atlas-panel .atlas-positions").count() == 1  # as in the app: 1945 is a year of the dispute
    _shot(page, "site-panel-day-ja-phone")
    page.evaluate("document.getElementById('atlas-panel').scrollIntoView({block: 'start'})")
    _shot(page, "site-panel-day-ja-phone-panel")
    page.evaluate(f"document.querySelectorAll('#atlas-panel .atlas-steps > li')[{at}].scrollIntoView()")
    _shot(page, "site-panel-day-ja-phone-etorofu")
    page.map.focus("#km-year")
    page.map.press("#km-year", "ArrowRight")  # the year slider: from the day to 1946
    page.wait_for_selector("#atlas-panel[data-year='1946'][data-day='']")
    assert page.text_content("#atlas-heading") == f"1946 — {period_panel(atlas, 1946, 'both', 'ja')['label']}"
    assert page.locator("#atlas-panel .atlas-steps").count() == 0
    _until(page, lambda: "day=" not in page.evaluate("window.location.hash"), "the address without the day")
    assert page.errors == []


def test_the_day_panel_in_english_on_a_desktop(tab, atlas):
    page = tab("#day=1945-08-28&lang=en")
    page.wait_for_selector("#atlas-panel[data-day='1945-08-28']")
    want = day_panel(atlas, "1945-08-28", "en")
    assert page.text_content("#atlas-heading") == want["date"] == "28 August 1945"
    assert page.inner_text("#atlas-panel .atlas-day-sources") != ""
    _shot(page, "site-panel-day-en-desktop")
    page.goto(page.url.split("#")[0] + "#year=2000&lang=en")
    page.wait_for_selector("#atlas-panel[data-year='2000'] .atlas-positions")
    page.evaluate("document.querySelector('#atlas-panel .atlas-island-areas').scrollIntoView({block: 'center'})")
    _shot(page, "site-panel-positions-en-desktop")
    assert page.errors == []
