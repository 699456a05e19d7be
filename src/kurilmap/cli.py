"""Command line: ``python -m kurilmap query|areas|snapshot|animate``.

Exit codes: 0 ok, 2 usage error (bad arguments, year out of range, bad points file),
1 other failure (broken data, unwritable output).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from kurilmap import __version__
from kurilmap.data import DataError
from kurilmap.export import EXTENSIONS, FORMATS, ExportError, animate, default_animation_years, render, write
from kurilmap.export.files import _check_target, all_or_nothing
from kurilmap.export.options import DEFAULT_PAPER, DPI_RANGE, MAP_ONLY_FORMATS, PAPERS, SIZE_RANGE, check_day
from kurilmap.i18n import LANGS, NAME_STYLES
from kurilmap.launch import cmd_app, port_number
from kurilmap.periods import FIRST_YEAR, YearError, last_year
from kurilmap.points import Places, PointsError, check_region, read_points, write_answers
from kurilmap.positions import SHOWS

#: Limits of ``animate``: distinct years (frames), and pixels of all frames together (they are kept in
#: memory until the GIF is encoded): 60 frames of 1000×750, or 8 of 2400×2400.
MAX_FRAMES = 60
MAX_GIF_PIXELS = 48_000_000


class UsageError(ValueError):
    """Bad input from the user: exit code 2 with a message that says what to do."""


def _year(text: str) -> int:
    """A year of the map's range; checked without the data, so a data error is never blamed on the year."""
    from kurilmap.periods import check_year

    try:
        return check_year(text)
    except YearError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_query(args, atlas, out) -> int:
    try:
        if args.points:
            if args.lon is not None or args.lat is not None:
                raise UsageError("give either --lon/--lat or --points FILE.csv, not both")
            places = read_points(args.points)  # streamed: blocks of places, answered as they are read
        else:
            if args.lon is None or args.lat is None:
                raise UsageError("query needs --lon and --lat (or --points FILE.csv)")
            check_region(args.lon, args.lat, "query")
            places = [Places([args.lon], [args.lat], None)]
        day = None
        if args.day is not None:
            from kurilmap.campaign import DayError

            try:
                day = atlas.campaign.check_day(args.day)
            except DayError as exc:
                raise UsageError(f"--day: {exc}") from None
        write_answers(atlas, args.year, places, out, as_json=args.json, day=day)
    except PointsError as exc:
        raise UsageError(str(exc)) from None
    return 0


def cmd_areas(args, atlas, out) -> int:
    from kurilmap.naming import dated_names

    areas = atlas.areas(args.year)
    features = {p["id"]: p for p in atlas.layers[areas["period"]].properties}
    islands = {
        fid: {**isl, "name_en": dated_names(features[fid], args.year)["name_en"]}
        for fid, isl in areas["islands"].items()
    }
    areas = {**areas, "islands": islands}  # the names in use that year (atlas.areas is cached: not changed)
    if args.format == "csv":  # one row per island, for a spreadsheet or a graphics desk
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["year", "period", "id", "island", "name_en", "holder", "state", "area_km2"])
        for fid, isl in areas["islands"].items():
            state = atlas.history.state_name(isl["holder"], args.year)
            writer.writerow([args.year, areas["period"], fid, isl["island"], isl["name_en"], isl["holder"], state,
                             isl["area_km2"]])  # fmt: skip
        return 0
    if args.json or args.format == "json":
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
    """``{"paper": …}`` for a PDF, ``{"map_only": True}`` for a png or svg; a usage error for any other format."""
    if args.map_only and fmt not in MAP_ONLY_FORMATS:
        raise UsageError(f"--map-only makes a png or svg of the map alone (not {fmt}); write a .png or .svg")
    if fmt == "pdf":
        return {"paper": args.paper or DEFAULT_PAPER}
    if args.paper is not None:
        out = Path(args.out) if args.all else Path(args.out).with_suffix(".pdf")
        where = f"--format pdf --out {out}" if args.all else f"--out {out}"
        raise UsageError(
            f"--paper {args.paper} sets the page of a PDF handout, but the format is {fmt}; "
            f"write a PDF ({where}) or drop --paper (png and svg take --width, --height and --dpi)"
        )
    return {"map_only": True} if args.map_only else {}


