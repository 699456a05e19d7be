"""The map embedded in another site's page (issue 23): the app's ``?embed=true`` and the static atlas's ``#…&embed=1``.

Each is put into an ``<iframe>`` of a test page served from another origin, at a desktop article's width
and on a touch phone, and used as a reader of that article would: the map and its slider work by keyboard
and touch, no sidebar, toolbar or header shows, nothing overflows, axe-core finds nothing serious, and the
"open the full atlas" link opens the same view without the embed switch.
"""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from appdriver import serve_folder
from test_days import _until
from test_usability import AXE, AXE_JS

SIZES = {
    "article-1440x600": ({"viewport": {"width": 1440, "height": 600}}, 560),
    "phone-390x844": ({"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}, 600),
}


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """An article page of another site: it embeds whatever ``?src=`` names, as the README's embed code does."""
    folder = tmp_path_factory.mktemp("article")
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>An article</title></head>"
        "<body style='margin:0'><main><h1>An article</h1><p>Text before the map.</p><div id='box'></div>"
        "<p>Text after the map.</p></main><script>const q = new URLSearchParams(location.search);"
        "document.getElementById('box').innerHTML = `<iframe src='${q.get('src')}' title='Map' width='100%' "
        "height='${q.get('h')}' style='border:0;max-width:100%' loading='lazy' allow='fullscreen'></iframe>`;"
        "</script></body></html>",
        encoding="utf-8",
    )
    with serve_folder(folder) as url:
        yield url


def _frames(page, embed_prefix: str):
    """(the embed's own document, its map page) among the page's frames, once both are there."""
    found = {}

    def ready():
        for frame in page.frames:
            if frame.url.startswith(embed_prefix) and "/static/" not in frame.url:
                found["embed"] = frame
        maps = [f for f in page.frames if "embed" in found and f.parent_frame == found["embed"]]
        if maps:
            found["map"] = maps[0]
        return len(found) == 2 and found["map"].locator(".leaflet-overlay-pane path").count() > 0

    _until(page, ready, "the embed and its map", timeout=40)
    return found["embed"], found["map"]


def _open(chromium, size: str, article: str, src: str, embed_prefix: str):
    """A new reader on the article page embedding ``src``: (context, page, page errors, embed, map page)."""
    device, height = SIZES[size]
    context = chromium.new_context(**device)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{article}?src={urllib.parse.quote(src, safe='')}&h={height}")
    return context, page, errors, *_frames(page, embed_prefix)


def _use_as_a_reader(page, embed, mapf, size, year, first_tick):
    """Keys move the year on the map and in the embed's link to the full atlas; a tap on a tick works."""
    _until(page, lambda: mapf.get_attribute(".leaflet-container", "data-year") == str(year), f"the map at {year}")
    mapf.focus("#km-year")
    page.keyboard.press("ArrowRight")
    _until(page, lambda: mapf.get_attribute(".leaflet-container", "data-year") == str(year + 1), "one year on")
    if SIZES[size][0].get("has_touch"):
        mapf.tap(f"button.km-tick[data-year='{first_tick}']")
        _until(
            page, lambda: mapf.get_attribute(".leaflet-container", "data-year") == str(first_tick), "the tapped tick"
        )
    assert embed.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # nothing overflows
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    embed.add_script_tag(path=str(AXE))
    assert embed.evaluate(AXE_JS) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_apps_embed_is_the_map_alone_and_links_to_the_same_view(chromium, app_url, article, size):
    context, page, errors, embed, mapf = _open(
        chromium, size, article, f"{app_url}/?year=1905&lang=ja&embed=true", app_url
    )
    try:
        for hidden in ("stSidebar", "stHeader", "stToolbar", "stExpandSidebarButton"):
            assert not embed.locator(f"[data-testid='{hidden}']").is_visible(), hidden
        assert not embed.get_by_text("Share and cite").count()  # no sidebar, panel or exports
        line = embed.locator(".km-embed-line")
        assert "kurilmap contributors" in line.inner_text() and "CC BY 4.0" in line.inner_text()  # the credit shows
        _use_as_a_reader(page, embed, mapf, size, 1905, 1875)
        year = mapf.get_attribute(".leaflet-container", "data-year")
        _until(page, lambda: f"year={year}&" in embed.url and "embed=true" in embed.url, "the embed's address")
        link = line.locator("a")
        assert link.get_attribute("target") == "_blank"
        _until(page, lambda: link.get_attribute("href").endswith(f"?year={year}&names=both&lang=ja"), "the link")
        page.screenshot(path=f"artifacts/screenshots/embed-app-{size}.png")
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_static_atlas_embed_needs_only_static_files(chromium, static_site, article, size):
    with serve_folder(static_site) as atlas_url:
        src, prefix = f"{atlas_url}index.html#year=1920&lang=ru&embed=1", atlas_url + "index.html"
        context, page, errors, embed, mapf = _open(chromium, size, article, src, prefix)
        try:
            assert not embed.locator(".atlas-head").is_visible() and not embed.locator(".atlas-panel").is_visible()
            assert not embed.locator(".atlas-downloads").is_visible()
            line = embed.locator("#atlas-embed-line")
            assert "kurilmap contributors" in line.inner_text()
            _use_as_a_reader(page, embed, mapf, size, 1920, 1905)
            year = mapf.get_attribute(".leaflet-container", "data-year")
            href = embed.get_attribute("#atlas-embed-open", "href")
            assert f"#year={year}&lang=ru" in href and "embed" not in href
            assert "embed=1" in embed.url
            page.screenshot(path=f"artifacts/screenshots/embed-static-{size}.png")
            assert not errors, errors
        finally:
            context.close()
