"""The offline HTML export placed in an article: the page scrolls past it, its credit shows, it names itself."""

import pytest
from conftest import SHOTS

from kurilmap import export
from kurilmap.geometry import load_atlas

ZOOM = "(() => { const k = Object.keys(window).find(n => n.startsWith('map_')); return window[k].getZoom(); })()"


@pytest.fixture
def article(chromium, tmp_path):
    """A long article with the 1905 HTML export in an iframe, as a newsroom page would hold it."""
    (tmp_path / "map.html").write_bytes(export.render(load_atlas(), 1905, "html", lang="ja"))
    (tmp_path / "article.html").write_text(
        '<!doctype html><html lang="en"><title>Article</title><body style="margin:0">'
        '<p style="height:300px">Text before the map.</p>'
        '<iframe id="map" src="map.html" title="Map" style="width:100%;height:500px;border:0"></iframe>'
        '<p style="height:2000px">Text after the map.</p></body></html>',
        encoding="utf-8",
    )
    context = chromium.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    page.goto((tmp_path / "article.html").as_uri())
    frame = page.frame_locator("#map")
    frame.locator(".leaflet-container[data-ready='1']").wait_for(timeout=15000)
    yield page, page.frame(url=lambda u: u.endswith("map.html"))
    context.close()


def test_the_wheel_scrolls_the_article_until_the_map_is_clicked(article):
    page, frame = article
    before = frame.evaluate(ZOOM)
    page.mouse.move(500, 500)  # over the map
    page.mouse.wheel(0, 400)
    page.wait_for_function("window.scrollY > 0", timeout=5000)
    assert frame.evaluate(ZOOM) == before  # the map did not zoom out
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "html-export-in-article-wheel-hint.png"))
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    scrolled = page.evaluate("window.scrollY")
    page.mouse.wheel(0, -300)
    frame.wait_for_function(f"{ZOOM} > {before}", timeout=5000)
    assert page.evaluate("window.scrollY") == scrolled  # a wheel after the click zooms the map only


def test_the_html_export_has_title_language_credit_and_description(article):
    page, frame = article
    assert frame.evaluate("document.documentElement.lang") == "ja"
    assert frame.title() == "国境地図"  # the page names the map in its language (the file's <title> names the year)
    credit = frame.locator(".km-credit")
    assert credit.is_visible() and "CC BY 4.0" in credit.inner_text() and "GSHHG" in credit.inner_text()
    described = frame.evaluate(
        "document.getElementById(document.querySelector('.leaflet-container').getAttribute('aria-describedby'))"
        ".textContent"
    )
    assert "南樺太" in described and "大日本帝国" in described
    page.screenshot(path=str(SHOTS / "html-export-in-article.png"))


def test_the_app_offers_the_alt_text_and_the_credit_line_beside_the_image_download(visit):
    visit.open("?year=1905&lang=ru")
    visit.page.locator("[data-testid='stButton'] button", has_text="PNG").click()
    visit.page.locator("[data-testid='stDownloadButton'] button", has_text="kuril-border-1905-ru.png").wait_for(
        timeout=60000
    )
    sidebar = visit.page.locator("[data-testid='stSidebar']")
    alt = sidebar.locator("[data-testid='stCode']", has_text="Японская империя")
    alt.wait_for(timeout=15000)
    assert "Южный Сахалин" in alt.inner_text()
    assert sidebar.locator("[data-testid='stCode']", has_text="Карта: kurilmap contributors, CC BY 4.0").count() == 1
    alt.scroll_into_view_if_needed()
    visit.shot("app-alt-text-beside-download")


def test_the_share_panel_gives_the_permalink_of_the_view_and_its_citation(visit):
    visit.open("?year=1875&names=ja&lang=en&compare=1921")  # the earlier year first, as the view keeps it
    sidebar = visit.page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Share and cite").click()  # the panel opens on request
    link = sidebar.locator("[data-testid='stCode']", has_text="?year=1875").first  # then the citations
    link.wait_for(timeout=30000)
    address = visit.page.evaluate("window.location.origin + window.location.pathname")
    assert link.inner_text().strip() == f"{address}?year=1875&names=ja&lang=en&compare=1921"
    embed = sidebar.locator("[data-testid='stCode']", has_text="<iframe").inner_text()  # the embed code to copy
    assert f'src="{address}?year=1875&amp;names=ja&amp;lang=en&amp;compare=1921&amp;embed=true"' in embed
    assert 'loading="lazy"' in embed and 'width="100%"' in embed and 'title="Kuril Islands' in embed
    apa = sidebar.locator("[data-testid='stCode']", has_text="(n.d.)")
    assert "kurilmap contributors" in apa.inner_text() and "Retrieved" in apa.inner_text()
    sidebar.locator("[data-testid='stDownloadButton'] button", has_text="QR SVG").wait_for()  # the QR code
    sidebar.locator("[data-testid='stDownloadButton'] button", has_text="BibTeX").wait_for()
    sidebar.get_by_text("Share and cite").scroll_into_view_if_needed()
    visit.shot("app-share-and-cite")
