"""The wheel on its own: built, installed into a fresh virtual environment and used from another folder.

The module's fixture (30–40 s here, most of it pip installing the pinned run-time packages from
the package index) builds the wheel from a copy of the files it is made of, so a build never writes
into the working tree, and installs it with ``requirements.txt`` as constraints. Every command then
runs in an empty folder with the fresh environment first on ``PATH``: nothing of the checkout can help.
The Dockerfile's ENV, CMD and HEALTHCHECK are run the same way (no container engine runs here).
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from appdriver import free_port

import kurilmap
from kurilmap import launch

ROOT = Path(__file__).resolve().parents[1]
#: What the wheel is built from (pyproject.toml maps geodata/ and the app into the package).
BUILD_INPUTS = ["pyproject.toml", "README.md", "app.py", ".streamlit/config.toml", "src", "geodata"]
LICENSE = "MIT AND LGPL-3.0-or-later AND CC-BY-4.0 AND BSD-2-Clause"


class Installed:
    """A fresh virtual environment holding the wheel, and an empty folder to run commands in."""

    def __init__(self, base: Path, source: Path):
        self.base, self.source = base, source
        self.bin = base / "venv" / "bin"
        self.cwd = base / "work"
        self.cwd.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("KURILMAP_", "PYTHON", "VIRTUAL_ENV"))}
        self.env.update(
            PATH=f"{self.bin}{os.pathsep}/usr/bin:/bin",
            VIRTUAL_ENV=str(base / "venv"),
            KURILMAP_CACHE_DIR=str(base / "cache"),  # the user's atlas cache stays as it was
            TMPDIR=str(base / "tmp"),
        )
        (base / "tmp").mkdir()

    def run(self, *args: str, timeout: float = 180, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            list(args), cwd=self.cwd, env={**self.env, **env}, capture_output=True, text=True, timeout=timeout
        )

    def ok(self, *args: str, **env) -> str:
        done = self.run(*args, **env)
        assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}"
        return done.stdout


@pytest.fixture(scope="module")
def installed():
    with tempfile.TemporaryDirectory(prefix="kurilmap-install-") as tmp:
        base = Path(tmp)
        source = base / "source"
        for name in BUILD_INPUTS:
            src, dst = ROOT / name, source / name
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
        built = subprocess.run(
            [*pip, "wheel", "-q", "--no-deps", "-w", str(base / "dist"), str(source)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert built.returncode == 0, built.stderr[-3000:]
        (wheel,) = (base / "dist").glob("kurilmap-*.whl")
        subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True, timeout=120)
        done = subprocess.run(
            # --no-compile: Python compiles what the commands import as they run; the other 10,000-odd
            # modules of the pinned packages need no bytecode to be installed (it halves the install here)
            [
                str(base / "venv" / "bin" / "pip"),
                "install",
                "-q",
                "--no-compile",
                "-c",
                str(ROOT / "requirements.txt"),
                str(wheel),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"pip install {wheel.name} failed:\n{done.stderr[-3000:]}"
        yield Installed(base, source)


@pytest.mark.install
def test_the_wheel_carries_its_code_data_app_version_and_licence(installed):
    code = (
        "import json, importlib.metadata as md, kurilmap, kurilmap.data as d, kurilmap.launch as l;"
        "m = md.metadata('kurilmap');"
        "print(json.dumps([str(d.GEODATA_DIR), str(l.app_folder()[0]), m['Version'], m['License-Expression']]))"
    )
    data_dir, app_dir, version, licence = json.loads(installed.ok("python", "-c", code))
    site = str(installed.base / "venv" / "lib")
    assert data_dir.startswith(site) and data_dir.endswith("kurilmap/geodata")
    assert app_dir.startswith(site)
    assert _files(Path(data_dir)) == _files(installed.source / "geodata")
    assert _files(Path(data_dir).parent) >= _files(installed.source / "src" / "kurilmap")  # every module and asset
    for name in ("app.py", ".streamlit/config.toml"):
        assert (Path(app_dir) / name).read_bytes() == (installed.source / name).read_bytes()
    assert version == kurilmap.__version__
    assert licence == LICENSE
    assert installed.ok("kurilmap", "--version").strip() == f"kurilmap {kurilmap.__version__}"
    assert installed.ok("python", "-m", "kurilmap", "--version").strip() == f"kurilmap {kurilmap.__version__}"


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.install
def test_query_from_any_folder_answers_as_the_checkout_does(installed):
    from io import StringIO

    from kurilmap.cli import main

    args = ["query", "--year", "1890", "--lon", "150.0", "--lat", "45.9", "--json"]
    answer = json.loads(installed.ok("kurilmap", *args))
    assert answer["holder"] == "japan" and answer["island"]["id"] == "uruppu"
    here = StringIO()
    assert main(args, out=here) == 0
    assert answer == json.loads(here.getvalue())
    bad = installed.run("kurilmap", "query", "--year", "1700", "--lon", "150", "--lat", "45.9")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@pytest.mark.install
def test_snapshot_writes_a_png(installed):
    from PIL import Image

    out = installed.ok(
        "kurilmap", "snapshot", "--year", "1905", "--out", "1905.png", "--width", "800", "--height", "600"
    )
    assert "wrote 1905.png" in out
    with Image.open(installed.cwd / "1905.png") as image:
        assert (image.format, image.size) == ("PNG", (800, 600))


def _dockerfile() -> dict:
    """The Dockerfile's ENV (as a dict), CMD (exec form) and HEALTHCHECK command (shell form)."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    env, cmd, health = {}, None, None
    for line in text.splitlines():
        word, _, rest = line.strip().partition(" ")
        if word == "ENV":
            env.update(part.split("=", 1) for part in shlex.split(rest))
        elif word == "CMD":
            cmd = json.loads(rest)
        elif word == "HEALTHCHECK":
            health = rest.split(" CMD ", 1)[1]
    return {"env": env, "cmd": cmd, "health": health}


