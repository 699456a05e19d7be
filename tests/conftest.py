"""Shared fixtures: the committed atlas and a writable copy of geodata/ to break."""

from __future__ import annotations

import shutil

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import load_atlas


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium, one per test session (Playwright allows one sync driver at a time)."""
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
    """The static atlas (``kurilmap site``), built once for the whole session (it takes ~25 s)."""
    from kurilmap.site import build_site

    out = tmp_path_factory.mktemp("site") / "atlas"
    build_site(atlas, out, log=lambda line: None)
    return out
