"""Streamlit app: the year slider over the folium map, the period panel and exports.

Only wiring lives here. The view (year, compare, names, language) is one object in the session;
every control proposes a change to it through :func:`propose`, and the maps, sidebar, panel,
caption and URL are all drawn from it on every run, through the scene of the view.
"""

from __future__ import annotations

import contextlib
import datetime
import html
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import streamlit as st

from kurilmap import export, served
from kurilmap.compare import side_text
from kurilmap.data import DataError, geodata_dir
from kurilmap.i18n import LANGS, NAME_STYLES, date_text, preferred_lang, t
from kurilmap.panel import md_escape as md
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.positions import SHOWS
from kurilmap.publish import (
    EMBED_PARAM,
    bibtex,
    citation,
    cite_apa,
    cite_chicago,
    credit_line,
    csl_json,
    embed_code,
    licensor,
    permalink,
    qr_code,
)
from kurilmap.scene import build_scene
from kurilmap.tours import comparisons, open_step, parse_link, step_panel, tour_menu, tours
from kurilmap.view import View

#: The tallest a map may be; the host fits it to the window below that, so its year slider is never below the fold.
MAP_HEIGHT = 900
#: Streamlit serves ./static/ at app/static/ (server.enableStaticServing): the map page lives there.
STATIC_DIR = Path(__file__).resolve().parent / "static" / "kurilmap"
STATIC_URL = "app/static/kurilmap/"
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
#: The animated GIF's time a frame, in ms: the default, and the paces of ▶ (2, 5, 10 s a step).
GIF_PACES = (1200, 2000, 5000, 10000)
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


#: Each element loads its script as a static module (see kurilmap.pagefiles.module_loader): a run sends 150 bytes, not 5–9 KB.
_map_component = st.components.v2.component("kurilmap_map", js=served.script(STATIC_DIR, STATIC_URL, "host.js"))
_tour_component = st.components.v2.component("kurilmap_tour", js=served.script(STATIC_DIR, STATIC_URL, "tour.js"))
_relay_component = st.components.v2.component("kurilmap_relay", js=served.script(STATIC_DIR, STATIC_URL, "relay.js"))
_chronology_component = st.components.v2.component(
    "kurilmap_chronology", js=served.script(STATIC_DIR, STATIC_URL, "chronology.js", "chronology_host.js")
)


def atlas():
    """The validated layers of the data folder, loaded once per process (see kurilmap.served)."""
    return served.atlas(str(geodata_dir()))


def map_src() -> str:
    """Address of the map page for this data version (a static file, the same for every session)."""
    return STATIC_URL + served.map_page(str(geodata_dir()), STATIC_DIR)


# ---------------------------------------------------------------------------------------------- the view


def link_params() -> dict:
    """The address's values; without a ``lang``, the language the browser asks for (``Accept-Language``)."""
    params = st.query_params.to_dict()
    if "lang" not in params:
        params["lang"] = preferred_lang(st.context.headers.get("Accept-Language"))
    return params


def embedded() -> bool:
    """``?embed=true``: the map alone, for an ``<iframe>`` in another page (see :func:`embed_page`).

    ``embed`` is Streamlit's own switch (no toolbar, padding or footer), which ``st.query_params`` keeps
    to itself, so it is read from the session's raw address values, once per session.
    """
    if "embed" not in st.session_state:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        try:
            with get_session_state().query_params() as params:
                raw = params._query_params.get(EMBED_PARAM[0], "")
        except Exception:  # a Streamlit that keeps these elsewhere: the full page, never a traceback
            raw = ""
        raw = raw[-1] if isinstance(raw, list) and raw else raw
        st.session_state.embed = str(raw).lower() == EMBED_PARAM[1]
    return st.session_state.embed


def current_view() -> View:
    """The session's view; on a session's first run it comes from the URL (with notices for bad values)."""
    if "view" not in st.session_state:
        view, notices = parse_link(link_params())
        st.session_state.view = view
        st.session_state.notices = notices
        st.session_state.acks = {}
    return st.session_state.view


