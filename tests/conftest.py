"""Shared fixtures: the committed atlas and broken copies of geodata/ in a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kurilmap.data import GEODATA_DIR
from kurilmap.geometry import load_atlas

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"

# Named places (lon, lat) reused across tests.
PLACES = {
    "yuzhno-sakhalinsk": (142.74, 46.96),
    "okha": (142.95, 53.57),  # northern Sakhalin
    "urup": (150.0, 45.9),
    "iturup": (147.9, 45.2),
    "kunashir": (145.8637, 44.0305),
    "shikotan": (146.75, 43.80),
    "shumshu": (156.35, 50.75),
    "sapporo": (141.35, 43.06),
    "sea-of-okhotsk": (148.0, 50.0),
}


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture
def geodata_copy(tmp_path):
    """A writable copy of geodata/ to break on purpose."""
    target = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR, target)
    return target


def edit_geojson(path: Path, change) -> None:
    """Load a GeoJSON file, let ``change`` mutate it, write it back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
