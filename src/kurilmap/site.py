"""The static atlas: the interactive map, its panel text and ready-made downloads as files for any web host.

``kurilmap site OUT/`` writes one page (``index.html``) with a language switch, the map page that the
app serves (:func:`kurilmap.mapview.map_page`, without the tile layer) and its Leaflet files, the text of
the panel for every year, naming style and language (computed here by :func:`kurilmap.panel.period_panel`,
the function the app's panel shows) and of every day of the 1945 sequence (:func:`kurilmap.panel.day_panel`),
the compare captions (:func:`kurilmap.scene.change_caption`) and a PNG
and a PDF of every treaty year in every language (:func:`kurilmap.export.render`). The page's script
(``frontend/site.js``, its panel's blocks in ``site_panel.js``) only looks things up: no rule of history is decided in the browser.

Everything is relative to ``OUT/``: the page works opened from disk (``file://``) and from any static
host, and makes no request outside its folder.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import sys
import time
from pathlib import Path

from kurilmap.chronology import chronology, chronology_csv, chronology_json
from kurilmap.export import render
from kurilmap.export.files import all_or_nothing
from kurilmap.geometry import Atlas
from kurilmap.i18n import LANGS, NAME_STYLES, STRINGS, aside, date_text, number, pick, t
from kurilmap.mapview import FRONTEND_DIR, map_page, script_json
from kurilmap.pagetable import page_table
from kurilmap.panel import day_panel, period_panel, shown_position
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.positions import SHOWS, SIDES
from kurilmap.publish import credit_line
from kurilmap.scene import change_caption, heading
from kurilmap.sharetable import SHARE_STRINGS, share_table
from kurilmap.tours import tour_table
from kurilmap.view import DEFAULT_YEAR, MAX_VALUE_LENGTH, View

__all__ = ["MANIFEST", "SiteError", "build_site", "download_years", "site_data"]

#: The list of files a site consists of; a folder holding it is a previous site that may be rewritten.
MANIFEST = "kurilmap-site.json"
DOWNLOADS = "downloads"
LANG_NAMES = {"en": "English", "ja": "日本語", "ru": "Русский"}
#: Interface text of the app (kurilmap.i18n) that the page writes.
PAGE_KEYS = (
    "title",
    "language",
    "names",
    "names_both",
    "names_ja",
    "names_ru",
    "names_en",
    "show",
    "show_held",
    "show_japan",
    "show_russia",
    "quoted",
    "quote_secondary",
    "compare",
    "compare_year",
    "what_changed",
    "no_change",
    "all_islands",
    "areas_held",
    "states_not_peoples",
    "event_source",
    "timeline_key",
    "held_by",
    "state",
    "km2",
    "timeline",
    "compare_which",
    "open_full_atlas",
    "chronology_csv",
    "chronology_json",
    "disputed",
    "sources",
    "sources_text",
    "bad_url",
    "map_label",
    "export_fmt_png",
    "export_fmt_pdf",
    "handout_sources",
    "tours",
    "tour_none",
    "tour_step",
    "tour_prev",
    "tour_next",
    "tour_leave",
    "tour_keys",
    "tour_sources",
    "share",
    "permalink",
    "embed_code",
    "qr_caption",
    "cite_apa",
    "cite_chicago",
    *("source", "area_computed", "area_official", "total", "area_note"),  # the positions card
    *("on_this_day", "sequence", "entries"),  # the panel of a day of 1945
)
#: Text only the static page has.
SITE_STRINGS = {
    "downloads": {"en": "Maps to download", "ja": "地図のダウンロード", "ru": "Карты для скачивания"},
    "downloads_help": {
        "en": "The border at the end of each treaty year and today: PNG 1600 × 1200 for slides, PDF handout (A4) with the treaty card.",
        "ja": "各条約の年末と現在の国境：スライド用PNG（1600 × 1200）、条約の要旨付きの配布用PDF（A4）。",
        "ru": "Граница на конец года каждого договора и сегодня: PNG 1600 × 1200 для слайдов, PDF-листок (A4) с описанием договора.",
    },
    "licences": {
        "en": "Code: MIT · project tables: CC-BY-4.0 · shoreline-derived layers: LGPL-3.0-or-later · Leaflet: BSD-2-Clause · QR codes: qrcode-generator (Kazuhiko Arase), MIT.",
        "ja": "コード：MIT・データ表：CC-BY-4.0・海岸線由来のレイヤー：LGPL-3.0-or-later・Leaflet：BSD-2-Clause・QRコード：qrcode-generator（Kazuhiko Arase）MIT。",
        "ru": "Код: MIT · таблицы проекта: CC-BY-4.0 · слои на основе береговых линий: LGPL-3.0-or-later · Leaflet: BSD-2-Clause · QR-коды: qrcode-generator (Kazuhiko Arase), MIT.",
    },
    "noscript": {
        "en": "This atlas needs JavaScript to draw the map; the maps to download below work without it.",
        "ja": "地図の表示にはJavaScriptが必要です。下のダウンロード用の地図はJavaScriptなしでも利用できます。",
        "ru": "Для карты нужен JavaScript; карты для скачивания ниже доступны и без него.",
    },
}
DOWNLOAD_FORMATS = ("png", "pdf")


class SiteError(ValueError):
    """The output folder cannot take a site (a usage error: the message says what to do)."""


# ---------------------------------------------------------------------------------------------- the text


class _Pool:
    """Values stored once and referred to by index (most years repeat most of their panel)."""

    def __init__(self):
        self.items: list = []
        self._index: dict[str, int] = {}

    def add(self, value) -> int:
        key = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(value)
        return self._index[key]


PANEL_KEYS = (
    *("period", "label", "treaty", "changes", "areas", "occupations", "events", "current", "disputed", "basis"),
    "positions",
)


def _shown_positions(card: dict | None, lang: str) -> dict | None:
    """The positions card with its areas written as the app's panel writes them (one decimal, the language's digits)."""
    if card is None:
        return None

    def written(a: dict) -> dict:
        return {**a, "computed": number(a["computed_km2"], lang, 1), "official": number(a["official_km2"], lang, 1)}

    return {**card, "areas": [written(a) for a in card["areas"]], "total": written(card["total"])}


def _shown_panel(panel: dict, lang: str) -> dict:
    """A panel as the page shows it: areas written as the app writes them, event flags apart from event text."""
    out = dict(panel)
    out["changes"] = [{**c, "area": f"{c['area_km2']:,.0f}"} for c in panel["changes"]]
    out["areas"] = [{**a, "area": f"{a['area_km2']:,.0f}"} for a in panel["areas"]]
    # an event's links hold its source, part by part
    out["events"] = [{k: v for k, v in e.items() if k not in ("current", "source")} for e in panel["events"]]
    out["current"] = [e["current"] for e in panel["events"]]
    out["positions"] = _shown_positions(panel["positions"], lang)
    return out


def panel_table(atlas: Atlas) -> dict:
    """The panel of every year, naming style and language, with repeated parts stored once.

    ``index["lang|names"][year - first]`` is a record: for each of :data:`PANEL_KEYS`, the index of
    its value in ``blocks``.
    """
    blocks, records = _Pool(), _Pool()
    index = {}
    for lang in LANGS:
        for names in NAME_STYLES:
            row = []
            for year in range(FIRST_YEAR, last_year() + 1):
                shown = _shown_panel(period_panel(atlas, year, names, lang), lang)
                row.append(records.add([blocks.add(shown[k]) for k in PANEL_KEYS]))
            index[f"{lang}|{names}"] = row
    return {"keys": list(PANEL_KEYS), "blocks": blocks.items, "records": records.items, "index": index}


DAY_KEYS = ("date", "heading", "happened", "steps", "entries", "sources")


def _shown_day(panel: dict, lang: str) -> dict:
    """A day's panel as the app shows it: each step's note in the language's brackets, the sources in one line."""
    steps = [{**step, "aside": aside(step["note"], lang) if step["note"] else ""} for step in panel["steps"]]
    sources = [step["source"] for step in panel["steps"]] + [e["source"] for e in panel["entries"]]
    return {**panel, "steps": steps, "sources": " · ".join(dict.fromkeys(sources))}


