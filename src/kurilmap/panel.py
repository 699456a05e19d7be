"""What the side panel says about a year: the treaty, what changed, areas and the timeline."""

from __future__ import annotations

import re

from kurilmap.geometry import Atlas
from kurilmap.i18n import article_text, date_text, day_month_text, number, pick, t
from kurilmap.places import _names, zone_of
from kurilmap.scene import entry_marks, heading, place_label, state
from kurilmap.sources import source_links

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
    ('Treaty: Treaty of Portsmouth', 'Signed: 5 September 1905')
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
        "article": article_text(tr.get("article") or "", lang),
        "summary": pick(tr["summary"], lang),
        "quotation": pick(tr.get("quotation"), lang),
        "quotation_kind": tr.get("quotation_kind") or "",
        "quotation_source": pick(tr.get("quotation_source"), lang),
        "signatories": pick(tr.get("signatories"), lang),
        "sources": list(tr.get("sources") or []),
    }
    de_facto = card["kind"] == "de-facto"
    facts = [f"{t('dated' if de_facto else 'signed', lang)}: {date_text(card['signed'], lang)}"]
    if card["place"]:
        facts[0] += f" ({card['place']})"
    if card["in_force"]:
        facts.append(f"{t('in_force', lang)}: {date_text(card['in_force'], lang)}")
    if card["article"]:
        facts.append(f"{t('article', lang)}: {card['article']}")
    if card["signatories"]:
        facts.append(f"{t('signatories', lang)}: {card['signatories']}")
    card["heading"] = f"{t('act' if de_facto else 'treaty', lang)}: {card['name']}"
    card["facts"] = " · ".join(facts)
    if card["quotation_source"]:  # the source says which text, and whether it is a translation
        label = t("paraphrase" if card["quotation_kind"] == "paraphrase" else "quotation_of", lang)
        card["quotation_label"] = f"{label}: {card['quotation_source']}"
    else:
        card["quotation_label"] = t("paraphrase" if card["quotation_kind"] == "paraphrase" else "quotation", lang)
    return card


def positions_card(atlas: Atlas, year: int, names: str = "both", lang: str = "en") -> dict:
    """Both positions on the four disputed islands, each attributed and with its official source, in ``lang``.

    Also Japan's view on South Sakhalin and the Kurils north of Etorofu, and each island's area from
    the shoreline data beside the official figure (MOFA).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> card = positions_card(load_atlas(), 2000)
    >>> card["japan"]["text"][:17], card["russia"]["source"][:29]
    ("Japan's position:", 'Ministry of Foreign Affairs o')
    >>> [(a["name"], a["official_km2"]) for a in card["areas"]][:1]
    [('Etorofu / Iturup', 3168.0)]
    """
    d = atlas.sources.disputed
    official = d["official_areas_km2"]
    areas = [
        {
            "id": props["id"],
            "name": place_label(props, year, names, lang),
            "computed_km2": props["area_km2"],
            "official_km2": official[props["id"]],
        }
        for props in atlas.disputed.properties
    ]
    total = {
        "computed_km2": round(sum(a["computed_km2"] for a in areas), 1),
        "official_km2": d.get("official_total_km2") or sum(official.values()),
    }
    return {
        "title": pick(d.get("card_title"), lang) or t("disputed", lang),
        "japan": {"text": pick(d["position_japan"], lang), "source": d["position_japan_source"]},
        "russia": {"text": pick(d["position_russia"], lang), "source": d["position_russia_source"]},
        "other": {"text": pick(d.get("japan_view_other"), lang), "source": d.get("japan_view_other_source", "")},
        "areas": areas,
        "total": total,
        "areas_source": d.get("official_areas_source", ""),
    }


def positions_markdown(card: dict, lang: str) -> str:
    """The positions card as safe Markdown (every text from data escaped), for the app's panel."""
    src = t("source", lang)
    lines = [f"**{md_escape(card['title'])}**", ""]
    for side in ("japan", "russia", "other"):
        if card[side]["text"]:
            lines += [f"- {md_escape(card[side]['text'])} ({src}: {md_escape(card[side]['source'])})"]
    lines += ["", f"| | {t('area_computed', lang)} | {t('area_official', lang)} |", "|---|---:|---:|"]
    rows = [(md_escape(a["name"]), a) for a in card["areas"]] + [(t("total", lang), card["total"])]
    for name, a in rows:
        lines.append(f"| {name} | {number(a['computed_km2'], lang, 1)} | {number(a['official_km2'], lang, 1)} |")
    lines += ["", f"{t('area_note', lang)} ({src}: {md_escape(card['areas_source'])})"]
    return "\n".join(lines)


