"""Command-line input that is bounded and exact, and exports that are never half-done.

Points files: the answers of the streamed reader line for line as before it (a committed sample),
UTF-8 only, names exactly as written, repeated and unknown columns refused, an endless input
stopped. ``animate`` and ``snapshot`` limits; ``snapshot --all`` all or nothing; temporary files of
a killed export removed; Ctrl-C ends with one line and exit code 130.
"""

from __future__ import annotations

import csv
import errno
import gzip
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from helpers import run_cli
from PIL import Image

from kurilmap import points
from kurilmap.cli import MAX_FRAMES
from kurilmap.data import geodata_dir
from kurilmap.export import files

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "points_sample.csv"
PROG = [sys.executable, "-m", "kurilmap"]


run = run_cli


def one_line_error(err: str) -> str:
    """The error output, checked to be one line and no traceback."""
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err


def query_json(tmp_path, content: bytes | str, year=1910):
    path = tmp_path / "places.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    code, out = run("query", "--year", year, "--points", path, "--json")
    return code, [json.loads(line) for line in out.split("\n") if line]  # JSON lines end at \n only


# ------------------------------------------------------------------------------------- same answers as before


@pytest.fixture(scope="module")
def expected():
    """Answers of the reader before it was streamed, for the sample (tests/data/make_points_sample.py)."""
    return json.loads(gzip.decompress((DATA / "points_expected.json.gz").read_bytes()))


def _sample_module():
    spec = importlib.util.spec_from_file_location("make_points_sample", DATA / "make_points_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_place_lines(atlas, path: Path, year: int, as_json: bool) -> list[str]:
    """The output as the command line made it before the streamed reader: the whole file read with
    csv.DictReader, values stripped, then one ``Atlas.holdings_at`` answer per place."""
    rows = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
    rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in rows]
    results = atlas.holdings_at([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows], year)
    fmt = points.json_row if as_json else points.describe
    return [fmt(result, row.get("name") or None) for result, row in zip(results, rows)] + [""]


@pytest.mark.parametrize("year", [1850, 1860, 1921, 1950, 2000])
@pytest.mark.parametrize("mode", ["text", "json"])
def test_points_answers_are_the_same_line_for_line_as_before(atlas, expected, year, mode):
    code, out = run("query", "--year", year, "--points", SAMPLE, *(["--json"] if mode == "json" else []))
    assert code == 0
    lines = out.split("\n")
    assert len(lines) == 4198  # 4,197 places and the final newline
    for want, what in (
        (per_place_lines(atlas, SAMPLE, year, mode == "json"), "the per-place answers of Atlas.holdings_at"),
        (expected[f"{year} {mode}"], "tests/data/points_expected.json.gz"),
    ):
        if what.startswith("tests/") and _sample_module().data_fingerprint(geodata_dir()) != expected["data_sha256"]:
            pytest.skip(
                "geodata/ changed since tests/data/points_expected.json.gz was made (the per-place answers still "
                "matched); check the difference and remake it: python tests/data/make_points_sample.py --expected"
            )
        first = next((i for i, (a, b) in enumerate(zip(lines, want)) if a != b), None)
        assert first is None, f"line {first + 1} differs from {what}:\n got  {lines[first]}\n want {want[first]}"


def test_the_sample_covers_land_sea_borders_and_every_holder(expected):
    rows = [json.loads(line) for key in expected if key.endswith(" json") for line in expected[key] if line]
    assert {r["holder"] for r in rows} == {"japan", "russia", "shared", "contested", None}
    assert any(r["disputed"] for r in rows) and any(r["occupied_by"] for r in rows)
    names = {r.get("name") for r in rows}
    assert {"Kunashiri, south coast", 'The "Northern Territories"', "択捉島", None} <= names


@pytest.mark.parametrize("year", [1850, 1860, 1890, 1921, 1950])
def test_the_block_answers_agree_with_holdings_at(atlas, year):
    rng = np.random.default_rng(year)
    lons, lats = rng.uniform(139, 157.5, 3000), rng.uniform(41, 55, 3000)
    layer = atlas.layers[atlas.history.period_for(year).id]
    for geom in list(layer.geometries)[:10]:  # coast vertices: on a border, in no feature
        xy = np.asarray(getattr(geom, "geoms", [geom])[0].exterior.coords)[:20]
        lons, lats = np.concatenate([lons, xy[:, 0]]), np.concatenate([lats, xy[:, 1]])
    answerer = points.Answerer(atlas, year)
    got = [answerer.results[k] for k in answerer.which(lons, lats)]
    assert got == atlas.holdings_at(lons, lats, year)


