"""Guided tours (issue 24): the table, the steps as views a link opens, leaving a tour, neutral texts."""

from __future__ import annotations

import json
import re

import pytest
from test_history import BANNED, OWNER_WORDS

from kurilmap.data import DataError
from kurilmap.geometry import campaign
from kurilmap.tours import _tours, open_step, parse_link, step_panel, tours
from kurilmap.view import View

STEPS = [(tour.id, n) for tour in tours().values() for n in range(1, len(tour.steps) + 1)]
#: A statement on the four islands' status that one side holds: it must say whose position it is.
CLAIMS = {
    "en": (re.compile(r"inherent|illegal|lawful"), re.compile(r"(Japan|Russia)'s position")),
    "ja": (re.compile(r"固有|不法|合法"), re.compile(r"(日本|ロシア)の立場")),
    "ru": (re.compile(r"(?i)исконн|незаконн|законно"), re.compile(r"(?i)позиция (японии|россии)")),
}


def test_the_three_tours_of_the_issue_with_their_years():
    found = tours()
    assert found["treaties"].title["en"] == "The treaties, 1855–1956"
    years = [s.view["year"] for s in found["treaties"].steps]
    assert years[0] == 1855 and years[-1] == 1956 and {1875, 1905, 1951} <= set(years)
    talks = [s.view["year"] for s in found["talks"].steps]
    assert talks == [1956, 1960, 1973, 1991, 1993, 2001, 2010, 2018, 2020, 2022]
    days = [s.view["day"] for s in found["1945"].steps]
    assert days == sorted(days) and days[0] == "1945-08-09" and days[-1] == campaign().last  # from the first day of war


@pytest.mark.parametrize(("tour", "number"), STEPS)
def test_every_step_is_a_link_that_opens_it(tour, number):
    view = open_step(View(lang="ru"), tour, number)
    assert (view.tour, view.step) == (tour, number)
    again, notices = parse_link(view.to_query())
    assert notices == [] and again == view  # the URL round trip keeps the tour and the step
    step = tours()[tour].steps[number - 1]
    assert view.when == str(step.view.get("day", step.view.get("year")))
    panel = step_panel(view)
    assert panel["number"] == number and panel["title"] == step.title["ru"] and panel["sources"]


def test_any_year_day_or_compare_change_leaves_the_tour_but_language_and_names_do_not():
    view = open_step(View(), "treaties", 3)
    assert view.propose(lang="ja", names="ru").tour == "treaties"
    assert view.propose(year=view.year).tour == "treaties"  # the same year again is no change
    for change in ({"year": 1910}, {"day": "1945-08-28"}, {"compare": True}, {"tour": ""}):
        left = view.propose(**change)
        assert left.tour is None and left.step is None and "tour" not in left.to_query(), change
    assert step_panel(view.propose(year=1910)) is None


def test_a_step_starts_from_its_own_view_not_the_last_compare():
    view = open_step(View(1910, compare=1875), "talks", 2)
    assert (view.year, view.compare) == (1960, None)


@pytest.mark.parametrize(
    "query",
    [
        {"tour": "nope"},
        {"tour": "treaties", "step": "99"},
        {"tour": "treaties", "step": "0"},
        {"tour": "treaties", "step": "<script>"},
        {"tour": "<b>x</b>" * 20, "step": "1"},
    ],
)
def test_a_bad_tour_or_step_in_a_link_is_a_notice_and_free_exploration(query):
    view, notices = parse_link(query)
    assert view.tour is None and [n.field for n in notices] == ["tour"]
    assert open_step(View(), query["tour"], query.get("step", 1)) is None


def test_a_link_with_only_tour_opens_its_first_step():
    view, notices = parse_link({"tour": "1945", "lang": "ja"})
    assert notices == [] and (view.step, view.day) == (1, "1945-08-09")
    assert step_panel(view)["previous"] is None and step_panel(view)["next"] == 2


def test_sources_are_public_and_every_text_is_in_three_languages():
    for tour in tours().values():
        for step in tour.steps:
            assert step.sources and all(s.strip() for s in step.sources)
            for source in step.sources:
                assert not re.search(r"FACTS|HISTORY_REVIEW|seed|\.md\b", source), source
            assert all(step.text[lang].strip() and step.title[lang].strip() for lang in ("en", "ja", "ru"))


def test_tour_texts_use_no_words_of_belonging_and_attribute_every_position():
    found = []
    for tour in tours().values():
        for n, step in enumerate(tour.steps, start=1):
            for lang in ("ja", "ru"):
                for text in (step.title[lang], step.text[lang]):
                    if BANNED[lang].search(text) or OWNER_WORDS[lang].search(text):
                        found.append(f"{tour.id} {n} ({lang}): {text[:60]}")
            for lang, (claim, whose) in CLAIMS.items():
                for sentence in re.split(r"(?<=[.。;；])\s*", step.text[lang]):
                    if claim.search(sentence) and not whose.search(sentence):
                        found.append(f"{tour.id} {n} ({lang}) unattributed: {sentence[:80]}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("view", "problem"),
    [({"year": 1820}, "year"), ({"year": 1905, "compare": 1700}, "compare"), ({"day": "1945-10-01"}, "day")],
)
def test_a_step_a_link_could_not_open_is_a_data_error_naming_the_step(geodata_copy, view, problem):
    path = geodata_copy / "sources" / "tours.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["tours"][1]["steps"][2]["view"] = view
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        _tours(str(geodata_copy))
    error = info.value
    assert error.file.endswith("tours.json") and "steps[2]" in error.where and problem in error.problem + error.where