def propose(**changes) -> None:
    """The one way the view changes: every control calls this (a tour's step: :func:`propose_step`)."""
    before = current_view()
    _set_view(before, before.propose(**changes))


def propose_step(tour: str, step) -> None:
    """Open a step of a guided tour (the card's buttons and keys, the Tours menu, back/forward)."""
    before = current_view()
    _set_view(before, open_step(before, tour, step) or before)


def _set_view(before: View, after: View) -> None:
    if after != before:
        st.session_state.view = after
        st.session_state.notices = []


def take_map_events() -> None:
    """What the maps reported since the last run: a year picked on a map, browser back/forward.

    Read at the start of every run (not in callbacks): after a server restart the first run of
    the new session carries the map's last pick, and no callback fires for it.
    """
    current_view()
    relayed = (st.session_state.get("relay") or {}).get("sent") or {}
    for key, field in (("map", "year"), ("map_b", "compare")):
        events = dict(st.session_state.get(key) or {})
        if relayed.get("map") == key:  # re-sent through the relay (relay.js): the newer of the two counts
            for name, stamp in (("proposal", "seq"), ("nav", "at")):
                if (relayed.get(name) or {}).get(stamp, 0) > (events.get(name) or {}).get(stamp, 0):
                    events[name] = relayed[name]
        proposal = events.get("proposal") or {}
        if proposal.get("seq", 0) != st.session_state.acks.get(key, 0):
            st.session_state.acks[key] = proposal.get("seq", 0)
            if proposal.get("day"):  # a day of 1945 on either map
                propose(**({"day": proposal["day"]} if key == "map" else {"compare": proposal["day"]}))
            else:
                propose(**{field: proposal.get("year")})
        nav = events.get("nav") if key == "map" else None
        if isinstance(nav, dict) and nav.get("at") != st.session_state.acks.get("nav"):
            st.session_state.acks["nav"] = nav.get("at")
            params = {k: v[0] for k, v in parse_qs(str(nav.get("search", "")).lstrip("?")[:1000]).items()}
            view, _ = parse_link(params)
            propose(
                year=view.year, names=view.names, lang=view.lang, compare=view.compare_when, day=view.day,
                position=view.position, compare_position=view.compare_position,
            )  # fmt: skip
            if view.tour:
                propose_step(view.tour, view.step)


def take_tour_events() -> None:
    """A step asked for on the tour's card (its buttons, the keys, the presentation's timer)."""
    move = (st.session_state.get("tour_card") or {}).get("move") or {}
    if move.get("seq", 0) != st.session_state.acks.get("tour", 0):
        st.session_state.acks["tour"] = move.get("seq", 0)
        view = current_view()
        if move.get("leave"):
            propose(tour="")
        elif view.tour:
            propose_step(view.tour, move.get("step"))


def take_chronology_events() -> None:
    """An event picked in the chronology: the view moves to the map of its date (its year, or its day of 1945)."""
    pick = (st.session_state.get("chronology") or {}).get("pick") or {}
    if pick.get("seq", 0) != st.session_state.acks.get("chronology", 0):
        st.session_state.acks["chronology"] = pick.get("seq", 0)
        if pick.get("day"):
            propose(day=pick["day"])
        elif pick.get("year"):
            propose(year=pick["year"])


def chronology_section(view: View) -> None:
    """Every event in one list under the map; a picked event moves the map, and both files download it."""
    lang = view.lang
    name, csv_bytes, json_bytes = served.chronology_files(str(geodata_dir()), STATIC_DIR, lang)
    src = STATIC_URL + name

    # Handed over when clicked (deferred), not registered as files on every run: that took a run 3–4 %.
    def csv_file():
        return csv_bytes

    def json_file():
        return json_bytes

    with st.expander(t("chronology", lang)):
        _chronology_component(key="chronology", data={"src": src, "names": view.names}, height="content")
        left, right = st.columns(2)
        stem = f"kuril-chronology-{lang}"
        left.download_button(
            f"⬇ {t('chronology_csv', lang)}", csv_file, f"{stem}.csv", "text/csv", on_click="ignore", key="chrono_csv"
        )
        right.download_button(
            f"⬇ {t('chronology_json', lang)}",
            json_file,
            f"{stem}.json",
            "application/json",
            on_click="ignore",
            key="chrono_json",
        )


