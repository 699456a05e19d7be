"""Small named fixtures shared by the tests: places, paths, a GeoJSON editor."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"

#: The legend title of each position map (whose position it shows), in each language.
POSITION_TITLES = {
    "japan": {
        "en": "Position of the Government of Japan",
        "ja": "日本国政府の立場",
        "ru": "Позиция правительства Японии",
    },
    "russia": {
        "en": "Position of the Government of the Russian Federation",
        "ja": "ロシア連邦政府の立場",
        "ru": "Позиция правительства Российской Федерации",
    },
}

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


def edit_geojson(path: Path, change) -> None:
    """Load a GeoJSON file, let ``change`` mutate it, write it back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def run_cli(*argv):
    """(exit code, stdout) of the command line run in this process."""
    import io

    from kurilmap.cli import main

    out = io.StringIO()
    try:
        code = main([str(a) for a in argv], out=out)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    return code, out.getvalue()
