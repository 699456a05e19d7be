"""The Streamlit script, run headless with AppTest: what it sends to the map and shows in the panel."""

import json
import re

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app():
    def run(**query):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception
        return at

    return run


def seen(value) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", str(value))


def map_element(at, index=0):
    element = at.get("component_instance")[index]
    return element, json.loads(element.proto.json_args)


def move_map_to(at, year, key="map", seq=1):
    """What the browser does when the user moves the map's slider."""
    at.session_state[key] = {"year": year, "origin": "slider", "seq": seq}
    at.run()
    assert not at.exception


def test_the_year_in_the_url_is_sent_to_the_map_and_the_panel(app):
    at = app(year="1890")
    _, args = map_element(at)
    assert args["view"] == {"year": 1890, "names": "both", "lang": "en", "compare": None}
    assert seen(at.subheader[0].value).startswith("1890 — 1875–1905: Treaty of Saint Petersburg")


def test_a_year_change_on_the_map_keeps_the_same_map_element_and_arguments(app):
    at = app(year="1890")
    before, args_before = map_element(at)
    move_map_to(at, 1910)
    after, args_after = map_element(at)
    assert after.proto.id == before.proto.id  # same component instance: no iframe rebuild
    assert args_after == args_before  # nothing to resend: the map already shows 1910
    assert seen(at.subheader[0].value).startswith("1910 — 1905–1945: Treaty of Portsmouth")
    assert at.query_params["year"] == ["1910"] or at.query_params["year"] == "1910"


def test_the_panel_says_what_the_1905_treaty_changed(app):
    at = app(year="1905")
    text = seen(" ".join(m.value for m in at.markdown))
    assert "Treaty: Treaty of Portsmouth" in text
    assert "Art. IX" in text
    assert "Russia / Soviet Union → Japan: 33,319 km² — Karafuto / Sakhalin, Kaiba / Moneron" in text


@pytest.mark.parametrize(("lang", "word"), [("ja", "ポーツマス条約"), ("ru", "Портсмутский")])
def test_the_panel_speaks_the_chosen_language(app, lang, word):
    at = app(year="1910", lang=lang)
    assert word in seen(" ".join(m.value for m in at.markdown))
    _, args = map_element(at)
    assert args["view"]["lang"] == lang


def test_switching_names_changes_what_is_sent_to_the_map(app):
    at = app(year="1910")
    at.radio(key="names_radio").set_value("ru").run()
    _, args = map_element(at)
    assert args["view"]["names"] == "ru"
    assert at.query_params["names"] in ("ru", ["ru"])


def test_compare_shows_two_maps_with_each_others_year(app):
    at = app(year="1910", compare="1890")
    _, left = map_element(at, 0)
    _, right = map_element(at, 1)
    assert (left["view"]["year"], left["view"]["compare"]) == (1910, 1890)
    assert (right["view"]["year"], right["view"]["compare"]) == (1890, 1910)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "<script>alert(1)</script>"}, "year"),
        ({"year": "1700"}, "year"),
        ({"year": "9" * 500}, "year"),
        ({"names": "klingon"}, "names"),
        ({"lang": "xx"}, "lang"),
        ({"year": "1910", "compare": "1910"}, "compare"),
    ],
)
def test_bad_url_values_fall_back_with_a_visible_notice(app, query, field):
    at = app(**query)
    warnings = [w.value for w in at.warning]
    assert any(f"link's {field} value was not understood" in w for w in warnings), warnings
    assert all("<script>" not in w and "999" not in w for w in warnings)  # the raw value is never echoed
    _, args = map_element(at)
    assert args["view"]["year"] in (1905, 1910)


def test_a_broken_data_folder_shows_an_error_panel_not_a_traceback(geodata_copy, monkeypatch):
    (geodata_copy / "1905.geojson").write_text("{", encoding="utf-8")
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error[0].value == "The map data could not be loaded"
    assert "1905.geojson: not valid JSON" in at.code[0].value
    assert "make geodata" in at.info[0].value
    assert not at.get("component_instance")  # no half-working map


def test_markdown_in_data_text_stays_text(geodata_copy, monkeypatch):
    path = geodata_copy / "sources" / "treaties.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    for treaty in raw["treaties"]:
        if treaty["id"] == "portsmouth-1905":
            treaty["summary"]["en"] = (
                "Click [here](http://example.com) ![x](http://example.com/x.png) :red[alarm] $x$ | cell"
            )
    path.write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["year"] = "1910"
    at.run()
    source = [m.value for m in at.markdown if "Click" in m.value][0]
    assert "\\[here\\]" in source and "\\!\\[x\\]" in source
    assert "\\:red\\[alarm\\]" in source and "\\$x\\$" in source and "\\| cell" in source
