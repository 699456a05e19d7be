"""Benchmarks: `make bench` (python -m benchmarks.run [--quick]).

Prints a table of every figure next to its target and, for year changes, the ratio to a
reference Streamlit + st_folium app measured in the same run; writes the same as JSON to
benchmarks/results/latest.json. Benchmarks are not tests: nothing here fails the build.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import points as points_benchmark
from benchmarks import reader as reader_benchmark
from benchmarks import startup as startup_benchmark
from tests.appdriver import ROOT, launch_chromium, map_frame, running_app

RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
LOAD_RESULT = ROOT / "benchmarks" / "results" / "load-30x60.json"
# Border changes the year-change benchmark steps across (year before -> year of the change).
BOUNDARIES = [1855, 1875, 1905, 1920, 1925, 1945]
PRESSES = ["ArrowRight", "ArrowLeft", "ArrowRight", "ArrowLeft", "ArrowRight"]

SIGNATURE_JS = """() => {
  const fills = [];
  document.querySelectorAll('path.leaflet-interactive').forEach(p => fills.push(p.getAttribute('fill')));
  return fills.join(',');
}"""


def summary(values: list[float]) -> dict:
    arr = np.asarray(values, dtype=float)
    return {"median": round(float(np.median(arr)), 2), "p95": round(float(np.percentile(arr, 95)), 2), "n": len(values)}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
            ).stdout.split()
        ]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


class Bytes:
    """Websocket bytes the browser receives, through the DevTools protocol."""

    def __init__(self, page):
        import base64

        self.count = 0
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")

        def on_frame(event):
            response = event["response"]
            data = response["payloadData"]
            self.count += len(data.encode()) if response["opcode"] == 1 else len(base64.b64decode(data))

        cdp.on("Network.webSocketFrameReceived", on_frame)


def map_frames(page):
    frames = []
    for frame in page.frames:
        try:
            if frame.query_selector("path.leaflet-interactive"):
                frames.append(frame)
        except Exception:
            continue
    return frames


def year_changes(page, base_url: str, ours: bool, quick: bool) -> dict:
    """Key presses on the slider until the map shows the new period's colours."""
    bytes_in = Bytes(page)
    latencies, first, repeat, bytes_first, bytes_repeat = [], [], [], [], []
    seen_periods = set()
    recreated = False
    boundaries = BOUNDARIES[:2] if quick else BOUNDARIES
    for boundary in boundaries:
        page.goto(f"{base_url}/?year={boundary - 1}")
        if ours:
            frame = map_frame(page)
            frame.evaluate("window.__bench = 1")
            frame.focus("#km-year")
        else:
            deadline = time.perf_counter() + 60
            while not map_frames(page) and time.perf_counter() < deadline:
                page.wait_for_timeout(50)
            frame = map_frames(page)[0]
            page.focus("[data-testid='stSlider'] input[type='range']")
        page.wait_for_timeout(1500)
        for key in PRESSES:
            target = boundary if key == "ArrowRight" else boundary - 1
            before = frame.evaluate(SIGNATURE_JS)
            bytes_in.count = 0
            start = time.perf_counter()
            page.keyboard.press(key)
            while True:
                try:
                    frames = [frame] if ours else map_frames(page)
                    if frames and frames[0].evaluate(SIGNATURE_JS) not in ("", before):
                        frame = frames[0]
                        break
                except Exception:  # the baseline's iframe may be mid-rebuild
                    pass
                if time.perf_counter() - start > 30:
                    raise TimeoutError(f"map did not change for {target}")
            elapsed = (time.perf_counter() - start) * 1000
            latencies.append(elapsed)
            page.wait_for_timeout(900)  # let the panel and URL follow, then count the bytes
            period = (boundary, key)
            (repeat if period in seen_periods else first).append(elapsed)
            (bytes_repeat if period in seen_periods else bytes_first).append(bytes_in.count)
            seen_periods.add(period)
        if ours and frame.evaluate("window.__bench") != 1:
            recreated = True
    return {
        "latency_ms": summary(latencies),
        "latency_first_visit_ms": summary(first),
        "latency_repeat_ms": summary(repeat),
        "bytes_first_visit": summary(bytes_first),
        "bytes_repeat": summary(bytes_repeat),
        "iframe_recreated": recreated if ours else None,
    }


def first_map(browser, base_url: str, ours: bool, runs: int) -> dict:
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{base_url}/?year=1905")
        if ours:
            map_frame(page)
        else:
            while not map_frames(page):
                page.wait_for_timeout(10)
        times.append((time.perf_counter() - start) * 1000)
        context.close()
    return summary(times)


