"""What a publisher gets beside a map: alt text made from the scene, the credit line and the licensor, in every file."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from urllib.parse import parse_qsl, urlsplit

import pytest
from PIL import Image

import kurilmap
from kurilmap import export
from kurilmap.publish import (
    alt_text,
    bibtex,
    citation,
    cite_apa,
    cite_chicago,
    credit_line,
    csl_json,
    data_fingerprint,
    licensor,
    permalink,
    qr_code,
)
from kurilmap.scene import build_scene
from kurilmap.view import View, parse_query

TODAY = datetime.date(2025, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"
#: Who held South Sakhalin at the end of 1905, and its name, as the alt text writes them in each language.
SOUTH_SAKHALIN_1905 = {
    "en": ("Empire of Japan", "South Sakhalin"),
    "ja": ("大日本帝国", "南樺太"),
    "ru": ("Японская империя", "Южный Сахалин"),
}
BANNED = {"ja": re.compile("領有|帰属"), "ru": re.compile(r"(?i)\bпринадлеж\w*|\bвладел(ец|ьц\w*)")}


def _sentence_with(text: str, holder: str) -> str:
    """The sentence of the alt text that lists the land ``holder`` held."""
    return next(s for s in re.split(r"(?<=[.。])\s*", text) if s.startswith(holder))


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_alt_text_names_who_held_what_in_1905_in_the_view_language(atlas, lang):
    holder, south = SOUTH_SAKHALIN_1905[lang]
    text = alt_text(atlas, build_scene(atlas, View(1905, lang=lang)))
    assert south in _sentence_with(text, holder)  # "Empire of Japan: …, South Sakhalin, …"
    assert "1905" in text and "33" in text  # the year and what changed hands (33,319 km²)


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_alt_text_of_today_attributes_the_four_islands_and_uses_neutral_words(atlas, lang):
    text = alt_text(atlas, build_scene(atlas, View(2026, names=lang if lang != "en" else "both", lang=lang)))
    attributed = {
        "en": "administered by Russia, claimed by Japan",
        "ja": "ロシアが施政、日本が主権を主張",
        "ru": "под управлением России",
    }
    assert attributed[lang] in text
    four = {"en": "Kunashiri", "ja": "国後島", "ru": "Кунашир"}
    assert four[lang] in text.split(attributed[lang], 1)[1]  # the islands follow the attribution
    if lang in BANNED:
        assert not BANNED[lang].search(text)


def test_alt_text_of_a_comparison_describes_both_maps_and_the_change(atlas):
    text = alt_text(atlas, build_scene(atlas, View(1921, compare=1875)))
    left, right = text.split("Left map.")[1].split("Right map.")  # the earlier year on the left
    assert "Russian Empire: South Sakhalin" in left
    assert "Japanese occupation of northern Sakhalin" in right and "North Sakhalin" in right and "1875 → 1921" in right


def test_alt_text_of_a_day_of_1945_names_the_landings_under_way(atlas):
    text = alt_text(atlas, build_scene(atlas, View(1945, day="1945-08-20")))
    assert "20 August 1945" in text and "Soviet landings under way" in _sentence_with(text, "Soviet landings")


def test_the_credit_line_names_the_licensor_and_the_licences(atlas):
    assert licensor(atlas) == "kurilmap contributors"
    assert credit_line(atlas) == "Map: kurilmap contributors, CC BY 4.0; shorelines GSHHG, LGPL-3.0"
    for lang in ("ja", "ru"):
        assert "kurilmap contributors" in credit_line(atlas, lang) and "CC BY 4.0" in credit_line(atlas, lang)


def _pdf_info(pdf: bytes) -> dict[str, str]:
    """The document information of a PDF as matplotlib writes it (literal or UTF-16 hex strings)."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def unescape(m):
        code = m.group(1)
        return bytes([int(code, 8)]) if code[:1].isdigit() else escapes.get(code, code)

    info = {}
    for key, literal, hexa in re.findall(
        rb"/(Title|Subject|Author|Keywords) ?(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f]+)>)", pdf
    ):
        raw = bytes.fromhex(hexa.decode()) if hexa else re.sub(rb"\\([0-7]{1,3}|.)", unescape, literal, flags=re.S)
        info[key.decode()] = raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    return info


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_every_picture_file_carries_its_alt_text_and_credit(atlas, lang):
    holder, south = SOUTH_SAKHALIN_1905[lang]
    credit = credit_line(atlas, lang)
    png = Image.open(io.BytesIO(export.render(atlas, 1905, "png", lang=lang, width=400, height=300, today=TODAY)))
    assert south in _sentence_with(png.text["Description"], holder) and png.text["Copyright"] == credit
    assert png.text["Author"] == "kurilmap contributors" and "GSHHG" in png.text["Comment"]
    svg = ET.fromstring(export.render(atlas, 1905, "svg", lang=lang, width=400, height=300, today=TODAY))
    assert svg[0].tag == f"{SVG}title" and "1905" in svg[0].text
    assert svg[1].tag == f"{SVG}desc" and south in svg[1].text and svg.get("aria-labelledby") == "km-title km-desc"
    info = _pdf_info(export.render(atlas, 1905, "pdf", lang=lang, today=TODAY))
    assert "1905" in info["Title"] and south in info["Subject"] and info["Author"] == "kurilmap contributors"
    html = export.render(atlas, 1905, "html", lang=lang).decode("utf-8")
    assert f'<html lang="{lang}">' in html and re.search(r"<title>[^<]*1905[^<]*</title>", html)
    described = re.search(r'<p id="km-alt" class="km-alt">([^<]*)</p>', html).group(1)
    assert south in described and f'<p class="km-credit">{credit}</p>' in html.replace("&amp;", "&")