def shown_position(atlas: Atlas, side: str, year: int, lang: str) -> dict:
    """The position a map of ``side`` shows for ``year``: whose it is, each entry's text, years and quoted sources.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> card = shown_position(load_atlas(), "japan", 1960, "en")
    >>> card["title"], [e["span"] for e in card["entries"]]
    ('Position of the Government of Japan', ['held from 1952', 'held from 1956'])
    >>> shown_position(load_atlas(), "russia", 1930, "en")["entries"]
    []
    """
    entries = []
    for position in {p.id: p for p in atlas.positions.held(side, year).values()}.values():
        span = (
            t("held_from", lang, start=position.start)
            if position.end is None
            else t("held_span", lang, start=position.start, end=position.end)
        )
        quotes = [
            {"text": q.text, "source": q.source, "url": q.url, "secondary": q.kind == "secondary"}
            for q in position.quotes
        ]
        entries.append(
            {"label": pick(position.label, lang), "text": pick(position.text, lang), "span": span, "quotes": quotes}
        )
    note = t("position_rest", lang) if entries else t("position_none", lang, year=year)
    return {"title": pick(atlas.positions.title(side, year), lang), "entries": entries, "note": note}


def shown_position_markdown(card: dict, lang: str) -> str:
    """The shown position as safe Markdown (every text from data escaped), for the app's panel."""
    lines = [f"**{md_escape(card['title'])}**", ""]
    for entry in card["entries"]:
        lines.append(f"- **{md_escape(entry['label'])}** ({md_escape(entry['span'])}): {md_escape(entry['text'])}")
        for q in entry["quotes"]:
            where = md_escape(q["source"]) + (f" — {md_escape(q['url'])}" if q["url"] else "")
            secondary = f", {t('quote_secondary', lang)}" if q["secondary"] else ""
            lines.append(f"    - “{md_escape(q['text'])}” ({t('quoted', lang)}: {where}{secondary})")
    lines += ["", md_escape(card["note"])]
    return "\n".join(lines)


def changes_since_previous(atlas: Atlas, year: int, names: str, lang: str) -> list[dict]:
    """Land that changed hands when the period of ``year`` began, grouped by (from, to)."""
    period = atlas.history.period_for(year)
    if period.start == atlas.history.periods[0].start:
        return []
    groups: dict[tuple[str, str], dict] = {}
    layer = atlas.layers[period.id]
    rows = {}  # an island's names, and those of its part that each holder has (South Sakhalin: Karafuto in 1905)
    for p, g in zip(layer.properties, layer.geometries):
        rows[p["island"], p["holder"]] = rows[p["island"]] = _names(p, zone_of(atlas, p["zone"], g))
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
        name = place_label(rows.get((change.island, change.to_holder), rows[change.island]), period.start, names, lang)
        if name not in group["islands"]:
            group["islands"].append(name)
        for unit, figure in official_areas(atlas).items():  # e.g. Karafuto's own figure beside ours
            if unit.startswith(f"{change.island}-") and unit in {p["id"] for p in atlas.layers[period.id].properties}:
                group["official"] = f"{pick(figure['label'], lang)}: {km2_text(figure['km2'], lang)} {t('km2', lang)}"
    return sorted(groups.values(), key=lambda g: -g["area_km2"])


def official_areas(atlas: Atlas) -> dict:
    """Official areas of land units other than the four islands (``periods.json`` → ``official_areas``)."""
    return atlas.sources.periods.get("official_areas", {})


