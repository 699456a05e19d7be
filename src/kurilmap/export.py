"""Snapshot export: the map of a year as PNG, SVG, PDF, HTML, GeoJSON or GeoPackage, and an animated GIF."""

from __future__ import annotations

import datetime as _dt
import io
import json
import logging
import math
import os
import secrets
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely import ops, prepared

from kurilmap import __version__
from kurilmap.data import CRS84, REGION
from kurilmap.geometry import DISPLAY_TOLERANCE
from kurilmap.i18n import LANGS, NAME_STYLES, check_view, pick, place_name, t

__all__ = [
    "FORMATS",
    "ExportError",
    "animate",
    "add_cli_commands",
    "check_options",
    "default_animation_years",
    "map_pixel",
    "provenance",
    "render",
    "write",
]

FORMATS = ("png", "svg", "pdf", "html", "geojson", "gpkg", "gif")
#: File name endings accepted for each format (the first is the one ``snapshot --all`` uses).
EXTENSIONS = {
    "png": (".png",),
    "svg": (".svg",),
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "gif": (".gif",),
}
IMAGE_FORMATS = ("png", "svg", "pdf")
SIZE_RANGE = (200, 6000)  # pixels, width and height
DPI_RANGE = (50, 600)
#: The part of the map an export shows: (west, south, east, north), inside the data region.
VIEW = (139.5, 41.3, 157.2, 54.6)
SCALE_LAT = 48.0  # the Mercator scale bar is true at this latitude
# print and vector output use geometry.DISPLAY_TOLERANCE (coast within 150 m of the shoreline)
FRAME_TOLERANCE = 0.004  # degrees: GIF frames, about a quarter of a pixel at 1000 px wide

_HATCH = "////"
_CONTESTED_EDGE = "#777777"  # the app's dashed outline of land without an agreed border
_INK = "#222222"


class ExportError(ValueError):
    """An export that cannot be made or written; the message says what is wrong and what to do."""


# ---------------------------------------------------------------------------------------------- checks


def check_options(year, fmt: str, *, names="both", lang="en", width=1600, height=1200, dpi=200, compare=None):
    """Raise :class:`ExportError` for any option an export cannot use.

    Examples
    --------
    >>> check_options(1905, "png", width=100)
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: width 100 px is outside 200–6000 px; choose a size such as --width 1600
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        check_view(names, lang)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    for what, value, default in (("width", width, 1600), ("height", height, 1200)):
        if not isinstance(value, int) or not SIZE_RANGE[0] <= value <= SIZE_RANGE[1]:
            raise ExportError(
                f"{what} {value} px is outside {SIZE_RANGE[0]}–{SIZE_RANGE[1]} px; "
                f"choose a size such as --{what} {default}"
            )
    if not isinstance(dpi, int) or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise ExportError(f"dpi {dpi} is outside {DPI_RANGE[0]}–{DPI_RANGE[1]}; choose e.g. --dpi 200 (print: 300)")
    if compare is not None and fmt in ("geojson", "gpkg", "gif"):
        raise ExportError(
            f"--compare makes a side-by-side map; {fmt} holds one year. Drop --compare or use png, svg, pdf or html"
        )
    for y in (year, compare):
        if y is not None:
            _check_year(y)


def _check_year(year) -> int:
    from kurilmap.periods import YearError, history

    try:
        return history().check_year(year)
    except YearError as exc:
        raise ExportError(str(exc)) from None


# ---------------------------------------------------------------------------------------------- projection


def _merc_y(lat):
    """Mercator northing in 'degrees' (so one unit east is one degree of longitude)."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(np.asarray(lat, dtype=float)) / 2)))


def _project(geom):
    return shapely.transform(geom, lambda xy: np.column_stack([xy[:, 0], _merc_y(xy[:, 1])]))


_VIEW_XY = (VIEW[0], float(_merc_y(VIEW[1])), VIEW[2], float(_merc_y(VIEW[3])))
_ASPECT = (_VIEW_XY[2] - _VIEW_XY[0]) / (_VIEW_XY[3] - _VIEW_XY[1])  # map width / height


# ---------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Layout:
    """Where everything goes on a page of ``width`` × ``height`` inches (figure fractions for matplotlib)."""

    width: float  # inches
    height: float
    s: float  # scale of fonts and lines against the 8 × 6 in reference
    panels: tuple  # (left, bottom, width, height) in figure fractions, one per map
    legend: str  # "side" or "below"
    legend_box: tuple  # (left, bottom, width, height) in figure fractions
    header_top: float  # figure fraction
    caption_top: float


def _layout(width_px: int, height_px: int, dpi: int, panels: int = 1, raster: bool = True) -> _Layout:
    # Rasters get a hair over the exact size so matplotlib's truncation to whole pixels lands on
    # width_px × height_px; vector pages keep the exact size in inches.
    hair = 0.01 if raster else 0.0
    W, H = (width_px + hair) / dpi, (height_px + hair) / dpi
    # Landscape pages scale against 8 × 6 in, portrait ones against 6 × 8 in.
    s = max(min(W / 8.0, H / 6.0), min(W / 6.0, H / 8.0))
    margin, header = 0.14 * s, 0.86 * s
    caption = (0.34 if 7 * s <= W else 0.48) * s  # narrow pages wrap the sources onto a third line
    tick_left, tick_bottom = 0.34 * s, 0.2 * s
    panel_title = 0.24 * s if panels == 2 else 0.0
    gap = 0.42 * s
    x0, y0 = margin + tick_left, caption + tick_bottom
    avail_w, avail_h = W - x0 - margin, H - header - y0 - panel_title
    per_w = (avail_w - gap * (panels - 1)) / panels
    side_w = 2.05 * s
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
        total = panels * map_w + (panels - 1) * gap
        left = x0 + (avail_w - total) / 2
        bottom = y0 + band
        top_space = avail_h - band - map_h
        bottom += top_space / 2  # centre the maps vertically in any spare height
        rects = [(left + i * (map_w + gap), bottom, map_w, map_h) for i in range(panels)]
        box = (x0 - tick_left, y0, W - 2 * margin, bottom - y0 - tick_bottom - 0.05 * s)
    frac = [(r[0] / W, r[1] / H, r[2] / W, r[3] / H) for r in rects]
    return _Layout(
        W, H, s, tuple(frac), legend, (box[0] / W, box[1] / H, box[2] / W, box[3] / H), 1 - margin / H, caption / H
    )


@cache
def _reference_map_width() -> float:
    """Width in inches of the map on the reference page (8 × 6 in, one map)."""
    lay = _layout(800, 600, 100, 1)
    return lay.panels[0][2] * lay.width


@cache
def _reference_deg_per_pt() -> float:
    """Degrees of longitude per point of text on the reference map."""
    return round((_VIEW_XY[2] - _VIEW_XY[0]) / (_reference_map_width() * 72), 6)


def map_pixel(lon: float, lat: float, *, width: int, height: int, compare: bool = False, panel: int = 0):
    """Pixel (column, row) of a place in a PNG made by :func:`render` at that size.

    The layout does not depend on the year, the language or the dpi, so the same pixel
    shows the same place in every PNG of that size (and in every GIF frame of :func:`animate`).

    Examples
    --------
    >>> col, row = map_pixel(142.74, 46.96, width=1600, height=1200)
    >>> 0 < col < 1600 and 0 < row < 1200
    True
    """
    lay = _layout(width, height, 100, 2 if compare else 1)
    left, bottom, w, h = lay.panels[panel]
    x0, y0, x1, y1 = _VIEW_XY
    fx = (lon - x0) / (x1 - x0)
    fy = (float(_merc_y(lat)) - y0) / (y1 - y0)
    col = (left + fx * w) * width
    row = (1 - (bottom + fy * h)) * height
    return int(col), int(row)


