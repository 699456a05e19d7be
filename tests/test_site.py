"""The static atlas as files: everything it links lies inside its folder, its text is the app's text,
its downloads are real files, and ``kurilmap site`` guards the folder it writes into."""

from __future__ import annotations

import io
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from kurilmap import cli
from kurilmap.i18n import LANGS, NAME_STYLES
from kurilmap.panel import period_panel
from kurilmap.periods import FIRST_YEAR, last_year
from kurilmap.scene import change_caption
from kurilmap.site import MANIFEST, download_years

MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@pytest.fixture(scope="module")
def site(static_site):
    return static_site


def _script_value(path: Path, name: str):
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{name} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def _asset(site: Path, stem: str) -> Path:
    (found,) = site.glob(f"{stem}-*.js")
    return found


@pytest.fixture(scope="module")
def data(site):
    return _script_value(_asset(site, "atlas"), "kurilmapSite")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src", "srcset", "action") and value]


def _html_links(text: str) -> list[str]:
    parser = _Links()
    parser.feed(text)
    return parser.found


def test_every_link_in_the_site_points_inside_it(site, data):
    pages = {"index.html": (site / "index.html").read_text(encoding="utf-8")}
    pages["map page"] = _script_value(_asset(site, "mappage"), "kurilmapPage")
    links = [(name, link) for name, text in pages.items() for link in _html_links(text)]
    for css in site.glob("*.css"):
        links += [(css.name, u) for u in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))]
    links += [
        ("downloads", f["href"]) for d in data["downloads"] for by_fmt in d["files"].values() for f in by_fmt.values()
    ]
    links = [(where, link) for where, link in links if not link.startswith(("data:", "#"))]  # "#": in-page (VML)
    assert len(links) > 30
    for where, link in links:
        parsed = urlparse(link)
        assert not parsed.scheme and not parsed.netloc and not link.startswith("/"), f"{where}: {link}"
        target = (site / unquote(parsed.path)).resolve()
        assert target.is_relative_to(site.resolve()), f"{where}: {link}"
        # Leaflet's CSS names its default marker image, which the project does not ship: the map has no
        # default markers, so it is never loaded (the browser tests watch every request).
        assert target.is_file() or link == "marker-icon.png", f"{where}: {link}"
    # No tile server, no CDN: no address of the web in a link, a script or a style of the pages.
    for name, text in pages.items():
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), name
        assert "tile.openstreetmap" not in text, name
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def test_data_text_cannot_become_markup(site):
    """The page's data cannot end a script block, and its script writes text only as text."""
    assert "<" not in _asset(site, "atlas").read_text(encoding="utf-8")
    for stem in ("site", "share", "panel"):  # the page's script, its share panel's and its panel blocks'
        script = _asset(site, stem).read_text(encoding="utf-8")
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def _lookup(data: dict, year: int, names: str, lang: str) -> dict:
    """What site.js finds for a view: the record of the year, its blocks by key."""
    table = data["panel"]
    record = table["records"][table["index"][f"{lang}|{names}"][year - data["first"]]]
    return {key: table["blocks"][i] for key, i in zip(table["keys"], record)}


def test_the_panel_of_every_year_is_the_apps(atlas, data):
    for lang in LANGS:
        for names in NAME_STYLES:
            for year in range(FIRST_YEAR, last_year() + 1):
                want, got = period_panel(atlas, year, names, lang), _lookup(data, year, names, lang)
                for key in ("period", "label", "treaty", "occupations", "disputed"):
                    assert got[key] == want[key], (year, names, lang, key)
                events = [{**e, "current": c} for e, c in zip(got["events"], got["current"])]
                # the static page sends each event's source as its links (test_sources: they join to the source)
                assert events == [{k: v for k, v in e.items() if k != "source"} for e in want["events"]], (year, lang)
                for key in ("changes", "areas"):
                    assert [{k: v for k, v in row.items() if k != "area"} for row in got[key]] == want[key]
                    assert [row["area"] for row in got[key]] == [f"{row['area_km2']:,.0f}" for row in want[key]]


