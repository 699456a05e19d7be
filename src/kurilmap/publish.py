"""What a publisher needs beside a map: the credit line, the licensor and the alt text of a view.

Every renderer that writes a picture or a page (the exporters, the app, the static atlas) takes
these from here, so the credit and the description are the same wherever the map goes. The alt
text is made from the scene (:mod:`kurilmap.scene`): which land is held by whom, which islands
are disputed, the border lines in force and what changed hands, in the view's language.
"""

from __future__ import annotations

import sys

from kurilmap.geometry import Atlas
from kurilmap.i18n import t
from kurilmap.scene import Scene, change_parts, places

#: Regions of the map that are named as a whole in alt text (other zones list their named islands).
REGION_KEYS = ("honshu", "hokkaido", "sakhalin-south", "sakhalin-north", "sakhalin", "kuril-north", "kamchatka")


def licensor(atlas: Atlas) -> str:
    """Who licenses the map and the project's data (``contributors`` in ``geodata/datapackage.json``).

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> licensor(load_atlas())
    'kurilmap contributors'
    """
    return ", ".join(c["title"] for c in atlas.package["contributors"])


def credit_line(atlas: Atlas, lang: str = "en") -> str:
    """The short credit to print beside the map, in ``lang``.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> credit_line(load_atlas())
    'Map: kurilmap contributors, CC BY 4.0; shorelines GSHHG, LGPL-3.0'
    """
    return t("credit_line", lang, licensor=licensor(atlas))


def _sentence(text: str, lang: str) -> str:
    text = text.strip()
    if text.endswith((".", "。", "!", "?")):
        return text
    return text + ("。" if lang == "ja" else ".")


def _regions(atlas: Atlas, unit_ids, labels: dict, lang: str) -> list[str]:
    """The regions of the map the units make up, as the view writes them (islands by their name on the map)."""
    units = {u["id"]: u for u in atlas.display_units()}
    place_of = {}
    for p in places(atlas):
        if p.kind == "island":
            for island in {u["island"] for u in units.values() if u["island"] == p.id}:
                place_of[island] = p.id
    for props in atlas.disputed.properties:  # the Habomai islets are one named group
        for island in props["islands"]:
            place_of[island] = props["id"]
    out: list[str] = []
    for uid in unit_ids:
        unit = units[uid]
        if unit["zone"] in REGION_KEYS:
            text = t(f"alt_region_{unit['zone']}", lang)
        elif place_of.get(unit["island"]) in labels:
            text = labels[place_of[unit["island"]]]
        else:
            continue  # an unnamed islet: its region or group is named by its larger neighbours
        if text not in out:
            out.append(text)
    return out


def _map_text(atlas: Atlas, ms, lang: str) -> list[str]:
    sentences = [t("alt_intro", lang, heading=ms.heading)]
    texts = {e.key: e.text for e in ms.legend if e.kind == "look"}
    by_look: dict[str, list[str]] = {}
    for uid, look in ms.looks.items():
        by_look.setdefault(look, []).append(uid)
    sep = "、" if lang == "ja" else ", "
    for look, text in texts.items():
        regions = _regions(atlas, by_look.get(look, []), ms.labels, lang)
        if not regions:
            continue
        if ":" in text or "：" in text:  # a note such as "Disputed: administered by …": the places in brackets
            sentences.append(f"{text}（{sep.join(regions)}）" if lang == "ja" else f"{text} ({sep.join(regions)})")
        else:
            sentences.append(f"{text}{'：' if lang == 'ja' else ': '}{sep.join(regions)}")
    if ms.lines:
        lines = ("、" if lang == "ja" else "; ").join(ms.line_labels[lid] for lid in ms.lines)
        sentences.append(t("alt_lines", lang, lines=lines))
    return sentences


def alt_text(atlas: Atlas, scene: Scene) -> str:
    """A short description of what the map of ``scene`` shows, in the scene's language, for alt text.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> from kurilmap.scene import build_scene
    >>> from kurilmap.view import View
    >>> text = alt_text(load_atlas(), build_scene(load_atlas(), View(1905, names="ja")))
    >>> "Empire of Japan: Hokkaido, South Sakhalin" in text, "Russian Empire: North Sakhalin" in text
    (True, True)
    """
    lang = scene.view.lang
    sentences: list[str] = []
    if len(scene.maps) == 1:
        ms = scene.maps[0]
        sentences += _map_text(atlas, ms, lang)
        period = atlas.history.period_for(ms.year)
        first = atlas.history.periods[0]
        if ms.day is None and period.id != first.id:  # what changed hands when this border came
            parts = change_parts(atlas, period.start - 1, period.start, lang)  # the states of that year
            if parts:
                sentences.append(t("alt_changed", lang, year=period.start, parts="; ".join(parts)))
    else:
        for side, ms in zip(("alt_left", "alt_right"), scene.maps):
            sentences.append(t(side, lang))
            sentences += _map_text(atlas, ms, lang)
        sentences.append(scene.caption)
    joiner = "" if lang == "ja" else " "
    return joiner.join(_sentence(s, lang) for s in sentences if s)


