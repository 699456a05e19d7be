"""What every session of the app shares: the panel a reader sees is written once, and the same for all."""

from kurilmap import served
from kurilmap.data import geodata_dir

WHERE = str(geodata_dir())


def test_two_readers_of_a_view_get_the_same_panel_written_once():
    first = served.blocks(WHERE, 1905, "both", "ja", None, "held", None, "held")
    again = served.blocks(WHERE, 1905, "both", "ja", None, "held", None, "held")
    assert again is first  # not written again for the second reader
    assert first[0] == ("subheader", "1905 — 1905–1945年：ポーツマス条約")
    assert first[-1][0] == "caption"  # the areas are states' land, not peoples'


def test_a_day_of_1945_shows_its_date_its_sequence_and_its_sources_and_no_year_changes():
    day = served.blocks(WHERE, 1945, "both", "en", "1945-08-25", "held", None, "held")
    assert day[0] == ("subheader", "25 August 1945")
    assert any("**The sequence, island by island**" in b[1] for b in day if b[0] == "markdown")
    caption = next(b[1] for b in day if b[0] == "caption")  # the sources of the day's steps
    assert "Soviet invasion of South Sakhalin" in caption
    assert not any("What changed" in b[1] for b in day)


def test_a_position_shown_on_the_map_is_quoted_in_the_panel_with_its_source():
    held = served.blocks(WHERE, 2026, "both", "ru", None, "held", None, "held")
    japan = served.blocks(WHERE, 2026, "both", "ru", None, "japan", None, "held")
    assert len(japan) == len(held) + 1
    added = next(b for b in japan if b not in held)
    assert added[0] == "markdown" and "Япони" in added[1]