def _caption(data: dict, a: int, b: int, lang: str) -> str:
    """The compare caption as site.js composes it: the pair of phases, then the years in their slots."""
    early, late = sorted((a, b))
    starts = data["starts"]
    i = max(k for k, s in enumerate(starts) if s <= early)
    j = max(k for k, s in enumerate(starts) if s <= late)
    at = i * len(starts) - i * (i - 1) // 2 + (j - i)
    text = data["captions"]["texts"][data["captions"]["index"][lang][at]]
    return text.replace("{early}", str(early)).replace("{late}", str(late))


def test_the_compare_caption_of_any_two_years_is_the_apps(atlas, data):
    rng = random.Random(16)
    years = sorted({*data["starts"], *(s - 1 for s in data["starts"][1:]), last_year()})
    pairs = [(a, b) for a in years for b in years] + [
        (rng.randint(FIRST_YEAR, last_year()), rng.randint(FIRST_YEAR, last_year())) for _ in range(200)
    ]
    for lang in LANGS:
        for a, b in pairs:
            assert _caption(data, a, b, lang) == change_caption(atlas, a, b, lang), (a, b, lang)


def test_each_treaty_year_and_today_can_be_downloaded_in_each_language(atlas, site, data):
    years = download_years(atlas)
    assert years[:4] == [1855, 1875, 1905, 1945] and years[-1] == last_year()
    assert [d["year"] for d in data["downloads"]] == years
    for d in data["downloads"]:
        for lang in LANGS:
            for fmt, magic in MAGIC.items():
                entry = d["files"][lang][fmt]
                assert entry["href"] == f"downloads/kuril-border-{d['year']}-{lang}.{fmt}"
                body = (site / entry["href"]).read_bytes()
                assert body.startswith(magic) and entry["kb"] == max(1, round(len(body) / 1024))
    # Without JavaScript the page still lists the English files.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="downloads/kuril-border-{y}-en.pdf"' in index for y in years)


# ---------------------------------------------------------------------------------------------- the command


@pytest.fixture
def quick(monkeypatch):
    """The command without the 30 renders (their bytes are checked above)."""
    monkeypatch.setattr("kurilmap.site.render", lambda atlas, year, fmt, **kw: MAGIC[fmt] + b"test")


def _run(*args) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(["site", *map(str, args)], out=out), out.getvalue()


def test_the_command_writes_a_site_and_says_what_it_wrote(quick, tmp_path):
    code, printed = _run(tmp_path / "new" / "atlas")
    assert code == 0
    assert f"wrote {tmp_path / 'new' / 'atlas' / 'index.html'}" in printed
    assert "python -m http.server" in printed
    assert (tmp_path / "new" / "atlas" / "downloads" / "kuril-border-1905-ja.pdf").read_bytes().startswith(b"%PDF")


def test_a_folder_with_other_files_is_refused_unless_forced(quick, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    code, _ = _run(tmp_path)
    err = capsys.readouterr().err
    assert code == 2 and "not empty" in err and "--force" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert _run(tmp_path, "--force")[0] == 0
    assert (tmp_path / "index.html").exists() and (tmp_path / "notes.txt").read_text() == "mine"


def test_a_file_given_as_the_folder_is_a_usage_error(quick, tmp_path, capsys):
    (tmp_path / "atlas").write_text("x")
    assert _run(tmp_path / "atlas")[0] == 2
    assert "is a file" in capsys.readouterr().err


def test_a_previous_site_is_rewritten_and_its_old_files_removed(quick, tmp_path):
    assert _run(tmp_path)[0] == 0
    old = tmp_path / "site-0000000000000000.js"
    old.write_text("an asset of an older version")
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["files"].append(old.name)
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert _run(tmp_path)[0] == 0  # no --force needed: it is a site
    assert not old.exists() and (tmp_path / "index.html").exists()