def tour_card(view: View) -> None:
    """The step's text beside the map (under it on a phone), with previous/next and presentation mode."""
    step, lang = step_panel(view), view.lang
    if step is None:
        return
    labels = {key: t(f"tour_{key}", lang) for key in ("prev", "next", "leave", "present", "exit", "pace", "paused")}
    labels.update(keys=t("tour_keys", lang), sources=t("tour_sources", lang), off=t("tour_pace_off", lang))
    labels.update(
        seconds=t("tour_seconds", lang, n="{n}"), step=t("tour_step", lang, n=step["number"], count=step["count"])
    )
    data = {
        "tour": step["tour"],
        "number": step["number"],
        "count": step["count"],
        "tourTitle": step["tour_title"],
        "title": step["title"],
        "text": step["text"],
        "sources": step["sources"],
        "labels": labels,
        "lang": lang,
    }
    _tour_component(key="tour_card", data=data, height="content")


def _tour_from_widget() -> None:
    if st.session_state.tour_select:
        propose_step(st.session_state.tour_select, 1)
    else:
        propose(tour="")


def _from_widget(field: str, key: str) -> None:
    propose(**{field: st.session_state[key]})


#: On a session's first run, the script waits this long after the map element before it writes the rest.
FIRST_MAP_ALONE_S = 0.35


def first_map_alone() -> None:
    """Let the browser lay out the map alone on a reader's first view, before the panel and sidebar come.

    Sent together, the browser lays out the whole page first and starts the map page's frame only after it
    (the first land came 0.9 s after the rest of the page here); with the map sent alone, the map page loads
    while the script waits, and the rest follows. A wait, not work: it costs no CPU, and only the first run
    of a session waits (python -m benchmarks.reader measures it).
    """
    if not st.session_state.get("first_map_shown"):
        st.session_state.first_map_shown = True
        time.sleep(FIRST_MAP_ALONE_S)


def map_widget(key: str, year: int, compare: int | None, view: View) -> None:
    """One map element; the browser keeps its page and only takes the new view (and what the map shows)."""
    _map_component(
        key=key,
        data={
            "src": map_src(),
            "view": {
                "year": year,
                "names": view.names,
                "lang": view.lang,
                "compare": compare,
                "day": view.day if key == "map" else view.compare_day,
                "compareDay": view.compare_day if key == "map" else view.day,
                "position": view.position if key == "map" else view.compare_position,
            },
            "ack": st.session_state.acks.get(key, 0),
            "navAck": st.session_state.acks.get("nav"),
            "query": "?" + urlencode(view.to_query()),
            "primary": key == "map",
            "title": t("map_label", view.lang),
            "lang": view.lang,
            "skip": t("skip_to_slider", view.lang),
            "skipMain": t("skip_to_main", view.lang),
            "height": MAP_HEIGHT,
            **({"embed": True} if embedded() else {}),
            **(
                {"which": t("compare_which", view.lang), "sides": [side_text(s, view.lang) for s in view.sides]}
                if view.compare is not None
                else {}
            ),  # a phone's switch
        },
        height="content",
    )


def _seconds(ms: int, lang: str) -> str:
    """1200 → "1.2" ("1,2" in Russian)."""
    text = f"{ms / 1000:g}"
    return text.replace(".", ",") if lang == "ru" else text


