"""Writing exports: the checks of an output path, and an atomic write of the bytes."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kurilmap.export.options import ExportError


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
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}; choose another --out") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if someone created path meanwhile: never clobber without --force
            except FileExistsError:
                raise ExportError(f"{path} exists; pass --force to overwrite it (or choose another --out)") from None
            except OSError:  # file systems without hard links
                if path.exists():
                    raise ExportError(f"{path} exists; pass --force to overwrite it") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; choose another --out") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
