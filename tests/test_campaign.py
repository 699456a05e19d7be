"""1945 day by day: who held each island on chosen days, the surrender marked, the view, exports and the CLI."""

from __future__ import annotations

import io
import json

import pytest
from helpers import run_cli
from PIL import Image

from kurilmap import export
from kurilmap.export import ExportError
from kurilmap.pagetable import page_table
from kurilmap.panel import day_panel
from kurilmap.scene import build_scene, unit_look
from kurilmap.style import PALETTE
from kurilmap.view import Notice, View, parse_query

# (unit, day, look at the end of that day): each side of every landing and occupation, as the public
# sources of each step give it (sources/campaign_1945.json).
CHOSEN_DAYS = [
    ("sakhalin-south", "1945-08-10", "japan"),
    ("sakhalin-south", "1945-08-11", "offensive"),  # a land offensive across the 50th parallel from 11 August
    ("sakhalin-south", "1945-08-24", "offensive"),
    ("sakhalin-south", "1945-08-25", "russia"),  # the South Sakhalin operation ended 25 August
    ("moneron", "1945-08-10", "japan"),
    ("moneron", "1945-08-11", "undated"),  # no source gives Moneron's day: shown as unknown, not as a landing
    ("moneron", "1945-08-25", "russia"),
    ("shumushu", "1945-08-17", "japan"),
    ("shumushu", "1945-08-18", "landing"),  # landing on Shumshu 18 August
    ("shumushu", "1945-08-23", "russia"),  # the garrison surrendered 23 August
    ("paramushiru", "1945-08-22", "japan"),
    ("paramushiru", "1945-08-23", "landing"),  # Soviet troops ashore on 23 August
    ("paramushiru", "1945-08-24", "russia"),  # disarmed on 24 August
    ("onekotan", "1945-08-24", "japan"),
    ("onekotan", "1945-08-25", "russia"),  # Shirinki, Makanrushi, Onekotan, Matua capitulated 25 August
    ("matsua", "1945-08-25", "russia"),
    ("shasukotan", "1945-08-25", "japan"),
    ("shasukotan", "1945-08-26", "russia"),  # Shiashkotan and Simushir 26 August
    ("shimushiru", "1945-08-26", "russia"),
    ("raikoke", "1945-08-29", "japan"),
    ("raikoke", "1945-08-30", "unrecorded"),  # no landing recorded; under Soviet control by 30 August
    ("araido", "1945-09-05", "unrecorded"),
    ("uruppu", "1945-08-29", "japan"),  # Urup: landing party on 30 August, surrender on 31 August
    ("uruppu", "1945-08-30", "landing"),
    ("uruppu", "1945-08-31", "russia"),
    ("etorofu", "1945-08-27", "japan"),
    ("etorofu", "1945-08-28", "russia"),  # Etorofu 28 August
    ("kunashiri", "1945-08-31", "japan"),
    ("kunashiri", "1945-09-01", "russia"),  # Kunashiri and Shikotan 1 September
    ("shikotan", "1945-09-01", "russia"),
    ("shibotsu", "1945-09-02", "japan"),  # the Habomai islands were still Japanese-held at the surrender
    ("shibotsu", "1945-09-03", "landing"),
    ("shibotsu", "1945-09-05", "russia"),  # Habomai 3–5 September
    ("sakhalin-north", "1945-08-09", "russia"),
    ("hokkaido", "1945-09-05", "japan"),
]


def _unit(atlas, uid):
    return next(u for u in atlas.display_units() if u["id"] == uid)


@pytest.mark.parametrize(("uid", "day", "look"), CHOSEN_DAYS, ids=[f"{u}-{d}" for u, d, _ in CHOSEN_DAYS])
def test_each_island_has_its_holder_of_that_day(atlas, uid, day, look):
    assert unit_look(atlas, _unit(atlas, uid), 1945, day)[0] == look
    assert build_scene(atlas, View(1945, day=day)).maps[0].looks[uid] == look


