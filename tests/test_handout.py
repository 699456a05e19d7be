"""The PDF handout: real paper sizes, the treaty card of each year, what changed, and a layout that fits."""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET

import matplotlib
import pytest

from kurilmap import export
from kurilmap.cli import main
from kurilmap.export.handout import S, _handout, _handout_page
from kurilmap.export.theme import _HATCH, _rc
from kurilmap.i18n import date_text
from kurilmap.panel import treaty_card

TODAY = datetime.date(2025, 1, 1)
POINTS = {"a4-landscape": (842, 595), "a4-portrait": (595, 842), "letter-landscape": (792, 612)}
POINTS["letter-portrait"] = (612, 792)


def media_box(pdf: bytes) -> tuple[int, int]:
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return float(box.group(1)), float(box.group(2))


def assert_size(pdf: bytes, paper: str) -> None:
    width, height = media_box(pdf)
    want = POINTS[paper]
    assert abs(width - want[0]) <= 1 and abs(height - want[1]) <= 1, (paper, width, height)


def handout_text(atlas, year, lang="en", compare=None, paper=None) -> str:
    """Every word of the handout, without whitespace (lines wrap anywhere), read from the SVG of the same page."""
    svg = _handout(atlas, year, "svg", "both", lang, paper, 150, compare, TODAY)
    root = ET.fromstring(svg)
    return re.sub(r"\s+", "", "".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------------------------------------------ paper


def test_the_default_pdf_is_an_a4_landscape_page(atlas):
    assert_size(export.render(atlas, 1905, "pdf", today=TODAY), "a4-landscape")


@pytest.mark.parametrize("paper", ["a4-portrait", "letter-landscape", "letter-portrait"])
def test_pdf_paper_sizes(atlas, paper):
    # width and height are for png and svg; a PDF page is always the paper
    assert_size(export.render(atlas, 1875, "pdf", paper=paper, width=800, height=600, today=TODAY), paper)


# ------------------------------------------------------------------------------------------------ content


def test_handout_holds_the_treaty_card_of_1905(atlas):
    text = handout_text(atlas, 1905)
    card = treaty_card(atlas, "portsmouth-1905", "en")
    signed = date_text(card["signed"], "en")  # written as a reader writes dates, never ISO
    for part in (card["name"], card["place"], signed, card["summary"], card["quotation"]):
        assert squeeze(part) in text, part
    assert card["signed"] not in text
    assert squeeze("Art. IX — quotation: English text of the treaty (FRUS 1905)") in text  # the kind of the quotation
    assert squeeze("What changed in 1905") in text and squeeze("Russian Empire → Empire of Japan: 33,319 km²") in text
    assert "GSHHG" in text and "2025-01-01" in text  # the sources caption
    assert "history.state.gov" in text  # the card's own sources


def test_compare_handout_has_a_card_for_each_year_and_what_changed(atlas):
    text = handout_text(atlas, 1921, "ru", compare=1875, paper="a4-portrait")
    for treaty in ("portsmouth-1905", "st-petersburg-1875"):
        card = treaty_card(atlas, treaty, "ru")
        assert squeeze(card["name"]) in text and squeeze(card["summary"]) in text
    assert squeeze("1921 · Портсмутский") in text and squeeze("1875 · Санкт-Петербургский") in text
    assert squeeze("Что изменилось") in text and squeeze("Российская империя → Японская империя 33\u00a0319") in text


def test_a_year_without_a_treaty_says_so(atlas):
    text = handout_text(atlas, 1850, "ja")
    assert squeeze("条約なし") in text


# ------------------------------------------------------------------------------------------------ layout


def _boxes(page, texts):
    renderer = page.fig.canvas.get_renderer()
    fixed = [page.title, page.subtitle, page.detail, page.caption]
    fixed = [("header/caption", t.get_window_extent(renderer)) for t in fixed if t.get_text()]
    fixed += [("map", p["ax"].get_tightbbox(renderer)) for p in page.panels]
    fixed.append(("legend", page.legend.get_window_extent(renderer)))
    return fixed, [(t.get_text()[:30], t.get_window_extent(renderer)) for t in texts]


@pytest.mark.parametrize(
    ("year", "compare", "lang", "paper"),
    [
        (1905, None, "en", "a4-landscape"),
        (1875, None, "ja", "a4-portrait"),
        (1950, None, "ru", "letter-landscape"),
        (1921, 1875, "ru", "a4-landscape"),
        (2000, 1945, "ja", "letter-portrait"),
        (1855, 1850, "en", "letter-landscape"),
    ],
)
def test_handout_text_fits_its_page_without_overlaps(atlas, year, compare, lang, paper):
    with matplotlib.rc_context(_rc(lang, S)):
        page, texts, fits = _handout_page(atlas, year, "both", lang, paper, 200, compare, TODAY)
        assert fits
        fixed, cards = _boxes(page, texts)
        dpi = page.fig.dpi
        width, height = page.layout.width * dpi, page.layout.height * dpi
        edge = 0.3 * dpi  # inches from the edge: inside what office printers print
        for name, box in fixed + cards:  # nothing cut at the printer's edge
            assert box.x0 >= edge - 1 and box.y0 >= edge - 1, name
            assert box.x1 <= width - edge + 1 and box.y1 <= height - edge + 1, name
        for i, (name, box) in enumerate(cards):
            others = fixed + cards[i + 1 :]
            hits = [other for other, b in others if box.shrunk(0.98, 0.9).overlaps(b.shrunk(0.98, 0.9))]
            assert not hits, f"{name!r} overlaps {hits}"


def test_the_legend_shows_the_patterns_black_and_white_print_needs(atlas):
    with matplotlib.rc_context(_rc("en", S)):
        page, _, _ = _handout_page(atlas, 1921, "both", "en", "a4-landscape", 100, 2000, TODAY)
    handles = dict(zip([t.get_text().replace("\n", " ") for t in page.legend.get_texts()], page.legend.legend_handles))
    assert handles["Disputed: administered by Russia, claimed by Japan"].get_hatch() == _HATCH
    occupied = [h for text, h in handles.items() if text.startswith("Japanese occupation")]
    assert occupied and occupied[0].get_hatch() == _HATCH
    lines = [h for text, h in handles.items() if text.startswith("1905 border")]
    assert lines and lines[0].get_linestyle() != "-"  # treaty lines are dashed, not just black


# ------------------------------------------------------------------------------------------------ command line


def run(*argv):
    try:
        return main([str(a) for a in argv], out=io.StringIO())
    except SystemExit as exc:
        return exc.code


def test_cli_snapshot_writes_an_a4_handout(tmp_path):
    target = tmp_path / "x.pdf"
    assert run("snapshot", "--year", 1905, "--out", target) == 0
    assert_size(target.read_bytes(), "a4-landscape")


def test_cli_snapshot_paper_letter_portrait(tmp_path):
    target = tmp_path / "x.pdf"
    assert run("snapshot", "--year", 1905, "--out", target, "--paper", "letter-portrait", "--compare", 1875) == 0
    assert_size(target.read_bytes(), "letter-portrait")


def test_cli_paper_with_a_png_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("snapshot", "--year", 1905, "--out", "x.png", "--paper", "letter-portrait") == 2
    err = capsys.readouterr().err
    assert "--paper letter-portrait sets the page of a PDF handout, but the format is png" in err
    assert "write a PDF (--out x.pdf) or drop --paper" in err
    assert list(tmp_path.iterdir()) == []
