"""Load test: many concurrent sessions change years (and export) against one app server.

`python -m benchmarks.load --sessions 20 --browsers 4 --seconds 60` (the README's figures) or the
short versions the test suite runs (tests/load). ``--browsers K`` of the sessions are headless
Chromium pages; the rest speak Streamlit's websocket protocol (benchmarks/wire.py), so 20 sessions
reach the server without 20 browsers taking its cores (``--browsers 20``: all in Chromium). Traffic
goes to 127.0.0.1 only, bounded in time. Each session checks that its map shows the right period and
that the panel and URL follow; a move that has not arrived after 20 s is lost, and any loss fails the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import threading
import time
from pathlib import Path

import numpy as np

from benchmarks.cpu import CpuMeter
from benchmarks.run import rss_mb
from benchmarks.wire import target_year, wire_session
from kurilmap.geometry import history
from tests.appdriver import CHROMIUM, CHROMIUM_ARGS, running_app

READY = ".leaflet-container[data-ready='1'] path[data-unit]"


async def _map_frame(page, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for frame in page.frames:
            try:
                if await frame.query_selector(READY):
                    return frame
            except Exception:
                continue
        await asyncio.sleep(0.05)
    raise TimeoutError("map did not appear")


def _count_socket(ws, stats: dict) -> None:
    """Streamlit's page opens its websocket again when it closes: a move made meanwhile waits for it."""
    if "/_stcore/stream" in ws.url:
        stats["sockets"] += 1


# Streamlit's own page losing track of its elements under load (frontend/host.js then reloads the page, once in 10 s).
BROKEN_PAGE = ("Bad delta path index", "cannot be called on an ElementNode", "Cannot set a node at a delta path")


def _page_error(error, stats: dict) -> None:
    """A page error fails the run, except Streamlit's broken element tree: the page reloads, and that is counted."""
    if any(text in str(error) for text in BROKEN_PAGE):
        stats["reloads"] += 1
    else:
        stats["errors"].append(f"page error: {error}")


async def _session(browser, url: str, seconds: float, seed: int, exports: bool, stats: dict) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = await context.new_page()
    page.on("pageerror", lambda e: _page_error(e, stats))
    page.on("websocket", lambda ws: _count_socket(ws, stats))
    year = rng.randint(1850, 2000)
    await page.goto(f"{url}/?year={year}")
    frame = await _map_frame(page)
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
        if frame.is_detached():  # the page reloaded itself (see BROKEN_PAGE): its new map
            frame = await _map_frame(page)
        # start from what the map shows, so one lost key press cannot spoil the rest of the run
        year = int(await frame.get_attribute(".leaflet-container", "data-year"))
        target = target_year(rng, year)
        key = "ArrowRight" if target > year else "ArrowLeft"
        await frame.focus("#km-year")
        if not await frame.evaluate("document.activeElement && document.activeElement.id === 'km-year'"):
            stats["focus_lost"] += 1
            await frame.focus("#km-year")
        start = time.perf_counter()
        for _ in range(abs(target - year)):
            await page.keyboard.press(key)
        shown = int(await frame.get_attribute(".leaflet-container", "data-year"))
        stats["change_ms"].append((time.perf_counter() - start) * 1000 / max(1, abs(target - year)))
        period = await frame.get_attribute(".leaflet-container", "data-period")
        if period != history().period_for(shown).id:
            stats["errors"].append(f"session {seed}: map shows period {period} for {shown}")
        if shown != target:  # a key press the browser did not deliver (seen only on a saturated machine)
            stats["keys_lost"] += abs(target - shown)
        stats["keys"] += abs(target - year)
        try:  # the panel and URL follow through the server: a move that never arrives is counted
            await page.wait_for_function(f"window.location.search.includes('year={shown}')", timeout=20000)
            await page.wait_for_function(
                "y => [...document.querySelectorAll('h3')].some(h => h.textContent.trim().startsWith(y + ' —'))",
                arg=shown,
                timeout=20000,
            )
            stats["follow_ms"].append((time.perf_counter() - start) * 1000)
        except Exception:
            stats["moves_lost"] += 1
            host = await page.locator("iframe").first.evaluate(
                "f => { const h = f.__kurilmap || {}; return {seq: h.seq, year: h.year, renders: h.renders,"
                " ack: h.data && h.data.ack, view: h.data && h.data.view}; }"
            )
            stats["errors"].append(
                f"session {seed}: URL or panel did not follow to {shown} (URL {page.url}, map element {host})"
            )
        if await page.query_selector("[data-testid='stException']"):
            stats["errors"].append(f"session {seed}: the app raised an exception")
        if exports and n % 3 == 0:
            try:
                await page.locator("[data-testid='stButton'] button", has_text="PNG image").click(timeout=30000)
                save = page.locator("[data-testid='stDownloadButton'] button", has_text=f"kuril-border-{shown}-en.png")
                await save.wait_for(timeout=60000)
                async with page.expect_download(timeout=60000) as info:
                    await save.click()
                download = await info.value
                failure = await download.failure()
                if failure:
                    stats["errors"].append(f"session {seed}: export failed: {failure}")
                else:
                    stats["exports"] += 1
            except Exception as exc:
                stats["errors"].append(f"session {seed}: export: {str(exc)[:200]}")
        stats["changes"] += 1
        await asyncio.sleep(rng.uniform(0.05, 0.3))
    await context.close()


