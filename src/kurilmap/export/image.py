"""Image export: the map of a year rendered to the bytes of a PNG, SVG or PDF file."""

from __future__ import annotations

import io

import numpy as np

from kurilmap import __version__
from kurilmap.export.layout import _layout
from kurilmap.export.options import ExportError
from kurilmap.export.page import _Page
from kurilmap.export.theme import keep_font_subsets, rendering
from kurilmap.geometry import DISPLAY_TOLERANCE


def _image(
    atlas, year, fmt, names, lang, width, height, dpi, compare, today, day=None, shows=("held", "held")
) -> bytes:
    layout = _layout(width, height, dpi, 2 if compare is not None else 1, raster=fmt == "png")
    with rendering(lang, layout.s):
        page = _Page(atlas, layout, dpi, names, lang, today, DISPLAY_TOLERANCE, vector=fmt != "png")
        page.show(year, compare, day=day, shows=shows)
        title = page.title.get_text()
        caption = page.caption.get_text().replace("\n", " ")
        if fmt == "png":
            return _png(page.rgb(), width, height, title, caption)
        buf = io.BytesIO()
        meta = {"Title": title, "Creator": f"kurilmap {__version__}"}
        if fmt == "svg":
            meta = {"Title": title, "Description": caption, "Creator": f"kurilmap {__version__}", "Date": None}
        else:
            meta.update({"Subject": caption, "CreationDate": None})
        if fmt == "pdf":
            keep_font_subsets()
        page.fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
        return buf.getvalue()


def _png(rgb: np.ndarray, width: int, height: int, title: str, caption: str) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    if rgb.shape[:2] != (height, width):  # never expected; the layout adds a hair to avoid truncation
        raise ExportError(f"internal error: rendered {rgb.shape[1]}×{rgb.shape[0]} px instead of {width}×{height}")
    info = PngInfo()
    info.add_itxt("Title", title)
    info.add_itxt("Description", caption)
    info.add_text("Software", f"kurilmap {__version__}")
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="PNG", pnginfo=info, compress_level=3)
    return buf.getvalue()
