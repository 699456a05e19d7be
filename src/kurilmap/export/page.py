"""The matplotlib page of an export: one or two map panels whose static layers are drawn once."""

from __future__ import annotations

import numpy as np

from kurilmap.export.labels import _BIG_PT, _ISLAND_PT, _LINE_PT, _TOWN_PT, _placements
from kurilmap.export.layout import (
    _VIEW_XY,
    SCALE_LAT,
    _Layout,
    _merc_y,
    _reference_deg_per_pt,
    _reference_map_width,
)
from kurilmap.export.legend import _YearStyle
from kurilmap.export.shapes import _km_per_degree_lon, _scene, _surroundings
from kurilmap.export.theme import _HATCH, _INK, _halo
from kurilmap.i18n import t
from kurilmap.naming import name_epoch
from kurilmap.style import CHANGED, LOOKS


class _Page(_YearStyle):
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
        # Everything inside a map scales with the map (inches per degree), so a map looks the same at any size
        # and in any layout, and label positions (computed once, at the reference size) hold everywhere.
        view_w, ref_w = layout.view[2] - layout.view[0], _VIEW_XY[2] - _VIEW_XY[0]
        self.m = layout.panels[0][2] * layout.width / view_w / (_reference_map_width() / ref_w)
        self.surroundings = _surroundings(atlas, tolerance) if layout.wide else []
        self.panels = [self._panel(rect) for rect in layout.panels]
        self.legend = None
        self.legend_title = None  # set by show(): "Legend", or whose position the map shows
        self.side_texts = []
        self.title = self.subtitle = self.detail = None  # the title block (none on a map-only picture)
        self.title_text = self.caption_text = ""  # what the picture's metadata names, drawn or not
        self.header_bottom = layout.header_top  # figure fraction under the title block (set by show())
        top, H = layout.header_top, layout.height
        if not layout.map_only:
            x, ha, _ = layout.header
            self.title = self.fig.text(x, top, "", ha=ha, va="top", fontsize=13.5 * s, weight="bold", color=_INK)
            self.subtitle = self.fig.text(x, top - 0.27 * s / H, "", ha=ha, va="top", fontsize=9 * s)
            self.detail = self.fig.text(x, top - 0.47 * s / H, "", ha=ha, va="top", fontsize=7 * s, color="#444444")
        x, ha, va, _ = layout.caption_at
        y = layout.caption_top - (0.06 * s / H if va == "top" else 0.0)
        self.caption = self.fig.text(
            x, y, "", ha=ha, va=va, fontsize=(4.6 if layout.map_only else 5.3) * s, color="#555555", linespacing=1.35,
            multialignment=ha,
        )  # fmt: skip

    # ------------------------------------------------------------------ static layers

    def _panel(self, rect) -> dict:
        from matplotlib.collections import LineCollection, PathCollection

        s, P, scene = self.m, self.P, self.scene
        ax = self.fig.add_axes(rect)
        x0, y0, x1, y1 = self.layout.view
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_facecolor(P["sea"])
        for side in ax.spines.values():
            side.set_linewidth(0.6 * s)
            side.set_color("#555555")
        lons, lats = [v for v in range(135, 165, 5) if x0 < v < x1], [42, 44, 46, 48, 50, 52, 54]
        ax.set_xticks(lons, [t("lon_east", self.lang, v=v) for v in lons])  # 140°E, 東経140°, 140° в. д.
        ax.set_yticks([float(_merc_y(v)) for v in lats], [t("lat_north", self.lang, v=v) for v in lats])
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
        # A wide picture's surroundings: the mainland as context, Kamchatka beyond the region as Kamchatka (show()).
        around = PathCollection([a["path"] for a in self.surroundings], linewidths=0.35 * s, zorder=2)
        around.set_gid("surroundings")
        ax.add_collection(around, autolim=False)
        land = PathCollection([u["path"] for u in scene.units], linewidths=0.35 * s, zorder=2)
        land.set_gid("land")  # one path per display unit, in the scene's order (tests read the SVG by it)
        ax.add_collection(land, autolim=False)
        # One hatched overlay per hatched look (kurilmap.style.LOOKS); each year sets which units it covers.
        hatched = {}
        for key, look in LOOKS.items():
            if not look["hatch"]:
                continue
            coll = PathCollection(
                [], facecolors="none", edgecolors=look["stroke"], linewidths=0.45 * look["weight"] * s, hatch=_HATCH,
                zorder=3,
            )  # fmt: skip
            coll.set_hatchcolor(look["hatch"])
            coll.set_hatch_linewidth(1.4 * s)
            coll.set_gid(f"hatch-{key}")
            ax.add_collection(coll, autolim=False)
            hatched[key] = coll
        coast_owner, coast_xy = [], []
        for i, u in enumerate(scene.units):
            for xy in u["coast"]:
                coast_owner.append(i)
                coast_xy.append(xy)
        coasts = LineCollection(coast_xy, linewidths=0.6 * s, linestyles=(0, (2.2, 1.6)), zorder=3.5)
        ax.add_collection(coasts, autolim=False)
        # Land that changed hands: outlined outside its shore and border (kurilmap.style.CHANGED), the outline under
        # that land drawn again over it, so that its fill and hatching stay whole.
        changed = PathCollection([], facecolors="none", edgecolors=CHANGED["stroke"], linewidths=CHANGED["weight"] * s)
        changed.set_zorder(2.2)
        refill = PathCollection([], linewidths=0.35 * s, zorder=2.4)
        ax.add_collection(changed, autolim=False)
        ax.add_collection(refill, autolim=False)
        # Treaty lines (their labels, the towns and the island names are drawn per year: see _draw_names).
        lines = {}
        for lid, line in scene.lines.items():
            (artist,) = ax.plot(
                line["xy"][:, 0], line["xy"][:, 1], color=P["line"], lw=1.3 * s, ls=(0, (4, 2.5)), zorder=5,
                solid_capstyle="butt",
            )  # fmt: skip
            lines[lid] = artist
        self._scale_bar(ax)
        year_text = ax.text(
            0.5, 0.965, "", transform=ax.transAxes, ha="center", va="top", fontsize=24 * s, weight="bold",
            color="#1d3557", alpha=0.55, zorder=8,
        )  # fmt: skip
        return {
            "ax": ax,
            "land": land,
            "surroundings": around,
            "hatched": hatched,
            "coasts": coasts,
            "coast_owner": np.asarray(coast_owner),
            "changed": changed,
            "changed_land": refill,
            "lines": lines,
            "line_labels": {lid: [] for lid in lines},
            "name_artists": [],
            "names_epoch": "unset",
            "year_text": year_text,
        }

    def _draw_names(self, panel: dict, year: int) -> None:
        """Write the place names in use in ``year`` (and the line labels placed around them) on a panel.

        Names change only in a few years (:func:`kurilmap.scene.name_epoch`), so an animation redraws
        them only when the year crosses a rename.
        """
        epoch = name_epoch(self.atlas, year)
        if panel["names_epoch"] == epoch:
            return
        for artist in panel["name_artists"]:
            artist.remove()
        s, P, scene, ax = self.m, self.P, self.scene, panel["ax"]
        places = _placements(self.atlas, self.tolerance, self.names, self.lang, _reference_deg_per_pt(), epoch)
        artists = []
        for lid in panel["lines"]:
            panel["line_labels"][lid] = []
            if f"line:{lid}" not in places:  # no free spot: the legend names it
                continue
            lon, lat, ha, va, text, _ = places[f"line:{lid}"]
            panel["line_labels"][lid] = self._label(
                ax, lon, lat, text, 1.6, ha=ha, va=va, fontsize=_LINE_PT * s, style="italic", color=P["line"], zorder=6
            )
            artists += panel["line_labels"][lid]
        towns = [tw for tw in scene.towns if f"town:{tw['id']}" in places]  # a town with no name yet has no dot
        if towns:
            artists.append(
                ax.scatter(
                    [tw["lon"] for tw in towns], _merc_y([tw["lat"] for tw in towns]), s=(2.6 * s) ** 2,
                    facecolors="white", edgecolors=_INK, linewidths=0.6 * s, zorder=6,
                )
            )  # fmt: skip
        for tw in towns:
            lon, lat, ha, va, text, leader = places[f"town:{tw['id']}"]
            artists += self._leader(ax, leader)
            artists += self._label(
                ax, lon, lat, text, 1.5, ha=ha, va=va, fontsize=_TOWN_PT * s, color=_INK, zorder=7,
                gid=f"label:{tw['id']}",
            )  # fmt: skip
        for lab in scene.labels:
            if f"island:{lab['id']}" not in places:  # no free spot at this scale
                continue
            lon, lat, ha, va, text, leader = places[f"island:{lab['id']}"]
            artists += self._leader(ax, leader)
            big = lab["big"]
            artists += self._label(
                ax, lon, lat, text, 2.0 if big else 1.7, ha=ha, va=va, fontsize=(_BIG_PT if big else _ISLAND_PT) * s,
                weight="bold" if big else "normal", color=_INK, zorder=7, gid=f"label:{lab['id']}",
            )  # fmt: skip
        panel["name_artists"], panel["names_epoch"] = artists, epoch

    def _label(self, ax, lon, lat, text, halo: float, **style) -> list:
        """A map label with a white halo; in SVG and PDF the words stay text (the halo alone is a drawing)."""
        y = float(_merc_y(lat))
        if not self.vector:
            return [ax.text(lon, y, text, path_effects=_halo(self.m, halo), **style)]
        halo_style = {**style, "zorder": style["zorder"] - 0.01, "gid": None}
        behind = ax.text(lon, y, text, path_effects=_halo(self.m, halo), **halo_style)
        return [behind, ax.text(lon, y, text, **style)]

    def _leader(self, ax, leader) -> list:
        if not leader:
            return []
        (x0, y0), (x1, y1) = leader
        return ax.plot(
            [x0, x1], _merc_y([y0, y1]), color="#555555", lw=0.45 * self.m, zorder=6.5, solid_capstyle="butt"
        )

    def _scale_bar(self, ax) -> None:
        from matplotlib.patches import FancyArrow, Rectangle

        s, lang = self.m, self.lang
        km_deg = _km_per_degree_lon(SCALE_LAT)
        length = 200
        deg = length / km_deg
        east = self.layout.view[2]
        x1 = east - 0.55
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
        ax_x, ax_y = east - 0.75, float(_merc_y(43.35))
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

    def rgb(self) -> np.ndarray:
        canvas = self.fig.canvas
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[:, :, :3]
