"""Streamlit app: the year slider over the folium map, the period panel and exports.

Only wiring lives here: every decision about history, geometry and text is made by the
``kurilmap`` package. The map switches periods in the browser; this script follows the
map's year to update the panel and the URL.
"""

from __future__ import annotations

import hashlib
import threading

import streamlit as st
import streamlit.components.v1 as components

from kurilmap import export
from kurilmap.data import DataError, geodata_dir
from kurilmap.geometry import load_atlas
from kurilmap.i18n import LANGS, NAME_STYLES, t
from kurilmap.mapview import FRONTEND_DIR, map_html
from kurilmap.panel import md_escape as md
from kurilmap.panel import period_panel
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.urlstate import View, parse_query

MAP_HEIGHT = 640
LANG_NAMES = {"en": "English", "ja": "日本語", "ru": "Русский"}
IMAGE_SIZES = {"size_slide": (1600, 1200, 200), "size_wide": (1920, 1080, 200), "size_print": (3508, 2480, 300)}
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "gif": "image/gif",
}
_EXPORT_LOCK = threading.Lock()  # matplotlib's settings are process-wide: one render at a time

_map_component = components.declare_component("kurilmap_map", path=str(FRONTEND_DIR))


@st.cache_resource(show_spinner=False)
def _atlas(directory: str):
    atlas = load_atlas(directory)
    for period in atlas.history.periods[1:]:  # what each treaty changed: computed once, not per rerun
        atlas.diff(period.start - 1, period.start)
    return atlas


def atlas():
    """The validated layers of the data folder, loaded once per process."""
    return _atlas(str(geodata_dir()))


@st.cache_resource(show_spinner=False)
def _map_doc(directory: str) -> tuple[str, str]:
    doc = map_html(_atlas(directory), last_year())
    return doc, hashlib.sha1(doc.encode()).hexdigest()[:16]


def map_doc() -> tuple[str, str]:
    """The map page (all periods, names and languages) and its id; the same for every session."""
    return _map_doc(str(geodata_dir()))


def init_state() -> None:
    """First run of a session: take the view from the URL, with notices for bad values."""
    if "view" in st.session_state:
        return
    view, notices = parse_query(st.query_params.to_dict())
    st.session_state.view = view
    st.session_state.notices = notices
    st.session_state.command = 1  # bumped whenever Python sets the map's year
    st.session_state.command_year = view.year
    st.session_state.seen = {}


def set_view(**changes) -> None:
    st.session_state.view = View(**{**st.session_state.view.__dict__, **changes})


def map_widget(key: str, year: int, compare: int | None, view: View) -> int | None:
    """Show one map; return the year the user chose on it, if it changed."""
    doc, doc_id = map_doc()
    value = _map_component(
        doc=doc,
        doc_id=doc_id,
        view={"year": year, "names": view.names, "lang": view.lang, "compare": compare},
        command=f"{st.session_state.command}",
        height=MAP_HEIGHT,
        key=key,
        default=None,
    )
    if value and value.get("seq") != st.session_state.seen.get(key):
        st.session_state.seen[key] = value.get("seq")
        return int(value["year"])
    return None


def _export_bytes(
    directory: str, fmt: str, year: int, names: str, lang: str, size: tuple, compare: int | None
) -> bytes:
    """Render one download (runs when the button is clicked, on Streamlit's worker thread)."""
    width, height, dpi = size
    with _EXPORT_LOCK:
        if fmt == "gif":
            return export.animate(_atlas(directory), names=names, lang=lang)
        if fmt in ("geojson", "gpkg"):
            compare = None  # a layer file holds one year
        return export.render(
            _atlas(directory), year, fmt, names=names, lang=lang, width=width, height=height, dpi=dpi, compare=compare
        )


def export_buttons(view: View) -> None:
    """A button per format makes the file for the current view; a download button then saves it.

    The bytes are kept in the session until the view changes, so the download never depends on
    a file that another session's rerun could clean up.
    """
    lang = view.lang
    with st.sidebar:
        st.subheader(t("export", lang))
        size_key = st.selectbox(
            t("image_size", lang), list(IMAGE_SIZES), format_func=lambda k: t(k, lang), key="export_size"
        )
        st.caption(t("export_help", lang))
        stem = f"kuril-border-{view.year}" + (f"-vs-{view.compare}" if view.compare is not None else "")
        for fmt in export.FORMATS:
            name = "kuril-border-1850-today.gif" if fmt == "gif" else f"{stem}{export.EXTENSIONS[fmt][0]}"
            wanted = (view, size_key, fmt)
            if st.button(t(f"export_fmt_{fmt}", lang), key=f"make_{fmt}", width="stretch"):
                with st.spinner(t("making", lang, name=name)):
                    try:
                        data = _export_bytes(
                            str(geodata_dir()), fmt, view.year, view.names, lang, IMAGE_SIZES[size_key], view.compare
                        )
                    except Exception as exc:  # shown to the user; the app stays usable
                        st.error(t("export_failed", lang, reason=str(exc)[:300]))
                        continue
                st.session_state.made = (wanted, name, data)
            made = st.session_state.get("made")
            if made and made[0] == wanted:
                st.download_button(
                    f"⬇ {made[1]} ({max(1, len(made[2]) // 1024):,} KB)",
                    data=made[2],
                    file_name=made[1],
                    mime=MIME[fmt],
                    key=f"save_{fmt}",
                    on_click="ignore",
                    type="primary",
                    width="stretch",
                )