def export_buttons(view: View) -> None:
    """A button per format makes the file for the current view; a download button then saves it.

    The bytes of the last file made are kept in the session (never a file another session could
    clean up), and its download button stays, named after its view, until another file is made:
    a click while ▶ play moves the year still ends in a download, never in nothing.
    """
    lang = view.lang
    with st.sidebar:
        st.subheader(t("export", lang))
        # set again on every run, so a language switch also renames the chosen size in the box
        st.session_state.export_size = st.session_state.get("export_size", next(iter(IMAGE_SIZES)))
        size_key = st.selectbox(
            t("image_size", lang), list(IMAGE_SIZES), format_func=lambda k: t(k, lang), key="export_size"
        )
        map_only = st.checkbox(t("map_only", lang), key="export_map_only")
        if map_only:  # what it leaves out, said when it is chosen (its label names it; every run's bytes count)
            st.caption(t("map_only_help", lang))
        frame_ms = st.selectbox(  # the pace of the animated GIF, as the ▶ pace of the map (issue 24)
            t("gif_pace", lang), GIF_PACES, format_func=lambda ms: t("speed_seconds", lang, n=_seconds(ms, lang)),
            key="export_gif_pace",
        )  # fmt: skip
        st.caption(t("export_help", lang))
        one_year = View(view.year, view.names, view.lang, compare=view.compare)  # a layer file holds whole years
        days = atlas().campaign
        gif = f"kuril-border-{days.first}-to-{days.last[5:]}" if view.day else f"kuril-border-{FIRST_YEAR}-today"
        gif += ("" if frame_ms == GIF_PACES[0] else f"-{frame_ms // 1000}s") + f"-{lang}.gif"
        for fmt in export.FORMATS:
            named = one_year if fmt in ("geojson", "gpkg") else view
            name = gif if fmt == "gif" else named.file_name(export.EXTENSIONS[fmt][0])
            bare = map_only and fmt in export.MAP_ONLY_FORMATS
            if bare:  # kuril-border-1905-en-map-only.png
                name = name.removesuffix(export.EXTENSIONS[fmt][0]) + "-map-only" + export.EXTENSIONS[fmt][0]
            wanted = (view, size_key, fmt, bare, frame_ms if fmt == "gif" else None)
            label = t("export_fmt_gif_days" if fmt == "gif" and view.day else f"export_fmt_{fmt}", lang)
            if st.button(label, key=f"make_{fmt}", width="stretch"):
                with st.spinner(t("making", lang, name=name)):
                    try:
                        data = served.export_bytes(
                            str(geodata_dir()), fmt, view.year, view.names, lang, IMAGE_SIZES[size_key], view.compare,
                            view.day, (view.position, view.compare_position), bare, frame_ms,
                        )  # fmt: skip
                    except Exception as exc:  # shown to the user; the app stays usable
                        st.error(t("export_failed", lang, reason=str(exc)[:300]))
                        continue
                # the alt text of the file made (the view may move on while its download stays), made once
                st.session_state.made = (wanted, name, data, export.alt_text(atlas(), view, fmt))
            made = st.session_state.get("made")
            if made and made[0][2] == fmt:
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
                if made[3]:  # beside the picture, ready to copy (st.code has a copy button)
                    st.caption(t("alt_copy", lang))
                    st.code(made[3], language=None, wrap_lines=True)
        st.caption(t("credit_copy", lang))
        st.code(credit_line(atlas(), lang), language=None, wrap_lines=True)


TOUR_FILES = {
    "pptx": (".pptx", MIME_PPTX),
    "booklet": (".pdf", "application/pdf"),
    "lesson": (".zip", "application/zip"),
}


def tour_exports(view: View) -> None:
    """On a tour: its deck, booklet and lesson pack, on the paper chosen here (the command line's papers)."""
    if view.tour is None:
        return
    lang = view.lang
    with st.sidebar:
        st.subheader(t("export_tour", lang))
        paper = st.selectbox(t("paper", lang), list(export.PAPERS), index=1, key="tour_paper")
        for kind, (suffix, mime) in TOUR_FILES.items():
            name = f"tour-{view.tour}-{lang}{suffix}"
            if st.button(t(f"export_fmt_{kind}", lang), key=f"make_tour_{kind}", width="stretch"):
                with st.spinner(t("making", lang, name=name)):
                    try:
                        data = served.tour_bytes(str(geodata_dir()), kind, view.tour, lang, view.names, paper)
                    except Exception as exc:  # shown to the user; the app stays usable
                        st.error(t("export_failed", lang, reason=str(exc)[:300]))
                        continue
                st.session_state.made_tour = (kind, name, data)
            made = st.session_state.get("made_tour")
            if made and made[0] == kind:
                st.download_button(
                    f"⬇ {made[1]} ({max(1, len(made[2]) // 1024):,} KB)", data=made[2], file_name=made[1], mime=mime,
                    key=f"save_tour_{kind}", on_click="ignore", type="primary", width="stretch",
                )  # fmt: skip


