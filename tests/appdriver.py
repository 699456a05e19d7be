"""Helpers for the browser tests and benchmarks: start the app on a free port, drive Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KURILMAP_CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def compare_page_maps(page, path) -> list:
    """Open a compare HTML file and return its two map frames (left first) once both have drawn their land."""
    page.goto(path.as_uri())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('iframe')).every(f => f.contentDocument && "
        "f.contentDocument.querySelector(\".leaflet-container[data-ready='1'] path[data-unit]\"))",
        timeout=20000,
    )
    return [h.content_frame() for h in page.locator("iframe").element_handles()]


@contextlib.contextmanager
def serve_folder(folder):
    """``python -m http.server`` on ``folder`` (a static site, or a page of another origin); yields its URL."""
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory", str(folder)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("python -m http.server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(
    script: str | Path = "app.py",
    port: int | None = None,
    env: dict | None = None,
    timeout: float = 60.0,
    log_path=None,
):
    """Start ``streamlit run script`` on 127.0.0.1 and yield its base URL; stop it afterwards."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = open(log_path or os.devnull, "a")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")
            time.sleep(0.05)
        proc.start_seconds = time.perf_counter() - started
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def launch_chromium(playwright, **kwargs):
    """Debian's Chromium, headless, never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: run `make browser` (Debian package chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kwargs)


def map_frame(page, timeout: float = 30.0, index: int = 0):
    """The inner frame that holds the Leaflet map, once its features are drawn."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        frames = []
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if frame.query_selector(".leaflet-container[data-ready='1'] path[data-unit]"):
                    frames.append(frame)
        if len(frames) > index:
            return frames[index]
        time.sleep(0.02)
    raise TimeoutError("the map did not appear")
