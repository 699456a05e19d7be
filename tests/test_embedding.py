"""Any text a data file can hold stays text: the map page, the panel and every export keep working.

A place name such as ``<!--<script>`` once blanked the whole map and every HTML export (the HTML
parser never found the end of the script block). Text from data now travels as JSON that escapes
``<``, ``>`` and the line separators, is written into the page with textContent, and is escaped
for Markdown so that it can never become a link.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kurilmap import export
from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import Atlas
from kurilmap.mapview import script_json
from kurilmap.panel import md_escape, period_panel

NASTY = [
    "<!--<script>",
    "</script><script>window.__pwned=1</script>",
    "]]><![CDATA[",
    "line\u2028separator\u2029paragraph",
    "\"quotes' & <b>bold</b> &amp;",
    "{{ jinja }} ${template} `tick`",
    "see http://evil.example/x or www.evil.example or mail@evil.example",
    "نص عربي مع‏ علامة اتجاه",
]


def _scripts(html: str) -> list[str]:
    """The contents of the page's script blocks, ended as an HTML parser ends them (at ``</script``)."""
    blocks, pos = [], 0
    while (start := html.lower().find("<script", pos)) >= 0:
        body = html.index(">", start) + 1
        end = html.lower().find("</script", body)
        assert end >= 0, "a script block never ends"
        blocks.append(html[body:end])
        pos = end + 1
    return blocks


@pytest.fixture(scope="module")
def nasty_atlas():
    """A fresh atlas (not the shared cached one) whose Urup, Toyohara and 1905 treaty carry hostile text."""
    atlas = Atlas(GEODATA_DIR)
    for i, layer in enumerate([*atlas.layers.values(), atlas.towns]):
        for props in layer.properties:
            if props.get("island") == "uruppu" or props.get("id") == "toyohara":
                for key in ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin"):
                    if key in props:
                        props[key] = NASTY[i % len(NASTY)] + " " + NASTY[0]
    treaty = atlas.treaties["portsmouth-1905"]
    treaty["summary"] = {lang: " | ".join(NASTY) for lang in ("en", "ja", "ru")}
    return atlas


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_json_in_a_script_block_cannot_end_it_and_reads_back_exactly(text):
    encoded = script_json({"name": text})
    assert not re.search(r"[<>\u2028\u2029]", encoded)
    assert json.loads(encoded) == {"name": text}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_markdown_escaping_leaves_no_link_or_markup(text):
    escaped = md_escape(text)
    # every character that can open a link, an autolink, markup or HTML is preceded by a backslash
    for match in re.finditer(r"[\[\]()<>!:`*_|$&~#]", escaped):
        backslashes = len(escaped[: match.start()]) - len(escaped[: match.start()].rstrip("\\"))
        assert backslashes % 2 == 1, (text, escaped)
    shown = re.sub(r"\\(.)", r"\1", escaped)  # the text as Markdown shows it
    assert not re.search(r"(?i)\bwww\.|\b(https?|ftp|mailto|xmpp):|[\w.+-]@", shown), (text, escaped)


@pytest.mark.parametrize("year", [1890, 1910])
def test_the_offline_html_export_keeps_every_script_block_whole(nasty_atlas, year):
    html = export.render(nasty_atlas, year, "html", names="both", lang="en").decode("utf-8")
    scripts = _scripts(html)
    assert scripts and all("<!--" not in s and "<script" not in s.lower() for s in scripts)
    assert "<!--<script>" not in html  # only ever present JSON-escaped
    assert "kurilmapInit(" in scripts[-1] or any("kurilmapInit(" in s for s in scripts)


def test_the_compare_html_export_shows_hostile_text_as_text(nasty_atlas):
    page = export.render(nasty_atlas, 1910, "html", compare=1890, lang="en").decode("utf-8")
    frames = [html.unescape(m) for m in re.findall(r'srcdoc="([^"]*)"', page)]
    assert len(frames) == 2  # both maps, each a whole page with whole script blocks
    for frame in frames:
        assert all("<!--" not in s and "<script" not in s.lower() for s in _scripts(frame))
    outer = re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', page)
    assert "<!--<script>" not in outer and "<b>bold</b>" not in outer
    assert "&lt;!--&lt;script&gt;" in outer  # the treaty card's text, shown as text


def test_geojson_export_keeps_hostile_names_exactly(nasty_atlas):
    doc = json.loads(export.render(nasty_atlas, 1910, "geojson"))
    names = {
        f["properties"]["name_en"]
        for f in doc["features"]
        if f["properties"]["layer"] == "islands" and f["properties"]["island"] == "uruppu"
    }
    assert names and all(NASTY[0] in n for n in names)


def test_svg_export_is_well_formed_xml(nasty_atlas):
    svg = export.render(nasty_atlas, 1910, "svg", names="ja", width=800, height=600, dpi=100)
    ET.fromstring(svg)  # raises on a broken document


def test_the_panel_escapes_data_text_for_markdown(nasty_atlas):
    panel = period_panel(nasty_atlas, 1910, "both", "en")
    summary = md_escape(panel["treaty"]["summary"])
    assert "http\u2060\\:" in summary and "www\u2060.evil" in summary and "mail\u2060@evil" in summary
    assert "<b>" not in summary