def day_table(atlas: Atlas) -> dict:
    """The panel of every day of the 1945 sequence in every language (:func:`kurilmap.panel.day_panel`).

    ``index[lang][i]`` is the record of the site data's ``days.list[i]``: for each of :data:`DAY_KEYS`, the index of its value
    in ``blocks``; for ``steps``, a list of indices, one a step (a step stands the same on most days).
    """
    blocks, index = _Pool(), {}
    days = atlas.campaign.days()
    for lang in LANGS:
        shown = [_shown_day(day_panel(atlas, day, lang), lang) for day in days]
        index[lang] = [
            [[blocks.add(step) for step in panel[k]] if k == "steps" else blocks.add(panel[k]) for k in DAY_KEYS]
            for panel in shown
        ]
    return {"keys": list(DAY_KEYS), "blocks": blocks.items, "index": index}


def day_dates(atlas: Atlas) -> dict:
    """The days of the 1945 sequence (``list``) and each written out as a title writes it (``dates[lang]``), once
    for the site: the captions, the day panels and the share panel find a day by its place in ``list``."""
    days = atlas.campaign.days()
    return {"list": days, "dates": {lang: [date_text(d, lang) for d in days] for lang in LANGS}}


def caption_table(atlas: Atlas, starts: list[int]) -> dict:
    """The compare caption of every pair of phases (earlier first) in every language, years as slots; and with
    a day of 1945 on a side: ``dayYear[lang][day][phase]`` against a year's phase, ``dayDay[lang][day][later day]``
    against a later day (days by their place in the site data's ``days``)."""
    pool, table, day_year, day_day = _Pool(), {}, {}, {}
    slots = ("{early}", "{late}")
    days = atlas.campaign.days()
    for lang in LANGS:
        row = []
        for i, early in enumerate(starts):
            for late in starts[i:]:
                row.append(pool.add(change_caption(atlas, early, late, lang, shown=slots)))
        table[lang] = row
        day_year[lang] = [
            [pool.add(change_caption(atlas, (atlas.campaign.year, d), (y, None), lang, shown=slots)) for y in starts]
            for d in days
        ]
        day_day[lang] = [
            [pool.add(change_caption(atlas, (atlas.campaign.year, a), (atlas.campaign.year, b), lang, shown=slots))
             for b in days[i:]]
            for i, a in enumerate(days)
        ]  # fmt: skip
    return {"texts": pool.items, "index": table, "dayYear": day_year, "dayDay": day_day}


