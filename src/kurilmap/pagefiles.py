"""The map page's files on disk, written once per version of the data and the code.

The app serves the map page as static, content-hashed files (:func:`publish`). Building the page
needs folium and the scene of every phase (about a second); a manifest named after a hash of the
data and of the package's code says which files a version consists of, so a server that starts
on a version it has published before serves the files as they are, without importing folium.
This module is light on purpose: the app imports it on every start.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

FRONTEND_DIR = Path(__file__).resolve().parent / "frontend"
_PACKAGE = Path(__file__).resolve().parent


def host_js(name: str = "host.js") -> str:
    """The map element's script (frontend/host.js; tour.js for a tour's step card) without comments and indentation.

    Streamlit sends an inline component script with every element of every run, so each byte
    here is paid on every view change.
    """
    lines = (line.strip() for line in (FRONTEND_DIR / name).read_text(encoding="utf-8").splitlines())
    return "\n".join(re.sub(r"\s+// .*$", "", line) for line in lines if line and not line.startswith("//"))


def version_key(directory: Path, tiles: bool = True) -> str:
    """A hash of the data folder (see :func:`kurilmap.atlascache.data_key`) and of every file of the package."""
    from importlib.metadata import version

    from kurilmap.atlascache import data_key

    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{data_key(directory)} tiles={tiles} folium={version('folium')}".encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".js", ".css", ".png")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def publish(atlas, folder: Path, *, tiles: bool = True) -> str:
    """Write the map page and its files into ``folder`` (if not there yet); return the page's file name.

    Files are written atomically, so a browser never reads half a file while another process
    publishes the same version.
    """
    folder = Path(folder)
    manifest = folder / f"manifest-{version_key(atlas.directory, tiles)}.json"
    try:
        known = json.loads(manifest.read_text(encoding="utf-8"))
        if all((folder / name).is_file() for name in known["files"]):
            return known["page"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not published yet (or a damaged manifest): build it
    from kurilmap.export.files import write  # atomic; removes temporary files of killed processes
    from kurilmap.mapview import map_page

    page, files = map_page(atlas, tiles)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = folder / name
        if target.exists() and target.stat().st_size == len(data):
            continue
        write(target, data, force=True)
    write(manifest, json.dumps({"page": page, "files": sorted(files)}).encode("utf-8"), force=True)
    return page


def publish_file(folder: Path, stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` into ``folder`` under a content-hashed name (``stem-HASH.suffix``) if not there yet; return it."""
    from kurilmap.export.files import write

    name = f"{stem}-{hashlib.blake2b(data, digest_size=8).hexdigest()}{suffix}"
    target = Path(folder) / name
    if not (target.is_file() and target.stat().st_size == len(data)):
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target, data, force=True)
    return name


def publish_table(folder: Path, stem: str, table) -> str:
    """A JSON table the same for every reader (e.g. a language's chronology) as a static file; its name.

    The browser fetches and caches it, so a change of naming style or language costs an address in
    the session's messages, not the table's size.
    """
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return publish_file(folder, stem, ".json", data)


def module_loader(folder: Path, url: str, *names: str) -> str:
    """An element script that imports the frontend scripts ``names`` (joined, one static module) and runs it.

    Streamlit sends an element's inline script with every run; this loader is about 150 bytes, and
    the browser fetches the module once and keeps it.
    """
    source = "\n".join(host_js(name) for name in names).encode("utf-8")
    name = publish_file(folder, Path(names[-1]).stem, ".js", source)
    # two lines: Streamlit takes a one-line script with a "/" in it for a file's path
    return (
        f'export default async function (c) {{\nconst m = await import(new URL("{url}{name}", document.baseURI).href);'
        " return m.default(c); }"
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m kurilmap.pagefiles FOLDER``: check the data and publish the map page before a server starts."""
    import sys

    from kurilmap.data import DataError
    from kurilmap.geometry import load_atlas

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "static/kurilmap")
    try:
        page = publish(load_atlas(), folder)  # also keeps the validated atlas in its disk cache
    except DataError as exc:
        print(f"kurilmap: data error: {exc}", file=sys.stderr)
        return 1
    print(f"map page ready: {folder / page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