# ---------------------------------------------------------------------------------------------- scene data


def _ring_codes(n: int):
    from matplotlib.path import Path as MplPath

    codes = np.full(n, MplPath.LINETO, dtype=np.uint8)
    codes[0] = MplPath.MOVETO
    codes[-1] = MplPath.CLOSEPOLY
    return codes


def _mpl_path(geom):
    """A matplotlib path for a projected (multi)polygon; holes wind the other way (nonzero fill)."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for poly in shapely.get_parts(shapely.orient_polygons(geom)):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            verts.append(xy)
            codes.append(_ring_codes(len(xy)))
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _lines_xy(geom) -> list[np.ndarray]:
    return [np.asarray(part.coords) for part in shapely.get_parts(geom) if not part.is_empty]


@dataclass
class _Scene:
    """Year-independent drawing data: projected, simplified, ready for matplotlib."""

    units: list  # dicts: id, island, zone, holders, path, coast (list of arrays), geometry (lon/lat)
    context: list  # paths
    lines: dict  # id -> {"xy": array, "labels": {lang: text}}
    towns: list  # dicts: x, y, names
    labels: list  # dicts: id, names, geometry (lon/lat), big (bool)
    land: object  # lon/lat union of everything drawn as land, for label placement


@cache
def _scene(atlas, tolerance: float) -> _Scene:
    units = []
    zones = atlas.split_zones()
    for u in atlas.display_units(tolerance):
        geom = u["geometry"]
        coast = shapely.boundary(geom)
        if u["part"]:
            # The cut across Sakhalin is not a coast: leave it out of outlines.
            coast = shapely.difference(coast, shapely.buffer(shapely.boundary(zones[u["part"]]), 1e-6))
        units.append(
            {
                "id": u["id"],
                "island": u["island"],
                "zone": u["zone"],
                "holders": u["holders"],
                "path": _mpl_path(_project(geom)),
                "coast": _lines_xy(_project(coast)),
                "geometry": geom,
            }
        )
    context_geoms = [shapely.simplify(g, tolerance * 2, preserve_topology=True) for g in atlas.context.geometries]
    context = [_mpl_path(_project(g)) for g in context_geoms]
    lines = {
        p["id"]: {"xy": np.asarray(_project(g).coords), "labels": {lang: p[f"label_{lang}"] for lang in LANGS}}
        for p, g in zip(atlas.lines.properties, atlas.lines.geometries)
    }
    towns = [
        {"id": p["id"], "lon": g.x, "lat": g.y, "names": p}
        for p, g in zip(atlas.towns.properties, atlas.towns.geometries)
    ]
    # Labels: islands of 150 km² or more (as in the app) and the four disputed islands as named units.
    first = next(iter(atlas.layers.values()))
    area, names, geoms = {}, {}, {}
    for props in first.properties:
        area[props["island"]] = area.get(props["island"], 0.0) + props["area_km2"]
        names.setdefault(props["island"], props)
    for u in units:
        geoms.setdefault(u["island"], []).append(u["geometry"])
    disputed_members = set()
    labels = []
    for props, _ in zip(atlas.disputed.properties, atlas.disputed.geometries):
        members = [g for i in props["islands"] for g in geoms.get(i, [])]
        disputed_members |= set(props["islands"])
        labels.append({"id": props["id"], "names": props, "geometry": shapely.union_all(members), "big": False})
    for island, km2 in area.items():
        if km2 >= 150 and island not in disputed_members:
            geom = shapely.union_all(geoms[island])
            labels.append({"id": island, "names": names[island], "geometry": geom, "big": km2 >= 10_000})
    land = shapely.union_all([u["geometry"] for u in units] + context_geoms)
    return _Scene(units, context, lines, towns, labels, land)


# Hand-placed names: the largest land masses (inside them) and the four disputed islands, the
# map's subject, each on its open-sea side. (lon, lat, horizontal and vertical alignment)
_LABEL_AT = {
    "hokkaido": (142.75, 43.45, "center", "center"),
    "sakhalin": (142.85, 51.75, "center", "center"),
    "kamchatka": (156.3, 53.7, "center", "center"),
    "etorofu": (148.55, 45.0, "left", "top"),
    "kunashiri": (145.95, 44.72, "center", "bottom"),
    "shikotan": (146.98, 43.6, "left", "top"),
    "habomai": (146.15, 43.12, "center", "top"),
}
# Label sizes in points at the reference page size (scaled with the page).
_ISLAND_PT, _BIG_PT, _TOWN_PT, _LINE_PT = 6.3, 8.0, 4.9, 5.1


def _text_em(text: str) -> float:
    """Approximate width of ``text`` in ems: CJK is full width, everything else about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


@lru_cache(maxsize=8192)  # bounded: page sizes are free, so the strings measured are too
def _text_size(text: str, size: float, lang: str, bold: bool = False) -> tuple[float, float]:
    """Width and height in points of (possibly multi-line) ``text``, measured with the fonts used to draw it."""
    from matplotlib.font_manager import FontProperties

    renderer = _measuring_renderer()
    prop = FontProperties(family=_fonts(lang), size=size, weight="bold" if bold else "normal")
    widths = [renderer.get_text_width_height_descent(line or " ", prop, ismath=False)[0] for line in text.split("\n")]
    return max(widths) / 10, size * 1.2 * len(widths)


@cache
def _measuring_renderer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 720)  # ten pixels a point: fine enough that hinting does not skew the widths


def _two_lines(text: str, limit_em: float) -> str:
    """Put "Japanese / Russian" names on two lines when they are long."""
    if " / " in text and _text_em(text) > limit_em:
        a, b = text.split(" / ", 1)
        return f"{a} /\n{b}"
    return text


_RINGS = (1.0, 2.5, 5.0, 8.0)  # label distances from what they name, in gaps; beyond the first, with a leader line
# Directions to try, nearest first: (dx, dy, ha, va). East and west lead: the island chain runs SW–NE.
_DIRECTIONS = (
    (1.0, 0.0, "left", "center"),
    (-1.0, 0.0, "right", "center"),
    (0.7, -0.5, "left", "top"),
    (-0.7, 0.5, "right", "bottom"),
    (0.7, 0.5, "left", "bottom"),
    (-0.7, -0.5, "right", "top"),
    (0.0, -0.7, "center", "top"),
    (0.0, 0.7, "center", "bottom"),
)


def _around(geom, gap: float) -> list[tuple]:
    """Candidate anchors ``(lon, lat, ha, va, ring)`` for a label next to ``geom``, nearest first.

    Each sits just beyond the point of ``geom`` furthest in its direction, so labels hug the
    shape of a slanting island rather than the corners of its bounding box.
    """
    xy = shapely.get_coordinates(geom)
    out = []
    for ring, k in enumerate(_RINGS):
        g = gap * k
        for dx, dy, ha, va in _DIRECTIONS:
            px, py = xy[np.argmax(xy[:, 0] * dx + xy[:, 1] * dy)] if len(xy) > 1 else xy[0]
            out.append((px + dx * g, py + dy * g, ha, va, ring))
    return out