def download_years(atlas: Atlas) -> list[int]:
    """The years the site offers as files: the start of every treaty's period, and this year.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> download_years(load_atlas())[:4]
    [1855, 1875, 1905, 1945]
    """
    years = [p.start for p in atlas.history.periods if p.treaty]
    return sorted(set(years) | {last_year()})


def _download_name(year: int, lang: str, fmt: str) -> str:
    return f"{DOWNLOADS}/" + View(year, "both", lang).file_name(f".{fmt}")


def _chronology_name(lang: str, fmt: str) -> str:
    return f"{DOWNLOADS}/kuril-chronology-{lang}.{fmt}"


def position_table(atlas: Atlas) -> dict:
    """The position card of every year, side and language (:func:`kurilmap.panel.shown_position`), stored once each.

    ``index["side|lang"][year - first]`` is the index of that year's card in ``cards``.
    """
    cards, index = _Pool(), {}
    for side in SIDES:
        for lang in LANGS:
            index[f"{side}|{lang}"] = [
                cards.add(shown_position(atlas, side, year, lang)) for year in range(FIRST_YEAR, last_year() + 1)
            ]
    return {"cards": cards.items, "index": index}


def site_data(atlas: Atlas, sizes: dict[str, int] | None = None) -> dict:
    """Everything the page looks up, JSON-ready: the phases, the panel, captions, downloads and interface text."""
    table = page_table(atlas)
    starts = [p["start"] for p in table["phases"]]
    history = atlas.history
    years = range(FIRST_YEAR, last_year() + 1)
    strings = {key: {lang: pick(STRINGS[key], lang) for lang in LANGS} for key in PAGE_KEYS}
    for table in (SITE_STRINGS, SHARE_STRINGS):
        strings.update({key: {lang: pick(value, lang) for lang in LANGS} for key, value in table.items()})
    strings.update({f"lang_{code}": {lang: name for lang in LANGS} for code, name in LANG_NAMES.items()})
    strings["credit"] = {lang: credit_line(atlas, lang) for lang in LANGS}  # the embed's visible credit
    downloads = []
    for year in download_years(atlas):
        files = {}
        for lang in LANGS:
            files[lang] = {}
            for fmt in DOWNLOAD_FORMATS:
                name = _download_name(year, lang, fmt)
                files[lang][fmt] = {"href": name, "kb": max(1, round((sizes or {}).get(name, 0) / 1024))}
        label = {lang: f"{year} — {heading(atlas, year, lang)}" for lang in LANGS}
        downloads.append({"year": year, "label": label, "files": files})
    return {
        "first": FIRST_YEAR,
        "last": last_year(),
        "defaultYear": DEFAULT_YEAR,
        "dayYear": atlas.campaign.year,  # the year of the day-by-day sequence (its days are the map page's to check)
        "days": day_dates(atlas),
        "maxValueLength": MAX_VALUE_LENGTH,
        "langs": list(LANGS),
        "nameStyles": list(NAME_STYLES),
        "shows": list(SHOWS),
        "positions": position_table(atlas),
        "starts": starts,
        "neighbour": [history.neighbouring_change(y) for y in years],
        "panel": panel_table(atlas),
        "dayPanels": day_table(atlas),  # the panel of a day of 1945 (site_panel.js renders it)
        "captions": caption_table(atlas, starts),
        "downloads": downloads,
        "strings": strings,
        "tours": tour_table(),
        "chronology": {lang: chronology(atlas, lang) for lang in LANGS},
        "share": share_table(atlas),  # the share panel's templates (kurilmap.sharetable; site_share.js fills them)
        "chronologyFiles": {lang: {fmt: _chronology_name(lang, fmt) for fmt in ("csv", "json")} for lang in LANGS},
    }


