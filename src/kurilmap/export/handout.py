"""The PDF handout: the map of a year (or two side by side) on a real paper size, with the treaty card
of each year, what changed and the sources, laid out to read well printed in black and white.

Landscape pages put the maps on the left and the cards on the right; portrait pages put the maps on
top and the cards below. Text is wrapped in the fonts that draw it and shrinks (never clips) when a
column is full. The land keeps the looks of :data:`kurilmap.style.LOOKS`, whose hatching and dashes,
shown in the legend too, carry the meaning without colour.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kurilmap.export.cards import changes_paragraphs, compare_paragraphs, day_paragraphs, treaty_paragraphs
from kurilmap.export.labels import _fit
from kurilmap.export.layout import _ASPECT, _Layout
from kurilmap.export.legend import caption_text, whose_position
from kurilmap.export.options import DEFAULT_PAPER, PAPERS, _version
from kurilmap.export.page import _Page
from kurilmap.export.theme import _INK, keep_font_subsets, rendering
from kurilmap.geometry import DISPLAY_TOLERANCE
from kurilmap.publish import picture_metadata, svg_with_title, view_alt_text

S = 1.2  # titles, legend and caption against the 8 × 6 in reference page
MARGIN = 0.45  # inches: inside the unprintable edge of every office printer
_TICK_LEFT, _TICK_BOTTOM = 0.34 * S, 0.2 * S  # room for the map's degree labels
_PANEL_TITLE = 0.36 * S  # "1921 (period)" over each map of a comparison, on up to two lines
_GAP = 0.32  # inches between columns
# Paragraph styles: size (pt), bold, italic, colour, space before (pt).
_STYLES = {
    "head": (10.0, True, False, _INK, 0.0),
    "section": (9.5, True, False, _INK, 0.0),
    "meta": (7.6, False, False, "#333333", 2.0),
    "body": (8.2, False, False, _INK, 4.0),
    "label": (7.0, True, False, "#444444", 5.0),
    "quote": (8.0, False, True, _INK, 1.5),
    "small": (6.8, False, False, "#444444", 3.0),
}
_BLOCK_GAP = 11.0  # points between blocks (cards, the legend, what changed)


@dataclass(frozen=True)
class _Frame:
    """A column for blocks of paragraphs, in inches from the bottom left of the page.

    ``top`` is where it starts; ``None`` starts it under the frames numbered in ``after``.
    """

    x: float
    w: float
    top: float | None
    blocks: tuple
    after: tuple = ()


def _caption_lines(lang: str, width_in: float, today, day: str | None = None, whose: str | None = None) -> int:
    text = caption_text(lang, today, day, whose)
    return _fit(text, width_in * 72 * 0.9, 5.3 * S, lang).count("\n") + 1


def _handout_layout(paper: str, panels: int, caption_lines: int = 3) -> tuple[_Layout, tuple, float]:
    """The page of a handout: the :class:`_Layout` of its maps and legend, its text frames, and their bottom (in)."""
    W, H = PAPERS[paper]
    header = (0.86 if panels == 1 else 0.62) * S  # title, subtitle and (one map) the treaty line
    top = H - MARGIN - header  # below the title block
    bottom = MARGIN + caption_lines * 5.3 * S * 1.35 / 72 + 0.12  # above the sources caption
    full_w = W - 2 * MARGIN
    portrait = H > W
    if panels == 1:
        if portrait:
            map_h = 0.6 * (top - bottom)
            map_w = map_h * _ASPECT
            x = (W - map_w + _TICK_LEFT) / 2
        else:
            map_w = min(0.5 * full_w, (top - bottom - _TICK_BOTTOM) * _ASPECT)
            map_h = map_w / _ASPECT
            x = MARGIN + _TICK_LEFT
        rects = [(x, top - map_h, map_w, map_h)]
        map_top = top
    else:
        maps_w = full_w if portrait else 0.66 * full_w
        gap = 0.42 * S
        map_w = (maps_w - _TICK_LEFT - gap) / 2
        map_h = map_w / _ASPECT
        map_top = top - _PANEL_TITLE
        rects = [(MARGIN + _TICK_LEFT + i * (map_w + gap), map_top - map_h, map_w, map_h) for i in range(2)]
    under = map_top - map_h - _TICK_BOTTOM - 0.2  # top of the space under the maps
    col_w = (full_w - _GAP) / 2
    if panels == 1 and not portrait:
        fx = rects[0][0] + map_w + 0.4
        frames = (_Frame(fx, W - MARGIN - fx, top, ("legend", "card0", "changes")),)
        legend, box = "side", (fx, bottom, W - MARGIN - fx, top - bottom)
    elif panels == 1:
        frames = (
            _Frame(MARGIN, col_w, under, ("legend", "changes")),
            _Frame(MARGIN + col_w + _GAP, col_w, under, ("card0",)),
        )
        legend, box = "side", (MARGIN, bottom, col_w, under - bottom)
    elif not portrait:
        fx = MARGIN + maps_w + _GAP
        frames = (
            _Frame(MARGIN, maps_w, under, ("legend", "changes")),
            _Frame(fx, W - MARGIN - fx, top, ("card0", "card1")),
        )
        legend, box = "below", (MARGIN, bottom, maps_w, under - bottom)
    else:
        frames = (
            _Frame(MARGIN, full_w, under, ("legend", "changes")),
            _Frame(MARGIN, col_w, None, ("card0",), (0,)),
            _Frame(MARGIN + col_w + _GAP, col_w, None, ("card1",), (0,)),
        )
        legend, box = "below", (MARGIN, bottom, full_w, under - bottom)
    frac = tuple((r[0] / W, r[1] / H, r[2] / W, r[3] / H) for r in rects)
    layout = _Layout(
        W, H, S, frac, legend, (box[0] / W, box[1] / H, box[2] / W, box[3] / H), 1 - MARGIN / H, bottom / H
    )
    return layout, frames, bottom


def _blocks(atlas, page: _Page, year: int, compare, names: str, lang: str) -> dict:
    scene = page.view_scene
    if scene.view.day is not None and compare is None:
        return {"card0": day_paragraphs(atlas, scene.view.day, lang), "changes": treaty_paragraphs(atlas, year, lang)}
    if compare is None:
        return {
            "card0": treaty_paragraphs(atlas, year, lang),
            "changes": changes_paragraphs(atlas, year, names, lang),
        }
    cards = {  # each map's treaty card, or for a day of 1945 that day's card of the sequence
        f"card{i}": treaty_paragraphs(atlas, ms.year, lang, with_year=True)
        if ms.day is None
        else day_paragraphs(atlas, ms.day, lang)
        for i, ms in enumerate(scene.maps)
    }
    return {**cards, "changes": compare_paragraphs(scene, lang)}


def _write(page: _Page, frames, blocks: dict, bottom: float, factor: float) -> tuple[list, bool]:
    """Draw the frames' paragraphs at ``factor`` × their sizes; return the texts and whether any column overflowed."""
    fig, lay, lang = page.fig, page.layout, page.lang
    renderer = fig.canvas.get_renderer()
    dpi = fig.dpi
    texts, ends, overflow = [], [], False
    for frame in frames:
        y = frame.top if frame.top is not None else min(ends[i] for i in frame.after)
        for n, name in enumerate(frame.blocks):
            if n or frame.top is None:
                y -= _BLOCK_GAP * factor / 72
            if name == "legend":  # drawn by the page; continue under it
                y = page.legend.get_window_extent(renderer).y0 / dpi - 0.04
                continue
            for i, (style, text) in enumerate(blocks[name]):
                size, bold, italic, colour, before = _STYLES[style]
                size *= factor
                if i:
                    y -= before * factor / 72
                wrapped = _fit(text, frame.w * 72 * 0.96, size, lang, bold)
                txt = fig.text(
                    frame.x / lay.width, y / lay.height, wrapped, ha="left", va="top", fontsize=size,
                    weight="bold" if bold else "normal", style="italic" if italic else "normal", color=colour,
                    linespacing=1.3,
                )  # fmt: skip
                txt.set_gid(f"handout-{name}")
                texts.append(txt)
                y = txt.get_window_extent(renderer).y0 / dpi
        ends.append(y)
        overflow |= y < bottom
    return texts, overflow


