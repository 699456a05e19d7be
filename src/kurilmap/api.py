"""The notebook API: layers, holders, changes and maps of the border, for geopandas and folium.

Every function is also in the package's top level (``kurilmap.layer`` …) and reads the validated data
of :func:`kurilmap.data.geodata_dir` (the package's own copy, or ``$KURILMAP_GEODATA``), loaded once
per process. Years run from 1850 to this year; a year means the border in force at its end.

>>> import kurilmap
>>> kurilmap.holders(1890, lon=[142.74, 150.0, 146.0], lat=[46.96, 45.9, 43.0])[["holder", "state", "name_en"]]
   holder           state        name_en
0  russia  Russian Empire       Sakhalin
1   japan  Empire of Japan  Uruppu / Urup
2     NaN             NaN            NaN
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kurilmap.geometry import Atlas, load_atlas

if TYPE_CHECKING:
    import folium
    import geopandas
    import pandas

__all__ = ["layer", "holders", "changes", "events", "folium_map", "side_by_side", "snapshot", "SideBySide"]

_NAMES = ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin")


def _atlas(geodata) -> Atlas:
    return load_atlas(geodata)


def layer(year: int, *, position: str = "held", geodata: str | Path | None = None) -> geopandas.GeoDataFrame:
    """The land of the map at the end of ``year``, one row per island (or half of Sakhalin), EPSG:4326.

    Columns: ``id``, ``island``, ``holder`` (``japan``, ``russia``, ``shared`` for undivided Sakhalin
    1855–1875, ``contested`` before 1855), ``state`` (the state of that year, e.g. ``Soviet Union``),
    ``occupied_by``, ``disputed``, ``period``, ``treaty``, ``area_km2`` (geodesic), the names as written
    that year (``name_en``, ``name_ja``, ``name_ja_romaji``, ``name_ru``, ``name_ru_latin``; every dated
    name is in ``name_history``) and ``geometry`` at full resolution (GSHHG).

    With ``position="japan"`` or ``"russia"``, four more columns say what that government holds about
    each row that year (``sources/positions.json``): ``position_of`` (e.g. "Position of the Government of
    Japan"), ``position`` (``japan``, ``russia`` or ``undetermined``; the holder where no position that
    differs is recorded), ``position_label`` and ``position_source`` (the quoted sources; empty where none).

    Examples
    --------
    >>> import kurilmap
    >>> land = kurilmap.layer(1921).set_index("id")
    >>> land.loc[["sakhalin-north", "sakhalin-south"], ["holder", "occupied_by"]]
                    holder occupied_by
    id
    sakhalin-north  russia       japan
    sakhalin-south   japan         NaN
    >>> land.loc["etorofu", "name_ru"], int(land.loc["etorofu", "area_km2"] // 100 * 100)
    ('Итуруп', 3200)
    >>> kurilmap.layer(2000, position="japan").set_index("id").loc[["kunashiri", "uruppu"], ["holder", "position"]]
               holder      position
    id
    kunashiri  russia         japan
    uruppu     russia  undetermined
    """
    from kurilmap.naming import dated_names

    atlas = _atlas(geodata)
    year = atlas.history.check_year(year)
    frame = atlas.layer(year)
    period = atlas.layers[atlas.history.period_for(year).id]
    dated = [dated_names(props, year) for props in period.properties]
    for key in _NAMES:
        frame[key] = [names[key] for names in dated]
    return frame if position == "held" else _with_position(atlas, frame, year, position)


def _with_position(atlas: Atlas, frame: geopandas.GeoDataFrame, year: int, side: str) -> geopandas.GeoDataFrame:
    """``frame`` with what ``side`` holds about each row in ``year`` (see :func:`layer`)."""
    from kurilmap.positions import SIDES

    if side not in SIDES:
        raise ValueError(f"position must be 'held', 'japan' or 'russia', not {str(side)[:20]!r}")
    held = atlas.positions.held(side, year)
    found = [held.get(row_id) for row_id in frame["id"]]
    frame["position_of"] = atlas.positions.title(side, year)["en"]
    frame["position"] = [p.status if p else h for p, h in zip(found, frame["holder"])]
    frame["position_label"] = [p.label["en"] if p else "" for p in found]
    frame["position_source"] = ["; ".join(q.source for q in p.quotes) if p else "" for p in found]
    return frame


def holders(year: int, points=None, *, lon=None, lat=None, geodata: str | Path | None = None) -> pandas.DataFrame:
    """Who held each place at the end of ``year``: the answers of ``kurilmap query``, one row per place.

    Parameters
    ----------
    year : int
        A year from 1850 to this year.
    points : geopandas.GeoSeries or GeoDataFrame of points, optional
        Places in any coordinate reference system (one without a CRS is taken as lon/lat).
        The result keeps their index.
    lon, lat : array-like of float, optional
        Or the places as longitudes and latitudes in degrees (WGS84).

    Returns
    -------
    pandas.DataFrame
        ``lon``, ``lat``, ``holder`` (missing at sea or outside the map), ``state``, ``island`` (id),
        ``name_en``, ``name_ja``, ``name_ru`` (of the island, as written that year), ``disputed`` (one of
        the four disputed islands: administered by Russia, claimed by Japan), ``occupied_by``, ``period``
        and ``treaty``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> import kurilmap
    >>> places = gpd.GeoSeries.from_xy([142.74, 147.9, 145.8], [46.96, 45.2, 43.45], index=["Toyohara", "Shana", "sea"])
    >>> kurilmap.holders(1950, places)[["holder", "state", "name_ru", "disputed"]]
              holder         state  name_ru  disputed
    Toyohara  russia  Soviet Union  Сахалин     False
    Shana     russia  Soviet Union   Итуруп      True
    sea          NaN           NaN      NaN     False
    """
    import numpy as np
    import pandas as pd

    from kurilmap.points import Answerer

    index = None
    if points is not None:
        if lon is not None or lat is not None:
            raise ValueError("give either points (a GeoSeries) or lon and lat, not both")
        lons, lats, index = _lon_lat(points)
    elif lon is None or lat is None:
        raise ValueError("give the places as points (a GeoSeries of points) or as lon=… and lat=… (degrees)")
    else:
        lons, lats = np.atleast_1d(np.asarray(lon, dtype=float)), np.atleast_1d(np.asarray(lat, dtype=float))
        if lons.shape != lats.shape or lons.ndim != 1:
            raise ValueError(f"lon and lat must be two lists of the same length; got {lons.shape} and {lats.shape}")
    atlas = _atlas(geodata)
    answers = Answerer(atlas, atlas.history.check_year(year))
    rows = []
    for k in answers.which(lons, lats).tolist():
        r = answers.results[k]
        island = r["island"] or {}
        rows.append(
            {
                "holder": r["holder"],
                "state": r["state"],
                "island": island.get("id"),
                **{key: island.get(key) for key in ("name_en", "name_ja", "name_ru")},
                "disputed": r["disputed"],
                "occupied_by": r["occupied_by"],
                "period": r["period"],
                "treaty": r["treaty"],
            }
        )
    columns = ["holder", "state", "island", "name_en", "name_ja", "name_ru", "disputed", "occupied_by", "period"]
    frame = pd.DataFrame(rows, columns=[*columns, "treaty"], index=index)
    frame.insert(0, "lat", lats)
    frame.insert(0, "lon", lons)
    return frame


def _lon_lat(points):
    """Longitudes, latitudes and index of a GeoSeries (or GeoDataFrame) of points."""
    import geopandas as gpd
    import numpy as np

    if isinstance(points, gpd.GeoDataFrame):
        points = points.geometry
    if not isinstance(points, gpd.GeoSeries):
        points = gpd.GeoSeries(points)
    if points.crs is not None and not points.crs.equals("EPSG:4326"):
        points = points.to_crs(4326)
    kinds = set(points.geom_type.dropna())
    if points.isna().any() or points.is_empty.any() or kinds - {"Point"}:
        raise ValueError(f"points must all be points (no empty or missing ones); found {sorted(kinds)}")
    return np.asarray(points.x, dtype=float), np.asarray(points.y, dtype=float), points.index


def events(*, lang: str = "en", geodata: str | Path | None = None) -> pandas.DataFrame:
    """Every event of the atlas, oldest first: the columns of ``kurilmap chronology`` (the app's CSV).

    ``date`` (ISO: a day, a month or a year), ``kind``, ``period``, ``title`` and ``text`` (in ``lang``),
    ``source``, and the map the event opens: ``map_year``, and ``map_day`` for a day of the 1945 sequence.

    Examples
    --------
    >>> import kurilmap
    >>> c = kurilmap.events()
    >>> c.loc[c.title == "Soviet landing on Shumshu", ["date", "kind", "map_day"]].to_dict("records")
    [{'date': '1945-08-18', 'kind': 'War and occupation', 'map_day': '1945-08-18'}]
    """
    import io

    import pandas as pd

    from kurilmap.chronology import chronology_csv
    from kurilmap.i18n import check_view

    check_view("both", lang)
    frame = pd.read_csv(io.StringIO(chronology_csv(_atlas(geodata), lang)), dtype=str, keep_default_na=False)
    return frame.astype({"map_year": int})


def changes(year_a: int, year_b: int, *, lang: str = "en", geodata: str | Path | None = None) -> geopandas.GeoDataFrame:
    """The land that changed hands between the ends of two years, one row per island and direction.

    Columns: ``island``, ``name_en`` (as written in ``year_b``), ``from_holder``, ``to_holder``,
    ``from_state`` and ``to_state`` (the states of each year, in ``lang``: en, ja or ru), ``disputed``
    (one of the four disputed islands in ``year_b``: administered by Russia, claimed by Japan),
    ``area_km2`` (geodesic) and ``geometry`` (the land itself, EPSG:4326). No change gives an empty frame.

    Examples
    --------
    >>> import kurilmap
    >>> kurilmap.changes(1904, 1905)[["island", "from_state", "to_state", "area_km2"]]
         island      from_state         to_state  area_km2
    0  sakhalin  Russian Empire  Empire of Japan   33298.1
    1   moneron  Russian Empire  Empire of Japan      20.8
    >>> len(kurilmap.changes(1950, 2000))
    0
    """
    import geopandas as gpd

    from kurilmap.i18n import check_view
    from kurilmap.naming import dated_names

    check_view("both", lang)
    atlas = _atlas(geodata)
    history = atlas.history
    year_a, year_b = history.check_year(year_a), history.check_year(year_b)
    after = {}
    for props in atlas.layers[history.period_for(year_b).id].properties:
        after.setdefault(props["island"], props)
    disputed = atlas.disputed_islands if history.period_for(year_b).disputed else set()
    rows = [
        {
            "island": c.island,
            "name_en": dated_names(after[c.island], year_b)["name_en"],
            "from_holder": c.from_holder,
            "to_holder": c.to_holder,
            "from_state": history.state_name(c.from_holder, year_a, lang),
            "to_state": history.state_name(c.to_holder, year_b, lang),
            "disputed": c.island in disputed,
            "area_km2": c.area_km2,
        }
        for c in atlas.diff(year_a, year_b)
    ]
    geometry = [c.geometry for c in atlas.diff(year_a, year_b)]
    columns = ["island", "name_en", "from_holder", "to_holder", "from_state", "to_state", "disputed", "area_km2"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs="EPSG:4326")


def folium_map(
    year: int,
    *,
    compare: int | None = None,
    names: str = "both",
    lang: str = "en",
    controls: bool = True,
    tiles: bool = True,
    geodata: str | Path | None = None,
) -> folium.Map:
    """The app's map opening on ``year``, as a :class:`folium.Map` to show or extend in a notebook.

    It is the app's own page (same scene: colours, hatching, names, legend, tooltips, year slider
    with every year one step away) with Leaflet inlined, so it works offline. ``compare`` outlines
    the land that changed hands against another year; ``names`` is ``both``, ``ja``, ``ru`` or ``en``; ``lang``
    the language of its texts (en, ja, ru); ``controls=False`` hides the slider; ``tiles=False``
    leaves out the OpenStreetMap background (off by default anyway). For points of your own use
    vector markers such as :class:`folium.CircleMarker`: the page carries no marker images (it needs
    nothing from the network), so a default :class:`folium.Marker` shows a broken image.

    Examples
    --------
    >>> import folium, kurilmap
    >>> m = kurilmap.folium_map(1905, lang="ja")
    >>> _ = folium.CircleMarker([46.96, 142.74], radius=6, tooltip="Toyohara").add_to(m)
    >>> html = m.get_root().render()
    >>> "kurilmapInit(" in html, '"year":1905' in html, "Toyohara" in html
    (True, True, True)
    """
    from kurilmap.i18n import check_view
    from kurilmap.mapview import build_map

    atlas = _atlas(geodata)
    year = atlas.history.check_year(year)
    compare = None if compare is None else atlas.history.check_year(compare)
    check_view(names, lang)
    initial = {"year": year, "names": names, "lang": lang, "compare": compare, "controls": controls}
    return build_map(atlas, initial, tiles=tiles)


@dataclass
class SideBySide:
    """Two maps of the same view side by side, with the title and what changed hands (see :func:`side_by_side`).

    ``maps`` are two :class:`folium.Map` to extend; the notebook shows them next to each other, and
    :meth:`save` writes the same into one HTML file that works offline.
    """

    title: str
    headings: tuple[str, str]
    caption: str
    maps: tuple
    height: int = 520

    def _body(self) -> str:
        cells = "".join(
            f'<div style="flex:1 1 320px;min-width:0"><div style="font-weight:600;margin:0 0 4px">{html.escape(h)}'
            f'</div><iframe title="{html.escape(h)}" style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
            f'srcdoc="{html.escape(m.get_root().render(), quote=True)}"></iframe></div>'
            for h, m in zip(self.headings, self.maps)
        )
        return (
            f'<div class="kurilmap-side-by-side"><div style="font-size:1.15em;font-weight:600">{html.escape(self.title)}'
            f'</div><div style="display:flex;gap:12px;flex-wrap:wrap">{cells}</div>'
            f'<p style="margin:6px 0">{html.escape(self.caption)}</p></div>'
        )

    def _repr_html_(self) -> str:
        return self._body()

    def save(self, path: str | Path) -> Path:
        """Write both maps, the title and the caption into one HTML page (works offline)."""
        path = Path(path)
        path.write_text(
            f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(self.title)}</title></head>'
            f'<body style="font-family:system-ui,sans-serif;margin:12px">{self._body()}</body></html>',
            encoding="utf-8",
        )
        return path


def side_by_side(
    year: int,
    other: int,
    *,
    names: str = "both",
    lang: str = "en",
    geodata: str | Path | None = None,
) -> SideBySide:
    """Two years side by side, as the app's compare view: the land that changed hands outlined on both.

    Examples
    --------
    >>> import kurilmap
    >>> pair = kurilmap.side_by_side(1875, 1905)
    >>> pair.headings[0][:4], pair.headings[1][:4], len(pair.maps)
    ('1875', '1905', 2)
    >>> print(pair.caption)
    Changed hands between the two years (1875 → 1905): Russian Empire → Empire of Japan 33,319 km²
    >>> "<iframe" in pair._repr_html_()
    True
    """
    from kurilmap.scene import build_scene
    from kurilmap.view import View

    atlas = _atlas(geodata)
    year, other = atlas.history.check_year(year), atlas.history.check_year(other)
    if year == other:
        raise ValueError(f"compare {year} with another year, e.g. {atlas.history.neighbouring_change(year)}")
    scene = build_scene(atlas, View(year, names, lang, other))
    maps = tuple(
        folium_map(ms.year, compare=ms.compare, names=names, lang=lang, controls=False, tiles=False, geodata=geodata)
        for ms in scene.maps
    )
    return SideBySide(scene.title, tuple(ms.heading for ms in scene.maps), scene.caption or "", maps)


def snapshot(
    year: int,
    fmt: str = "png",
    *,
    compare: int | None = None,
    names: str = "both",
    lang: str = "en",
    width: int = 1600,
    height: int = 1200,
    dpi: int = 200,
    position: str = "held",
    map_only: bool = False,
    geodata: str | Path | None = None,
) -> bytes:
    """The bytes of an export of ``year`` (``png``, ``svg``, ``pdf``, ``html``, ``geojson``, ``gpkg``), as the
    command line's ``snapshot`` writes it (see :func:`kurilmap.export.render` for every option).

    A picture lays itself out for its shape: from 16:9 on (``width=1920, height=1080``) the map fills
    the height and the title, legend and caption stand in a column beside it. ``map_only=True`` (png,
    svg) leaves out the title, legend and caption and keeps one small credit line under the map, for a
    page with its own typography. A bad option raises :class:`kurilmap.export.ExportError` (a ValueError)
    saying what to choose instead.

    Examples
    --------
    >>> import kurilmap
    >>> png = kurilmap.snapshot(1905, width=480, height=270, map_only=True)
    >>> png[:4]
    b'\\x89PNG'
    >>> kurilmap.snapshot(1905, "pdf", map_only=True)
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: map only makes a png or svg picture of the map alone; a pdf file cannot be one. Write a .png or .svg, or leave out map only (map_only=False)
    """
    from kurilmap.export import render

    return render(
        _atlas(geodata), year, fmt, compare=compare, names=names, lang=lang, width=width, height=height, dpi=dpi,
        position=position, map_only=map_only,
    )  # fmt: skip