def cmd_chronology(args, atlas, out) -> int:
    from kurilmap.chronology import chronology_csv, chronology_json

    text = (chronology_json if args.format == "json" else chronology_csv)(atlas, args.lang)
    if args.out is None:
        out.write(text)
        return 0
    try:
        write(args.out, text.encode("utf-8"), force=True)
    except ExportError as exc:
        return _fail(args, exc)
    print(f"wrote {args.out} ({len(atlas.events)} events)", file=out)
    return 0


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
            made = not folder.exists()
            folder.mkdir(exist_ok=True)
            try:  # every file or none: each goes to a temporary file, all are named at the end
                with all_or_nothing(force=args.force) as batch:
                    sizes = []
                    for p, target in zip(periods, targets):
                        data = render(atlas, p.start, fmt, **opts)
                        batch.add(target, data)
                        sizes.append(len(data))
            except BaseException:
                if made:
                    with contextlib.suppress(OSError):
                        folder.rmdir()  # empty again: nothing of the failed export stays
                raise
            for p, target, size in zip(periods, targets, sizes):
                print(f"wrote {target} ({size:,} bytes, {p.start})", file=out)
            return 0
        fmt = _format_for(args.format, args.out, snapshot_formats)
        opts.update(_check_paper(args, fmt))
        if args.day is not None or args.compare is not None:  # both checked against the data before rendering
            try:
                args.day = check_day(atlas, args.day, fmt, args.compare)
            except ExportError as exc:
                raise UsageError(str(exc) if str(exc).startswith("compare") else f"--day: {exc}") from None
        if args.compare is not None and fmt not in ("png", "svg", "pdf", "html", "geojson", "gpkg"):
            raise UsageError(f"--compare needs an image, html or a layer file; {fmt} holds one year")
        if args.day is not None and args.position != "held":
            raise UsageError("--day shows who held the land that day: drop --position")
        if args.compare_position != "held" and args.compare is None:
            raise UsageError("--compare-position is what the second map shows: add --compare YEAR")
        # as in the app: comparing a year with itself shows nothing, unless the two maps show two positions
        same = (args.position, args.compare_position)
        if args.compare is not None and str(args.compare) == str(args.year) and args.day is None and same[0] == same[1]:
            other = atlas.history.neighbouring_change(args.year)
            raise UsageError(
                f"--compare {args.compare} is the year of the map itself; compare with another year, "
                f"e.g. --compare {other} (the neighbouring border change), or show two positions "
                f"(--position japan --compare-position russia), or drop --compare"
            )
        _check_target(Path(args.out), args.force)  # fail before spending time on rendering
        year = atlas.campaign.year if args.day is not None else args.year
        shows = {"position": args.position, "compare_position": args.compare_position}
        data = render(atlas, year, fmt, compare=args.compare, day=args.day, **shows, **opts)
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def _animation_years(args, atlas) -> list[int]:
    """The years of ``--years`` once each, in order; a usage error beyond the limits of a GIF."""
    if not args.years:
        years = default_animation_years(atlas.history)  # every border change and today
        given = len(years)
    else:
        years = list(dict.fromkeys(args.years))
        given = len(years)
        if len(years) < len(args.years):
            print(
                f"{args.prog_name}: note: {len(args.years) - len(years)} repeated years dropped from --years; "
                f"the GIF has {len(years)} frame{'s' if len(years) > 1 else ''}",
                file=sys.stderr,
            )
    if given > MAX_FRAMES:
        raise UsageError(
            f"--years gives {given} different years, but a GIF has at most {MAX_FRAMES} frames; choose fewer "
            "years (the default is every border change and today)"
        )
    if given * args.width * args.height > MAX_GIF_PIXELS:
        most = MAX_GIF_PIXELS // (args.width * args.height)
        raise UsageError(
            f"{given} frames of {args.width}×{args.height} px are {given * args.width * args.height / 1e6:.0f} million "
            f"pixels, more than the {MAX_GIF_PIXELS // 1_000_000} million a GIF may hold; make the frames smaller "
            f"(--width/--height) or give at most {most} years"
        )
    return years


