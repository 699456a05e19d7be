"""Every view of the map page, at every screen size a reader brings (issue 21).

The map page is the one every renderer uses (the app's frame, the static atlas, the HTML export). The
space of views is finite: every year and every day of the 1945 sequence, in three languages and three
naming styles, with the legend as the page lays it out, opened by the reader and folded, and compare
on; at a small phone, a phone, a tablet and a desktop. One page per size is driven through all of them
in the browser (``window.kurilmap.apply``, the day slider, the legend's button), and each view is
checked as a reader would see it: no error, a map with a finite centre and zoom whose land fills its
frame, the view asked for (year, day, language, names and the period of that year from the data),
the legend and every label inside the map, a legend the page opens covering at most a third of
the map, and the bar under the map no wider than the screen.
"""

from __future__ import annotations

import pytest
from appdriver import map_frame
from test_usability import DESKTOP, PHONE
from test_view import OPEN_JS

from kurilmap.geometry import campaign
from kurilmap.i18n import t
from kurilmap.pagefiles import publish
from kurilmap.pagetable import page_table
from kurilmap.periods import FIRST_YEAR, last_year

SIZES = {
    "phone-320x568": {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "has_touch": True},
    "phone-390x844": PHONE,
    "tablet-768x1024": {"viewport": {"width": 768, "height": 1024}, "has_touch": True},
    "desktop-1440x900": DESKTOP,
}

SWEEP_JS = """([periods, starts]) => {
  const km = window.kurilmap, map = km.map, box = document.querySelector(".leaflet-container");
  const legend = document.querySelector(".km-legend"), title = document.querySelector(".km-legend-title");
  const period = document.querySelector(".km-period"), daySlider = document.getElementById("km-day");
  const errors = [];
  window.addEventListener("error", (e) => errors.push(String(e.message)));
  const failures = [];
  let count = 0;
  const rect = (n) => n.getBoundingClientRect();
  const frame = rect(box);
  const inside = (r) => r.left >= frame.left - 1 && r.top >= frame.top - 1 && r.right <= frame.right + 1 && r.bottom <= frame.bottom + 1;
  function check(v, legendState) {
    count++;
    const why = [];
    const z = map.getZoom(), c = map.getCenter();
    if (!isFinite(z) || !isFinite(c.lat) || !isFinite(c.lng)) why.push("zoom or centre not a number");
    const shown = km.view();
    if (box.getAttribute("data-year") !== String(shown.year)) why.push("map year " + box.getAttribute("data-year"));
    if (v.year != null && shown.year !== v.year) why.push("asked " + v.year + ", shows " + shown.year);
    if (v.day && shown.day !== v.day) why.push("asked day " + v.day + ", shows " + shown.day);
    if (!v.day && shown.day) why.push("a year view shows day " + shown.day);
    if (box.getAttribute("data-lang") !== v.lang || box.getAttribute("data-names") !== v.names) why.push("language or names");
    if (!shown.day && box.getAttribute("data-period") !== periods[shown.year]) {
      why.push("period " + box.getAttribute("data-period") + " instead of " + periods[shown.year]);
    }
    if (!shown.day && !period.textContent.startsWith(String(shown.year) + " — ")) why.push("heading " + period.textContent);
    // The land fills the frame: the region's bounds take at least 45 % of the map's width or height.
    const a = map.latLngToContainerPoint([54.6, 139.6]), b = map.latLngToContainerPoint([41.3, 157.2]);
    const w = (b.x - a.x) / frame.width, h = (b.y - a.y) / frame.height;
    if (!(w >= 0.45 || h >= 0.45)) why.push("land shrunk to " + Math.round(w * 100) + "% x " + Math.round(h * 100) + "%");
    const open = !legend.classList.contains("km-collapsed");
    if (legendState !== "as laid out" && open !== (legendState === "open")) why.push("legend not " + legendState);
    if (!inside(rect(legend))) why.push("legend outside the map");
    const lr = rect(legend);
    if (open && legendState === "as laid out" && lr.width * lr.height > frame.width * frame.height / 3) {
      why.push("legend covers " + Math.round(100 * lr.width * lr.height / (frame.width * frame.height)) + "% of the map");
    }
    const out = Array.from(box.querySelectorAll(".km-label span:not([data-hidden])"))
      .filter((s) => s.offsetParent && !inside(rect(s))).map((s) => s.textContent);
    if (out.length) why.push("labels outside the map: " + out.slice(0, 3).join(", "));
    const bar = document.querySelector(".km-bar");
    if (bar.scrollWidth > bar.clientWidth + 1 || document.documentElement.scrollWidth > window.innerWidth + 1) {
      why.push("the bar under the map is wider than the screen");
    }
    if (errors.length) why.push("error: " + errors.splice(0).join("; "));
    if (why.length && failures.length < 40) failures.push(JSON.stringify(v) + " [legend " + legendState + "]: " + why.join("; "));
  }
  // Every year once per language; where only the names or the legend differ, every phase of the
  // timeline (the years from which the map differs) and every day.
  function views(legendState, lang, names, years) {
    for (const y of years) {
      const v = {year: y, lang: lang, names: names, compare: null, day: null};
      try { km.apply(v); } catch (e) { failures.push(JSON.stringify(v) + ": threw " + e); continue; }
      check(v, legendState);
    }
    km.apply({year: 1945, lang: lang, names: names, compare: null});
    for (let i = 0; i < +daySlider.max; i++) {
      daySlider.value = String(i);
      daySlider.dispatchEvent(new Event("input"));
      const day = km.view().day;
      if (!day) { failures.push("day slider stop " + i + " shows no day"); continue; }
      check({day: day, lang: lang, names: names}, legendState);
    }
  }
  const pairs = [];
  for (const lang of ["en", "ja", "ru"]) for (const names of ["both", "ja", "ru"]) pairs.push([lang, names]);
  const everyYear = Object.keys(periods).map(Number);
  pairs.forEach(([lang, names]) => views("as laid out", lang, names, names === "both" ? everyYear : starts));
  for (const state of ["open", "folded"]) {
    if ((state === "open") === legend.classList.contains("km-collapsed")) title.click();
    pairs.forEach(([lang, names]) => views(state, lang, names, starts));
  }
  // Compare on (the changes since the other year drawn), with the legend open: its tallest form.
  if (legend.classList.contains("km-collapsed")) title.click();
  for (const lang of ["en", "ja", "ru"]) {
    for (const y of starts) {
      const v = {year: y, compare: y < 1945 ? 2026 : 1944, lang: lang, names: "both", day: null};
      km.apply(v);
      if (km.view().compare !== v.compare) failures.push(JSON.stringify(v) + ": compare not taken");
      check(v, "open");
    }
  }
  return {count: count, failures: failures};
}"""


