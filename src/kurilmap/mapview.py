"""The interactive folium map: every period in one page, switched in the browser by restyling.

The page holds each land unit's geometry once, with its holder in every period. Moving the
year slider restyles the units on the client (no server round trip), so the map keeps its
pan and zoom. The same page serves the Streamlit app (inside the project's component) and
the self-contained HTML export (assets inlined).
"""

from __future__ import annotations

import base64
import json
from functools import cache
from pathlib import Path

import folium
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from kurilmap.geometry import DISPLAY_TOLERANCE, Atlas
from kurilmap.i18n import LANGS, all_strings, check_view
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.style import PALETTE

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


def _feature(geom, props) -> dict:
    gj = mapping(geom)
    return {
        "type": "Feature",
        "id": props["id"],
        "properties": props,
        "geometry": {"type": gj["type"], "coordinates": _round(json.loads(json.dumps(gj["coordinates"])))},
    }


def _collection(features) -> dict:
    return {"type": "FeatureCollection", "features": features}


@cache
def map_data(atlas: Atlas, tolerance: float = DISPLAY_TOLERANCE) -> dict:
    """Everything the map page needs, year-independent: units, lines, towns, tables and text."""
    history = atlas.history
    units = atlas.display_units(tolerance)
    unit_features = [
        _feature(
            u["geometry"],
            {"id": u["id"], "island": u["island"], "zone": u["zone"], "h": u["holders"], "f": u["features"]},
        )
        for u in units
    ]
    features = {
        pid: {
            p["id"]: {
                "names": {k: p[k] for k in ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin")},
                "area": p["area_km2"],
                "holder": p["holder"],
            }
            for p in layer.properties
        }
        for pid, layer in atlas.layers.items()
    }
    labels = []
    first = next(iter(features.values()))  # before 1855 no island is cut
    for island in dict.fromkeys(u["island"] for u in units):
        pieces = [u for u in units if u["island"] == island]
        area = first[island]["area"]
        if area >= 150 or (island in atlas.disputed_islands and area >= 90):
            whole = shapely.union_all([u["geometry"] for u in pieces])
            pt = max(shapely.get_parts(whole), key=lambda g: g.area).representative_point()
            labels.append(
                {"id": island, "lon": round(pt.x, 3), "lat": round(pt.y, 3), "area": area, "names": pieces[0]["names"]}
            )
    context = [
        _feature(shapely.simplify(g, tolerance * 3, preserve_topology=True), {"id": p["id"]})
        for p, g in zip(atlas.context.properties, atlas.context.geometries)
    ]
    lines = [
        _feature(g, {"id": p["id"], "label": {lang: p[f"label_{lang}"] for lang in LANGS}})
        for p, g in zip(atlas.lines.properties, atlas.lines.geometries)
    ]
    towns = [
        {
            "id": p["id"],
            "lon": g.x,
            "lat": g.y,
            "names": {
                "name_ja": p["name_ja"],
                "name_ja_romaji": p["name_ja_romaji"],
                "name_ru": p["name_ru"],
                "name_ru_latin": p["name_ru_latin"],
            },
        }
        for p, g in zip(atlas.towns.properties, atlas.towns.geometries)
    ]
    treaties = {
        tid: {"name": t["name"], "kind": t["kind"], "signed": t["signed"], "article": t["article"]}
        for tid, t in atlas.treaties.items()
    }
    return {
        "units": _collection(unit_features),
        "context": _collection(context),
        "lines": _collection(lines),
        "tables": {
            "first": FIRST_YEAR,
            "last": last_year(),
            "changeYears": history.change_years(),
            "periods": [
                {
                    "id": p.id,
                    "start": p.start,
                    "treaty": p.treaty,
                    "label": p.label,
                    "lines": list(p.lines),
                    "disputed": p.disputed,
                }
                for p in history.periods
            ],
            "occupations": [
                {"id": o.id, "zone": o.zone, "by": o.by, "start": o.start, "end": o.end, "label": o.label}
                for o in history.occupations
            ],
            "states": history.states,
            "treaties": treaties,
            "features": features,
            "disputed": sorted(atlas.disputed_islands),
            "labels": labels,
            "towns": towns,
            "strings": all_strings(),
            "palette": PALETTE,
        },
    }


class Controller(MacroElement):
    """Client-side period switching, slider, legend, tooltips and names for one folium map."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
kurilmapInit({{ this._parent.get_name() }}, {{ this.units.get_name() }}, {{ this.lines.get_name() }}, {{ this.tables }}, Object.assign({{ this.initial }}, window.kurilmapView || {}));
{% endmacro %}
"""
    )

    def __init__(self, units, lines, tables: dict, initial: dict):
        super().__init__()
        self._name = "KurilmapController"
        self.units, self.lines = units, lines
        self.tables = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        self.initial = json.dumps(initial, separators=(",", ":"))


class OfflineMap(folium.Map):
    """A folium map that loads only Leaflet, from the project's own copy."""

    default_js = [("leaflet", "vendor/leaflet/leaflet.js")]
    default_css = [("leaflet_css", "vendor/leaflet/leaflet.css")]


def build_map(
    atlas: Atlas,
    year: int,
    names: str = "both",
    lang: str = "en",
    compare: int | None = None,
    *,
    inline: bool = False,
    tiles: bool = True,
    controls: bool = True,
) -> folium.Map:
    """The interactive map of ``year`` (with every other period one slider move away).

    Parameters
    ----------
    inline : bool
        Inline Leaflet and the controller so the page works opened from disk, offline.
    tiles : bool
        Offer an OpenStreetMap background the user can switch on (off by default; our own
        land polygons make a complete map without it).
    """
    atlas.history.check_year(year)
    check_view(names, lang)
    data = map_data(atlas)
    m = OfflineMap(
        location=CENTER, zoom_start=ZOOM, tiles=None, control_scale=True, min_zoom=3, max_zoom=12, zoom_control=True
    )
    folium.GeoJson(
        data["context"],
        name="context",
        style_function=lambda _: {
            "fillColor": PALETTE["context"],
            "color": PALETTE["context"],
            "weight": 0.6,
            "fillOpacity": 1,
        },
        control=False,
        interactive=False,
    ).add_to(m)
    units = folium.GeoJson(data["units"], name="land", control=False, smooth_factor=0.5)
    units.add_to(m)
    lines = folium.GeoJson(
        data["lines"],
        name="lines",
        control=False,
        style_function=lambda _: {"color": PALETTE["line"], "weight": 2.5, "dashArray": "7 5"},
    )
    lines.add_to(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=True, show=False, opacity=0.45).add_to(m)
        folium.LayerControl(position="topleft", collapsed=True).add_to(m)
    initial = {"year": int(year), "names": names, "lang": lang, "compare": compare, "controls": controls}
    m.add_child(Controller(units, lines, data["tables"], initial))
    js = CONTROLLER_JS.read_text(encoding="utf-8")
    css = CONTROLLER_CSS.read_text(encoding="utf-8")
    m.get_root().header.add_child(Element(f"<style>{css}</style>"))
    m.get_root().header.add_child(Element(f"<script>{js}</script>"))
    if inline:
        _inline_assets(m)
    return m


def _inline_assets(m: folium.Map) -> None:
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
    inline: bool = False,
    tiles: bool = True,
) -> str:
    """The map page as one HTML string (see :func:`build_map`)."""
    return build_map(atlas, year, names, lang, compare, inline=inline, tiles=tiles).get_root().render()