@cache
def _placements(atlas, tolerance: float, names: str, lang: str, deg_per_pt: float) -> dict:
    """Where each island, town and treaty-line label goes: the nearest spot free of other labels, on the sea if possible.

    Labels are placed greedily in order of precedence, then each is moved to its best spot given
    all the others (two passes), so an early label does not crowd out a later one.

    Returns ``{key: (lon, lat, ha, va, text, leader)}`` with keys ``island:<id>``, ``town:<id>`` and
    ``line:<id>``; ``leader`` is ``None`` or the two ends (lon, lat) of a line from the label to its place.
    ``deg_per_pt`` is degrees of longitude per point of text at the page's scale, so the positions
    hold for any pixel size of the same layout.
    """
    scene = _scene(atlas, tolerance)
    land = prepared.prep(scene.land)
    view = shapely.box(VIEW[0] + 0.05, VIEW[1] + 0.05, VIEW[2] - 0.05, VIEW[3] - 0.05)
    treaty_lines = list(atlas.lines.geometries)
    pad_x, pad_y = 4.0, 1.5  # points of clear space around each label: names side by side must not read as one

    def box(lon, lat, ha, va, size):
        shrink = math.cos(math.radians(lat))  # on Mercator a point of text spans fewer degrees of latitude up north
        w, h = size[0] * deg_per_pt, size[1] * deg_per_pt * shrink
        x0 = {"left": lon, "right": lon - w, "center": lon - w / 2}[ha]
        y0 = {"bottom": lat, "top": lat - h, "center": lat - h / 2}[va]
        px, py = pad_x * deg_per_pt, pad_y * deg_per_pt * shrink
        return shapely.box(x0 - px, y0 - py, x0 + w + px, y0 + h + py)

    def static_cost(b, ring, own):
        """What does not depend on other labels: distance, the map edge, treaty lines, land under the text."""
        c = 8.0 * ring
        if not view.contains(b):
            c += 1000
        c += 60 * sum(b.intersects(g) for g in treaty_lines)
        if land.intersects(b):
            covered = scene.land.intersection(b).area / b.area
            mine = own.intersection(b).area / b.area if own is not None else 0.0
            c += 200 * max(0.0, covered - mine) + 30 * mine
        return c

    # Fixed obstacles: town dots.
    fixed = []
    for tw in scene.towns:
        r = 2.4 * deg_per_pt
        fixed.append(shapely.box(tw["lon"] - r, tw["lat"] - r * 0.7, tw["lon"] + r, tw["lat"] + r * 0.7))
    items = []  # in order of precedence

    def add(key, candidates, text, size, own=None, target=None, optional=False, rivals=()):
        options = []
        for cand in candidates:
            b = box(*cand[:4], size)
            leader = None
            c = static_cost(b, cand[4], own)
            if target is not None and any(b.distance(r) < b.distance(target) for r in rivals):
                c += 150  # nearer another town or island than its own: a reader would pair them wrongly
            if cand[4] >= 1 and target is not None:
                a, z = ops.nearest_points(b.exterior, target)
                leader = shapely.LineString([a, z])
                # town dots in the way, not counting the one the leader points to
                c += 300 * sum(leader.intersects(f) and not f.intersects(target) for f in fixed)
            options.append((cand, b, leader, c))
        items.append({"key": key, "text": text, "options": options, "optional": optional})

    # Order of precedence: the hand-placed names, the towns, the treaty lines (also named in the
    # legend), then the other islands by size; lines and other islands are left out where no spot is free.
    islands = sorted(scene.labels, key=lambda lab: -lab["geometry"].area)
    gap = 3 * deg_per_pt
    for lab in (lab for lab in islands if lab["id"] in _LABEL_AT):
        text = _two_lines(place_name(lab["names"], names, lang), 12 if lab["big"] else 8)
        size = _text_size(text, _BIG_PT, lang, True) if lab["big"] else _text_size(text, _ISLAND_PT, lang)
        lon, lat, ha, va = _LABEL_AT[lab["id"]]
        b = box(lon, lat, ha, va, size)
        lon -= max(0.0, b.bounds[2] - view.bounds[2]) - max(0.0, view.bounds[0] - b.bounds[0])  # keep it inside
        option = ((lon, lat, ha, va, 0), box(lon, lat, ha, va, size), None, 0.0)
        items.append({"key": f"island:{lab['id']}", "text": text, "options": [option], "optional": False})
        if not lab["big"]:  # the hand-placed spot is preferred, but may yield to a crowd of towns
            g = lab["geometry"]
            add(f"island:{lab['id']}", _around(g, gap), text, size, g, g)
            extra = items.pop()["options"]
            items[-1]["options"] += [(cand, b, leader, c + 40) for cand, b, leader, c in extra]
    own_island = {lab["id"]: lab["geometry"] for lab in islands}
    for tw in scene.towns:
        text = _two_lines(place_name(tw["names"], names, lang), 0)
        lon, lat = tw["lon"], tw["lat"]
        own = own_island.get(tw["names"]["island"])
        size = _text_size(text, _TOWN_PT, lang)
        dot = shapely.Point(lon, lat)
        rivals = [shapely.Point(o["lon"], o["lat"]) for o in scene.towns if o is not tw]
        add(f"town:{tw['id']}", _around(dot, gap * 1.2), text, size, own, dot, rivals=rivals)
    for props, g in zip(atlas.lines.properties, atlas.lines.geometries):
        text = _wrap(props[f"label_{lang}"], 15)
        add(f"line:{props['id']}", _around(g, gap)[:16], text, _text_size(text, _LINE_PT, lang), optional=True)
    for lab in (lab for lab in islands if lab["id"] not in _LABEL_AT):
        text = _two_lines(place_name(lab["names"], names, lang), 8)
        g = lab["geometry"]
        size = _text_size(text, _ISLAND_PT, lang)
        rivals = [o["geometry"] for o in islands if o is not lab]
        add(f"island:{lab['id']}", _around(g, gap), text, size, g, g, optional=True, rivals=rivals)

    chosen: dict[str, tuple] = {}  # key -> option

    def best_option(item):
        others = [o for k, o in chosen.items() if k != item["key"]]
        boxes = np.array(fixed + [o[1] for o in others], dtype=object)
        leaders = np.array([o[2] for o in others if o[2] is not None], dtype=object)
        best = None
        for opt in item["options"]:
            _, b, leader, c = opt
            c += 500 * int(shapely.intersects(b, boxes).sum())
            if len(leaders):
                c += 300 * int(shapely.intersects(b, leaders).sum())
            if leader is not None:
                c += 300 * int(shapely.intersects(leader, boxes[len(fixed) :]).sum())
                if len(leaders):
                    c += 300 * int(shapely.intersects(leader, leaders).sum())
            if best is None or c < best[0]:
                best = (c, opt)
        return best

    for sweep in range(3):
        for item in items:
            c, opt = best_option(item)
            if item["optional"] and c >= 500:  # would cover another label: leave it out
                chosen.pop(item["key"], None)
            else:
                chosen[item["key"]] = opt
        del sweep
    out = {}
    for item in items:
        if item["key"] in chosen:
            cand, _, leader, _ = chosen[item["key"]]
            out[item["key"]] = (
                *cand[:4],
                item["text"],
                None if leader is None else tuple(tuple(p) for p in leader.coords),
            )
    return out


@cache
def _changed_paths(atlas, period_a: str, period_b: str, tolerance: float) -> list:
    """Outlines of the land that changed holder between two periods (cached per pair of periods)."""
    history = atlas.history
    changes = atlas.diff(history.period(period_a).start, history.period(period_b).start)
    return [_mpl_path(_project(shapely.simplify(c.geometry, tolerance, preserve_topology=True))) for c in changes]


