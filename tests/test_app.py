"""The Streamlit script, run headless with AppTest: what it sends to the map and shows in the panel."""

import json
import re

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from kurilmap.periods import last_year
from kurilmap.view import DEFAULT_YEAR

TODAY = last_year()


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
    element = at.get("bidi_component")[index]
    return element, json.loads(element.proto.json)


def test_the_year_in_the_url_is_sent_to_the_map_and_the_panel(app):
    at = app(year="1890")
    _, data = map_element(at)
    assert data["view"] == {
        **{"year": 1890, "names": "both", "lang": "en", "compare": None, "day": None, "compareDay": None},
        "position": "held",
    }
    assert seen(at.subheader[0].value).startswith("1890 — 1875–1905: Treaty of Saint Petersburg")


def test_the_map_gets_a_static_page_address_and_the_view_only(app):
    at = app(year="1890")
    _, data = map_element(at)
    assert data["src"].startswith("app/static/kurilmap/map-") and data["src"].endswith(".html")
    assert len(json.dumps(data)) < 400  # the page itself never travels with the view
    page = ROOT / "static" / "kurilmap" / data["src"].rsplit("/", 1)[1]
    assert page.exists() and "kurilmapInit" in page.read_text(encoding="utf-8")


def test_the_panel_says_what_the_1905_treaty_changed_with_period_true_states(app):
    at = app(year="1905")
    text = seen(" ".join(m.value for m in at.markdown))
    assert "Treaty: Treaty of Portsmouth" in text
    assert "Art. IX" in text
    assert (
        "Russian Empire → Empire of Japan: 33,319 km² (official area of Karafuto (1941): 36,090 km²) — Karafuto / Sakhalin, Kaibatō / Moneron"
        in text
    )  # in the year it changed hands the land has both holders' names (issue 25, item 8)


def test_the_1875_changes_list_every_ceded_island(app):
    at = app(year="1875")
    text = seen(" ".join(m.value for m in at.markdown))
    assert "Russian Empire → Empire of Japan" in text
    expander = next(e for e in at.expander if e.label.startswith("All "))  # the chronology's is another
    assert "islands" in expander.label
    names = seen(expander.markdown[0].value).split(", ")
    assert len(names) == int(expander.label.split()[1]) > 8


@pytest.mark.parametrize(("lang", "word"), [("ja", "ポーツマス条約"), ("ru", "Портсмутский")])
def test_the_panel_speaks_the_chosen_language(app, lang, word):
    at = app(year="1910", lang=lang)
    assert word in seen(" ".join(m.value for m in at.markdown))
    _, data = map_element(at)
    assert data["view"]["lang"] == lang


def test_switching_names_changes_the_view_sent_to_the_map_and_the_url(app):
    at = app(year="1910")
    at.radio(key="names_radio").set_value("ru").run()
    _, data = map_element(at)
    assert data["view"]["names"] == "ru"
    assert at.query_params["names"] in ("ru", ["ru"])
    assert at.radio(key="names_radio").value == "ru"


def test_compare_shows_two_maps_with_each_others_year(app):
    at = app(year="1910", compare="1890")  # the earlier year goes left, whichever side the link gave it
    _, left = map_element(at, 0)
    _, right = map_element(at, 1)
    assert (left["view"]["year"], left["view"]["compare"]) == (1890, 1910)
    assert (right["view"]["year"], right["view"]["compare"]) == (1910, 1890)
    assert at.number_input(key="compare_input").value == 1910
    assert at.query_params["year"] in ("1890", ["1890"]) and at.query_params["compare"] in ("1910", ["1910"])


def test_typing_a_compare_year_moves_the_right_map_the_caption_and_the_url_together(app):
    at = app(year="1944")
    at.toggle(key="compare_toggle").set_value(True).run()
    assert at.number_input(key="compare_input").value == last_year()  # compared with today by default
    at.number_input(key="compare_input").set_value(2026).run()
    _, left = map_element(at, 0)
    _, right = map_element(at, 1)
    assert right["view"]["year"] == 2026 and left["view"]["compare"] == 2026
    assert "(1944 → 2026)" in seen(at.caption[0].value)
    assert at.query_params["compare"] in ("2026", ["2026"])
    at.radio(key="names_radio").set_value("ja").run()  # another change keeps the compare year
    _, right = map_element(at, 1)
    assert right["view"]["year"] == 2026 and at.number_input(key="compare_input").value == 2026


