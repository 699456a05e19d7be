"""Finished exports kept by what they show: each view and format is rendered once per process.

The space of views is finite (years × names × languages × sizes × formats), so a file that any
session made is reused for every later click on the same view. Memory is bounded: the least
recently used files go first. A click on a view whose file is being made waits for that render
instead of starting a second one, so repeated clicks never queue more work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class _Pending:
    def __init__(self):
        self.done = threading.Event()
        self.value: bytes | None = None
        self.error: BaseException | None = None


class RenderCache:
    """Bytes of finished exports keyed by their view, at most ``max_bytes`` in all.

    Examples
    --------
    >>> cache = RenderCache(max_bytes=10)
    >>> calls = []
    >>> make = lambda: calls.append(1) or b"abc"
    >>> cache.get(("png", 1905), make), cache.get(("png", 1905), make), len(calls)
    (b'abc', b'abc', 1)
    """

    def __init__(self, max_bytes: int = 256 * 2**20):
        self.max_bytes = max_bytes
        self._done: OrderedDict[Hashable, bytes] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._lock = threading.Lock()
        self.renders = 0  # how many times ``make`` ran (for tests and the load run)

    @property
    def size(self) -> int:
        """Bytes held now."""
        with self._lock:
            return sum(len(v) for v in self._done.values())

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes for ``key``: kept, being made by another thread (waited for), or made now."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            pending = self._pending.get(key)
            owner = pending is None
            if owner:
                pending = self._pending[key] = _Pending()
                self.renders += 1
        if not owner:
            pending.done.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value
        try:
            pending.value = make()
        except BaseException as exc:
            pending.error = exc
            raise
        finally:
            with self._lock:
                del self._pending[key]
                if pending.error is None:
                    self._keep(key, pending.value)
            pending.done.set()
        return pending.value

    def _keep(self, key: Hashable, value: bytes) -> None:
        if len(value) > self.max_bytes:
            return  # too big to keep; made again when asked again
        self._done[key] = value
        total = sum(len(v) for v in self._done.values())
        while total > self.max_bytes:
            _, dropped = self._done.popitem(last=False)
            total -= len(dropped)


def export_key(
    fmt: str,
    year,
    names: str,
    lang: str,
    compare,
    size,
    day=None,
    shows=("held", "held"),
    map_only=False,
    frame_ms=1200,
):
    """The key of one export in a :class:`RenderCache`: everything that changes the bytes of the file, and nothing else.

    A GIF steps through every change (only names, language, days or years and its pace matter); the size
    counts for pictures only; map only (png, svg) is part of the key, so a map-only picture is never
    handed out for a full one.

    Examples
    --------
    >>> export_key("png", 1905, "both", "en", None, (1920, 1080, 200)) == export_key(
    ...     "png", 1905, "both", "en", None, (1920, 1080, 200), map_only=True)
    False
    >>> export_key("html", 1905, "both", "en", None, (1920, 1080, 200), map_only=True)[-1]
    False
    """
    if fmt == "gif":
        return ("gif", names, lang, day is not None, frame_ms)
    picture = fmt in ("png", "svg", "pdf")
    only = bool(map_only) and fmt in ("png", "svg")
    return (fmt, year, names, lang, compare, size if picture else None, day, tuple(shows), only)
