"""Classroom controls on the map (issue 24): the pace of ▶ kept in the address, date marks on the day slider,
and a clicker's PageDown / PageUp."""

from __future__ import annotations

from appdriver import map_frame
from test_days import _day, _until, _url_view
from test_static_atlas_tours import _hash


def test_day_marks_jump_to_their_day_and_name_it_in_the_reader_language(visit):
    visit.open("?day=1945-08-09&lang=ja")
    marks = visit.map.locator(".km-day-mark")
    _until(visit.page, lambda: marks.count() >= 10, "the date marks under the day slider")
    shumshu = visit.map.locator(".km-day-mark[data-day='1945-08-18']")
    assert shumshu.inner_text() == "18" and shumshu.get_attribute("aria-label").startswith("8月18日: 占守島")
    shumshu.click()
    _until(
        visit.page, lambda: _url_view(visit.page).get("day") == "1945-08-18" and _day(visit) == "1945-08-18", "18 Aug"
    )
    assert "km-tick-on" in shumshu.get_attribute("class")
    visit.map.locator(".km-bar").scroll_into_view_if_needed()
    visit.shot("day-marks-ja")
    assert not visit.errors


def test_the_pace_of_play_is_chosen_kept_in_the_address_and_survives_a_reload(visit):
    visit.open("?year=1850&lang=en")
    page, speed = visit.page, visit.map.locator("select.km-speed")
    _until(page, lambda: speed.count() == 1, "the pace menu")
    assert speed.locator("option").all_inner_texts() == ["Normal", "2 s a step", "5 s a step", "10 s a step"]
    speed.select_option("10")
    _until(page, lambda: "speed=10" in page.evaluate("location.hash"), "the pace in the address")
    visit.map.locator("button.km-play").click()
    page.wait_for_timeout(3000)  # the usual pace would have moved two treaties on by now
    assert visit.year() == 1850 and visit.map.get_attribute("button.km-play", "data-playing") == "1"
    visit.map.locator("button.km-play").click()  # pause
    page.reload()
    visit.map = map_frame(page)
    _until(page, lambda: visit.map.locator("select.km-speed").input_value() == "10", "the pace after a reload")


def test_page_down_and_up_with_the_map_in_focus_step_through_the_changes(visit):
    visit.open("?year=1900&lang=en")
    page = visit.page
    _until(page, lambda: visit.year() == 1900, "the map at 1900")
    visit.map.locator(".leaflet-container").click(position={"x": 40, "y": 300})
    page.keyboard.press("PageDown")
    _until(page, lambda: visit.year() == 1905 and _url_view(page).get("year") == "1905", "1905 by PageDown")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    _until(page, lambda: visit.year() == 1855, "1855 by two PageUp")
    visit.open("?day=1945-08-18&lang=en")  # in 1945 day by day: the next day of change
    visit.map.focus("#km-day")
    page.keyboard.press("PageDown")
    _until(page, lambda: _day(visit) == "1945-08-20", "the next day of change")
    assert not visit.errors


def test_the_static_atlas_keeps_the_pace_in_its_address_when_the_view_changes(chromium, static_site):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri() + "#year=1905&lang=ru")
    frame = map_frame(page)
    _until(page, lambda: frame.locator("select.km-speed").count() == 1, "the pace menu")
    assert frame.locator("select.km-speed option").first.inner_text() == "Обычная"
    frame.locator("select.km-speed").select_option("5")
    frame.locator("button.km-tick[data-year='1875']").click()
    _until(page, lambda: _hash(page).get("year") == "1875", "the view at 1875")
    assert _hash(page).get("speed") == "5"
    context.close()
