"""The static atlas's share-and-cite templates (kurilmap.sharetable): filled, they are the app's citations."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlencode

import pytest

from kurilmap.publish import SITE_EMBED_PARAM, bibtex, citation, cite_apa, cite_chicago, csl_json, embed_code
from kurilmap.scene import build_scene
from kurilmap.sharetable import EMBED_HEIGHT, SHARE_STRINGS, filled, share_table
from kurilmap.site import day_dates
from kurilmap.view import View

BASE = "https://school.example.org/atlas/index.html"
ACCESSED = datetime.date(2026, 3, 7)
VIEWS = [
    View(1905),
    View(1921, names="ja", lang="ja", compare=1875),
    View(1945, names="ru", lang="ru", day="1945-08-28"),
    View(2000, lang="ja", position="japan"),
    View(1960, lang="ru", position="russia"),
    View(1855, lang="en", position="held"),
    View(2026, lang="ja", compare=1945, compare_day="1945-08-08"),  # a day of 1945 against today, the day first
]


@pytest.fixture(scope="module")
def table(atlas):
    return share_table(atlas) | {"days": day_dates(atlas)}  # the site data carries both


def _date(table, lang: str, day: str) -> str:
    return table["days"]["dates"][lang][table["days"]["list"].index(day)]


def _title(table, atlas, view: View) -> str:
    """The title as site_share.js makes it from the table (the same steps, in Python)."""
    titles = table["titles"][view.lang]

    def full(year, day):
        return _date(table, view.lang, day) if day else filled(titles["yearText"], {"year": year})

    if view.compare is not None and (view.day or view.compare_day):
        return filled(
            titles["compareDays"], {"a": full(view.year, view.day), "b": full(view.compare, view.compare_day)}
        )
    if view.compare is not None:
        return filled(titles["compare"], {"a": view.year, "b": view.compare})
    if view.day:
        return filled(titles["day"], {"date": _date(table, view.lang, view.day)})
    title = filled(titles["year"], {"year": view.year})
    if view.position == "held":
        return title
    from kurilmap.panel import shown_position

    return filled(
        titles["position"],
        {"title": title, "whose": shown_position(atlas, view.position, view.year, view.lang)["title"]},
    )


def _values(table, atlas, view: View, link: str) -> dict:
    c = citation(atlas, view, link, ACCESSED)
    return {
        "title": _title(table, atlas, view),
        "view": urlencode(view.to_query()),
        "url": link,
        "id": c["id"],
        "year": ACCESSED.year,
        "month": ACCESSED.month,
        "day": ACCESSED.day,
        "month_name": table["months"][ACCESSED.month - 1],
        "iso": ACCESSED.isoformat(),
        "base": BASE,
        "fragment": link.split("#", 1)[1],
    }


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: "-".join(v.to_query().values()))
def test_the_title_made_from_the_templates_is_the_scenes_title(table, atlas, view):
    assert _title(table, atlas, view) == build_scene(atlas, view).title


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: "-".join(v.to_query().values()))
def test_filled_templates_are_the_apps_citations_and_embed_code(table, atlas, view):
    link = f"{BASE}#year={view.year}&lang={view.lang}&names={view.names}"
    c = citation(atlas, view, link, ACCESSED)
    values = _values(table, atlas, view, link)
    t = table["templates"]
    assert filled(t["apa"]["text"], values, t["apa"]["encode"]) == cite_apa(c)
    assert filled(t["chicago"]["text"], values, t["chicago"]["encode"]) == cite_chicago(c)
    assert filled(t["bibtex"]["text"], values, t["bibtex"]["encode"]) == bibtex(c)
    assert filled(t["csl"]["text"], values, t["csl"]["encode"]) == csl_json(c)
    assert json.loads(filled(t["csl"]["text"], values, "json"))[0]["accessed"] == {"date-parts": [[2026, 3, 7]]}
    code = filled(t["embed"]["text"], values, t["embed"]["encode"])
    assert code == embed_code(link, c["title"], EMBED_HEIGHT, SITE_EMBED_PARAM)
    assert 'loading="lazy"' in code and 'width="100%"' in code and "&amp;embed=1" in code


def test_the_bibtex_template_escapes_the_title_and_view_but_not_the_url(table):
    text = table["templates"]["bibtex"]["text"]
    assert "@@title\\#@@" in text and "@@view\\#@@" in text and "url = {@@url#@@}" in text


def test_the_share_strings_are_in_every_language():
    for key, entry in SHARE_STRINGS.items():
        assert set(entry) == {"en", "ja", "ru"} and all(entry.values()), key