def km2_text(value: float, lang: str = "en") -> str:
    return number(value, lang)


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
    areas = dict(atlas.areas(year)["holders"])
    if period.disputed:  # the four islands get their own row: administered by Russia, claimed by Japan
        disputed = round(sum(p["area_km2"] for p in atlas.disputed.properties), 1)
        areas["russia"] = round(areas["russia"] - disputed, 1)
        areas["disputed"] = disputed
    occupations = [pick(o.label, lang) for o in atlas.history.occupations_in(year)]
    events = [
        {
            "date": date_text(e["date"], lang),
            "iso": e["date"],
            "year": e["year"],
            "title": pick(e["title"], lang),
            "text": pick(e["text"], lang),
            "source": e["source"],
            "links": source_links(e["source"]),
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
                "label": t("disputed_row" if h == "disputed" else f"holder_{h}", lang),
                "state": state(atlas, "russia" if h == "disputed" else h, year, lang),
                "area_km2": a,
            }
            for h, a in areas.items()
        ],
        "occupations": occupations,
        "events": events,
        "disputed": period.disputed,
        "basis": basis_card(atlas, year, lang),
        "positions": positions_card(atlas, year, names, lang) if period.disputed else None,
    }


def basis_card(atlas: Atlas, year: int, lang: str = "en") -> dict | None:
    """What the map of a year without an agreed border rests on (posts, tribute, claims), with its source.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> basis_card(load_atlas(), 1850, "en")["text"][:44]
    'The 1850 map shows de facto spheres, not a b'
    >>> basis_card(load_atlas(), 1875) is None
    True
    """
    basis = atlas.history.period_for(year).basis
    if not basis:
        return None
    return {"text": pick(basis["text"], lang), "source": basis["source"]}


def day_panel(atlas: Atlas, day: str, lang: str = "en") -> dict:
    """What the panel shows on a day of the 1945 sequence: what happened that day and where each step stood.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> p = day_panel(load_atlas(), "1945-08-28")
    >>> p["date"], [s["status"] for s in p["steps"]][:4]
    ('28 August 1945', ['Under Soviet control', 'Under Soviet control', 'Under Soviet control', 'Under Soviet control'])
    """
    sequence = atlas.campaign
    day = sequence.check_day(day)
    status = {step.id: sequence.status(step.units[0], day) for step in sequence.steps}
    return {
        "day": day,
        "date": date_text(day, lang),
        "heading": heading(atlas, sequence.year, lang, day),
        "happened": [pick(label, lang) for _, label in sequence.happened(day)],
        "steps": [
            {
                "label": pick(step.label, lang),
                "status": status_text(status[step.id], step, lang),
                "key": status[step.id],
                "note": pick(step.note, lang) if step.note else "",
                "source": step.source,
            }
            for step in sequence.steps
        ],
        "entries": [
            {"text": m.text, "label": m.label, "source": e.source}
            for m, e in zip(entry_marks(atlas, day, lang), sequence.entries_by(day))
        ],
    }


def status_text(status: str, step, lang: str) -> str:
    """The status word of a step on a day, of one kind in every language (``held``: under Soviet control, ...).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> step = load_atlas().campaign.step_of("raikoke")
    >>> status_text("unrecorded", step, "en"), status_text("held", step, "ja")
    ('No landing recorded; under Soviet control by 30 August', 'ソ連軍の支配下')
    """
    if status == "unrecorded":
        return t("status_unrecorded", lang, date=day_month_text(step.held, lang))
    return t("landing" if status == "landing" else f"status_{status}", lang)


def timeline_markdown(panel: dict, lang: str, day: str | None = None) -> str:
    """The panel's timeline as Markdown: the key of its markers, then each event (● in force on the map's
    date, ○ not yet or no longer) with its text and its sources as links; "" when the period has no event.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> text = timeline_markdown(period_panel(load_atlas(), 1905, "both", "en"), "en")
    >>> text.splitlines()[0], "● **5 September 1905**" in text, "*Source:* [" in text
    ('**Timeline**', True, True)
    >>> timeline_markdown(period_panel(load_atlas(), 1850, "both", "en"), "en")
    ''
    """
    if not panel["events"]:  # 1850: no event before the first treaty, so no heading over nothing
        return ""
    lines = [f"**{t('timeline', lang)}**", "", f"*{t('timeline_key', lang)}*", ""]
    for ev in panel["events"]:
        marker = "●" if (ev["current"] if day is None else ev["iso"] <= day) else "○"
        source = f"*{t('event_source', lang)}:* " + " · ".join(
            f"[{md_escape(part['text'])}]({part['url']})" if part["url"] else md_escape(part["text"])
            for part in ev["links"]
        )
        lines += [f"{marker} **{md_escape(ev['date'])}** — {md_escape(ev['title'])}  ", md_escape(ev["text"]) + "  "]
        lines += [source, ""]
    return "\n".join(lines)
