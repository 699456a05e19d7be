"""The chronology in the browser (issue 25): every event listed with its source, filters, and a pick moves the map."""

from __future__ import annotations

import csv
import io
from collections import Counter

from appdriver import map_frame
from test_days import _day, _until, _url_view
from test_static_atlas_tours import _hash
from test_usability import AXE, AXE_JS, PHONE


def _pick(page, title: str):
    item = page.locator(".km-chrono li", has=page.locator(".km-chrono-title", has_text=title))
    item.locator("a.km-chrono-map").click()


def test_the_app_lists_every_event_with_its_source_and_a_pick_opens_its_year_or_day(visit, atlas):
    visit.open("?year=2026&lang=en")
    page = visit.page
    page.get_by_text("Chronology, 1855–2022").click()
    items = page.locator(".km-chrono li")
    _until(page, lambda: items.count() == len(atlas.events), "every event in the list")
    sources = page.locator(".km-chrono-source").all_inner_texts()
    assert len(sources) == len(atlas.events) and all(s.startswith("Source: ") and len(s) > 15 for s in sources)
    kinds = Counter(e["kind"] for e in atlas.events)
    page.locator("select.km-chrono-kind").select_option("war")
    assert page.locator(".km-chrono-count").inner_text() == f"{kinds['war']} of {len(atlas.events)} events"
    assert page.locator(".km-chrono li:visible").count() == kinds["war"]
    link = page.locator(".km-chrono-source a[href='https://en.wikipedia.org/wiki/Russo-Japanese_War']")
    assert link.count() == 1 and link.get_attribute("target") == "_blank"  # a source a reader can follow
    page.locator(".km-chrono").scroll_into_view_if_needed()
    visit.shot("chronology-war-en")
    _pick(page, "Soviet landing on Shumshu")  # a day of the 1945 sequence opens that day
    _until(page, lambda: _url_view(page).get("day") == "1945-08-18" and _day(visit) == "1945-08-18", "18 August")
    page.locator("select.km-chrono-kind").select_option("treaty")  # the filter stays over the rerun
    _pick(page, "Treaty of Portsmouth")
    _until(page, lambda: _url_view(page).get("year") == "1905" and visit.year() == 1905, "the map of 1905")
    assert "day" not in _url_view(page) and not visit.errors


def test_the_app_chronology_follows_the_language_and_its_csv_downloads(visit, atlas):
    visit.open("?year=1905&lang=ru")
    page = visit.page
    page.get_by_text("Хронология, 1855–2022").click()
    _until(page, lambda: page.locator(".km-chrono li").count() == len(atlas.events), "the Russian list")
    assert (
        page.locator(".km-chrono li").first.locator(".km-chrono-title").inner_text() == "Подписание Симодского трактата"
    )
    button = page.get_by_role("button", name="Хронология (CSV)")
    button.scroll_into_view_if_needed()  # as a reader scrolls to it, once the page has settled
    page.wait_for_timeout(500)
    with page.expect_download(timeout=60000) as info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))
    assert info.value.suggested_filename == "kuril-chronology-ru.csv" and len(rows) == len(atlas.events)
    assert all(r["source"] for r in rows) and rows[0]["kind"] == "Договоры и соглашения"


def test_the_static_atlas_chronology_on_a_phone_moves_its_map_and_axe_finds_nothing_serious(
    chromium, static_site, atlas
):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri() + "#year=2026&lang=ja")
    frame = map_frame(page)
    items = page.locator(".km-chrono li")
    _until(page, lambda: items.count() == len(atlas.events), "every event in the list")
    assert page.locator("#atlas-chronology-title").inner_text() == "年表（1855〜2022年）"
    page.locator("select.km-chrono-period").select_option("1875")
    shown = sum(1 for e in atlas.events if e["period"] == "1875")
    assert page.locator(".km-chrono-count").inner_text() == f"{len(atlas.events)}件中{shown}件"
    page.locator(".km-chrono li:visible").first.scroll_into_view_if_needed()
    page.screenshot(path="artifacts/screenshots/chronology-static-phone-ja.png")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_JS) == []
    _pick(page, "樺太・千島交換条約")  # the Treaty of Saint Petersburg, 1875
    _until(page, lambda: _hash(page).get("year") == "1875", "the address at 1875")
    _until(page, lambda: frame.get_attribute(".leaflet-container", "data-year") == "1875", "the map at 1875")
    for fmt in ("csv", "json"):  # the files beside the page
        href = page.locator(f"#atlas-chronology-files a[data-format={fmt}]").get_attribute("href")
        assert (static_site / href).read_bytes().count(b"\n") > len(atlas.events) // 2
    context.close()