def test_points_are_read_in_blocks(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("lon,lat\n" + "142.7,46.9\n" * 25_000, encoding="utf-8")
    sizes = [len(block.lons) for block in points.read_points(path, batch=10_000)]
    assert sizes == [10_000, 10_000, 5_000]


# ------------------------------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # what Excel's "Unicode Text" writes: UTF-16 little-endian with a byte-order mark, tab-separated
        ("lon\tlat\tname\n142.7\t46.9\tToyohara\n".encode("utf-16"), "is UTF-16 text"),
        ("lon,lat\n142.7,46.9\n".encode("utf-16-le"), "is UTF-16 text"),  # without the mark
        ("lon,lat\n142.7,46.9\n".encode("utf-16-be"), "is UTF-16 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "is not a text file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "is not a text file"),  # an .xlsx workbook
        ("lon,lat,name\n142.7,46.9,豊原\n".encode("shift_jis"), "line 2: byte 0x96 is not UTF-8 text"),
        ("lon,lat,name\n142.7,46.9,Корсаков\n".encode("cp1251"), "line 2: byte 0xca is not UTF-8 text"),
    ],
)
def test_files_that_are_not_utf8_are_refused_saying_how_to_save_them(tmp_path, capsys, content, message):
    code, rows = query_json(tmp_path, content)
    err = one_line_error(capsys.readouterr().err)
    assert code == 2 and rows == []
    assert message in err and "save it as UTF-8 CSV" in err


def test_utf8_with_or_without_a_byte_order_mark_and_crlf_is_read(tmp_path):
    for content in ("\ufefflon,lat\r\n142.7381,46.9592\r\n", "lon,lat\n142.7381,46.9592"):
        code, rows = query_json(tmp_path, content)
        assert code == 0 and [r["holder"] for r in rows] == ["japan"]


# ------------------------------------------------------------------------------------- bounded input


def test_dev_zero_ends_at_once_with_one_line(tmp_path):
    start = time.perf_counter()
    proc = subprocess.run(
        [*PROG, "query", "--year", "1910", "--points", "/dev/zero"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "/dev/zero: is not a text file" in one_line_error(proc.stderr)
    assert time.perf_counter() - start < 30


def test_an_endless_line_from_a_pipe_ends_with_one_line():
    proc = subprocess.run(
        f"(echo lon,lat; yes 142.7 | tr -d '\\n') | {' '.join(PROG)} query --year 1910 --points /dev/stdin",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "/dev/stdin, line 2: is longer than 65,536 characters" in one_line_error(proc.stderr)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lon,lat\n142.7,46.9\n" + "1" * 3_000_000, "line 3: is longer than 65,536 characters"),
        ("lon,lat,name\n142.7,46.9," + "n" * 70_000 + "\n", "line 2: is longer than 65,536 characters"),
        ('lon,lat,name\n142.7,46.9,"' + "x\n" * 70_000 + '"\n', "field larger than field limit"),
    ],
)
def test_overlong_lines_and_fields_are_refused(tmp_path, capsys, content, message):
    code, _ = query_json(tmp_path, content)
    assert code == 2 and message in one_line_error(capsys.readouterr().err)


# ------------------------------------------------------------------------------------------ names


def test_a_line_break_inside_a_quoted_name_is_kept_and_escaped_in_json(tmp_path):
    content = (
        'lon,lat,name\n142.7381,46.9592,"Toyohara\nmain street"\n'
        '145,43.3,"  spaced, with a comma  "\n'
        '148,50,"a ""quote"", CRLF\r\nand U+2028:\u2028end"\n'
        "147.9,45.2,\n"
    )
    code, rows = query_json(tmp_path, content)
    assert code == 0
    assert [r.get("name") for r in rows] == [
        "Toyohara\nmain street",
        "  spaced, with a comma  ",
        'a "quote", CRLF\r\nand U+2028:\u2028end',
        None,  # an empty name is no name
    ]
    assert [r["holder"] for r in rows] == ["japan", "japan", None, "japan"]
    text = run("query", "--year", 1910, "--points", tmp_path / "places.csv")[1]
    assert text.count("\n") == 4  # one answer per line: the break shows as \n
    assert text.startswith("Toyohara\\nmain street: 1910: Sakhalin")


def test_lines_are_counted_across_quoted_line_breaks_and_blank_lines(tmp_path, capsys):
    content = 'lon,lat,name\n142.7,46.9,"two\nlines"\n\n142.7,46.9,ok\n145,north,bad\n'
    code, _ = query_json(tmp_path, content)
    assert code == 2 and "line 6: lon and lat must be numbers, got '145', 'north'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("lon,lat,name,lon\n142.7,46.9,a,143\n", "the header repeats a column ('lon' in columns 1, 4)"),
        ("Name,lon,lat,name\n", "the header repeats a column ('name' in columns 1, 4)"),
        ("lon,lat,id\n142.7,46.9,7\n", "unknown column 'id' (column 3)"),
        ("lon,lat,name,\n142.7,46.9,a,\n", "unknown column with no name (column 4)"),
        ("lon,lat,name\n142.7,46.9,Kunashiri, south\n", "line 2: has 4 fields but the header has 3; put a name"),
        ('lon,lat,name\n142.7,46.9,"open\n145,43\n', "line 3: a double quote opened before this line is never closed"),
    ],
)
def test_repeated_and_unknown_columns_and_broken_rows_are_refused(tmp_path, capsys, content, message):
    code, rows = query_json(tmp_path, content)
    assert code == 2 and rows == []
    assert message in one_line_error(capsys.readouterr().err)