async def _guard(session, label: str, errors: list) -> None:
    """Run one session; a session that breaks is an error of the run, not the end of the others."""
    try:
        await session
    except Exception as exc:
        errors.append(f"{label}: {type(exc).__name__}: {str(exc)[:300]}")


async def _run(url: str, pid: int, sessions: int, browsers: int, seconds: float, exports: bool) -> dict:
    from playwright.async_api import async_playwright

    errors: list[str] = []
    stats = {
        "errors": errors,
        "rss_mb": [],
        "browser": {
            "errors": errors,
            "change_ms": [],
            "follow_ms": [],
            "changes": 0,
            "exports": 0,
            "focus_lost": 0,
            "keys": 0,
            "keys_lost": 0,
            "moves_lost": 0,
            "sockets": 0,
            "reloads": 0,
        },
        "wire": {"errors": errors, "follow_ms": [], "moves_lost": 0, "resends": 0, "changes_per_session": []},
    }
    with CpuMeter(pid) as cpu:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) if browsers else None

            async def sample():
                while True:
                    stats["rss_mb"].append(rss_mb(pid))
                    await asyncio.sleep(1)

            sampler = asyncio.create_task(sample())
            await asyncio.gather(
                *(
                    _guard(_session(browser, url, seconds, seed, exports, stats["browser"]), f"session {seed}", errors)
                    for seed in range(browsers)
                ),
                *(
                    _guard(wire_session(url, seconds, seed, stats["wire"]), f"wire session {seed}", errors)
                    for seed in range(browsers, sessions)
                ),
            )
            sampler.cancel()
            if browser:
                await browser.close()
    stats["cpu_seconds"] = cpu.result()
    return stats


def _ms(values: list[float]) -> dict:
    if not values:
        return {"median": None, "p95": None, "max": None}
    return {
        "median": round(float(np.percentile(values, 50)), 1),
        "p95": round(float(np.percentile(values, 95)), 1),
        "max": round(max(values), 1),
    }


def run_load(
    sessions: int = 20, seconds: float = 60.0, exports: bool = True, log_path=None, browsers: int | None = None
) -> dict:
    """Drive ``sessions`` concurrent sessions for ``seconds``, ``browsers`` of them (all by default) in
    Chromium and the rest over the wire (exports: Chromium sessions only); return errors and figures."""
    browsers = sessions if browsers is None else min(browsers, sessions)
    with running_app(log_path=log_path) as (url, proc):
        # its own thread and event loop: callers may already run one (pytest with sync Playwright)
        box = {}

        def work():
            try:
                box["stats"] = asyncio.run(_run(url, proc.pid, sessions, browsers, seconds, exports))
            except BaseException as exc:  # handed to the caller below
                box["error"] = exc

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        if "error" in box:
            raise box["error"]
        stats = box["stats"]
    b, w = stats["browser"], stats["wire"]
    wire_changes = sum(w["changes_per_session"])
    return {
        "sessions": sessions,
        "seconds": seconds,
        "changes": b["changes"] + wire_changes,
        "moves_lost": b["moves_lost"] + w["moves_lost"],  # moves whose year never reached that session's panel and URL
        "exports": b["exports"],
        "errors": stats["errors"],
        "browser": {
            "sessions": browsers,
            "changes": b["changes"],
            "moves_lost": b["moves_lost"],
            "panel_follow_ms": _ms(b["follow_ms"]),
            "year_change_ms": _ms(b["change_ms"]),
            "focus_lost_before_keys": b["focus_lost"],
            "key_presses": b["keys"],
            "key_presses_not_registered": b["keys_lost"],
            "websocket_reconnects": b["sockets"] - browsers,
            "pages_reloaded_after_a_broken_streamlit_page": b["reloads"],
        },
        "wire": {
            "sessions": sessions - browsers,
            "changes": wire_changes,
            "moves_lost": w["moves_lost"],  # the URL, panel or map element did not show the pick within 20 s
            "panel_follow_ms": _ms(w["follow_ms"]),
            "picks_resent": w["resends"],  # as host.js does when nothing came back for 2.5 s
            "changes_per_session": w["changes_per_session"],
        },
        "cpu_seconds": stats["cpu_seconds"],
        # the server's CPU time over the run per year change (each is one rerun; exports and first loads included)
        "server_cpu_ms_per_change": round(
            1000 * stats["cpu_seconds"]["server"] / max(1, b["changes"] + wire_changes), 1
        ),
        "server_rss_mb": {"max": round(max(stats["rss_mb"]), 1) if stats["rss_mb"] else None},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--browsers", type=int, default=4, help="sessions in Chromium; the rest over the wire")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--server-log", help="keep the app server's output in this file")
    parser.add_argument("--out", type=Path, help="also write the JSON here (make bench's table reads load-30x60.json)")
    args = parser.parse_args(argv)
    result = run_load(args.sessions, args.seconds, not args.no_exports, args.server_log, args.browsers)
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if not result["errors"] and not result["moves_lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
