"""The reader's language (issue 25): a first visit opens in the browser's language, and every label follows a switch."""

from __future__ import annotations

from appdriver import map_frame
from test_days import _until, _url_view


def test_a_first_visit_from_a_japanese_browser_opens_in_japanese_unless_the_link_says_otherwise(chromium, app_url):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.goto(f"{app_url}/")
    map_frame(page)
    _until(page, lambda: page.locator("h1").first.inner_text().startswith("千島列島"), "the Japanese title")
    _until(page, lambda: _url_view(page).get("lang") == "ja", "lang=ja in the address, for a link to share")
    page.goto(f"{app_url}/?year=1905&lang=en")  # a link's language wins
    map_frame(page)
    _until(page, lambda: page.locator("h1").first.inner_text().startswith("Kuril"), "the English title")
    context.close()


def test_after_a_switch_the_size_box_and_both_skip_links_speak_the_new_language(visit):
    visit.open("?year=1905&lang=en")
    page = visit.page
    size = page.locator(".st-key-export_size input")
    _until(page, lambda: size.input_value() == "Slide 1600 × 1200", "the size box in English")
    page.locator(".st-key-lang_select input").click()
    page.get_by_role("option", name="Русский").click()
    _until(page, lambda: size.input_value() == "Слайд 1600 × 1200", "the size box in Russian")
    skips = page.evaluate(
        "() => [...document.querySelectorAll('a[href=\"#stMain\"], #km-skip')].map(a => a.textContent)"
    )
    assert "Перейти к основному содержанию" in skips and not any("Skip" in s for s in skips), skips
    assert not visit.errors


def test_the_static_atlas_opens_in_the_browser_language_without_a_lang_in_its_address(chromium, static_site):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = context.new_page()
    page.goto((static_site / "index.html").as_uri())
    _until(page, lambda: page.locator("#atlas-title").inner_text().startswith("Курильские"), "the Russian title")
    assert page.evaluate("document.documentElement.lang") == "ru" and "lang=ru" in page.evaluate("location.hash")
    context.close()
