"""The command line: query and areas, with clear errors and exit codes."""

import io
import json
import subprocess
import sys

import pytest

from kurilmap.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_query_json_has_the_documented_keys():
    code, out = run("query", "--year", "1890", "--lon", "150.0", "--lat", "45.9", "--json")
    row = json.loads(out)
    assert code == 0
    assert {"year", "holder", "state", "island", "period", "treaty", "disputed"} <= set(row)
    assert (row["holder"], row["state"], row["island"]["id"], row["treaty"]) == (
        "japan",
        "Empire of Japan",
        "uruppu",
        "st-petersburg-1875",
    )


def test_query_at_sea_has_no_holder():
    code, out = run("query", "--year", "1910", "--lon", "148", "--lat", "50", "--json")
    assert code == 0 and json.loads(out)["holder"] is None


def test_query_text_names_the_island_in_both_languages_and_the_dispute():
    code, out = run("query", "--year", "2000", "--lon", "147.9", "--lat", "45.2")
    assert code == 0
    assert "Iturup" in out and "択捉島" in out and "Итуруп" in out and "disputed" in out


def test_query_points_file_answers_in_input_order(tmp_path):
    csv = tmp_path / "places.csv"
    csv.write_text("name,lon,lat\nToyohara,142.7381,46.9592\nShana,147.88,45.227\nAt sea,148,50\n", encoding="utf-8")
    code, out = run("query", "--year", "1910", "--points", str(csv), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["name"], r["holder"]) for r in rows] == [("Toyohara", "japan"), ("Shana", "japan"), ("At sea", None)]


def test_areas_json_per_holder_and_island():
    code, out = run("areas", "--year", "1910", "--json")
    data = json.loads(out)
    assert code == 0 and data["period"] == "1905"
    assert data["islands"]["sakhalin-south"]["holder"] == "japan"
    assert data["holders"]["japan"] > 100_000


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["query", "--year", "1700", "--lon", "145", "--lat", "43"],
            "outside the map's range: choose a year from 1850",
        ),
        (["query", "--year", "soon", "--lon", "145", "--lat", "43"], "year must be a whole number"),
        (["query", "--year", "1900", "--lon", "10", "--lat", "50"], "outside the map region"),
        (["query", "--year", "1900"], "needs --lon and --lat"),
        (["fly", "--year", "1900"], "invalid choice: 'fly'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(capsys, argv, message):
    try:
        code = main(argv, out=io.StringIO())
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x,y\n1,2\n", "needs a header with 'lon' and 'lat'"),
        ("lon,lat\n", "has a header but no places"),
        ("", "needs a header with 'lon' and 'lat'"),
        ("lon,lat\n145,north\n", "line 2: lon and lat must be numbers"),
        ("lon,lat\n145,43.3\n0,0\n", "line 3: lon 0.0, lat 0.0 is outside the map region"),
    ],
)
def test_bad_points_files_exit_2_naming_the_problem(tmp_path, capsys, content, message):
    path = tmp_path / "p.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["query", "--year", "1900", "--points", str(path)], out=io.StringIO()) == 2
    assert message in capsys.readouterr().err


def test_python_dash_m_kurilmap_works_as_installed():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kurilmap",
            "query",
            "--year",
            "1950",
            "--lon",
            "142.7381",
            "--lat",
            "46.9592",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["state"] == "Soviet Union"
