"""The first map as a reader meets it, beside a bare Streamlit page measured the same way in the same run.

A reader opens the plain address ``/``, often right after a deploy, either as a new tab of a browser
that is already running (its HTTP cache kept between visits) or with a browser just started on a new
profile. Each server is started as ``make run`` starts it (``python -m kurilmap.pagefiles`` first, then
Streamlit) and visited at once and then every few seconds: the visits in the first 30 s after the start
are reported apart from the later ones. Three moments are taken in the page itself (a MutationObserver
installed before any script of the page, in every frame, so polling adds nothing): the heading, the map
frame (when its own document starts), and the first painted land (two animation frames after the first land
shape is in the map's document). The bare page (``benchmarks/bare_app.py``) has only a heading; its
heading time is the floor.

Also measured: the map page alone, opened from disk (``file://``) in a new page, to its first painted
land, and the bytes of its first download (the page and every file it loads): as files on disk, and as the
app's server sends those files to a browser (compressed).

``python -m benchmarks.reader [--rounds N]`` prints the JSON; ``make bench`` includes it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.appdriver import ROOT, launch_chromium, running_app

PY = sys.executable
#: Seconds after the server answers at which it is visited; those before FIRST_S are "first 30 s".
VISITS_S = (0, 8, 16, 24, 34, 44)
FIRST_S = 30
MARKS_JS = """(() => {
  const marks = window.__kmMarks = {};
  const at = () => performance.timeOrigin + performance.now();
  // The map frame may sit in a shadow root of the host page: a frame's own start is when it was made.
  if (window !== window.top) marks.frame = performance.timeOrigin;
  const look = () => {
    if (!marks.heading && document.querySelector('h1')) marks.heading = at();
    if (!marks.shape && document.querySelector('.leaflet-container path[data-unit]')) {
      marks.shape = at();
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.land = at(); }));
    }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true});
})();"""


def _marks(page, want: tuple[str, ...], timeout: float = 60.0) -> dict:
    """Milliseconds from the navigation start of the page to each wanted moment (in any of its frames)."""
    deadline = time.perf_counter() + timeout
    origin = page.evaluate("performance.timeOrigin")
    found: dict = {}
    while time.perf_counter() < deadline:
        for frame in page.frames:
            try:
                marks = frame.evaluate("window.__kmMarks || {}")
            except Exception:  # a frame being replaced
                continue
            for key, value in marks.items():
                found[key] = min(found.get(key, value), value)
        if all(k in found for k in want):
            return {k: round(found[k] - origin, 1) for k in want}
        time.sleep(0.05)
    raise TimeoutError(f"not seen within {timeout} s: {[k for k in want if k not in found]}")


def _visit(browser_or_context, url: str, want: tuple[str, ...]) -> dict:
    page = browser_or_context.new_page()
    page.add_init_script(MARKS_JS)
    page.goto(f"{url}/", wait_until="commit")
    try:
        return _marks(page, want)
    finally:
        page.close()


def _server(p, name: str, mode: str) -> list[tuple[float, dict]]:
    """One server start, visited at VISITS_S: (seconds after the start, moments) per visit."""
    ours = name == "ours"
    script = "app.py" if ours else "benchmarks/bare_app.py"
    want = ("heading", "frame", "land") if ours else ("heading",)
    if ours:
        subprocess.run([PY, "-m", "kurilmap.pagefiles", "static/kurilmap"], cwd=ROOT, check=True, capture_output=True)
    out = []
    running = launch_chromium(p) if mode == "tab" else None
    context = running.new_context(viewport={"width": 1400, "height": 900}) if running else None
    try:
        with running_app(script) as (url, _):
            started = time.perf_counter()
            for at in VISITS_S:
                time.sleep(max(0.0, at - (time.perf_counter() - started)))
                since = time.perf_counter() - started
                if mode == "tab":
                    out.append((since, _visit(context, url, want)))
                else:
                    fresh = launch_chromium(p)  # a new browser on a new profile (launched before the clock starts)
                    try:
                        out.append(
                            (since, _visit(fresh.new_context(viewport={"width": 1400, "height": 900}), url, want))
                        )
                    finally:
                        fresh.close()
    finally:
        if running:
            running.close()
    return out


def _map_page_alone(p) -> dict:
    """The published map page from disk in a new page: first painted land, and what its first view downloads."""
    (manifest,) = sorted((ROOT / "static" / "kurilmap").glob("manifest-*.json"), key=lambda f: f.stat().st_mtime)[-1:]
    page_file = ROOT / "static" / "kurilmap" / json.loads(manifest.read_text(encoding="utf-8"))["page"]
    browser = launch_chromium(p)
    times, sizes = [], set()
    try:
        for _ in range(5):
            page = browser.new_context(viewport={"width": 1000, "height": 800}).new_page()
            loaded: list[str] = []
            page.on("request", lambda r, seen=loaded: seen.append(r.url))
            page.add_init_script(MARKS_JS)
            page.goto(page_file.as_uri(), wait_until="commit")
            times.append(_marks(page, ("land",))["land"])
            files = {Path(unquote(urlparse(u).path)) for u in loaded if u.startswith("file:")}
            sizes.add(sum(f.stat().st_size for f in files if f.is_file()))
            page.context.close()
    finally:
        browser.close()
    return {
        "land_ms": round(statistics.median(times), 1),
        "first_download_kb": round(max(sizes) / 1024, 1),
        "first_download_served_kb": round(_served_bytes(files) / 1024, 1),
    }


def _served_bytes(files) -> int:
    """What the same files weigh as the app's server sends them to a browser (it compresses them: Streamlit's
    Starlette server gzips ``app/static`` files for a browser that accepts it, as every browser does)."""
    import urllib.request

    total = 0
    with running_app() as (url, _):
        for f in files:
            ask = urllib.request.Request(
                f"{url}/app/static/kurilmap/{f.name}", headers={"Accept-Encoding": "gzip, deflate, br"}
            )
            with urllib.request.urlopen(ask, timeout=30) as answer:
                total += len(answer.read())  # the body as sent (urllib does not decompress)
    return total


def measure(rounds: int = 1) -> dict:
    """Every (page, browser mode, phase): median heading, frame and land; and the gaps to the bare page."""
    from playwright.sync_api import sync_playwright

    seen: dict = {}
    with sync_playwright() as p:
        for _ in range(rounds):
            for mode in ("tab", "profile"):
                for name in ("bare", "ours"):  # the bare page first each time, as a reader's floor
                    for since, marks in _server(p, name, mode):
                        phase = "first_30s" if since < FIRST_S else "later"
                        for key, ms in marks.items():
                            seen.setdefault(mode, {}).setdefault(phase, {}).setdefault(name, {}).setdefault(key, [])
                            seen[mode][phase][name][key].append(ms)
        alone = _map_page_alone(p)
    result: dict = {"map_page_alone": alone}
    for mode, phases in seen.items():
        for phase, pages in phases.items():
            row = {
                f"{name}_{key}_ms": round(statistics.median(v), 1)
                for name, keys in pages.items()
                for key, v in keys.items()
            }
            row["land_over_bare_ms"] = round(row["ours_land_ms"] - row["bare_heading_ms"], 1)
            row["heading_over_bare_ms"] = round(row["ours_heading_ms"] - row["bare_heading_ms"], 1)
            row["visits"] = len(pages["ours"]["land"])
            result.setdefault(mode, {})[phase] = row
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.rounds), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