@cache
def _km_per_degree_lon(lat: float) -> float:
    from pyproj import Geod

    return Geod(ellps="WGS84").inv(147.0, lat, 148.0, lat)[2] / 1000


# ---------------------------------------------------------------------------------------------- drawing


class _NoBoldWarning(logging.Filter):
    """IPAexGothic has no bold face; matplotlib uses the regular one, which is what we want, so say nothing."""

    def filter(self, record):
        return "Failed to find font weight" not in record.getMessage()


@cache
def _register_fonts() -> None:
    import matplotlib_fontja  # noqa: F401  (registers IPAexGothic with matplotlib)

    logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldWarning())


def _fonts(lang: str) -> list[str]:
    _register_fonts()

    # DejaVu Sans reads best for Latin and Cyrillic; IPAexGothic fills in (and leads for Japanese pages).
    return ["IPAexGothic", "DejaVu Sans"] if lang == "ja" else ["DejaVu Sans", "IPAexGothic"]


def _rc(lang: str, s: float) -> dict:
    return {
        "font.family": _fonts(lang),
        "font.size": 7 * s,
        "svg.fonttype": "none",  # text stays text (searchable, editable)
        "pdf.fonttype": 42,  # embedded TrueType subsets, not Type 3 drawings
        "hatch.linewidth": 1.4 * s,
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


def _wrap(text: str, width: float, measure=_text_em) -> str:
    """Wrap at spaces (or between any two CJK characters) so no line is wider than ``width``.

    ``measure`` gives a line's width in the unit of ``width`` (default: ems, approximately).

    Examples
    --------
    >>> _wrap("Treaty of Saint Petersburg", 8).splitlines()
    ['Treaty of', 'Saint', 'Petersburg']
    """
    tokens, word = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    lines, line = [], ""
    for tok in tokens:
        if line.strip() and measure((line + tok).rstrip()) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def _fit(text: str, width_pt: float, size: float, lang: str, bold: bool = False) -> str:
    """:func:`_wrap` with widths measured in the fonts that draw the text."""
    return _wrap(text, width_pt, lambda line: _text_size(line, size, lang, bold)[0])


def _halo(s: float, width: float = 1.8):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width * s, foreground="white")]


