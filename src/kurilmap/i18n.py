"""Interface text in English, Japanese and Russian, and the naming styles for places."""

from __future__ import annotations

LANGS = ("en", "ja", "ru")
NAME_STYLES = ("both", "ja", "ru", "en")  # en: conventional English usage (kurilmap.naming.english_name)

from kurilmap.strings import STRINGS  # noqa: E402,F401  (the table lives apart; t() reads it)


def check_view(names: str, lang: str) -> None:
    """Raise ValueError unless ``names`` is a naming style and ``lang`` a language of the interface."""
    if names not in NAME_STYLES:
        raise ValueError(f"names must be one of {', '.join(NAME_STYLES)}, not {names!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def pick(entry, lang: str = "en") -> str:
    """The ``lang`` text of a {"en": …, "ja": …, "ru": …} entry, English when missing; plain text as is.

    Examples
    --------
    >>> pick({"en": "Japan", "ja": "日本"}, "ru")
    'Japan'
    """
    if isinstance(entry, dict):
        return entry.get(lang) or entry.get("en") or ""
    return entry or ""


def t(key: str, lang: str = "en", **values) -> str:
    """Interface text for ``key`` in ``lang`` (English if missing), filled with ``values``.

    Examples
    --------
    >>> t("year", "ru")
    'Год'
    """
    text = pick(STRINGS[key], lang)
    return text.format(**values) if values else text


def place_name(names: dict, style: str = "both", lang: str = "en") -> str:
    """A place's name in a naming style, each name in the reader's script (:func:`script_forms`).

    Japanese in kanji and Russian in Cyrillic when the UI is in that language; in the other interface a
    name in the other script is written in the reader's: a Russian name in katakana in Japanese
    (``name_ru_kana``, from the data), a Japanese name in Polivanov Cyrillic in Russian, Latin in English.
    A place with one name (the same Latin form in both languages, e.g. Hokkaidō) is written once, in the
    reader's script; a place with a name in only one language (an empty field) shows that name in any style.

    Examples
    --------
    >>> n = {"name_en": "Iturup", "name_ja": "択捉島", "name_ja_romaji": "Etorofu", "name_ru": "Итуруп",
    ...      "name_ru_latin": "Iturup", "name_ru_kana": "イトゥルップ島"}
    >>> place_name(n, "both"), place_name(n, "both", "ja"), place_name(n, "both", "ru")
    ('Etorofu / Iturup', '択捉島 / イトゥルップ島', 'Эторофу / Итуруп')
    >>> place_name(n, "ja", "ja")
    '択捉島'
    >>> place_name({"name_ja": "", "name_ja_romaji": "", "name_ru": "Маука", "name_ru_latin": "Mauka"}, "ja", "en")
    'Mauka'
    """
    if names["name_ja_romaji"] and names["name_ja_romaji"] == names["name_ru_latin"]:  # one name, two scripts
        return {"ja": names["name_ja"], "ru": names["name_ru"]}.get(lang) or names["name_ja_romaji"]
    ja = names["name_ja"] if lang == "ja" else script_forms(names["name_ja_romaji"], "ja", lang)
    ru = (
        names["name_ru"]
        if lang == "ru"
        else script_forms(names["name_ru_latin"], "ru", lang, names.get("name_ru_kana"))
    )
    if style == "ja" or not ru:
        return ja or ru
    if style == "ru" or not ja:
        return ru or ja
    return ja if ja == ru else f"{ja} / {ru}"


def script_forms(latin: str, lang_of: str, lang: str, kana: str | None = None) -> str:
    """A name of language ``lang_of`` (given by its Latin form) in the script of the interface ``lang``.

    The one rule of scripts: Latin in English; in Japanese, a Russian name's katakana from the data
    (``kana``: Russian has no single mechanical rule to katakana); in Russian, a Japanese name by the
    Polivanov system (:func:`kurilmap.transcribe.polivanov`). A name's own script is the caller's.

    Examples
    --------
    >>> script_forms("Toyohara", "ja", "ru"), script_forms("Korsakov", "ru", "ja", "コルサコフ")
    ('Тоёхара', 'コルサコフ')
    >>> script_forms("Toyohara", "ja", "en")
    'Toyohara'
    """
    if lang == "ru" and lang_of == "ja" and latin:
        from kurilmap.transcribe import polivanov

        return polivanov(latin)
    if lang == "ja" and lang_of == "ru" and latin:
        return kana or latin  # the data gives every Russian name its katakana (checked by the data validation)
    return latin


# ---------------------------------------------------------------------------------------------- locale formats
#: Babel locale of each interface language.
LOCALES = {"en": "en_GB", "ja": "ja_JP", "ru": "ru_RU"}


def preferred_lang(header: str | None) -> str:
    """The interface language a browser asks for in its ``Accept-Language`` header: the first of ours by weight.

    A link's ``lang`` always wins (the app asks this only when the link names none); English otherwise.

    Examples
    --------
    >>> preferred_lang("ja-JP,ja;q=0.9,en-US;q=0.8"), preferred_lang("de-DE, ru;q=0.5, en;q=0.3"), preferred_lang(None)
    ('ja', 'ru', 'en')
    >>> preferred_lang("en;q=0.2, ru;q=0.9"), preferred_lang("fr, *;q=0.1"), preferred_lang("ja;q=x")
    ('ru', 'en', 'ja')
    """
    asked = []
    for n, part in enumerate(str(header or "")[:500].split(",")):
        code, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 1.0
        lang = code.strip().lower().split("-")[0]
        if lang in LANGS:
            asked.append((-weight, n, lang))
    return min(asked)[2] if asked else "en"


def number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number as ``lang`` writes it (Babel/CLDR): digit groups and the decimal sign of the language.

    Examples
    --------
    >>> number(77829.4, "en"), number(77829.4, "ru") == "77\\u00a0829", number(3168.04, "ru", 1)
    ('77,829', True, '3\\xa0168,0')
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(float(value), decimals), format=pattern, locale=LOCALES.get(lang, "en_GB"))