def test_the_sequence_starts_as_1944_and_ends_as_the_end_of_1945(atlas):
    first, last = atlas.campaign.first, atlas.campaign.last
    for unit in atlas.display_units():
        assert unit_look(atlas, unit, 1945, first)[1] == unit_look(atlas, unit, 1944)[1], unit["id"]
        assert unit_look(atlas, unit, 1945, last)[1] == unit_look(atlas, unit, 1945)[1], unit["id"]


def test_the_day_heading_lists_only_that_days_events(atlas):
    """The surrender of 2 September heads that day only; 28 August does not end with the 14 August acceptance."""
    surrender, potsdam = "Japan signs the instrument of surrender", "Potsdam"
    for day, shown in (("1945-09-01", False), ("1945-09-02", True), ("1945-09-03", False)):
        assert (surrender in build_scene(atlas, View(1945, day=day)).maps[0].heading) is shown, day
    assert potsdam in build_scene(atlas, View(1945, day="1945-08-14")).maps[0].heading
    for day in ("1945-08-15", "1945-08-28"):
        assert potsdam not in build_scene(atlas, View(1945, day=day)).maps[0].heading, day
        assert not any(potsdam in h for h in day_panel(atlas, day)["happened"]), day
    assert any(surrender in h for h in day_panel(atlas, "1945-09-02")["happened"])
    assert build_scene(atlas, View(1945, lang="ja", day="1945-09-02")).title == "1945年9月2日の千島列島と樺太・サハリン"


def test_paramushir_is_soviet_held_on_24_august_and_not_on_23(atlas):
    """The northern Kurils are split where the sources give days: Paramushir entered 23, disarmed 24 August."""
    para = _unit(atlas, "paramushiru")
    assert unit_look(atlas, para, 1945, "1945-08-23")[1] == "japan"
    assert unit_look(atlas, para, 1945, "1945-08-24")[:2] == ("russia", "russia")
    panel = day_panel(atlas, "1945-08-24")
    assert any("Paramushir" in h and "disarmed on 24 August" in h for h in panel["happened"])


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_each_status_has_one_kind_of_word_and_fits_its_step(atlas, lang):
    """South Sakhalin is an offensive, not a landing; islands with no landing recorded say so, with the day."""
    words = {
        "en": ("Soviet offensive under way", "No landing recorded; under Soviet control by 30 August", "Under Soviet control"),
        "ja": ("ソ連軍の侵攻中", "上陸の記録なし。8月30日までにソ連軍の支配下", "ソ連軍の支配下"),
        "ru": ("Идёт наступление советских войск", "Высадка не зафиксирована; под контролем советских войск к 30 августа",
               "Под контролем советских войск"),
    }[lang]  # fmt: skip
    steps = {s["label"]: s for s in day_panel(atlas, "1945-08-20", lang)["steps"]}
    south = next(s for label, s in steps.items() if label.startswith(("South", "南樺太", "Южный")))
    assert south["status"] == words[0]
    late = day_panel(atlas, "1945-08-31", lang)["steps"]
    assert [s["status"] for s in late if s["key"] == "unrecorded"] == [words[1]]
    assert {s["status"] for s in late if s["key"] == "held"} == {words[2]}
    legend = {e.key: e.text for e in build_scene(atlas, View(1945, lang=lang, day="1945-08-30")).legend}
    assert "unrecorded" in legend and "landing" in legend and legend["unrecorded"] != legend["landing"]
    occupation = {"en": "occupation", "ja": "占領下", "ru": "оккупац"}[lang]
    assert occupation not in words[2]


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_towns_of_south_sakhalin_are_marked_with_their_day(atlas, lang):
    """South Sakhalin stays one unit; Tōro, Maoka, Shiritoru, Toyohara and Ōtomari are marked from their day."""
    assert [m.id for m in build_scene(atlas, View(1945, lang=lang, day="1945-08-15")).maps[0].entries] == []
    marks = build_scene(atlas, View(1945, lang=lang, day="1945-08-25")).maps[0].entries
    assert [m.id for m in marks] == ["toro", "maoka", "shiritoru", "toyohara", "otomari"]
    maoka = {"en": "Maoka, 20 August", "ja": "真岡（8月20日）", "ru": "Маока (Холмск), 20 августа"}[lang]
    assert marks[1].text == maoka
    panel = day_panel(atlas, "1945-08-20", lang)
    assert [e["text"] for e in panel["entries"]][-1] == maoka and all(e["source"] for e in panel["entries"])
    legend = build_scene(atlas, View(1945, lang=lang, day="1945-08-20")).legend
    assert [e.kind for e in legend].count("entry") == 1
    units = {u["id"] for u in atlas.display_units()}
    assert "sakhalin-south" in units and not any(u.startswith("sakhalin-south-") for u in units)


