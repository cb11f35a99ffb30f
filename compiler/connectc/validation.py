"""Turn pydantic validation errors into coded diagnostics at YAML positions.

Pydantic locations mix data keys with union member names and discriminator
tags; `data_path` follows a location through the actual data so the span is
the user's node. Errors at one place from several union members become one.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from connectc import model
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.yamlio import Path_, SourceMap

_TYPE_ERRORS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "none_required": "no value",
    "literal_error": None,
}


def describe_json(value: Any) -> str:
    """How a decoded JSON value looks, in JSON's words (templates, exports)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def describe(value: Any) -> str:
    """How a YAML value looks to the user, for "found …" in messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'text "{value[:40]}"'
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, bool]:
    """The path through `data` that `loc` names, and whether it reached the end."""
    path: list[str | int] = []
    current = data
    for item in loc:
        if (
            isinstance(current, dict)
            and item in current
            or (
                isinstance(current, list)
                and isinstance(item, int)
                and item < len(current)
            )
        ):
            path.append(item)
            current = current[item]
        elif isinstance(current, dict) and isinstance(item, str) and item in model.TAGS:
            continue
    return tuple(path), not isinstance(current, (dict, list)) or bool(path)


def _vocabulary() -> set[str]:
    words: set[str] = set(model.VERBS) | set(model.TRANSITION_DOCS)
    for cls in _all_models():
        for name, field in cls.model_fields.items():
            words.add(field.alias or name)
    return words


def _all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [model.Spec, model.ProjectFile]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def _where(path: Path_) -> str:
    if len(path) >= 2 and path[0] == "blocks":
        rest = ".".join(str(p) for p in path[2:])
        return f'block "{path[1]}"' + (f' at "{rest}"' if rest else "")
    if path:
        return '"' + ".".join(str(p) for p in path) + '"'
    return "the file"


def report_errors(
    error: ValidationError,
    shape: type[BaseModel],
    data: Any,
    base: Path_,
    source: SourceMap,
    diagnostics: Diagnostics,
) -> None:
    """Report each distinct problem of `error` once, at the closest node."""
    seen: dict[tuple[Path_, str], list[dict[str, Any]]] = {}
    for details in error.errors(include_url=False):
        item: dict[str, Any] = dict(details)
        path, _ = data_path(data, tuple(item["loc"]))
        kind = "extra" if item["type"] == "extra_forbidden" else item["type"]
        if kind == "missing":
            path = (*path, str(item["loc"][-1]))
        group = "type" if kind in _TYPE_ERRORS else kind
        seen.setdefault(
            (path, group if kind not in ("extra", "missing") else kind), []
        ).append(item)
    for (path, group), items in seen.items():
        _report_group((*base, *path), group, items, source, diagnostics)


def _report_group(
    path: Path_,
    group: str,
    items: list[dict[str, Any]],
    source: SourceMap,
    diagnostics: Diagnostics,
) -> None:
    first = items[0]
    if group == "extra":
        key = str(path[-1])
        vocabulary = _vocabulary()
        if key in vocabulary:
            notes = [f'"{key}" belongs to other kinds of blocks or files, not here']
        else:
            notes = did_you_mean(key, vocabulary)
        span = source.span(path, key=True)
        diagnostics.report("CC0006", span, key, _where(path[:-1]), notes=notes)
    elif group == "missing":
        span = source.span(path[:-1], key=True)
        diagnostics.report("CC0008", span, path[-1], _where(path[:-1]))
    elif group == "type":
        expected = _expected(items)
        found = describe(first["input"])
        diagnostics.report("CC0007", source.span(path), _where(path), expected, found)
    else:
        message = _message(first)
        diagnostics.report("CC0013", source.span(path), f"{_where(path)}: {message}")


def _expected(items: list[dict[str, Any]]) -> str:
    names: list[str] = []
    for item in items:
        if item["type"] == "literal_error":
            names.append("one of " + str(item.get("ctx", {}).get("expected", "")))
        else:
            names.append(_TYPE_ERRORS.get(item["type"]) or "a different value")
    unique = list(dict.fromkeys(names))
    return " or ".join(unique)


def _message(item: dict[str, Any]) -> str:
    text = str(item["msg"])
    text = re.sub(r"^(Value error|Assertion failed), ", "", text)
    text = text.replace("Input should", "should").replace("String should", "should")
    found = describe(item.get("input"))
    return f"{text[0].lower()}{text[1:]} (found {found})"
