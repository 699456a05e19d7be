"""Guided tours in the app (issue 24): the step card, buttons and keys, the URL, a phone, presentation mode, axe-core."""

from __future__ import annotations

import re

from pptx import Presentation
from test_days import _until, _url_view
from test_usability import AXE, AXE_JS, PHONE

SHOTS = "/work/notes/shots/tours"


def _card(page):
    return page.locator(".km-tour")


def _title(page) -> str:
    return _card(page).locator("h2").inner_text()


def test_a_tour_link_opens_its_step_and_buttons_and_keys_move_the_map_and_url(visit):
    visit.open("?tour=treaties&step=3&lang=en")
    page = visit.page
    _until(page, lambda: visit.year() == 1905, "the map at 1905")
    _until(page, lambda: _card(page).count() and _title(page).startswith("1905"), "the step card of 1905")
    assert "Step 3 of 7" in _card(page).inner_text() and "FRUS" in _card(page).inner_text()
    assert _card(page).locator("[aria-live=polite] h2").count() == 1  # screen readers hear the new step
    visit.shot("tour-step-desktop")
    _card(page).locator("button.km-tour-next").click()
    _until(page, lambda: _url_view(page).get("step") == "4" and visit.year() == 1922, "step 4 (1922) by button")
    page.locator("h1").first.click()  # the page has the focus, no field
    page.keyboard.press("PageDown")
    _until(page, lambda: _url_view(page).get("step") == "5" and visit.year() == 1945, "step 5 by PageDown")
    page.keyboard.press("ArrowLeft")
    _until(page, lambda: _url_view(page).get("step") == "4", "step 4 by ←")
    page.keyboard.press(" ")
    _until(page, lambda: _url_view(page).get("step") == "5", "step 5 by space")
    page.keyboard.press("PageUp")  # two quick keys are two steps, even before the page has answered the first
    page.keyboard.press("PageUp")
    _until(page, lambda: _url_view(page).get("step") == "3" and visit.year() == 1905, "step 3 by two quick keys")
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    _until(page, lambda: _url_view(page).get("step") == "5" and visit.year() == 1945, "step 5 again")
    visit.press("ArrowRight")  # the year slider keeps its own keys: a year change leaves the tour
    _until(page, lambda: "tour" not in _url_view(page) and _card(page).count() == 0, "free exploration again")
    assert visit.year() == 1946 and not visit.errors


def test_a_bad_step_in_a_link_is_a_notice_in_the_reader_language(visit):
    visit.open("?tour=treaties&step=42&lang=ja")
    page = visit.page
    _until(page, lambda: "リンクのtourの値" in page.locator("[data-testid='stAlert']").first.inner_text(), "the notice")
    assert _card(page).count() == 0 and "tour" not in _url_view(page)


def test_on_a_phone_the_step_is_under_the_map_and_axe_finds_nothing_serious(chromium, app_url):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{app_url}/?tour=talks&step=3&lang=ru")
    _until(
        page, lambda: page.locator(".km-tour h2").count() and "1973" in page.locator(".km-tour h2").inner_text(), "card"
    )
    page.locator(".km-tour").scroll_into_view_if_needed()
    frame_box = page.locator("iframe").first.bounding_box()
    card_box = page.locator(".km-tour").bounding_box()
    assert card_box["y"] >= frame_box["y"] + frame_box["height"] - 1  # under the map
    assert card_box["x"] >= 0 and card_box["x"] + card_box["width"] <= 390 + 1
    for button in page.locator(".km-tour button").all():
        assert button.bounding_box()["height"] >= 44  # a finger's size
    page.screenshot(path=f"{SHOTS}/tour-step-phone.png", full_page=False)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_JS) == []
    context.close()


def test_presentation_mode_is_full_screen_without_sidebar_and_advances_by_itself(chromium, app_url):
    for size in ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080}):
        context = chromium.new_context(viewport=size)
        page = context.new_page()
        page.goto(f"{app_url}/?tour=1945&step=1&lang=ja")
        _until(
            page, lambda page=page: page.locator(".km-tour h2").count() and "8月9日" in _title(page), "the first day"
        )
        page.locator("button.km-tour-present").click()
        _until(
            page, lambda page=page: page.evaluate("document.body.classList.contains('km-present')"), "presentation mode"
        )
        assert page.evaluate("!!document.fullscreenElement")
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert not page.locator("[data-testid='stHeader']").is_visible()  # nothing covers the title
        title = page.locator("h1").first.bounding_box()
        assert title["y"] + title["height"] > 10 and page.locator("h1").first.is_visible()
        text = page.locator(".km-tour p.km-tour-text")
        assert float(text.evaluate("n => getComputedStyle(n).fontSize")[:-2]) >= 22  # large type for the room
        page.screenshot(path=f"{SHOTS}/tour-present-{size['width']}x{size['height']}.png")
        page.locator(".km-tour select").select_option("2")  # advance every 2 s, kept in the address
        _until(page, lambda page=page: "pace=2" in page.evaluate("location.hash"), "the pace in the URL")
        _until(page, lambda page=page: _url_view(page).get("step") == "2", "advancing by itself after 2 s", timeout=15)
        page.locator("h1").first.click()  # away from the pace menu, which keeps its own keys
        page.keyboard.press("p")  # pause: it stays on a step
        step = _url_view(page).get("step")
        page.wait_for_timeout(2600)
        assert _url_view(page).get("step") == step
        page.keyboard.press("Escape")
        context.close()


def test_the_export_panel_makes_the_tour_deck(visit):
    visit.open("?tour=talks&step=1&lang=ru")
    page = visit.page
    button = page.get_by_role("button", name="Презентация PowerPoint (.pptx)")
    _until(page, lambda: button.count() == 1, "the deck button in the sidebar")
    button.click()
    save = page.get_by_role("button", name=re.compile(r"tour-talks-ru\.pptx"))
    _until(page, lambda: save.count() == 1, "the download button of the deck", timeout=120)
    with page.expect_download() as info:
        save.click()
    assert len(Presentation(info.value.path()).slides) == 11  # a title slide and the ten steps
