"""The map as people read and use it (issue 13): layout, legend, labels, phone, keyboard, axe-core, languages.

Each test opens the real app in headless Chromium at a real window size: desktops of 1440×900 and
1366×768, and a 390×844 phone with touch. axe-core (tests/vendor/axe-core, MPL-2.0) is injected into
the app's page and into every map frame.
"""

from __future__ import annotations

import re

import pytest
from appdriver import ROOT, map_frame
from viewcheck import settle

from kurilmap.periods import last_year

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# Boxes in the map frame's own coordinates: visible labels, unit shapes, lines in force, the legend.
LABELS_JS = """() => [...document.querySelectorAll('.km-label')]
  .filter(n => n.style.display !== 'none' && n.firstChild)
  .map(n => { const r = n.firstChild.getBoundingClientRect(); return [n.textContent, r.left, r.top, r.right, r.bottom]; })"""
MAP_BOX_JS = """() => { const r = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; }"""
DATA_BOXES_JS = """() => [...document.querySelectorAll("path[data-unit], path[data-line][data-active='1']")]
  .map(p => { const r = p.getBoundingClientRect(); return [p.getAttribute('data-unit') || p.getAttribute('data-line'),
    r.left, r.top, r.right, r.bottom]; })"""
LEGEND_JS = """() => { const n = document.querySelector('.km-legend'), r = n.getBoundingClientRect();
  return {box: [r.left, r.top, r.right, r.bottom], open: !n.classList.contains('km-collapsed'),
          expanded: n.querySelector('.km-legend-title').getAttribute('aria-expanded'),
          background: getComputedStyle(n).backgroundColor}; }"""
AXE_JS = """async () => {
  const result = await axe.run(document, {iframes: false, resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


@pytest.fixture
def open_app(chromium, app_url):
    """open_app(device, query, maps=1) -> (page, [map frames]) in a fresh browser context."""
    contexts = []

    def opener(device: dict, query: str = "", maps: int = 1):
        context = chromium.new_context(**device)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{app_url}/{query}")
        frames = [map_frame(page, index=i) for i in range(maps)]
        settle(page)  # the whole page: the map comes first, the panel and sidebar after it
        page.wait_for_timeout(300)  # and let the host fit the frame and the map fit its data
        page.errors = errors
        return page, frames

    yield opener
    for context in contexts:
        context.close()


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_labels(frame):
    """No label past the map's edge and no two labels on each other; returns the labels shown."""
    edge = frame.evaluate(MAP_BOX_JS)
    labels = frame.evaluate(LABELS_JS)
    for name, *box in labels:
        assert edge[0] <= box[0] and edge[1] <= box[1] and box[2] <= edge[2] and box[3] <= edge[3], (name, box, edge)
    for i, (a, *box_a) in enumerate(labels):
        for b, *box_b in labels[i + 1 :]:
            assert not overlap(box_a, box_b), (a, b)
    return [label[0] for label in labels]


# ---------------------------------------------------------------------------------------------- layout


@pytest.mark.parametrize("device", [DESKTOP, LAPTOP, PHONE], ids=["1440x900", "1366x768", "phone-390x844"])
def test_the_slider_and_the_year_are_on_screen_without_scrolling_and_the_map_is_the_main_thing(open_app, device):
    page, (frame,) = open_app(device)
    width, height = device["viewport"]["width"], device["viewport"]["height"]
    for selector in ("#km-year", ".km-year"):
        box = frame.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert frame.locator(".km-year").inner_text() == str(last_year())  # the first view is today
    mapbox = frame.frame_element().bounding_box()
    share = mapbox["width"] * mapbox["height"] / (width * height)
    if device is PHONE:
        assert mapbox["width"] >= 0.9 * width and share >= 0.6, share
        slider = frame.locator("#km-year").bounding_box()
        assert slider["width"] >= 0.85 * mapbox["width"]  # a slider on its own line, not 160 px for 177 years
    else:
        assert share >= 0.45, share  # 0.48 at 1440×900 with the sidebar open
    title = page.locator("h1").first.bounding_box()
    assert title["height"] <= 60  # a short title: one line on a desktop, two on a phone
    assert page.errors == []


def test_the_compare_view_shows_both_sliders_on_screen_and_the_maps_fill_the_window(open_app):
    page, frames = open_app(DESKTOP, "?year=1910&compare=1875", maps=2)
    area = 0
    for frame in frames:
        box = frame.locator("#km-year").bounding_box()
        assert box["y"] + box["height"] <= 900
        mapbox = frame.frame_element().bounding_box()
        area += mapbox["width"] * mapbox["height"]
    assert area / (1440 * 900) >= 0.6
    # the years of change are readable buttons here, none on another
    boxes = [b.bounding_box() for b in frames[0].locator(".km-tick").all()]
    assert len(boxes) == 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(
                (a["x"], a["y"], a["x"] + a["width"], a["y"] + a["height"]),
                (b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]),
            )


