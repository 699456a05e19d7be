"""Image export: the map of a year rendered to the bytes of a PNG, SVG or PDF file."""

from __future__ import annotations

import io

import numpy as np

from kurilmap.export.layout import _layout
from kurilmap.export.options import ExportError, _version
from kurilmap.export.page import _Page
from kurilmap.export.theme import keep_font_subsets, rendering
from kurilmap.geometry import DISPLAY_TOLERANCE
from kurilmap.publish import picture_metadata, svg_with_title, view_alt_text


def _image(
    atlas, year, fmt, names, lang, width, height, dpi, compare, today, day=None, shows=("held", "held"), map_only=False
) -> bytes:
    layout = _layout(width, height, dpi, 2 if compare is not None else 1, raster=fmt == "png", map_only=map_only)
    alt = view_alt_text(atlas, year, names, lang, compare, day)
    with rendering(lang, layout.s):
        page = _Page(atlas, layout, dpi, names, lang, today, DISPLAY_TOLERANCE, vector=fmt != "png")
        page.show(year, compare, day=day, shows=shows)
        title, caption = page.title_text, page.caption_text  # the full sources, also when only the credit is drawn
        meta = picture_metadata(atlas, fmt, title, alt, caption, lang, f"kurilmap {_version()}")
        if fmt == "png":
            return _png(page.rgb(), width, height, meta)
        buf = io.BytesIO()
        if fmt == "pdf":
            keep_font_subsets()
        page.fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
        return svg_with_title(buf.getvalue(), title, alt) if fmt == "svg" else buf.getvalue()


def _png(rgb: np.ndarray, width: int, height: int, meta: dict) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    if rgb.shape[:2] != (height, width):  # never expected; the layout adds a hair to avoid truncation
        raise ExportError(f"internal error: rendered {rgb.shape[1]}×{rgb.shape[0]} px instead of {width}×{height}")
    info = PngInfo()
    for key, value in meta.items():  # international text chunks: the alt text may be Japanese or Russian
        info.add_itxt(key, value)
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="PNG", pnginfo=info, compress_level=3)
    return buf.getvalue()
