"""Sources a reader can follow (issue 25): each part of an event's source, with the address it names."""

from __future__ import annotations

from kurilmap.chronology import chronology
from kurilmap.panel import period_panel
from kurilmap.sources import source_links


def test_every_source_is_kept_whole_and_its_web_parts_link_over_https(atlas):
    linked = 0
    for event in atlas.events:
        parts = source_links(event["source"])
        assert "; ".join(p["text"] for p in parts) == event["source"]  # nothing dropped or reworded
        assert all(p["url"] is None or p["url"].startswith("https://") for p in parts)
        linked += any(p["url"] for p in parts)
    # the rest cite a book, a paper or an order with no address (Hasegawa, Hara, Kurmazov, SCAPIN-677)
    assert linked >= len(atlas.events) - 7


def test_a_wikipedia_article_links_to_that_article_and_a_named_site_to_that_site():
    wiki, site = source_links("en.wikipedia: Battle of Shumshu (landing on 18 August 1945); mofa.go.jp (protest)")
    assert wiki["url"] == "https://en.wikipedia.org/wiki/Battle_of_Shumshu"
    assert site["url"] == "https://mofa.go.jp/"
    assert (
        source_links("fujipost.com/lifestyle/3662 (17,291 residents)")[0]["url"]
        == "https://fujipost.com/lifestyle/3662"
    )
    # a note in parentheses may hold "; " of its own: it stays in its part
    assert len(source_links("Kurmazov, Izvestiya TINRO 146 (2006) (fishery agreements; kelp off Kaigara)")) == 1


def test_the_panel_and_the_chronology_give_each_event_its_links(atlas):
    events = period_panel(atlas, 1905, lang="ja")["events"]
    assert any(p["url"] == "https://en.wikipedia.org/wiki/Treaty_of_Portsmouth" for e in events for p in e["links"])
    rows = chronology(atlas, "ru")["events"]
    assert len(rows) == len(atlas.events) and all(r["links"] for r in rows)
