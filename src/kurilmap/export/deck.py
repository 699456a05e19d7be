"""A guided tour to take away: a PowerPoint deck (a slide per step), a PDF booklet (a page per step) and a
lesson pack (the deck, a handout and a PNG per treaty year, in one ZIP).

Every map is the PNG export of the step's view (:func:`kurilmap.export.render`, with its legend and
caption); the texts, sources and views come from :mod:`kurilmap.tours`. Nothing is decided here.
"""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlencode

from kurilmap.export.options import PAPERS, ExportError
from kurilmap.i18n import LANGS, NAME_STYLES, t
from kurilmap.tours import open_step, tours
from kurilmap.view import View

#: Where a permalink points when no other address is given (`make run`'s app).
DEFAULT_URL = "http://localhost:8501/"
SLIDE_W, SLIDE_H = 13.333, 7.5  # inches: a 16:9 slide
IMAGE_SIZE = (1600, 1200)


def _check(tour_id: str, lang: str, names: str):
    tour = tours().get(tour_id)
    if tour is None:
        raise ExportError(f"unknown tour {str(tour_id)[:40]!r}; choose one of {', '.join(tours())}")
    if lang not in LANGS:
        raise ExportError(f"unknown language {str(lang)[:12]!r}; choose one of {', '.join(LANGS)}")
    if names not in NAME_STYLES:
        raise ExportError(f"unknown naming style {str(names)[:12]!r}; choose one of {', '.join(NAME_STYLES)}")
    return tour


def _steps(tour, lang: str, names: str, base_url: str):
    """(number, step, view, permalink) for each step of ``tour``."""
    for n, step in enumerate(tour.steps, start=1):
        view = open_step(View(lang=lang, names=names), tour.id, n)
        yield n, step, view, base_url + "?" + urlencode(view.to_query())


def _map_png(atlas, view: View, size=IMAGE_SIZE) -> bytes:
    from kurilmap.export import render

    width, height = size
    return render(
        atlas, view.year, "png", names=view.names, lang=view.lang, width=width, height=height, dpi=200,
        compare=view.compare, day=view.day,
    )  # fmt: skip


