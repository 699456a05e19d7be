"""Guided tours: named sequences of views, each with a title, a short text and its sources.

The table is ``geodata/sources/tours.json`` (its schema is in ``datapackage.json``). A step's view is
read by :func:`kurilmap.view.parse_query`, the same reading a link gets, so a step that a link could
not open is a data error. A view carries ``tour`` and ``step`` (``?tour=treaties&step=3``); any
change of year, day or compare leaves the tour (:meth:`kurilmap.view.View.propose`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kurilmap.data import DataError
from kurilmap.validate import SOURCE_FIX

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
    from kurilmap.view import parse_query

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


def step_changes(tour_id, step) -> dict | None:
    """What :meth:`View.propose` changes to open step ``step`` (1-based) of tour ``tour_id``; None if there is none.

    Examples
    --------
    >>> step_changes("treaties", 3)
    {'year': 1905, 'tour': 'treaties', 'step': 3}
    >>> step_changes("treaties", "99") is None, step_changes("<b>", 1) is None
    (True, True)
    """
    tour = tours().get(str(tour_id)[:40])
    try:
        number = int(str(step)[:4])
    except ValueError:
        return None
    if tour is None or not 1 <= number <= len(tour.steps):
        return None
    return {**tour.steps[number - 1].view, "tour": tour.id, "step": number}


def step_panel(view) -> dict | None:
    """The text beside the map for a view inside a tour (None outside one), in the view's language.

    Examples
    --------
    >>> from kurilmap.view import View
    >>> p = step_panel(View().propose(tour="talks", step=1, lang="ja"))
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


def tour_menu(lang: str) -> list[tuple[str, str]]:
    """(id, title in ``lang``) of every tour, in the table's order, for a *Tours* menu."""
    return [(tour.id, tour.title[lang]) for tour in tours().values()]
