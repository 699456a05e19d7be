"""An independent check of the holders: our holder of each main island in each snapshot year against
a published historical data set (aourednik/historical-basemaps, GPL-3.0).

Only the few figures the check needs are kept, in ``tests/data/holder_check.json`` (the polity that
contains a point of each island in ``world_<year>.geojson``; made by ``tests/data/make_holder_check.py``).
Every disagreement is listed below with the reason we differ; any other disagreement fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = json.loads((Path(__file__).parent / "data" / "holder_check.json").read_text(encoding="utf-8"))

#: The set's polity names, as our holders.
POLITIES = {
    "Russian Empire": "russia",
    "Sakhalin (RU)": "russia",
    "USSR": "russia",
    "Russia": "russia",
    "Imperial Japan": "japan",
    "Empire of Japan": "japan",
    "Japan": "japan",
}
_KURILS_1960 = ("shumushu", "paramushiru", "onekotan", "matsua", "shimushiru", "uruppu", "etorofu", "kunashiri")
#: (year, place) -> why we differ from the set.
DISAGREEMENTS = {
    (1920, "sakhalin-north"): "the set draws northern Sakhalin as Japan's from 1920; we keep the Russian side as "
    "holder of the period and show the Japanese occupation (April 1920 to May 1925) as an occupation "
    "(occupied_by: japan), since it did not change sovereignty",
    (1930, "sakhalin-north"): "the set keeps northern Sakhalin Japanese in 1930, after the Japanese withdrawal of "
    "May 1925 under the Beijing Convention of 20 January 1925",
    **{
        (1960, p): "the set's 1960 map draws none of the Kuril Islands (no polygon within 0.15° of the island)"
        for p in (*_KURILS_1960, "shikotan")
    },
}
CASES = [(int(y), pid) for y, found in FIXTURE["years"].items() for pid in found]


def test_the_fixture_says_where_its_figures_come_from():
    """The figures carry their source, the commit they were read at, and the licence."""
    assert FIXTURE["url"] == "https://github.com/aourednik/historical-basemaps"
    assert len(FIXTURE["commit"]) == 40 and "GPL-3.0" in FIXTURE["license"]
    years = sorted(int(y) for y in FIXTURE["years"])
    assert years == [1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960, 2000]
    assert {"sakhalin-north", "sakhalin-south", "etorofu", "kunashiri", "shikotan", "uruppu"} <= set(FIXTURE["points"])


@pytest.mark.parametrize(("year", "place"), CASES, ids=[f"{y}-{p}" for y, p in CASES])
def test_our_holder_agrees_with_historical_basemaps_or_says_why_not(atlas, year, place):
    """Our holder at the end of ``year`` is the set's polity, unless the disagreement is listed with a reason."""
    lon, lat = FIXTURE["points"][place]
    ours = atlas.holdings_at([lon], [lat], year)[0]
    assert ours["holder"] is not None, f"{place}: our point {lon}, {lat} is at sea in {year}"
    theirs = FIXTURE["years"][str(year)][place]["name"]
    agrees = theirs is not None and POLITIES[theirs] == ours["holder"]
    reason = DISAGREEMENTS.get((year, place))
    if reason is None:
        assert agrees, f"{year} {place}: we say {ours['holder']}, historical-basemaps says {theirs}; list the reason"
    else:
        assert not agrees, f"{year} {place}: listed as a disagreement, but both say {ours['holder']}: drop it"