# ------------------------------------------------------------------------------------------ the year and the data


def test_a_data_error_is_not_blamed_on_the_year(geodata_copy, monkeypatch, capsys):
    (geodata_copy / "sources" / "periods.json").write_text('{"periods": [', encoding="utf-8")
    monkeypatch.setenv("KURILMAP_GEODATA", str(geodata_copy))
    code, _ = run("query", "--year", 1910, "--lon", 142.7, "--lat", 46.9)
    err = capsys.readouterr().err
    assert code == 1
    assert "data error" in err and "argument --year" not in err


# ------------------------------------------------------------------------------------- animate and snapshot limits


def test_animate_drops_repeated_years_with_a_note(tmp_path, capsys):
    target = tmp_path / "a.gif"
    years = ",".join(["1905"] * 300)
    start = time.perf_counter()
    code, out = run("animate", "--years", years, "--out", target, "--width", 400, "--height", 300)
    assert code == 0 and time.perf_counter() - start < 30
    assert "299 repeated years dropped from --years; the GIF has 1 frame" in capsys.readouterr().err
    assert Image.open(target).n_frames == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--years", ",".join(str(y) for y in range(1850, 1850 + MAX_FRAMES + 1))], "a GIF has at most 60 frames"),
        (["--width", "6000", "--height", "6000"], "frames of 6000×6000 px are 288 million pixels"),
        (["--years", "1905,2400"], "year 2400 is outside the map's range"),
    ],
)
def test_animate_refuses_more_frames_than_its_limits(tmp_path, capsys, argv, message):
    target = tmp_path / "a.gif"
    code, _ = run("animate", *argv, "--out", target)
    assert code == 2 and message in capsys.readouterr().err
    assert not target.exists()


def test_snapshot_refuses_to_compare_a_year_with_itself(tmp_path, capsys):
    code, _ = run("snapshot", "--year", 1905, "--compare", 1905, "--out", tmp_path / "x.png")
    err = one_line_error(capsys.readouterr().err)
    assert code == 2
    assert "--compare 1905 is the year of the map itself" in err and "--compare 1875" in err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------ all or nothing


def _fail_on_call(n: int, monkeypatch):
    """Make the ``n``-th file written on disk fail as on a full disk."""
    calls = []
    real = files.os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)


