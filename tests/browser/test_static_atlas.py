"""The static atlas (``kurilmap site OUT/``) in Chromium: opened from disk with the network cut, and
served by ``python -m http.server``. The same reader's path both ways: the slider, play, the language
switch, compare, a shared link and a download."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from appdriver import ROOT, map_frame, serve_folder

from kurilmap.panel import period_panel
from kurilmap.scene import build_scene, change_caption
from kurilmap.view import DEFAULT_YEAR, View

SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def site(static_site):
    return static_site


@pytest.fixture(scope="module")
def served(site):
    with serve_folder(site) as url:
        yield url


class Reader:
    """One tab on the atlas; every request outside the site is refused and remembered."""

    def __init__(self, chromium, base: str, viewport=(1440, 900)):
        self.base = base
        self.context = chromium.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True
        )
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._seen)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _inside(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True
        if self.base.startswith("file:"):
            return url.startswith("file://" + str(Path(urlparse(self.base).path).parent))
        return url.startswith(self.base)

    def _seen(self, request):
        if not self._inside(request.url):
            self.outside.append(request.url)

    def _route(self, route):
        if self._inside(route.request.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, fragment: str = ""):
        self.page.goto(self.base + fragment)
        self.map = map_frame(self.page)
        return self

    def maps(self):
        self.map = map_frame(self.page, index=0)
        return [self.map, map_frame(self.page, index=1)]

    def attr(self, selector: str, name: str, frame=None):
        return (frame or self.map).get_attribute(selector, name)

    def wait_year(self, year: int, frame=None):
        """Until the map shows ``year`` (and the panel too, unless it is the compare map)."""
        (frame or self.map).wait_for_selector(f".leaflet-container[data-year='{year}']", timeout=10000)
        if frame is None or frame == self.map:
            self.page.wait_for_selector(f"#atlas-panel[data-year='{year}']", timeout=10000)

    def heading(self) -> str:
        return self.page.text_content("#atlas-heading")

    def shot(self, name: str):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture(params=["file", "http"])
def reader(request, chromium, site):
    base = (site / "index.html").as_uri() if request.param == "file" else request.getfixturevalue("served")
    r = Reader(chromium, base)
    r.mode = request.param
    yield r
    r.context.close()


def test_the_slider_moves_the_map_and_the_panel_follows(reader, atlas):
    r = reader.open("#year=1905")
    assert r.attr(".leaflet-container", "data-period") == "1905"
    assert r.attr("path[data-unit='sakhalin-south']", "data-look") == "japan"
    assert r.heading() == f"1905 — {period_panel(atlas, 1905)['label']}"
    r.map.focus("#km-year")
    r.page.keyboard.press("ArrowLeft")
    r.wait_year(1904)
    assert r.attr(".leaflet-container", "data-period") == "1875"
    assert r.attr("path[data-unit='sakhalin-south']", "data-look") == "russia"
    assert r.heading() == f"1904 — {period_panel(atlas, 1904)['label']}"
    treaty = period_panel(atlas, 1904)["treaty"]
    assert r.page.get_attribute("#atlas-panel [data-treaty]", "data-treaty") == treaty["id"]
    assert treaty["summary"] in r.page.text_content("#atlas-panel")
    assert "year=1904" in r.page.evaluate("window.location.hash")
    r.map.click("[data-action='next']")  # » jumps to the next border change
    r.wait_year(1905)
    assert r.attr("path[data-unit='sakhalin-south']", "data-look") == "japan"
    assert r.outside == [] and r.errors == []
    r.shot(f"site-desktop-{r.mode}")


def test_play_runs_through_the_periods(reader):
    r = reader.open("#year=1850")
    basis = r.page.inner_text("#atlas-panel .atlas-basis")  # what the 1850 spheres rest on, with the source
    assert "Kunashiri (from 1754)" in basis and "Source: MOFA/Russian MFA Joint Compendium" in basis
    r.map.click("[data-action='play']")
    r.wait_year(1855)
    r.map.click("[data-action='play']")  # pause
    assert r.attr("[data-action='play']", "data-playing") != "1"
    stopped = int(r.attr(".leaflet-container", "data-year"))
    assert stopped in (1855, 1875)  # where it was paused (a busy machine may have taken the next step first)
    r.wait_year(stopped)
    assert r.page.get_attribute("#atlas-panel", "data-period") == str(stopped)
    assert r.outside == []


def test_the_language_switch_changes_panel_and_map_labels(reader, atlas):
    r = reader.open("#year=1904")
    label = "span[data-place='sakhalin']"
    assert r.map.text_content(label) == build_scene(atlas, View(1904, lang="en")).maps[0].labels["sakhalin"]
    for lang in ("ja", "ru"):
        r.page.click(f"button[data-lang='{lang}']")
        # the language's names are a script of their own, fetched when asked for: until it has come the map
        # writes the names it has and says so (data-names-ready="0")
        r.map.wait_for_selector(f".leaflet-container[data-lang='{lang}'][data-names-ready='1']", timeout=10000)
        assert r.heading() == f"1904 — {period_panel(atlas, 1904, 'both', lang)['label']}"
        assert r.map.text_content(label) == build_scene(atlas, View(1904, lang=lang)).maps[0].labels["sakhalin"]
        assert r.page.evaluate("document.documentElement.lang") == lang
        assert f"lang={lang}" in r.page.evaluate("window.location.hash")
    r.page.click("button[data-names='ja']")
    r.map.wait_for_selector(".leaflet-container[data-names='ja'][data-names-ready='1']", timeout=10000)
    assert r.map.text_content(label) == build_scene(atlas, View(1904, "ja", "ru")).maps[0].labels["sakhalin"]
    assert r.outside == [] and r.errors == []


def test_compare_shows_two_maps_and_the_change(reader, atlas):
    r = reader.open("#year=1910&lang=ja")
    r.page.check("#atlas-compare")
    left, right = r.maps()
    compare = atlas.history.neighbouring_change(1910)  # earlier: it goes left, 1910 right
    r.wait_year(1910, right)
    r.wait_year(compare, left)
    assert r.attr(".leaflet-container", "data-compare", left) == "1910"
    assert r.attr("path[data-unit='sakhalin-south']", "data-look", left) == "russia"
    assert r.attr("path[data-unit='sakhalin-south']", "data-changed", left) == "1"
    assert r.page.text_content("#atlas-caption") == change_caption(atlas, 1910, compare, "ja")
    r.page.fill("#atlas-compare-year", "1950")
    r.page.press("#atlas-compare-year", "Enter")
    r.wait_year(1950, right)
    assert r.page.text_content("#atlas-caption") == change_caption(atlas, compare, 1950, "ja")
    assert "compare=1950" in r.page.evaluate("window.location.hash")
    at = "[kurilmap.map.getCenter().lat, kurilmap.map.getCenter().lng, kurilmap.map.getZoom()]"
    left.evaluate("kurilmap.map.setView([46.5, 143.0], 7, {animate: false})")  # one scale: the other map follows
    right.wait_for_function("() => kurilmap.map.getZoom() === 7", timeout=5000)
    assert right.evaluate(at) == pytest.approx(left.evaluate(at), abs=1e-6)
    r.shot(f"site-compare-{r.mode}")
    r.page.uncheck("#atlas-compare")
    r.page.wait_for_selector("#atlas-map-b", state="hidden")
    assert r.outside == [] and r.errors == []


def test_a_shared_link_opens_its_view_and_a_bad_one_says_so(reader, atlas):
    r = reader.open("#year=1921&lang=ru&names=ja&compare=1875")
    left, right = r.maps()
    r.wait_year(1875, left)  # the earlier year on the left, as in the app
    r.wait_year(1921, right)
    assert r.attr(".leaflet-container", "data-names", left) == "ja"
    assert r.heading() == f"1875 — {period_panel(atlas, 1875, 'ja', 'ru')['label']}"
    assert r.page.text_content("#atlas-notices") == ""
    r.page.goto(r.base + "#year=%3Cscript%3Ealert(1)%3C/script%3E&lang=xx")
    r.page.wait_for_selector("#atlas-notices p")
    assert r.page.locator("#atlas-notices p").count() == 2
    assert r.page.locator("#atlas-notices script").count() == 0
    r.wait_year(DEFAULT_YEAR)
    assert r.errors == []


def test_a_download_link_returns_its_file(reader):
    r = reader.open("#year=1905")
    for fmt, magic in (("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        link = r.page.locator(f"li[data-year='1905'] a[data-format='{fmt}']")
        assert link.get_attribute("href") == f"downloads/kuril-border-1905-en.{fmt}"
        if r.mode == "http":
            with r.page.expect_download(timeout=20000) as info:
                link.click()
            assert info.value.suggested_filename == f"kuril-border-1905-en.{fmt}"
            data = Path(info.value.path()).read_bytes()
        else:  # from disk the browser opens the file itself (no download attribute for file://)
            href = link.evaluate("a => a.href")
            assert href.startswith(r.base.rsplit("/", 1)[0] + "/downloads/")
            data = Path(url2pathname(urlparse(href).path)).read_bytes()
            if fmt == "png":  # an image the browser shows; a PDF goes to its viewer
                with r.page.expect_response(lambda resp, href=href: resp.url == href, timeout=20000) as info:
                    link.click()
                assert info.value.body() == data
                r.page.goto(r.base + "#year=1905")
        assert data.startswith(magic)
    assert r.outside == []


def test_the_phone_layout_shows_map_then_panel(chromium, site):
    r = Reader(chromium, (site / "index.html").as_uri(), viewport=(390, 844))
    try:
        r.open("#year=1945&lang=ja")
        box_map = r.page.locator("#atlas-map-a").bounding_box()
        box_panel = r.page.locator("#atlas-panel").bounding_box()
        assert box_map["width"] > 340 and box_panel["y"] >= box_map["y"] + box_map["height"]
        assert r.page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
        r.shot("site-phone")
        assert r.outside == [] and r.errors == []
    finally:
        r.context.close()
