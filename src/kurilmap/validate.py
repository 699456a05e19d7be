"""One validation pass over ``geodata/sources/``: each file against its schema in ``datapackage.json``.

The JSON tables are checked with their ``jsonSchema`` by :mod:`jsonschema`; the CSV tables with
their Table Schema ``fields`` (each row turned into a JSON object and checked by the same
validator, plus the header and unique keys). The references between the tables and the layers are
checked in :mod:`kurilmap.crosscheck`. Any problem raises one :class:`~kurilmap.data.DataError`
that names the file, the place in it, what was expected and what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kurilmap.data import DataError, parse_json, read_text

#: The fix for a broken source table: the tables are edited by hand, so restoring is the safe advice.
SOURCE_FIX = (
    "Correct the file (see geodata/datapackage.json for its schema) or restore it with `git checkout -- geodata`."
)
_CSV_TYPES = {"string": "string", "number": "number", "integer": "integer"}


@dataclass(frozen=True)
class Sources:
    """The validated tables of ``geodata/sources/``, as read."""

    periods: dict
    treaties: dict
    events: dict
    disputed: dict
    treaty_lines: dict
    gazetteer: tuple[dict, ...]
    towns: tuple[dict, ...]
    names: dict
    campaign: dict
    positions: dict
    tours: dict


_FILES = {
    "periods": "sources/periods.json",
    "treaties": "sources/treaties.json",
    "events": "sources/events.json",
    "disputed": "sources/disputed.json",
    "treaty_lines": "sources/treaty_lines.json",
    "gazetteer": "sources/gazetteer.csv",
    "towns": "sources/towns.csv",
    "names": "sources/names.json",
    "campaign": "sources/campaign_1945.json",
    "positions": "sources/positions.json",
    "tours": "sources/tours.json",
}


def read_sources(directory: Path, package: dict) -> Sources:
    """Read and check every table of ``directory/sources`` against ``package`` (datapackage.json)."""
    return Sources(**{key: read_source(directory, package, path) for key, path in _FILES.items()})


def read_source(directory: Path, package: dict, relpath: str):
    """One source table, checked against its resource in ``package``; JSON as a dict, CSV as row dicts."""
    resource = _resource(package, relpath)
    path = Path(directory) / relpath
    text = read_text(path, SOURCE_FIX)
    if resource.get("format") == "csv":
        return tuple(_check_csv(path, text, resource))
    data = parse_json(text, path, SOURCE_FIX)
    schema = resource["jsonSchema"]  # the package's shared $defs, and any of the table's own
    _check_json(path, data, {**schema, "$defs": {**package.get("$defs", {}), **schema.get("$defs", {})}})
    return data


def _resource(package: dict, relpath: str) -> dict:
    for res in package.get("resources", []):
        if relpath in res.get("paths", []):
            return res
    raise DataError(
        "is not described in datapackage.json",
        file=relpath,
        fix="Describe it in geodata/datapackage.json or restore that file with `git checkout -- geodata`.",
    )


def _validator(schema: dict):
    from jsonschema import Draft202012Validator  # imported when data is validated, not on every import

    return Draft202012Validator(schema)


def _check_json(path: Path, data, schema: dict) -> None:
    from jsonschema.exceptions import best_match

    error = best_match(_validator(schema).iter_errors(data))
    if error is not None:
        raise DataError(
            _problem(error),
            file=path,
            where=_where(data, list(error.absolute_path)),
            expected=error.schema.get("description") if isinstance(error.schema, dict) else None,
            fix=SOURCE_FIX,
        )


def _where(data, path: list) -> str:
    """``periods[2] (id 1905) → label → en``: the JSON path, with the id of each listed object."""
    parts, node = [], data
    for key in path:
        if isinstance(key, int):
            parts[-1] = f"{parts[-1] if parts else ''}[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            ident = node.get("id") if isinstance(node, dict) else None
            if isinstance(ident, str):
                parts[-1] += f" (id {ident[:40]})"
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return " → ".join(parts) or "the whole file"


def _problem(error) -> str:
    value = repr(error.instance)
    shown = value if len(value) <= 60 else value[:57] + "..."
    kind = error.validator
    if kind == "required":
        return error.message.replace("is a required property", "is missing")
    if kind in ("type", "enum", "pattern", "minimum", "maximum", "minLength", "minItems", "anyOf", "$ref"):
        return f"wrong value {shown}"
    if kind == "additionalProperties":
        return error.message
    return f"{error.message[:200]}"


def _check_csv(path: Path, text: str, resource: dict) -> list[dict]:
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != names:
        raise DataError(
            f"the header is {','.join(header or []) or 'missing'}",
            file=path,
            where="line 1",
            expected=f"the columns {','.join(names)} in this order",
            fix=SOURCE_FIX,
        )
    row_schema = {
        "type": "object",
        "properties": {f["name"]: _column_schema(f) for f in fields},
        "required": [f["name"] for f in fields if f.get("constraints", {}).get("required")],
    }
    validator = _validator(row_schema)
    from jsonschema.exceptions import best_match

    numeric = {f["name"] for f in fields if f["type"] in ("number", "integer")}
    rows, seen = [], {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for line, values in enumerate(reader, start=2):
        if not values:
            continue
        if len(values) != len(names):
            raise DataError(
                f"has {len(values)} values",
                file=path,
                where=f"line {line}",
                expected=f"{len(names)} values ({','.join(names)})",
                fix=SOURCE_FIX,
            )
        row = {name: _convert(value, field) for name, value, field in zip(names, values, fields)}
        error = best_match(validator.iter_errors({k: v for k, v in row.items() if v is not None}))
        if error is not None:
            column = error.path[0] if error.path else (error.message.split("'")[1] if "'" in error.message else "")
            field = next((f for f in fields if f["name"] == column), {})
            raise DataError(
                f"wrong or missing value {str(row.get(column))[:60]!r}",
                file=path,
                where=f"line {line}, column {column}",
                expected=_expected(field),
                fix=SOURCE_FIX,
            )
        for name, values_seen in seen.items():
            if row[name] in values_seen:
                raise DataError(
                    f"{name} {row[name]!r} appears twice (also on line {values_seen[row[name]]})",
                    file=path,
                    where=f"line {line}, column {name}",
                    expected=f"each {name} once",
                    fix=SOURCE_FIX,
                )
            values_seen[row[name]] = line
        rows.append({k: ("" if v is None and k not in numeric else v) for k, v in row.items()})
    return rows


def _convert(value: str, field: dict):
    value = value.strip()
    if value == "":
        return None
    if field["type"] in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return value  # left as text: the schema's type check names it
        return int(number) if field["type"] == "integer" and number.is_integer() else number
    return value


def _column_schema(field: dict) -> dict:
    c = field.get("constraints", {})
    schema = {"type": _CSV_TYPES[field["type"]]}
    for key in ("enum", "pattern", "minimum", "maximum"):
        if key in c:
            schema[key] = c[key]
    return schema


def _expected(field: dict) -> str:
    c = field.get("constraints", {})
    parts = [f"a {field.get('type', 'value')}"]
    if "enum" in c:
        parts.append("one of " + ", ".join(c["enum"]))
    if "minimum" in c and "maximum" in c:
        parts.append(f"from {c['minimum']} to {c['maximum']}")
    if "pattern" in c:
        parts.append("of lower-case letters, digits and hyphens")
    return " ".join(parts) + (" (required)" if c.get("required") else "")
