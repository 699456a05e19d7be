"""Places from a CSV file and who held them: the streamed, bounded reader and answers of ``query --points``.

A points file is UTF-8 text (with or without a byte-order mark) with a header of ``lon``, ``lat`` and
optionally ``name``, in any order and any letter case. It is read in blocks, so memory stays bounded
whatever its size; a line longer than :data:`MAX_LINE` characters, bytes that are not UTF-8 text, a
repeated or unknown column, a row with more fields than the header and a place outside the map region
are each refused with a :class:`PointsError` that names the line and says what to change. Names are
kept exactly as written (quote a name to keep a comma, a quote, a line break or leading spaces); an
empty name is no name. The holder of every place of a block is asked of the period layer at once.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import numpy as np
import shapely

from kurilmap.data import REGION

#: The longest line, in characters (a quoted name over several lines is bounded by csv's own field
#: limit, 131,072 characters).
MAX_LINE = 65_536
#: Bytes read from the file at a time.
BLOCK = 1 << 20
#: Places answered at a time: bounds the memory of the parsed rows and of the output.
BATCH = 50_000
COLUMNS = ("lon", "lat", "name")
_KEYS = ("year", "holder", "state", "island", "period", "treaty", "disputed", "occupied_by")
#: The keys an answer for a day of the 1945 sequence adds: the day, the step and its status.
_DAY_KEYS = ("day", "step", "status", "status_text")
_SAVE_AS = (
    'save it as UTF-8 CSV (Excel: File › Save As › "CSV UTF-8 (Comma delimited)"; '
    "LibreOffice: Save As › Text CSV, character set Unicode (UTF-8))"
)


class PointsError(ValueError):
    """A points file that cannot be used; the message names the file and line and says what to change."""


@dataclass
class Places:
    """One block of places in file order: coordinates and names (None where a row has no name)."""

    lons: np.ndarray
    lats: np.ndarray
    names: list[str | None] | None  # None: the file has no name column


def _outside(lon: float, lat: float) -> str | None:
    west, south, east, north = REGION
    if west <= lon <= east and south <= lat <= north:
        return None
    return (
        f"lon {lon}, lat {lat} is outside the map region ({west}–{east}°E, {south}–{north}°N). "
        "Longitude comes first: --lon 142.74 --lat 46.96."
    )


def check_region(lon: float, lat: float, where: str) -> None:
    """Raise :class:`PointsError` if (lon, lat) is outside the map region.

    Examples
    --------
    >>> check_region(10.0, 50.0, "query")
    Traceback (most recent call last):
    ...
    kurilmap.points.PointsError: query: lon 10.0, lat 50.0 is outside the map region (139.0–157.5°E, 41.0–55.0°N). ...
    """
    if problem := _outside(lon, lat):
        raise PointsError(f"{where}: {problem}")


# ---------------------------------------------------------------------------------------------- reading


def _encoding_error(path, head: bytes) -> PointsError | None:
    """The error for a file that is UTF-16 or binary, judged from its first bytes (None if neither)."""
    even, odd = head[0:64:2].count(0), head[1:64:2].count(0)  # UTF-16 of Latin text: every other byte is 0
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or max(even, odd) > 8 > 2 * min(even, odd):
        return PointsError(
            f'{path}: is UTF-16 text (what Excel calls "Unicode Text"); a points file must be UTF-8: {_SAVE_AS}'
        )
    if b"\x00" in head:
        return PointsError(f"{path}: is not a text file (it holds NUL bytes); a points file is a UTF-8 CSV: {_SAVE_AS}")
    return None


def _lines(fh, path) -> Iterator[str]:
    """The lines of a binary file as text, line endings kept, checked for UTF-8 and bounded in length."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    carry, lineno, first = "", 0, True
    while True:
        block = fh.read(BLOCK)
        if first:
            if (error := _encoding_error(path, block)) is not None:
                raise error
            if block.startswith(codecs.BOM_UTF8):
                block = block[len(codecs.BOM_UTF8) :]
            first = False
        elif b"\x00" in block:
            raise PointsError(
                f"{path}, after line {lineno}: holds NUL bytes, so it is not a text file; "
                f"a points file is a UTF-8 CSV: {_SAVE_AS}"
            )
        try:
            text = carry + decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            line = lineno + 1 + exc.object[: exc.start].count(b"\n")
            raise PointsError(
                f"{path}, line {line}: byte 0x{exc.object[exc.start]:02x} is not UTF-8 text; "
                f"the file is in another encoding: {_SAVE_AS}"
            ) from None
        if not text:
            if not block:
                return
            continue  # a block that ends inside a character (a pipe may give a few bytes at a time)
        lines = io.StringIO(text, newline="").readlines()
        carry = ""
        if block and (lines[-1][-1] not in "\r\n" or lines[-1][-1] == "\r"):
            carry = lines.pop()  # unfinished, or a \r whose \n may come with the next block
        if len(carry) > MAX_LINE or (len(text) > MAX_LINE and max(map(len, lines), default=0) > MAX_LINE):
            long = next((i for i, s in enumerate(lines) if len(s) > MAX_LINE), len(lines))
            raise PointsError(
                f"{path}, line {lineno + long + 1}: is longer than {MAX_LINE:,} characters; a points file has "
                "short lines of lon,lat[,name] (is this the right file?)"
            )
        lineno += len(lines)
        yield from lines


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _line_of(raw: list[list[str]], i: int, first_line: int) -> int:
    """The line on which ``raw[i]`` starts: blank rows count one line, quoted line breaks one more each."""
    return first_line + i + sum(_breaks(field) for row in raw[:i] for field in row)


