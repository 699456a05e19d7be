"""A tour to take away (issue 24): the PowerPoint deck read back with python-pptx, the PDF booklet, the
lesson pack and the `kurilmap tour` command, in English, Japanese and Russian."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import parse_qs, urlparse

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from test_cli import run

from kurilmap.export.deck import lesson_pack, tour_booklet, tour_deck
from kurilmap.export.options import ExportError
from kurilmap.site import download_years
from kurilmap.tours import open_step, parse_link, tours
from kurilmap.view import View

SMALL = (400, 300)  # the map images' size here: the deck's parts are what is checked, not the maps


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_deck_has_a_slide_per_step_with_title_map_text_and_notes(atlas, lang):
    tour = tours()["treaties"]
    deck = Presentation(io.BytesIO(tour_deck(atlas, "treaties", lang, size=SMALL)))
    slides = list(deck.slides)
    assert len(slides) == len(tour.steps) + 1 and slides[0].shapes.title.text == tour.title[lang]
    for n, (slide, step) in enumerate(zip(slides[1:], tour.steps), start=1):
        assert slide.shapes.title.text == step.title[lang]
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.blob[:8] == b"\x89PNG\r\n\x1a\n"  # the map, legend on it
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert step.text[lang] in texts
        notes = slide.notes_slide.notes_text_frame.text
        assert all(source in notes for source in step.sources)
        link = re.search(r"http://\S+", notes).group(0)
        query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
        assert parse_link(query) == (open_step(View(lang=lang), "treaties", n), [])  # the permalink opens the step


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_booklet_is_a_pdf_page_per_step(atlas, lang):
    data = tour_booklet(atlas, "talks", lang, paper="letter-portrait", size=SMALL)
    assert data[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == len(tours()["talks"].steps)
    assert re.search(rb"/MediaBox \[ ?0 0 612 792 ?\]", data)  # US Letter, portrait


def test_the_lesson_pack_holds_the_deck_and_a_handout_and_png_per_treaty_year(atlas):
    names = zipfile.ZipFile(io.BytesIO(lesson_pack(atlas, "treaties", "ja", paper="a4-portrait"))).namelist()
    years = download_years(atlas)
    assert "tour-treaties-ja.pptx" in names
    assert {f"kuril-border-{y}-ja.pdf" for y in years} | {f"kuril-border-{y}-ja.png" for y in years} <= set(names)


def test_the_tour_command_writes_a_deck_and_refuses_a_bad_tour_or_file_kind(tmp_path):
    out = tmp_path / "lesson.pptx"
    code, text = run("tour", "1945", "--out", str(out), "--lang", "ja")
    assert code == 0 and "wrote" in text
    assert len(Presentation(str(out)).slides) == len(tours()["1945"].steps) + 1
    assert run("tour", "nope", "--out", str(tmp_path / "x.pptx"))[0] == 2
    assert run("tour", "talks", "--out", str(tmp_path / "x.docx"))[0] == 2
    with pytest.raises(ExportError):
        tour_deck(None, "talks", "fr")
