"""What the static atlas's "Share and cite" panel fills in: templates made by :mod:`kurilmap.publish` itself.

The static atlas cannot ask Python for a citation: its address (the host it is copied to), its view and
the reader's today are known only in the browser. So the citation, the BibTeX and CSL-JSON entries and the
embed code are written here once, by the same functions the app calls, with slots where those values go
(``@@url@@``, ``@@title@@``, …); the page's script (``frontend/site_share.js``) only fills the slots. How a
value is written into a slot is said by the template (plain text, JSON, HTML), and a slot that BibTeX
escapes comes out of :func:`kurilmap.publish.bibtex` escaped (``@@title\\#@@``), so that rule stays there too.
"""

from __future__ import annotations

import datetime
import re

from kurilmap.geometry import Atlas
from kurilmap.i18n import LANGS, t
from kurilmap.publish import (
    BIBTEX_SPECIAL,
    SITE_EMBED_PARAM,
    bibtex,
    citation,
    cite_apa,
    cite_chicago,
    csl_json,
    embed_code,
)
from kurilmap.view import DEFAULT_YEAR, View

__all__ = ["EMBED_HEIGHT", "SHARE_STRINGS", "share_table"]

#: Text only the static atlas's share panel has (the app's panel names its parts with the same keys of
#: :data:`kurilmap.strings.STRINGS`: share, permalink, embed_code, qr_caption, cite_apa, cite_chicago).
SHARE_STRINGS = {
    "copy": {"en": "Copy", "ja": "コピー", "ru": "Копировать"},
    "copied": {"en": "Copied.", "ja": "コピーしました。", "ru": "Скопировано."},
    "copy_selected": {
        "en": "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
        "ja": "選択しました。Ctrl+C（Macでは⌘C）でコピーしてください。",
        "ru": "Выделено: нажмите Ctrl+C (⌘C на Mac), чтобы скопировать.",
    },
    "cite_files": {
        "en": "Citation for a reference manager",
        "ja": "文献管理ソフト用の引用データ",
        "ru": "Ссылка для менеджера библиографии",
    },
    "qr_files": {"en": "QR code to download", "ja": "QRコードのダウンロード", "ru": "QR-код для скачивания"},
    "accessed_note": {
        "en": "The access date in the citation is today's date on this device.",
        "ja": "引用のアクセス日は、この端末の今日の日付です。",
        "ru": "Дата обращения в ссылке — сегодняшняя дата на этом устройстве.",
    },
}

#: The height of the embed code's ``<iframe>`` (px), as the app's.
EMBED_HEIGHT = 560
#: A slot: its name, then "#", which :func:`kurilmap.publish.bibtex_escape` turns into "\\#" where it escapes.
_SLOT = "@@{}#@@"


def _slot(name: str) -> str:
    return _SLOT.format(name)


class _Accessed:
    """The access date as slots: what :mod:`kurilmap.publish` reads of a date (``%B``, day, year, ISO)."""

    year, month, day = _slot("year"), _slot("month"), _slot("day")

    def __format__(self, spec: str) -> str:
        if spec != "%B":
            raise ValueError(f"no slot for the date format {spec!r}")
        return _slot("month_name")

    def isoformat(self) -> str:
        return _slot("iso")


def _unquoted_numbers(text: str) -> str:
    """CSL-JSON's date parts are numbers: their slots stand bare, not inside a JSON string."""
    for name in ("year", "month", "day"):
        text = text.replace(f'"{_slot(name)}"', _slot(name))
    return text


def citation_templates(atlas: Atlas) -> dict:
    """Each citation format with slots, and how a value is written into its slots.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> c = citation_templates(load_atlas())
    >>> c["apa"]["text"].split(" [")[0], c["apa"]["encode"]
    ('kurilmap contributors. (n.d.). @@title#@@', 'text')
    """
    c = citation(atlas, View(DEFAULT_YEAR), "", datetime.date.today())  # author and version as every citation has
    c.update(title=_slot("title"), view=_slot("view"), url=_slot("url"), accessed=_Accessed(), id=_slot("id"))
    return {
        "apa": {"text": cite_apa(c), "encode": "text"},
        "chicago": {"text": cite_chicago(c), "encode": "text"},
        "bibtex": {"text": bibtex(c), "encode": "text"},
        "csl": {"text": _unquoted_numbers(csl_json(c)), "encode": "json"},
        "embed": {
            "text": embed_code(f"{_slot('base')}#{_slot('fragment')}", _slot("title"), EMBED_HEIGHT, SITE_EMBED_PARAM),
            "encode": "html",
        },
    }


def title_templates(lang: str) -> dict:
    """The title of a view (:func:`kurilmap.scene.build_scene`'s) with slots: a year, a day, two years, a position."""
    return {
        "year": t("export_title", lang, year=_slot("year")),
        "day": t("export_title_day", lang, date=_slot("date")),
        "compare": t("export_compare_title", lang, a=_slot("a"), b=_slot("b")),
        "compareDays": t("export_compare_title_days", lang, a=_slot("a"), b=_slot("b")),  # a day of 1945 on a side
        "yearText": t("year_text", lang, year=_slot("year")),
        "position": f"{_slot('title')} · {_slot('whose')}",  # a single map of one government's position
    }


def share_table(atlas: Atlas) -> dict:
    """Everything the static atlas's share panel needs that is the same for every view and day, JSON-ready.

    ``months`` are the month names of the access date as :func:`kurilmap.publish.cite_apa` writes them (a day of
    1945 is written as the site data's ``days.dates`` write it).
    """
    return {
        "slot": _SLOT.replace("{}", "NAME"),
        "bibtexSpecial": BIBTEX_SPECIAL,
        "templates": citation_templates(atlas),
        "titles": {lang: title_templates(lang) for lang in LANGS},
        "months": [format(datetime.date(2000, m, 1), "%B") for m in range(1, 13)],
        "embedHeight": EMBED_HEIGHT,
    }


def filled(template: str, values: dict, encode: str = "text") -> str:
    """A template with its slots filled as the page's script fills them (for tests and scripts).

    Examples
    --------
    >>> filled("@@title#@@ (@@year#@@)", {"title": "Map", "year": 1905})
    'Map (1905)'
    """
    import html
    import json

    from kurilmap.publish import bibtex_escape

    def one(match):
        value = str(values[match.group(1)])
        if encode == "json":
            value = json.dumps(value, ensure_ascii=False)[1:-1]
        elif encode == "html":
            value = html.escape(value, quote=True)
        return bibtex_escape(value) if match.group(2) else value

    return re.sub(r"@@(\w+)(\\?)#@@", one, template)