# ---------------------------------------------------------------------------------------------- the files


def _hashed(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def _js_value(name: str, value) -> bytes:
    """A script that sets ``window[name]``: data a page opened from disk can read (no fetch on file://)."""
    text = value if isinstance(value, str) else None
    body = script_json(value) if text is None else json.dumps(text, ensure_ascii=False)
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {body};\n".encode()


def _index_html(links: dict[str, str], data: dict) -> bytes:
    """The page, from ``frontend/site.html``: English until site.js sets the view's language.

    The list of downloads is written here too, so the files can be had without JavaScript.
    """
    page = (FRONTEND_DIR / "site.html").read_text(encoding="utf-8")
    values = {k: html.escape(v, quote=True) for k, v in links.items()}
    values["title"] = html.escape(t("title", "en"))
    values["noscript"] = html.escape(pick(SITE_STRINGS["noscript"], "en"))
    values["downloads_help"] = html.escape(pick(SITE_STRINGS["downloads_help"], "en"))
    items = []
    for d in data["downloads"]:
        links_ = " ".join(
            f'<a href="{html.escape(d["files"]["en"][fmt]["href"], quote=True)}">{html.escape(t(f"export_fmt_{fmt}", "en"))}</a>'
            for fmt in DOWNLOAD_FORMATS
        )
        items.append(f'<li><span class="atlas-dl-label">{html.escape(d["label"]["en"])}</span> {links_}</li>')
    values["downloads"] = "".join(items)
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], page).encode("utf-8")


