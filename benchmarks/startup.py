"""Start-up figures against their floors, measured side by side in one run.

- First map, cold (the first visit after a server starts) and warm (later visits), against a bare
  Streamlit page (a heading and a slider, ``benchmarks/bare_app.py``) measured the same way: the
  targets are differences, ``ours - bare`` ≤ 1000 ms cold and ≤ 500 ms warm. Our server starts as
  ``make run`` starts it: ``python -m kurilmap.pagefiles`` first, then Streamlit.
- Command-line exports (PNG, SVG, PDF), whole process, against ``python -c "import
  matplotlib.pyplot"``: the target is a ratio, ≤ 2×. Runs are interleaved so both see the same load.
- In-app exports: click on a format's button to its download button, the first export of each
  format after a server start (PNG first, so it is also the first export of the process), clicked
  six seconds after the map appeared: < 1000 ms.

``python -m benchmarks.startup [--runs N]`` prints the JSON; ``make bench`` includes it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.appdriver import ROOT, launch_chromium, map_frame, running_app

PY = sys.executable


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _visit(browser, url: str, ready) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(f"{url}/?year=1905")
    ready(page)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def _bare_ready(page) -> None:
    page.wait_for_selector("h1", timeout=60000)


def _map_ready(page) -> None:
    map_frame(page, timeout=60)


def first_visits(runs: int) -> dict:
    """Cold and warm first visits of the bare page and of the map, the bare page first each time."""
    from playwright.sync_api import sync_playwright

    out = {"bare": {"cold": [], "warm": []}, "ours": {"cold": [], "warm": []}}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for _ in range(max(1, runs // 2)):  # each cold visit needs a fresh server
            for name, script, ready in (
                ("bare", "benchmarks/bare_app.py", _bare_ready),
                ("ours", "app.py", _map_ready),
            ):
                if name == "ours":
                    subprocess.run(
                        [PY, "-m", "kurilmap.pagefiles", "static/kurilmap"], cwd=ROOT, check=True, capture_output=True
                    )
                with running_app(script) as (url, _):
                    out[name]["cold"].append(_visit(browser, url, ready))
                    out[name]["warm"] += [_visit(browser, url, ready) for _ in range(2)]
        browser.close()
    result = {name: {kind: _median(v) for kind, v in kinds.items()} for name, kinds in out.items()}
    result["cold_over_bare_ms"] = round(result["ours"]["cold"] - result["bare"]["cold"], 1)
    result["warm_over_bare_ms"] = round(result["ours"]["warm"] - result["bare"]["warm"], 1)
    return result


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def cli_exports(runs: int) -> dict:
    """Whole-process command-line exports beside ``import matplotlib.pyplot``, interleaved."""
    floor, formats = [], {"png": [], "svg": [], "pdf": []}
    with tempfile.TemporaryDirectory() as tmp:
        _timed([PY, "-m", "kurilmap", "areas", "--year", "1905"])  # the data cache written once, as after any run
        for _ in range(runs):
            floor.append(_timed([PY, "-c", "import matplotlib.pyplot"]))
            for fmt, times in formats.items():
                out = str(Path(tmp) / f"x.{fmt}")
                times.append(_timed([PY, "-m", "kurilmap", "snapshot", "--year", "1905", "--out", out, "--force"]))
    result = {"matplotlib_import_ms": _median(floor)}
    for fmt, times in formats.items():
        result[f"{fmt}_ms"] = _median(times)
        result[f"{fmt}_ratio"] = round(_median(times) / result["matplotlib_import_ms"], 2)
    return result


def in_app_exports() -> dict:
    """Click to download button for PNG, SVG and PDF, the first of each after a server start."""
    from playwright.sync_api import sync_playwright

    labels = {"png": "PNG image", "svg": "SVG (vector)", "pdf": "PDF for print"}
    out = {}
    with sync_playwright() as p, running_app() as (url, _):
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{url}/?year=1910")
        map_frame(page, timeout=60)
        page.wait_for_timeout(6000)  # a reader looks at the map before exporting (the warm-up runs meanwhile)
        for fmt, label in labels.items():
            start = time.perf_counter()
            page.locator("[data-testid='stButton'] button", has_text=label).click()
            page.locator("[data-testid='stDownloadButton'] button", has_text=f".{fmt}").wait_for(timeout=60000)
            out[f"{fmt}_ms"] = round((time.perf_counter() - start) * 1000, 1)
        browser.close()
    return out


def measure(runs: int = 4) -> dict:
    return {"first_visit": first_visits(runs), "cli": cli_exports(runs), "in_app": in_app_exports()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.runs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
