from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from connectc import schema
from tests.conftest import REPO

SCHEMA_DIR = REPO / "generated" / "schema"
MODELINE = "# yaml-language-server: $schema="


def example_files() -> list[Path]:
    files = sorted((REPO / "specs").rglob("*.yaml")) + sorted(
        (REPO / "env").glob("*.yaml")
    )
    return [f for f in files if "samples" not in f.parts]


def test_committed_schemas_are_current() -> None:
    for name, current in schema.schemas().items():
        committed = (SCHEMA_DIR / name).read_text("utf-8")
        assert committed == schema.render(current), f"run `connectc schema`: {name}"


def test_schemas_are_valid_draft_07() -> None:
    for name in schema.schemas():
        document = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
        assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(document)


def _properties_without_description(node: object, where: str) -> list[str]:
    missing = []
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            if isinstance(value, dict) and "description" not in value:
                missing.append(f"{where}.{key}")
        for key, value in node.items():
            missing += _properties_without_description(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            missing += _properties_without_description(item, where)
    return missing


def test_every_field_is_described_and_unknown_keys_rejected() -> None:
    for name, document in schema.schemas().items():
        assert _properties_without_description(document, name) == []
        assert document.get("additionalProperties") is False, name


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_files_validate_and_name_their_schema(path: Path) -> None:
    text = path.read_text("utf-8")
    first = text.splitlines()[0]
    assert first.startswith(MODELINE), "the example names its schema"
    target = (path.parent / first[len(MODELINE) :]).resolve()
    assert target.parent == SCHEMA_DIR
    document = json.loads(target.read_text("utf-8"))
    jsonschema.Draft7Validator(document).validate(yaml.safe_load(text))


def test_schema_rejects_an_unknown_block_key() -> None:
    document = json.loads((SCHEMA_DIR / "flow.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(document)
    good = {"flow": "F", "start": "a", "blocks": {"a": {"play": "hi", "next": "b"}}}
    bad = {"flow": "F", "start": "a", "blocks": {"a": {"play": "hi", "nxt": "b"}}}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors(bad)) != []
