"""Page layout and projection: where maps, legend and texts go on a page, and the pixel of a place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely

#: The part of the map an export shows: (west, south, east, north), inside the data region.
VIEW = (139.5, 41.3, 157.2, 54.6)
SCALE_LAT = 48.0  # the Mercator scale bar is true at this latitude


def _merc_y(lat):
    """Mercator northing in 'degrees' (so one unit east is one degree of longitude)."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(np.asarray(lat, dtype=float)) / 2)))


def _project(geom):
    return shapely.transform(geom, lambda xy: np.column_stack([xy[:, 0], _merc_y(xy[:, 1])]))


_VIEW_XY = (VIEW[0], float(_merc_y(VIEW[1])), VIEW[2], float(_merc_y(VIEW[3])))
_ASPECT = (_VIEW_XY[2] - _VIEW_XY[0]) / (_VIEW_XY[3] - _VIEW_XY[1])  # map width / height


#: The widest part of the map a wide picture shows: the latitudes of ``VIEW`` and more of the seas and coasts on
#: both sides, the history kept in the middle (inside :data:`kurilmap.data.SURROUNDINGS`, whose land beyond the
#: data region ``geodata/surroundings.geojson`` holds).
WIDE_VIEW = (134.6, VIEW[1], 162.1, VIEW[3])
_WIDE_ASPECT = (WIDE_VIEW[2] - WIDE_VIEW[0]) / (_VIEW_XY[3] - _VIEW_XY[1])
#: The least width (in inches on the 8 × 6 in reference page) of the column beside a wide map: the title wraps
#: to two lines in it, a legend line holds about 40 characters.
_COLUMN = 2.6

#: From this width / height on (16:9 and wider; a 4:3 slide is 1.33, A4 landscape 1.41) a single map takes
#: the full height of the picture and the title, legend and caption stand beside it in one column.
WIDE = 1.6


@dataclass(frozen=True)
class _Layout:
    """Where everything goes on a page of ``width`` × ``height`` inches (figure fractions for matplotlib).

    The one place that decides the arrangement for a size: the page and the legend only draw into
    the boxes given here (``column``: title block, legend and caption flow down one column beside the map).
    """

    width: float  # inches
    height: float
    s: float  # scale of fonts and lines against the 8 × 6 in reference
    panels: tuple  # (left, bottom, width, height) in figure fractions, one per map
    legend: str  # "side", "below" or "none" (map only)
    legend_box: tuple  # (left, bottom, width, height) in figure fractions
    header_top: float  # figure fraction
    caption_top: float
    header: tuple = (0.5, "center", 0.94)  # x, alignment and width (figure fractions) of the title block
    caption_at: tuple = (0.5, "center", "top", 0.9)  # x, alignment, vertical anchor, width of the caption
    column: bool = False  # title block, legend and caption stacked beside the map
    map_only: bool = False  # no title block and no legend; the caption is the short credit line
    view: tuple = _VIEW_XY  # the part of the map drawn in every panel: (west, south, east, north), projected

    @property
    def wide(self) -> bool:
        """The view reaches beyond ``VIEW``: the surroundings are drawn."""
        return self.view[0] < _VIEW_XY[0] or self.view[2] > _VIEW_XY[2]


def _layout(
    width_px: int, height_px: int, dpi: int, panels: int = 1, raster: bool = True, map_only: bool = False
) -> _Layout:
    # Rasters get a hair over the exact size so matplotlib's truncation to whole pixels lands on
    # width_px × height_px; vector pages keep the exact size in inches.
    hair = 0.01 if raster else 0.0
    W, H = (width_px + hair) / dpi, (height_px + hair) / dpi
    # Landscape pages scale against 8 × 6 in, portrait ones against 6 × 8 in.
    s = max(min(W / 8.0, H / 6.0), min(W / 6.0, H / 8.0))
    if map_only:
        return _bare(W, H, s, panels)
    if panels == 1 and W / H >= WIDE:
        return _beside(W, H, s)
    margin, header = 0.14 * s, 0.86 * s
    caption = (0.34 if 7 * s <= W else 0.48) * s  # narrow pages wrap the sources onto a third line
    tick_left, tick_bottom = 0.34 * s, 0.2 * s
    panel_title = 0.24 * s if panels == 2 else 0.0
    gap = 0.42 * s
    x0, y0 = margin + tick_left, caption + tick_bottom
    avail_w, avail_h = W - x0 - margin, H - header - y0 - panel_title
    per_w = (avail_w - gap * (panels - 1)) / panels
    side_w = 2.05 * s
    view = _VIEW_XY
    if panels == 1 and avail_w - avail_h * _ASPECT >= side_w:
        legend = "side"
        map_h = avail_h
        map_w = map_h * _ASPECT
        used = map_w + 0.25 * s + side_w
        left = x0 + max(0.0, (avail_w - used) / 2)
        box = (left + map_w + 0.25 * s, y0, W - margin - (left + map_w + 0.25 * s), avail_h)
        rects = [(left, y0, map_w, map_h)]
    else:
        legend = "below"
        band = (0.75 if panels == 2 else 1.25) * s
        map_h = min(avail_h - band, per_w / _ASPECT)
        map_w = map_h * _ASPECT
        if W / H >= WIDE:  # two maps in a wide picture: each shows more sea and coast, as one map does
            map_w = min(per_w, map_h * _WIDE_ASPECT)
            view = _widened(map_w / map_h)
        total = panels * map_w + (panels - 1) * gap
        left = x0 + (avail_w - total) / 2
        bottom = y0 + band
        top_space = avail_h - band - map_h
        bottom += top_space / 2  # centre the maps vertically in any spare height
        rects = [(left + i * (map_w + gap), bottom, map_w, map_h) for i in range(panels)]
        box = (x0 - tick_left, y0, W - 2 * margin, bottom - y0 - tick_bottom - 0.05 * s)
    frac = [(r[0] / W, r[1] / H, r[2] / W, r[3] / H) for r in rects]
    return _Layout(
        W, H, s, tuple(frac), legend, (box[0] / W, box[1] / H, box[2] / W, box[3] / H), 1 - margin / H, caption / H,
        view=view,
    )  # fmt: skip


