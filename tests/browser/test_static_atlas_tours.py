"""Guided tours in the static atlas (issue 24): a link opens a step, buttons and keys move it, a year leaves it."""

from __future__ import annotations

from appdriver import map_frame
from test_days import _until
from test_usability import AXE, AXE_JS, PHONE

SHOTS = "/work/notes/shots/tours"


def _hash(page) -> dict:
    return dict(p.split("=", 1) for p in page.evaluate("location.hash").lstrip("#").split("&") if "=" in p)


def test_static_atlas_tour_link_buttons_keys_and_leaving(chromium, static_site):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri() + "#tour=treaties&step=2&lang=ja")
    frame = map_frame(page)
    _until(page, lambda: frame.get_attribute(".leaflet-container", "data-year") == "1875", "the map at 1875")
    assert page.locator("#atlas-tour-title").inner_text().startswith("1875年")
    assert "ステップ 2/7" in page.locator("#atlas-tour-head").inner_text()
    page.screenshot(path=f"{SHOTS}/static-tour-desktop-ja.png")
    page.click("#atlas-tour-next")
    _until(page, lambda: _hash(page).get("step") == "3" and _hash(page).get("year") == "1905", "step 3 by button")
    page.locator("#atlas-tour-title").click()
    page.keyboard.press("PageDown")
    _until(page, lambda: _hash(page).get("step") == "4", "step 4 by PageDown")
    page.keyboard.press("ArrowLeft")
    _until(page, lambda: _hash(page).get("step") == "3", "step 3 by ←")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_JS) == []
    frame.focus("#km-year")
    page.keyboard.press("ArrowRight")  # a year of the slider leaves the tour
    _until(page, lambda: "tour" not in _hash(page) and page.locator("#atlas-tour").is_hidden(), "free exploration")
    page.goto((static_site / "index.html").as_uri() + "#tour=treaties&step=77&lang=ru")
    _until(page, lambda: "tour" in page.locator("#atlas-notices").inner_text(), "a notice for the bad step")
    assert page.locator("#atlas-tour").is_hidden()
    context.close()


def test_static_atlas_tour_on_a_phone_is_under_the_map(chromium, static_site):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri() + "#tour=talks&step=10&lang=en")
    _until(page, lambda: page.locator("#atlas-tour-title").inner_text().startswith("2022"), "the last talks step")
    maps = page.locator("#atlas-map-a").bounding_box()
    card = page.locator("#atlas-tour").bounding_box()
    assert card["y"] >= maps["y"] + maps["height"] - 1 and card["x"] + card["width"] <= 391
    assert page.locator("#atlas-tour-next").is_disabled()  # the last step
    context.close()