def _header(row: list[str], path) -> tuple[int, int, int | None]:
    header = [h.strip().lower() for h in row]
    if "lon" not in header or "lat" not in header:
        raise PointsError(
            f"{path}: needs a header with 'lon' and 'lat' columns (and optionally 'name'); found {header or 'nothing'}"
        )
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        where = "; ".join(
            f"'{h}' in columns {', '.join(str(i + 1) for i, x in enumerate(header) if x == h)}" for h in repeated
        )
        raise PointsError(f"{path}: the header repeats a column ({where}); keep one of each")
    unknown = [(i + 1, h) for i, h in enumerate(header) if h not in COLUMNS]
    if unknown:
        named = ", ".join(f"'{h}' (column {i})" if h else f"with no name (column {i})" for i, h in unknown)
        raise PointsError(
            f"{path}: unknown column {named}; a points file has the columns lon, lat and optionally name. "
            "Remove the others (or rename the column of place names to name)"
        )
    return header.index("lon"), header.index("lat"), header.index("name") if "name" in header else None


class _Block:
    """The rows of one block and where they start, to name the line of a bad row."""

    def __init__(self, raw: list[list[str]], path, first_line: int):
        self.raw, self.path, self.first_line = raw, path, first_line
        self.rows = raw if all(raw) else [r for r in raw if r]  # blank lines hold no place

    def fail(self, i: int, problem: str) -> PointsError:
        """The error for ``self.rows[i]``, naming its line."""
        j = i if self.rows is self.raw else [k for k, r in enumerate(self.raw) if r][i]
        return PointsError(f"{self.path}, line {_line_of(self.raw, j, self.first_line)}: {problem}")

    def places(self, cols: tuple[int, int, int | None], width: int) -> Places:
        """The places of the block; a :class:`PointsError` naming the first bad row if any."""
        ilon, ilat, iname = cols
        rows = self.rows
        try:
            if max(map(len, rows)) > width:
                raise ValueError("a row with too many fields")
            if min(map(len, rows)) < width:  # missing fields read as empty
                self.rows = rows = [r + [""] * (width - len(r)) for r in rows]
            lons = np.fromiter(map(float, (r[ilon] for r in rows)), dtype=float, count=len(rows))
            lats = np.fromiter(map(float, (r[ilat] for r in rows)), dtype=float, count=len(rows))
            west, south, east, north = REGION
            if not ((lons >= west) & (lons <= east) & (lats >= south) & (lats <= north)).all():  # NaN is outside
                raise ValueError("a place outside the region")
        except ValueError:
            raise self._first_problem(cols, width) from None
        names = None if iname is None else [r[iname] or None for r in rows]
        return Places(lons, lats, names)

    def _first_problem(self, cols, width: int) -> PointsError:
        """The error for the first bad row, checked one by one in file order (only when the block fails)."""
        ilon, ilat, _ = cols
        for i, row in enumerate(self.rows):
            if len(row) > width:
                return self.fail(
                    i,
                    f"has {len(row)} fields but the header has {width}; "
                    'put a name that holds a comma in double quotes ("Kunashiri, south coast")',
                )
            row = row + [""] * (width - len(row))
            try:
                lon, lat = float(row[ilon]), float(row[ilat])
            except ValueError:
                return self.fail(i, f"lon and lat must be numbers, got {row[ilon].strip()!r}, {row[ilat].strip()!r}")
            if problem := _outside(lon, lat):
                return self.fail(i, problem)
        raise AssertionError("a block failed but none of its rows does")


