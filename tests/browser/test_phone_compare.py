"""A comparison on a phone (issue 21): one map at a time in the same place, and a switch between the two years."""

from __future__ import annotations

from appdriver import map_frame
from test_days import _until
from test_usability import AXE, AXE_JS, DESKTOP, PHONE


def _visible_frames(page) -> list[bool]:
    frames = page.locator("iframe")
    return [frames.nth(i).is_visible() for i in range(frames.count())]


def test_the_app_compare_on_a_phone_shows_one_map_and_switches_to_the_other(chromium, app_url):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{app_url}/?year=1875&compare=1905&lang=ru")
    map_frame(page)
    _until(page, lambda: _visible_frames(page) == [True, False], "the earlier map alone")
    first = page.locator("iframe").first.element_handle().content_frame()
    buttons = page.locator(".km-which button:visible")
    assert buttons.all_inner_texts() == ["1875", "1905"] and buttons.first.get_attribute("aria-pressed") == "true"
    top = page.locator("iframe").first.bounding_box()["y"]
    buttons.nth(1).click()
    _until(page, lambda: _visible_frames(page) == [False, True], "the later map alone")
    second = page.locator("iframe").nth(1).element_handle().content_frame()
    assert second.get_attribute(".leaflet-container", "data-year") == "1905"
    assert abs(page.locator("iframe").nth(1).bounding_box()["y"] - top) < 40  # in the place of the first
    box = second.locator(".leaflet-container").bounding_box()
    assert box["width"] > 300 and box["height"] > 250  # laid out at its size, not a strip
    page.screenshot(path="artifacts/screenshots/phone-compare-app-ru.png")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_JS) == []
    assert first.get_attribute(".leaflet-container", "data-year") == "1875"
    context.close()


def test_on_a_desktop_both_maps_show_and_there_is_no_switch(chromium, app_url):
    context = chromium.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{app_url}/?year=1875&compare=1905&lang=en")
    map_frame(page)
    _until(page, lambda: _visible_frames(page) == [True, True], "both maps")
    assert page.locator(".km-which button:visible").count() == 0
    context.close()


def test_the_static_atlas_compare_on_a_phone_switches_between_the_years(chromium, static_site):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri() + "#year=1905&compare=1945&lang=ja")
    map_frame(page)
    _until(page, lambda: page.locator("#atlas-which button").count() == 2, "the switch")
    assert page.locator("#atlas-map-a iframe").is_visible() and not page.locator("#atlas-map-b iframe").is_visible()
    page.click("#atlas-which button[data-map=b]")
    _until(page, lambda: page.locator("#atlas-map-b iframe").is_visible(), "the later map")
    assert not page.locator("#atlas-map-a iframe").is_visible()
    assert page.locator("#atlas-map-b iframe").bounding_box()["height"] > 300
    assert (
        page.locator("#atlas-map-b iframe").bounding_box()["y"] - page.locator("#atlas-which").bounding_box()["y"] < 120
    )
    page.screenshot(path="artifacts/screenshots/phone-compare-static-ja.png")
    context.close()
