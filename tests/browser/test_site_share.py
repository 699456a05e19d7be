"""The static atlas's "Share and cite" panel (issue 23, item 2) in Chromium, served as any static host serves it.

A reader opens the panel, moves the year and finds the link, the embed code and the citation following the
view; the embed code, pasted into a page of another site, opens the same view embedded; the QR code on screen
and its PNG decode back to the link (``zbarimg``); the citations and files are the app's for the same view
(kurilmap.publish), with this page's address and today's date; copy works with and without the clipboard;
axe-core finds nothing serious, in English and Japanese, on a desktop and a phone.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess

import pytest
from appdriver import ROOT, map_frame, serve_folder
from test_days import _until
from test_usability import AXE, AXE_JS

import kurilmap
from kurilmap.publish import (
    SITE_EMBED_PARAM,
    bibtex,
    citation,
    cite_apa,
    cite_chicago,
    csl_json,
    data_fingerprint,
    embed_code,
)
from kurilmap.view import View

SHOTS = ROOT / "artifacts" / "screenshots"
ZBARIMG = shutil.which("zbarimg")
DEVICES = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "small": {"viewport": {"width": 320, "height": 480}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(scope="module")
def served(static_site):
    with serve_folder(static_site) as url:
        yield url + "index.html"


class Tab:
    """One reader's tab on the atlas, with the page's errors and console errors kept."""

    def __init__(self, chromium, served: str, fragment: str, device: str = "desktop", **context):
        self.context = chromium.new_context(**DEVICES[device], accept_downloads=True, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(f"{m.text} {m.location}") if m.type == "error" else None)
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.goto(served + fragment)
        self.map = map_frame(self.page)

    def open_share(self):
        if self.page.get_attribute("#atlas-share", "open") is None:
            self.page.click("#atlas-share-title")
        _until(self.page, lambda: self.page.is_visible("#atlas-share-link"), "the share panel open")

    def value(self, name: str) -> str:
        return self.page.input_value(f"#atlas-share-{name}")

    def year(self) -> str:
        return self.map.get_attribute(".leaflet-container", "data-year")

    def downloaded(self, name: str, tmp_path) -> tuple[str, bytes]:
        with self.page.expect_download() as info:
            self.page.click(f"#atlas-share-{name}")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        return info.value.suggested_filename, path.read_bytes()

    def close(self):
        self.context.close()


@pytest.fixture
def tab(chromium, served):
    made = []

    def opener(fragment: str, device: str = "desktop", **context):
        made.append(Tab(chromium, served, fragment, device, **context))
        return made[-1]

    yield opener
    for t in made:
        t.close()


def _zbar(path) -> str:
    run = subprocess.run([ZBARIMG, "-q", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    return run.stdout.strip()


def test_the_link_embed_code_and_citation_follow_the_view_and_are_the_apps(atlas, tab, served, tmp_path):
    t = tab("#year=1905&lang=en")
    t.open_share()
    assert t.value("link") == f"{served}#year=1905&lang=en&names=both"
    t.map.focus("#km-year")
    t.page.keyboard.press("ArrowRight")  # the slider moves the view: everything in the panel follows
    _until(t.page, lambda: t.year() == "1906", "the map at 1906")
    link = f"{served}#year=1906&lang=en&names=both"
    _until(t.page, lambda: t.value("link") == link, "the link of 1906")
    assert t.page.evaluate("location.href") == link  # the link is the page's own address
    view = View(1906)
    cite = citation(atlas, view, link, datetime.date.today())  # the reader's today (same machine, same clock)
    assert t.value("embed") == embed_code(link, cite["title"], 560, SITE_EMBED_PARAM)
    assert '#year=1906&amp;lang=en&amp;names=both&amp;embed=1"' in t.value("embed") and 'loading="lazy"' in t.value(
        "embed"
    )
    apa, chicago = t.value("apa"), t.value("chicago")
    assert (apa, chicago) == (cite_apa(cite), cite_chicago(cite))
    version = f"{kurilmap.__version__}+data.{data_fingerprint(atlas)}"
    for text in (apa, chicago):
        assert "Kuril Islands and Sakhalin in 1906" in text and version in text and "year=1906" in text
    name, body = t.downloaded("bibtex", tmp_path)
    assert (name, body.decode()) == ("kurilmap-1906-en.bib", bibtex(cite))
    name, body = t.downloaded("csl", tmp_path)
    assert (name, body.decode()) == ("kurilmap-1906-en.json", csl_json(cite))
    assert json.loads(body)[0]["version"] == version
    assert not t.errors, t.errors


def test_a_compare_view_in_japanese_is_cited_as_the_app_cites_it(atlas, tab, served):
    t = tab("#year=1921&lang=ja&names=ja&compare=1875")
    t.open_share()
    link = f"{served}#year=1875&lang=ja&names=ja&compare=1921"
    _until(t.page, lambda: t.value("link") == link, "the link of the comparison")
    cite = citation(atlas, View(1875, "ja", "ja", compare=1921), link, datetime.date.today())
    assert (t.value("apa"), t.value("chicago")) == (cite_apa(cite), cite_chicago(cite))
    assert "1875年と1921年" in t.value("apa") and t.page.text_content("#atlas-share-title") == "共有と引用"


def test_the_embed_code_opens_the_same_view_embedded_on_another_site(tab, served, tmp_path):
    t = tab("#year=1945&lang=ja&day=1945-08-28")
    t.open_share()
    code = t.value("embed")
    assert "embed=1" in code and "day=1945-08-28" in code
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A class page</title></head>"
        f"<body><h1>A class page</h1>{code}</body></html>",
        encoding="utf-8",
    )
    with serve_folder(tmp_path) as other:  # another origin: another port
        page = t.context.new_page()
        page.goto(other)
        assert page.get_attribute("iframe", "loading") == "lazy" and page.get_attribute("iframe", "title")
        embed = _until(page, lambda: next((f for f in page.frames if f.url.startswith(served)), None), "the embed")
        mapf = map_frame(page)
        _until(page, lambda: mapf.get_attribute(".leaflet-container", "data-day") == "1945-08-28", "the day")
        assert embed.evaluate("document.body.classList.contains('atlas-embed')")
        assert not embed.is_visible("#atlas-share") and not embed.is_visible(".atlas-head")
        href = embed.get_attribute("#atlas-embed-open", "href")
        assert href == t.value("link") and "embed" not in href  # the way back is the same view, full page
        page.close()


@pytest.mark.skipif(ZBARIMG is None, reason="zbarimg is not installed (make gis installs Debian's zbar-tools)")
def test_the_qr_code_on_screen_and_its_png_decode_to_the_link(tab, tmp_path):
    t = tab("#year=1875&lang=ru&names=ru&position=japan")
    t.open_share()
    link = t.value("link")
    assert link.endswith("#year=1875&lang=ru&names=ru&position=japan")
    shot = tmp_path / "qr-on-screen.png"
    t.page.locator("#atlas-share-qr").screenshot(path=str(shot))
    assert _zbar(shot) == link
    name, body = t.downloaded("qr-png", tmp_path)
    assert name == "kurilmap-1875-ru-qr.png" and _zbar(tmp_path / name) == link
    name, body = t.downloaded("qr-svg", tmp_path)
    assert (
        name == "kurilmap-1875-ru-qr.svg"
        and f'<title id="qrcode-title">{link.replace("&", "&amp;")}</title>' in body.decode()
    )
    t.map.focus("#km-year")
    t.page.keyboard.press("ArrowLeft")  # a new view, a new code
    _until(t.page, lambda: t.value("link") != link, "the link of 1874")
    t.page.locator("#atlas-share-qr").screenshot(path=str(shot))
    assert _zbar(shot) == t.value("link")


def test_copy_puts_the_text_on_the_clipboard_by_keyboard(tab, served):
    t = tab("#year=1855&lang=en", permissions=["clipboard-read", "clipboard-write"])
    t.page.focus("#atlas-share-title")
    t.page.keyboard.press("Enter")  # the panel opens from the keyboard
    _until(t.page, lambda: t.page.is_visible("#atlas-share-link"), "the panel open")
    copy = t.page.locator("button[data-copy='atlas-share-embed']")
    assert copy.get_attribute("aria-label").startswith("Copy: Embed this view")
    copy.focus()
    t.page.keyboard.press("Enter")
    _until(t.page, lambda: t.page.text_content("#atlas-share-status") == "Copied.", "the copy said")
    assert t.page.evaluate("navigator.clipboard.readText()") == t.value("embed")


def test_without_a_clipboard_copy_selects_the_text_to_copy_by_hand(chromium, served):
    context = chromium.new_context(**DEVICES["desktop"])
    try:
        context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
        page = context.new_page()
        page.goto(served + "#year=1945&lang=ja")
        map_frame(page)
        page.click("#atlas-share-title")
        page.click("button[data-copy='atlas-share-apa']")
        _until(page, lambda: page.text_content("#atlas-share-status"), "a word on the copy")
        assert page.text_content("#atlas-share-status") in (
            "コピーしました。",
            "選択しました。Ctrl+C（Macでは⌘C）でコピーしてください。",
        )
        selected = page.evaluate(
            "(() => { const f = document.activeElement; return [f.id, f.selectionStart, f.selectionEnd, f.value.length]; })()"
        )
        assert selected[0] == "atlas-share-apa" and selected[1] == 0 and selected[2] == selected[3] > 100
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("device", ["desktop", "phone", "small"])
def test_the_open_panel_fits_and_axe_finds_nothing_serious(tab, lang, device):
    t = tab(f"#year=1945&lang={lang}", device)
    t.open_share()
    t.page.locator("#atlas-share").scroll_into_view_if_needed()
    assert t.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # nothing overflows
    box, qr = t.page.locator("#atlas-share").bounding_box(), t.page.locator("#atlas-share-qr").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= DEVICES[device]["viewport"]["width"] + 1
    assert qr["width"] >= 100  # big enough for a phone's camera
    for button in t.page.locator(".atlas-copy").all():
        assert button.bounding_box()["height"] >= 44  # a finger's target
    t.page.add_script_tag(path=str(AXE))
    assert t.page.evaluate(AXE_JS) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    if device != "small":
        t.page.locator("#atlas-share-title").scroll_into_view_if_needed()
        t.page.evaluate("document.getElementById('atlas-share').scrollIntoView({block: 'start'})")
        t.page.screenshot(path=str(SHOTS / f"site-share-{lang}-{device}.png"))
    assert not t.errors, t.errors


def test_the_embed_has_no_share_panel(tab):
    t = tab("#year=1920&lang=en&embed=1")
    assert t.page.get_attribute("#atlas-share", "hidden") is not None and not t.page.is_visible("#atlas-share")
