"""The validated atlas kept on disk, keyed by a hash of the data, so a new process skips the checks.

Reading the layers, checking every file against its schema and the tables against each other takes
most of a command's start-up. The result depends only on the bytes of the data folder and on the
code that reads and checks it, so both are hashed into the key: any changed, added or removed data
file (or a new version of the loader) gives a new key, and the data is read and validated again.
A cache file that cannot be read is ignored and replaced; a cache folder that cannot be written to
only costs the time saved. ``KURILMAP_CACHE_DIR`` moves the folder, ``KURILMAP_CACHE_DIR=off`` turns
it off.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

#: The modules whose code decides what a loaded atlas holds and which data is refused.
_LOADER = ("data.py", "validate.py", "crosscheck.py", "geometry.py", "periods.py", "campaign.py", "atlascache.py")
_KEEP = 4  # cache files kept (other data folders, e.g. a test's broken copy, or older versions)
_PREFIX = "atlas-"
_DERIVED = "derived-"  # values worked out from an atlas (see kept()): several per view, so more are kept
_KEEP_DERIVED = 256


def cache_dir() -> Path | None:
    """Where cached atlases live (None: caching is off)."""
    value = os.environ.get("KURILMAP_CACHE_DIR")
    if value == "off":
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kurilmap"


def data_key(directory: Path) -> str:
    """A hash of every file in the data folder (names and bytes), its location and the loader's code.

    Examples
    --------
    >>> from kurilmap.data import GEODATA_DIR
    >>> len(data_key(GEODATA_DIR)), data_key(GEODATA_DIR) == data_key(GEODATA_DIR)
    (32, True)
    """
    directory = Path(directory).resolve()
    digest = hashlib.blake2b(digest_size=16)
    digest.update(str(directory).encode())
    here = Path(__file__).resolve().parent
    for name in _LOADER:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(directory: Path, build: Callable[[Path], object]):
    """The atlas of ``directory``: from the cache if its data is unchanged, else ``build(directory)`` (and kept)."""
    folder = cache_dir()
    if folder is None:
        return build(directory)
    try:
        key = data_key(directory)
    except OSError:  # a data file that cannot be read: let the loader name it
        return build(directory)
    path = folder / f"{_PREFIX}{key}.pickle"
    try:
        with path.open("rb") as f:
            atlas = pickle.load(f)
        atlas.directory = Path(directory)
        atlas.cache_key = key
        return atlas
    except Exception:  # missing, truncated, from another library version: build it again
        pass
    atlas = build(directory)  # raises DataError on broken data: nothing is cached then
    atlas.prepare()
    _store(folder, path, atlas)
    atlas.cache_key = key
    return atlas


def kept(name: str, parts: tuple, code: tuple[str, ...], make: Callable[[], object], atlas=None):
    """A value worked out once and kept on disk beside the validated atlases (label placements, font subsets).

    The file's key joins ``name``, ``parts`` (the inputs, by ``repr``), the bytes of the modules named
    in ``code`` (paths below the package) and, with ``atlas``, that atlas's own key (its data and
    loader): changed data, inputs or code give a new value. An atlas without a key (caching off,
    built by hand), caching off or a folder that cannot be written to only cost the time it saves.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> kept("demo", (1, "a"), ("atlascache.py",), lambda: {"x": 1}, atlas=load_atlas())
    {'x': 1}
    """
    folder = cache_dir()
    key = getattr(atlas, "cache_key", None) if atlas is not None else ""
    if key is None or folder is None:
        return make()
    path = _derived_path(folder, name, (key, name, parts), code)
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated, from another library version: work it out again
        pass
    value = make()
    _store(folder, path, value, f"{_DERIVED}*.pickle", _KEEP_DERIVED)
    return value


def kept_table(name: str, code: tuple[str, ...], salt: str = "") -> dict:
    """A table of measurements that grows as values are asked for, kept on disk across processes.

    Read at its first use, written back when the process exits if it grew (last writer wins: every
    writer holds true values). The key joins ``name``, ``salt`` (e.g. a library's version) and the
    bytes of the modules in ``code``. With caching off it is an empty table, kept by no one.

    Examples
    --------
    >>> table = kept_table("demo-table", ("atlascache.py",))
    >>> table.setdefault(("a", 1), 2.5)
    2.5
    """
    folder = cache_dir()
    if folder is None:
        return {}
    path = _derived_path(folder, name, (name, salt), code)
    try:
        with path.open("rb") as f:
            table = dict(pickle.load(f))
    except Exception:  # missing, truncated, from another library version: start empty
        table = {}
    size = len(table)

    def write_back() -> None:
        if len(table) > size:
            _store(folder, path, table, f"{_DERIVED}*.pickle", _KEEP_DERIVED)

    atexit.register(write_back)
    return table


def _derived_path(folder: Path, name: str, parts: tuple, code: tuple[str, ...]) -> Path:
    """The file of a derived value: named by ``parts`` (by ``repr``) and the bytes of the modules in ``code``."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16)
    here = Path(__file__).resolve().parent
    for module in code:
        digest.update(module.encode() + b"\0" + (here / module).read_bytes())
    return folder / f"{_DERIVED}{name}-{digest.hexdigest()}.pickle"


def _store(folder: Path, path: Path, atlas, pattern: str = f"{_PREFIX}*.pickle", keep: int = _KEEP) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(atlas, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # another process writing the same key writes the same content
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        old = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder only costs the time the cache would save