def _wait_for_health(port: int, proc: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the app exited with code {proc.returncode}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                return resp.read().decode()
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer on port {port} within {timeout} s")


def _stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)  # as `docker stop` does
    try:
        return proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


@pytest.mark.install
def test_the_containers_command_settings_and_health_check(installed):
    docker = _dockerfile()
    assert docker["cmd"] == ["kurilmap", "app"]
    port = free_port()
    env = {
        **installed.env,
        **docker["env"],
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    # The ENV names are real Streamlit settings with the production values.
    show = ["python", "-m", "streamlit", "config", "show"]
    text = subprocess.run(show, cwd=installed.cwd, env=env, capture_output=True, text=True, timeout=60).stdout
    shown = tomllib.loads(text[text.index("\n[") :])  # after the banner
    assert shown["server"]["headless"] is True and shown["server"]["enableStaticServing"] is True
    assert shown["client"]["showErrorDetails"] == "none" and shown["browser"]["gatherUsageStats"] is False
    proc = subprocess.Popen(
        docker["cmd"], cwd=installed.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert _wait_for_health(port, proc) == "ok"
        health = subprocess.run(["sh", "-c", docker["health"]], cwd=installed.cwd, env=env, timeout=30)
        assert health.returncode == 0
        (run_dir,) = (installed.base / "tmp").glob("kurilmap-app-*")
        assert (run_dir / ".streamlit" / "config.toml").is_file()
        (page,) = (run_dir / "static" / "kurilmap").glob("map-*.html")  # written before the first visitor
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/app/static/kurilmap/{page.name}", timeout=10) as resp:
            assert resp.status == 200 and b"kurilmapInit(" in resp.read()  # static serving is on
    finally:
        code = _stop(proc)
    assert code == 0, proc.stderr.read()[-2000:]
    assert not list((installed.base / "tmp").glob("kurilmap-app-*"))  # the app's temporary folder is gone
    stopped = subprocess.run(["sh", "-c", docker["health"]], cwd=installed.cwd, env=env, timeout=30)
    assert stopped.returncode != 0  # the health check fails when nothing answers


@pytest.mark.install
@pytest.mark.browser
def test_kurilmap_app_serves_the_map_from_the_installed_package(installed, chromium):
    from appdriver import map_frame

    port = free_port()
    proc = subprocess.Popen(
        [str(installed.bin / "kurilmap"), "app", "--port", str(port), "--address", "127.0.0.1"],
        cwd=installed.cwd,
        env=installed.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert _wait_for_health(port, proc) == "ok"
        context = chromium.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/?year=1921")
        try:  # the first visit loads and checks the data (no cache yet) and writes the map page
            frame = map_frame(page, timeout=90)
        except TimeoutError:
            (ROOT / "artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=ROOT / "artifacts" / "screenshots" / "install-app.png")
            raise AssertionError(f"no map; the page says: {page.inner_text('body')[:1000]}") from None
        url = frame.url
        assert "/app/static/kurilmap/map-" in url  # the map page is a static file (config.toml applied)
        assert frame.evaluate("document.querySelectorAll('path[data-unit]').length") > 10
        context.close()
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200 and b"kurilmapInit(" in resp.read()
    finally:
        code = _stop(proc)
    assert code == 0, proc.stderr.read()[-2000:]


def test_the_launchers_examples():
    result = doctest.testmod(launch, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("port", ["0", "65536", "http", "85.01"])
def test_kurilmap_app_refuses_a_bad_port_before_starting(port):
    done = subprocess.run(
        [sys.executable, "-m", "kurilmap", "app", "--port", port], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "give a whole number from 1 to 65535" in done.stderr and "Traceback" not in done.stderr


def _names(lines) -> set[str]:
    return {re.split(r"[<>=!~;\s\[]", line.strip(), maxsplit=1)[0].lower() for line in lines} - {""}


def test_the_wheel_declares_every_run_time_package_of_requirements_txt():
    """``pip install kurilmap-*.whl`` alone must bring what the pinned set brings (no more, no less)."""
    pinned = _names(line.split("#")[0] for line in (ROOT / "requirements.txt").read_text().splitlines())
    declared = _names(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    assert declared == pinned


def test_kurilmap_app_stops_on_broken_data_with_the_data_error(geodata_copy):
    (geodata_copy / "1905.geojson").write_text("{", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kurilmap", "app", "--port", str(free_port())],
        env={**os.environ, "KURILMAP_GEODATA": str(geodata_copy), "KURILMAP_CACHE_DIR": "off"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "data error" in done.stderr and "1905.geojson" in done.stderr and "Traceback" not in done.stderr