def show_panel(view: View) -> None:
    """The period panel, as blocks written once per view for every reader (kurilmap.panel_blocks).

    Each block is one element, so a block that is the same as in the last run costs the
    browser a reference instead of the text again (Streamlit's message cache).
    """
    lang, day = view.lang, view.day
    where = str(geodata_dir())
    for kind, text, *more in served.blocks(
        where, view.year, view.names, lang, day, view.position, view.compare, view.compare_position
    ):
        if kind == "expander":
            with st.expander(text):
                st.markdown(more[0])
        else:
            {"subheader": st.subheader, "warning": st.warning, "info": st.info, "markdown": st.markdown,
             "caption": st.caption}[kind](text)  # fmt: skip
    timeline = served.timeline(where, view.year, view.names, lang, day)
    if timeline:  # 1850: no event before the first treaty, so no heading over nothing
        st.markdown(timeline)


def sidebar(view: View, place) -> None:
    """The sidebar's widgets show the view, in ``place`` (the top of the sidebar); a change proposes a new view
    (no widget keeps its own value)."""
    lang, ss = view.lang, st.session_state
    ss.lang_select, ss.names_radio, ss.compare_toggle = view.lang, view.names, view.compare is not None
    ss.show_radio, ss.compare_show_radio = view.position, view.compare_position
    if view.compare is not None:
        ss.compare_input = view.compare
    ss.tour_select = view.tour or ""
    with place:
        st.selectbox(
            t("language", lang),
            LANGS,
            format_func=LANG_NAMES.get,
            key="lang_select",
            on_change=_from_widget,
            args=("lang", "lang_select"),
        )
        st.radio(
            t("names", lang),
            NAME_STYLES,
            format_func=lambda s: t(f"names_{s}", lang),
            key="names_radio",
            on_change=_from_widget,
            args=("names", "names_radio"),
        )
        show_switch("position", "show_radio", t("show", lang), lang)
        menu = dict([("", t("tour_none", lang)), *tour_menu(lang)])
        st.selectbox(t("tours", lang), list(menu), format_func=menu.get, key="tour_select", on_change=_tour_from_widget)
        st.toggle(t("compare", lang), key="compare_toggle", on_change=_from_widget, args=("compare", "compare_toggle"))
        if view.compare is not None:
            st.number_input(
                t("compare_year", lang),
                FIRST_YEAR,
                last_year(),
                step=1,
                key="compare_input",
                on_change=_from_widget,
                args=("compare", "compare_input"),
            )
            days = atlas().campaign
            st.caption(t("compare_day_help", lang, first=date_text(days.first, lang), last=date_text(days.last, lang)))
            show_switch("compare_position", "compare_show_radio", t("compare_show", lang), lang)
        st.markdown(f"**{t('comparisons', lang)}**")
        for pair in comparisons():  # the before/after pairs readers ask for, each one click
            st.button(
                pair.title[lang], key=f"pair_{pair.id}", on_click=propose, kwargs=pair.view, width="stretch",
                type="primary" if (view.year, view.day, view.compare) == (pair.year, pair.day, pair.compare) else "secondary",
            )  # fmt: skip


def show_switch(field: str, key: str, label: str, lang: str) -> None:
    """What a map shows: who administered the land (the default) or one government's position."""
    st.radio(
        label, SHOWS, format_func=lambda s: t(f"show_{s}", lang), key=key, on_change=_from_widget, args=(field, key)
    )


def _flip_share() -> None:
    st.session_state.share_open = not st.session_state.get("share_open", False)