def test_the_sequence_cites_public_sources_only(atlas):
    """No step, entry or mark cites the project's working notes (FACTS.md, seeds, the review)."""
    sources = [s.source for s in atlas.campaign.steps] + [e.source for e in atlas.campaign.entries]
    sources += [m.source for m in atlas.campaign.marks]
    for source in sources:
        assert not any(word in source for word in ("FACTS", "seed", "HISTORY_REVIEW", "events.json")), source


def test_the_panel_says_where_each_step_stood_in_every_language(atlas):
    panel = day_panel(atlas, "1945-09-03", "ru")
    assert panel["date"].startswith("3 сентября 1945")
    assert [s["key"] for s in panel["steps"]] == ["held"] * 6 + ["unrecorded"] + ["held"] * 3 + ["landing"]
    assert all(s["source"] for s in panel["steps"])
    assert "Хабомаи" in panel["steps"][-1]["label"] and "после капитуляции" in panel["steps"][-1]["label"]


def test_the_view_of_a_day_comes_from_the_url_and_leaves_with_a_year():
    view, notices = parse_query({"day": "1945-08-28", "lang": "ja"})
    assert (view.year, view.day, notices) == (1945, "1945-08-28", [])
    assert view.to_query()["day"] == "1945-08-28" and view.file_name(".png") == "kuril-border-1945-08-28-ja.png"
    assert view.propose(year=1950) == View(1950, lang="ja")  # a year leaves the sequence
    compared = view.propose(compare=1944)  # a day compares too, the earlier side first
    assert (compared.year, compared.day, compared.compare, compared.compare_day) == (1944, None, 1945, "1945-08-28")
    view, notices = parse_query({"year": "1910", "day": "1945-10-01"})
    assert (view.year, view.day, notices) == (1910, None, [Notice("day", "1910")])
    view, notices = parse_query({"day": "1945-08-20", "compare": "1944"})
    assert (view.year, view.compare_day, view.compare, notices) == (1944, "1945-08-20", 1945, [])
    view, notices = parse_query({"year": "2026", "compare": "1945-08-32"})
    assert (view.compare, notices) == (None, [Notice("compare", "—")])


def test_the_map_page_has_every_day_and_its_looks(atlas):
    table = page_table(atlas)
    days = table["days"]
    assert [d["day"] for d in days["list"]] == atlas.campaign.days() and len(days["list"]) == 29
    assert days["stops"][0] == "1945-08-08" and "1945-09-02" in days["stops"] and days["stops"][-1] == "1945-09-05"
    units = table["units"]
    for entry in days["list"]:
        looks = days["phases"][entry["phase"]]["looks"]
        scene = build_scene(atlas, View(1945, day=entry["day"])).maps[0]
        assert dict(zip(units, looks)) == scene.looks, entry["day"]
    label = days["list"][20]["label"]
    assert (label["en"], label["ja"], label["ru"][:15]) == ("28 August 1945", "1945年8月28日", "28 августа 1945")


def _near(png: bytes, lon: float, lat: float, colour: str, width=800, height=600) -> bool:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    x, y = export.map_pixel(lon, lat, width=width, height=height)
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return max(abs(a - b) for a, b in zip(image.getpixel((x, y)), want)) <= 12


