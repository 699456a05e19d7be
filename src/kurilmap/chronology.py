"""The chronology: every event of ``events.json`` in one list, each with its kind, period, source and map.

One table for every renderer: the app's chronology, the static atlas's, and the CSV and JSON
downloads (app, static atlas, ``kurilmap chronology``). The map of an event is decided here, once
(:func:`event_view`): a day of the 1945 sequence opens that day (a month of it, its first day); an
earlier date of 1945 opens the end of 1944, the border that still stood on that date; any other
date opens the end of its year.
"""

from __future__ import annotations

import csv
import io
import json

from kurilmap.geometry import Atlas
from kurilmap.i18n import date_text, pick, t
from kurilmap.sources import source_links

#: The kinds of event, in the order the filter lists them (the schema's enum in ``datapackage.json``).
KINDS = ("treaty", "act", "war", "talks", "position", "people")
#: The columns of the CSV download, in order (the JSON download has the same fields per event).
COLUMNS = ("date", "kind", "period", "title", "text", "source", "map_year", "map_day")


def event_view(atlas: Atlas, iso: str) -> dict:
    """The map an event opens, as a link's fields: ``{"year": …}``, or ``{"year": 1945, "day": …}`` for a day.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> atlas = load_atlas()
    >>> event_view(atlas, "1945-08-18"), event_view(atlas, "1945-08"), event_view(atlas, "1945-02-11")
    ({'year': 1945, 'day': '1945-08-18'}, {'year': 1945, 'day': '1945-08-09'}, {'year': 1944})
    >>> event_view(atlas, "1875-05-07"), event_view(atlas, "1947")
    ({'year': 1875}, {'year': 1947})
    """
    days = atlas.campaign
    if len(iso) == 10 and days.first <= iso <= days.last:
        return {"year": days.year, "day": iso}
    if len(iso) == 7 and days.first[:7] <= iso <= days.last[:7]:
        return {"year": days.year, "day": max(days.first, iso + "-01")}
    year = int(iso[:4])
    if year == days.year and iso[:10] < days.first:
        return {"year": year - 1}
    return {"year": year}


def chronology(atlas: Atlas, lang: str = "en") -> dict:
    """The chronology in ``lang``: its events (oldest first), and the kinds and periods to filter by.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> c = chronology(load_atlas(), "ja")
    >>> c["events"][0]["title"], c["events"][0]["kind"], c["kinds"][0]
    ('日露和親条約の調印', 'treaty', {'id': 'treaty', 'label': '条約・協定'})
    """
    periods = {p.id: p for p in atlas.history.periods}
    events = sorted(atlas.events, key=lambda e: e["date"])  # stable: events of one date keep the table's order
    rows = []
    for e in events:
        view = event_view(atlas, e["date"])
        show = t("chronology_show_day", lang, when=date_text(view["day"], lang)) if "day" in view else None
        rows.append(
            {
                "date": date_text(e["date"], lang),
                "iso": e["date"],
                "kind": e["kind"],
                "period": e["period"],
                "title": pick(e["title"], lang),
                "text": pick(e["text"], lang),
                "source": e["source"],
                "links": source_links(e["source"]),
                "view": view,
                "show": show or t("chronology_show_year", lang, when=view["year"]),
            }
        )
    used = {e["period"] for e in events}
    return {
        "lang": lang,
        "events": rows,
        "kinds": [{"id": k, "label": t(f"kind_{k}", lang)} for k in KINDS],
        "periods": [{"id": p, "label": pick(periods[p].label, lang)} for p in periods if p in used],
        "labels": {
            "heading": t("chronology", lang),
            "help": t("chronology_help", lang),
            "kind": t("chronology_kind", lang),
            "period": t("chronology_period", lang),
            "all": t("chronology_all", lang),
            "count": t("chronology_count", lang, n="{n}", total="{total}"),
            "none": t("chronology_none", lang),
            "source": t("event_source", lang),
        },
    }


def _records(table: dict) -> list[dict]:
    kinds = {k["id"]: k["label"] for k in table["kinds"]}
    periods = {p["id"]: p["label"] for p in table["periods"]}
    return [
        {
            "date": e["iso"],
            "kind": kinds[e["kind"]],
            "period": periods[e["period"]],
            "title": e["title"],
            "text": e["text"],
            "source": e["source"],
            "map_year": e["view"]["year"],
            "map_day": e["view"].get("day", ""),
        }
        for e in table["events"]
    ]


def chronology_csv(atlas: Atlas, lang: str = "en") -> str:
    """The chronology as CSV (UTF-8, one row per event, the columns of :data:`COLUMNS`).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> chronology_csv(load_atlas()).splitlines()[0]
    'date,kind,period,title,text,source,map_year,map_day'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_records(chronology(atlas, lang)))
    return out.getvalue()


def chronology_json(atlas: Atlas, lang: str = "en") -> str:
    """The chronology as JSON: ``{"language", "events": [{date, kind, period, title, text, source, …}]}``."""
    body = {"language": lang, "columns": list(COLUMNS), "events": _records(chronology(atlas, lang))}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"
