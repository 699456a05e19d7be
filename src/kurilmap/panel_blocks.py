"""The panel beside the map, written as blocks of Markdown: what the app's page draws, block by block.

The blocks of a view are the same for every reader, so they are written once per view (``served.blocks``)
and a pick on the map only hands the page the finished text. Every text from data goes through
:func:`~kurilmap.panel.md_escape`, so it can only be text.

A block is ``(kind, text)`` (``kind`` one of ``subheader``, ``warning``, ``info``, ``markdown``,
``caption``) or ``("expander", label, text)``.
"""

from __future__ import annotations

from kurilmap.geometry import Atlas
from kurilmap.i18n import aside, number, t
from kurilmap.panel import md_escape as md
from kurilmap.panel import positions_markdown, shown_position, shown_position_markdown

Block = tuple[str, ...]


def panel_blocks(
    atlas: Atlas,
    panel: dict,
    day_panel: dict | None,
    position: str,
    compare: int | None,
    compare_position: str,
    lang: str,
) -> tuple[Block, ...]:
    r"""The blocks of a year's ``panel`` (or of the day of 1945 in ``day_panel``), in the page's order.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> from kurilmap.panel import period_panel
    >>> atlas = load_atlas()
    >>> blocks = panel_blocks(atlas, period_panel(atlas, 1905, "both", "en"), None, "held", None, "held", "en")
    >>> blocks[0]
    ('subheader', '1905 — 1905–1945\\: Treaty of Portsmouth')
    >>> [b[0] for b in blocks][-2:]
    ['markdown', 'caption']
    """
    out: list[Block] = []
    if day_panel is not None:
        out += day_blocks(day_panel, lang)
    else:
        out.append(("subheader", f"{panel['year']} — {md(panel['label'])}"))
    out += [("warning", md(occ)) for occ in panel["occupations"]]
    basis = panel["basis"]
    if basis and day_panel is None:  # a year without an agreed border: what its spheres rest on
        out.append(("markdown", f"{md(basis['text'])}  \n*{t('event_source', lang)}: {md(basis['source'])}*"))
    if panel["disputed"] and day_panel is None:  # not yet a dispute on a day of 1945
        out.append(("info", t("disputed", lang)))
    if position != "held" and day_panel is None:  # the position the map shows, quoted with its sources
        out.append(("markdown", shown_position_markdown(shown_position(atlas, position, panel["year"], lang), lang)))
    if compare is not None and compare_position != "held":
        card = shown_position(atlas, compare_position, compare, lang)
        out.append(("markdown", shown_position_markdown(card, lang)))
    if panel["positions"]:  # both sides' positions on the four islands, each with its source
        out.append(("markdown", positions_markdown(panel["positions"], lang)))
    tr = panel["treaty"]
    if tr:
        block = [f"**{md(tr['heading'])}**  ", md(tr["facts"]), "", md(tr["summary"])]
        if tr["quotation"]:
            block += ["", f"> “{md(tr['quotation'])}” ({md(tr['quotation_label'])})"]
        out.append(("markdown", "\n".join(block)))
    if day_panel is None:  # the year's changes and areas are for its end; a day shows its sequence above
        out += changes_and_areas_blocks(panel, lang)
    return tuple(out)


def changes_and_areas_blocks(panel: dict, lang: str) -> list[Block]:
    """What changed hands when the period began, and the land each state held."""
    changes = [f"**{t('what_changed', lang)}**", ""]
    for ch in panel["changes"]:
        shown = ", ".join(ch["islands"][:8])
        more = f" (+{len(ch['islands']) - 8})" if len(ch["islands"]) > 8 else ""
        official = f" ({md(ch['official'])})" if ch.get("official") else ""
        area = number(ch["area_km2"], lang)
        changes.append(f"- {md(ch['from'])} → {md(ch['to'])}: {area} {t('km2', lang)}{official} — {md(shown)}{more}")
    if not panel["changes"]:
        changes.append(t("no_change", lang))
    out: list[Block] = [("markdown", "\n".join(changes))]
    for ch in panel["changes"]:
        if len(ch["islands"]) > 8:
            out.append(("expander", t("all_islands", lang, n=len(ch["islands"])), md(", ".join(ch["islands"]))))
    rows = [
        f"**{t('areas_held', lang)}**",
        "",
        f"| {t('held_by', lang)} | {t('state', lang)} | {t('km2', lang)} |",
        "|---|---|---:|",
    ]
    rows += [f"| {md(a['label'])} | {md(a['state'])} | {number(a['area_km2'], lang)} |" for a in panel["areas"]]
    return [*out, ("markdown", "\n".join(rows)), ("caption", t("states_not_peoples", lang))]


def day_blocks(day: dict, lang: str) -> list[Block]:
    """A day of the 1945 sequence: its heading, what happened that day and where each step stood."""
    out: list[Block] = [("subheader", md(day["date"])), ("markdown", f"**{md(day['heading'])}**")]
    if day["happened"]:
        happened = [f"**{t('on_this_day', lang)}**", ""] + [f"- {md(h)}" for h in day["happened"]]
        out.append(("markdown", "\n".join(happened)))
    lines = [f"**{t('sequence', lang)}**", ""]
    for step in day["steps"]:
        note = aside(md(step["note"]), lang) if step["note"] else ""
        lines.append(f"- **{md(step['status'])}** — {md(step['label'])}{note}")
    if day["entries"]:
        lines += ["", f"**{t('entries', lang)}**", ""]
        lines += [f"- **{md(e['text'])}** — {md(e['label'])}" for e in day["entries"]]
    out.append(("markdown", "\n".join(lines)))
    sources = [step["source"] for step in day["steps"]] + [e["source"] for e in day["entries"]]
    out.append(("caption", md(" · ".join(dict.fromkeys(sources)))))
    return out