def share_panel(view: View) -> None:
    """Share and cite: the permalink of the view, its QR code and its citation (APA, Chicago, BibTeX, CSL-JSON)."""
    lang = view.lang
    with st.sidebar:
        # made only when opened: the citations and QR code are not rebuilt and sent on every year change
        st.button(t("share", lang), key="share_button", on_click=_flip_share, width="stretch")
        if not st.session_state.get("share_open"):
            return
        link = permalink(st.context.url or "http://localhost:8501/", view)
        cite = citation(atlas(), view, link, datetime.date.today())
        st.caption(t("permalink", lang))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("embed_code", lang))
        st.code(embed_code(link, cite["title"]), language="html", wrap_lines=True)
        left, right = st.columns(2)
        stem = f"{cite['id']}-qr"
        left.download_button("QR SVG", qr_code(link, "svg"), f"{stem}.svg", "image/svg+xml", on_click="ignore")
        right.download_button("QR PNG", qr_code(link, "png"), f"{stem}.png", "image/png", on_click="ignore")
        st.caption(t("cite_apa", lang))
        st.code(cite_apa(cite), language=None, wrap_lines=True)
        st.caption(t("cite_chicago", lang))
        st.code(cite_chicago(cite), language=None, wrap_lines=True)
        left, right = st.columns(2)
        left.download_button("BibTeX", bibtex(cite), f"{cite['id']}.bib", "application/x-bibtex", on_click="ignore")
        right.download_button(
            "CSL-JSON",
            csl_json(cite),
            f"{cite['id']}.json",
            "application/vnd.citationstyles.csl+json",
            on_click="ignore",
        )


def sources(lang: str) -> None:
    with st.sidebar:
        st.divider()
        st.caption(t("sources", lang))
        st.caption(t("sources_text", lang))
        st.caption(t("licences_text", lang, credit=credit_line(atlas(), lang), licensor=licensor(atlas())))


def data_error_page(exc: DataError) -> None:
    """What is wrong with the data, laid out in the user's language; no map, no traceback."""
    lang = st.query_params.get("lang")
    lang = lang if lang in LANGS else getattr(st.session_state.get("view"), "lang", "en")
    st.error(t("data_error", lang))
    shown = exc.file
    if shown and Path(shown).is_absolute():
        with contextlib.suppress(ValueError):  # a file outside the data folder keeps its full path
            shown = f"geodata/{Path(shown).relative_to(geodata_dir())}"
    rows = [("data_error_file", shown), ("data_error_where", exc.where), ("data_error_problem", exc.problem)]
    rows += [("data_error_expected", exc.expected), ("data_error_todo", exc.fix)]
    st.code("\n".join(f"{t(key, lang)}: {value}" for key, value in rows if value), language=None, wrap_lines=True)
    st.info(t("data_error_fix", lang))


def show_notices(view: View) -> None:
    """What the address asked for that could not be shown, and what shows instead (full page and embed)."""
    for notice in st.session_state.notices:
        shown = (
            t(f"show_{notice.shown}", view.lang) if notice.field in ("position", "compare_position") else notice.shown
        )
        st.warning(t("bad_url", view.lang, field=notice.field, value=shown))


def embed_page(view: View) -> None:
    """The embedded app: a line naming the view with the credit and a link to the full atlas, then the map(s).

    No sidebar, panel or exports; the maps keep their sliders, ticks, day slider and legend.
    """
    scene = build_scene(atlas(), view)
    show_notices(view)  # a wrong value in the embed's address is said here too
    full = html.escape(permalink(st.context.url or "http://localhost:8501/", view))
    st.markdown(
        f'<p class="km-embed-line"><span>{html.escape(scene.title)} · {html.escape(credit_line(atlas(), view.lang))}'
        f'</span> <a href="{full}" target="_blank" rel="noopener">{html.escape(t("open_full_atlas", view.lang))}</a></p>',
        unsafe_allow_html=True,
    )
    if view.compare is None:
        map_widget("map", view.year, None, view)
    else:
        left, right = st.columns([1, 1], gap="small")
        with left:
            map_widget("map", view.year, view.compare, view)
        with right:
            map_widget("map_b", view.compare, view.year, view)
    st.query_params.from_dict(view.to_query())  # Streamlit keeps embed=true in the address