def browser_figures(quick: bool) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    static = ROOT / "benchmarks" / "static" / "leaflet"
    if not static.exists():
        shutil.copytree(ROOT / "src" / "kurilmap" / "frontend" / "vendor" / "leaflet", static)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for name, script, env in (
            ("ours", "app.py", {}),
            ("baseline", "benchmarks/baseline_app.py", {"STREAMLIT_SERVER_ENABLE_STATIC_SERVING": "true"}),
        ):
            with running_app(script, env=env) as (url, proc):
                fig = {"server_start_s": round(proc.start_seconds, 2)}
                fig["first_map_ms"] = first_map(browser, url, name == "ours", 2 if quick else 5)
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                fig.update(year_changes(page, url, name == "ours", quick))
                context.close()
                if name == "ours":
                    fig["memory_mb"] = memory(browser, url, proc.pid, 5 if quick else 20)
                out[name] = fig
        browser.close()
    return out


def memory(browser, url: str, pid: int, sessions: int) -> dict:
    context = browser.new_context()
    pages = []
    page = context.new_page()
    page.goto(f"{url}/?year=1905")
    map_frame(page)
    page.wait_for_timeout(1000)
    one = rss_mb(pid)
    pages.append(page)
    for i in range(sessions - 1):
        page = context.new_page()
        page.goto(f"{url}/?year={1850 + 7 * i}")
        pages.append(page)
    for page in pages:
        map_frame(page, timeout=120)
    time.sleep(2)
    many = rss_mb(pid)
    context.close()
    return {
        "one_session": one,
        f"{sessions}_sessions": many,
        "per_extra_session": round((many - one) / max(1, sessions - 1), 2),
        "sessions": sessions,
    }


def server_rerun(runs: int) -> dict:
    """Python time of one app run after the map reports a new year (AppTest)."""
    from streamlit.testing.v1 import AppTest

    from kurilmap.view import View

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["year"] = "1890"
    at.run()
    times = []
    for i in range(runs):
        at.session_state["view"] = View(year=1850 + (i * 7) % 170)  # as after a pick on the map
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def geometry_figures(runs: int) -> dict:
    from kurilmap.geometry import load_atlas

    atlas = load_atlas()
    atlas.areas(1905)
    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(139, 157.5, 10_000), rng.uniform(41, 55, 10_000)
    atlas.holdings_at(lons[:10], lats[:10], 1905)

    def timed(fn):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return summary(times)

    return {
        "holder_of_point_ms": timed(lambda: atlas.holding_at(142.74, 46.96, 1910)),
        "areas_for_year_ms": timed(lambda: atlas.areas(1910)),
        "diff_two_years_ms": timed(lambda: atlas.diff(1900, 1950)),
        "points_10k_ms": timed(lambda: atlas.holdings_at(lons, lats, 1910)),
    }


def snapshot_figures(runs: int) -> dict:
    """Each export format end to end from the command line (a new process each time)."""
    try:
        from kurilmap import export  # noqa: F401
    except ImportError:
        return {}
    out = {}
    jobs = {
        "png_1600x1200": [
            "snapshot",
            "--year",
            "1905",
            "--format",
            "png",
            "--width",
            "1600",
            "--height",
            "1200",
            "--out",
            "{dir}/s.png",
        ],
        "svg": ["snapshot", "--year", "1905", "--format", "svg", "--out", "{dir}/s.svg"],
        "pdf": ["snapshot", "--year", "1905", "--format", "pdf", "--out", "{dir}/s.pdf"],
        "html": ["snapshot", "--year", "1905", "--format", "html", "--out", "{dir}/s.html"],
        "geojson": ["snapshot", "--year", "1905", "--format", "geojson", "--out", "{dir}/s.geojson"],
        "gif_all_periods": ["animate", "--out", "{dir}/a.gif"],
    }
    python = sys.executable
    # process start-up and data loading, to report the export's own time beside the total
    start = time.perf_counter()
    subprocess.run([python, "-m", "kurilmap", "areas", "--year", "1905"], check=True, capture_output=True)
    startup_ms = (time.perf_counter() - start) * 1000
    for name, argv in jobs.items():
        times = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                args = [a.format(dir=tmp) for a in argv]
                start = time.perf_counter()
                proc = subprocess.run([python, "-m", "kurilmap", *args], capture_output=True, text=True, check=False)
                times.append((time.perf_counter() - start) * 1000)
                if proc.returncode:
                    raise RuntimeError(f"{name}: {proc.stderr}")
        out[name] = summary(times)
    out["cli_startup_ms"] = round(startup_ms, 1)
    out.update(in_process_exports(runs))
    return out


