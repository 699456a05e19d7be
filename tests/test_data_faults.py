"""Every data file broken in every way a maintainer can break it: one clear data error, never a traceback.

Each case corrupts a temporary copy of ``geodata/``. The loader must name the file (and the place in
it); the command line must say "data error" with exit code 1 (never a usage error); the app must show
the error page in the user's language, with no map and no exception.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import ROOT, edit_geojson
from streamlit.testing.v1 import AppTest

from kurilmap.data import DataError
from kurilmap.geometry import Atlas

SOURCES = [
    "sources/periods.json",
    "sources/treaties.json",
    "sources/events.json",
    "sources/disputed.json",
    "sources/treaty_lines.json",
    "sources/gazetteer.csv",
    "sources/towns.csv",
    "sources/names.json",
    "sources/campaign_1945.json",
    "sources/positions.json",
    "sources/tours.json",
]
LAYERS = ["1875.geojson", "disputed_islands.geojson", "treaty_lines.geojson", "towns.geojson"]


def _missing(path):
    path.unlink()


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])


def _binary(path):
    path.write_bytes(bytes(range(256)) * 8)


def _utf16(path):
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _wrong_type(path):
    if path.suffix == ".csv":
        lines = path.read_text(encoding="utf-8").splitlines()
        cells = lines[3].split(",")
        cells[-3 if path.name == "gazetteer.csv" else -2] = "north-east"  # lon is not a number
        lines[3] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        raw = json.loads(path.read_text(encoding="utf-8"))
        key = next(k for k, v in raw.items() if isinstance(v, list))
        raw[key] = {"not": "a list"}
        path.write_text(json.dumps(raw), encoding="utf-8")


CORRUPTIONS = {
    "missing": _missing,
    "truncated": _truncated,
    "binary": _binary,
    "utf16": _utf16,
    "wrong-type": _wrong_type,
}


# (wrong field types in layers: tests/test_data.py)
CASES = [(n, h) for n in SOURCES + LAYERS for h in CORRUPTIONS if not (h == "wrong-type" and n.endswith(".geojson"))]


@pytest.mark.parametrize(("name", "how"), CASES)
def test_each_broken_file_is_refused_naming_the_file(geodata_copy, name, how):
    CORRUPTIONS[how](geodata_copy / name)
    with pytest.raises(DataError) as info:
        Atlas(geodata_copy)
    error = info.value
    assert error.file and error.file.endswith(name.split("/")[-1]), str(error)
    assert error.fix and ("git checkout" in error.fix or "make geodata" in error.fix)  # says what to do


# ---------------------------------------------------------------- tables that disagree with each other


def _json_edit(path, change):
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def _urup_to_russia(d):
    for f in d["features"]:
        if f["properties"]["island"] == "uruppu":
            f["properties"]["holder"] = "russia"


def _event(key, value):
    def change(raw):
        raw["events"][3][key] = value

    return change


def _period(key, value):
    def change(raw):
        raw["periods"][3][key] = value

    return change


def _treaty_name(raw):
    raw["treaties"][2]["name"] = 123


def _drop_etorofu_unit(d):
    d["features"] = [f for f in d["features"] if f["properties"]["id"] != "etorofu"]


def _names(change):
    def edit(raw):
        place = next(p for p in raw["places"] if p["id"] == "toyohara")  # Vladimirovka, Toyohara, Yuzhno-Sakhalinsk
        change(place["names"])

    return edit


def _rename_in_layer(d):
    for f in d["features"]:
        for name in f["properties"].get("name_history") or []:
            name["name"] = "Renamed by hand"


MUTATIONS = [
    (
        "sources/names.json",
        _names(lambda n: n[1].update({"until": 1940})),
        r"names\.json: .*toyohara.*: no name from 1940",
    ),
    (
        "sources/names.json",
        _names(lambda n: n[2].update({"from": 1900})),
        r"names\.json: .*toyohara.* → names \(ru\):.* overlap",
    ),
    ("sources/names.json", _names(lambda n: n[1].update({"from": 1946})), r"'豊原' is in use from 1946 until 1946"),
    ("sources/names.json", lambda raw: raw["places"][0].update(id="atlantis"), r"'atlantis' does not exist"),
    ("towns.geojson", _rename_in_layer, r"towns\.geojson: feature \d+ \(\w+\): its dated names differ"),
    ("1905.geojson", _urup_to_russia, r"1905\.geojson: feature \d+ \(uruppu\): holder is 'russia' but .*periods\.json"),
    ("sources/events.json", _event("period", "1999"), r"events\.json: events\[3\] .*→ period: period '1999' does not"),
    ("sources/events.json", _event("year", 1990), r"events\.json: events\[3\] .*: year 1990 .* does not fit period"),
    ("sources/periods.json", _period("treaty", "yalta-1945"), r"periods\.json: periods\[3\] \(id 1905\) → treaty"),
    ("sources/periods.json", _period("label", 42), r"periods\.json: periods\[3\] \(id 1905\) → label: wrong value 42"),
    ("sources/periods.json", _period("lines", ["equator"]), r"treaty line 'equator' does not exist"),
    ("sources/treaties.json", _treaty_name, r"treaties\.json: treaties\[2\] \(id [\w-]+\) → name: wrong value 123"),
    ("disputed_islands.geojson", _drop_etorofu_unit, r"disputed_islands\.geojson: holds the islands .* but"),
    ("sources/disputed.json", lambda raw: raw["units"].remove("etorofu"), r"disputed_islands\.geojson: holds"),
    ("sources/disputed.json", lambda raw: raw["units"].append("atlantis"), r"'atlantis' does not exist"),
    ("sources/campaign_1945.json", lambda raw: raw["steps"][4]["units"].remove("onekotan"), r"no step for onekotan"),
    ("sources/periods.json", lambda raw: raw["periods"][0]["basis"]["text"].pop("ru"), r"\(id 1850\) → basis → text"),
    (
        "sources/periods.json",
        lambda raw: raw["periods"][0]["basis"]["zones"].update({"sakhalin-south": {"en": "a", "ja": "a", "ru": "a"}}),
        r"names zone 'sakhalin-south' in its basis, which no land of the 1850 layer is in",
    ),
    ("sources/campaign_1945.json", lambda raw: raw["steps"][0]["units"].append("hokkaido"), r"hokkaido did not change"),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["steps"][2].update(held="1945-08-17"),
        r"held \(1945-08-17\) before",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["steps"][5].update(held="1945-09-30"),
        r"held 1945-09-30 is outside",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["steps"][0]["units"].append("atlantis"),
        r"'atlantis' is not a display",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["steps"][4]["units"].append("etorofu"),
        r"'etorofu' is also in step",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["marks"][0].update(date="1945-02-30"),
        r"'1945-02-30' is not a real day",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["steps"][6].update(landing="1945-08-23"),
        r"no landing recorded has no days under way",
    ),
    (
        "sources/campaign_1945.json",
        lambda raw: raw["entries"][0].update(date="1945-10-01"),
        r"date 1945-10-01 is outside",
    ),
    (
        "sources/positions.json",
        lambda raw: raw["positions"][0]["units"].append("atlantis"),
        r"'atlantis' does not exist",
    ),
    ("sources/positions.json", lambda raw: raw["positions"][1].update({"to": 1940}), r"ends \(1940\) before it starts"),
    (
        "sources/positions.json",
        lambda raw: raw["positions"][3].update({"from": 1955}),
        r"etorofu has two positions of japan",
    ),
    ("sources/positions.json", lambda raw: raw["positions"][0].update({"status": "yes"}), r"→ status: wrong value"),
    ("sources/positions.json", lambda raw: raw["positions"][0]["quotes"].clear(), r"→ quotes"),
    ("sources/positions.json", lambda raw: raw["positions"][0]["text"].pop("ja"), r"→ text"),
    ("sources/positions.json", lambda raw: raw["sides"]["russia"]["titles"].reverse(), r"titles start in"),
]


@pytest.mark.parametrize(("name", "change", "message"), MUTATIONS, ids=[m[2][:30] for m in MUTATIONS])
def test_tables_that_disagree_are_refused(geodata_copy, name, change, message):
    path = geodata_copy / name
    if name.endswith(".geojson"):
        edit_geojson(path, change)
    else:
        _json_edit(path, change)
    with pytest.raises(DataError, match=message):
        Atlas(geodata_copy)


def test_a_town_on_an_unknown_island_is_refused(geodata_copy):
    path = geodata_copy / "sources" / "towns.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",sakhalin,", ",atlantis,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"towns\.csv: line 2, column island: island 'atlantis' does not exist"):
        Atlas(geodata_copy)


def test_a_gazetteer_with_a_duplicate_or_unknown_column_is_refused(geodata_copy):
    path = geodata_copy / "sources" / "gazetteer.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id,zone,", "id,zone,zone_old,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"gazetteer\.csv: line 1: the header is id,zone,zone_old"):
        Atlas(geodata_copy)


# ---------------------------------------------------------------- what the user sees


def _cli(geodata, *args):
    env = {**os.environ, "KURILMAP_GEODATA": str(geodata)}
    return subprocess.run(
        [sys.executable, "-m", "kurilmap", *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )


@pytest.mark.parametrize(
    "name", ["sources/periods.json", "sources/treaties.json", "sources/events.json", "1905.geojson"]
)
def test_the_command_line_says_data_error_with_exit_code_1(geodata_copy, name):
    _truncated(geodata_copy / name)
    result = _cli(geodata_copy, "query", "--lon", "142.74", "--lat", "46.96", "--year", "1910")
    assert result.returncode == 1, result.stderr
    assert "data error" in result.stderr and name.split("/")[-1] in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "invalid" not in result.stderr  # never blamed on the user's valid year


@pytest.mark.parametrize(
    ("lang", "heading", "label"), [("en", "could not be loaded", "File"), ("ja", "読み込めません", "ファイル")]
)
def test_the_app_shows_a_data_error_page_in_the_users_language(geodata_copy, monkeypatch, lang, heading, label):
    _binary(geodata_copy / "sources" / "periods.json")
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["year"] = "1910"
    at.run()
    assert not at.exception
    assert heading in at.error[0].value
    details = at.code[0].value
    assert f"{label}: geodata/sources/periods.json" in details and "UTF-8" in details
    assert "Traceback" not in details and str(ROOT) not in details
    assert not at.get("bidi_component")  # no half-working map


def test_the_app_refuses_a_layer_that_contradicts_the_period_table(geodata_copy, monkeypatch):
    edit_geojson(geodata_copy / "1905.geojson", _urup_to_russia)
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "uruppu" in at.code[0].value and "holder is 'russia'" in at.code[0].value
    assert not at.get("bidi_component")
