"""Lambda contracts: their shape, and recorded samples checked against them.

A contract (`specs/contracts/<Name>.yaml`) declares the parameters a flow sends
to a Lambda and the keys of its response, with types. `verify_samples` reads
the samples recorded next to it (`<Name>/samples/*.json`, plus
`<Name>/samples/<env>/*.json` for one environment), each
`{"parameters": {...}, "response": {...}}`, and reports CC3128 where one does
not match. `shape` is the contract's normalised form, for snapshot tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connectc import loader
from connectc.diagnostics import Diagnostics, Span
from connectc.yamlio import (
    Path_,
    SourceMap,
    json_int,
    load_text,
    read_failure,
    read_regular,
)

SECTIONS = ("parameters", "response")
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


@dataclass(frozen=True)
class Field:
    """One declared key: its JSON type, allowed values and whether required."""

    type: str = "string"
    enum: tuple[str, ...] | None = None
    required: bool = True


def fields(contract: dict[str, Any], section: str) -> dict[str, Field]:
    """The declared keys of a contract's `parameters` or `response`."""
    found: dict[str, Field] = {}
    for key, value in (contract.get(section) or {}).items():
        if isinstance(value, str):
            found[key] = Field(value)
        else:
            enum = value.get("enum")
            found[key] = Field(
                str(value.get("type", "string")),
                tuple(str(v) for v in enum) if enum is not None else None,
                bool(value.get("required", True)),
            )
    return found


def shape(contract: dict[str, Any]) -> dict[str, Any]:
    """A contract as plain sorted data: what snapshot tests compare."""
    return {
        section: {
            key: {"type": f.type, "required": f.required, "enum": list(f.enum or [])}
            for key, f in sorted(fields(contract, section).items())
        }
        for section in SECTIONS
    }


def sample_shape(sample: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The keys and JSON types of a recorded sample."""
    return {
        section: {
            k: _type_of(v) for k, v in sorted((sample.get(section) or {}).items())
        }
        for section in SECTIONS
    }


def _type_of(value: Any) -> str:
    for name, kinds in JSON_TYPES.items():
        if isinstance(value, kinds) and not (
            name == "number" and isinstance(value, bool)
        ):
            return name
    return "null"


def sample_files(specs: Path, name: str, env: str | None) -> list[Path]:
    """The recorded samples of contract `name`, shared ones first."""
    found: list[Path] = []
    for folder in sorted(specs.rglob(f"{name}/samples")):
        found += sorted(folder.glob("*.json"))
        if env is not None:
            found += sorted((folder / env).glob("*.json"))
    return found


def verify_samples(
    specs: Path, env: str, diagnostics: Diagnostics | None = None
) -> Diagnostics:
    """Check every contract's samples; with `diagnostics`, load problems too."""
    found = diagnostics if diagnostics is not None else Diagnostics()
    loading = found if diagnostics is not None else Diagnostics()
    project = loader.load_project(specs, env, loading)
    for name, contract in sorted(project.contracts.items()):
        for path in sample_files(specs, name, env):
            shown = loader.display_path(path, project.root)
            per_env = path.parent.name == env and path.parent.parent.name == "samples"
            label = f"{env}/{path.name}" if per_env else path.name
            _verify(contract, name, path, shown, label, found)
    return found


def _verify(
    contract: dict[str, Any],
    name: str,
    path: Path,
    shown: str,
    label: str,
    diagnostics: Diagnostics,
) -> None:
    try:
        text = read_regular(path).decode("utf-8-sig")
        sample = json.loads(text, parse_int=json_int)
    except (OSError, UnicodeDecodeError) as error:
        reason = read_failure(error)
        diagnostics.report("CC0001", Span(shown), f'"{shown}"', reason)
        return
    except json.JSONDecodeError as error:
        span = Span(shown, error.lineno, error.colno)
        diagnostics.report("CC3128", span, label, name, f"not JSON: {error.msg}")
        return
    except (ValueError, RecursionError) as error:  # a huge number, deep nesting
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        diagnostics.report("CC3128", Span(shown, 1, 1), label, name, reason)
        return
    source = load_text(shown, text, Diagnostics()).source
    if not isinstance(sample, dict) or not isinstance(sample.get("response"), dict):
        problem = 'expected an object with a "response" object'
        diagnostics.report("CC3128", source.span(()), label, name, problem)
        return
    for section in SECTIONS:
        values = sample.get(section)
        if values is None and section == "parameters":
            continue
        check = _Check(contract, name, label, source, diagnostics)
        check.section(section, values)


@dataclass
class _Check:
    contract: dict[str, Any]
    name: str
    label: str
    source: SourceMap
    diagnostics: Diagnostics

    def report(self, path: Path_, problem: str, *, key: bool = False) -> None:
        span = self.source.span(path, key=key)
        self.diagnostics.report("CC3128", span, self.label, self.name, problem)

    def section(self, section: str, values: Any) -> None:
        if not isinstance(values, dict):
            self.report((section,), f'"{section}" is not an object')
            return
        declared = fields(self.contract, section)
        for key, value in values.items():
            field = declared.get(key)
            if field is None:
                problem = f'{section} key "{key}" is not in the contract'
                self.report((section, key), problem, key=True)
            else:
                self.value(section, key, value, field)
        for key, field in declared.items():
            if field.required and key not in values:
                problem = f'{section} has no "{key}", which is required'
                self.report((section,), problem, key=True)

    def value(self, section: str, key: str, value: Any, field: Field) -> None:
        kind = _type_of(value)
        if kind != field.type:
            problem = f'{section} key "{key}" is {kind}, not {field.type}'
            self.report((section, key), problem)
        elif field.enum is not None and str(value) not in field.enum:
            allowed = ", ".join(f'"{v}"' for v in field.enum)
            problem = f'{section} key "{key}" is "{value}", not one of {allowed}'
            self.report((section, key), problem)
