"""Before and after with a day of 1945 on a side, as a journalist asks for it: 8 August 1945 against today, in
the app (a link, the preset, the second map's own day slider), the static atlas and the compare HTML."""

from __future__ import annotations

from appdriver import ROOT, compare_page_maps, map_frame
from test_view import sidebar

from kurilmap import export
from kurilmap.compare import change_caption
from kurilmap.periods import last_year

SHOTS = ROOT / "artifacts" / "screenshots"
TODAY = last_year()
AUG8 = (1945, "1945-08-08")


def _maps(page):
    """The two maps of the comparison, the left (the earlier, the page's first) first."""
    frames = [map_frame(page, index=0), map_frame(page, index=1)]
    return sorted(frames, key=lambda f: f.evaluate("window.frameElement.getBoundingClientRect().left"))


def _wait(frame, year: int, day: str | None):
    selector = f".leaflet-container[data-year='{year}'][data-day='{day or ''}']"
    frame.wait_for_selector(selector, state="attached", timeout=15000)


def test_a_link_compares_8_august_1945_with_today_with_the_change_outlined(visit, atlas):
    visit.open(f"?day=1945-08-08&compare={TODAY}&lang=en")
    left, right = _maps(visit.page)
    _wait(left, 1945, "1945-08-08")
    _wait(right, TODAY, None)
    caption = change_caption(atlas, AUG8, TODAY, "en")
    assert caption.startswith(f"Changed hands between the two years (8 August 1945 → {TODAY}): Empire of Japan →")
    visit.page.get_by_text(caption[:60], exact=False).first.wait_for(timeout=10000)
    assert left.get_attribute("path[data-unit='kunashiri']", "data-look") == "japan"  # before the war
    assert right.get_attribute("path[data-unit='kunashiri']", "data-look") == "disputed"
    for frame in (left, right):  # the land that changed hands is outlined on both maps
        assert frame.get_attribute("path[data-unit='kunashiri']", "data-changed") == "1"
        assert frame.get_attribute("path[data-unit='sakhalin-north']", "data-changed") == "0"
    assert "not understood" not in visit.page.inner_text("body")
    query = visit.page.evaluate("window.location.search")
    assert "day=1945-08-08" in query and f"compare={TODAY}" in query
    SHOTS.mkdir(parents=True, exist_ok=True)
    visit.shot("day-compare-app-en")
    assert visit.errors == []


def test_the_preset_and_the_second_maps_day_slider_compare_days(visit, atlas):
    visit.open("?year=1944&lang=ru")
    sidebar(visit.page).get_by_role("button", name="8 августа 1945 года и сегодня").click()
    left, right = _maps(visit.page)
    _wait(left, 1945, "1945-08-08")
    _wait(right, TODAY, None)
    # the later map steps into 1945 day by day too: the view compares the two days, the earlier on the left
    right.click("button.km-day-open")
    _wait(right, 1945, "1945-08-08")
    visit.page.wait_for_function("location.search.includes('compare=1945-08-08')", timeout=15000)
    right.focus("#km-day")
    for _ in range(24):  # to 1 September: Kunashiri under Soviet control
        visit.page.keyboard.press("ArrowRight")
    visit.page.wait_for_function("location.search.includes('compare=1945-09-01')", timeout=15000)
    left, right = _maps(visit.page)
    _wait(right, 1945, "1945-09-01")
    assert left.get_attribute("path[data-unit='kunashiri']", "data-look") == "japan"
    assert right.get_attribute("path[data-unit='kunashiri']", "data-look") == "russia"
    assert right.get_attribute("path[data-unit='kunashiri']", "data-changed") == "1"
    caption = change_caption(atlas, AUG8, (1945, "1945-09-01"), "ru")
    visit.page.get_by_text(caption[:70], exact=False).first.wait_for(timeout=10000)
    visit.shot("day-compare-app-ru-days")
    assert visit.errors == []


def test_the_static_atlas_compares_a_day_with_today(chromium, static_site, atlas):
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((static_site / "index.html").as_uri() + f"#day=1945-08-08&compare={TODAY}&lang=ja")
    left, right = _maps(page)
    _wait(left, 1945, "1945-08-08")
    _wait(right, TODAY, None)
    assert page.text_content("#atlas-caption") == change_caption(atlas, AUG8, TODAY, "ja")
    assert right.get_attribute("path[data-unit='etorofu']", "data-changed") == "1"
    # the same view written the other way round reads earlier first
    page.goto((static_site / "index.html").as_uri() + f"#year={TODAY}&compare=1945-08-08&lang=ja")
    page.reload()
    left, right = _maps(page)
    _wait(left, 1945, "1945-08-08")
    assert "day=1945-08-08" in page.evaluate("location.hash") and f"compare={TODAY}" in page.evaluate("location.hash")
    page.screenshot(path=str(SHOTS / "day-compare-site-ja.png"))
    assert errors == []
    context.close()


def test_the_compare_html_of_a_day_shows_both_maps_and_the_days_card(chromium, atlas, tmp_path):
    path = tmp_path / "kuril-border-1945-08-08-vs-today-en.html"
    path.write_bytes(export.render(atlas, 1945, "html", day="1945-08-08", compare=TODAY))
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    frames = compare_page_maps(page, path)
    assert [f.get_attribute(".leaflet-container", "data-day") for f in frames] == ["1945-08-08", ""]
    assert page.title() == f"Kuril Islands and Sakhalin: 8 August 1945 and {TODAY}"
    assert frames[1].get_attribute("path[data-unit='shikotan']", "data-changed") == "1"
    assert "(8 August 1945 → " in page.locator(".km-caption").inner_text()
    context.close()
