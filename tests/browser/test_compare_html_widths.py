"""The compare HTML export from a phone to a desktop: nothing printed over anything, nothing off the side."""

import pytest
from appdriver import ROOT

from kurilmap import export
from kurilmap.geometry import load_atlas

SHOTS = ROOT / "artifacts" / "screenshots"

#: Every box of the page that a reader reads or looks at, in the order of the page.
BOXES = """() => {
  const sel = ['header h1', '.km-caption', 'iframe', '.km-card', 'footer'];
  const out = [];
  for (const s of sel) for (const el of document.querySelectorAll(s)) {
    const r = el.getBoundingClientRect();
    out.push({what: s, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  }
  return {boxes: out, scroll: document.documentElement.scrollWidth, width: innerWidth};
}"""


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory):
    """1944 and 2026 in each language: the longest cards (the treaty of Portsmouth, the de facto line of 1945)."""
    folder = tmp_path_factory.mktemp("compare")
    atlas = load_atlas()
    paths = {}
    for lang in ("en", "ja", "ru"):
        paths[lang] = folder / f"kuril-border-1944-vs-2026-{lang}.html"
        paths[lang].write_bytes(export.render(atlas, 1944, "html", compare=2026, lang=lang))
    return paths


def _overlaps(boxes):
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > 0.5 and down > 0.5:
                out.append((a["what"], b["what"], round(down)))
    return out


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize(("width", "height"), [(320, 640), (600, 800), (1440, 900), (1024, 560)])
def test_the_compare_html_lays_out_without_overlap(chromium, compare_page, lang, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(compare_page[lang].as_uri())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('iframe')).every(f => f.contentDocument && "
        "f.contentDocument.querySelector(\".leaflet-container[data-ready='1'] path[data-unit]\"))",
        timeout=30000,
    )
    got = page.evaluate(BOXES)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"compare-html-{width}-{lang}.png"), full_page=True)
    assert got["scroll"] <= got["width"], f"the page is {got['scroll']} px wide in a {width} px window"
    assert _overlaps(got["boxes"]) == []
    footer = next(b for b in got["boxes"] if b["what"] == "footer")
    assert all(b["bottom"] <= footer["top"] + 0.5 for b in got["boxes"] if b["what"] != "footer")
    maps = [b for b in got["boxes"] if b["what"] == "iframe"]
    assert len(maps) == 2
    if width < 800:  # one above the other, each as wide as the window allows
        assert maps[1]["top"] >= maps[0]["bottom"] and all(b["right"] - b["left"] >= width - 40 for b in maps)
    else:  # side by side
        assert maps[1]["left"] >= maps[0]["right"] and maps[0]["top"] == maps[1]["top"]
    assert all(b["bottom"] - b["top"] >= 300 for b in maps)  # a map to look at, not a strip
    context.close()