def in_process_exports(runs: int) -> dict:
    """The same renders inside a running process (what the app's download buttons cost)."""
    from kurilmap import export
    from kurilmap.geometry import load_atlas

    atlas = load_atlas()
    out = {}
    export.render(atlas, 1905, "png", width=800, height=600)  # warm caches once
    for fmt, kwargs in (
        ("png", {"width": 1600, "height": 1200}),
        ("svg", {}),
        ("pdf", {}),
        ("html", {}),
        ("geojson", {}),
    ):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            export.render(atlas, 1905, fmt, **kwargs)
            times.append((time.perf_counter() - start) * 1000)
        out[f"app_{fmt}"] = summary(times)
    times = []
    for _ in range(max(1, runs // 2)):
        start = time.perf_counter()
        export.animate(atlas)
        times.append((time.perf_counter() - start) * 1000)
    out["app_gif"] = summary(times)
    return out


TARGETS = [
    ("browser.ours.latency_ms.median", "year change median (ms)", 60),
    ("browser.ours.latency_ms.p95", "year change p95 (ms)", 150),
    ("browser.ours.bytes_repeat.median", "bytes per repeated change", 10_000),
    ("browser.ours.bytes_first_visit.median", "bytes per first visit of a period", 150_000),
    ("browser.ours.first_map_ms.median", "first map (ms)", 3500),
    ("browser.ours.server_start_s", "server start (s)", 2),
    ("rerun_ms.median", "server work per rerun (ms)", None),
    ("snapshots.png_1600x1200.median", "PNG 1600x1200, CLI (ms)", 500),
    ("snapshots.svg.median", "SVG, CLI (ms)", 1000),
    ("snapshots.pdf.median", "PDF, CLI (ms)", 1000),
    ("snapshots.html.median", "HTML, CLI (ms)", 300),
    ("snapshots.geojson.median", "GeoJSON, CLI (ms)", None),
    ("snapshots.gif_all_periods.median", "GIF all periods, CLI (ms)", 4000),
    ("snapshots.cli_startup_ms", "CLI start-up incl. data load (ms)", None),
    ("snapshots.app_png.median", "PNG 1600x1200, in app (ms)", 500),
    ("snapshots.app_svg.median", "SVG, in app (ms)", 1000),
    ("snapshots.app_pdf.median", "PDF, in app (ms)", 1000),
    ("snapshots.app_html.median", "HTML, in app (ms)", 300),
    ("snapshots.app_geojson.median", "GeoJSON, in app (ms)", None),
    ("snapshots.app_gif.median", "GIF all periods, in app (ms)", 4000),
    ("geometry.holder_of_point_ms.median", "holder of a point (ms)", None),
    ("geometry.areas_for_year_ms.median", "areas for a year, cached (ms)", 10),
    ("geometry.diff_two_years_ms.median", "diff of two years (ms)", None),
    ("geometry.points_10k_ms.median", "10,000 point queries (ms)", 200),
    ("points.query_s", "query 1M points (--quick 100k), process (s)", None),
    ("points.ratio", "… ÷ pandas read_csv, whole process (×)", 8),
    ("points.peak_mb", "… peak memory (MB)", 500),
    ("startup.first_visit.cold_over_bare_ms", "first map cold − bare page cold (ms)", 1000),
    ("startup.first_visit.warm_over_bare_ms", "first map warm − bare page warm (ms)", 500),
    ("startup.first_visit.ours.cold", "first map, cold (ms)", None),
    ("startup.first_visit.bare.cold", "bare Streamlit page heading, cold (ms)", None),
    ("startup.first_visit.ours.warm", "first map, warm (ms)", None),
    ("startup.first_visit.bare.warm", "bare Streamlit page heading, warm (ms)", None),
    ("startup.cli.matplotlib_import_ms", "python -c 'import matplotlib.pyplot' (ms)", None),
    ("startup.cli.png_ratio", "CLI PNG ÷ matplotlib import (×)", 2),
    ("startup.cli.svg_ratio", "CLI SVG ÷ matplotlib import (×)", 2),
    ("startup.cli.pdf_ratio", "CLI PDF ÷ matplotlib import (×)", 3),
    ("startup.in_app.png_ms", "in app PNG, first after start (ms)", 1000),
    ("startup.in_app.svg_ms", "in app SVG, first after start (ms)", 1000),
    ("startup.in_app.pdf_ms", "in app PDF, first after start (ms)", 1000),
    ("reader.tab.later.land_over_bare_ms", "/ new tab, later: land − bare heading (ms)", 500),
    ("reader.tab.first_30s.land_over_bare_ms", "/ new tab, first 30 s: land − bare heading (ms)", 1000),
    ("reader.profile.later.land_over_bare_ms", "/ new profile, later: land − bare heading (ms)", 500),
    ("reader.profile.first_30s.land_over_bare_ms", "/ new profile, first 30 s: land − bare (ms)", 1000),
    ("reader.tab.later.bare_heading_ms", "… bare page heading, new tab, later (ms)", None),
    ("reader.tab.later.ours_heading_ms", "… our heading, new tab, later (ms)", None),
    ("reader.tab.later.ours_frame_ms", "… our map frame, new tab, later (ms)", None),
    ("reader.tab.later.ours_land_ms", "… our first painted land, new tab, later (ms)", None),
    ("reader.profile.first_30s.bare_heading_ms", "… bare heading, new profile, first 30 s (ms)", None),
    ("reader.profile.first_30s.ours_heading_ms", "… our heading, new profile, first 30 s (ms)", None),
    ("reader.profile.first_30s.ours_frame_ms", "… our frame, new profile, first 30 s (ms)", None),
    ("reader.profile.first_30s.ours_land_ms", "… our land, new profile, first 30 s (ms)", None),
    ("reader.map_page_alone.land_ms", "map page alone from disk: land (ms)", 350),
    ("reader.map_page_alone.first_download_served_kb", "map page: first download as served (KB)", 300),
    ("reader.map_page_alone.first_download_kb", "… the same files on disk (KB)", None),
    ("load.moves_lost", "30 sessions × 60 s: moves lost", 0),
    ("load.browser.panel_follow_ms.median", "… panel and URL follow, Chromium, median (ms)", 1000),
    ("load.browser.panel_follow_ms.p95", "… panel and URL follow, Chromium, p95 (ms)", 2000),
    ("load.wire.panel_follow_ms.median", "… panel and URL follow, wire, median (ms)", 1000),
    ("load.wire.panel_follow_ms.p95", "… panel and URL follow, wire, p95 (ms)", 2000),
    ("load.server_cpu_ms_per_change", "… server CPU per rerun under load (ms)", None),
    ("browser.ours.memory_mb.one_session", "server RSS, 1 session (MB)", 350),
    ("browser.ours.memory_mb.per_extra_session", "RSS per extra session (MB)", 15),
]


def lookup(data: dict, path: str):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def table(results: dict) -> str:
    rows = [f"{'figure':<40} {'ours':>12} {'target':>10} {'baseline':>12} {'ratio':>7}"]
    for path, label, target in TARGETS:
        value = lookup(results, path)
        if value is None:
            continue
        base = (
            lookup(results, path.replace("browser.ours.", "browser.baseline."))
            if path.startswith("browser.ours.")
            else None
        )
        ratio = f"{value / base:.2f}" if isinstance(base, (int, float)) and base else ""
        ok = "" if target is None else (" ok" if value <= target else " MISS")
        rows.append(
            f"{label:<40} {value:>12,.1f} {target if target is not None else '':>10} {base if base is not None else '':>12} {ratio:>7}{ok}"
        )
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (fewer repeats)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 15
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d"),
        },
        "quick": args.quick,
        "geometry": geometry_figures(runs * 4),
        "rerun_ms": server_rerun(runs),
    }
    try:
        results["snapshots"] = snapshot_figures(max(2, runs // 3))
    except Exception as exc:  # a benchmark reports, it does not stop the others
        results["snapshots"] = {"error": str(exc)[-500:]}
    try:
        results["points"] = points_benchmark.measure(100_000 if args.quick else 1_000_000, 1 if args.quick else 3)
    except Exception as exc:
        results["points"] = {"error": str(exc)[-500:]}
    if not args.skip_browser:
        results["browser"] = browser_figures(args.quick)
        try:
            results["startup"] = startup_benchmark.measure(2 if args.quick else 6)
        except Exception as exc:
            results["startup"] = {"error": str(exc)[-500:]}
        try:
            results["reader"] = reader_benchmark.measure(1)
        except Exception as exc:
            results["reader"] = {"error": str(exc)[-500:]}
    if LOAD_RESULT.exists():  # `python -m benchmarks.load --sessions 30 --seconds 60 --out ...`: its own run
        results["load"] = json.loads(LOAD_RESULT.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    print(points_benchmark.report(results["points"]))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
