"""The period table: which border is in force in a given year, and who the states were."""

import pytest

from kurilmap.geometry import history
from kurilmap.periods import YearError, last_year


@pytest.mark.parametrize(
    ("year", "period", "treaty"),
    [
        (1850, "1850", None),
        (1854, "1850", None),
        (1855, "1855", "shimoda-1855"),
        (1874, "1855", "shimoda-1855"),
        (1875, "1875", "st-petersburg-1875"),
        (1904, "1875", "st-petersburg-1875"),
        (1905, "1905", "portsmouth-1905"),
        (1921, "1905", "portsmouth-1905"),
        (1944, "1905", "portsmouth-1905"),
        (1945, "1945", "soviet-occupation-1945"),
        (2000, "1945", "soviet-occupation-1945"),
    ],
)
def test_period_in_force_at_end_of_year(year, period, treaty):
    p = history().period_for(year)
    assert (p.id, p.treaty) == (period, treaty)


@pytest.mark.parametrize("bad", [1849, last_year() + 1, "abc", "", None, "19o5", 1905.5])
def test_years_off_the_map_are_refused_with_the_valid_range(bad):
    with pytest.raises(YearError, match="1850|whole number"):
        history().period_for(bad)


@pytest.mark.parametrize(("year", "occupied"), [(1919, False), (1920, True), (1924, True), (1925, False)])
def test_north_sakhalin_occupation_is_an_overlay_not_a_period(year, occupied):
    occs = history().occupations_in(year)
    assert bool(occs) is occupied
    assert history().period_for(year).id == "1905"  # sovereignty unchanged


@pytest.mark.parametrize(
    ("holder", "year", "name"),
    [
        ("russia", 1860, "Russian Empire"),
        ("russia", 1920, "Russia (revolution and civil war)"),  # not Soviet-held: HISTORY_REVIEW §1.2
        ("russia", 1950, "Soviet Union"),
        ("russia", 1991, "Russian Federation"),
        ("japan", 1867, "Tokugawa shogunate"),
        ("japan", 1868, "Empire of Japan"),
        ("japan", 1947, "Japan"),
    ],
)
def test_state_names_follow_the_year(holder, year, name):
    assert history().state_name(holder, year) == name


def test_state_names_exist_in_three_languages():
    assert history().state_name("russia", 1950, "ja") == "ソビエト連邦"
    assert history().state_name("russia", 1950, "ru") == "Советский Союз"


def test_change_years_cover_every_treaty_and_the_occupation():
    assert history().change_years() == [1855, 1875, 1905, 1920, 1925, 1945]