@pytest.fixture(scope="module")
def map_page_file(tmp_path_factory, atlas):
    """The map page as the app publishes it, without the optional tile layer, opened from disk."""
    folder = tmp_path_factory.mktemp("map-page")
    return folder / publish(atlas, folder, tiles=False)


@pytest.fixture(scope="module")
def periods(atlas):
    history = atlas.history
    return {str(y): history.period_for(y).id for y in range(FIRST_YEAR, last_year() + 1)}


@pytest.fixture(scope="module")
def phase_starts(atlas):
    """The years from which the map page draws a different map (its phases of the timeline)."""
    return [phase["start"] for phase in page_table(atlas)["phases"]]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_view_draws_a_whole_map_at_every_size(chromium, map_page_file, periods, phase_starts, size):
    context = chromium.new_context(**SIZES[size])
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(map_page_file.as_uri())
        page.wait_for_selector(".leaflet-container[data-ready='1']")
        result = page.evaluate(SWEEP_JS, [periods, phase_starts])
    finally:
        context.close()
    years, phases, days = len(periods), len(phase_starts), len(campaign().days())
    laid_out = 3 * years + 3 * 2 * phases + 9 * days  # every year in each language, every phase in each naming style
    assert result["count"] == laid_out + 2 * 9 * (phases + days) + 3 * phases  # legend open and folded; compare
    assert not errors, errors
    assert not result["failures"], "\n".join(result["failures"])