def cmd_animate(args, atlas, out) -> int:
    _check_sizes(args)
    _format_for("gif", args.out, ("gif",))
    if not 100 <= args.frame_ms <= 20_000:
        raise UsageError(f"--frame-ms {args.frame_ms} is outside 100–20000")
    try:
        _check_target(Path(args.out), args.force)
        if args.days:  # the 1945 sequence: one frame per day on which the map or its heading changes
            if args.years:
                raise UsageError("--days steps through the 1945 sequence; it does not combine with --years")
            years, days = None, atlas.campaign.change_days()
        else:
            years, days = _animation_years(args, atlas), None
        data = animate(
            atlas, names=args.names, lang=args.lang, width=args.width, height=args.height, years=years,
            frame_ms=args.frame_ms, days=days,
        )  # fmt: skip
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def cmd_site(args, atlas, out) -> int:
    from kurilmap.site import SiteError, build_site

    try:
        build_site(atlas, args.out, force=args.force, log=lambda line: print(line, file=out))
    except SiteError as exc:
        raise UsageError(str(exc)) from None
    except ExportError as exc:
        print(f"python -m kurilmap site: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _add_export_commands(subparsers, year_type, year_help: str) -> None:
    """Add ``snapshot`` and ``animate`` to the command line (called by :func:`build_parser`)."""

    def years_list(text: str) -> list[int]:
        return [year_type(part) for part in text.split(",") if part.strip()]

    def common(p, width, height):
        p.add_argument(
            "--width", type=int, default=width, help=f"pixels, {SIZE_RANGE[0]}–{SIZE_RANGE[1]} (default {width})"
        )
        p.add_argument("--height", type=int, default=height, help=f"pixels (default {height})")
        p.add_argument(
            "--names",
            choices=NAME_STYLES,
            default="both",
            help="place names: both (default), ja, ru or en (English usage)",
        )
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
    which.add_argument(
        "--day", help="a day of the 1945 sequence, 1945-08-08 to 1945-09-05: the map at the end of that day"
    )
    s.add_argument("--format", choices=[f for f in FORMATS if f != "gif"], help="default: from the --out file name")
    s.add_argument("--out", type=Path, required=True, help="output file (a folder with --all)")
    common(s, 1600, 1200)
    s.add_argument(
        "--dpi", type=int, default=200, help="dots per inch: an svg page is width/dpi inches (pdf: see --paper)"
    )
    s.add_argument("--compare", help="a second year or a day of 1945: side-by-side maps, changes outlined")
    s.add_argument(
        "--position", choices=SHOWS, default="held",
        help="what the map shows: held (who administered the land, default), japan or russia (that government's "
        "position, sources/positions.json; title, legend and caption say whose)",
    )  # fmt: skip
    s.add_argument(
        "--compare-position", choices=SHOWS, default="held", help="the same for the --compare map (default held)"
    )
    s.add_argument(
        "--paper", choices=list(PAPERS), help=f"pdf only: the page, default {DEFAULT_PAPER}. A pdf is a print "
        "handout (map, treaty card of each year, what changed, sources); --width/--height do not apply to it",
    )  # fmt: skip
    s.add_argument("--map-only", action="store_true", help="png, svg: the map alone, no title or legend; a credit line")
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
    a.add_argument(
        "--days", action="store_true", help="1945 day by day: a frame per day of change, 8 August to 5 September"
    )
    a.set_defaults(func=cmd_animate, prog_name=a.prog)


def cmd_tour(args, atlas, out) -> int:
    """A guided tour to take away: .pptx deck, .pdf booklet or .zip lesson pack, by the file's suffix."""
    from kurilmap import tours
    from kurilmap.export.deck import lesson_pack, tour_booklet, tour_deck

    if args.tour not in tours.tours():
        raise UsageError(f"unknown tour {args.tour[:40]!r}; choose one of {', '.join(tours.tours())}")
    kinds = {".pptx": "pptx", ".pdf": "booklet", ".zip": "lesson"}
    kind = kinds.get(Path(args.out).suffix.lower())
    if kind is None:
        raise UsageError(f"--out {str(args.out)[:80]}: name a .pptx deck, a .pdf booklet or a .zip lesson pack")
    try:
        _check_target(Path(args.out), args.force)
        if kind == "pptx":
            data = tour_deck(atlas, args.tour, args.lang, args.names, args.url)
        elif kind == "booklet":
            data = tour_booklet(atlas, args.tour, args.lang, args.names, args.paper, args.url)
        else:
            data = lesson_pack(atlas, args.tour, args.lang, args.names, args.paper, args.url)
        path = write(args.out, data, force=args.force)
        print(f"wrote {path} ({len(data):,} bytes)", file=out)
        return 0
    except ExportError as exc:
        return _fail(args, exc)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kurilmap",
        description="Japan–Russia border changes in Sakhalin and the Kuril Islands, 1850 to today.",
    )
    parser.add_argument("--version", action="version", version=f"kurilmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{query,areas,chronology,snapshot,animate,tour,site,app}")
    sub.required = True
    yhelp = f"a year from {FIRST_YEAR} to {last_year()}; the map shows the border in force at its end"

    q = sub.add_parser("query", help="who held a place (or a CSV of places) in a year or on a day of 1945")
    when = q.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=_year, help=yhelp)
    when.add_argument(
        "--day",
        help="a day of the 1945 sequence, 1945-08-09 to 1945-09-05: who held the place at its end, and the step",
    )
    q.add_argument("--lon", type=float, help="longitude in degrees east, e.g. 142.74")
    q.add_argument("--lat", type=float, help="latitude in degrees north, e.g. 46.96")
    q.add_argument("--points", type=Path, help="CSV with lon,lat[,name] columns; one answer per line, in order")
    q.add_argument("--json", action="store_true", help="one JSON object per line")
    q.set_defaults(func=cmd_query)

    a = sub.add_parser("areas", help="km² per holder and per island in a year")
    a.add_argument("--year", type=_year, required=True, help=yhelp)
    a.add_argument("--json", action="store_true", help="same as --format json")
    a.add_argument(
        "--format", choices=("text", "json", "csv"), default="text",
        help="text (default), json or csv (one row per island: year, period, id, island, name_en, holder, state, km²)",
    )  # fmt: skip
    a.set_defaults(func=cmd_areas)

    c = sub.add_parser("chronology", help="every event with its kind, period, source and map, as CSV or JSON")
    c.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    c.add_argument("--lang", choices=LANGS, default="en", help="language of the titles and texts (default en)")
    c.add_argument("--out", type=Path, help="file to write (default: print it)")
    c.set_defaults(func=cmd_chronology, prog_name=c.prog)

    _add_export_commands(sub, _year, yhelp)

    tr = sub.add_parser("tour", help="a guided tour as a PowerPoint deck, a PDF booklet or a lesson pack ZIP")
    tr.add_argument("tour", help="tour id: treaties, 1945 or talks (geodata/sources/tours.json)")
    tr.add_argument(
        "--out", type=Path, required=True, help="lesson.pptx (deck), lesson.pdf (booklet) or lesson.zip (pack)"
    )
    tr.add_argument("--lang", choices=LANGS, default="en", help="language of the texts (default en)")
    tr.add_argument("--names", choices=NAME_STYLES, default="both", help="place names (default both)")
    tr.add_argument("--paper", choices=list(PAPERS), default="a4-portrait", help="booklet and handout paper")
    tr.add_argument("--url", default="http://localhost:8501/", help="address of the app for the permalinks")
    tr.add_argument("--force", action="store_true", help="replace an existing file")
    tr.set_defaults(func=cmd_tour, prog_name=tr.prog)

    w = sub.add_parser("site", help="the interactive atlas as static files for any web host (no server needed)")
    w.add_argument("out", type=Path, metavar="OUT", help="folder to write, e.g. atlas/ (created if missing)")
    w.add_argument("--force", action="store_true", help="write into a folder that holds other files")
    w.set_defaults(func=cmd_site)

    s = sub.add_parser("app", help="start the interactive Streamlit app (as `make run`)")
    s.add_argument("--port", type=port_number, help="port to serve on (default 8501)")
    s.add_argument("--address", help="address to listen on (default: all interfaces)")
    s.set_defaults(func=cmd_app)
    return parser


def main(argv: list[str] | None = None, out=None) -> int:
    """Run one command; return its exit code (0 ok, 1 failure, 2 usage error, 130 interrupted by Ctrl-C)."""
    try:
        return _main(argv, out or sys.stdout)
    except KeyboardInterrupt:  # one line, no traceback; temporary files are gone already
        print("python -m kurilmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        with contextlib.suppress(OSError, ValueError), open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())  # so that Python's last flush of stdout is quiet
        return 141


def _main(argv, out) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with a message on usage errors
    if args.command == "app":  # the app loads and checks the data itself; this process holds none of it
        return args.func(args)
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
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 1
