"""A source as a reader can follow it: each part of a ``source`` text with the address it names.

The tables write a source as text ("worldjpn.grips.ac.jp (treaty text 18550207); en.wikipedia: Treaty
of Shimoda"), parts separated by "; ". A part links to what it names, by one rule: an article of one
Wikipedia to that article (its title is the text up to the first " (" or ","); a web site it names
(``history.state.gov``, ``mofa.go.jp``) to that site; a publisher it names without an address (the
Avalon Project, FRUS, UNTS) to that publisher's site (:data:`PUBLISHERS`). A book or a paper has no
address to give: its part stays a citation without a link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

#: Publishers named without an address, and the site each is read at (checked by hand, 2026-12).
PUBLISHERS = (
    ("Avalon Project", "https://avalon.law.yale.edu/"),
    ("FRUS", "https://history.state.gov/historicaldocuments"),
    ("UNTS", "https://treaties.un.org/"),
    ("National Archives", "https://www.archives.gov/"),
    ("ibiblio hyperwar", "https://www.ibiblio.org/hyperwar/"),
    ("Kotobank", "https://kotobank.jp/"),
    ("MOFA/Russian MFA Joint Compendium", "https://www.mofa.go.jp/"),
    ("Papers Past", "https://paperspast.natlib.govt.nz/"),
    ("Japan Times", "https://www.japantimes.co.jp/"),
    ("BBC News", "https://www.bbc.com/news"),
    ("Wilson Center Digital Archive", "https://digitalarchive.wilsoncenter.org/"),
    ("ECOLEX", "https://www.ecolex.org/"),
    ("Jamestown Foundation", "https://jamestown.org/"),
    ("Nikkei Asian Review", "https://asia.nikkei.com/"),
)
_WIKI = re.compile(r"^([a-z]{2})\.wikipedia: ([^(,;]+)")
_SITE = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:jp|ru|gov|org|edu|com|net|int)(?:/[\w.-]+)*)(?![\w.])")


def source_links(text: str) -> list[dict]:
    """The parts of a source text, each ``{"text": part, "url": address or None}``.

    Examples
    --------
    >>> for part in source_links("worldjpn.grips.ac.jp (treaty text 18550207); en.wikipedia: Treaty of Shimoda"):
    ...     print(part["url"])
    https://worldjpn.grips.ac.jp/
    https://en.wikipedia.org/wiki/Treaty_of_Shimoda
    >>> source_links("Tsuyoshi Hasegawa, Racing the Enemy (Harvard UP, 2005)")[0]["url"] is None
    True
    >>> source_links("Avalon Project, Yale Law School: Potsdam Declaration")[0]["url"]
    'https://avalon.law.yale.edu/'
    """
    return [{"text": part, "url": _address(part)} for part in _parts(text or "")]


def _parts(text: str) -> list[str]:
    """``text`` split at each "; " outside parentheses (a part's note may hold a "; " of its own)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth <= 0 and text.startswith("; ", i):
            parts.append(text[start:i])
            start = i + 2
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _address(part: str) -> str | None:
    wiki = _WIKI.match(part)
    if wiki:
        lang, title = wiki.group(1), wiki.group(2).strip()
        return f"https://{lang}.wikipedia.org/wiki/{quote(title.replace(' ', '_'))}"
    for name, url in PUBLISHERS:
        if name in part:
            return url
    site = next((s for s in _SITE.findall(part) if "wikipedia" not in s), None)
    if site:
        return f"https://{site}" + ("" if "/" in site else "/")
    return None
