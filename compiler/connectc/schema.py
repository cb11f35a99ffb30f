"""JSON Schemas (draft-07) for editors, generated from the spec models.

`connectc schema` writes flow, module, env, contract and project schemas to
`generated/schema/`; the example specs name them in a yaml-language-server
modeline. Blocks are a `oneOf` of one model per verb, from `model.VERBS`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from connectc import atomic, model

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    """Pydantic writes 2020-12 `$defs`; editors expect draft-07 `definitions`."""
    text = json.dumps(schema).replace("#/$defs/", "#/definitions/")
    result: dict[str, Any] = json.loads(text)
    if "$defs" in result:
        result["definitions"] = result.pop("$defs")
    return {"$schema": DRAFT_07, **result}


def _model_schema(shape: type[BaseModel]) -> dict[str, Any]:
    return shape.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")


def _with_blocks(schema: dict[str, Any]) -> dict[str, Any]:
    definitions = schema.setdefault("$defs", {})
    choices = []
    for verb, block_model in model.BLOCK_MODELS.items():
        block_schema = _model_schema(block_model)
        definitions.update(block_schema.pop("$defs", {}))
        name = block_model.__name__
        block_schema["description"] = model.VERBS[verb].doc
        definitions[name] = block_schema
        choices.append({"$ref": f"#/$defs/{name}"})
    blocks = schema["properties"]["blocks"]
    blocks["additionalProperties"] = {"oneOf": choices}
    blocks["propertyNames"] = {"maxLength": 50, "pattern": r"^[^%:()\\/=$,;\[\]{}]+$"}
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name."""
    return {
        "flow.schema.json": _draft07(_with_blocks(_model_schema(model.FlowFile))),
        "module.schema.json": _draft07(_with_blocks(_model_schema(model.ModuleFile))),
        "env.schema.json": _draft07(_model_schema(model.EnvFile)),
        "contract.schema.json": _draft07(_model_schema(model.ContractFile)),
        "project.schema.json": _draft07(_model_schema(model.ProjectFile)),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(directory: Path) -> list[Path]:
    """Write every schema into `directory`; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        atomic.write(path, render(schema).encode("utf-8"))
        written.append(path)
    return written
