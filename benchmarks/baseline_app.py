"""Reference app for the benchmarks: what most Streamlit + folium apps do.

On every rerun it rebuilds a folium.Map with the period's full-resolution GeoJSON and hands it
to st_folium. Run by `make bench` beside the real app; not part of the product.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from kurilmap.geometry import load_atlas
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.style import PALETTE

atlas = st.cache_resource(load_atlas)()
start = int(st.query_params.get("year", 1905))
year = st.slider("Year", FIRST_YEAR, last_year(), start)
layer = atlas.layer(year)
# Leaflet from the app's own static folder (benchmarks/static -> the vendored copy): no network here.
m = folium.Map(location=(47.6, 148.0), zoom_start=5, tiles=None)
m.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
for part in (layer[layer.occupied_by.isna()], layer[layer.occupied_by.notna()]):
    if len(part):
        folium.GeoJson(
            part[["id", "holder", "occupied_by", "geometry"]].to_json(),
            style_function=lambda f: {
                "fillColor": PALETTE["occupied_stripe"]
                if f["properties"]["occupied_by"]
                else PALETTE[f["properties"]["holder"]],
                "color": PALETTE[f["properties"]["holder"]],
                "weight": 1,
                "fillOpacity": 1,
            },
        ).add_to(m)
st_folium(m, key=f"map-{year}", height=640, width=900, returned_objects=[])  # a new key forces the redraw