def _beside(W: float, H: float, s: float) -> _Layout:
    """A wide picture: the map as tall as the picture, on the left; title, legend and caption in a column to its right.

    The history's region is taller than wide, so a map as tall as a 16:9 picture would leave half of it
    to the column. Instead the map shows more of the seas and coasts on both sides (up to ``WIDE_VIEW``),
    at the same scale and on the same projection, until the column has its least width: the same land
    of the history, as large as the height allows, and the picture filled with map.
    """
    margin, tick_left, tick_bottom, gap = 0.14 * s, 0.34 * s, 0.2 * s, 0.36 * s
    map_h = H - 2 * margin - tick_bottom
    left, bottom = margin + tick_left, margin + tick_bottom
    room = W - margin - left - gap - _COLUMN * s
    map_w = max(map_h * _ASPECT, min(room, map_h * _WIDE_ASPECT))
    view = _widened(map_w / map_h)
    cx = left + map_w + gap
    cw = W - margin - cx
    box = (cx / W, bottom / H, cw / W, (H - margin - bottom) / H)
    return _Layout(
        W, H, s, ((left / W, bottom / H, map_w / W, map_h / H),), "side", box, 1 - margin / H, bottom / H,
        header=(cx / W, "left", 0.97 * cw / W), caption_at=(cx / W, "left", "bottom", cw / W), column=True,
        view=view,
    )  # fmt: skip


def _widened(aspect: float) -> tuple:
    """The view of a map of that width / height: the latitudes of ``VIEW``, the history in the middle, as many
    degrees of longitude as the height's scale gives (so nothing is squashed), at most ``WIDE_VIEW``."""
    x0, y0, x1, y1 = _VIEW_XY
    half = min(aspect, _WIDE_ASPECT) * (y1 - y0) / 2
    centre = (x0 + x1) / 2
    return (centre - half, y0, centre + half, y1)


def _bare(W: float, H: float, s: float, panels: int) -> _Layout:
    """Map only: the map (or both maps) as large as the picture allows, and one small credit line under it."""
    margin, tick_left, tick_bottom, gap = 0.14 * s, 0.34 * s, 0.2 * s, 0.42 * s
    credit = 0.2 * s
    x0, y0 = margin + tick_left, margin + credit + tick_bottom
    avail_w, avail_h = W - x0 - margin, H - y0 - margin
    per_w = (avail_w - gap * (panels - 1)) / panels
    map_h = min(avail_h, per_w / _ASPECT)
    map_w, view = map_h * _ASPECT, _VIEW_XY
    if W / H >= WIDE:  # a wide picture: more sea and coast beside the history rather than white
        map_w = min(per_w, map_h * _WIDE_ASPECT)
        view = _widened(map_w / map_h)
    total = panels * map_w + (panels - 1) * gap
    left = x0 + (avail_w - total) / 2 - tick_left / 2  # the tick labels on the left count in the centring
    bottom = y0 + (avail_h - map_h) / 2
    rects = tuple(((left + i * (map_w + gap)) / W, bottom / H, map_w / W, map_h / H) for i in range(panels))
    centre = (left + total / 2) / W
    return _Layout(
        W, H, s, rects, "none", (0.0, 0.0, 0.0, 0.0), 1 - margin / H, (bottom - tick_bottom) / H,
        caption_at=(centre, "center", "top", total / W), map_only=True, view=view,
    )  # fmt: skip


@cache
def _reference_map_width() -> float:
    """Width in inches of the map on the reference page (8 × 6 in, one map)."""
    lay = _layout(800, 600, 100, 1)
    return lay.panels[0][2] * lay.width


@cache
def _reference_deg_per_pt() -> float:
    """Degrees of longitude per point of text on the reference map."""
    return round((_VIEW_XY[2] - _VIEW_XY[0]) / (_reference_map_width() * 72), 6)


def map_pixel(
    lon: float, lat: float, *, width: int, height: int, compare: bool = False, panel: int = 0, map_only: bool = False
):
    """Pixel (column, row) of a place in a PNG made by :func:`render` at that size.

    The layout does not depend on the year, the language or the dpi, so the same pixel
    shows the same place in every PNG of that size (and in every GIF frame of :func:`animate`).

    Examples
    --------
    >>> col, row = map_pixel(142.74, 46.96, width=1600, height=1200)
    >>> 0 < col < 1600 and 0 < row < 1200
    True
    """
    lay = _layout(width, height, 100, 2 if compare else 1, map_only=map_only)
    left, bottom, w, h = lay.panels[panel]
    x0, y0, x1, y1 = lay.view
    fx = (lon - x0) / (x1 - x0)
    fy = (float(_merc_y(lat)) - y0) / (y1 - y0)
    col = (left + fx * w) * width
    row = (1 - (bottom + fy * h)) * height
    return int(col), int(row)
