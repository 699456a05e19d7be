"""Exports as a person gets them: the app's download buttons, and the HTML file opened offline."""

import re
from pathlib import Path

from PIL import Image
from viewcheck import settle

from kurilmap import export
from kurilmap.geometry import load_atlas
from kurilmap.style import PALETTE

SOUTH_SAKHALIN = (142.644, 49.498)  # inland, away from labels (as in tests/test_export.py)


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _near(pixel, hex_colour, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], _rgb(hex_colour)))


def test_the_png_button_downloads_the_map_of_the_chosen_year(visit):
    visit.open("?year=1910")
    visit.page.locator("[data-testid='stButton'] button", has_text="PNG image").click()
    save = visit.page.locator("[data-testid='stDownloadButton'] button", has_text="kuril-border-1910-en.png")
    save.wait_for(timeout=30000)
    with visit.page.expect_download(timeout=60000) as info:
        save.click()
    download = info.value
    assert download.suggested_filename == "kuril-border-1910-en.png"
    image = Image.open(download.path())
    assert image.size == (1600, 1200)
    col, row = export.map_pixel(*SOUTH_SAKHALIN, width=1600, height=1200)
    assert _near(image.convert("RGB").getpixel((col, row)), PALETTE["japan"])
    visit.shot("export-buttons")


def test_map_only_in_the_export_panel_downloads_a_wide_map_without_title_block(visit):
    visit.open("?year=1905&lang=ja")
    page = visit.page
    settle(page)  # as a reader waits for the page, and scrolls the sidebar to the export panel
    page.locator(".st-key-export_size").scroll_into_view_if_needed()
    page.locator(".st-key-export_size input").click()
    page.get_by_role("option", name="ワイド 1920 × 1080").click()
    page.locator(".st-key-export_map_only label", has_text="地図のみ").click()
    page.locator("[data-testid='stButton'] button", has_text="PNG").click()
    name = "kuril-border-1905-ja-map-only.png"
    save = page.locator("[data-testid='stDownloadButton'] button", has_text=name)
    save.wait_for(timeout=30000)
    with page.expect_download(timeout=60000) as info:
        save.click()
    assert info.value.suggested_filename == name
    image = Image.open(info.value.path()).convert("RGB")
    assert image.size == (1920, 1080)
    col, row = export.map_pixel(*SOUTH_SAKHALIN, width=1920, height=1080, map_only=True)
    assert _near(image.getpixel((col, row)), PALETTE["japan"])
    col, _ = export.map_pixel(150.0, 48.0, width=1920, height=1080, map_only=True)
    assert _near(image.getpixel((col, 60)), PALETTE["sea"])  # where a title would be: the map's sea
    visit.shot("export-map-only")
    assert not visit.errors


def test_the_download_follows_the_year_chosen_on_the_map(visit):
    visit.open("?year=1890")
    visit.press("ArrowRight", 60)  # 1950
    visit.page.wait_for_function("window.location.search.includes('year=1950')", timeout=15000)
    visit.page.wait_for_timeout(500)
    visit.page.locator("[data-testid='stButton'] button", has_text="GeoJSON layer").click()
    save = visit.page.locator("[data-testid='stDownloadButton'] button", has_text="kuril-border-1950-en.geojson")
    save.wait_for(timeout=30000)
    with visit.page.expect_download(timeout=60000) as info:
        save.click()
    assert info.value.suggested_filename == "kuril-border-1950-en.geojson"
    assert b'"period":"1945"' in Path(info.value.path()).read_bytes().replace(b" ", b"")


def test_the_html_export_works_from_disk_with_the_network_cut(chromium, tmp_path):
    path = tmp_path / "1910.html"
    path.write_bytes(export.render(load_atlas(), 1910, "html"))
    context = chromium.new_context()
    outside = []
    context.route(
        "**/*",
        lambda route: (
            (outside.append(route.request.url), route.abort())
            if not route.request.url.startswith(("file:", "data:"))
            else route.continue_()
        ),
    )
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-container[data-ready='1'] path[data-unit='sakhalin-south']", timeout=15000)
    assert page.get_attribute("path[data-unit='sakhalin-south']", "fill") == PALETTE["japan"]
    page.focus("#km-year")
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    assert page.get_attribute("path[data-unit='sakhalin-south']", "fill") == PALETTE["russia"]  # 1950
    assert outside == []
    context.close()


def test_an_export_clicked_while_play_runs_still_ends_in_a_download(visit):
    visit.open("?year=1850")
    visit.map.click("button[data-action='play']")
    visit.page.wait_for_function("!window.location.search.includes('year=1850')", timeout=15000)
    visit.page.locator("[data-testid='stButton'] button", has_text="GeoJSON layer").click()
    save = visit.page.locator("[data-testid='stDownloadButton'] button", has_text=".geojson")
    save.wait_for(timeout=30000)  # not dropped by the reruns that play causes
    with visit.page.expect_download(timeout=60000) as info:
        save.click()
    assert re.fullmatch(r"kuril-border-\d{4}-en\.geojson", info.value.suggested_filename)