def test_ticks_along_the_desktop_slider_never_run_together(open_app):
    _, (frame,) = open_app(DESKTOP, "?year=1925")
    boxes = [b.bounding_box() for b in frame.locator(".km-tick").all()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(
                (a["x"], a["y"], a["x"] + a["width"], a["y"] + a["height"]),
                (b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]),
            )
    assert frame.evaluate("getComputedStyle(document.querySelector('.km-tick')).fontSize") == "12px"


# ---------------------------------------------------------------------------------------------- legend


@pytest.mark.parametrize(
    "query,maps", [("?year=1875", 1), ("", 1), ("?year=1910&compare=1875", 2)], ids=["1875", "today", "compare"]
)
def test_the_legend_is_open_opaque_and_covers_no_land_and_no_border_line(open_app, query, maps):
    _, frames = open_app(DESKTOP, query, maps=maps)
    for frame in frames:
        legend = frame.evaluate(LEGEND_JS)
        assert legend["open"] and legend["expanded"] == "true"
        assert legend["background"] == "rgb(255, 255, 255)"
        for name, *box in frame.evaluate(DATA_BOXES_JS):
            if box[2] - box[0] > 0:
                assert not overlap(legend["box"], box), name


def test_the_legend_folds_and_opens_with_enter_and_space_and_says_so(open_app):
    _, (frame,) = open_app(DESKTOP)
    title = frame.locator(".km-legend-title")
    assert title.evaluate("n => n.tagName") == "BUTTON"  # announced as a button, with its state
    title.focus()
    title.press("Enter")
    assert title.get_attribute("aria-expanded") == "false"
    assert frame.locator(".km-legend-item").first.is_hidden()
    title.press(" ")
    assert title.get_attribute("aria-expanded") == "true"
    assert frame.locator(".km-legend-item").first.is_visible()
    assert frame.locator(".km-legend").get_attribute("aria-label") == "Legend"


# ---------------------------------------------------------------------------------------------- labels and tooltips


@pytest.mark.parametrize(
    "device,query",
    [(DESKTOP, "?year=1905"), (DESKTOP, "?year=1905&lang=ru&names=both"), (PHONE, "?year=2000&lang=ja")],
    ids=["desktop-en", "desktop-ru", "phone-ja"],
)
def test_labels_stay_inside_the_map_and_never_overlap_at_first_and_after_zooming_in(open_app, device, query):
    page, (frame,) = open_app(device, query)
    shown = check_labels(frame)
    assert len(shown) >= 5  # Sakhalin, Hokkaido, Kamchatka and the large Kurils are named
    frame.evaluate("kurilmap.map.zoomIn(1, {animate: false})")
    page.wait_for_timeout(300)
    check_labels(frame)
    frame.evaluate("kurilmap.map.setView([44.2, 146.2], 7, {animate: false})")  # the four islands, close up
    page.wait_for_timeout(300)
    assert len(check_labels(frame)) >= 3