def test_a_day_exports_as_it_shows(atlas):
    png = export.render(atlas, 1945, "png", width=800, height=600, day="1945-08-28")
    assert _near(png, 145.75, 44.0, PALETTE["japan"])  # Kunashiri, occupied on 1 September
    assert _near(png, 147.9, 45.1, PALETTE["russia"])  # Etorofu, occupied on 28 August
    pdf = export.render(atlas, 1945, "pdf", day="1945-09-03")
    assert pdf[:5] == b"%PDF-"
    html = export.render(atlas, 1945, "html", day="1945-09-03").decode()
    assert '"controls":true,"day":"1945-09-03"' in html  # the offline page opens on that day
    with pytest.raises(ExportError, match="a geojson file holds the layer of a whole year"):
        export.render(atlas, 1945, "geojson", day="1945-09-03")
    with pytest.raises(ExportError, match="outside the 1945 sequence"):
        export.render(atlas, 1945, "png", day="1945-12-01")


def test_the_sequence_animates_one_frame_per_day_of_change(atlas):
    gif = export.animate(atlas, width=400, height=300, days="sequence")
    image = Image.open(io.BytesIO(gif))
    assert image.n_frames == len(atlas.campaign.change_days()) == 19
    assert b"1945-08-08" in gif and b"1945-09-05" in gif  # the days, in the file's comment


def test_the_command_line_writes_a_day_and_says_what_is_wrong(tmp_path, capsys):
    code, _ = run_cli("snapshot", "--day", "1945-08-20", "--out", tmp_path / "d.svg")
    assert code == 0 and "20 August 1945" in (tmp_path / "d.svg").read_text(encoding="utf-8")
    for argv, message in (
        (("snapshot", "--day", "1945-10-03"), "choose a day from 1945-08-08 to 1945-09-05"),
        (("snapshot", "--year", "2026", "--compare", "1945-10-03"), "compare: day 1945-10-03 is outside the 1945"),
        (("animate", "--days", "--years", "1900"), "does not combine with --years"),
    ):
        code, _ = run_cli(*argv, "--out", tmp_path / ("x.gif" if argv[0] == "animate" else "x.png"))
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err, argv


PARAMUSHIR = ("--lon", "155.83581", "--lat", "50.38624")


def test_query_by_day_answers_who_held_a_place_with_the_steps_status():
    """``query --day``: Paramushir is Japanese-held (landings under way) on 23 August, Soviet-held on 24 August."""
    code, out = run_cli("query", "--day", "1945-08-23", *PARAMUSHIR, "--json")
    row = json.loads(out)
    assert code == 0 and (row["holder"], row["step"], row["status"]) == ("japan", "paramushir", "landing")
    assert row["status_text"] == "Soviet landings under way" and row["state"] == "Empire of Japan"
    code, out = run_cli("query", "--day", "1945-08-24", *PARAMUSHIR)
    assert code == 0 and "held by russia (Soviet Union)" in out and "step paramushir: Under Soviet control" in out
    code, out = run_cli("query", "--day", "1945-08-30", "--lon", "153.25531", "--lat", "48.29436", "--json")  # Raikoke
    assert json.loads(out)["status_text"] == "No landing recorded; under Soviet control by 30 August"


def test_query_by_day_takes_a_points_file_and_refuses_a_bad_day(tmp_path, capsys):
    points = tmp_path / "p.csv"
    points.write_text("lon,lat,name\n155.83581,50.38624,P\n147.84,44.99,E\n142.7381,46.9592,T\n", encoding="utf-8")
    code, out = run_cli("query", "--day", "1945-08-28", "--points", points, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [(r["name"], r["holder"], r["status"]) for r in rows] == [
        ("P", "russia", "held"),
        ("E", "russia", "held"),  # Etorofu, 28 August
        ("T", "russia", "held"),  # South Sakhalin, held from 25 August
    ]
    for argv, message in (
        (("--day", "1945-10-01"), "choose a day from 1945-08-08 to 1945-09-05"),
        (("--day", "24.08.1945"), "day must be a date such as 1945-08-08 (YYYY-MM-DD)"),
        (("--day", "1945-08-24", "--year", "1945"), "not allowed with argument"),
    ):
        code, _ = run_cli("query", *argv, *PARAMUSHIR)
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err, argv