def test_the_compare_caption_names_the_states_of_each_year_earlier_first(app):
    at = app(year="1921", compare="1875")
    caption = seen(at.caption[0].value)
    assert "(1875 → 1921): Russian Empire → Empire of Japan 33,319 km²" in caption


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "<script>alert(1)</script>"}, "year"),
        ({"year": "1700"}, "year"),
        ({"year": "9" * 500}, "year"),
        ({"names": "klingon"}, "names"),
        ({"lang": "xx"}, "lang"),
        ({"year": "1910", "compare": "1700"}, "compare"),
    ],
)
def test_bad_url_values_fall_back_with_a_visible_notice(app, query, field):
    at = app(**query)
    warnings = [w.value for w in at.warning]
    assert any(f"link's {field} value was not understood" in w for w in warnings), warnings
    assert all("<script>" not in w and "999" not in w for w in warnings)  # the raw value is never echoed
    _, data = map_element(at)
    assert data["view"]["year"] in (DEFAULT_YEAR, 1910)


def test_a_broken_data_folder_shows_an_error_panel_not_a_traceback(geodata_copy, monkeypatch):
    (geodata_copy / "1905.geojson").write_text("{", encoding="utf-8")
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error[0].value == "The map data could not be loaded"
    assert "File: geodata/1905.geojson" in at.code[0].value and "not valid JSON" in at.code[0].value
    assert "make geodata" in at.info[0].value
    assert not at.get("bidi_component")  # no half-working map


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


def test_a_day_of_1945_in_the_url_reaches_the_map_the_panel_and_the_exports(app):
    at = app(day="1945-09-03", lang="en")
    _, data = map_element(at)
    assert (
        data["view"]["day"] == "1945-09-03"
        and data["view"]["year"] == 1945
        and data["query"].endswith("day=1945-09-03")
    )
    assert at.subheader[0].value == "3 September 1945"
    shown = " ".join(seen(m.value) for m in at.markdown)
    heading = next(seen(m.value) for m in at.markdown if "Soviet offensive and occupation" in m.value)
    assert "instrument of surrender" not in heading  # the day's heading lists only that day's events
    assert "**Soviet landings under way** — Habomai islands" in shown
    assert "**No landing recorded; under Soviet control by 30 August** — Atlasov" in shown
    assert "**Ōtomari, 25 August** — Soviet forces take Ōtomari" in shown  # the towns of South Sakhalin, dated
    assert "Disputed: administered by Russia" not in " ".join(i.value for i in at.info)  # not yet a dispute that day
    assert any(b.label == "Animated GIF of 8 August – 5 September 1945" for b in at.sidebar.button)
    assert at.query_params["day"] in ("1945-09-03", ["1945-09-03"])


def test_a_day_picked_on_the_map_is_taken_and_a_year_leaves_the_sequence(app):
    at = app(year="1944")
    at.session_state["map"] = {"proposal": {"year": 1945, "day": "1945-08-25", "seq": 5}}
    at.run()
    assert at.query_params["day"] in ("1945-08-25", ["1945-08-25"]) and at.subheader[0].value == "25 August 1945"
    at.session_state["map"] = {"proposal": {"year": 1950, "day": None, "seq": 6}}
    at.run()
    assert "day" not in at.query_params and at.subheader[0].value.startswith("1950 —")


def test_a_before_and_after_pair_is_one_click_and_a_compare_without_change_offers_one(app):
    at = app(year="1910")
    at.button(key="pair_1944-today").click().run()
    assert (at.query_params["year"], at.query_params["compare"]) in ((["1944"], [str(TODAY)]), ("1944", str(TODAY)))
    assert at.toggle(key="compare_toggle").value and at.number_input(key="compare_input").value == TODAY
    at = app(year="1945", compare=str(TODAY))  # the end of 1945 is already Soviet-held: no change to show
    assert any("For a change, compare 1944 with" in seen(c.value) for c in at.caption)
    at.button(key="hint_pair").click().run()
    _, left = map_element(at, 0)
    assert (left["view"]["year"], left["view"]["compare"]) == (1944, TODAY)
    assert not [b for b in at.button if b.key == "hint_pair"]  # a change is shown now


def test_the_animated_gif_takes_the_pace_chosen_beside_the_image_size(app, monkeypatch):
    from kurilmap import export

    asked = []  # the GIF itself at a pace: test_export.py; here the panel's choice reaching it, quickly
    monkeypatch.setattr(export, "animate", lambda atlas, **kw: asked.append(kw["frame_ms"]) or b"GIF89a")
    at = app(year="1905", lang="en")
    pace = at.selectbox(key="export_gif_pace")
    assert pace.options == ["1.2 s a step", "2 s a step", "5 s a step", "10 s a step"]
    pace.set_value(5000).run()
    at.button(key="make_gif").click().run()
    assert not at.exception and not at.error and asked == [5000]
    assert at.session_state["made"][1] == "kuril-border-1850-today-5s-en.gif"  # two paces never share a name