def aside(text: str, lang: str = "en") -> str:
    """A remark in brackets after a phrase, in the language's own brackets.

    >>> aside("22-28 August", "en"), aside("8月22日～28日", "ja")
    (' (22-28 August)', '（8月22日～28日）')
    """
    return f"（{text}）" if lang == "ja" else f" ({text})"


def day_month_text(iso: str, lang: str = "en") -> str:
    """A day ``YYYY-MM-DD`` as ``lang`` writes its day and month, without the year (Babel/CLDR).

    Examples
    --------
    >>> day_month_text("1945-08-20", "en"), day_month_text("1945-08-20", "ja"), day_month_text("1945-08-20", "ru")
    ('20 August', '8月20日', '20 августа')
    """
    import datetime

    from babel.dates import format_skeleton

    return format_skeleton("MMMMd", datetime.date.fromisoformat(iso), locale=LOCALES.get(lang, "en_GB"))


def date_text(iso: str, lang: str = "en") -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as ``lang`` writes it (Babel/CLDR); other text as is.

    Examples
    --------
    >>> date_text("1905-09-05", "en"), date_text("1905-09-05", "ja"), date_text("1905-09-05", "ru")
    ('5 September 1905', '1905年9月5日', '5 сентября 1905\\u202fг.')
    >>> date_text("1945-08", "ru"), date_text("1855", "ja")
    ('август 1945\\u202fг.', '1855')
    """
    import datetime
    import re

    from babel.dates import format_date, format_skeleton

    text = str(iso or "")
    locale = LOCALES.get(lang, "en_GB")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return format_date(datetime.date.fromisoformat(text), format="long", locale=locale)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return format_skeleton("yMMMM", datetime.date.fromisoformat(text + "-01"), locale=locale)
    return text


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _arabic(numeral: str) -> str:
    if numeral.isdigit():
        return numeral
    values = [_ROMAN[c] for c in numeral]
    return str(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


def article_text(article: str | dict, lang: str = "en") -> str:
    """Article references ("Art. IX", "Art. 2(c)") in the form of ``lang``: 第9条, ст. IX.

    A reference whose words differ by language (a preamble, the 款 of the 1875 treaty, the 項 of the
    1956 declaration) comes as texts in en, ja and ru, and is taken as written.

    Examples
    --------
    >>> article_text("Art. IX", "ja"), article_text("Art. 2(c)", "ja"), article_text("Art. IX", "ru")
    ('第9条', '第2条(c)', 'ст. IX')
    >>> article_text("Art. II; Protocol (A), Art. III", "en")
    'Art. II; Protocol (A), Art. III'
    """
    import re

    if isinstance(article, dict):
        return pick(article, lang)
    if lang == "ja":
        return re.sub(r"\bArt\. ([IVXLC]+|\d+)\b", lambda m: f"第{_arabic(m.group(1))}条", article or "")
    if lang == "ru":
        return re.sub(r"\bArt\. ", "ст. ", article or "")
    return article or ""
