"""Guided tours: named sequences of views, each with a title, a short text and its sources.

The table is ``geodata/sources/tours.json`` (its schema is in ``datapackage.json``). A step's view is
read by :func:`kurilmap.view.parse_query`, the same reading a link gets, so a step that a link could
not open is a data error. A view carries ``tour`` and ``step`` (``?tour=treaties&step=3``); any
change of year, day or compare leaves the tour (:meth:`kurilmap.view.View.propose`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from kurilmap.data import DataError
from kurilmap.validate import SOURCE_FIX
from kurilmap.view import MAX_VALUE_LENGTH, Notice, View, parse_query

FILE = "sources/tours.json"


@dataclass(frozen=True)
class Step:
    """One stop of a tour: the view's fields (``year`` or ``day``, ``compare``, ``names``) and its text."""

    view: dict
    title: dict
    text: dict
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Tour:
    id: str
    title: dict
    steps: tuple[Step, ...]


@cache
def _tours(directory: str) -> dict[str, Tour]:
    from kurilmap.geometry import load_atlas

    table = load_atlas(directory).sources.tours
    out: dict[str, Tour] = {}
    for i, raw in enumerate(table["tours"]):
        if raw["id"] in out:
            raise DataError(
                f"tour id {raw['id']!r} appears twice", file=FILE, where=f"tours[{i}]", expected="each id once"
            )
        steps = []
        for j, step in enumerate(raw["steps"]):
            _, notices = parse_query({k: str(v) for k, v in step["view"].items()})
            if notices:
                raise DataError(
                    f"the view {step['view']} is not a view a link can open ({notices[0].field})",
                    file=FILE,
                    where=f"tours[{i}] (id {raw['id']}) → steps[{j}] → view",
                    expected="a year of the slider, or a day of the 1945 sequence without compare",
                    fix=SOURCE_FIX,
                )
            steps.append(Step(dict(step["view"]), step["title"], step["text"], tuple(step["sources"])))
        out[raw["id"]] = Tour(raw["id"], raw["title"], tuple(steps))
    return out


def tours() -> dict[str, Tour]:
    """Every tour of the data folder by id, each step checked as a view a link can open.

    Examples
    --------
    >>> list(tours())
    ['treaties', '1945', 'talks']
    >>> tours()["treaties"].steps[0].view
    {'year': 1855}
    """
    from kurilmap.data import geodata_dir

    return _tours(str(geodata_dir()))


def open_step(view: View, tour_id, step) -> View | None:
    """``view`` moved to step ``step`` (from 1) of tour ``tour_id``: the step's view, in the view's language
    and names; None if there is no such step (the caller keeps its view and says so).

    Examples
    --------
    >>> v = open_step(View(1910, lang="ja", compare=1875), "treaties", "3")
    >>> v.year, v.compare, v.lang, v.to_query()["tour"], v.to_query()["step"]
    (1905, None, 'ja', 'treaties', '3')
    >>> open_step(View(), "treaties", "99") is None, open_step(View(), "<b>", 1) is None
    (True, True)
    """
    tour = tours().get(str(tour_id)[: MAX_VALUE_LENGTH * 3])
    try:
        number = int(str(step)[:4])
    except ValueError:
        return None
    if tour is None or not 1 <= number <= len(tour.steps):
        return None
    moved = view.propose(**{"compare": None, **tour.steps[number - 1].view})
    return replace(moved, tour=tour.id, step=number)


def parse_link(params: Mapping) -> tuple[View, list[Notice]]:
    """:func:`kurilmap.view.parse_query` and a tour's step (``?tour=treaties&step=3``; its view wins over
    the link's year); a tour or step that does not exist is a notice, and the view is free exploration.

    Examples
    --------
    >>> parse_link({"tour": "talks", "step": "2"})[0].year
    1960
    >>> parse_link({"tour": "talks", "step": "x", "year": "1905"})
    (View(year=1905, names='both', lang='en', compare=None, day=None), [Notice(field='tour', shown='—')])
    """
    view, notices = parse_query(params)
    tour = params.get("tour")
    tour = tour[0] if isinstance(tour, (list, tuple)) and tour else tour
    if tour is None:
        return view, notices
    step = params.get("step") or "1"
    opened = open_step(view, tour, step[0] if isinstance(step, (list, tuple)) else step)
    return (opened, notices) if opened is not None else (view, [*notices, Notice("tour", "—")])