def _previous_files(out: Path, force: bool) -> list[str]:
    """The files of the site already in ``out`` (to replace); refuse a folder holding anything else."""
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} is a file; give a folder for the site (it is created if missing)")
    if not out.exists() or not any(out.iterdir()):
        return []
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = [str(f) for f in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        if force:
            return []
        raise SiteError(
            f"{out} is not empty and holds no kurilmap site ({MANIFEST} is missing); "
            "choose an empty or new folder, or pass --force to write the site among its files"
        ) from None
    return [f for f in files if f and not Path(f).is_absolute() and ".." not in Path(f).parts]


def build_site(atlas: Atlas, out, *, force: bool = False, log=None) -> list[Path]:
    """Write the static atlas into the folder ``out``; return the files written.

    A folder that holds a previous site is rewritten (its files that the new site no longer has are
    removed); a folder holding anything else is refused unless ``force``. All files appear together
    or none does (:func:`kurilmap.export.files.all_or_nothing`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kurilmap.geometry import load_atlas
    >>> with tempfile.TemporaryDirectory() as folder:  # doctest: +SKIP
    ...     files = build_site(load_atlas(), pathlib.Path(folder) / "atlas")
    """
    out = Path(out)
    log = log or (lambda line: print(line, file=sys.stdout))
    previous = _previous_files(out, force)
    started = time.perf_counter()
    files: dict[str, bytes] = {}
    for year in download_years(atlas):
        for lang in LANGS:
            for fmt in DOWNLOAD_FORMATS:
                files[_download_name(year, lang, fmt)] = render(atlas, year, fmt, names="both", lang=lang)
    for lang in LANGS:
        files[_chronology_name(lang, "csv")] = chronology_csv(atlas, lang).encode("utf-8-sig")
        files[_chronology_name(lang, "json")] = chronology_json(atlas, lang).encode("utf-8")
    page_name, assets = map_page(atlas, False)
    page = assets[page_name].decode("utf-8")
    files.update({name: data for name, data in assets.items() if name != page_name})
    data = site_data(atlas, {k: len(v) for k, v in files.items()})
    links = {}
    for key, stem, suffix, body in (
        ("css", "site", ".css", (FRONTEND_DIR / "site.css").read_bytes()),
        ("chronology", "chronology", ".js", (FRONTEND_DIR / "chronology.js").read_bytes()),
        ("qrcode", "qrcode", ".js", (FRONTEND_DIR / "vendor" / "qrcode-generator" / "qrcode.js").read_bytes()),
        ("share", "share", ".js", (FRONTEND_DIR / "site_share.js").read_bytes()),
        ("panel", "panel", ".js", (FRONTEND_DIR / "site_panel.js").read_bytes()),
        ("js", "site", ".js", (FRONTEND_DIR / "site.js").read_bytes()),
        ("data", "atlas", ".js", _js_value("kurilmapSite", data)),
        ("page", "mappage", ".js", _js_value("kurilmapPage", page)),
    ):
        links[key] = _hashed(stem, suffix, body)
        files[links[key]] = body
    files["index.html"] = _index_html(links, data)
    manifest = {"generator": "kurilmap site", "files": sorted(files) + [MANIFEST]}
    files[MANIFEST] = (json.dumps(manifest, indent=1) + "\n").encode("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / DOWNLOADS).mkdir(exist_ok=True)
    with all_or_nothing(force=True) as batch:
        written = [batch.add(out / name, data) for name, data in sorted(files.items())]
    for name in set(previous) - set(files):
        (out / name).unlink(missing_ok=True)
    if (out / DOWNLOADS).exists() and not any((out / DOWNLOADS).iterdir()):
        shutil.rmtree(out / DOWNLOADS)
    for path in written:
        log(f"wrote {path} ({max(1, path.stat().st_size // 1024):,} KB)")
    total = sum(p.stat().st_size for p in written) / 1e6
    log(
        f"{len(written)} files, {total:.1f} MB in {time.perf_counter() - started:.0f} s: open {out / 'index.html'} "
        f"in a browser, or serve {out} with any static web server (e.g. python -m http.server -d {out})"
    )
    return written
