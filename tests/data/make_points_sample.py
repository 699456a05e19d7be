"""Write ``tests/data/points_sample.csv``: a few thousand varied places for the points-query golden test.

Run once (``python tests/data/make_points_sample.py``); the CSV and the expected answers are
committed. ``points_expected.json.gz`` holds the output lines of ``query --points`` for five years,
text and ``--json``, made by the command line as it was before the streamed reader (commit 346103d):

    git archive 346103d | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python tests/data/make_points_sample.py --expected
 The places: gazetteer and town points (on land in every period), random places
over the whole region (land and sea), places on coast vertices and on the 1905 cut of Sakhalin
(on a border: "within" no feature), places just off the coast, the corners of the map region,
numbers written in several ways, and names with commas, quotes, Japanese, Russian and emoji.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import numpy as np

from kurilmap.data import REGION
from kurilmap.geometry import load_atlas

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

NAMES = [
    "Toyohara",
    "Kunashiri, south coast",
    'The "Northern Territories"',
    '"quoted"',
    "択捉島",
    "Итуруп, залив Касатка",
    "Sakhalin 🏝️ north",
    "a,b,c",
    "O'Brien's cape",
    "tab\tinside",
    "</script><b>bold</b>",
    "back\\slash",
    "x" * 120,
    "Ōtomari / Корсаков / 大泊",
    "é (e + combining acute: e\u0301)",
    "עברית",
    "1,2",
    "",
]


def _numbers(value: float, rng) -> str:
    """The same coordinate written as people write it (every form is read back to the same float)."""
    form = rng.integers(0, 8)
    if form == 0:
        return f"{value:.5f}"
    if form == 1:
        return repr(float(value))
    if form == 2:
        return f"{value:.3e}"
    if form == 3:
        return f"+{value:.4f}"
    if form == 4:
        return f"{value:.2f}0000"
    if form == 5:
        return f" {value:.5f} "
    return f"{value:.6f}"


def places() -> list[tuple[float | str, float | str, str]]:
    atlas = load_atlas()
    rng = np.random.default_rng(12)
    rows: list[tuple] = []
    with open(ROOT / "geodata" / "sources" / "gazetteer.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((float(r["lon"]), float(r["lat"]), r["name_en"]))
    with open(ROOT / "geodata" / "sources" / "towns.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((float(r["lon"]), float(r["lat"]), f"{r['name_ja']} / {r['name_ru']}"))
    west, south, east, north = REGION
    for lon, lat in zip(rng.uniform(west, east, 1000), rng.uniform(south, north, 1000)):
        rows.append((lon, lat, ""))
    # coast vertices and points just off them, from every period layer
    for layer in atlas.layers.values():
        for geom in layer.geometries:
            coords = np.concatenate([np.asarray(p.exterior.coords) for p in getattr(geom, "geoms", [geom])])
            for k in rng.choice(len(coords), size=min(6, len(coords)), replace=False):
                lon, lat = coords[k]
                rows.append((float(lon), float(lat), "vertex"))
                dx, dy = rng.normal(0, 0.003, 2)
                rows.append((float(lon + dx), float(lat + dy), "near coast"))
    # along the 1905 cut of Sakhalin (50°N) and just either side of it
    for lon in np.linspace(141.9, 144.2, 60):
        for lat in (50.0, 50.0 - 1e-9, 50.0 + 1e-9, 49.9999, 50.0001):
            rows.append((float(lon), lat, "50N"))
    rows += [(west, south, "corner"), (east, north, "corner"), (west, north, ""), (east, south, "")]
    out = []
    for i, (lon, lat, name) in enumerate(rows):
        if not name or rng.random() < 0.35:
            name = NAMES[int(rng.integers(0, len(NAMES)))]
        if i % 3 == 0:
            lon, lat = _numbers(lon, rng), _numbers(lat, rng)
        else:
            lon, lat = repr(float(lon)), repr(float(lat))
        out.append((lon, lat, name))
    return out


YEARS = (1850, 1860, 1921, 1950, 2000)  # contested, shared; occupation; Soviet Union; disputed


def data_fingerprint(directory: Path) -> str:
    """A hash of the data files an answer is made from (the layers and the history and name tables)."""
    import hashlib

    directory = Path(directory)
    files = sorted(directory.glob("*.geojson")) + [directory / "sources" / n for n in ("periods.json", "names.json")]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def expected() -> None:
    """Write the answers of the importable ``kurilmap.cli`` for the committed sample."""
    import gzip

    from kurilmap.cli import main
    from kurilmap.data import geodata_dir

    answers = {"data_sha256": data_fingerprint(geodata_dir())}
    for year in YEARS:
        for mode in ("text", "json"):
            out = io.StringIO()
            argv = ["query", "--year", str(year), "--points", str(HERE / "points_sample.csv")]
            assert main(argv + (["--json"] if mode == "json" else []), out=out) == 0
            answers[f"{year} {mode}"] = out.getvalue().split("\n")
    data = json.dumps(answers, ensure_ascii=False, indent=0).encode()
    with gzip.GzipFile(HERE / "points_expected.json.gz", "wb", mtime=0) as fh:
        fh.write(data)


def main() -> None:
    if "--expected" in sys.argv:
        expected()
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # as Excel writes it, with a BOM below
    writer.writerow(["Lon", "LAT", "name"])
    writer.writerows(places())
    (HERE / "points_sample.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8", newline="")
    print(json.dumps({"rows": buf.getvalue().count("\r\n") - 1}))


if __name__ == "__main__":
    main()
