"""The compare export as a person opens it: one file from disk, no network, two working maps and both treaty cards."""

from appdriver import compare_page_maps

from kurilmap import export
from kurilmap.geometry import load_atlas


def test_the_compare_html_shows_two_maps_both_years_and_both_treaty_cards_offline(chromium, tmp_path):
    path = tmp_path / "kuril-border-1945-vs-2026-en.html"
    path.write_bytes(export.render(load_atlas(), 1945, "html", compare=2026))
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    outside = []
    context.route(
        "**/*",
        lambda route: (
            (outside.append(route.request.url), route.abort())
            if not route.request.url.startswith(("file:", "data:", "about:"))
            else route.continue_()
        ),
    )
    page = context.new_page()
    frames = compare_page_maps(page, path)
    years = [int(f.get_attribute(".leaflet-container", "data-year")) for f in frames]
    assert years == [1945, 2026]
    assert frames[0].get_attribute("path[data-unit='etorofu']", "data-look") == "disputed"
    assert page.title() == "Kuril Islands and Sakhalin: 1945 and 2026"
    cards = page.locator(".km-card").all_inner_texts()
    assert len(cards) == 2 and all("Soviet occupation" in c for c in cards)
    caption = page.locator(".km-caption").inner_text()
    assert "(1945 → 2026)" in caption and "For a change, compare 1944 with 2026" in caption
    at = "[kurilmap.map.getCenter().lat, kurilmap.map.getCenter().lng, kurilmap.map.getZoom()]"
    assert frames[0].evaluate(at)[2] == frames[1].evaluate(at)[2]  # one scale
    frames[1].evaluate("kurilmap.map.setView([44.0, 146.0], 8, {animate: false})")  # panning one moves the other
    frames[0].wait_for_function("() => kurilmap.map.getZoom() === 8", timeout=5000)
    assert frames[0].evaluate(at) == frames[1].evaluate(at)
    box = page.locator("iframe").first.bounding_box()
    assert box["width"] > 600 and box["height"] > 450  # the maps fill the window, not a small box
    page.screenshot(path=str(tmp_path / "shot.png"))
    from appdriver import ROOT

    (ROOT / "artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ROOT / "artifacts" / "screenshots" / "compare-export-1945-2026.png"))
    assert outside == []
    context.close()