def view_alt_text(atlas: Atlas, year: int, names: str, lang: str, compare=None, day=None) -> str:
    """:func:`alt_text` of the view of a year (or day), compared or not, as the exporters are called.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> "South Sakhalin" in view_alt_text(load_atlas(), 1905, "both", "en")
    True
    """
    from kurilmap.scene import build_scene
    from kurilmap.view import compared_view

    return alt_text(atlas, build_scene(atlas, compared_view(year, names, lang, compare, day)))


def picture_metadata(atlas: Atlas, fmt: str, title: str, alt: str, caption: str, lang: str, software: str) -> dict:
    """The metadata of a picture file: its title, alt text, caption, author and credit, under each format's keys.

    PNG: text chunks (``Description`` is the alt text); SVG and PDF: matplotlib's ``metadata`` (the SVG's
    ``<title>`` and ``<desc>`` are added by :func:`svg_with_title`; a PDF's ``Subject`` is the alt text).
    ``software`` names the program and version that wrote the file.
    """
    credit, author = credit_line(atlas, lang), licensor(atlas)
    if fmt == "png":
        return {"Title": title, "Description": alt, "Comment": caption, "Author": author, "Copyright": credit,
                "Software": software}  # fmt: skip
    if fmt == "svg":
        return {"Title": title, "Description": alt, "Creator": software, "Rights": credit, "Publisher": author,
                "Date": None}  # fmt: skip
    return {"Title": title, "Subject": alt, "Author": author, "Keywords": f"{credit}. {caption}", "Creator": software,
            "CreationDate": None}  # fmt: skip


def svg_with_title(svg: bytes, title: str, alt: str) -> bytes:
    """The SVG with ``<title>`` and ``<desc>`` as the first children of its root, named by ``aria-labelledby``.

    Examples
    --------
    >>> svg_with_title(b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', "T", "a < b")
    b'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="km-title km-desc"><title id="km-title">T</title><desc id="km-desc">a &lt; b</desc><g/></svg>'
    """
    from html import escape

    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start)
    head = text[start:end].rstrip("/")
    tail = text[end:]
    added = (
        f' role="img" aria-labelledby="km-title km-desc">'
        f'<title id="km-title">{escape(title, quote=False)}</title><desc id="km-desc">{escape(alt, quote=False)}</desc>'
    )
    return (text[:start] + head + added + tail[1:]).encode("utf-8")


def animation_alt_text(atlas: Atlas, frames: list[tuple[int, str | None]], lang: str) -> str:
    """Alt text of an animation: what it steps through (years, or days of 1945), in ``lang``.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> animation_alt_text(load_atlas(), [(1850, None), (1905, None)], "en")[-21:]
    '2 frames: 1850, 1905.'
    """
    from kurilmap.scene import when_text

    sep = "、" if lang == "ja" else ", "
    return t("alt_animation", lang, count=len(frames), frames=sep.join(when_text(y, d, lang) for y, d in frames))


# ---------------------------------------------------------------------------------------------- share and cite


def data_fingerprint(atlas: Atlas) -> str:
    """Eight hex digits naming the data of ``atlas``: a hash of the layers, the data package and the sources.

    The same data gives the same fingerprint on any machine (file names relative to the data folder).
    """
    import hashlib

    digest = hashlib.blake2b(digest_size=4)
    folder = atlas.directory
    for path in sorted([*folder.glob("*.geojson"), folder / "datapackage.json", *(folder / "sources").glob("*")]):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def permalink(base_url: str, view) -> str:
    """The address that opens ``view`` in the app at ``base_url`` (its query string replaced).

    Examples
    --------
    >>> from kurilmap.view import View
    >>> permalink("https://atlas.example.org/?year=1", View(1905, compare=1875))
    'https://atlas.example.org/?year=1875&names=both&lang=en&compare=1905'
    """
    from urllib.parse import urlencode, urlsplit, urlunsplit

    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(view.to_query()), ""))


#: The query value that opens the app embedded: Streamlit's own embed switch (no toolbar, padding or footer),
#: under which the app draws the map alone (see app.py ``embedded``).
EMBED_PARAM = ("embed", "true")


#: The static atlas's embed switch, in its address's #fragment (see site.js ``renderEmbed``).
SITE_EMBED_PARAM = ("embed", "1")