class _Page:
    """One matplotlib figure laid out for a size, with one or two map panels, restyled per year.

    Static things (sea, context land, names, towns, scale bar) are drawn once; :meth:`show`
    only recolours the land and swaps texts, so an animation reuses one figure.
    """

    def __init__(
        self, atlas, layout: _Layout, dpi: int, names: str, lang: str, today, tolerance: float, vector: bool = False
    ):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from kurilmap.style import PALETTE

        self.atlas, self.layout, self.names, self.lang, self.today = atlas, layout, names, lang, today
        self.tolerance, self.vector = tolerance, vector
        self.P = PALETTE
        self.s = s = layout.s
        self.fig = Figure(figsize=(layout.width, layout.height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(self.fig)
        self.scene = _scene(atlas, tolerance)
        # Everything inside a map scales with the map, so a map looks the same at any size and in
        # any layout, and label positions (computed once, at the reference size) hold everywhere.
        self.m = layout.panels[0][2] * layout.width / _reference_map_width()
        self.places = _placements(atlas, tolerance, names, lang, _reference_deg_per_pt())
        self.panels = [self._panel(rect) for rect in layout.panels]
        self.legend = None
        self.side_texts = []
        top = layout.header_top
        self.title = self.fig.text(0.5, top, "", ha="center", va="top", fontsize=13.5 * s, weight="bold", color=_INK)
        self.subtitle = self.fig.text(0.5, top - 0.27 * s / layout.height, "", ha="center", va="top", fontsize=9 * s)
        self.detail = self.fig.text(
            0.5, top - 0.47 * s / layout.height, "", ha="center", va="top", fontsize=7 * s, color="#444444"
        )
        self.caption = self.fig.text(
            0.5, layout.caption_top - 0.06 * s / layout.height, "", ha="center", va="top", fontsize=5.3 * s,
            color="#555555", linespacing=1.35,
        )  # fmt: skip

    # ------------------------------------------------------------------ static layers

    def _panel(self, rect) -> dict:
        from matplotlib.collections import LineCollection, PathCollection

        s, P, scene = self.m, self.P, self.scene
        ax = self.fig.add_axes(rect)
        ax.set_xlim(_VIEW_XY[0], _VIEW_XY[2])
        ax.set_ylim(_VIEW_XY[1], _VIEW_XY[3])
        ax.set_facecolor(P["sea"])
        for side in ax.spines.values():
            side.set_linewidth(0.6 * s)
            side.set_color("#555555")
        lons, lats = [140, 145, 150, 155], [42, 44, 46, 48, 50, 52, 54]
        ax.set_xticks(lons, [f"{v}°E" for v in lons])
        ax.set_yticks([float(_merc_y(v)) for v in lats], [f"{v}°N" for v in lats])
        ax.tick_params(labelsize=5 * s, length=2.2 * s, width=0.5 * s, pad=1.5 * s, colors="#555555")
        grid = dict(color="#CFDCE3", lw=0.45 * s, zorder=0.5)
        for v in lons:
            ax.axvline(v, **grid)
        for v in lats:
            ax.axhline(float(_merc_y(v)), **grid)
        ax.add_collection(
            PathCollection(
                scene.context, facecolors=P["context"], edgecolors=P["context"], linewidths=0.3 * s, zorder=1
            ),
            autolim=False,
        )
        land = PathCollection([u["path"] for u in scene.units], linewidths=0.35 * s, zorder=2)
        ax.add_collection(land, autolim=False)
        # Hatched overlays, one per kind; shown or hidden per year.
        disputed_units = [u for u in scene.units if u["island"] in self.atlas.disputed_islands]
        disputed = PathCollection(
            [u["path"] for u in disputed_units], facecolors="none", edgecolors=P["disputed_stripe"],
            linewidths=0.7 * s, hatch=_HATCH, zorder=3,
        )  # fmt: skip
        disputed.set_hatchcolor(P["disputed_stripe"])
        disputed.set_hatch_linewidth(1.4 * s)
        ax.add_collection(disputed, autolim=False)
        occupied = {}
        for occ in self.atlas.history.occupations:
            paths = [u["path"] for u in scene.units if u["zone"] == occ.zone]
            coll = PathCollection(paths, facecolors="none", edgecolors="none", hatch=_HATCH, zorder=3)
            coll.set_hatchcolor(P["occupied_stripe"])
            coll.set_hatch_linewidth(1.4 * s)
            ax.add_collection(coll, autolim=False)
            occupied[occ.id] = coll
        coast_owner, coast_xy = [], []
        for i, u in enumerate(scene.units):
            for xy in u["coast"]:
                coast_owner.append(i)
                coast_xy.append(xy)
        coasts = LineCollection(coast_xy, linewidths=0.6 * s, linestyles=(0, (2.2, 1.6)), zorder=3.5)
        ax.add_collection(coasts, autolim=False)
        changed = PathCollection([], facecolors="none", edgecolors=P["changed"], linewidths=1.3 * s, zorder=4)
        ax.add_collection(changed, autolim=False)
        # Treaty lines and their labels.
        lines, line_labels = {}, {}
        for lid, line in scene.lines.items():
            (artist,) = ax.plot(
                line["xy"][:, 0], line["xy"][:, 1], color=P["line"], lw=1.3 * s, ls=(0, (4, 2.5)), zorder=5,
                solid_capstyle="butt",
            )  # fmt: skip
            lines[lid] = artist
            if f"line:{lid}" not in self.places:  # no free spot: the legend names it
                line_labels[lid] = []
                continue
            lon, lat, ha, va, text, _ = self.places[f"line:{lid}"]
            line_labels[lid] = self._label(
                ax, lon, lat, text, 1.6, ha=ha, va=va, fontsize=_LINE_PT * s, style="italic", color=P["line"], zorder=6
            )
        # Towns and island names.
        ax.scatter(
            [tw["lon"] for tw in scene.towns], _merc_y([tw["lat"] for tw in scene.towns]), s=(2.6 * s) ** 2,
            facecolors="white", edgecolors=_INK, linewidths=0.6 * s, zorder=6,
        )  # fmt: skip
        for tw in scene.towns:
            lon, lat, ha, va, text, leader = self.places[f"town:{tw['id']}"]
            self._leader(ax, leader)
            self._label(ax, lon, lat, text, 1.5, ha=ha, va=va, fontsize=_TOWN_PT * s, color=_INK, zorder=7)
        for lab in scene.labels:
            if f"island:{lab['id']}" not in self.places:  # no free spot at this scale
                continue
            lon, lat, ha, va, text, leader = self.places[f"island:{lab['id']}"]
            self._leader(ax, leader)
            big = lab["big"]
            self._label(
                ax, lon, lat, text, 2.0 if big else 1.7, ha=ha, va=va, fontsize=(_BIG_PT if big else _ISLAND_PT) * s,
                weight="bold" if big else "normal", color=_INK, zorder=7,
            )  # fmt: skip
        self._scale_bar(ax)
        year_text = ax.text(
            0.5, 0.965, "", transform=ax.transAxes, ha="center", va="top", fontsize=24 * s, weight="bold",
            color="#1d3557", alpha=0.55, zorder=8,
        )  # fmt: skip
        return {
            "ax": ax,
            "land": land,
            "disputed": disputed,
            "occupied": occupied,
            "coasts": coasts,
            "coast_owner": np.asarray(coast_owner),
            "changed": changed,
            "lines": lines,
            "line_labels": line_labels,
            "year_text": year_text,
        }

    def _label(self, ax, lon, lat, text, halo: float, **style) -> list:
        """A map label with a white halo; in SVG and PDF the words stay text (the halo alone is a drawing)."""
        y = float(_merc_y(lat))
        if not self.vector:
            return [ax.text(lon, y, text, path_effects=_halo(self.m, halo), **style)]
        behind = ax.text(lon, y, text, path_effects=_halo(self.m, halo), **{**style, "zorder": style["zorder"] - 0.01})
        return [behind, ax.text(lon, y, text, **style)]

    def _leader(self, ax, leader) -> None:
        if leader:
            (x0, y0), (x1, y1) = leader
            ax.plot([x0, x1], _merc_y([y0, y1]), color="#555555", lw=0.45 * self.m, zorder=6.5, solid_capstyle="butt")

    def _scale_bar(self, ax) -> None:
        from matplotlib.patches import FancyArrow, Rectangle

        s, lang = self.m, self.lang
        km_deg = _km_per_degree_lon(SCALE_LAT)
        length = 200
        deg = length / km_deg
        x1 = VIEW[2] - 0.55
        x0 = x1 - deg
        y = float(_merc_y(41.95))
        h = 0.09
        for i, (a, b) in enumerate(((0, 50), (50, 100), (100, 200))):
            ax.add_patch(
                Rectangle(
                    (x0 + a / km_deg, y), (b - a) / km_deg, h, facecolor=_INK if i % 2 == 0 else "white",
                    edgecolor=_INK, lw=0.5 * s, zorder=8,
                )
            )  # fmt: skip
        for v in (0, 100, 200):
            label = f"{v} {t('export_km', lang)}" if v == length else str(v)
            ax.text(
                x0 + v / km_deg, y + h + 0.06, label, ha="center", va="bottom", fontsize=5.4 * s, color=_INK, zorder=8
            )
        ax.text(
            x1, y - 0.07, t("export_scale", lang), ha="right", va="top", fontsize=4.8 * s, color="#444444", zorder=8,
        )  # fmt: skip
        # North arrow: on Mercator north is straight up everywhere.
        ax_x, ax_y = VIEW[2] - 0.75, float(_merc_y(43.35))
        ax.add_patch(
            FancyArrow(
                ax_x, ax_y, 0, 0.55, width=0.07, head_width=0.28, head_length=0.28, length_includes_head=True,
                facecolor=_INK, edgecolor=_INK, lw=0.3 * s, zorder=8,
            )
        )  # fmt: skip
        ax.text(
            ax_x,
            ax_y + 0.62,
            t("export_north", lang),
            ha="center",
            va="bottom",
            fontsize=7.5 * s,
            weight="bold",
            zorder=8,
        )

    # ------------------------------------------------------------------ per year

    def _style_panel(self, panel: dict, year: int, changed_paths=None) -> set:
        """Recolour one panel for ``year``; return the legend categories it shows."""
        history, P = self.atlas.history, self.P
        period = history.period_for(year)
        occupations = history.occupations_in(year)
        occupied_zones = {o.zone for o in occupations}
        shown = set()
        faces, contested = [], []
        for u in self.scene.units:
            holder = u["holders"][period.id]
            faces.append(P[holder])
            contested.append(holder == "contested")
            shown.add(holder)
            if u["zone"] in occupied_zones:
                shown.add("occupied")
        panel["land"].set_facecolor(faces)
        panel["land"].set_edgecolor(faces)
        owner = panel["coast_owner"]
        is_contested = np.asarray(contested)[owner] if len(owner) else np.zeros(0, bool)
        panel["coasts"].set_color([_CONTESTED_EDGE if c else (0, 0, 0, 0) for c in is_contested])
        disputed = period.disputed
        panel["disputed"].set_visible(disputed)
        if disputed:
            shown.add("disputed")
        for occ in history.occupations:
            panel["occupied"][occ.id].set_visible(occ.covers(year))
        for lid, artist in panel["lines"].items():
            on = lid in period.lines
            artist.set_visible(on)
            for text in panel["line_labels"][lid]:
                text.set_visible(on)
            if on:
                shown.add(f"line:{lid}")
        panel["changed"].set_paths(changed_paths or [])
        if changed_paths:
            shown.add("changed")
        shown.add("context")
        return shown

    def _legend_entries(self, shown: set, year: int, year_b: int | None = None):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        P, lang, s, history = self.P, self.lang, self.s, self.atlas.history
        entries = []

        def state(holder):
            names = [history.state_name(holder, year, lang)]
            if year_b is not None:
                names.append(history.state_name(holder, year_b, lang))
            names = list(dict.fromkeys(names))
            return " / ".join(names)

        for holder in ("japan", "russia", "shared", "contested"):
            if holder not in shown:
                continue
            label = t(f"holder_{holder}", lang)
            if holder in ("japan", "russia") and state(holder) not in label:
                label += f"（{state(holder)}）" if lang == "ja" else f" ({state(holder)})"
            edge = _CONTESTED_EDGE if holder == "contested" else P[holder]
            patch = Patch(facecolor=P[holder], edgecolor=edge, lw=0.6 * s, ls="--" if holder == "contested" else "-")
            entries.append((patch, label))
        if "occupied" in shown:
            patch = Patch(facecolor=P["russia"], edgecolor=P["russia"], hatch=_HATCH, lw=0.6 * s)
            patch.set_hatchcolor(P["occupied_stripe"])
            entries.append((patch, t("occupied", lang)))
        if "disputed" in shown:
            patch = Patch(facecolor=P["russia"], edgecolor=P["disputed_stripe"], hatch=_HATCH, lw=0.8 * s)
            patch.set_hatchcolor(P["disputed_stripe"])
            entries.append((patch, t("disputed", lang)))
        entries.append((Patch(facecolor=P["context"], edgecolor=P["context"]), t("context", lang)))
        for props in self.atlas.lines.properties:
            if f"line:{props['id']}" in shown:
                line = Line2D([], [], color=P["line"], lw=1.3 * s, ls=(0, (4, 2.5)))
                entries.append((line, props[f"label_{lang}"]))
        if "changed" in shown:
            entries.append((Patch(facecolor="none", edgecolor=P["changed"], lw=1.3 * s), t("changed", lang)))
        return entries

    def _draw_legend(self, entries, notes: list[str]) -> None:
        lay, s, fig = self.layout, self.s, self.fig
        if self.legend is not None:
            self.legend.remove()
        for txt in self.side_texts:
            txt.remove()
        self.side_texts = []
        left, bottom, width, height = lay.legend_box
        font = 6.6 * s
        width_pt = width * lay.width * 72
        lang = self.lang
        if lay.legend == "side":
            labels = [_fit(label, width_pt - 3.0 * font, font, lang) for _, label in entries]
            self.legend = fig.legend(
                [h for h, _ in entries], labels, loc="upper left", bbox_to_anchor=(left, bottom + height),
                frameon=False, fontsize=font, title=t("legend", self.lang), title_fontsize=7.6 * s,
                alignment="left", handlelength=2.0, handleheight=1.1, borderaxespad=0, borderpad=0,
                labelspacing=0.75,
            )  # fmt: skip
            self.legend.get_title().set_weight("bold")
            # Notes (the treaty in force) under the legend, wrapped to the column.
            renderer = fig.canvas.get_renderer()
            bbox = self.legend.get_window_extent(renderer)
            y = bbox.y0 / (lay.height * fig.dpi) - 0.16 * s / lay.height
            for i, note in enumerate(notes):
                size = (6.6 if i == 0 else 5.9) * s
                txt = fig.text(
                    left, y, _fit(note, width_pt * 0.97, size, lang, i == 0), ha="left", va="top",
                    fontsize=size, weight="bold" if i == 0 else "normal",
                    color=_INK if i == 0 else "#333333", linespacing=1.35,
                )  # fmt: skip
                self.side_texts.append(txt)
                ext = txt.get_window_extent(renderer)
                y = ext.y0 / (lay.height * fig.dpi) - 0.07 * s / lay.height
        else:
            ncol = 2 if width * lay.width < 7.5 * s else 3
            labels = [_fit(label, width_pt / ncol - 4.4 * font, font * 0.95, lang) for _, label in entries]
            self.legend = fig.legend(
                [h for h, _ in entries], labels, loc="upper center", bbox_to_anchor=(left + width / 2, bottom + height),
                ncol=ncol, frameon=False, fontsize=font * 0.95, handlelength=2.0, handleheight=1.1,
                borderaxespad=0, borderpad=0, columnspacing=1.4, labelspacing=0.55,
            )  # fmt: skip

    def show(self, year: int, compare: int | None = None, *, big_year: bool = False) -> None:
        """Restyle the page for ``year`` (and ``compare`` in the second panel)."""
        history, lang, s = self.atlas.history, self.lang, self.s
        period = history.period_for(year)
        if compare is None:
            shown = self._style_panel(self.panels[0], year)
            self.panels[0]["year_text"].set_text(str(year) if big_year else "")
            self.title.set_text(t("export_title", lang, year=year))
            self.subtitle.set_text(pick(period.label, lang))
            detail = []
            if period.treaty:
                tr = self.atlas.treaties[period.treaty]
                detail.append(_treaty_line(tr, lang))
            for occ in history.occupations_in(year):
                detail.append(pick(occ.label, lang))
            self.detail.set_text(_fit("  ·  ".join(detail), self.layout.width * 72 * 0.94, 7 * s, lang))
            entries = self._legend_entries(shown, year)
            notes = []
            if period.treaty:
                tr = self.atlas.treaties[period.treaty]
                notes = [pick(tr["name"], lang), pick(tr["summary"], lang)]
            self._draw_legend(entries, notes)
        else:
            pa, pb = period, history.period_for(compare)
            changed = _changed_paths(self.atlas, pa.id, pb.id, self.tolerance)
            shown = self._style_panel(self.panels[0], year, changed) | self._style_panel(
                self.panels[1], compare, changed
            )
            for panel, y, p in ((self.panels[0], year, pa), (self.panels[1], compare, pb)):
                panel["ax"].set_title(
                    f"{y}  ({pick(p.label, lang)})", fontsize=7.8 * s, weight="bold", pad=3 * s, color=_INK
                )
            self.title.set_text(t("export_compare_title", lang, a=year, b=compare))
            self.subtitle.set_text(_change_summary(self.atlas, year, compare, lang))
            self.detail.set_text("")
            self._draw_legend(self._legend_entries(shown, year, compare), [])
        date = self.today.isoformat()
        width_pt = self.layout.width * 72 * 0.9
        self.caption.set_text(_fit(t("export_caption", lang, date=date, version=__version__), width_pt, 5.3 * s, lang))

    def rgb(self) -> np.ndarray:
        canvas = self.fig.canvas
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[:, :, :3]


def _treaty_line(treaty: dict, lang: str) -> str:
    """E.g. 'Treaty of Portsmouth · signed 1905-09-05 · Art. IX' (a de facto act has a date, not a signature)."""
    parts = [pick(treaty["name"], lang)]
    signed = t("signed", lang)
    if lang == "en":
        signed = signed.lower()
    parts.append(f"{signed} {treaty['signed']}" if treaty.get("kind") != "de-facto" else treaty["signed"])
    if treaty.get("article"):
        parts.append(treaty["article"])
    return "  ·  ".join(parts)


def _km2(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", "\u00a0") if lang == "ru" else text


def _change_summary(atlas, year_a: int, year_b: int, lang: str) -> str:
    summary = atlas.diff_summary(year_a, year_b)
    if not summary:
        return t("no_change", lang)
    parts = [
        t("from_to", lang, src=t(f"holder_{a}", lang), dst=t(f"holder_{b}", lang)) + f" {_km2(km2, lang)} km²"
        for (a, b), km2 in sorted(summary.items(), key=lambda kv: -kv[1])
    ]
    return f"{t('changed', lang)}: " + "; ".join(parts)


def _today(today) -> _dt.date:
    return today or _dt.date.today()


# ---------------------------------------------------------------------------------------------- public API


def render(
    atlas,
    year,
    fmt: str,
    *,
    names: str = "both",
    lang: str = "en",
    width: int = 1600,
    height: int = 1200,
    dpi: int = 200,
    compare=None,
    today: _dt.date | None = None,
) -> bytes:
    """One snapshot of the map of ``year`` as the bytes of a file in format ``fmt``.

    Parameters
    ----------
    atlas : kurilmap.geometry.Atlas
    year : int
        The border in force at the end of this year.
    fmt : str
        One of :data:`FORMATS` except ``gif`` (see :func:`animate`).
    names, lang : str
        Naming style of places (``both``, ``ja``, ``ru``) and language of the text (``en``, ``ja``, ``ru``).
    width, height, dpi : int
        PNG size in pixels; SVG and PDF pages are ``width / dpi`` × ``height / dpi`` inches.
    compare : int, optional
        A second year: two maps side by side with the land that changed hands outlined
        (png, svg, pdf; html opens with that comparison).

    html, geojson and gpkg ignore the size options; geojson and gpkg also ``names`` and
    ``lang`` (they carry every name in every language).
    today : datetime.date, optional
        Export date printed in the caption and the provenance (default: today).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> render(load_atlas(), 1905, "png", width=400, height=300)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    if fmt == "gif":
        raise ExportError("a GIF steps through the years: use animate() (command: python -m kurilmap animate)")
    check_options(year, fmt, names=names, lang=lang, width=width, height=height, dpi=dpi, compare=compare)
    year = int(year)
    compare = None if compare is None else int(compare)
    today = _today(today)
    if fmt == "html":
        from kurilmap.mapview import map_html

        return map_html(atlas, year, names, lang, compare, inline=True, tiles=False).encode("utf-8")
    if fmt == "geojson":
        return _geojson(atlas, year, today)
    if fmt == "gpkg":
        return _gpkg(atlas, year, today)
    return _image(atlas, year, fmt, names, lang, width, height, dpi, compare, today)


def _image(atlas, year, fmt, names, lang, width, height, dpi, compare, today) -> bytes:
    import matplotlib

    layout = _layout(width, height, dpi, 2 if compare is not None else 1, raster=fmt == "png")
    with matplotlib.rc_context(_rc(lang, layout.s)):
        page = _Page(atlas, layout, dpi, names, lang, today, DISPLAY_TOLERANCE, vector=fmt != "png")
        page.show(year, compare)
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


def default_animation_years(history) -> list[int]:
    """The first year of each period, the start and end of each occupation, and the current year.

    Examples
    --------
    >>> from kurilmap.periods import history, last_year
    >>> default_animation_years(history())[:-1]
    [1850, 1855, 1875, 1905, 1920, 1925, 1945]
    """
    from kurilmap.periods import last_year

    years = {history.periods[0].start, *history.change_years(), last_year()}
    return sorted(y for y in years if y <= last_year())


def animate(
    atlas,
    *,
    names: str = "both",
    lang: str = "en",
    width: int = 1000,
    height: int = 750,
    years=None,
    frame_ms: int = 1200,
    today: _dt.date | None = None,
) -> bytes:
    """An animated GIF stepping through the periods, the year and period written on each frame.

    One figure is drawn once and recoloured per frame; the last frame stays twice as long.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> animate(load_atlas(), years=[1890, 1910], width=400, height=300)[:6]
    b'GIF89a'
    """
    import matplotlib
    from PIL import Image

    years = default_animation_years(atlas.history) if years is None else [int(y) for y in years]
    if not years:
        raise ExportError("no years to animate; give at least one year")
    for y in years:
        check_options(y, "gif", names=names, lang=lang, width=width, height=height, dpi=100)
    if not isinstance(frame_ms, int) or not 100 <= frame_ms <= 20_000:
        raise ExportError(f"frame_ms {frame_ms} is outside 100–20000 ms; choose e.g. 1200")
    today = _today(today)
    layout = _layout(width, height, 100, 1)
    frames = []
    with matplotlib.rc_context(_rc(lang, layout.s)):
        page = _Page(atlas, layout, 100, names, lang, today, FRAME_TOLERANCE)
        for y in years:
            page.show(y, big_year=True)
            frames.append(page.rgb().copy())
    # One palette for all frames (sampled from every frame) keeps the holder colours steady.
    sample = np.concatenate([f[::4, ::4] for f in frames], axis=0)
    palette = Image.fromarray(sample).quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    images = [Image.fromarray(f).quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    durations = [frame_ms] * (len(images) - 1) + [frame_ms * 2]
    buf = io.BytesIO()
    images[0].save(
        buf, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0, optimize=False,
        comment=f"kurilmap {__version__}: {', '.join(map(str, years))}".encode(),
    )  # fmt: skip
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------- vector data

_EXTRA_FIELDS = ("state", "occupied_by", "disputed")


def _layer_records(atlas, year: int) -> tuple[list[str], list[dict], list]:
    resource = next(r for r in atlas.package["resources"] if r["name"] == "period")
    fields = [f["name"] for f in resource["fields"]]
    fields += [f for f in _EXTRA_FIELDS if f not in fields]
    frame = atlas.layer(year)
    records = []
    for row in frame.drop(columns="geometry").to_dict("records"):
        rec = {}
        for f in fields:
            v = row.get(f)
            if isinstance(v, float) and math.isnan(v):
                v = None
            elif isinstance(v, np.generic):
                v = v.item()
            rec[f] = v
        records.append(rec)
    return fields, records, list(frame.geometry)


def provenance(atlas, year: int, today: _dt.date | None = None) -> dict:
    """Where an exported layer comes from: sources, licences, year, period, treaty, date and tool.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> provenance(load_atlas(), 1910)["period"]["id"]
    '1905'
    """
    history = atlas.history
    period = history.period_for(year)
    treaty = None
    if period.treaty:
        tr = atlas.treaties[period.treaty]
        treaty = {"id": tr["id"], "name": tr["name"], "signed": tr["signed"], "article": tr.get("article")}
    return {
        "title": "Japan–Russia border in Sakhalin and the Kuril Islands at the end of the year",
        "year": int(year),
        "period": {"id": period.id, "start": period.start, "end": period.end, "label": period.label},
        "treaty": treaty,
        "occupations": [
            {"id": o.id, "zone": o.zone, "by": o.by, "label": o.label} for o in history.occupations_in(year)
        ],
        "lines_in_force": list(period.lines),
        "crs": CRS84,
        "region": list(REGION),
        "geometry": "full resolution (GSHHG full, 5 decimals), not simplified",
        "sources": atlas.package.get("sources", []),
        "licenses": atlas.package.get("licenses", []),
        "exported": _today(today).isoformat(),
        "tool": f"kurilmap {__version__}",
    }


def _geojson(atlas, year: int, today) -> bytes:
    from shapely.geometry import mapping

    _, records, geoms = _layer_records(atlas, year)
    features = [
        {"type": "Feature", "id": rec["id"], "properties": rec, "geometry": _plain(mapping(g))}
        for rec, g in zip(records, geoms)
    ]
    doc = {
        "type": "FeatureCollection",
        "name": f"kurilmap-{year}",
        "crs": {"type": "name", "properties": {"name": CRS84}},
        "provenance": provenance(atlas, year, today),
        "features": features,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def _plain(obj):
    """GeoJSON from shapely's mapping with lists instead of tuples (same bytes every run)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def _gpkg(atlas, year: int, today) -> bytes:
    import geopandas as gpd
    import pyogrio

    fields, records, geoms = _layer_records(atlas, year)
    frame = gpd.GeoDataFrame(records, columns=fields, geometry=geoms, crs="EPSG:4326")
    prov = provenance(atlas, year, today)
    meta = {k: json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for k, v in prov.items()}
    with tempfile.TemporaryDirectory(prefix="kurilmap-") as tmp:
        path = Path(tmp) / f"kurilmap_{year}.gpkg"
        pyogrio.write_dataframe(
            frame, path, layer=f"borders_{year}", driver="GPKG", layer_metadata=meta,
            layer_options={"DESCRIPTION": prov["title"] + f" ({year})"},
        )  # fmt: skip
        return path.read_bytes()


# ---------------------------------------------------------------------------------------------- writing


def _check_target(path: Path, force: bool) -> Path:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'map.png'}")
    if path.exists() and not force:
        raise ExportError(f"{path} exists; pass --force to overwrite it (or choose another --out)")
    if not folder.exists():
        near = next((p for p in folder.parents if p.exists()), None)
        if near is not None and not near.is_dir():
            raise ExportError(f"cannot write {path}: {near} is a file, not a folder; choose another --out")
        raise ExportError(
            f"cannot write {path}: the folder {folder} does not exist; create it first or choose another --out"
        )
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: {folder} is a file, not a folder; choose another --out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: the folder {folder} is not writable; choose another --out")
    return path


def write(path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically: all of it or nothing, never a partial file.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in
    one step. An existing ``path`` is kept unless ``force`` is true.

    Raises
    ------
    ExportError
        if ``path`` exists (without ``force``), is a folder, or its folder is missing or not writable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write(pathlib.Path(folder) / "a.txt", b"hello")
    ...     print(path.read_bytes(), write(path, b"again", force=True).read_bytes())
    ...     write(path, b"refused")
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: ... exists; pass --force to overwrite it (or choose another --out)
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"write() takes the bytes of a finished file, not {type(data).__name__}")
    path = _check_target(Path(path), force)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}; choose another --out") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if someone created path meanwhile: never clobber without --force
            except FileExistsError:
                raise ExportError(f"{path} exists; pass --force to overwrite it (or choose another --out)") from None
            except OSError:  # file systems without hard links
                if path.exists():
                    raise ExportError(f"{path} exists; pass --force to overwrite it") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; choose another --out") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


# ---------------------------------------------------------------------------------------------- command line


def _format_for(fmt: str | None, out: Path, allowed, usage_error) -> str:
    suffix = Path(out).suffix.lower()
    if fmt is None:
        for name in allowed:
            if suffix in EXTENSIONS[name]:
                return name
        raise usage_error(
            f"cannot tell the format from {out}: give --format ({', '.join(allowed)}) or an --out ending in "
            + ", ".join(EXTENSIONS[n][0] for n in allowed)
        )
    if suffix not in EXTENSIONS[fmt]:
        raise usage_error(
            f"--format {fmt} writes {' or '.join(EXTENSIONS[fmt])} files but --out is {out}; "
            f"use --out {Path(out).with_suffix(EXTENSIONS[fmt][0])} or the matching --format"
        )
    return fmt


def _check_sizes(args, usage_error) -> None:
    for what in ("width", "height"):
        value = getattr(args, what)
        if not SIZE_RANGE[0] <= value <= SIZE_RANGE[1]:
            raise usage_error(f"--{what} {value} is outside {SIZE_RANGE[0]}–{SIZE_RANGE[1]} pixels")
    dpi = getattr(args, "dpi", 200)
    if not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise usage_error(f"--dpi {dpi} is outside {DPI_RANGE[0]}–{DPI_RANGE[1]} (screen 100–200, print 300)")


def _fail(args, exc) -> int:
    print(f"{args.prog_name}: error: {exc}", file=sys.stderr)
    return 1


def cmd_snapshot(args, atlas, out) -> int:
    from kurilmap.cli import UsageError

    _check_sizes(args, UsageError)
    snapshot_formats = tuple(f for f in FORMATS if f != "gif")
    opts = {"names": args.names, "lang": args.lang, "width": args.width, "height": args.height, "dpi": args.dpi}
    try:
        if args.all:
            if args.compare is not None:
                raise UsageError("--compare makes one side-by-side map; it does not combine with --all")
            fmt = args.format or "png"
            folder = Path(args.out)
            if folder.exists() and not folder.is_dir():
                raise UsageError(f"--all writes one file per period into a folder, but {folder} is a file")
            periods = atlas.history.periods
            targets = [folder / f"{p.id}{EXTENSIONS[fmt][0]}" for p in periods]
            if folder.is_dir():
                for target in targets:
                    _check_target(target, args.force)
            elif not folder.parent.is_dir():
                raise ExportError(f"cannot create {folder}: the folder {folder.parent} does not exist")
            data = [render(atlas, p.start, fmt, **opts) for p in periods]  # everything rendered before writing
            folder.mkdir(exist_ok=True)
            for p, target, blob in zip(periods, targets, data):
                write(target, blob, force=args.force)
                print(f"wrote {target} ({len(blob):,} bytes, {p.start})", file=out)
            return 0
        fmt = _format_for(args.format, args.out, snapshot_formats, UsageError)
        if args.compare is not None and fmt not in ("png", "svg", "pdf", "html"):
            raise UsageError(f"--compare needs an image or html; {fmt} holds one year")
        _check_target(Path(args.out), args.force)  # fail before spending time on rendering
        data = render(atlas, args.year, fmt, compare=args.compare, **opts)
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def cmd_animate(args, atlas, out) -> int:
    from kurilmap.cli import UsageError

    _check_sizes(args, UsageError)
    _format_for("gif", args.out, ("gif",), UsageError)
    if not 100 <= args.frame_ms <= 20_000:
        raise UsageError(f"--frame-ms {args.frame_ms} is outside 100–20000")
    try:
        _check_target(Path(args.out), args.force)
        years = args.years or None
        data = animate(
            atlas, names=args.names, lang=args.lang, width=args.width, height=args.height, years=years,
            frame_ms=args.frame_ms,
        )  # fmt: skip
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def add_cli_commands(subparsers, year_type, year_help: str) -> None:
    """Add ``snapshot`` and ``animate`` to the command line (called by :func:`kurilmap.cli.build_parser`)."""

    def years_list(text: str) -> list[int]:
        return [year_type(part) for part in text.split(",") if part.strip()]

    def common(p, width, height):
        p.add_argument(
            "--width", type=int, default=width, help=f"pixels, {SIZE_RANGE[0]}–{SIZE_RANGE[1]} (default {width})"
        )
        p.add_argument("--height", type=int, default=height, help=f"pixels (default {height})")
        p.add_argument("--names", choices=NAME_STYLES, default="both", help="place names: both (default), ja or ru")
        p.add_argument("--lang", choices=LANGS, default="en", help="language of titles and legend (default en)")
        p.add_argument("--force", action="store_true", help="overwrite an existing output file")

    s = subparsers.add_parser(
        "snapshot",
        help="write the map of a year as png, svg, pdf, html, geojson or gpkg",
        description="Write the map of one year (or of every period with --all) to a file.",
    )
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=year_type, help=year_help)
    which.add_argument(
        "--all", action="store_true", help="one file per period (named e.g. 1905.png) into the folder --out"
    )
    s.add_argument("--format", choices=[f for f in FORMATS if f != "gif"], help="default: from the --out file name")
    s.add_argument("--out", type=Path, required=True, help="output file (a folder with --all)")
    common(s, 1600, 1200)
    s.add_argument("--dpi", type=int, default=200, help="dots per inch: the page size of svg/pdf is width/dpi inches")
    s.add_argument("--compare", type=year_type, help="a second year: side-by-side maps, changed land outlined")
    s.set_defaults(func=cmd_snapshot, prog_name=s.prog)

    a = subparsers.add_parser(
        "animate",
        help="write an animated GIF stepping through the periods",
        description="Write an animated GIF of the border, one frame per change (1850 to today).",
    )
    a.add_argument("--out", type=Path, required=True, help="output .gif file")
    common(a, 1000, 750)
    a.add_argument("--frame-ms", type=int, default=1200, help="milliseconds per frame (default 1200)")
    a.add_argument("--years", type=years_list, help="comma-separated years (default: every change and today)")
    a.set_defaults(func=cmd_animate, prog_name=a.prog)
