"""What the side panel says about a year: the treaty, what changed, areas and the timeline."""

from __future__ import annotations

import re

from kurilmap.geometry import Atlas
from kurilmap.i18n import pick, t
from kurilmap.scene import place_label, state

# Enough to stop links and images ([), emphasis, code, tables, HTML, colour directives (:), maths ($)
# and the autolinks of bare addresses (www. , http: , name@host). Streamlit finds those in the text
# after Markdown escapes are resolved, so an invisible word joiner breaks them up instead.
_MARKDOWN_SPECIAL = set("\\`*_[]()#!|~:$<>&")
_AUTOLINK = re.compile(r"(?i)(\bwww(?=\.)|\b(?:https?|ftp|mailto|xmpp)(?=:)|[\w.+-](?=@))")


def md_escape(text) -> str:
    r"""Text from data made safe for Markdown: no links, images, tables, colours or maths.

    Examples
    --------
    >>> print(md_escape("[x](y) :red[z] $1$ Art. 2"))
    \[x\]\(y\) \:red\[z\] \$1\$ Art. 2
    >>> md_escape("www.a.org") == "www\u2060.a.org"
    True
    """
    text = _AUTOLINK.sub("\\1\u2060", str(text))  # a word joiner: "www.", "http:" and "name@" stop being links
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


def treaty_card(atlas: Atlas, treaty_id: str | None, lang: str) -> dict | None:
    """The treaty behind a period in ``lang``: name, dates, article, summary, quotation, sources.

    Also the lines every card shows, in one wording: ``heading`` ("Treaty: …" or "Act (not a
    treaty): …"), ``facts`` (date signed and place, in force, article) and ``quotation_label``.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> card = treaty_card(load_atlas(), "portsmouth-1905", "en")
    >>> card["heading"], card["facts"][:24]
    ('Treaty: Treaty of Portsmouth', 'Signed: 1905-09-05 (Port')
    """
    if not treaty_id:
        return None
    tr = atlas.treaties[treaty_id]
    card = {
        "id": treaty_id,
        "kind": tr.get("kind", "treaty"),
        "name": pick(tr["name"], lang),
        "signed": tr["signed"],
        "place": pick(tr.get("place"), lang),
        "in_force": tr.get("in_force"),
        "article": tr.get("article") or "",
        "summary": pick(tr["summary"], lang),
        "quotation": tr.get("quotation") or "",
        "quotation_kind": tr.get("quotation_kind") or "",
        "sources": list(tr.get("sources") or []),
    }
    de_facto = card["kind"] == "de-facto"
    facts = [f"{t('dated' if de_facto else 'signed', lang)}: {card['signed']}"]
    if card["place"]:
        facts[0] += f" ({card['place']})"
    if card["in_force"]:
        facts.append(f"{t('in_force', lang)}: {card['in_force']}")
    if card["article"]:
        facts.append(f"{t('article', lang)}: {card['article']}")
    card["heading"] = f"{t('act' if de_facto else 'treaty', lang)}: {card['name']}"
    card["facts"] = " · ".join(facts)
    card["quotation_label"] = t("paraphrase" if card["quotation_kind"] == "paraphrase" else "quotation", lang)
    return card


def changes_since_previous(atlas: Atlas, year: int, names: str, lang: str) -> list[dict]:
    """Land that changed hands when the period of ``year`` began, grouped by (from, to)."""
    period = atlas.history.period_for(year)
    if period.start == atlas.history.periods[0].start:
        return []
    groups: dict[tuple[str, str], dict] = {}
    rows = {p["island"]: p for p in atlas.layers[period.id].properties}
    for change in atlas.diff(period.start - 1, period.start):
        key = (change.from_holder, change.to_holder)
        group = groups.setdefault(
            key,
            {
                "from": state(atlas, key[0], period.start - 1, lang),
                "to": state(atlas, key[1], period.start, lang),
                "area_km2": 0.0,
                "islands": [],
            },
        )
        group["area_km2"] = round(group["area_km2"] + change.area_km2, 1)
        name = place_label(rows[change.island], period.start, names, lang)
        if name not in group["islands"]:
            group["islands"].append(name)
    return sorted(groups.values(), key=lambda g: -g["area_km2"])


def period_panel(atlas: Atlas, year: int, names: str = "both", lang: str = "en") -> dict:
    """Everything the panel shows for ``year``, as plain data (the app only lays it out).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> p = period_panel(load_atlas(), 1905)
    >>> p["treaty"]["article"], p["changes"][0]["to"]
    ('Art. IX', 'Empire of Japan')
    """
    year = atlas.history.check_year(year)
    period = atlas.history.period_for(year)
    areas = atlas.areas(year)
    occupations = [pick(o.label, lang) for o in atlas.history.occupations_in(year)]
    events = [
        {
            "date": e["date"],
            "year": e["year"],
            "title": pick(e["title"], lang),
            "text": pick(e["text"], lang),
            "current": e["year"] <= year,
        }
        for e in atlas.events
        if e["period"] == period.id
    ]
    return {
        "year": year,
        "period": period.id,
        "label": pick(period.label, lang),
        "treaty": treaty_card(atlas, period.treaty, lang),
        "changes": changes_since_previous(atlas, year, names, lang),
        "areas": [
            {
                "holder": h,
                "label": t(f"holder_{h}", lang),
                "state": state(atlas, h, year, lang),
                "area_km2": a,
            }
            for h, a in areas["holders"].items()
        ],
        "occupations": occupations,
        "events": events,
        "disputed": period.disputed,
    }