def tour_deck(
    atlas, tour_id: str, lang: str = "en", names: str = "both", base_url: str = DEFAULT_URL, size=IMAGE_SIZE
) -> bytes:
    """The tour as a PowerPoint deck: a title slide, then a slide per step with the map (legend included),
    the step's title and text; its sources and permalink are in the speaker notes.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> from pptx import Presentation
    >>> deck = Presentation(io.BytesIO(tour_deck(load_atlas(), "treaties", "ja", size=(400, 300))))
    >>> len(deck.slides), deck.slides[1].shapes.title.text
    (8, '1855年：下田条約（日露和親条約）')
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    tour = _check(tour_id, lang, names)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    deck.core_properties.title = tour.title[lang]
    deck.core_properties.language = lang
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = tour.title[lang]
    cover.placeholders[1].text = t("short_title", lang)
    for shape, top in ((cover.shapes.title, 2.0), (cover.placeholders[1], 4.1)):  # the 4:3 layout's places, widened
        shape.left, shape.top, shape.width, shape.height = Inches(1.0), Inches(top), Inches(SLIDE_W - 2.0), Inches(1.8)
    cover.notes_slide.notes_text_frame.text = base_url + "?" + urlencode({"tour": tour.id, "lang": lang})
    layout = deck.slide_layouts[5]  # title only
    for n, step, view, link in _steps(tour, lang, names, base_url):
        slide = deck.slides.add_slide(layout)
        title = slide.shapes.title
        title.text = step.title[lang]
        title.left, title.top, title.width, title.height = Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.9)
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(30)
        image = io.BytesIO(_map_png(atlas, view, size))
        slide.shapes.add_picture(image, Inches(0.4), Inches(1.2), height=Inches(6.0))  # 4:3, 8 in wide
        box = slide.shapes.add_textbox(Inches(8.7), Inches(1.2), Inches(4.3), Inches(6.0))
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = t("tour_step", lang, n=n, count=len(tour.steps))
        frame.paragraphs[0].runs[0].font.size = Pt(12)
        body = frame.add_paragraph()
        body.text = step.text[lang]
        body.runs[0].font.size = Pt(16 if len(step.text[lang]) < 320 else 13)
        notes = [step.text[lang], "", f"{t('tour_sources', lang)}: " + "; ".join(step.sources), "", link]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def tour_booklet(atlas, tour_id: str, lang: str = "en", names: str = "both", paper: str = "a4-portrait",
                 base_url: str = DEFAULT_URL, size=IMAGE_SIZE) -> bytes:  # fmt: skip
    """The tour as a PDF booklet on ``paper``: a page per step with its title, map, text, sources and link.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> tour_booklet(load_atlas(), "talks", "ru", size=(400, 300))[:5]
    b'%PDF-'
    """
    import matplotlib.image as mpimg
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from kurilmap.export.labels import _fit
    from kurilmap.export.theme import rendering

    tour = _check(tour_id, lang, names)
    if paper not in PAPERS:
        raise ExportError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    width, height = PAPERS[paper]
    steps = [
        (n, step, view, link, _map_png(atlas, view, size))
        for n, step, view, link in _steps(tour, lang, names, base_url)
    ]
    out = io.BytesIO()
    with rendering(lang, 1.0), PdfPages(out, metadata={"Title": tour.title[lang], "CreationDate": None}) as pdf:
        for n, step, _view, link, png in steps:
            fig = Figure(figsize=(width, height))
            text_w = (width - 1.2) * 72  # points inside 0.6 in margins
            fig.text(
                0.6 / width,
                1 - 0.55 / height,
                f"{tour.title[lang]} · {t('tour_step', lang, n=n, count=len(tour.steps))}",
                fontsize=9,
                va="top",
            )
            fig.text(
                0.6 / width,
                1 - 0.8 / height,
                _fit(step.title[lang], text_w, 16, lang, bold=True),
                fontsize=16,
                weight="bold",
                va="top",
            )
            map_h = min(height * 0.48, (width - 1.2) * 0.75)
            ax = fig.add_axes([0.6 / width, 1 - (1.5 + map_h) / height, (width - 1.2) / width, map_h / height])
            ax.imshow(mpimg.imread(io.BytesIO(png)))
            ax.set_axis_off()
            top = 1 - (1.7 + map_h) / height
            body = _fit(step.text[lang], text_w, 11, lang)
            fig.text(0.6 / width, top, body, fontsize=11, va="top", linespacing=1.4)
            sources = _fit(f"{t('tour_sources', lang)}: " + "; ".join(step.sources), text_w, 8, lang)
            fig.text(0.6 / width, 0.9 / height, sources + "\n" + link, fontsize=8, va="bottom", color="#333333")
            pdf.savefig(fig)
    return out.getvalue()


def lesson_pack(atlas, tour_id: str, lang: str = "en", names: str = "both", paper: str = "a4-portrait",
                base_url: str = DEFAULT_URL) -> bytes:  # fmt: skip
    """One ZIP for a lesson: the tour's deck, and for every treaty year a handout PDF on ``paper`` and a PNG.

    The treaty years are those of the static atlas's downloads (:func:`kurilmap.site.download_years`).
    """
    from kurilmap.export import render
    from kurilmap.site import download_years

    _check(tour_id, lang, names)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(f"tour-{tour_id}-{lang}.pptx", tour_deck(atlas, tour_id, lang, names, base_url))
        for year in download_years(atlas):
            view = View(year, names, lang)
            pack.writestr(view.file_name(".pdf"), render(atlas, year, "pdf", names=names, lang=lang, paper=paper))
            pack.writestr(view.file_name(".png"), render(atlas, year, "png", names=names, lang=lang))
    return buf.getvalue()
