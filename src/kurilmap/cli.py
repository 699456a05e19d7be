"""Command line: ``python -m kurilmap query|areas|snapshot|animate``.

Exit codes: 0 ok, 2 usage error (bad arguments, year out of range, bad points file),
1 other failure (broken data, unwritable output).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from kurilmap.data import REGION, DataError
from kurilmap.periods import FIRST_YEAR, YearError, last_year


class UsageError(ValueError):
    """Bad input from the user: exit code 2 with a message that says what to do."""


def _year(text: str) -> int:
    from kurilmap.periods import history

    try:
        return history().check_year(text)
    except YearError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _in_region(lon: float, lat: float, where: str) -> None:
    west, south, east, north = REGION
    if not (west <= lon <= east and south <= lat <= north):
        raise UsageError(
            f"{where}: lon {lon}, lat {lat} is outside the map region "
            f"({west}–{east}°E, {south}–{north}°N). Longitude comes first: --lon 142.74 --lat 46.96."
        )


def read_points(path: Path) -> tuple[list[float], list[float], list[str | None]]:
    """Read a CSV of places with ``lon,lat`` and an optional ``name`` column."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read points file {path}: {exc.strerror}") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    rows = list(reader)
    if "lon" not in header or "lat" not in header:
        raise UsageError(
            f"{path}: needs a header with 'lon' and 'lat' columns (and optionally 'name'); found {header or 'nothing'}"
        )
    if not rows:
        raise UsageError(f"{path}: has a header but no places")
    lons, lats, names = [], [], []
    for n, row in enumerate(rows, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        try:
            lon, lat = float(row["lon"]), float(row["lat"])
        except ValueError:
            raise UsageError(
                f"{path}, line {n}: lon and lat must be numbers, got {row['lon']!r}, {row['lat']!r}"
            ) from None
        _in_region(lon, lat, f"{path}, line {n}")
        lons.append(lon)
        lats.append(lat)
        names.append(row.get("name") or None)
    return lons, lats, names


def _describe(result: dict, name: str | None = None) -> str:
    where = f"{name}: " if name else ""
    if result["holder"] is None:
        return f"{where}{result['year']}: at sea (no holder) — period {result['period_label']}"
    isl = result["island"]
    text = (
        f"{where}{result['year']}: {isl['name_en']} ({isl['name_ja']} {isl['name_ja_romaji']} / "
        f"{isl['name_ru']} {isl['name_ru_latin']}) — held by {result['holder']} ({result['state']}); "
        f"period {result['period_label']}; treaty {result['treaty'] or 'none'}"
    )
    if result["disputed"]:
        text += "; one of the four disputed islands (administered by Russia, claimed by Japan)"
    if result["occupied_by"]:
        text += f"; occupied by {result['occupied_by']}"
    return text


def _json_row(result: dict, name: str | None = None) -> str:
    keys = ("year", "holder", "state", "island", "period", "treaty", "disputed", "occupied_by")
    row = {k: result[k] for k in keys}
    if name is not None:
        row = {"name": name, **row}
    return json.dumps(row, ensure_ascii=False)


def cmd_query(args, atlas, out) -> int:
    if args.points:
        if args.lon is not None or args.lat is not None:
            raise UsageError("give either --lon/--lat or --points FILE.csv, not both")
        lons, lats, names = read_points(args.points)
    else:
        if args.lon is None or args.lat is None:
            raise UsageError("query needs --lon and --lat (or --points FILE.csv)")
        _in_region(args.lon, args.lat, "query")
        lons, lats, names = [args.lon], [args.lat], [None]
    for result, name in zip(atlas.holdings_at(lons, lats, args.year), names):
        print(_json_row(result, name) if args.json else _describe(result, name), file=out)
    return 0


def cmd_areas(args, atlas, out) -> int:
    areas = atlas.areas(args.year)
    if args.json:
        print(json.dumps(areas, ensure_ascii=False, indent=1), file=out)
        return 0
    print(
        f"Land area in km² at the end of {args.year} (period {areas['period']}, geodesic, GSHHG shorelines)", file=out
    )
    for holder, km2 in areas["holders"].items():
        print(f"  {holder:<10} {km2:>12,.1f}", file=out)
    print("Per island:", file=out)
    for fid, isl in sorted(areas["islands"].items(), key=lambda kv: -kv[1]["area_km2"]):
        print(f"  {isl['name_en']:<28} {isl['holder']:<10} {isl['area_km2']:>12,.1f}  ({fid})", file=out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kurilmap",
        description="Japan–Russia border changes in Sakhalin and the Kuril Islands, 1850 to today.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{query,areas,snapshot,animate}")
    sub.required = True
    yhelp = f"a year from {FIRST_YEAR} to {last_year()}; the map shows the border in force at its end"

    q = sub.add_parser("query", help="who held a place (or a CSV of places) in a year")
    q.add_argument("--year", type=_year, required=True, help=yhelp)
    q.add_argument("--lon", type=float, help="longitude in degrees east, e.g. 142.74")
    q.add_argument("--lat", type=float, help="latitude in degrees north, e.g. 46.96")
    q.add_argument("--points", type=Path, help="CSV with lon,lat[,name] columns; one answer per line, in order")
    q.add_argument("--json", action="store_true", help="one JSON object per line")
    q.set_defaults(func=cmd_query)

    a = sub.add_parser("areas", help="km² per holder and per island in a year")
    a.add_argument("--year", type=_year, required=True, help=yhelp)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_areas)

    from kurilmap.export import add_cli_commands

    add_cli_commands(sub, _year, yhelp)
    return parser


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with a message on usage errors
    from kurilmap.geometry import load_atlas

    try:
        atlas = load_atlas()
        return args.func(args, atlas, out)
    except UsageError as exc:
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"{parser.prog}: data error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 1