def _handout_page(atlas, year, names, lang, paper, dpi, compare, today, vector=True, day=None, shows=("held", "held")):
    """The matplotlib page of a handout, its text artists and whether they fit (``True`` unless the text is too long)."""
    paper = paper or DEFAULT_PAPER
    panels = 1 if compare is None else 2
    whose = whose_position(atlas, year, compare, lang, shows)
    layout, frames, bottom = _handout_layout(paper, panels, _caption_lines(lang, PAPERS[paper][0], today, day, whose))
    page = _Page(atlas, layout, dpi, names, lang, today, DISPLAY_TOLERANCE, vector=vector)
    page.show(year, compare, day=day, shows=shows)
    for panel, rect in zip(page.panels, layout.panels):  # "1921 (1905–1945: …)" wrapped to its map
        title = panel["ax"].title
        title.set_text(_fit(title.get_text(), rect[2] * layout.width * 72, title.get_fontsize(), lang, True))
    if "\n" in page.subtitle.get_text():  # a long compare caption: the "What changed" block holds it
        page.subtitle.set_text("")
    for txt in page.side_texts:  # the treaty notes under a side legend: the card says it in full
        txt.remove()
    page.side_texts = []
    blocks = _blocks(atlas, page, year, compare, names, lang)
    factor = 1.1  # as large as fits, within 0.6–1.1 × the styles' sizes
    for _ in range(12):
        texts, overflow = _write(page, frames, blocks, bottom, factor)
        if not overflow:
            break
        for txt in texts:
            txt.remove()
        factor *= 0.95
    return page, texts, not overflow


def _handout(atlas, year, fmt, names, lang, paper, dpi, compare, today, day=None, shows=("held", "held")) -> bytes:
    """The handout as the bytes of a PDF (or, to look at or test it, an SVG or PNG of the same page)."""
    with rendering(lang, S):
        page, _, _ = _handout_page(
            atlas, year, names, lang, paper, dpi, compare, today, vector=fmt != "png", day=day, shows=shows
        )
        title = page.title.get_text()
        caption = page.caption.get_text().replace("\n", " ")
        alt = view_alt_text(atlas, year, names, lang, compare, day)
        buf = io.BytesIO()
        meta = picture_metadata(atlas, fmt, title, alt, caption, lang, f"kurilmap {_version()}")
        if fmt == "pdf":
            keep_font_subsets()
        page.fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
        return svg_with_title(buf.getvalue(), title, alt) if fmt == "svg" else buf.getvalue()
