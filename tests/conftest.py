"""Shared fixtures: the committed atlas and a writable copy of geodata/ to break."""

from __future__ import annotations

import shutil

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import load_atlas


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture
def geodata_copy(tmp_path):
    """A writable copy of geodata/ to break on purpose."""
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, target)
    return target
