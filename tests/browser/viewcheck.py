"""Read what a person sees of the view in the app (both maps, sidebar, URL, panel, caption) and check it agrees."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

from kurilmap.i18n import t

LANG_NAMES = {"English": "en", "日本語": "ja", "Русский": "ru"}

# One evaluation in the Streamlit page: the sidebar's widgets, the panel heading and the compare caption.
PAGE_JS = """() => {
  const side = document.querySelector("[data-testid='stSidebar']");
  const q = (root, sel) => root ? root.querySelector(sel) : null;
  const select = q(side, "[data-testid='stSelectbox'] input");
  const radio = q(side, "[data-testid='stRadio'] input:checked");
  const toggle = q(side, "[data-testid='stCheckbox'] input, [data-testid='stToggle'] input");
  const number = q(side, "[data-testid='stNumberInput'] input");
  const main = document.querySelector("[data-testid='stMain']");
  const heads = main ? Array.from(main.querySelectorAll("h3")).map(h => h.innerText) : [];
  const captions = main ? Array.from(main.querySelectorAll("[data-testid='stCaptionContainer']")).map(c => c.innerText) : [];
  const radioLabel = radio ? radio.closest("label").innerText : null;
  const shows = side ? Array.from(side.querySelectorAll("[data-testid='stRadio'] input:checked")).slice(1)
    .map(r => r.closest("label").innerText.trim()) : [];
  return {
    lang: select ? select.value : null,
    names: radioLabel ? radioLabel.trim() : null,
    shows: shows,
    comparing: toggle ? toggle.checked : null,
    compareInput: number ? number.value : null,
    heading: heads.find(h => /^\\d{4} — /.test(h)) || null,
    caption: captions.find(c => c.includes("→")) || null,
    running: !!document.querySelector("[data-testid='stStatusWidget']"),
    dialog: (document.querySelector("[data-testid='stDialog']") || {}).innerText || null,
    disabled: !!document.querySelector("[data-testid='stSidebar'] input:disabled"),
  };
}"""

MAP_JS = """() => {
  const c = document.querySelector(".leaflet-container[data-ready='1']");
  return c ? {year: +c.dataset.year, compare: c.dataset.compare ? +c.dataset.compare : null,
              names: c.dataset.names, lang: c.dataset.lang, position: c.dataset.position} : null;
}"""


def map_frames(page) -> list:
    """The map frames in page order (left, then right)."""
    frames = []
    for handle in page.locator("iframe").element_handles():
        frame = handle.content_frame()
        if frame is not None:
            frames.append(frame)
    return frames


def observe(page) -> dict:
    """Everything that shows the view, as seen in the browser now."""
    seen = page.evaluate(PAGE_JS)
    maps = []
    for frame in map_frames(page):
        try:
            maps.append(frame.evaluate(MAP_JS))
        except Exception:  # a frame navigating away
            maps.append(None)
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    seen["maps"] = maps
    seen["url"] = query
    return seen


def disagreements(seen: dict) -> list[str]:
    """What does not agree with the URL's view (empty when everything shows the same view)."""
    url = seen["url"]
    problems = []
    try:
        year = int(url["year"])
        names, lang = url["names"], url["lang"]
    except (KeyError, ValueError):
        return [f"URL has no complete view: {url}"]
    compare = int(url["compare"]) if "compare" in url else None
    maps = seen["maps"]
    if compare is None and len(maps) != 1:
        problems.append(f"{len(maps)} maps without compare")
    if compare is not None and len(maps) != 2:
        problems.append(f"{len(maps)} maps with compare {compare}")
    if not maps or maps[0] is None:
        return problems + ["left map not ready"]
    left = maps[0]
    if (left["year"], left["compare"], left["names"], left["lang"]) != (year, compare, names, lang):
        problems.append(f"left map shows {left}, URL {url}")
    if compare is not None and len(maps) == 2:
        right = maps[1]
        if right is None or (right["year"], right["compare"], right["names"], right["lang"]) != (
            compare,
            year,
            names,
            lang,
        ):
            problems.append(f"right map shows {right}, URL {url}")
    positions = [url.get("position", "held"), url.get("compare_position", "held")][: len(maps)]
    if [m["position"] if m else None for m in maps] != positions:
        problems.append(f"maps show {[m and m['position'] for m in maps]}, URL positions {positions}")
    if seen["shows"] != [t(f"show_{p}", lang) for p in positions]:
        problems.append(f"sidebar Show switches {seen['shows']}, URL positions {positions}")
    if LANG_NAMES.get(seen["lang"]) != lang:
        problems.append(f"sidebar language {seen['lang']!r}, URL {lang}")
    if seen["names"] != t(f"names_{names}", lang):
        problems.append(f"sidebar names {seen['names']!r}, URL {names}")
    if seen["comparing"] != (compare is not None):
        problems.append(f"sidebar compare switch {seen['comparing']}, URL compare {compare}")
    if compare is not None and seen["compareInput"] != str(compare):
        problems.append(f"sidebar compare year {seen['compareInput']!r}, URL {compare}")
    if not seen["heading"] or not seen["heading"].startswith(f"{year} — "):
        problems.append(f"panel heading {seen['heading']!r}, URL year {year}")
    if compare is not None:
        early, late = sorted((year, compare))
        if not seen["caption"] or f"({early} → {late})" not in seen["caption"]:
            problems.append(f"compare caption {seen['caption']!r}, URL {year}/{compare}")
    return problems


def settle(page, timeout: float = 15.0) -> dict:
    """Wait until every view on the page agrees (the panel and URL follow the maps asynchronously)."""
    deadline = time.perf_counter() + timeout
    problems, seen = ["not looked yet"], {}
    while time.perf_counter() < deadline:
        try:
            seen = observe(page)
            problems = disagreements(seen)
            if seen["dialog"] or seen["disabled"]:
                problems = problems or ["the page is not connected (widgets disabled)"]
            elif not problems and not seen["running"]:
                time.sleep(0.15)  # and still so a moment later (no rerun on its way)
                again = observe(page)
                if not disagreements(again) and again["url"] == seen["url"]:
                    return again
        except Exception as exc:  # the page is between two states
            problems = [f"{type(exc).__name__}: {exc}"]
        time.sleep(0.1)
    raise AssertionError("the views disagree: " + "; ".join(problems))


def heading_year(seen: dict) -> int | None:
    m = re.match(r"^(\d{4}) — ", seen.get("heading") or "")
    return int(m.group(1)) if m else None