def compare_summary(view: View) -> str:
    """Land that changed hands between the two compared years, earlier year first."""
    early, late = sorted((view.year, view.compare))
    summary = atlas().diff_summary(early, late)
    parts = [
        f"{t(f'holder_{a}', view.lang)} → {t(f'holder_{b}', view.lang)}: {km2:,.0f} km²"
        for (a, b), km2 in summary.items()
    ]
    return f"{t('changed', view.lang)} ({early} → {late}): " + ("; ".join(parts) or t("no_change", view.lang))


def show_panel(view: View) -> None:
    """The period panel; every text from data goes through md() so it can only be text.

    Each block is one element, so a block that is the same as in the last run costs the
    browser a reference instead of the text again (Streamlit's message cache).
    """
    lang = view.lang
    panel = period_panel(atlas(), view.year, view.names, lang)
    st.subheader(f"{panel['year']} — {md(panel['label'])}")
    for occ in panel["occupations"]:
        st.warning(md(occ))
    if panel["disputed"]:
        st.info(t("disputed", lang))
    tr = panel["treaty"]
    if tr:
        de_facto = tr["kind"] == "de-facto"
        facts = [
            f"{t('dated' if de_facto else 'signed', lang)}: {tr['signed']}"
            + (f" ({md(tr['place'])})" if tr["place"] else "")
        ]
        if tr["in_force"]:
            facts.append(f"{t('in_force', lang)}: {tr['in_force']}")
        if tr["article"]:
            facts.append(f"{t('article', lang)}: {md(tr['article'])}")
        block = [
            f"**{t('act' if de_facto else 'treaty', lang)}: {md(tr['name'])}**  ",
            " · ".join(facts),
            "",
            md(tr["summary"]),
        ]
        if tr["quotation"]:
            kind = t("paraphrase" if tr["quotation_kind"] == "paraphrase" else "quotation", lang)
            block += ["", f"> “{md(tr['quotation'])}” ({kind})"]
        st.markdown("\n".join(block))
    changes = [f"**{t('what_changed', lang)}**", ""]
    for ch in panel["changes"]:
        more = " …" if len(ch["islands"]) > 8 else ""
        changes.append(
            f"- {md(ch['from'])} → {md(ch['to'])}: {ch['area_km2']:,.0f} km² — {md(', '.join(ch['islands'][:8]))}{more}"
        )
    if not panel["changes"]:
        changes.append(t("no_change", lang))
    st.markdown("\n".join(changes))
    rows = [
        f"**{t('areas_held', lang)}**",
        "",
        f"| {t('held_by', lang)} | {t('state', lang)} | km² |",
        "|---|---|---:|",
    ]
    rows += [f"| {md(a['label'])} | {md(a['state'])} | {a['area_km2']:,.0f} |" for a in panel["areas"]]
    st.markdown("\n".join(rows))
    timeline = [f"**{t('timeline', lang)}**", ""]
    for ev in panel["events"]:
        marker = "●" if ev["current"] else "○"
        timeline += [f"{marker} **{md(ev['date'])}** — {md(ev['title'])}  ", md(ev["text"]), ""]
    st.markdown("\n".join(timeline))


def sidebar(view: View) -> None:
    lang = view.lang
    with st.sidebar:
        new_lang = st.selectbox(
            t("language", lang), LANGS, index=LANGS.index(lang), format_func=LANG_NAMES.get, key="lang_select"
        )
        new_names = st.radio(
            t("names", lang),
            NAME_STYLES,
            index=NAME_STYLES.index(view.names),
            format_func=lambda s: t(f"names_{s}", lang),
            key="names_radio",
        )
        comparing = st.toggle(t("compare", lang), value=view.compare is not None, key="compare_toggle")
        compare = None
        if comparing:
            default = view.compare if view.compare is not None else atlas().history.neighbouring_change(view.year)
            compare = st.number_input(
                t("compare_year", lang), FIRST_YEAR, last_year(), value=default, step=1, key="compare_input"
            )
        st.divider()
        st.caption(t("sources", lang))
        st.caption(t("sources_text", lang))
    changes = {}
    if new_lang != view.lang:
        changes["lang"] = new_lang
    if new_names != view.names:
        changes["names"] = new_names
    if compare != view.compare:
        changes["compare"] = None if compare == view.year else compare
    if changes:
        set_view(**changes)


def main() -> None:
    st.set_page_config(page_title="Kuril Islands & Sakhalin border map", page_icon="🗾", layout="wide")
    init_state()
    view: View = st.session_state.view
    try:
        atlas()
    except DataError as exc:
        st.error(t("data_error", view.lang))
        st.code(str(exc), language=None, wrap_lines=True)
        st.info(t("data_error_fix", view.lang))
        st.stop()
    sidebar(view)
    view = st.session_state.view
    st.markdown(f"## {t('title', view.lang)}")
    for notice in st.session_state.notices:
        st.warning(t("bad_url", view.lang, field=notice.field, value=notice.shown))

    if view.compare is None:
        map_col, panel_col = st.columns([3, 2], gap="medium")
        with map_col:
            chosen = map_widget("map", st.session_state.command_year, None, view)
    else:
        left, right = st.columns(2, gap="small")
        with left:
            chosen = map_widget("map", st.session_state.command_year, view.compare, view)
        with right:
            other = map_widget("map_b", view.compare, view.year, view)
        summary_slot = st.empty()
        panel_col = st.container()
        if other is not None and other not in (view.compare, view.year):
            set_view(compare=other)
    if chosen is not None and chosen != view.year:
        set_view(year=chosen)
    view = st.session_state.view
    if view.compare is not None:
        summary_slot.caption(compare_summary(view))
    with panel_col:
        show_panel(view)
    export_buttons(view)
    if st.query_params.to_dict() != view.to_query():
        st.query_params.from_dict(view.to_query())


main()