def sidebar_shows(view: View) -> tuple:
    """What the sidebar and the page's heading show of a view (with the share panel open: all of it)."""
    if st.session_state.get("share_open"):
        return (view,)
    pair = next((p.id for p in comparisons() if (view.year, view.day, view.compare) == (p.year, p.day, p.compare)), "")
    return view.lang, view.names, view.position, view.compare, view.compare_position, view.tour, bool(view.day), pair


@st.fragment
def main_area() -> None:
    """The maps, the chronology, the tour's card and the panel: what a pick on a map or in the chronology reruns.

    A year picked on a map reruns this part only (a fragment): the sidebar's 60-odd widgets, the exports and
    the share panel stay as they are, so a pick costs the server a fraction of a whole page and one server
    carries a class (python -m benchmarks.load --sessions 30). A pick that changes what the sidebar shows
    (the compare year, a before/after pair, a tour, a day of 1945, an open share panel) reruns the whole page.
    """
    served.reader_active()
    take_map_events()  # in a whole page's run these were taken already: an event counts once (acks)
    take_tour_events()
    take_chronology_events()
    view = current_view()
    if sidebar_shows(view) != sidebar_shows(st.session_state.get("page_view", view)):
        st.rerun(scope="app")
    scene = build_scene(atlas(), view)
    show_notices(view)
    # The left map keeps its place in both layouts, so switching compare on or off never rebuilds it.
    left, right = st.columns([8, 3] if view.compare is None else [1, 1], gap="small")
    with left:
        map_widget("map", view.year, view.compare, view)
        first_map_alone()
        if view.compare is None:  # under the map, in the room beside the panel
            chronology_section(view)
    if view.compare is None:
        panel_col = right
    else:
        with right:
            map_widget("map_b", view.compare, view.year, view)
        st.caption(f"{md(scene.caption)} {t('end_of_year', view.lang)}")
        if scene.hint:  # nothing changed hands between the two maps: one click to the nearest pair that shows it
            a, b = scene.hint
            days = a[1] is not None or b[1] is not None
            st.button(
                t("compare_pair_days" if days else "compare_pair", view.lang, **{
                    "a": side_text(a, view.lang) if days else a[0], "b": side_text(b, view.lang) if days else b[0]}),
                key="hint_pair",
                on_click=propose,
                kwargs={"year": a[0], "compare": b[1] or b[0], **({"day": a[1]} if a[1] else {})},
            )  # fmt: skip
        chronology_section(view)
        panel_col = st.container()
    with panel_col:
        tour_card(view)
        show_panel(view)
    # Written on every run, not only when it looks different: the address a rerun reports can be
    # older than the last one written (back/forward racing a rerun); the browser skips a no-op.
    st.query_params.from_dict(view.to_query())


def main() -> None:
    served.reader_active()  # the export warm-up waits while readers are active
    lang = link_params()["lang"]
    lang = getattr(st.session_state.get("view"), "lang", lang if lang in LANGS else "en")
    st.set_page_config(page_title=t("short_title", lang), page_icon="🗾", layout="wide")
    try:
        atlas()  # every data file checked before anything is drawn or any URL value is read
        # The first export after a start should not pay for matplotlib and fonts: warm them when readers let it.
        served.warm_exports(str(geodata_dir()), IMAGE_SIZES["size_slide"])
        tours()  # and every tour step checked as a view a link can open
        comparisons()  # and every before/after pair checked to show a change
        current_view()
        take_map_events()
        take_tour_events()
        take_chronology_events()
        view = current_view()
    except DataError as exc:
        data_error_page(exc)
        st.stop()
    if embedded():
        embed_page(view)
        served.freeze_after_first_page()
        return
    # The sidebar's place is made first (the page has its final layout from the start), its widgets are
    # written after the map and the panel: the browser lays those out first.
    sidebar_top = st.sidebar.container()
    st.markdown(f"# {t('short_title', view.lang)}\n\n{t('intro', view.lang)}")
    st.session_state.page_view = view
    main_area()
    _relay_component(key="relay", data={}, height=0)  # outside the fragment: see relay.js
    sidebar(view, sidebar_top)
    export_buttons(view)
    tour_exports(view)
    share_panel(view)
    sources(view.lang)
    served.freeze_after_first_page()


main()
