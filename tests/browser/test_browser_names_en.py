"""English usage in the app (issue 25, item 9): picking the style rewrites the labels, loads its names once, costs kilobytes."""

from __future__ import annotations

import re
import time

from test_view import _choose_language, sidebar
from viewcheck import map_frames, settle


def _label(frame, place: str) -> str:
    return frame.locator(f"span[data-place='{place}']").inner_text()


def _until(what, check, timeout: float = 20.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not seen within {timeout} s: {what}")


def _names_ready(frame, style: str) -> bool:
    c = frame.locator(".leaflet-container")
    return c.get_attribute("data-names") == style and c.get_attribute("data-names-ready") == "1"


def _part(url: str) -> str | None:
    """Which names or texts a script of the map page carries: "names-en-ja", "texts-ja" (kurilmap.pagetable.page_parts)."""
    found = re.search(r"/((?:names|texts)-[a-z]+(?:-[a-z]+)?)-[0-9a-f]{16}\.js$", url)
    return found.group(1) if found else None


def test_picking_english_usage_writes_the_holders_names_and_both_names_on_the_four_islands(visit):
    page = visit.page
    received, scripts = [], []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.on("request", lambda r: scripts.append(_part(r.url)) if _part(r.url) else None)
    visit.open("?year=2026&lang=en")
    settle(page)
    frame = map_frames(page)[0]
    # "both" follows the holder as English usage does (issue 25, item 8): the holder's name in its own romanisation
    assert (_label(frame, "paramushiru"), _label(frame, "sakhalin")) == ("Paramushir", "Sakhalin")
    assert _label(frame, "hokkaido") == "Hokkaidō" and _label(frame, "etorofu") == "Etorofu / Iturup"
    assert sorted(scripts) == ["names-both-en", "texts-en"]  # the first view loads its own style and language only
    page.wait_for_timeout(300)
    received.clear()
    sidebar(page).get_by_text("English usage").click()
    seen = settle(page)
    _until("English usage on the map", lambda: _names_ready(frame, "en"))
    assert seen["url"]["names"] == "en" and seen["names"] == "English usage"
    assert (_label(frame, "paramushiru"), _label(frame, "sakhalin")) == ("Paramushir", "Sakhalin")
    assert _label(frame, "hokkaido") == "Hokkaido"  # English text without macrons
    assert _label(frame, "etorofu") == "Etorofu / Iturup" and _label(frame, "kunashiri") == "Kunashiri / Kunashir"
    assert scripts.count("names-en-en") == 1 and sum(received) <= 26_000, (scripts, sum(received))
    visit.shot("names-en-2026-en")
    visit.open("?year=1930&names=en&lang=en")  # a link opens on the style (its names load with the page)
    frame = map_frames(page)[0]
    _until("1930 on the map", lambda: visit.year(frame) == 1930 and _names_ready(frame, "en"))
    _until("Japanese names of Japanese land", lambda: _label(frame, "paramushiru") == "Paramushiru")
    assert _label(frame, "sakhalin") == "Sakhalin" and _label(frame, "etorofu") == "Etorofu"
    visit.shot("names-en-1930-en")
    _choose_language(page, "日本語")
    seen = settle(page)
    frame = map_frames(page)[0]
    _until("the Japanese interface", lambda: frame.locator(".leaflet-container").get_attribute("data-lang") == "ja")
    _until("the same names in katakana and kanji", lambda: _label(frame, "sakhalin") == "サハリン")
    assert _label(frame, "paramushiru") == "幌筵島" and seen["url"]["names"] == "en"
    visit.shot("names-en-1930-ja")
    assert {"names-en-ja", "texts-ja"} <= set(scripts) and not visit.errors  # a language loads its own names and texts
