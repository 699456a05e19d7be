"""The chronology (issue 25): every event in one list with its kind, source and map, and its CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kurilmap.chronology import COLUMNS, KINDS, chronology, chronology_csv, chronology_json, event_view
from kurilmap.data import DataError
from kurilmap.geometry import Atlas
from kurilmap.i18n import LANGS
from kurilmap.view import parse_query


def test_every_event_is_listed_once_oldest_first_with_kind_source_and_a_map_a_link_can_open(atlas):
    table = chronology(atlas, "en")
    events = table["events"]
    assert len(events) == len(atlas.events)
    assert [e["iso"] for e in events] == sorted(e["date"] for e in atlas.events)
    assert {e["title"] for e in events} == {e["title"]["en"] for e in atlas.events}
    assert {e["kind"] for e in events} == set(KINDS)  # every kind has events to filter
    for e in events:
        assert e["source"].strip() and e["kind"] in KINDS
        view, notices = parse_query({k: str(v) for k, v in e["view"].items()})
        assert not notices, (e["iso"], notices)
        assert view.year == e["view"]["year"] and view.day == e["view"].get("day")


def test_an_event_opens_the_map_of_its_date(atlas):
    assert event_view(atlas, "1945-08-18") == {"year": 1945, "day": "1945-08-18"}  # a day of the sequence
    assert event_view(atlas, "1945-02-11") == {"year": 1944}  # Yalta: the border of that date was 1944's
    assert event_view(atlas, "1905-09-05") == {"year": 1905}
    rows = {e["title"]: e for e in chronology(atlas, "en")["events"]}
    assert rows["Soviet landing on Shumshu"]["show"] == "Map of 18 August 1945"
    assert rows["Treaty of Portsmouth"]["show"] == "Map of 1905"
    assert chronology(atlas, "ja")["events"][0]["show"] == "1855年の地図"


@pytest.mark.parametrize("lang", LANGS)
def test_the_filters_and_labels_are_in_the_reader_language(atlas, lang):
    table = chronology(atlas, lang)
    assert [k["id"] for k in table["kinds"]] == list(KINDS)
    assert [p["id"] for p in table["periods"]] == ["1855", "1875", "1905", "1945"]  # no event in 1850: no filter
    if lang != "en":  # nothing left in English in the Japanese and Russian lists
        english = chronology(atlas, "en")
        assert all(a["label"] != b["label"] for a, b in zip(table["kinds"], english["kinds"]))
        assert table["labels"]["heading"] != english["labels"]["heading"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_csv_and_json_hold_every_event_with_its_source(atlas, lang):
    rows = list(csv.DictReader(io.StringIO(chronology_csv(atlas, lang))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(atlas.events)
    assert all(r["source"] and r["title"] and r["kind"] for r in rows)
    body = json.loads(chronology_json(atlas, lang))
    assert body["language"] == lang and len(body["events"]) == len(atlas.events)
    assert [e["title"] for e in body["events"]] == [r["title"] for r in rows]
    shumshu = next(r for r in rows if r["date"] == "1945-08-18" and r["map_day"])
    assert shumshu["map_year"] == "1945" and shumshu["map_day"] == "1945-08-18"
    if lang == "ja":
        assert rows[0]["title"] == "日露和親条約の調印" and rows[0]["kind"] == "条約・協定"


def test_an_event_without_a_known_kind_is_a_data_error(geodata_copy):
    path = geodata_copy / "sources" / "events.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    table["events"][3]["kind"] = "rumour"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as err:
        Atlas(geodata_copy)
    assert "events.json" in str(err.value) and "rumour" in str(err.value)