def embed_code(link: str, title: str, height: int = 560, param: tuple[str, str] = EMBED_PARAM) -> str:
    """The ``<iframe>`` that embeds the view at ``link`` (a permalink): full width, titled, loaded lazily.

    The embed switch ``param`` joins the link's query, or its #fragment where it has one (the static atlas's).

    Examples
    --------
    >>> print(embed_code("https://atlas.example.org/?year=1905&lang=en", 'Kuril Islands & "Sakhalin"'))
    <iframe src="https://atlas.example.org/?year=1905&amp;lang=en&amp;embed=true" title="Kuril Islands &amp; &quot;Sakhalin&quot;" width="100%" height="560" style="border:0;max-width:100%" loading="lazy" allow="fullscreen"></iframe>
    >>> embed_code("https://school.example.org/atlas/index.html#year=1945", "T", param=SITE_EMBED_PARAM)[:79]
    '<iframe src="https://school.example.org/atlas/index.html#year=1945&amp;embed=1"'
    """
    from html import escape

    src = f"{link}{'&' if '?' in link or '#' in link else '?'}{param[0]}={param[1]}"
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{height}"'
        ' style="border:0;max-width:100%" loading="lazy" allow="fullscreen"></iframe>'
    )


def citation(atlas: Atlas, view, url: str, accessed) -> dict:
    """What a citation of ``view`` holds: author, title, version (package + data fingerprint), view, URL, access date.

    Examples
    --------
    >>> import datetime
    >>> from kurilmap.geometry import load_atlas
    >>> from kurilmap.view import View
    >>> c = citation(load_atlas(), View(1905), "https://atlas.example.org/?year=1905", datetime.date(2026, 12, 4))
    >>> c["author"], c["title"], c["view"]
    ('kurilmap contributors', 'Kuril Islands and Sakhalin in 1905', 'year=1905&names=both&lang=en')
    """
    from urllib.parse import urlencode

    from kurilmap.scene import build_scene

    __version__ = sys.modules["kurilmap"].__version__  # the package is imported before its modules (no import cycle)

    return {
        "author": licensor(atlas),
        "title": build_scene(atlas, view).title,
        "version": f"{__version__}+data.{data_fingerprint(atlas)}",
        "view": urlencode(view.to_query()),
        "url": url,
        "accessed": accessed,
        "id": f"kurilmap-{view.when}" + (f"-{view.compare}" if view.compare is not None else "") + f"-{view.lang}",
    }


def _long_date(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def cite_apa(c: dict) -> str:
    """APA 7 reference of a citation (:func:`citation`): a map with no date, retrieved on the access date."""
    return (
        f"{c['author']}. (n.d.). {c['title']} [Interactive map; view {c['view']}] (Version {c['version']}). "
        f"Retrieved {_long_date(c['accessed'])}, from {c['url']}"
    )


def cite_chicago(c: dict) -> str:
    """Chicago (notes and bibliography) entry of a citation (:func:`citation`)."""
    return (
        f"{c['author']}. “{c['title']}.” Interactive map, view {c['view']}, version {c['version']}. "
        f"Accessed {_long_date(c['accessed'])}. {c['url']}."
    )


#: The characters a BibTeX field's text escapes with a backslash.
BIBTEX_SPECIAL = "{}%&$#_"


def bibtex_escape(text: str) -> str:
    r"""``text`` as a BibTeX field holds it: each of :data:`BIBTEX_SPECIAL` after a backslash.

    Examples
    --------
    >>> print(bibtex_escape("year=1905&names=both"))
    year=1905\&names=both
    """
    return "".join("\\" + ch if ch in BIBTEX_SPECIAL else ch for ch in text)


def bibtex(c: dict) -> str:
    """A BibTeX ``@misc`` entry of a citation (:func:`citation`)."""
    esc = bibtex_escape
    fields = [
        ("author", "{" + esc(c["author"]) + "}"),
        ("title", esc(c["title"])),
        ("howpublished", "Interactive map"),
        ("version", esc(c["version"])),
        ("note", "View: " + esc(c["view"])),
        ("url", c["url"]),
        ("urldate", c["accessed"].isoformat()),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{c['id']},\n{body}\n}}\n"


def csl_json(c: dict) -> str:
    """A CSL-JSON item (a list of one) of a citation (:func:`citation`), for Zotero and citeproc."""
    import json

    item = {
        "id": c["id"],
        "type": "map",
        "title": c["title"],
        "author": [{"literal": c["author"]}],
        "medium": "Interactive map",
        "version": c["version"],
        "note": f"View: {c['view']}",
        "URL": c["url"],
        "accessed": {"date-parts": [[c["accessed"].year, c["accessed"].month, c["accessed"].day]]},
    }
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


def qr_code(url: str, fmt: str) -> bytes:
    """A QR code of ``url`` as the bytes of an SVG or PNG file (``fmt``), black on white with its quiet zone."""
    import io

    import segno

    buf = io.BytesIO()
    qr = segno.make(url, error="m")
    if fmt == "svg":
        qr.save(buf, kind="svg", scale=4, border=4, title=url)
    else:
        qr.save(buf, kind="png", scale=8, border=4)
    return buf.getvalue()
