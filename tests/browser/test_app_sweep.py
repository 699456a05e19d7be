"""The app itself at every screen size (issue 21): the views where the border changes, with and without compare.

The map page's own sweep (test_sweep.py) walks every view inside one page; here the app's frame, panel
and address are walked through the views where something changes, as a reader moves them (the ticks of
the map, the sidebar's compare switch), one language per size: after each, the map, the panel and the
address show one view, no error shows, and the map is whole (a finite view, the land filling the frame,
the legend and labels inside it, the legend covering at most a third of it).
"""

from __future__ import annotations

import pytest
from appdriver import map_frame
from test_sweep import SIZES
from test_view import OPEN_JS, _show_map, close_sidebar, sidebar
from viewcheck import map_frames, settle

WHOLE_JS = """() => {
  const km = window.kurilmap, map = km.map, box = document.querySelector(".leaflet-container");
  const legend = document.querySelector(".km-legend"), why = [];
  const rect = (n) => n.getBoundingClientRect(), frame = rect(box);
  const inside = (r) => r.left >= frame.left - 1 && r.top >= frame.top - 1 && r.right <= frame.right + 1 && r.bottom <= frame.bottom + 1;
  const z = map.getZoom(), c = map.getCenter();
  if (!isFinite(z) || !isFinite(c.lat) || !isFinite(c.lng)) why.push("zoom or centre not a number");
  const a = map.latLngToContainerPoint([54.6, 139.6]), b = map.latLngToContainerPoint([41.3, 157.2]);
  if (!((b.x - a.x) / frame.width >= 0.45 || (b.y - a.y) / frame.height >= 0.45)) why.push("land shrunk");
  const lr = rect(legend);
  if (!inside(lr)) why.push("legend outside the map");
  if (!legend.classList.contains("km-collapsed") && lr.width * lr.height > frame.width * frame.height / 3) why.push("legend over a third");
  const out = Array.from(box.querySelectorAll(".km-label span:not([data-hidden])"))
    .filter((s) => s.offsetParent && !inside(rect(s))).map((s) => s.textContent);
  if (out.length) why.push("labels outside the map: " + out.slice(0, 3).join(", "));
  if (frame.width < 200 || frame.height < 150) why.push("map " + Math.round(frame.width) + "x" + Math.round(frame.height));
  const error = document.querySelector(".km-error");
  if (error && error.offsetParent) why.push("the map's error box: " + error.textContent);
  return why;
}"""
#: One language per size, so every language meets a phone.
LANGS = {"phone-320x568": "ru", "phone-390x844": "ja", "tablet-768x1024": "en", "desktop-1440x900": "ru"}
TICKS = (1855, 1875, 1905, 1920, 1925, 1945)


def _whole(page, size: str, view: str) -> None:
    for i, frame in enumerate(map_frames(page)):
        _show_map(page, i)
        why = frame.evaluate(WHOLE_JS)
        assert not why, f"{size}, {view}, map {i + 1}: {'; '.join(why)}"
    errors = page.locator("[data-testid='stException']")
    assert errors.count() == 0, f"{size}, {view}: an error shows"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{size}, {view}: too wide"


@pytest.mark.parametrize("size", list(SIZES))
def test_the_app_shows_every_change_whole_at_every_size_with_and_without_compare(chromium, app_url, size):
    context = chromium.new_context(**SIZES[size])
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{app_url}/?year=1850&lang={LANGS[size]}")
        map_frame(page)
        settle(page)
        _whole(page, size, "1850")
        for year in TICKS:
            map_frames(page)[0].click(f"button.km-tick[data-year='{year}']")
            seen = settle(page)
            assert seen["url"]["year"] == str(year), f"{size}: tick {year} shows {seen['url']}"
            _whole(page, size, str(year))
        if not page.evaluate(OPEN_JS):  # folded on a tablet too: its opener first
            page.locator("[data-testid='stExpandSidebarButton']").first.click()
            page.wait_for_function(OPEN_JS)
        sidebar(page).locator(
            "[data-testid='stCheckbox']"
        ).first.click()  # compare 1945 with the year before it changed
        seen = settle(page)
        close_sidebar(page)
        assert seen["url"].get("compare"), f"{size}: compare not taken"
        _whole(page, size, f"{seen['url']['year']} | {seen['url']['compare']}")
        page.screenshot(path=f"artifacts/screenshots/app-sweep-compare-{size}.png")
        assert not errors, errors
    finally:
        context.close()
