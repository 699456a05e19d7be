"""Shared fixtures: the committed atlas, a writable copy of geodata/ to break, and builds made once."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import load_atlas


@contextlib.contextmanager
def built_once(tmp_path_factory, name: str):
    """A folder that one test process builds and every pytest-xdist worker of the run reuses.

    Yields ``(folder, done)``: build into ``folder`` only if ``done`` is false. The workers of one
    run share the parent of their base temporary folders; a lock there lets the first worker build
    while the others wait, and a marker file says the build finished (a failed build leaves none,
    so the next worker tries again and reports the same error).
    """
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent  # pytest-of-user/pytest-N/, the same for every worker of this run
    folder = shared / f"shared-{name}"
    marker = shared / f"shared-{name}.done"
    with (shared / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = marker.exists()
        if not done and folder.exists():
            shutil.rmtree(folder)  # a build that failed half-way
        folder.mkdir(parents=True, exist_ok=True)
        yield folder, done
        marker.touch()


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium, one per test process (Playwright allows one sync driver at a time)."""
    from appdriver import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture
def geodata_copy(tmp_path):
    """A writable copy of geodata/ to break on purpose."""
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def static_site(tmp_path_factory, atlas):
    """The static atlas (``kurilmap site``), built once for the whole run (it takes ~25 s), shared read-only."""
    from kurilmap.site import build_site

    with built_once(tmp_path_factory, "site") as (folder, done):
        out = folder / "atlas"
        if not done:
            build_site(atlas, out, log=lambda line: None)
    return out


def _wide_png(atlas, map_only: bool) -> bytes:
    import datetime

    from kurilmap import export

    today = datetime.date(2025, 1, 1)
    return export.render(atlas, 1905, "png", width=1920, height=1080, dpi=200, today=today, map_only=map_only)


@pytest.fixture(scope="session")
def wide_png(atlas):
    """The app's Widescreen picture (1920×1080 at 200 dpi) of 1905 in English, made once per test process."""
    return _wide_png(atlas, False)


@pytest.fixture(scope="session")
def wide_map_only_png(atlas):
    """The same picture, map only (no title block, legend or caption: the credit line)."""
    return _wide_png(atlas, True)
