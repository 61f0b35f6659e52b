"""The JSON export validates against its published schema (yourdata/export_schema.json,
written up in docs/privacy.md#export), with a small checker for the keywords it uses:
``jsonschema`` is not a dependency, and one schema does not justify adding it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.export_helpers import build, export_json, log_in_recently

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "yourdata" / "export_schema.json").read_text()
)
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
KNOWN = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum"}
KNOWN |= {"required", "properties", "additionalProperties", "items"}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind])


def errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the keywords in ``KNOWN``; anything else fails)."""
    unknown = set(schema) - KNOWN
    assert not unknown, f"the checker does not know {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, SCHEMA["$defs"][name], path)
    if "const" in schema and value != schema["const"]:
        return [f"{path}: {value!r} is not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} is not one of {schema['enum']}"]
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            return [f"{path}: {value!r} is not {kinds}"]
    found = []
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        found += [
            f"{path}: {key} missing" for key in schema.get("required", []) if key not in value
        ]
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], f"{path}.{key}")
            elif extra is False:
                found.append(f"{path}: {key} is not in the schema")
            elif isinstance(extra, dict):
                found += errors(item, extra, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            found += errors(item, schema["items"], f"{path}[{n}]")
    return found


def test_the_checker_catches_what_it_should():
    assert errors({"format": "twoway-export"}, SCHEMA)  # most of it missing
    week = {"week_of": "2026-01-05", "revealed_at": None, "questions": {}, "partners": None}
    assert errors(week | {"reactions": [], "yours": None}, SCHEMA["$defs"]["week"]) == []
    assert errors(week | {"reactions": [], "yours": None, "extra": 1}, SCHEMA["$defs"]["week"])
    assert errors(
        week | {"reactions": [{"by": "someone"}], "yours": None}, {"$ref": "#/$defs/week"}
    )


def test_the_export_of_every_kind_of_data_validates(
    client, partner_a, partner_b, couple, counsellor
):
    build(partner_a, partner_b, couple, counsellor)
    log_in_recently(client, partner_a)
    _, data = export_json(client)
    assert errors(data, SCHEMA) == []


@pytest.mark.parametrize("role", ["loner", "counsellor", "outsider"])
def test_an_export_with_little_in_it_validates(client, role, request):
    log_in_recently(client, request.getfixturevalue(role))
    _, data = export_json(client)
    assert errors(data, SCHEMA) == []


def test_the_schema_names_the_version_the_code_writes():
    from yourdata import export

    assert SCHEMA["properties"]["format"] == {"const": export.FORMAT}
    assert SCHEMA["properties"]["version"] == {"const": export.VERSION}