def test_the_gif_comment_says_what_it_steps_through_and_credits_the_map(atlas):
    gif = export.animate(atlas, years=[1850, 1905], width=300, height=200, today=TODAY)
    comment = Image.open(io.BytesIO(gif)).info["comment"].decode("utf-8")
    assert "2 frames: 1850, 1905" in comment and credit_line(atlas) in comment


def test_the_compare_html_page_prints_the_credit_line(atlas):
    html = export.render(atlas, 1905, "html", compare=1875).decode("utf-8")
    footer = re.search(r"<footer>(.*?)</footer>", html, re.S).group(1)
    assert "kurilmap contributors, CC BY 4.0" in footer and "<title>" in html and '<html lang="en">' in html


def test_png_text_chunks_are_international_text(atlas):
    """The alt text in Japanese survives as UTF-8 (iTXt), not mangled Latin-1 (tEXt)."""
    data = export.render(atlas, 1905, "png", lang="ja", width=400, height=300, today=TODAY)
    chunks, at = [], 8
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        chunks.append((data[at + 4 : at + 8], data[at + 8 : at + 8 + size]))
        at += 12 + size
    descriptions = [body for kind, body in chunks if kind == b"iTXt" and body.startswith(b"Description\0")]
    assert len(descriptions) == 1
    body = descriptions[0].split(b"\0", 4)[-1]
    text = zlib.decompress(body) if descriptions[0][len(b"Description\0")] == 1 else body
    assert "南樺太" in text.decode("utf-8")


# ---------------------------------------------------------------------------------------------- share and cite

ZBARIMG = shutil.which("zbarimg")
ACCESSED = datetime.date(2026, 12, 4)


@pytest.fixture(scope="module")
def cited(atlas):
    view = View(1921, names="ja", lang="ja", compare=1875)
    link = permalink("https://atlas.example.org/kurilmap/?year=2000&junk=1", view)
    return view, link, citation(atlas, view, link, ACCESSED)


def test_the_permalink_reopens_the_same_view(cited):
    view, link, _ = cited
    query = dict(parse_qsl(urlsplit(link).query))
    assert link.startswith("https://atlas.example.org/kurilmap/?") and parse_query(query) == (view, [])


def test_the_citation_names_author_title_version_view_url_and_access_date(atlas, cited):
    view, link, c = cited
    version = f"{kurilmap.__version__}+data.{data_fingerprint(atlas)}"
    assert (c["author"], c["version"], c["url"]) == ("kurilmap contributors", version, link)
    assert c["title"] == build_scene(atlas, view).title and "1921" in c["title"] and "1875" in c["title"]
    apa, chicago = cite_apa(c), cite_chicago(c)
    for text in (apa, chicago):
        assert text.startswith("kurilmap contributors.") and version in text and link in text
        assert "December 4, 2026" in text and "year=1875&names=ja&lang=ja&compare=1921" in text
    assert "(n.d.)" in apa and "Retrieved December 4, 2026, from https://" in apa
    item = json.loads(csl_json(c))[0]
    assert (item["type"], item["version"], item["URL"], item["accessed"]) == (
        "map",
        version,
        link,
        {"date-parts": [[2026, 12, 4]]},
    )
    entry = bibtex(c)
    assert entry.startswith("@misc{kurilmap-1875-1921-ja,") and f"url = {{{link}}}" in entry
    assert "urldate = {2026-12-04}" in entry and entry.count("{") == entry.count("}")


def test_the_data_fingerprint_changes_with_the_data(atlas, geodata_copy):
    from kurilmap.geometry import Atlas

    copy = Atlas(geodata_copy)
    assert data_fingerprint(copy) == data_fingerprint(atlas)  # names relative to the folder: same data, same print
    (geodata_copy / "sources" / "towns.csv").write_bytes((geodata_copy / "sources" / "towns.csv").read_bytes() + b"\n")
    assert data_fingerprint(copy) != data_fingerprint(atlas)


@pytest.mark.skipif(ZBARIMG is None, reason="zbarimg is not installed (make gis installs Debian's zbar-tools)")
def test_the_qr_code_decodes_back_to_the_permalink(cited, tmp_path):
    _, link, _ = cited
    path = tmp_path / "qr.png"
    path.write_bytes(qr_code(link, "png"))
    run = subprocess.run([ZBARIMG, "-q", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == link
    svg = ET.fromstring(qr_code(link, "svg"))
    assert svg.tag == f"{SVG}svg" and svg.find(f"{SVG}title").text == link