def step_panel(view) -> dict | None:
    """The text beside the map for a view inside a tour (None outside one), in the view's language.

    Examples
    --------
    >>> p = step_panel(open_step(View(lang="ja"), "talks", 1))
    >>> p["number"], p["count"], p["title"], p["next"], p["previous"]
    (1, 10, '1956年：日ソ共同宣言', 2, None)
    """
    tour = tours().get(view.tour) if view.tour else None
    if tour is None or not view.step:
        return None
    step, lang, n = tour.steps[view.step - 1], view.lang, view.step
    return {
        "tour": tour.id,
        "tour_title": tour.title[lang],
        "number": n,
        "count": len(tour.steps),
        "title": step.title[lang],
        "text": step.text[lang],
        "sources": list(step.sources),
        "previous": n - 1 if n > 1 else None,
        "next": n + 1 if n < len(tour.steps) else None,
    }


@dataclass(frozen=True)
class Comparison:
    """A before/after pair offered with one click (``tours.json`` → ``comparisons``)."""

    id: str
    year: int
    compare: int
    title: dict
    day: str | None = None  # the earlier side's day of the 1945 sequence (then ``year`` is 1945)

    @property
    def view(self) -> dict:
        """The view's changes that open it (:meth:`kurilmap.view.View.propose`)."""
        return {"year": self.year, "compare": self.compare, **({"day": self.day} if self.day else {})}


@cache
def _comparisons(directory: str) -> tuple[Comparison, ...]:
    from kurilmap.campaign import DayError
    from kurilmap.compare import changed_sides
    from kurilmap.geometry import load_atlas
    from kurilmap.periods import last_year

    atlas = load_atlas(directory)
    out = []
    for i, raw in enumerate(atlas.sources.tours.get("comparisons", [])):
        day, compare = raw["view"].get("day"), raw["view"]["compare"]
        compare = last_year() if compare == "today" else compare
        try:
            year = atlas.campaign.year if day else raw["view"]["year"]
            day = atlas.campaign.check_day(day) if day else None
        except (DayError, KeyError) as exc:
            raise DataError(
                f"the comparison has no earlier side: {exc}",
                file=FILE,
                where=f"comparisons[{i}] (id {raw['id']}) → view",
                expected="a 'year' or a 'day' of the 1945 sequence",
                fix=SOURCE_FIX,
            ) from None
        if not changed_sides(atlas, (year, day), (compare, None)):
            raise DataError(
                f"no land changed hands between {year} and {compare}",
                file=FILE,
                where=f"comparisons[{i}] (id {raw['id']}) → view",
                expected="two years between which land changed hands",
                fix=SOURCE_FIX,
            )
        if day is None:
            year, compare = min(year, compare), max(year, compare)
        elif compare <= year:
            raise DataError(
                f"a day of {year} is compared with {compare}",
                file=FILE,
                where=f"comparisons[{i}] (id {raw['id']}) → view",
                expected="a later year to compare a day of the 1945 sequence with",
                fix=SOURCE_FIX,
            )
        out.append(Comparison(raw["id"], year, compare, raw["title"], day))
    return tuple(out)


def comparisons() -> tuple[Comparison, ...]:
    """The before/after pairs readers ask for, earlier year first, each checked to show a change.

    Examples
    --------
    >>> [(c.year, c.compare) for c in comparisons()][:3]
    [(1855, 1875), (1875, 1905), (1944, 1946)]
    """
    from kurilmap.data import geodata_dir

    return _comparisons(str(geodata_dir()))


def tour_menu(lang: str) -> list[tuple[str, str]]:
    """(id, title in ``lang``) of every tour, in the table's order, for a *Tours* menu."""
    return [(tour.id, tour.title[lang]) for tour in tours().values()]


def tour_table() -> list[dict]:
    """Every tour for a page that looks its steps up (the static atlas): each step's view as opened here
    (year, day, compare) and its texts in every language.

    Examples
    --------
    >>> table = tour_table()
    >>> table[1]["id"], table[1]["steps"][0]["day"], table[0]["steps"][2]["year"]
    ('1945', '1945-08-09', 1905)
    """
    out = []
    for tour in tours().values():
        steps = []
        for n, step in enumerate(tour.steps, start=1):
            view = open_step(View(), tour.id, n)
            steps.append(
                {"year": view.year, "day": view.day, "compare": view.compare, "names": step.view.get("names"),
                 "title": step.title, "text": step.text, "sources": list(step.sources)}
            )  # fmt: skip
        out.append({"id": tour.id, "title": tour.title, "steps": steps})
    return out
