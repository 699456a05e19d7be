"""History, second review (issue 22): the corrected statements, the peoples and decades that were missing,
and public sources a reader can follow on every event."""

from __future__ import annotations

import json
import re

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.i18n import LANGS, t
from kurilmap.panel import period_panel, treaty_card

WORKING_NOTES = re.compile(r"FACTS\.md|HISTORY_REVIEW|\bseeds?\b", re.IGNORECASE)


def event(atlas, iso: str) -> dict:
    found = [e for e in atlas.events if e["date"] == iso]
    assert found, f"no event dated {iso}"
    return found[0]


@pytest.mark.parametrize(
    "lang, peoples",
    [
        ("en", ("Ainu", "Nivkh", "Uilta")),
        ("ja", ("アイヌ", "ニヴフ", "ウイルタ")),
        ("ru", ("айнов", "нивхов", "уйльта")),
    ],
)
def test_undivided_sakhalin_names_all_three_peoples(atlas, lang, peoples):
    contested = next(a for a in period_panel(atlas, 1850, lang=lang)["areas"] if a["holder"] == "contested")
    for people in peoples:
        assert people in contested["state"]


@pytest.mark.parametrize(
    "lang, end, sides",
    [
        ("en", "25 April 1946", ("Japan's position", "Soviet position")),
        ("ja", "1946年4月25日", ("日本の立場", "ソ連の立場")),
        ("ru", "25 апреля 1946", ("позиция Японии", "Позиция СССР")),
    ],
)
def test_neutrality_pact_runs_to_april_1946_with_both_positions(atlas, lang, end, sides):
    text = event(atlas, "1945-04-05")["text"][lang]
    assert end in text
    for side in sides:
        assert side in text


def test_1920_landing_comes_before_nikolayevsk_and_the_declaration(atlas):
    text = event(atlas, "1920-04")["text"]["en"]
    assert text.index("Aleksandrovsk") < text.index("Nikolayevsk")
    assert "3 July" in text


@pytest.mark.parametrize("iso", ["1973-10-10", "1998-04-18", "2016-12-15"])
def test_the_talks_of_the_missing_decades_are_there_with_sources(atlas, iso):
    e = event(atlas, iso)
    assert e["source"].strip()
    assert not WORKING_NOTES.search(e["source"])


def test_no_decade_without_an_event_from_1855_to_2022(atlas):
    years = sorted({e["year"] for e in atlas.events if 1855 <= e["year"] <= 2022})
    gaps = [(a, b) for a, b in zip(years, years[1:]) if b - a > 11]
    assert not gaps, f"years without any event: {gaps}"


def test_no_working_note_is_a_readers_source():
    files = sorted((GEODATA_DIR / "sources").glob("*.json")) + sorted(GEODATA_DIR.glob("*.geojson"))
    found = [(f.name, m.group(0)) for f in files for m in WORKING_NOTES.finditer(f.read_text(encoding="utf-8"))]
    assert not found, f"working notes cited where readers see them: {found}"


@pytest.mark.parametrize("year", [1855, 1905, 1945, 1975, 2026])
def test_every_timeline_event_shows_its_source(atlas, year):
    events = period_panel(atlas, year)["events"]
    assert events
    assert all(e["source"].strip() for e in events)


@pytest.mark.parametrize("lang", LANGS)
def test_areas_are_said_to_be_within_the_maps_frame(lang):
    frame = {"en": "map's frame", "ja": "地図", "ru": "карт"}[lang]
    assert frame in t("areas_held", lang)


def texts(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


PAIRS = ("()", "（）", "«»", "「」")


@pytest.mark.parametrize("table", sorted(p.name for p in (GEODATA_DIR / "sources").glob("*.json")))
def test_every_text_of_the_tables_is_whole(table):
    """No source or text cut off: every bracket opened is closed, none starts a text."""
    data = json.loads((GEODATA_DIR / "sources" / table).read_text(encoding="utf-8"))
    broken = [
        (path, text[:80])
        for path, text in texts(data)
        if any(text.count(a) != text.count(b) for a, b in PAIRS) or text.lstrip()[:1] in {")", "）", ";", ","}
    ]
    assert not broken, f"texts cut off in {table}: {broken}"


TREATIES = {
    1855: "shimoda-1855",
    1867: "provisional-regulations-1867",
    1875: "st-petersburg-1875",
    1905: "portsmouth-1905",
    1925: "basic-convention-1925",
    1951: "san-francisco-1951",
    1956: "joint-declaration-1956",
}


def treaty(atlas, lang: str, year: int) -> dict:
    return treaty_card(atlas, TREATIES[year], lang)


@pytest.mark.parametrize(
    "year, lang, article",
    [
        (1867, "ja", "前文（第4項）、第2条"),
        (1875, "ja", "第1款（樺太、宗谷海峡）、第2款（千島列島18島、占守海峡）"),
        (1925, "ru", "ст. II; протокол (А), ст. III"),
        (1956, "ja", "第9項"),
        (1905, "ja", "第9条"),
    ],
)
def test_treaty_cards_name_articles_in_the_readers_language(atlas, year, lang, article):
    assert treaty(atlas, lang, year)["article"] == article


def test_no_english_words_in_the_ja_and_ru_article_references(atlas):
    for year in (1855, 1867, 1875, 1905, 1925, 1951, 1956):
        for lang in ("ja", "ru"):
            words = re.sub(r"\b[IVXLC]+\b", "", treaty(atlas, lang, year)["article"] or "")  # Roman numbers stay
            assert not re.search(r"[A-Za-z]{2,}", words), (year, lang, words)


def test_1855_summary_says_only_what_the_treaty_names(atlas):
    summary = treaty(atlas, "en", 1855)["summary"]
    assert "islands south of it Japanese" not in summary
    assert "does not name the islands south of it" in summary


def test_san_francisco_names_all_six_japanese_plenipotentiaries():
    treaties = json.loads((GEODATA_DIR / "sources" / "treaties.json").read_text(encoding="utf-8"))["treaties"]
    signatories = next(t for t in treaties if t["id"] == "san-francisco-1951")["signatories"]
    for name in ("Yoshida", "Ikeda", "Tomabechi", "Hoshijima", "Tokugawa", "Ichimada"):
        assert name in signatories["en"]
    assert "池田勇人" in signatories["ja"] and "Икэда" in signatories["ru"]


ENCYCLOPEDIAS = re.compile(r"wikipedia|encyclopedia|kotobank|weblio|britannica", re.IGNORECASE)


def _parts(source: str) -> list[str]:
    """An event's sources, split at the semicolons outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in source:
        depth += (ch in "([") - (ch in ")]")
        if ch == ";" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    return [*parts, current.strip()]


def test_primary_and_official_sources_come_before_encyclopedias(atlas):
    """A treaty card or timeline entry names the treaty text, FRUS, UNTS or a ministry first, an encyclopedia after."""
    lists = {f"treaty {tr['id']}": list(tr["sources"]) for tr in atlas.treaties.values()}
    lists.update({f"event {e['date']}": _parts(e["source"]) for e in atlas.events})
    for where, sources in lists.items():
        kinds = [bool(ENCYCLOPEDIAS.search(s)) for s in sources]
        assert kinds == sorted(kinds), f"{where}: {sources}"
    sf = atlas.treaties["san-francisco-1951"]["sources"]
    assert sf[0].startswith("UNTS")  # the treaty's own text first
