"""Map labels: text measuring and wrapping, and where each island, town and treaty-line name goes."""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache

import numpy as np
import shapely
from shapely import ops, prepared

from kurilmap.export.layout import VIEW
from kurilmap.export.shapes import _scene
from kurilmap.export.theme import _fonts
from kurilmap.scene import place_label

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
    """Width and height in points of (possibly multi-line) ``text``, measured with the fonts used to draw it.

    A measurement costs about a millisecond (the CJK fonts are large) and a legend needs a hundred,
    so they are kept on disk across processes (:func:`kurilmap.atlascache.kept_table`).
    """
    table = _measured()
    key = (text, size, lang, bold)
    if key not in table:
        from matplotlib.font_manager import FontProperties

        renderer = _measuring_renderer()
        prop = FontProperties(family=_fonts(lang), size=size, weight="bold" if bold else "normal")
        lines = text.split("\n")
        widths = [renderer.get_text_width_height_descent(line or " ", prop, ismath=False)[0] for line in lines]
        table[key] = (max(widths) / 10, size * 1.2 * len(widths))
    return table[key]


@cache
def _measured() -> dict:
    from importlib.metadata import version

    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    return atlascache.kept_table("text-sizes", ("export/labels.py", "export/theme.py"), f"mpl {version('matplotlib')}")


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


#: The modules whose code decides where labels go (paths below the package), part of the kept placements' key.
_PLACEMENT_CODE = (
    "export/labels.py", "export/shapes.py", "export/layout.py", "export/theme.py", "scene.py", "i18n.py", "naming.py",
)  # fmt: skip


@cache
def _placements(atlas, tolerance: float, names: str, lang: str, deg_per_pt: float, epoch: int | None = None) -> dict:
    """:func:`_place`, once per process and kept on disk with the validated atlas (:func:`kurilmap.atlascache.kept`):
    every export of a view needs the same placements, and working them out costs about half a second."""
    from importlib.metadata import version

    import kurilmap.atlascache as atlascache  # the module itself, not the package: no cycle through kurilmap

    fonts = (version("matplotlib"), version("matplotlib-fontja"))  # what measures the text
    parts = (tolerance, names, lang, deg_per_pt, epoch, fonts)
    place = lambda: _place(atlas, tolerance, names, lang, deg_per_pt, epoch)  # noqa: E731
    return atlascache.kept("labels", parts, _PLACEMENT_CODE, place, atlas=atlas)


def _place(atlas, tolerance: float, names: str, lang: str, deg_per_pt: float, epoch: int | None = None) -> dict:
    """Where each island, town and treaty-line label goes: the nearest spot free of other labels, on the sea if possible.

    Labels are placed greedily in order of precedence, then each is moved to its best spot given
    all the others (two passes), so an early label does not crowd out a later one.

    Returns ``{key: (lon, lat, ha, va, text, leader)}`` with keys ``island:<id>``, ``town:<id>`` and
    ``line:<id>``; ``leader`` is ``None`` or the two ends (lon, lat) of a line from the label to its place.
    ``deg_per_pt`` is degrees of longitude per point of text at the page's scale, so the positions
    hold for any pixel size of the same layout. ``epoch`` is the year whose place names are written
    (:func:`kurilmap.scene.name_epoch`; ``None`` for today's); a town with no name then is left out.
    """
    scene = _scene(atlas, tolerance)
    land = prepared.prep(scene.land)
    land_parts = shapely.get_parts(scene.land)
    land_tree = shapely.STRtree(land_parts)
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
        if land.intersects(b):  # a label box is a rectangle: clipping is exact and far cheaper than intersection
            near = land_parts[land_tree.query(b)]
            covered = float(shapely.area(shapely.clip_by_rect(near, *b.bounds)).sum()) / b.area
            mine = shapely.clip_by_rect(own, *b.bounds).area / b.area if own is not None else 0.0
            c += 200 * max(0.0, covered - mine) + 30 * mine
        return c

    # Fixed obstacles: town dots (of the towns that have a name in the epoch).
    towns = [tw for tw in scene.towns if place_label(tw["names"], epoch, names, lang)]
    fixed = []
    for tw in towns:
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
        text = _two_lines(place_label(lab["names"], epoch, names, lang), 12 if lab["big"] else 8)
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
    for tw in towns:
        text = _two_lines(place_label(tw["names"], epoch, names, lang), 0)
        lon, lat = tw["lon"], tw["lat"]
        own = own_island.get(tw["names"]["island"])
        size = _text_size(text, _TOWN_PT, lang)
        dot = shapely.Point(lon, lat)
        rivals = [shapely.Point(o["lon"], o["lat"]) for o in towns if o is not tw]
        add(f"town:{tw['id']}", _around(dot, gap * 1.2), text, size, own, dot, rivals=rivals)
    for props, g in zip(atlas.lines.properties, atlas.lines.geometries):
        text = _wrap(props[f"label_{lang}"], 15)
        add(f"line:{props['id']}", _around(g, gap)[:16], text, _text_size(text, _LINE_PT, lang), optional=True)
    for lab in (lab for lab in islands if lab["id"] not in _LABEL_AT):
        text = _two_lines(place_label(lab["names"], epoch, names, lang), 8)
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


# Japanese punctuation that never starts a line (kinsoku).
_NO_LINE_START = frozenset("、。，．・：；！？）」』】〕〉》ー々")


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
        if ch in _NO_LINE_START and (word or tokens):  # 、。）」 stay at the end of the line before
            if word:
                word += ch
            else:
                tokens[-1] += ch
        elif unicodedata.east_asian_width(ch) in "WF":
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
    """:func:`_wrap` with widths measured in the fonts that draw the text.

    The lines are kept on disk per language like the measurements (:func:`_wrapped`): wrapping measures
    every prefix of a line, and the table of those measurements (megabytes once many views were drawn)
    then need not be read at all when every text of a picture was wrapped before.
    """
    kept = _wrapped(lang)
    key = (text, width_pt, size, bold)
    if key not in kept:
        kept[key] = _wrap(text, width_pt, lambda line: _text_size(line, size, lang, bold)[0])
    return kept[key]


@cache
def _wrapped(lang: str) -> dict:
    from importlib.metadata import version

    import kurilmap.atlascache as atlascache

    return atlascache.kept_table(
        f"wrapped-{lang}", ("export/labels.py", "export/theme.py"), f"mpl {version('matplotlib')}"
    )
