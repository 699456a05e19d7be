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
from kurilmap.export import EXTENSIONS, FORMATS, ExportError, animate, render, write
from kurilmap.export.files import _check_target
from kurilmap.export.options import DEFAULT_PAPER, DPI_RANGE, PAPERS, SIZE_RANGE
from kurilmap.i18n import LANGS, NAME_STYLES
from kurilmap.periods import FIRST_YEAR, YearError, last_year


class UsageError(ValueError):
    """Bad input from the user: exit code 2 with a message that says what to do."""


def _year(text: str) -> int:
    """A year of the map's range; checked without the data, so a data error is never blamed on the year."""
    from kurilmap.periods import check_year

    try:
        return check_year(text)
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


def _format_for(fmt: str | None, out: Path, allowed) -> str:
    suffix = Path(out).suffix.lower()
    if fmt is None:
        for name in allowed:
            if suffix in EXTENSIONS[name]:
                return name
        raise UsageError(
            f"cannot tell the format from {out}: give --format ({', '.join(allowed)}) or an --out ending in "
            + ", ".join(EXTENSIONS[n][0] for n in allowed)
        )
    if suffix not in EXTENSIONS[fmt]:
        raise UsageError(
            f"--format {fmt} writes {' or '.join(EXTENSIONS[fmt])} files but --out is {out}; "
            f"use --out {Path(out).with_suffix(EXTENSIONS[fmt][0])} or the matching --format"
        )
    return fmt


def _check_sizes(args) -> None:
    for what in ("width", "height"):
        value = getattr(args, what)
        if not SIZE_RANGE[0] <= value <= SIZE_RANGE[1]:
            raise UsageError(f"--{what} {value} is outside {SIZE_RANGE[0]}–{SIZE_RANGE[1]} pixels")
    dpi = getattr(args, "dpi", 200)
    if not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise UsageError(f"--dpi {dpi} is outside {DPI_RANGE[0]}–{DPI_RANGE[1]} (screen 100–200, print 300)")


def _fail(args, exc) -> int:
    print(f"{args.prog_name}: error: {exc}", file=sys.stderr)
    return 1


def _check_paper(args, fmt: str) -> dict:
    """``{"paper": …}`` for a PDF; a usage error when ``--paper`` is given for another format."""
    if fmt == "pdf":
        return {"paper": args.paper or DEFAULT_PAPER}
    if args.paper is not None:
        out = Path(args.out) if args.all else Path(args.out).with_suffix(".pdf")
        where = f"--format pdf --out {out}" if args.all else f"--out {out}"
        raise UsageError(
            f"--paper {args.paper} sets the page of a PDF handout, but the format is {fmt}; "
            f"write a PDF ({where}) or drop --paper (png and svg take --width, --height and --dpi)"
        )
    return {}


def cmd_snapshot(args, atlas, out) -> int:
    _check_sizes(args)
    snapshot_formats = tuple(f for f in FORMATS if f != "gif")
    opts = {"names": args.names, "lang": args.lang, "width": args.width, "height": args.height, "dpi": args.dpi}
    try:
        if args.all:
            if args.compare is not None:
                raise UsageError("--compare makes one side-by-side map; it does not combine with --all")
            fmt = args.format or "png"
            opts.update(_check_paper(args, fmt))
            folder = Path(args.out)
            if folder.exists() and not folder.is_dir():
                raise UsageError(f"--all writes one file per period into a folder, but {folder} is a file")
            periods = atlas.history.periods
            targets = [folder / f"{p.id}{EXTENSIONS[fmt][0]}" for p in periods]
            if folder.is_dir():
                for target in targets:
                    _check_target(target, args.force)
            elif not folder.parent.is_dir():
                raise ExportError(f"cannot create {folder}: the folder {folder.parent} does not exist")
            data = [render(atlas, p.start, fmt, **opts) for p in periods]  # everything rendered before writing
            folder.mkdir(exist_ok=True)
            for p, target, blob in zip(periods, targets, data):
                write(target, blob, force=args.force)
                print(f"wrote {target} ({len(blob):,} bytes, {p.start})", file=out)
            return 0
        fmt = _format_for(args.format, args.out, snapshot_formats)
        opts.update(_check_paper(args, fmt))
        if args.compare is not None and fmt not in ("png", "svg", "pdf", "html"):
            raise UsageError(f"--compare needs an image or html; {fmt} holds one year")
        _check_target(Path(args.out), args.force)  # fail before spending time on rendering
        data = render(atlas, args.year, fmt, compare=args.compare, **opts)
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def cmd_animate(args, atlas, out) -> int:
    _check_sizes(args)
    _format_for("gif", args.out, ("gif",))
    if not 100 <= args.frame_ms <= 20_000:
        raise UsageError(f"--frame-ms {args.frame_ms} is outside 100–20000")
    try:
        _check_target(Path(args.out), args.force)
        years = args.years or None
        data = animate(
            atlas, names=args.names, lang=args.lang, width=args.width, height=args.height, years=years,
            frame_ms=args.frame_ms,
        )  # fmt: skip
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def _add_export_commands(subparsers, year_type, year_help: str) -> None:
    """Add ``snapshot`` and ``animate`` to the command line (called by :func:`build_parser`)."""

    def years_list(text: str) -> list[int]:
        return [year_type(part) for part in text.split(",") if part.strip()]

    def common(p, width, height):
        p.add_argument(
            "--width", type=int, default=width, help=f"pixels, {SIZE_RANGE[0]}–{SIZE_RANGE[1]} (default {width})"
        )
        p.add_argument("--height", type=int, default=height, help=f"pixels (default {height})")
        p.add_argument("--names", choices=NAME_STYLES, default="both", help="place names: both (default), ja or ru")
        p.add_argument("--lang", choices=LANGS, default="en", help="language of titles and legend (default en)")
        p.add_argument("--force", action="store_true", help="overwrite an existing output file")

    s = subparsers.add_parser(
        "snapshot",
        help="write the map of a year as png, svg, pdf, html, geojson or gpkg",
        description="Write the map of one year (or of every period with --all) to a file.",
    )
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=year_type, help=year_help)
    which.add_argument(
        "--all", action="store_true", help="one file per period (named e.g. 1905.png) into the folder --out"
    )
    s.add_argument("--format", choices=[f for f in FORMATS if f != "gif"], help="default: from the --out file name")
    s.add_argument("--out", type=Path, required=True, help="output file (a folder with --all)")
    common(s, 1600, 1200)
    s.add_argument(
        "--dpi", type=int, default=200, help="dots per inch: an svg page is width/dpi inches (pdf: see --paper)"
    )
    s.add_argument("--compare", type=year_type, help="a second year: side-by-side maps, changed land outlined")
    s.add_argument(
        "--paper", choices=list(PAPERS), help=f"pdf only: the page, default {DEFAULT_PAPER}. A pdf is a print "
        "handout (map, treaty card of each year, what changed, sources); --width/--height do not apply to it",
    )  # fmt: skip
    s.set_defaults(func=cmd_snapshot, prog_name=s.prog)

    a = subparsers.add_parser(
        "animate",
        help="write an animated GIF stepping through the periods",
        description="Write an animated GIF of the border, one frame per change (1850 to today).",
    )
    a.add_argument("--out", type=Path, required=True, help="output .gif file")
    common(a, 1000, 750)
    a.add_argument("--frame-ms", type=int, default=1200, help="milliseconds per frame (default 1200)")
    a.add_argument("--years", type=years_list, help="comma-separated years (default: every change and today)")
    a.set_defaults(func=cmd_animate, prog_name=a.prog)


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

    _add_export_commands(sub, _year, yhelp)
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
