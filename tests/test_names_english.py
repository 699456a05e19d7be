"""English usage, the fourth naming style (issue 25, item 9): the holder's name outside the dispute, both names on it."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest

from kurilmap.cli import main
from kurilmap.data import GEODATA_DIR
from kurilmap.i18n import LANGS, NAME_STYLES, check_view
from kurilmap.mapview import map_html, map_page
from kurilmap.pagetable import page_parts, unpack_rows
from kurilmap.scene import _features, build_scene, place_label, places
from kurilmap.view import Notice, View, parse_query

SOURCES = GEODATA_DIR / "sources"
FOUR = {"etorofu": "Etorofu / Iturup", "kunashiri": "Kunashiri / Kunashir", "shikotan": "Shikotan"}


def labels(atlas, year: int, lang: str = "en") -> dict:
    return build_scene(atlas, View(year=year, names="en", lang=lang)).maps[0].labels


def plain(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace("\u0304", ""))


def test_the_style_is_offered_everywhere_a_style_is():
    assert NAME_STYLES == ("both", "ja", "ru", "en")
    check_view("en", "ja")  # no error
    with pytest.raises(ValueError, match="names must be one of both, ja, ru, en, not 'english'"):
        check_view("english", "en")


def test_today_land_not_in_dispute_has_the_name_english_text_uses(atlas):
    shown = labels(atlas, 2026)
    assert shown["sakhalin"] == "Sakhalin" and shown["paramushiru"] == "Paramushir"
    assert (shown["hokkaido"], shown["kamchatka"], shown["honshu"]) == ("Hokkaido", "Kamchatka", "Honshu")
    assert shown["shumushu"] == "Shumshu" and shown["uruppu"] == "Urup" and shown["araido"] == "Atlasova"
    assert shown["toyohara"] == "Yuzhno-Sakhalinsk" and shown["kashiwabara"] == "Severo-Kurilsk"
    assert shown["otomari"] == "Korsakov" and shown["nemuro"] == "Nemuro"


@pytest.mark.parametrize("year", [1945, 1956, 1991, 2026])
def test_the_four_islands_and_their_towns_carry_both_names_japanese_first_while_disputed(atlas, year):
    shown = labels(atlas, year)
    for island, name in FOUR.items():
        assert shown[island] == name
    assert shown["habomai"] == "Habomai Islands"  # one name in both languages (歯舞群島, острова Хабомаи)
    if year >= 1947:
        towns = ("Shana / Kurilsk", "Furukamappu / Yuzhno-Kurilsk", "Shakotan / Malokurilskoye")
        assert (shown["shana"], shown["furukamappu"], shown["shakotan"]) == towns


@pytest.mark.parametrize("lang", LANGS)
def test_no_interface_writes_one_sides_name_alone_for_the_four_islands(atlas, lang):
    both = build_scene(atlas, View(year=2026, names="both", lang=lang)).maps[0].labels
    shown = labels(atlas, 2026, lang)
    for place in ("etorofu", "kunashiri", "habomai", "shana", "furukamappu", "shakotan"):
        assert " / " in shown[place] or place == "habomai" and lang == "en", (place, shown[place])
    for place in ("etorofu", "kunashiri"):
        assert shown[place] == both[place]  # the same two names, in the same order, as "both"
    assert labels(atlas, 2026, "ja")["shana"] == "紗那 / クリリスク"
    assert labels(atlas, 2026, "ru")["shana"] == "Сяна / Курильск"


def test_in_1930_south_sakhalin_has_its_japanese_towns_and_the_north_its_russian_one(atlas):
    shown = labels(atlas, 1930)
    assert shown["sakhalin"] == "Sakhalin"  # the island's English name (Saghalien in the 1905 treaty's text)
    assert [shown[t] for t in ("toyohara", "otomari", "maoka", "shikuka", "esutoru")] == [
        "Toyohara",
        "Otomari",
        "Maoka",
        "Shikuka",
        "Esutoru",
    ]
    assert shown["aleksandrovsk"] == "Aleksandrovsk-Sakhalinsky"
    assert shown["paramushiru"] == "Paramushiru" and shown["etorofu"] == "Etorofu"  # Japanese, not yet disputed
    ja, ru = labels(atlas, 1930, "ja"), labels(atlas, 1930, "ru")
    assert (ja["toyohara"], ja["sakhalin"], ja["aleksandrovsk"]) == (
        "豊原",
        "サハリン",
        "アレクサンドロフスク・サハリンスキー",
    )
    assert (ru["toyohara"], ru["sakhalin"], ru["paramushiru"]) == ("Тоёхара", "Сахалин", "Парамусиру")


def test_land_held_by_both_or_by_neither_has_both_names(atlas):
    assert labels(atlas, 1850)["uruppu"] == "Uruppu / Urup"  # claimed by both before 1855
    assert labels(atlas, 1860)["uruppu"] == "Urup" and labels(atlas, 1880)["uruppu"] == "Uruppu"
    assert labels(atlas, 1880)["otomari"] == "Korsakovsky Post" and labels(atlas, 1850)["otomari"] == "Kushunkotan"


def _data_forms() -> set[str]:
    """Every name form of the data: gazetteer and towns (English, romaji, Latin) and names.json's dated names."""
    import csv

    forms = set()
    for table in ("gazetteer.csv", "towns.csv"):
        with (SOURCES / table).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                forms |= {row.get("name_en") or "", row["name_ja_romaji"], row["name_ru_latin"]}
    disputed = json.loads((GEODATA_DIR / "disputed_islands.geojson").read_text(encoding="utf-8"))
    forms |= {f["properties"][k] for f in disputed["features"] for k in ("name_en", "name_ja_romaji", "name_ru_latin")}
    for place in json.loads((SOURCES / "names.json").read_text(encoding="utf-8"))["places"]:
        forms |= {n["latin"] for n in place["names"]}
    return {plain(f) for f in forms if f}


