"""Per-year restyling of an export page: land colours, overlays, titles, the legend and its notes."""

from __future__ import annotations

from kurilmap.export.labels import _TOWN_PT, _fit
from kurilmap.export.layout import _merc_y
from kurilmap.export.options import _version
from kurilmap.export.theme import _HATCH, _INK
from kurilmap.i18n import article_text, date_text, pick, t
from kurilmap.publish import credit_line
from kurilmap.scene import build_scene, when_text
from kurilmap.style import CHANGED, CONTEXT, ENTRY, LINE, LOOKS
from kurilmap.view import compared_view


class _YearStyle:
    """The per-year half of :class:`kurilmap.export.page._Page`: :meth:`show` recolours the land and swaps texts."""

    def _style_panel(self, panel: dict, ms) -> None:
        """Restyle one panel from its :class:`kurilmap.scene.MapScene`: looks, hatching, lines, names, changed land."""
        self._draw_names(panel, ms.year)
        units = self.scene.units
        looks = [LOOKS[ms.looks[u["id"]]] for u in units]
        panel["land"].set_facecolor([look["fill"] for look in looks])
        panel["land"].set_edgecolor([look["fill"] for look in looks])
        if self.surroundings:  # a wide picture: the land beyond the region looks like the land it continues
            unit_of = {u["island"]: u["id"] for u in reversed(units)}
            fills = [
                CONTEXT["fill"] if a["zone"] == "context" else LOOKS[ms.looks[unit_of[a["id"]]]]["fill"]
                for a in self.surroundings
            ]
            panel["surroundings"].set_facecolor(fills)
            panel["surroundings"].set_edgecolor(fills)
        for key, coll in panel["hatched"].items():
            coll.set_paths([u["path"] for u in units if ms.looks[u["id"]] == key])
        owner = panel["coast_owner"]
        # Land without an agreed border is outlined dashed (its look has a dash pattern).
        dashed = [look["stroke"] if look["dash"] else (0, 0, 0, 0) for look in looks]
        panel["coasts"].set_color([dashed[i] for i in owner] if len(owner) else [])
        for lid, artist in panel["lines"].items():
            on = lid in ms.lines
            artist.set_visible(on)
            for text in panel["line_labels"][lid]:
                text.set_visible(on)
        moved = [i for i, u in enumerate(units) if u["id"] in ms.changed]
        panel["changed"].set_paths([units[i]["path"] for i in moved])
        panel["changed_land"].set_paths([units[i]["path"] for i in moved])
        panel["changed_land"].set_facecolor([looks[i]["fill"] for i in moved])
        panel["changed_land"].set_edgecolor([looks[i]["fill"] for i in moved])
        self._draw_entries(panel, ms.entries)

    def _draw_entries(self, panel: dict, entries) -> None:
        """The marked places of a day of 1945 (dated Soviet entries into towns): a ring and the scene's text."""
        for artist in panel.get("entry_artists", []):
            artist.remove()
        artists, ax, s = [], panel["ax"], self.s
        if entries:
            artists.append(
                ax.scatter(
                    [e.lon for e in entries], _merc_y([e.lat for e in entries]), s=(ENTRY["radius"] * 0.9 * s) ** 2,
                    facecolors="none", edgecolors=ENTRY["stroke"], linewidths=0.8 * ENTRY["weight"] * s, zorder=8,
                )
            )  # fmt: skip
            for e in entries:  # below a named town (its name stands beside it), else to the left of the place
                at = (e.lon, e.lat - 0.1, "center", "top") if e.below else (e.lon - 0.12, e.lat, "right", "center")
                artists += self._label(
                    ax, at[0], at[1], e.map_text, 1.5, ha=at[2], va=at[3], fontsize=_TOWN_PT * s,
                    color=ENTRY["stroke"], zorder=8, gid=f"entry:{e.id}",
                )  # fmt: skip
        panel["entry_artists"] = artists

    def _legend_entries(self, entries) -> list:
        """Matplotlib handles for the scene's legend entries."""
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        s, out = self.s, []
        for e in entries:
            if e.kind == "look":
                look = LOOKS[e.key]
                patch = Patch(
                    facecolor=look["fill"], edgecolor=look["stroke"], lw=0.45 * look["weight"] * s,
                    ls="--" if look["dash"] else "-", hatch=_HATCH if look["hatch"] else None,
                )  # fmt: skip
                if look["hatch"]:
                    patch.set_hatchcolor(look["hatch"])
                out.append((patch, e.text))
            elif e.kind == "context":
                out.append((Patch(facecolor=CONTEXT["fill"], edgecolor=CONTEXT["stroke"]), e.text))
            elif e.kind == "line":
                out.append((Line2D([], [], color=LINE["stroke"], lw=1.3 * s, ls=(0, (4, 2.5))), e.text))
            elif e.kind == "changed":
                out.append((Patch(facecolor="none", edgecolor=CHANGED["stroke"], lw=1.3 * s), e.text))
            elif e.kind == "entry":
                ring = Line2D([], [], ls="", marker="o", mfc="none", mec=ENTRY["stroke"], mew=0.8 * ENTRY["weight"] * s)
                out.append((ring, e.text))
        return out

    def _header_pt(self) -> float:
        """Width in points of the title block (the page, or the column beside a wide map)."""
        return self.layout.header[2] * self.layout.width * 72

    def _set_header(self, title: str, subtitle: str = "", detail: str = "") -> None:
        """The title block; in a column beside the map the title wraps and the lines stack under it."""
        self.title_text = title
        lay = self.layout
        if self.title is None:  # map only
            return
        if lay.column:
            title = _fit(title, self._header_pt(), 13.5 * self.s, self.lang, True)
        self.title.set_text(title)
        self.subtitle.set_text(subtitle)
        self.detail.set_text(detail)
        if not lay.column:
            return
        renderer, y = self.fig.canvas.get_renderer(), lay.header_top
        for txt, gap in ((self.title, 0.1), (self.subtitle, 0.08), (self.detail, 0.08)):
            txt.set_y(y)
            if txt.get_text():
                y = txt.get_window_extent(renderer).y0 / (lay.height * self.fig.dpi) - gap * self.s / lay.height
        self.header_bottom = y - 0.16 * self.s / lay.height

    def _draw_legend(self, entries, notes: list[str]) -> None:
        lay, s, fig = self.layout, self.s, self.fig
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        for txt in self.side_texts:
            txt.remove()
        self.side_texts = []
        if lay.legend == "none":  # map only
            return
        left, bottom, width, height = lay.legend_box
        if lay.column:  # under the title block
            height = self.header_bottom - bottom
        font = 6.6 * s
        width_pt = width * lay.width * 72
        lang = self.lang
        if lay.legend == "side":
            labels = [_fit(label, width_pt - 3.0 * font, font, lang) for _, label in entries]
            self.legend = fig.legend(
                [h for h, _ in entries], labels, loc="upper left", bbox_to_anchor=(left, bottom + height),
                frameon=False, fontsize=font, title=self.legend_title or t("legend", lang), title_fontsize=7.6 * s,
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

    def show(
        self, year: int, compare: int | None = None, *, big_year: bool = False, day: str | None = None, shows=None
    ) -> None:
        """Restyle the page for the view of ``year`` or ``day`` (and ``compare`` in the second panel), from its
        scene; ``shows``: what each map shows (who administered the land, or a government's position)."""
        lang, s = self.lang, self.s
        shows = shows or ("held", "held")
        view = compared_view(year, self.names, lang, compare, day, *shows)  # compare: a year or a day of 1945
        scene = build_scene(self.atlas, view)
        self.legend_title = scene.legend_title
        whose = scene.legend_title if any(ms.show != "held" for ms in scene.maps) else None
        self.view_scene = scene
        for panel, ms in zip(self.panels, scene.maps):
            self._style_panel(panel, ms)
        period = self.atlas.history.period_for(year)
        if day is not None and compare is None:  # a day of 1945: the sequence, its last mark and what happened that day
            self.panels[0]["year_text"].set_text(date_text(day, lang) if big_year else "")
            # the sequence on the subtitle line; what happened that day (and only that day) below it
            detail = [pick(label, lang) for _, label in self.atlas.campaign.happened(day)]
            self._set_header(
                scene.title, _fit(t("campaign", lang), self._header_pt(), 9 * s, lang),
                _fit("  ·  ".join(detail), self._header_pt(), 7 * s, lang),
            )  # fmt: skip
            self._draw_legend(self._legend_entries(scene.legend), [])
        elif compare is None:
            self.panels[0]["year_text"].set_text(str(year) if big_year else "")
            detail = []
            if period.treaty:
                detail.append(_treaty_line(self.atlas.treaties[period.treaty], lang))
            detail += [pick(occ.label, lang) for occ in self.atlas.history.occupations_in(year)]
            self._set_header(
                scene.title, _fit(pick(period.label, lang), self._header_pt(), 9 * s, lang),
                _fit("  ·  ".join(detail), self._header_pt(), 7 * s, lang),
            )  # fmt: skip
            notes = []
            if period.treaty:
                tr = self.atlas.treaties[period.treaty]
                notes = [pick(tr["name"], lang), pick(tr["summary"], lang)]
            self._draw_legend(self._legend_entries(scene.legend), notes)
        else:
            for panel, ms in zip(self.panels, scene.maps) if not self.layout.map_only else ():
                label = (
                    pick(self.atlas.history.period_for(ms.year).label, lang) if ms.day is None else t("campaign", lang)
                )
                when = when_text(ms.year, ms.day, lang)
                text = f"{when}  ({ms.legend_title})" if ms.show != "held" else f"{when}  ({label})"  # whose
                width = panel["ax"].get_position().width * self.layout.width * 72
                panel["ax"].set_title(
                    _fit(text, width, 7.8 * s, lang), fontsize=7.8 * s, weight="bold", pad=3 * s, color=_INK
                )
            self._set_header(scene.title, _fit(scene.caption, self._header_pt(), 9 * s, lang))
            self._draw_legend(self._legend_entries(scene.legend), [])
        lay = self.layout
        width_pt = lay.caption_at[3] * lay.width * 72
        self.caption_text = caption_text(lang, self.today, day if compare is None else None, whose)
        if lay.map_only:  # the short credit line only (and whose position the map shows)
            credit = credit_line(self.atlas, lang)
            credit = f"{t('caption_position', lang, whose=whose)} {credit}" if whose else credit
            self.caption.set_text(_fit(credit, width_pt, 4.6 * s, lang))
        else:
            self.caption.set_text(_fit(self.caption_text, width_pt, 5.3 * s, lang))


def caption_text(lang: str, today, day: str | None = None, whose: str | None = None) -> str:
    """An export's caption: sources, licences, when the holders are shown for, the export date and version;
    first, on a map of a government's position, whose position it shows (``whose``)."""
    when = t("holders_on_day", lang, date=date_text(day, lang)) if day else t("holders_year_end", lang)
    text = t("export_caption", lang, when=when, date=today.isoformat(), version=_version())
    return f"{t('caption_position', lang, whose=whose)} {text}" if whose else text


def whose_position(atlas, year: int, compare: int | None, lang: str, shows) -> str | None:
    """Whose position(s) the maps of an export show, as the caption names them (None: who administered the land)."""
    if tuple(shows) == ("held", "held") or (compare is None and shows[0] == "held"):
        return None
    return build_scene(atlas, compared_view(year, "both", lang, compare, None, *shows)).legend_title


def _treaty_line(treaty: dict, lang: str) -> str:
    """E.g. 'Treaty of Portsmouth · signed 5 September 1905 · Art. IX' (a de facto act has a date, not a signature)."""
    parts = [pick(treaty["name"], lang)]
    signed = t("signed", lang)
    if lang == "en":
        signed = signed.lower()
    when = date_text(treaty["signed"], lang)
    parts.append(f"{signed} {when}" if treaty.get("kind") != "de-facto" else when)
    if treaty.get("article"):
        parts.append(article_text(treaty["article"], lang))
    return "  ·  ".join(parts)
