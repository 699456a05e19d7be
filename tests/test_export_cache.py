"""Exports under pressure: one render per view, bounded memory, and no long render blocking a short one."""

from __future__ import annotations

import threading
import time

import pytest

from kurilmap import export
from kurilmap.export.cache import RenderCache
from kurilmap.geometry import load_atlas


def test_fifteen_quick_clicks_on_one_view_render_once():
    cache, started = RenderCache(), threading.Event()

    def make():
        started.set()
        time.sleep(0.3)  # a render in progress while the other clicks arrive
        return b"GIF89a..."

    results = []
    first = threading.Thread(target=lambda: results.append(cache.get(("gif", "both", "en"), make)))
    first.start()
    started.wait()
    others = [
        threading.Thread(target=lambda: results.append(cache.get(("gif", "both", "en"), make))) for _ in range(14)
    ]
    for th in others:
        th.start()
    for th in [first, *others]:
        th.join()
    assert results == [b"GIF89a..."] * 15
    assert cache.renders == 1


def test_memory_stays_bounded_and_recent_files_stay():
    cache = RenderCache(max_bytes=1000)
    for year in range(1850, 1900):
        cache.get(("png", year), lambda: b"x" * 100)
    assert cache.size <= 1000
    renders = cache.renders
    cache.get(("png", 1899), lambda: b"y" * 100)  # the most recent one is still there
    assert cache.renders == renders


def test_a_failed_render_is_reported_to_every_waiter_and_not_kept():
    cache = RenderCache()

    def broken():
        raise export.ExportError("width 99999 is too large")

    with pytest.raises(export.ExportError, match="too large"):
        cache.get(("png", 1905, 99999), broken)
    assert cache.get(("png", 1905, 99999), lambda: b"ok") == b"ok"  # tried again, not a cached failure


def test_a_small_export_finishes_while_an_animation_is_being_drawn():
    atlas = load_atlas()
    export.render(atlas, 1905, "png", width=400, height=300)  # fonts and display geometry warmed up
    finished = []

    def gif():
        export.animate(atlas, years=list(range(1850, 2000, 10)), width=500, height=380)
        finished.append("gif")

    th = threading.Thread(target=gif)
    th.start()
    time.sleep(0.5)  # the animation is under way
    export.render(atlas, 1910, "png", width=400, height=300)
    finished.append("png")
    th.join()
    assert finished == ["png", "gif"]  # the PNG went between the frames instead of waiting for all of them
