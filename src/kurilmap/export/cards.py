"""The words of a PDF handout: the treaty card of a year and what changed, as styled paragraphs.

Each function returns ``[(style, text), …]``; :mod:`kurilmap.export.handout` wraps and draws them.
Styles: ``head`` (treaty name), ``section`` (a heading), ``meta`` (dates, place), ``body``,
``label`` (what kind of text follows), ``quote`` and ``small``.
"""

from __future__ import annotations

from kurilmap.i18n import date_text, pick, t
from kurilmap.panel import basis_card, changes_since_previous, day_panel, treaty_card
from kurilmap.scene import km2

_MAX_ISLANDS = 6  # islands named per change; the rest are counted


def _colon(lang: str) -> str:
    return "：" if lang == "ja" else ": "


def treaty_paragraphs(atlas, year: int, lang: str, *, with_year: bool = False) -> list[tuple[str, str]]:
    """The treaty card of the period of ``year``: name, signed, place, in force, article, summary, quotation.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> [p for p in treaty_paragraphs(load_atlas(), 1905, "en") if p[0] in ("head", "label")]
    [('head', 'Treaty of Portsmouth'), ('label', 'Art. IX — quotation: English text of the treaty (FRUS 1905)')]
    """
    period = atlas.history.period_for(year)
    card = treaty_card(atlas, period.treaty, lang)
    head = pick(period.label, lang) if card is None else card["name"]
    out = [("head", f"{year} · {head}" if with_year else head)]
    if card is None:
        if with_year:
            out.append(("meta", pick(period.label, lang)))
        out.append(("body", t("handout_no_treaty", lang)))
        basis = basis_card(atlas, year, lang)
        if basis:
            out += [("body", basis["text"]), ("small", f"{t('event_source', lang)}{_colon(lang)}{basis['source']}")]
        return out
    c = _colon(lang)
    signed = date_text(card["signed"], lang)
    meta = [t("act", lang), f"{t('dated', lang)}{c}{signed}"] if card["kind"] == "de-facto" else []
    if not meta:
        meta.append(f"{t('signed', lang)}{c}{signed}")
    if card["in_force"]:
        meta.append(f"{t('in_force', lang)}{c}{date_text(card['in_force'], lang)}")
    if card["article"]:
        meta.append(f"{t('article', lang)}{c}{card['article']}")
    out.append(("meta", "  ·  ".join(meta)))
    if card["place"]:
        out.append(("meta", f"{t('handout_place', lang)}{c}{card['place']}"))
    if with_year:
        out.append(("meta", pick(period.label, lang)))
    out.append(("body", card["summary"]))
    if card["quotation"]:
        paraphrase = card["quotation_kind"] == "paraphrase"
        kind = card["quotation_label"]
        out.append(("label", f"{card['article']} — {kind}" if card["article"] else kind))
        out.append(("quote", card["quotation"] if paraphrase else f"“{card['quotation']}”"))
    if card["sources"]:
        out.append(("small", f"{t('handout_sources', lang)}{c}{'; '.join(card['sources'])}"))
    return out


def changes_paragraphs(atlas, year: int, names: str, lang: str) -> list[tuple[str, str]]:
    """What changed hands when the period of ``year`` began: holders, km² and the islands.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> changes_paragraphs(load_atlas(), 1905, "both", "en")[:2]
    [('section', 'What changed in 1905'), ('body', 'Russian Empire → Empire of Japan: 33,319\xa0km²')]
    """
    period = atlas.history.period_for(year)
    groups = changes_since_previous(atlas, year, names, lang)
    if not groups:
        return [("section", t("what_changed", lang)), ("body", t("no_change", lang))]
    out = [("section", t("handout_changed_in", lang, year=period.start))]
    comma = "、" if lang == "ja" else ", "
    for g in groups:
        shown = g["islands"][:_MAX_ISLANDS]
        more = len(g["islands"]) - len(shown)
        area = f"{km2(g['area_km2'], lang)}\u00a0{t('km2', lang)}"  # the unit never wraps away from its number
        out.append(("body", f"{t('from_to', lang, src=g['from'], dst=g['to'])}: {area}"))
        out.append(("small", comma.join(shown + ([t("handout_more", lang, n=more)] if more else []))))
    return out


def compare_paragraphs(scene, lang: str) -> list[tuple[str, str]]:
    """What changed between the two years of a comparison: the scene's caption under a heading."""
    caption = (scene.caption or t("no_change", lang)).replace(" " + t("km2", lang), "\u00a0" + t("km2", lang))
    return [("section", t("what_changed", lang)), ("body", caption)]


def day_paragraphs(atlas, day: str, lang: str) -> list[tuple[str, str]]:
    """A day of the 1945 sequence: what happened that day and where each step stood, with the sources."""
    panel = day_panel(atlas, day, lang)
    c = _colon(lang)
    out = [("head", f"{panel['date']} · {t('campaign', lang)}")]
    if panel["happened"]:
        out += [("section", t("on_this_day", lang))] + [("body", h) for h in panel["happened"]]
    out.append(("section", t("sequence", lang)))
    out += [("body", f"{step['status']}{c}{step['label']}") for step in panel["steps"]]
    if panel["entries"]:
        out.append(("section", t("entries", lang)))
        out += [("body", f"{e['text']}{c}{e['label']}") for e in panel["entries"]]
    sources = [step["source"] for step in panel["steps"]] + [e["source"] for e in panel["entries"]]
    sources = "; ".join(dict.fromkeys(sources))
    out.append(("small", f"{t('handout_sources', lang)}{c}{sources}"))
    return out