def test_every_english_name_is_a_form_of_the_data_with_its_source(atlas):
    forms = _data_forms()
    rule = json.loads((SOURCES / "names.json").read_text(encoding="utf-8"))["rule"]
    assert "English usage" in rule and "PCGN" in rule and "Japanese first" in rule
    named = [p.names for p in places(atlas)] + [f["names"] for f in _features(atlas).values()]
    for year in (1850, 1855, 1875, 1890, 1905, 1921, 1930, 1945, 1946, 1947, 1954, 2026):
        for names in named:
            label = place_label(names, year, "en", "en")
            assert label == plain(label)  # Hepburn without macrons: Otomari, Oshima-Oshima
            for part in filter(None, label.split(" / ")):
                assert part in forms, (year, names["name_en"] or names["name_ja_romaji"], label)


def test_the_page_carries_no_names_and_each_style_and_language_has_its_own_script(atlas):
    rest, parts = page_parts(atlas)
    today = unpack_rows(rest["phases"])[-1]
    names = unpack_rows(parts["names"]["en|en"])[today["names"]]
    assert names["p:paramushiru"] == "Paramushir" and names["p:etorofu"] == "Etorofu / Iturup"
    name, files = map_page(atlas)
    page = files[name].decode("utf-8")
    scripts = sorted(f for f in files if f.startswith(("names-", "texts-")))
    assert len(scripts) == 4 * 3 + 3 and all(f in page for f in scripts)  # the page knows every script's name ...
    english = files[next(f for f in scripts if f.startswith("names-en-en-"))].decode()
    assert "Etorofu / Iturup" not in page and "Etorofu / Iturup" in english
    one_file = map_html(atlas, 2026, "en", "en")  # ... and a page in one file carries every style itself
    assert "Etorofu / Iturup" in one_file and not any(f in one_file for f in scripts)


def test_the_address_the_command_line_and_the_api_take_the_style_and_refuse_a_wrong_one(tmp_path, capsys):
    view, notices = parse_query({"names": "en", "year": "1930"})
    assert view.names == "en" and notices == []
    view, notices = parse_query({"names": "english"})
    assert view.names == "both" and notices == [Notice("names", "both")]
    out = tmp_path / "2026.svg"
    assert main(["snapshot", "--year", "2026", "--names", "en", "--out", str(out)], out=io.StringIO()) == 0
    svg = out.read_text(encoding="utf-8")
    assert "Paramushir<" in svg or ">Paramushir" in svg
    with pytest.raises(SystemExit) as exc:
        main(["snapshot", "--year", "2026", "--names", "english", "--out", str(out)], out=io.StringIO())
    assert exc.value.code == 2 and "invalid choice: 'english'" in capsys.readouterr().err
    import kurilmap
    from kurilmap.export import ExportError

    assert kurilmap.snapshot(1930, "svg", names="en").count(b"Toyohara") >= 1
    with pytest.raises(ExportError, match="names must be one of both, ja, ru, en"):
        kurilmap.snapshot(1930, names="English")
