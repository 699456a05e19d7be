"""Per-year restyling of an export page: land colours, overlays, titles, the legend and its notes."""

from __future__ import annotations

import numpy as np

from kurilmap import __version__
from kurilmap.export.labels import _fit
from kurilmap.export.shapes import _changed_paths
from kurilmap.export.theme import _CONTESTED_EDGE, _HATCH, _INK
from kurilmap.i18n import pick, t


class _YearStyle:
    """The per-year half of :class:`kurilmap.export.page._Page`: :meth:`show` recolours the land and swaps texts."""

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