@pytest.fixture(scope="module")
def offline_html(tmp_path_factory, atlas):
    """The offline HTML export (``snapshot --format html``) as a reader opens it from disk, without tiles."""
    from kurilmap.mapview import map_html

    path = tmp_path_factory.mktemp("offline") / "kuril-border-1905-en.html"
    path.write_text(map_html(atlas, 1905, tiles=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", list(SIZES))
def test_the_offline_html_draws_every_change_whole_at_every_size(chromium, offline_html, periods, phase_starts, size):
    """The views where something changes (each phase's first year and the year before it, every day of 1945)."""
    years = sorted({y for s in phase_starts for y in (s - 1, s)} & {int(y) for y in periods})
    changes = {str(y): periods[str(y)] for y in years}
    starts = phase_starts[::3]  # every third phase for the names styles, the legend states and compare
    context = chromium.new_context(**SIZES[size])
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(offline_html.as_uri())
        page.wait_for_selector(".leaflet-container[data-ready='1']")
        assert page.title() and page.locator("html").get_attribute("lang") == "en"
        result = page.evaluate(SWEEP_JS, [changes, starts])
    finally:
        context.close()
    days = len(campaign().days())
    assert result["count"] == 3 * len(years) + 6 * len(starts) + 9 * days + 18 * (len(starts) + days) + 3 * len(starts)
    assert not errors, errors
    assert not result["failures"], "\n".join(result["failures"])


ATLAS_SIZES = {
    "phone-320x480": {"viewport": {"width": 320, "height": 480}, "is_mobile": True, "has_touch": True},
    "phone-350x600": {"viewport": {"width": 350, "height": 600}, "is_mobile": True, "has_touch": True},
    "phone-390x844": PHONE,
    "desktop-1440x900": DESKTOP,
}

# The static atlas: its address, its panel and its map(s) always on one view.
ATLAS_JS = """async ([years, days]) => {
  const failures = [];
  let count = 0;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const frames = () => Array.from(document.querySelectorAll("iframe.atlas-frame"));
  async function ready(n) {
    for (let i = 0; i < 400; i++) {
      const f = frames();
      if (f.length >= n && f.slice(0, n).every((x) => x.__ready && x.contentWindow.kurilmap)) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }
  async function visit(hash, want) {
    location.hash = hash;
    await tick();
    if (!(await ready(want.compare ? 2 : 1))) { failures.push(hash + ": map not ready"); return; }
    count++;
    let why = problems(want);
    for (let i = 0; i < 40 && why.length; i++) {  // a frame made just now takes its view when it has loaded
      await new Promise((r) => setTimeout(r, 25));
      why = problems(want);
    }
    if (why.length && failures.length < 40) failures.push(hash + ": " + why.join("; "));
  }
  function problems(want) {
    const why = [];
    const [a, b] = frames().map((f) => f.contentWindow);
    const box = a.document.querySelector(".leaflet-container"), panel = document.getElementById("atlas-panel");
    const m = a.kurilmap.map, z = m.getZoom(), c = m.getCenter();
    if (!isFinite(z) || !isFinite(c.lat) || !isFinite(c.lng)) why.push("zoom or centre not a number");
    if (box.getAttribute("data-year") !== String(want.year)) why.push("map shows " + box.getAttribute("data-year"));
    if (panel.getAttribute("data-year") !== String(want.year)) why.push("panel shows " + panel.getAttribute("data-year"));
    if ((box.getAttribute("data-day") || null) !== (want.day || null)) why.push("map day " + box.getAttribute("data-day"));
    if ((panel.getAttribute("data-day") || null) !== (want.day || null)) why.push("panel day " + panel.getAttribute("data-day"));
    if (box.getAttribute("data-lang") !== want.lang || panel.getAttribute("data-lang") !== want.lang) why.push("language");
    if (!location.hash.includes("year=" + want.year)) why.push("address " + location.hash);
    if (want.compare) {
      const other = b && b.document.querySelector(".leaflet-container");
      if (!other || other.getAttribute("data-year") !== String(want.compare)) why.push("compare map " + (other && other.getAttribute("data-year")));
    }
    const fr = frames()[0].getBoundingClientRect();
    if (fr.width < 200 || fr.height < 150) why.push("map frame " + Math.round(fr.width) + "x" + Math.round(fr.height));
    if (document.documentElement.scrollWidth > window.innerWidth + 1) why.push("page wider than the screen");
    if (document.body.classList.contains("atlas-embed")) {  // embedded: the map alone, its link on the same view
      const open = document.getElementById("atlas-embed-open").getAttribute("href") || "";
      if (!open.includes("#year=" + want.year + "&") || open.includes("embed")) why.push("embed link " + open);
      if (document.querySelector(".atlas-head").offsetParent) why.push("the page's header shows in the embed");
      if (fr.bottom > window.innerHeight + 1) why.push("the map runs below the embed's box");
    }
    return why;
  }
  for (const lang of ["en", "ja", "ru"]) {
    for (const y of years) await visit("#year=" + y + "&lang=" + lang, {year: y, lang});
    for (const d of days) await visit("#year=1945&lang=" + lang + "&day=" + d, {year: 1945, day: d, lang});
    await visit("#year=1944&lang=" + lang + "&compare=2026", {year: 1944, compare: 2026, lang});
  }
  return {count, failures};
}"""


# The full page at every size, and its embed (#…&embed=1, the map alone) at the smallest and the largest.
ATLAS_RUNS = [(size, "page") for size in ATLAS_SIZES] + [("phone-320x480", "embed"), ("desktop-1440x900", "embed")]


@pytest.mark.parametrize(("size", "mode"), ATLAS_RUNS)
def test_the_static_atlas_keeps_map_panel_and_address_on_one_view(chromium, static_site, size, mode):
    context = chromium.new_context(**ATLAS_SIZES[size])
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((static_site / "index.html").as_uri() + ("#embed=1" if mode == "embed" else ""))
        years = [1850, 1855, 1875, 1905, 1920, 1925, 1945, 1991, 2026]  # the treaty years' buttons and the ends
        days = ["1945-08-09", "1945-08-18", "1945-08-24", "1945-08-28", "1945-09-05"]
        result = page.evaluate(ATLAS_JS, [years, days])
    finally:
        context.close()
    assert result["count"] == 3 * (len(years) + len(days) + 1)
    assert not errors, errors
    assert not result["failures"], "\n".join(result["failures"])


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_on_a_phone_the_sidebar_opener_is_named_in_the_readers_language_and_44_px(chromium, app_url, lang):
    context = chromium.new_context(**SIZES["phone-390x844"])
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?lang={lang}&year=1945")
        map_frame(page)
        opener = page.locator(f"[data-testid='stExpandSidebarButton'][aria-label='{t('open_sidebar', lang)}']")
        opener.wait_for(timeout=15000)
        box = opener.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        assert t("open_sidebar", lang) in opener.evaluate("b => getComputedStyle(b, '::after').content")
        opener.tap()
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.wait_for(state="visible")
        page.wait_for_function(OPEN_JS)  # the sidebar slid fully open
    finally:
        context.close()


@pytest.fixture
def phone_page(chromium, map_page_file):
    """The map page alone on a 390×844 touch phone, opened in Russian at 1944."""
    context = chromium.new_context(**SIZES["phone-390x844"])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(map_page_file.as_uri() + "#year=1944&lang=ru")
    page.wait_for_selector(".leaflet-container[data-ready='1']")
    yield page
    context.close()


def year_of(page) -> int:
    return int(page.get_attribute(".leaflet-container", "data-year"))


def test_on_a_phone_one_tap_moves_one_year_either_way(phone_page):
    page = phone_page
    plus, minus = page.locator("button.km-plus"), page.locator("button.km-minus")
    assert plus.get_attribute("aria-label") == t("year_after", "ru")
    for button in (plus, minus):
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    plus.tap()
    assert year_of(page) == 1945
    minus.tap()
    minus.tap()
    assert year_of(page) == 1943
    assert page.errors == []


def test_after_zooming_in_one_button_brings_back_the_whole_region(phone_page):
    page = phone_page
    start = page.evaluate("kurilmap.map.getZoom()")
    page.evaluate(f"() => kurilmap.map.setView([44.0, 145.5], {start} + 2, {{animate: false}})")  # as a pinch would
    assert page.evaluate("kurilmap.map.getZoom()") == start + 2
    home = page.locator("[data-action='whole-region']")
    assert home.get_attribute("aria-label") == t("whole_region", "ru")
    home.tap()
    page.wait_for_function(f"Math.abs(kurilmap.map.getZoom() - {start}) < 0.01")
    assert page.evaluate("kurilmap.map.getBounds().contains([47.5, 146])")  # the middle of the region in view


def test_a_map_that_cannot_be_drawn_says_so_in_the_readers_language_and_recovers(phone_page):
    page = phone_page
    page.evaluate(
        """() => { const m = kurilmap.map; m.__real = m.latLngToContainerPoint;
                   m.latLngToContainerPoint = () => { throw new Error("broken projection"); }; }"""
    )
    page.evaluate("kurilmap.apply({year: 1956})")
    notice = page.locator(".km-error[role='alert']")
    assert notice.is_visible()
    assert t("map_error", "ru") in notice.inner_text() and "broken projection" not in notice.inner_text()
    page.evaluate("() => { kurilmap.map.latLngToContainerPoint = kurilmap.map.__real; }")
    notice.locator("button").tap()
    assert not notice.is_visible()
    assert year_of(page) == 1956
    assert page.errors == []  # caught and told, never thrown at the page