@contextlib.contextmanager
def _gc_paused():
    """The cyclic garbage collector off while a block is parsed: its rows are lists that hold no cycles,
    and scanning them again and again tripled the time of reading a large file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_points(path, batch: int = BATCH) -> Iterator[Places]:
    """The places of a CSV file, block by block in file order (see the module's docstring for the rules).

    Raises :class:`PointsError` on the first problem, naming the line; the blocks before it have been
    yielded (and answered, by :func:`write_answers`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "places.csv"
    ...     _ = path.write_text('name,lon,lat\\n"Toyohara, town",142.7381,46.9592\\n', encoding="utf-8")
    ...     [(p.lons.tolist(), p.names) for p in read_points(path)]
    [([142.7381], ['Toyohara, town'])]
    """
    try:
        fh = open(path, "rb", buffering=0)  # noqa: SIM115 - closed below; unbuffered: read() returns what is there
    except OSError as exc:
        raise PointsError(f"cannot read points file {path}: {exc.strerror}") from None
    with fh:
        # csv's own field limit (131,072 characters) bounds a quoted field that runs over many lines
        # strict: a quote left open or text after a closing quote is an error, not a silently merged name
        reader = csv.reader(_lines(fh, path), skipinitialspace=True, strict=True)
        seen = False
        try:
            header = next(reader, [])
            cols = _header(header, path)
            while True:
                with _gc_paused():
                    first_line = reader.line_num + 1
                    raw = list(islice(reader, batch))
                    block = _Block(raw, path, first_line)
                    places = block.places(cols, len(header)) if block.rows else None
                if not raw:
                    break
                if places is not None:
                    yield places
                    seen = True
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                problem = "a double quote opened before this line is never closed (the file ends inside a quoted name)"
            else:
                problem = f"{exc}: is a double quote left open, or is this not a CSV file?"
            raise PointsError(f"{path}, line {reader.line_num}: {problem}") from None
        except OSError as exc:
            raise PointsError(f"cannot read points file {path}: {exc.strerror}") from None
    if not seen:
        raise PointsError(f"{path}: has a header but no places")


# ---------------------------------------------------------------------------------------------- answers


def describe(result: dict, name: str | None = None) -> str:
    """One answer as a line of text (a line break in ``name`` is shown as ``\\n``)."""
    where = f"{_one_line(name)}: " if name else ""
    when = result.get("day") or result["year"]
    if result["holder"] is None:
        return f"{where}{when}: at sea (no holder) — period {result['period_label']}"
    isl = result["island"]
    local = " / ".join(
        f"{a} {b}" for a, b in ((isl["name_ja"], isl["name_ja_romaji"]), (isl["name_ru"], isl["name_ru_latin"])) if a
    )
    text = f"{where}{when}: {isl['name_en']} ({local}) — held by {result['holder']} ({result['state']}); "
    if "day" in result:
        step = f"step {result['step']}: {result['status_text']}" if result["step"] else "not in the sequence"
        return text + f"1945 sequence {step}"
    text += f"period {result['period_label']}; treaty {result['treaty'] or 'none'}"
    if result["disputed"]:
        text += "; one of the four disputed islands (administered by Russia, claimed by Japan)"
    if result["occupied_by"]:
        text += f"; occupied by {result['occupied_by']}"
    return text


def json_row(result: dict, name: str | None = None) -> str:
    """One answer as a line of JSON (the documented keys, ``name`` first when given; a day adds its own)."""
    row = {k: result[k] for k in (_KEYS + _DAY_KEYS if "day" in result else _KEYS)}
    if name is not None:
        row = {"name": name, **row}
    return json.dumps(row, ensure_ascii=False)


def _one_line(name: str) -> str:
    if "\n" in name or "\r" in name:
        return name.replace("\r\n", "\\r\\n").replace("\n", "\\n").replace("\r", "\\r")
    return name


class Answerer:
    """Who held places at the end of one year (or ``day`` of 1945): every answer made once, then looked up.

    The same answers as :meth:`kurilmap.geometry.Atlas.holdings_at` (one per feature of the period
    layer, and one at sea). A whole block of places is asked at once: per feature, the places inside
    its bounding box (numpy) are tested against the prepared polygon (``shapely.contains_xy``, the
    same as ``within``: a place on a coast or on the 1905 cut is in no feature), about 50 times faster
    than one STRtree ``within`` query, which tests each point against the whole unprepared polygon.

    On a ``day`` of the 1945 sequence the places are looked up in the layer of the period before it
    (each of its features is one display unit) and answered with the unit's holder and status that
    day, as the map of that day shows them (:func:`kurilmap.scene.unit_look`).
    """

    def __init__(self, atlas, year, day: str | None = None):
        from kurilmap.naming import dated_names

        history = atlas.history
        if day is not None:
            year = atlas.campaign.year
        period = history.period_for(atlas.campaign.year - 1 if day is not None else year)
        year = int(year)
        layer = atlas.layers[period.id]
        occupied = {o.zone: o.by for o in history.occupations_in(year)}
        base = {"year": year, "period": period.id, "period_label": period.label["en"], "treaty": period.treaty}
        results = []
        for props in layer.properties:
            results.append(
                {
                    **base,
                    "holder": props["holder"],
                    "state": history.state_name(props["holder"], year),
                    "island": {"id": props["island"], **dated_names(props, year)},  # the names in use that year
                    "disputed": props["island"] in atlas.disputed_islands and period.disputed,
                    "occupied_by": occupied.get(props["zone"]),
                }
            )
        sea = {"holder": None, "state": None, "island": None, "disputed": False, "occupied_by": None}
        results.append({**base, **sea})  # the last one: at sea
        if day is not None:
            results = _on_day(atlas, period.id, layer, results, day)
        self.results = results
        self._geoms = list(layer.geometries)
        shapely.prepare(self._geoms)
        self._bounds = shapely.bounds(self._geoms).tolist()
        self._text = [describe(r) for r in results]
        self._json = [json_row(r) for r in results]
        self._json_tail = [line[1:] for line in self._json]  # after "{": for a row with a name first

    def which(self, lons, lats) -> np.ndarray:
        """The index into :attr:`results` of the answer for each place (the last one: at sea)."""
        x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        found = np.full(len(x), len(self.results) - 1, dtype=np.intp)
        for j, (geom, (west, south, east, north)) in enumerate(zip(self._geoms, self._bounds)):
            near = np.flatnonzero((x >= west) & (x <= east) & (y >= south) & (y <= north))
            if near.size:
                # a place in two features (never, in a valid layer) takes the last, as in holdings_at
                found[near[shapely.contains_xy(geom, x[near], y[near])]] = j
        return found

    def lines(self, places: Places, as_json: bool = False) -> list[str]:
        """The output lines for a block of places, in order."""
        found = self.which(places.lons, places.lats).tolist()
        names = places.names
        if as_json:
            if names is None:
                return [self._json[k] for k in found]
            enc, tail = json.encoder.encode_basestring, self._json_tail
            return [self._json[k] if n is None else '{"name": ' + enc(n) + ", " + tail[k] for n, k in zip(names, found)]
        if names is None:
            return [self._text[k] for k in found]
        text = self._text
        return [text[k] if n is None else _one_line(n) + ": " + text[k] for n, k in zip(names, found)]


def _on_day(atlas, period_id: str, layer, results: list[dict], day: str) -> list[dict]:
    """The answers of the layer before 1945 as on ``day``: each unit's holder, step and status that day."""
    from kurilmap.panel import status_text
    from kurilmap.scene import unit_look

    campaign = atlas.campaign
    by_feature = {u["features"][period_id]: u for u in atlas.display_units()}
    out = []
    for props, result in zip(layer.properties, results):
        unit = by_feature[props["id"]]
        _, holder, _ = unit_look(atlas, unit, campaign.year, day)
        step = campaign.step_of(unit["id"])
        status = campaign.status(unit["id"], day)
        out.append(
            {
                **result,
                "day": day,
                "holder": holder,
                "state": atlas.history.state_name(holder, campaign.year),
                "disputed": False,  # not yet a dispute on a day of 1945 (as the map of the day shows it)
                "step": step.id if step else None,
                "status": status,
                "status_text": status_text(status, step, "en") if step else None,
            }
        )
    at_sea = {"day": day, "step": None, "status": None, "status_text": None}
    return out + [{**results[-1], **at_sea}]


def write_answers(atlas, year, blocks, out, *, as_json: bool = False, day: str | None = None) -> int:
    """Write one answer line per place of ``blocks`` (:class:`Places`) to ``out``; return the count.

    With ``day`` (a checked day of the 1945 sequence) the answers are those of that day.
    """
    answerer = Answerer(atlas, year, day)
    count = 0
    for places in blocks:
        lines = answerer.lines(places, as_json)
        out.write("\n".join(lines) + "\n")
        count += len(lines)
    return count