def test_a_tooltip_near_the_edge_stays_inside_the_frame(open_app):
    page, (frame,) = open_app(DESKTOP, "?year=1905&lang=ru")
    edge = frame.evaluate(MAP_BOX_JS)
    box = frame.locator("path[data-unit='shumushu']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = frame.locator(".km-tip")
    tip.wait_for(timeout=5000)
    r = tip.evaluate("n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
    assert edge[0] <= r[0] and edge[1] <= r[1] and r[2] <= edge[2] and r[3] <= edge[3], (r, edge)


# ---------------------------------------------------------------------------------------------- phone


def test_on_a_phone_targets_are_44_px_a_tap_picks_a_treaty_year_and_one_finger_scrolls_the_page(open_app):
    page, (frame,) = open_app(PHONE, "?year=1905")
    targets = frame.locator(
        ".km-btn, .km-tick, #km-year, .km-legend-title, .leaflet-control-zoom a, .leaflet-control-layers-toggle"
    ).all()
    targets = [target for target in targets if target.is_visible()]  # the day slider's controls show in 1945 only
    assert len(targets) >= 14  # with "1945 day by day"
    for target in targets:
        box = target.bounding_box()
        label = target.get_attribute("aria-label") or target.inner_text()
        assert box["width"] >= 44 and box["height"] >= 44, (label, box)
    frame.locator(".km-tick[data-year='1945']").tap()
    assert frame.get_attribute(".leaflet-container", "data-year") == "1945"
    page.wait_for_function("window.location.search.includes('year=1945')", timeout=15000)
    # one finger scrolls the page, two move and pinch the map; the page itself may be zoomed
    assert frame.evaluate("kurilmap.map.dragging.enabled()") is False
    assert frame.evaluate("kurilmap.map.touchZoom.enabled()") is True
    assert frame.evaluate("getComputedStyle(document.querySelector('.leaflet-container')).touchAction") == "pan-x pan-y"
    viewport = frame.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "maximum-scale" not in viewport and "user-scalable" not in viewport
    assert page.errors == []


# ---------------------------------------------------------------------------------------------- keyboard


def test_the_year_slider_is_a_few_tab_presses_from_the_top_and_shapes_are_no_tab_stops(open_app):
    page, (frame,) = open_app(DESKTOP)
    page.evaluate("document.activeElement && document.activeElement.blur()")  # start from the top of the page
    presses = 0
    while presses < 3 and page.evaluate("document.activeElement && document.activeElement.id") != "km-skip":
        page.keyboard.press("Tab")
        presses += 1
    assert page.evaluate("document.activeElement.id") == "km-skip", presses
    assert page.locator("#km-skip").inner_text() == "Skip to the year slider"
    page.keyboard.press("Enter")
    assert frame.evaluate("document.activeElement.id") == "km-year"
    page.keyboard.press("ArrowLeft")
    assert frame.get_attribute(".leaflet-container", "data-year") == str(last_year() - 1)
    # focus is visible on the slider
    assert frame.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    # inside the map page the slider is the first stop, and no shape is a stop at all
    tabbable = frame.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]')]
            .filter(n => n.tabIndex >= 0 && !n.disabled && n.getClientRects().length).map(n => n.id || n.tagName)"""
    )
    assert tabbable[0] == "km-year"
    assert frame.locator(".leaflet-overlay-pane path:not([tabindex='-1'])").count() == 0
    assert len(tabbable) < 24  # the bar's buttons (with ±1 year), the ticks, zoom, whole region, layers, legend


# ---------------------------------------------------------------------------------------------- axe-core


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_violation_in_any_frame(open_app, lang, device):
    query = f"?lang={lang}" if device is PHONE else f"?lang={lang}&year=1905"  # today; a treaty with its quotation
    page, (frame,) = open_app(device, query)
    found = {}
    for name, target in (("page", page.main_frame), ("map", frame)):
        target.add_script_tag(path=str(AXE))
        found[name] = target.evaluate(AXE_JS)
    assert found == {"page": [], "map": []}


def test_axe_finds_nothing_serious_in_the_compare_view_either(open_app):
    page, frames = open_app(DESKTOP, "?year=1945&compare=1944&lang=ru", maps=2)
    for target in (page.main_frame, *frames):
        target.add_script_tag(path=str(AXE))
        assert target.evaluate(AXE_JS) == []


# ---------------------------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    "lang,title,zoom_in,article,area",
    [
        ("en", "Kuril Islands & Sakhalin", "Zoom in", "Art. IX", "33,319 km²"),
        ("ja", "千島列島・樺太", "拡大", "第9条", "33,319 km²"),
        ("ru", "Курилы и Сахалин", "Приблизить", "ст. IX", "33\u00a0319 км²"),
    ],
)
def test_each_language_is_complete(open_app, lang, title, zoom_in, article, area):
    page, (frame,) = open_app(DESKTOP, f"?year=1905&lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title().startswith(title)
    assert frame.evaluate("document.documentElement.lang") == lang
    assert frame.title()  # the map frame has a title of its own, in the language
    assert frame.get_attribute(".leaflet-control-zoom-in", "title") == zoom_in
    scale = frame.locator(".leaflet-control-scale-line").all_inner_texts()
    assert len(scale) == 1 and scale[0].endswith("км" if lang == "ru" else "km")  # kilometres only
    page.get_by_text(article).first.wait_for(timeout=10000)  # the article in the language's own form
    text = page.locator("[data-testid='stMain']").inner_text()
    assert area in text
    if lang != "en":
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates written as the language writes them


def test_the_first_view_explains_itself(open_app):
    page, (frame,) = open_app(DESKTOP)
    intro = page.get_by_text("Drag the year slider under the map")
    box = intro.bounding_box()
    assert box and box["y"] + box["height"] < 900
    assert "end of the chosen year" in intro.inner_text()
    assert frame.locator("path[data-unit='etorofu']").get_attribute("data-look") == "disputed"
