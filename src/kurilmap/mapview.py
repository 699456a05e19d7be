"""The interactive folium map page: every phase in one static page, switched in the browser.

The page holds each land unit's geometry once (as encoded polylines) and the scene table of
:func:`kurilmap.pagetable.page_parts` (looks, names and texts for every phase, naming style and language).
Changing the view only restyles the units from that table, so the map keeps its pan and zoom and the page
itself never changes for a given data version. The app serves it as content-hashed static files
(:func:`map_page`): the page, and the names of each naming style and language and the texts of each language
as scripts beside it, of which a first view loads one each. The offline HTML export inlines everything into
one file (:func:`map_html`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path

import folium
import rjsmin
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from kurilmap.geometry import DISPLAY_TOLERANCE, Atlas
from kurilmap.i18n import check_view
from kurilmap.pagetable import page_parts
from kurilmap.style import CONTEXT, LINE, PALETTE

__all__ = ["PALETTE", "FRONTEND_DIR", "build_map", "compare_html", "map_html", "map_page"]

FRONTEND_DIR = Path(__file__).resolve().parent / "frontend"
LEAFLET_DIR = FRONTEND_DIR / "vendor" / "leaflet"
CONTROLLER_JS = FRONTEND_DIR / "kurilmap.js"
CONTROLLER_CSS = FRONTEND_DIR / "kurilmap.css"

CENTER = (47.6, 148.0)
ZOOM = 5
DISPLAY_DECIMALS = 4  # ≈ 10 m: far below the display tolerance


def _round(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], float):
        return [round(c, DISPLAY_DECIMALS) for c in coords]
    return [_round(c) for c in coords]


def _feature(geom, fid: str) -> dict:
    gj = mapping(geom)
    return {
        "type": "Feature",
        "id": fid,
        "properties": {"id": fid},
        "geometry": {"type": gj["type"], "coordinates": _round(json.loads(json.dumps(gj["coordinates"])))},
    }


def encode_ring(ring) -> str:
    """A ring of ``[lon, lat]`` points as Google's encoded polyline at :data:`DISPLAY_DECIMALS` (kurilmap.js
    decodes it): each coordinate is the change from the last one in a few printable characters, about a
    fifth of the same ring in GeoJSON, and the same numbers once decoded.

    Examples
    --------
    >>> encode_ring([[145.5, 43.5], [145.5012, 43.4991]])
    'oxxwAorpYWP'
    >>> decode_ring(encode_ring([[145.5, 43.5], [145.5012, 43.4991]]))
    [[145.5, 43.5], [145.5012, 43.4991]]
    """
    out, last = [], (0, 0)
    for point in ring:
        now = tuple(round(round(c, DISPLAY_DECIMALS) * 10**DISPLAY_DECIMALS) for c in point[:2])
        for delta in (now[0] - last[0], now[1] - last[1]):
            value = ~(delta << 1) if delta < 0 else delta << 1
            while value >= 0x20:
                out.append(chr((0x20 | (value & 0x1F)) + 63))
                value >>= 5
            out.append(chr(value + 63))
        last = now
    return "".join(out)


def decode_ring(text: str) -> list[list[float]]:
    """The points of :func:`encode_ring` (the same steps as ``decodeRing`` in kurilmap.js)."""
    values, shift, result = [], 0, 0
    for char in text:
        chunk = ord(char) - 63
        result |= (chunk & 0x1F) << shift
        shift += 5
        if chunk < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift, result = 0, 0
    points, lon, lat = [], 0, 0
    for dlon, dlat in zip(values[0::2], values[1::2]):
        lon, lat = lon + dlon, lat + dlat
        points.append([lon / 10**DISPLAY_DECIMALS, lat / 10**DISPLAY_DECIMALS])
    return points


@cache
def _shapes(atlas: Atlas, layer: str = "units") -> list:
    """A layer's geometry for the page (the land units in the scene table's order, or the context land):
    ``[type, rings]`` per feature, each ring encoded (:func:`encode_ring`); a MultiPolygon's rings by polygon."""
    out = []
    for feature in _layers(atlas)[layer]["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            out.append(["Polygon", [encode_ring(r) for r in geometry["coordinates"]]])
        else:
            out.append(["MultiPolygon", [[encode_ring(r) for r in p] for p in geometry["coordinates"]]])
    return out


@cache
def controller_js() -> str:
    """frontend/kurilmap.js as the page carries it: without its comments and spaces (rjsmin), about
    two thirds of its bytes; the file itself stays the one to read."""
    return rjsmin.jsmin(CONTROLLER_JS.read_text(encoding="utf-8"))


def _part_names(parts: dict) -> dict[str, tuple[str, str]]:
    """Each script of :func:`kurilmap.pagetable.page_parts` by the name the page asks for it ("names|both|ja",
    "texts|ja"; kurilmapLoadFirst): ``{name: (kind, key)}``."""
    return {f"{kind}|{key}": (kind, key) for kind, part in parts.items() for key in part}


def _collection(features) -> dict:
    return {"type": "FeatureCollection", "features": features}


@cache
def _layers(atlas: Atlas, tolerance: float = DISPLAY_TOLERANCE) -> dict:
    """The page's GeoJSON: land units (in the scene table's order), context land and border lines."""
    units = atlas.display_units(tolerance)
    context = [
        _feature(shapely.simplify(g, tolerance * 3, preserve_topology=True), p["id"])
        for p, g in zip(atlas.context.properties, atlas.context.geometries)
    ]
    return {
        "units": _collection([_feature(u["geometry"], u["id"]) for u in units]),
        "context": _collection(context),
        "lines": _collection([_feature(g, p["id"]) for p, g in zip(atlas.lines.properties, atlas.lines.geometries)]),
    }


def script_json(value) -> str:
    """JSON for a ``<script>`` block: no sequence in data text can end the block or open a comment.

    Examples
    --------
    >>> script_json({"name": "</script><!--"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    >>> script_json(["{{ x }}"])
    '["{\\\\u007b x }}"]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    # branca reads a rendered script as a Jinja template again: no "{{", "{%" or "{#" may reach it (in JSON
    # such a pair can only be inside a string, where the escape means the same character)
    return re.sub(r"\{([{%#])", lambda m: f"{{\\u{ord(m.group(1)):04x}", text)


class Controller(MacroElement):
    """Client-side view switching, slider, legend, tooltips and labels for one folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
kurilmapInit({{ this._parent.get_name() }}, {{ this.units.get_name() }}, {{ this.lines.get_name() }}, {{ this.table }}, {{ this.initial }}, {{ this.context.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, units, lines, table: dict, initial: dict, context):
        super().__init__()
        self._name = "KurilmapController"
        self.units, self.lines, self.context = units, lines, context
        self.table = script_json(table)
        self.initial = script_json(initial)


class OfflineMap(folium.Map):
    """A folium map that loads only Leaflet, from the project's own copy."""

    default_js = [("leaflet", "vendor/leaflet/leaflet.js")]
    default_css = [("leaflet_css", "vendor/leaflet/leaflet.css")]


def build_map(
    atlas: Atlas, initial: dict | None = None, *, links: dict[str, str] | None = None, tiles: bool = True
) -> folium.Map:
    """The interactive map page: every year, naming style and language one view change away.

    Parameters
    ----------
    initial : dict, optional
        The view to open with (``year``, ``names``, ``lang``, ``compare``, ``controls``); a
        ``#year=…&names=…`` fragment in the page's address overrides it.
    links : dict, optional
        File names to link (``leaflet.js``, ``leaflet.css``, ``kurilmap.js``, ``kurilmap.css``), served
        beside the page; without them everything is inlined, so the page works opened from disk, offline.
    tiles : bool
        Offer an OpenStreetMap background the user can switch on (off by default; our own
        land polygons make a complete map without it).
    """
    layers = _layers(atlas)
    m = OfflineMap(
        location=CENTER,
        zoom_start=ZOOM,
        tiles=None,
        control_scale=False,  # kurilmap.js adds the scale bar, in kilometres and the interface language
        min_zoom=3,
        max_zoom=12,
        zoom_control=True,
        zoom_snap=0.25,  # the region fills the map at any size, not only at whole zoom levels
    )
    # the context land and the land units come in the scene table, encoded: kurilmap.js adds them to these layers
    context = folium.GeoJson(_collection([]), name="context", control=False, interactive=False)
    context.add_to(m)
    units = folium.GeoJson(_collection([]), name="land", control=False, smooth_factor=0.5)
    units.add_to(m)
    lines = folium.GeoJson(
        layers["lines"],
        name="lines",
        control=False,
        style_function=lambda _: {"color": LINE["stroke"], "weight": LINE["weight"], "dashArray": LINE["dash"]},
    )
    lines.add_to(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=True, show=False, opacity=0.45).add_to(m)
        folium.LayerControl(position="topleft", collapsed=True).add_to(m)
    rest, parts = page_parts(atlas)
    table = rest | {"shapes": _shapes(atlas)}
    table["contextLayer"] = {
        "ids": [f["id"] for f in layers["context"]["features"]],
        "shapes": _shapes(atlas, "context"),
        "style": {"fillColor": CONTEXT["fill"], "color": CONTEXT["stroke"], "weight": 0.6, "fillOpacity": 1},
    }
    if links is None:  # one file: every naming style and language inline
        table.update(parts)
    m.add_child(Controller(units, lines, table, initial or {}, context))
    root = m.get_root()
    if links is None:
        root.header.add_child(Element(f"<style>{CONTROLLER_CSS.read_text(encoding='utf-8')}</style>"))
        root.header.add_child(Element(f"<script>{controller_js()}</script>"))
        _inline_leaflet(m)
    else:
        m.default_js = [("leaflet", links["leaflet.js"])]
        m.default_css = [("leaflet_css", links["leaflet.css"])]
        root.header.add_child(Element(f'<link rel="stylesheet" href="{links["kurilmap.css"]}">'))
        root.header.add_child(Element(f'<script src="{links["kurilmap.js"]}"></script>'))
        # the names and texts of the view the page opens on, before the map starts (the others when shown)
        files = {name: links[name] for name in _part_names(parts)}
        root.header.add_child(Element(f"<script>kurilmapLoadFirst({script_json(files)});</script>"))
    _stable_ids(root)
    return m


def _stable_ids(element, counter=None) -> None:
    """Number folium's element ids in tree order instead of at random, so the same data and code
    make the same page, byte for byte (its file name is a hash of its content)."""
    counter = counter if counter is not None else iter(range(1 << 30))
    element._id = f"{next(counter):032x}"
    for child in element._children.values():
        _stable_ids(child, counter)


def _inline_leaflet(m: folium.Map) -> None:
    """Replace the Leaflet links by the files themselves (a page that needs nothing else)."""
    leaflet_js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    for image in ("layers.png", "layers-2x.png"):
        data = base64.b64encode((LEAFLET_DIR / "images" / image).read_bytes()).decode("ascii")
        leaflet_css = leaflet_css.replace(f"url(images/{image})", f"url(data:image/png;base64,{data})")
    m.default_js = []
    m.default_css = []
    root = m.get_root()
    root.header.add_child(Element(f"<style>{leaflet_css}</style>"), index=0)
    root.header.add_child(Element(f"<script>{leaflet_js}</script>"), index=0)


def map_html(
    atlas: Atlas,
    year: int,
    names: str = "both",
    lang: str = "en",
    compare: int | None = None,
    *,
    tiles: bool = True,
    controls: bool = True,
    day: str | None = None,
    position: str = "held",
) -> str:
    """A self-contained map page opening on one view (the offline HTML export), or on a day of 1945; as
    administered or as one government holds it (``position``).

    The page is made to sit in another page: the mouse wheel zooms the map only after a click on it
    or with Ctrl/⌘ held (otherwise the page around it scrolls); it has a ``<title>``, its ``lang``, the
    credit line in view and the alt text of its opening view as the map's description.
    """
    from html import escape

    from kurilmap.publish import alt_text, credit_line
    from kurilmap.scene import build_scene
    from kurilmap.view import compared_view, parse_side

    atlas.history.check_year(year)
    check_view(names, lang)
    other, other_day = parse_side(compare) if compare is not None else (None, None)  # a year or a day of 1945
    initial = {"year": int(year), "names": names, "lang": lang, "compare": other, "controls": controls, "day": day}
    initial.update(position=position, compareDay=other_day)
    page = render_page(build_map(atlas, initial | {"wheel": "click"}, tiles=tiles))
    scene = build_scene(atlas, compared_view(year, names, lang, compare, day, position))
    title = scene.title
    alt = alt_text(atlas, scene)
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    page = page.replace("<head>", f"<head>\n    <title>{escape(title)}</title>", 1)
    page = re.sub(r'(<div class="folium-map" id="[^"]+")', r'\1 aria-describedby="km-alt"', page, count=1)
    extra = f'<p id="km-alt" class="km-alt">{escape(alt)}</p>'
    if controls:  # a page of its own (the compare page prints the credit under both maps)
        extra += f'<p class="km-credit">{escape(credit_line(atlas, lang))}</p>'
    return page.replace("</body>", extra + "\n</body>", 1)


def render_page(m: folium.Map) -> str:
    """The page's HTML; pinch zoom stays allowed (folium's page sets ``maximum-scale=1, user-scalable=no``)."""
    html = m.get_root().render()
    return re.sub(
        r'<meta name="viewport" content="[^"]*"',
        '<meta name="viewport" content="width=device-width, initial-scale=1"',
        html,
        count=1,
    )


# ---------------------------------------------------------------------------------------------- static assets


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@cache
def map_page(atlas: Atlas, tiles: bool = True) -> tuple[str, dict[str, bytes]]:
    """The app's map page and the files it links, named by content: ``(page name, {name: bytes})``.

    The names change whenever the data, the code of the page or Leaflet change, so a browser may
    keep any of them for as long as it likes. ``tiles=False`` leaves out the OpenStreetMap layer
    (the static atlas: no address outside its own folder).
    """
    files: dict[str, bytes] = {}

    def add(stem: str, suffix: str, data: bytes) -> str:
        name = f"{stem}-{_digest(data)}{suffix}"
        files[name] = data
        return name

    for image in ("layers.png", "layers-2x.png"):
        files[image] = (LEAFLET_DIR / "images" / image).read_bytes()
    leaflet_css = (LEAFLET_DIR / "leaflet.css").read_bytes().replace(b"url(images/", b"url(")
    links = {
        "leaflet.js": add("leaflet", ".js", (LEAFLET_DIR / "leaflet.js").read_bytes()),
        "leaflet.css": add("leaflet", ".css", leaflet_css),
        "kurilmap.js": add("kurilmap", ".js", controller_js().encode("utf-8")),
        "kurilmap.css": add("kurilmap", ".css", CONTROLLER_CSS.read_bytes()),
    }
    # the names of each naming style and language and the texts of each language: scripts the page adds when
    # they are shown (kurilmapLoadFirst, frontend/kurilmap.js)
    parts = page_parts(atlas)[1]
    for name, (kind, key) in _part_names(parts).items():
        data = f"kurilmapData({script_json(kind)},{script_json(key)},{script_json(parts[kind][key])});".encode()
        links[name] = add(f"{kind}-{key.replace('|', '-')}", ".js", data)
    page = render_page(build_map(atlas, links=links, tiles=tiles))
    return add("map", ".html", page.encode("utf-8")), files


# ---------------------------------------------------------------------------------------------- compare page

_COMPARE_CSS = """
html { height: 100%; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans",
  "Noto Sans CJK JP", sans-serif; color: #1d1d1d; background: #fff; overflow-wrap: anywhere; }
/* At least the window's height (the maps fill it), taller when the maps and cards need more: the page then
   scrolls, and the footer always follows the cards instead of being printed over them. */
body { min-height: 100%; display: flex; flex-direction: column; }
header { padding: 10px 16px 6px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.km-caption { margin: 0; color: #333; }
main { flex: 1 0 auto; display: flex; gap: 12px; padding: 0 16px; }
main > section { flex: 1; display: flex; flex-direction: column; min-width: 0; }
iframe { flex: 1; width: 100%; min-height: 360px; border: 1px solid #ccc; }
.km-card { font-size: 13px; padding: 6px 2px 0; max-height: 30vh; overflow: auto; }
.km-card h2 { font-size: 15px; margin: 0 0 2px; }
.km-card p { margin: 2px 0; }
.km-card blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #999; color: #333; }
footer { font-size: 11px; color: #444; padding: 6px 16px 8px; }
@media (max-width: 800px) { main { flex-direction: column; } iframe { min-height: 60vh; } .km-card { max-height: none; } }
"""


def _card_html(atlas: Atlas, year: int, lang: str) -> str:
    """The treaty (or act) behind the border of ``year``, as escaped HTML."""
    from html import escape

    from kurilmap.i18n import pick
    from kurilmap.panel import treaty_card

    period = atlas.history.period_for(year)
    card = treaty_card(atlas, period.treaty, lang)
    parts = [f"<h2>{year} — {escape(pick(period.label, lang))}</h2>"]
    if card:
        parts.append(f"<p><b>{escape(card['heading'])}</b></p>")
        parts.append(f"<p>{escape(card['facts'])}</p><p>{escape(card['summary'])}</p>")
        if card["quotation"]:
            parts.append(f"<blockquote>“{escape(card['quotation'])}” ({escape(card['quotation_label'])})</blockquote>")
    return f'<article class="km-card" data-year="{year}">' + "".join(parts) + "</article>"


def compare_html(
    atlas: Atlas,
    year: int,
    compare,
    names: str = "both",
    lang: str = "en",
    shows: tuple = ("held", "held"),
    day: str | None = None,
) -> str:
    """A self-contained page comparing two years (or a day of 1945 with a year or day, ``compare`` a year or a day,
    ``day`` the first map's): both maps, the title, the change caption and both treaty cards.

    Each map is the offline map page (inline Leaflet, no network) opened on its year with the other
    year's changed land outlined; the page fills the browser window.
    """
    from html import escape

    from kurilmap.i18n import t
    from kurilmap.publish import credit_line
    from kurilmap.scene import build_scene
    from kurilmap.view import compared_view

    atlas.history.check_year(year)
    view = compared_view(year, names, lang, compare, day, *shows)
    scene = build_scene(atlas, view)
    sections = []
    for ms, other in zip(scene.maps, (view.compare_when, view.when)):  # each map against the other's year or day
        page = map_html(atlas, ms.year, names, lang, other, tiles=False, controls=False, day=ms.day, position=ms.show)
        sections.append(
            f'<section><iframe title="{escape(ms.heading)}" srcdoc="{escape(page, quote=True)}"></iframe>'
            f"{_card_html(atlas, ms.year, lang)}</section>"
        )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(scene.title)}</title><style>{_COMPARE_CSS}</style></head><body>"
        f'<header><h1>{escape(scene.title)}</h1><p class="km-caption">{escape(scene.caption)}</p></header>'
        f"<main>{''.join(sections)}</main>"
        f"<footer><b>{escape(credit_line(atlas, lang))}</b>. {escape(t('sources_text', lang))}</footer></body></html>"
    )
