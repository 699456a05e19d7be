# %% [markdown]
# # A tour of the kurilmap notebook API
#
# The border between Japan and Russia in Sakhalin and the Kuril Islands, 1850 to today, as
# GeoDataFrames and folium maps. Run it as a script (`python examples/notebook_tour.py [OUT]`, which
# writes its maps and layers into OUT, default `kurilmap-tour/`), or open it in Jupyter or VS Code,
# where each `# %%` block is a cell (Jupytext reads the same format). Everything comes from the
# package's own data: nothing is downloaded.

# %%
import sys
from pathlib import Path

import folium
import geopandas as gpd

import kurilmap

out = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "kurilmap-tour")
out.mkdir(parents=True, exist_ok=True)
print("kurilmap", kurilmap.__version__)

# %% [markdown]
# ## The land of a year
# One row per island (Sakhalin in two halves), with its holder, the state of that year, the names
# as written then and the geodesic area in km².

# %%
land = kurilmap.layer(1905)
print(land.groupby("state")["area_km2"].sum().round().to_string())
land.to_file(out / "land-1905.gpkg", driver="GPKG")

# %% [markdown]
# ## Who held these places?
# Any GeoSeries of points (in any CRS) or plain lists of longitudes and latitudes.

# %%
places = gpd.GeoSeries.from_xy(
    [142.74, 147.9, 156.13, 141.35],
    [46.96, 45.25, 50.68, 43.06],
    index=["Toyohara / Yuzhno-Sakhalinsk", "Shana / Kurilsk", "Kashiwabara / Severo-Kurilsk", "Sapporo"],
    crs="EPSG:4326",
)
for year in (1890, 1910, 1950):
    print(year, kurilmap.holders(year, places)[["state", "name_en", "disputed"]].to_string(), sep="\n")

# %% [markdown]
# ## What changed hands
# The land that passed from one state to another between two years, with its area.

# %%
moved = kurilmap.changes(1944, 1945)
print(moved[["name_en", "from_state", "to_state", "disputed", "area_km2"]].head(8).to_string())
print(f"In all: {moved['area_km2'].sum():,.0f} km²")
moved.to_file(out / "changes-1944-1945.geojson", driver="GeoJSON")

# %% [markdown]
# ## The app's map, to show and extend
# `folium_map` returns a `folium.Map` (in a notebook, the cell shows it); add layers as usual. It needs
# nothing from the network, so it has no marker images: use vector markers such as `CircleMarker`.

# %%
m = kurilmap.folium_map(1905, names="both")
for name, point in places.items():
    folium.CircleMarker([point.y, point.x], radius=6, color="black", fill=True, tooltip=name).add_to(m)
m.save(out / "map-1905.html")
m  # noqa: B018 - a notebook shows the cell's last value

# %% [markdown]
# ## Two years side by side
# As the app's compare view: the land that changed hands outlined on both maps.

# %%
pair = kurilmap.side_by_side(1875, 1905, lang="ja")
print(pair.caption)
pair.save(out / "compare-1875-1905.html")
pair  # noqa: B018 - a notebook shows the cell's last value

# %%
print("wrote", ", ".join(sorted(p.name for p in out.iterdir())), "in", out)
