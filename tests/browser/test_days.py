"""1945 day by day in the browser: the day slider, its play button, the URL and the panel follow each other."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

from appdriver import map_frame


def _url_view(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _heading(page) -> str:
    heads = page.locator("[data-testid='stMain'] h3").all_inner_texts()
    return next((h for h in heads if re.match(r"^(\d{1,2} \S+ 1945|\d{4} — |1945年)", h)), "")


def _until(page, check, what: str, timeout: float = 20.0):
    """Poll check() until it holds; waits in Playwright (page.url only moves while Playwright runs)."""
    deadline = time.perf_counter() + timeout
    last = None
    while time.perf_counter() < deadline:
        try:
            last = check()
            if last:
                return last
        except Exception as exc:  # the page is between two reruns
            last = exc
        page.wait_for_timeout(150)
    raise AssertionError(f"{what} never happened (last seen: {last!r})")


def _day(visit) -> str:
    return visit.map.get_attribute(".leaflet-container", "data-day")


def test_a_day_in_the_url_shows_who_held_each_island_that_day(visit):
    visit.open("?day=1945-08-20&lang=en")
    _until(visit.page, lambda: _day(visit) == "1945-08-20", "the map reaching 20 August")
    # South Sakhalin: the Soviet offensive; Shumshu: landings under way; Etorofu still Japanese; the north Soviet.
    assert visit.unit("sakhalin-south", "data-look") == "offensive"
    assert visit.unit("shumushu", "data-look") == "landing"
    assert visit.unit("etorofu", "data-look") == "japan"
    assert visit.unit("sakhalin-north", "data-look") == "russia"
    assert visit.map.locator("output.km-day").inner_text() == "20 August 1945"
    _until(visit.page, lambda: _heading(visit.page) == "20 August 1945", "the panel heading 20 August 1945")
    visit.shot("day-1945-08-20")
    assert not visit.errors


def test_24_and_26_august_show_the_northern_kurils_island_by_island_and_the_towns_entered(visit):
    """Paramushir is Soviet-held from 24 August, Onekotan from 25, Shiashkotan from 26; the islands with no
    landing recorded keep their look; South Sakhalin's towns are marked with their day; in every language."""
    expected = {
        "1945-08-24": {
            "paramushiru": "russia",
            "onekotan": "japan",
            "shasukotan": "japan",
            "sakhalin-south": "offensive",
        },
        "1945-08-26": {"paramushiru": "russia", "onekotan": "russia", "shasukotan": "russia", "raikoke": "japan"},
    }
    towns = {"1945-08-24": 4, "1945-08-26": 5}
    entry_legend = {
        "en": "Soviet entries into towns",
        "ja": "ソ連軍の各町への進入",
        "ru": "Вступление советских войск в города",
    }
    for lang in ("en", "ja", "ru"):
        for day, looks in expected.items():
            visit.open(f"?day={day}&lang={lang}")
            _until(visit.page, lambda day=day: _day(visit) == day, f"the map at {day}")
            for unit, look in looks.items():
                assert visit.unit(unit, "data-look") == look, (lang, day, unit)
            assert visit.map.locator(".km-entry-name").count() == towns[day]
            legend = visit.map.locator(".km-legend-item[data-kind='entry']").inner_text()
            assert legend == entry_legend[lang]
            assert "Potsdam" not in visit.map.locator(".km-period").inner_text()
            visit.shot(f"day-{day}-{lang}")
    assert not visit.errors


def test_keys_on_the_day_slider_move_the_map_url_and_panel_and_a_year_leaves_the_sequence(visit):
    visit.open("?year=1944&lang=en")
    _until(visit.page, lambda: visit.year() == 1944, "the map at 1944")
    visit.map.click("button.km-day-open")  # "1945 day by day" from another year starts at 8 August
    _until(visit.page, lambda: _url_view(visit.page).get("day") == "1945-08-08", "the URL at 8 August")
    visit.map.focus("#km-day")
    for _ in range(4):
        visit.page.keyboard.press("ArrowRight")
    _until(visit.page, lambda: _day(visit) == "1945-08-12", "the map at 12 August")
    _until(visit.page, lambda: _url_view(visit.page).get("day") == "1945-08-12", "the URL at 12 August")
    _until(visit.page, lambda: _heading(visit.page) == "12 August 1945", "the panel at 12 August")
    assert visit.unit("sakhalin-south", "data-look") == "offensive"
    assert visit.unit("shumushu", "data-look") == "japan"  # Shumshu landings began on 18 August
    visit.press("ArrowRight")  # a year key: 1946, out of the day sequence
    _until(
        visit.page, lambda: _url_view(visit.page).get("year") == "1946" and "day" not in _url_view(visit.page), "1946"
    )
    assert _day(visit) == "" and visit.unit("etorofu", "data-look") == "disputed"
    assert not visit.errors


def test_play_runs_the_sequence_to_habomai_on_5_september(visit):
    visit.open("?day=1945-08-28&lang=ja")
    _until(visit.page, lambda: _day(visit) == "1945-08-28", "the map at 28 August")
    assert visit.map.locator("button.km-day-open").inner_text() == "1945年・日ごと"
    visit.map.click("button[data-action='play-days']")
    _until(visit.page, lambda: _day(visit) == "1945-09-05", "the sequence reaching 5 September", timeout=30)
    assert visit.unit("suisho", "data-look") == "russia" and visit.unit("kunashiri", "data-look") == "russia"
    _until(visit.page, lambda: _url_view(visit.page).get("day") == "1945-09-05", "the URL at 5 September")
    _until(visit.page, lambda: "1945年9月5日" in _heading(visit.page), "the Japanese panel heading")
    visit.shot("day-1945-09-05-ja")
    assert not visit.errors


def test_on_a_phone_the_day_controls_fit_the_map_and_are_44_px(chromium, app_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?day=1945-08-28&lang=ru")
        frame = map_frame(page)
        width = frame.evaluate("document.documentElement.clientWidth")
        for selector in (".km-day-open", "#km-day", ".km-day-play"):
            left, right, height = frame.locator(selector).evaluate(
                "n => { const r = n.getBoundingClientRect(); return [r.left, r.right, r.height]; }"
            )
            assert right - left >= 44 and height >= 44, (selector, left, right, height)
            assert left >= 0 and right <= width, (selector, left, right, width)  # nothing off the map
        assert (
            frame.locator("output.km-day").inner_text() == "28 августа 1945\u202fг."
        )  # Babel: a narrow no-break space
    finally:
        context.close()
