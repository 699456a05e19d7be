"""Place names as dated data: which name(s) a place had at the end of a year (``sources/names.json``).

The rule of which name a map writes is :func:`kurilmap.scene.place_label`; this module holds the
data side of it: the names in use in a year, the years in which names change, and every name of
a place with its years (for tooltips).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kurilmap.i18n import place_name, script_forms
from kurilmap.periods import FIRST_YEAR, last_year

if TYPE_CHECKING:
    from kurilmap.geometry import Atlas
    from kurilmap.periods import Period


def names_in_use(names: dict, year: int | None, style: str = "both") -> dict:
    """A place's name fields as they were at the end of ``year`` (``None``: the gazetteer's names, today's).

    ``names["name_history"]`` (from ``sources/names.json``) lists dated names per language; where a
    language has dated names, only the one in use counts, and in a year with none that field is ``""``.
    A dated name with a ``style`` is one side's own usage (Japan's 紗那 for Kurilsk, kept in its law):
    it counts only in that naming ``style``.

    Examples
    --------
    >>> n = {"name_ja": "豊原", "name_ja_romaji": "Toyohara", "name_ru": "Южно-Сахалинск", "name_ru_latin": "Yuzhno-Sakhalinsk",
    ...      "name_history": [{"lang": "ru", "name": "Владимировка", "latin": "Vladimirovka", "from": 1882, "until": 1905},
    ...                       {"lang": "ja", "name": "豊原", "latin": "Toyohara", "from": 1905, "until": 1946},
    ...                       {"lang": "ru", "name": "Южно-Сахалинск", "latin": "Yuzhno-Sakhalinsk", "from": 1946}]}
    >>> names_in_use(n, 1890)["name_ru_latin"], names_in_use(n, 1890)["name_ja"]
    ('Vladimirovka', '')
    >>> shana = {"name_history": [{"lang": "ja", "name": "紗那", "latin": "Shana", "until": 1947},
    ...                           {"lang": "ja", "name": "紗那", "latin": "Shana", "from": 1947, "style": "ja"},
    ...                           {"lang": "ru", "name": "Курильск", "latin": "Kurilsk", "from": 1947}]}
    >>> names_in_use(shana, 2026)["name_ja"], names_in_use(shana, 2026, "ja")["name_ja"]
    ('', '紗那')
    """
    history = names.get("name_history") or ()
    if year is None or not history:
        return names
    out = dict(names)
    for lang, keys in _DATED.items():
        spans = [h for h in history if h["lang"] == lang and h.get("style", style) == style]
        if spans:
            now = next((h for h in spans if h.get("from", FIRST_YEAR) <= year < h.get("until", 10_000)), None)
            out.update({key: now.get(field, "") if now else "" for field, key in keys.items()})
    return out


#: The naming style of English-language usage (issue 25, item 9): see :func:`holder_name`.
ENGLISH = "en"
#: The naming styles that follow who held the land (:func:`holder_name`): the default "both" and English usage.
HOLDER_STYLES = ("both", ENGLISH)
#: The zone of the four islands, disputed in the periods marked ``disputed`` in periods.json.
DISPUTED_ZONE = "four-islands"
#: The side whose name a holder's land carries.
_HOLDER_SIDE = {"japan": "ja", "russia": "ru"}


def holder_name(
    names: dict,
    year: int | None,
    period: Period,
    lang: str = "en",
    style: str = "both",
    occupied: tuple = (),
    before: Period | None = None,
) -> str:
    """A place's name in ``year`` of ``period`` in a style that follows the holder ("both", "en"; rule in names.json).

    Land held by one state and not in dispute carries the name of its holder in use that year, in the
    reader's script (Сахалин, サハリン, Sakhalin in 2026; Toyohara, Тоёхара, 豊原 in 1930); land held by both
    or by neither (Sakhalin before 1875, Urup in 1850) and by two states at once (the whole of Sakhalin from
    1905 to 1945, Karafuto and Sakhalin) carries both names, Japanese first, and so do the four islands and
    their towns: in every year in "both", in a disputed year in English usage, the Japanese side in Japan's
    own usage (Shana / Kurilsk). A place without a known ``zone`` shows both names. ``occupied`` are the
    occupations in force that year (:meth:`~kurilmap.periods.History.occupations_in`); ``before`` the period that
    ended in ``year`` when a border changed that year: its holders held the land in that year too (1945: both
    names on the land that changed hands, from 8 August to the end of the year).

    English usage (``style="en"``) writes the names English-language media use: a gazetteer ``name_en`` of one
    name is that place's English name in every year (Sakhalin, Hokkaido, Kamchatka, Habomai Islands), and
    Japanese names are in Hepburn without macrons, as English-language media write Hokkaido and Honshu. In
    Japanese and Russian the same choice is written in the reader's script (:func:`~kurilmap.i18n.place_name`):
    Paramushir is パラムシル島 and Парамушир.

    Examples
    --------
    >>> para = {"name_en": "Paramushiru / Paramushir", "name_ja": "幌筵島", "name_ja_romaji": "Paramushiru",
    ...         "name_ru": "Парамушир", "name_ru_latin": "Paramushir", "name_ru_kana": "パラムシル島", "zone": "kuril-north"}
    >>> from kurilmap.geometry import history
    >>> today, then = history().period_for(2026), history().period_for(1930)
    >>> holder_name(para, 2026, today, style="en"), holder_name(para, 1930, then, style="en")
    ('Paramushir', 'Paramushiru')
    >>> holder_name(para, 2026, today, "ja"), holder_name(para, 1930, then, "ru")
    ('パラムシル島', 'Парамусиру')
    >>> sakhalin = {"name_en": "Sakhalin", "name_ja": "樺太", "name_ja_romaji": "Karafuto", "name_ru": "Сахалин",
    ...             "name_ru_latin": "Sakhalin", "name_ru_kana": "サハリン", "zone": "sakhalin"}
    >>> holder_name(sakhalin, 2026, today), holder_name(sakhalin, 1930, then), holder_name(sakhalin, 1930, then, "ja", "en")
    ('Sakhalin', 'Karafuto / Sakhalin', 'サハリン')
    >>> etorofu = {"name_ja": "択捉島", "name_ja_romaji": "Etorofu", "name_ru": "Итуруп", "name_ru_latin": "Iturup",
    ...            "name_ru_kana": "イトゥルップ島", "zone": "four-islands"}
    >>> holder_name(etorofu, 1930, then, "ru"), holder_name(etorofu, 1930, then, "ru", "en")
    ('Эторофу / Итуруп', 'Эторофу')
    """
    year = last_year() if year is None else int(year)
    english = style == ENGLISH
    fixed = names.get("name_en", "") if english else ""
    if fixed and "/" not in fixed and not names.get("name_history"):  # one English name in every year
        if lang == "en":
            return _plain(fixed)
        side = {_plain(names["name_ja_romaji"]): "ja", names["name_ru_latin"]: "ru"}.get(fixed)
        if side:
            return place_name(names, side, lang)
    zone = names.get("zone")
    if zone == DISPUTED_ZONE and (period.disputed or not english):
        name = place_name(names_in_use(names, year, "ja"), "both", lang)  # Japan's usage beside the name on the spot
    else:
        held = (holders(period, zone, occupied) | (holders(before, zone) if before else set())) if zone else set()
        side = _HOLDER_SIDE.get(held.pop(), "both") if len(held) == 1 else "both"  # one holder: its name
        name = place_name(names_in_use(names, year), side, lang)
    return _plain(name) if english and lang == "en" else name


def english_name(names: dict, year: int | None, period: Period, lang: str = "en", occupied: tuple = ()) -> str:
    """A place's conventional English name (naming style ``en``): :func:`holder_name` in English usage.

    >>> from kurilmap.geometry import history
    >>> english_name({"name_en": "Kamchatka", "name_ja": "", "name_ja_romaji": "Kamchatka", "name_ru": "Камчатка",
    ...               "name_ru_latin": "Kamchatka", "zone": "kamchatka"}, 2026, history().period_for(2026), "ru")
    'Камчатка'
    """
    return holder_name(names, year, period, lang, ENGLISH, occupied)


def holders(period: Period, zone: str | None, occupied: tuple = ()) -> set:
    """Who held a zone in ``period``: its holder (periods.json ``holders``) and the occupier of any of
    ``occupied``, the occupations in force (Japan in northern Sakhalin 1920–1924); the whole of Sakhalin
    (zone ``sakhalin``) is held by the holders of both its halves.

    >>> from kurilmap.geometry import history
    >>> sorted(holders(history().period_for(1930), "sakhalin")), holders(history().period_for(1880), "sakhalin")
    (['japan', 'russia'], {'russia'})
    >>> sorted(holders(history().period_for(1922), "sakhalin-north", history().occupations_in(1922)))
    ['japan', 'russia']
    """
    zones = ("sakhalin-south", "sakhalin-north") if zone == "sakhalin" else (zone,)
    held = {period.holders.get(z) for z in zones} - {None}
    return held | {o.by for o in occupied if o.zone in zones}


def _plain(latin: str) -> str:
    """Hepburn without macrons, as English-language text writes Japanese place names: Ōtomari → Otomari."""
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", latin).replace("\u0304", ""))


#: The name fields a dated name of each language sets: its name, Latin form and (Russian) katakana.
_DATED = {
    "ja": {"name": "name_ja", "latin": "name_ja_romaji"},
    "ru": {"name": "name_ru", "latin": "name_ru_latin", "kana": "name_ru_kana"},
}


def dated_names(props: dict, year: int | None) -> dict:
    """The five name fields of a place as written for ``year`` (the command line and data answers).

    ``name_en`` is the gazetteer's English name (the naming rule of sources/names.json) unless the place was
    renamed, then the romanised name(s) in use that year.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> araido = next(p for p in load_atlas().layers["1905"].properties if p["id"] == "araido")
    >>> dated_names(araido, 1910)["name_ru"], dated_names(araido, 2000)["name_en"]
    ('Алаид', 'Araido / Atlasova')
    """
    now = names_in_use(props, year)
    name_en = (
        place_name(names_in_use(props, year), "both", "en") if props.get("name_history") and year is not None else None
    )
    return {"name_en": name_en or props.get("name_en", ""), **{k: now.get(k, "") for k in _NAME_KEYS[1:]}}


_NAME_KEYS = ("name_en", "name_ja", "name_ja_romaji", "name_ru", "name_ru_latin")


def all_names(names: dict, lang: str = "en") -> str:
    """Every name of a place in one line, dated names with their years (the second line of a tooltip).

    Each name is in its own script with a second form in the reader's script (:func:`~kurilmap.i18n.script_forms`):
    Latin in English, katakana for Russian names in Japanese, Polivanov Cyrillic for Japanese names in Russian.

    Examples
    --------
    >>> n = {"name_ja": "阿頼度島", "name_ja_romaji": "Araido", "name_ru": "Атласова", "name_ru_latin": "Atlasova",
    ...      "name_history": [{"lang": "ru", "name": "Алаид", "latin": "Alaid", "kana": "アライド島", "until": 1954},
    ...                       {"lang": "ru", "name": "Атласова", "latin": "Atlasova", "kana": "アトラソフ島", "from": 1954}]}
    >>> all_names(n)
    '阿頼度島 Araido · Алаид Alaid (to 1953), Атласова Atlasova (from 1954)'
    >>> all_names(n, "ja")
    '阿頼度島 · Алаид アライド島（1953年まで）、Атласова アトラソフ島（1954年から）'
    >>> all_names(n, "ru")
    '阿頼度島 Арайдо · Алаид (до 1953), Атласова (с 1954)'
    """
    history = names.get("name_history") or ()
    parts = []
    for lang_of, keys in _DATED.items():
        spans = [h for h in history if h["lang"] == lang_of and "style" not in h]  # the names in use on the spot
        if not spans:
            parts.append(_one_name({f: names.get(k, "") for f, k in keys.items()}, lang_of, lang))
            continue
        dated = []
        for h in spans:
            when = [f"{h['from']}" if "from" in h else "", f"{h['until'] - 1}" if "until" in h else ""]
            years = _YEARS[lang][0 if all(when) else (1 if when[0] else 2)].format(*(w for w in when if w))
            dated.append(_one_name(h, lang_of, lang) + years)
        parts.append(("、" if lang == "ja" else ", ").join(dated))
    return " · ".join(parts)


#: The years of a dated name in each language: from–until, from, until.
_YEARS = {
    "en": (" ({}–{})", " (from {})", " (to {})"),
    "ja": ("（{}–{}年）", "（{}年から）", "（{}年まで）"),
    "ru": (" ({}–{})", " (с {})", " (до {})"),
}


def _one_name(name: dict, lang_of: str, lang: str) -> str:
    """A name ``{name, latin, kana}`` of language ``lang_of`` with its form in the script of ``lang``."""
    if lang == lang_of or (lang == "ja" and not name.get("kana")):  # its own script (one name: Хоккайдо)
        return name["name"]
    other = script_forms(name.get("latin", ""), lang_of, lang, name.get("kana"))
    return f"{name['name']} {other}" if other and other != name["name"] else name["name"]


def name_epoch(atlas: Atlas, year: int) -> int:
    """The last year up to ``year`` in which a place name or a period changed (or the map's first year): names
    are the same from there to the next rename, border or occupation ("both" and English usage follow the
    holder), so renderers can reuse what they wrote.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> name_epoch(load_atlas(), 1910), name_epoch(load_atlas(), 1850)
    (1906, 1850)
    """
    periods = (p.start for p in atlas.history.periods)
    occupied = (y for o in atlas.history.occupations for y in (o.start, o.end))  # two holders at once
    return max(y for y in (FIRST_YEAR, *name_years(atlas), *periods, *occupied) if y <= int(year))


@cache
def name_years(atlas: Atlas) -> tuple[int, ...]:
    """Years in which some place's name changes (the map page makes each one a phase start): renames, and the
    year after a border changed, when the land has its new holder's name alone."""
    years = set()
    layers = [*atlas.layers.values(), atlas.disputed, atlas.towns]
    for layer in layers:
        for props in layer.properties:
            for h in props.get("name_history") or ():
                years |= {h[k] for k in ("from", "until") if k in h}
    years |= {p.start + 1 for p in atlas.history.periods}  # a border's year has both holders' names (holder_name)
    return tuple(sorted(y for y in years if FIRST_YEAR < y <= last_year()))