def test_snapshot_all_writes_every_file_or_none(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "maps"
    _fail_on_call(3, monkeypatch)  # two files are written, the third fails
    code, out = run("snapshot", "--all", "--format", "geojson", "--out", folder)
    assert code == 1 and out == ""
    assert "No space left on device" in one_line_error(capsys.readouterr().err)
    assert not folder.exists()  # the folder it made is gone again, with nothing in it
    monkeypatch.undo()
    code, out = run("snapshot", "--all", "--format", "geojson", "--out", folder)  # a re-run works
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{y}.geojson" for y in (1850, 1855, 1875, 1905, 1945)]


def test_snapshot_all_with_force_keeps_the_old_files_when_it_fails(tmp_path, monkeypatch):
    folder = tmp_path / "maps"
    folder.mkdir()
    old = {y: f"old {y}".encode() for y in (1850, 1855, 1875, 1905, 1945)}
    for y, data in old.items():
        (folder / f"{y}.geojson").write_bytes(data)
    (folder / "notes.txt").write_text("mine")
    _fail_on_call(4, monkeypatch)
    assert run("snapshot", "--all", "--format", "geojson", "--out", folder, "--force")[0] == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        **{f"{y}.geojson": data for y, data in old.items()},
        "notes.txt": b"mine",
    }


def test_a_failure_while_naming_the_files_undoes_the_ones_already_named(tmp_path, monkeypatch):
    calls = []
    real = files._commit

    def commit(tmp, path, force):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real(tmp, path, force)

    monkeypatch.setattr(files, "_commit", commit)
    with pytest.raises(files.ExportError, match="nothing was written"), files.all_or_nothing() as batch:
        for name in ("a.png", "b.png", "c.png"):
            batch.add(tmp_path / name, b"data")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------ stale temporary files


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_files_of_killed_exports_are_removed_at_the_next_run(tmp_path):
    dead = tmp_path / f"{files.TEMP_PREFIX}{_dead_pid()}-0a1b2c3d-1905.png"
    running = tmp_path / f"{files.TEMP_PREFIX}{os.getppid()}-0a1b2c3d-1905.png"  # an export still at work
    old = tmp_path / f"{files.TEMP_PREFIX}{os.getppid()}-99999999-1950.png"  # alive, but two hours old
    mine = tmp_path / ".1905.png.swp"  # not ours: never touched
    for path in (dead, running, old, mine):
        path.write_bytes(b"half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    code, _ = run("snapshot", "--year", 1905, "--out", tmp_path / "1905.geojson")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, mine.name, "1905.geojson"])


def test_a_killed_export_leaves_a_file_that_the_next_run_removes(tmp_path):
    # a process that dies between writing its temporary file and naming it (as on SIGKILL)
    script = (
        "import os, sys; from pathlib import Path; from kurilmap.export import files; "
        "files._write_temp(Path(sys.argv[1]), b'half'); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "map.geojson")], check=False)
    assert [p.name.startswith(files.TEMP_PREFIX) for p in tmp_path.iterdir()] == [True]
    assert run("snapshot", "--year", 1950, "--out", tmp_path / "map.geojson")[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]


# ------------------------------------------------------------------------------------------ Ctrl-C


def _as_at_a_terminal() -> None:
    """Ctrl-C as a terminal delivers it: a suite started in the background (``make test &``) inherits an
    ignored SIGINT, which Python then keeps ignoring; the command under test gets the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt_when(proc, ready, timeout=60):
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the command never got to work"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    return proc.communicate(timeout=60)


def test_ctrl_c_while_reading_points_ends_with_one_line_and_130(tmp_path):
    fifo = tmp_path / "places.csv"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [*PROG, "query", "--year", "1910", "--points", fifo],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_at_a_terminal,
    )
    with open(fifo, "w") as writer:  # opens when the command opens the file: it is then inside main()
        writer.write("lon,lat\n142.7,46.9\n")
        writer.flush()
        _, err = _interrupt_when(proc, lambda: True)
    assert proc.returncode == 130
    assert err == "python -m kurilmap: interrupted\n"


def test_ctrl_c_during_snapshot_all_leaves_nothing(tmp_path):
    folder = tmp_path / "maps"
    proc = subprocess.Popen(
        [*PROG, "snapshot", "--all", "--format", "png", "--out", folder],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_at_a_terminal,
    )
    _, err = _interrupt_when(proc, folder.exists)  # made just before the first render
    assert proc.returncode == 130
    assert err == "python -m kurilmap: interrupted\n"
    assert not folder.exists()


def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("lon,lat\n" + "142.7,46.9\n" * 200_000, encoding="utf-8")
    proc = subprocess.Popen(
        [*PROG, "query", "--year", "1910", "--points", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout.readline().startswith(b"1910: Sakhalin")
    proc.stdout.close()  # as `| head -1` does
    assert proc.wait(timeout=60) != 0
    assert b"Traceback" not in proc.stderr.read()
