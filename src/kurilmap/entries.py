"""The marked places of a day of 1945: dated Soviet entries into the towns of South Sakhalin, as a scene draws them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kurilmap.i18n import day_month_text, pick, t

if TYPE_CHECKING:
    from kurilmap.geometry import Atlas


@dataclass(frozen=True)
class EntryMark:
    """A marked place on a day of 1945: a dated Soviet entry into a town of South Sakhalin."""

    id: str
    lon: float
    lat: float
    text: str  # "Maoka, 20 August"
    label: str  # what happened there
    map_text: str  # on the map: the date alone beside a town the map names already ("20 August")
    below: bool  # the map text goes below the place (a named town: its name stands beside it), else to its left


def entry_marks(atlas: Atlas, day: str | None, lang: str) -> tuple[EntryMark, ...]:
    """The marked places of ``day``: each town entry from its own day on, with its date (none for a year).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> [m.text for m in entry_marks(load_atlas(), "1945-08-20", "en")]
    ['Tōro, 16 August', 'Maoka, 20 August']
    """
    if day is None:
        return ()
    towns = {p["id"] for p in atlas.towns.properties}
    out = []
    for e in atlas.campaign.entries_by(day):
        date = day_month_text(e.date, lang)
        text = t("entry_mark", lang, place=pick(e.place, lang), date=date)
        town = e.id in towns
        out.append(EntryMark(e.id, e.lon, e.lat, text, pick(e.label, lang), date if town else text, town))
    return tuple(out)
