"""Writing exports: the checks of an output path, an atomic write of the bytes, and all-or-nothing sets of files.

Temporary files are hidden, named ``.kurilmap-tmp-<pid>-<random>-<file name>`` in the target's folder,
and removed on any failure (Ctrl-C included). A process killed outright leaves its temporary file
behind: the next export into that folder removes those whose process is gone (or that are over an
hour old), and never a file of an export still running.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from kurilmap.export.options import ExportError

TEMP_PREFIX = ".kurilmap-tmp-"
STALE_SECONDS = 3600


def _check_target(path: Path, force: bool) -> Path:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'map.png'}")
    if path.exists() and not force:
        raise ExportError(f"{path} exists; pass --force to overwrite it (or choose another --out)")
    if not folder.exists():
        near = next((p for p in folder.parents if p.exists()), None)
        if near is not None and not near.is_dir():
            raise ExportError(f"cannot write {path}: {near} is a file, not a folder; choose another --out")
        raise ExportError(
            f"cannot write {path}: the folder {folder} does not exist; create it first or choose another --out"
        )
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: {folder} is a file, not a folder; choose another --out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: the folder {folder} is not writable; choose another --out")
    return path


def write(path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically: all of it or nothing, never a partial file.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in
    one step. An existing ``path`` is kept unless ``force`` is true.

    Raises
    ------
    ExportError
        if ``path`` exists (without ``force``), is a folder, or its folder is missing or not writable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write(pathlib.Path(folder) / "a.txt", b"hello")
    ...     print(path.read_bytes(), write(path, b"again", force=True).read_bytes())
    ...     write(path, b"refused")
    Traceback (most recent call last):
    ...
    kurilmap.export.ExportError: ... exists; pass --force to overwrite it (or choose another --out)
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"write() takes the bytes of a finished file, not {type(data).__name__}")
    path = _check_target(Path(path), force)
    clean_stale(path.parent)
    tmp = _write_temp(path, data)
    try:
        _commit(tmp, path, force)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; choose another --out") from None
    finally:
        _remove(tmp)
    return path


def _temp_name(path: Path) -> Path:
    # pid first, so that clean_stale can tell a live export's file from a dead one's; the name is cut to
    # stay under the usual 255-byte limit of a file name
    return path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{path.name[:120]}")


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file next to ``path``, on disk (fsync); remove it on any failure."""
    tmp = _temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}; choose another --out") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        _remove(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; choose another --out") from None
    except BaseException:  # Ctrl-C while writing
        _remove(tmp)
        raise
    return tmp


def _commit(tmp: Path, path: Path, force: bool) -> None:
    """Give the finished temporary file its name; without ``force`` never replace a file that appeared meanwhile."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if someone created path meanwhile: never clobber without --force
    except FileExistsError:
        raise ExportError(f"{path} exists; pass --force to overwrite it (or choose another --out)") from None
    except OSError:  # file systems without hard links
        if path.exists():
            raise ExportError(f"{path} exists; pass --force to overwrite it") from None
        os.replace(tmp, path)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: it exists
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files that killed exports left in ``folder``; return their paths.

    A temporary file is stale when the process that wrote it is gone, or when it is older than an
    hour (no export takes that long). Files of exports still running are kept.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     left = pathlib.Path(folder) / ".kurilmap-tmp-999999999-0a1b2c3d-map.png"
    ...     _ = left.write_bytes(b"half a file")
    ...     [p.name for p in clean_stale(pathlib.Path(folder))]
    ['.kurilmap-tmp-999999999-0a1b2c3d-map.png']
    """
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        pid = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if old or not (pid.isdigit() and _alive(int(pid))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


class _Batch:
    """Files written to temporary names first and named all together by :func:`all_or_nothing`."""

    def __init__(self, force: bool):
        self.force = force
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, target)
        self._cleaned: set[Path] = set()

    def add(self, path, data: bytes) -> Path:
        """Check ``path`` and write ``data`` to a temporary file beside it; named at the end of the batch."""
        path = _check_target(Path(path), self.force)
        if any(target == path for _, target in self.pending):
            raise ExportError(f"{path} is written twice in one export")
        if path.parent not in self._cleaned:
            clean_stale(path.parent)
            self._cleaned.add(path.parent)
        self.pending.append((_write_temp(path, data), path))
        return path

    def commit(self) -> None:
        done: list[tuple[Path, Path | None]] = []  # (target, backup of the file it replaced)
        try:
            for tmp, path in self.pending:
                backup = None
                if self.force and path.exists():
                    backup = _temp_name(path)
                    os.link(path, backup)  # kept until every file has its name, to undo a half-done set
                try:
                    _commit(tmp, path, self.force)
                except BaseException:
                    if backup is not None:
                        _remove(backup)
                    raise
                done.append((path, backup))
        except BaseException as exc:
            for path, backup in reversed(done):
                if backup is not None:
                    with contextlib.suppress(OSError):
                        os.replace(backup, path)
                else:
                    _remove(path)
            self.discard()
            if isinstance(exc, OSError):
                raise ExportError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
            raise
        for _, backup in done:
            if backup is not None:
                _remove(backup)
        self.discard()

    def discard(self) -> None:
        for tmp, _ in self.pending:
            _remove(tmp)


@contextlib.contextmanager
def all_or_nothing(*, force: bool = False) -> Iterator[_Batch]:
    """Write several files so that either every one of them appears, or none does.

    Each ``batch.add(path, data)`` writes a temporary file beside ``path``; when the ``with`` block
    ends without an error they all get their names, and on any error (a full disk, Ctrl-C) every
    temporary file is removed and the folder is as before.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     folder = pathlib.Path(folder)
    ...     try:
    ...         with all_or_nothing() as batch:
    ...             _ = batch.add(folder / "a.txt", b"one")
    ...             raise RuntimeError("the second file failed")
    ...     except RuntimeError:
    ...         pass
    ...     print(sorted(p.name for p in folder.iterdir()))
    ...     with all_or_nothing() as batch:
    ...         _ = batch.add(folder / "a.txt", b"one")
    ...         _ = batch.add(folder / "b.txt", b"two")
    ...     print(sorted(p.name for p in folder.iterdir()))
    []
    ['a.txt', 'b.txt']
    """
    batch = _Batch(force)
    try:
        yield batch
    except BaseException:
        batch.discard()
        raise
    batch.commit()
