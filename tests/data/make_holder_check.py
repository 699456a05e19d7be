"""Write ``tests/data/holder_check.json``: which polity of aourednik/historical-basemaps holds each main island.

Run once with a checkout of https://github.com/aourednik/historical-basemaps (GPL-3.0) and commit the
result; the test (``tests/test_holder_check.py``) needs only these few figures, never the data set:

    python tests/data/make_holder_check.py /path/to/historical-basemaps [commit]

For each snapshot year and each main island (a point on its land, from ``sources/gazetteer.csv``,
and one point in each half of Sakhalin) the file keeps the ``NAME`` of the polygon of
``geojson/world_<year>.geojson`` that contains the point, or else of the nearest polygon within
0.15° (the set draws small islands coarsely, or leaves them out: then ``null``) and its distance.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960, 2000)
ISLANDS = ("shumushu", "paramushiru", "onekotan", "matsua", "shimushiru", "uruppu", "etorofu", "kunashiri", "shikotan")
#: Sakhalin's halves: Aleksandrovsk-Sakhalinsky's hinterland (north) and near Toyohara (south), well inside the land.
SAKHALIN = {"sakhalin-north": (142.9, 51.6), "sakhalin-south": (142.8, 47.4)}
NEAR_DEG = 0.15


def points() -> dict[str, tuple[float, float]]:
    with open(ROOT / "geodata" / "sources" / "gazetteer.csv", encoding="utf-8") as fh:
        rows = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(fh)}
    return {**SAKHALIN, **{i: rows[i] for i in ISLANDS}}


def main(argv: list[str]) -> int:
    repo, commit = Path(argv[0]), (argv[1] if len(argv) > 1 else None)
    places = points()
    out = {
        "source": "aourednik/historical-basemaps, geojson/world_<year>.geojson, property NAME",
        "url": "https://github.com/aourednik/historical-basemaps",
        "commit": commit,
        "license": "GPL-3.0 (the data set); these few extracted figures are kept under the same licence",
        "points": {k: list(v) for k, v in places.items()},
        "years": {},
    }
    for year in YEARS:
        feats = json.loads((repo / "geojson" / f"world_{year}.geojson").read_text(encoding="utf-8"))["features"]
        geoms = [shape(f["geometry"]) if f["geometry"] else None for f in feats]
        found = {}
        for pid, (lon, lat) in places.items():
            p = Point(lon, lat)
            best = (None, None)
            for f, g in zip(feats, geoms):
                if g is None:
                    continue
                d = 0.0 if g.contains(p) else shapely.distance(g, p)
                if d <= NEAR_DEG and (best[1] is None or d < best[1]):
                    best = (f["properties"].get("NAME"), round(d, 2))
            found[pid] = {"name": best[0], "distance_deg": best[1]}
        out["years"][str(year)] = found
    (HERE / "holder_check.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
