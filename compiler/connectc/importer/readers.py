"""Readers: from files and directories to flow-language documents.

Input: paths (files or directories). Output: `Document`s (name, kind, type,
description, content) and skipped files. Recognises console exports,
describe-contact-flow(-module) output, `{Name, Type, Content}` wrappers and
CloudFormation/CDK templates (JSON or YAML). Codes: CC6001-CC6009, CC6010,
CC6019, CC6024, CC6026. Never raises on bad input.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from connectc.actions import CONTACT_FLOW_TYPES, FLOW_TYPE_BY_DESIGNER
from connectc.diagnostics import Diagnostics, Span, file_span
from connectc.importer import structure
from connectc.importer.structure import THE_FILE
from connectc.validation import describe_json
from connectc.yamlio import json_int, read_regular

log = logging.getLogger(__name__)

MAX_BYTES = 16 * 1024 * 1024
IMPORT_SUFFIXES = (".json", ".yaml", ".yml", ".template")
FAILED = object()  # what the parsers return when they reported a problem

CFN_FLOW = "AWS::Connect::ContactFlow"
CFN_MODULE = "AWS::Connect::ContactFlowModule"

API_TYPES = CONTACT_FLOW_TYPES
MAX_NAME = 127  # characters in a flow or module name


@dataclass
class Document:
    """One flow or module found in an import source, content decoded."""

    name: str
    kind: str  # "flow" or "module"
    type: str | None  # API ContactFlowType; None for modules
    description: str | None
    content: dict[str, Any]
    source: Path
    origin: str  # export, describe, wrapper or cloudformation:<LogicalId>
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def span(self) -> Span:
        return file_span(self.source)

    @property
    def label(self) -> str:
        """How diagnostics name the document: the file, and the resource in it."""
        if self.origin.startswith("cloudformation:"):
            return f'{self.source} resource "{self.origin.split(":", 1)[1]}"'
        return str(self.source)


@dataclass
class ReadResult:
    """What the readers produced: documents, and files left aside with why."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def read_paths(paths: Iterable[Path], diagnostics: Diagnostics) -> ReadResult:
    """Read every file named or found under a directory, in a stable order."""
    result = ReadResult()
    seen: set[Path] = set()  # a file named twice (`dir dir/x.json`) is read once
    for path in paths:
        found = _walk(path) if path.is_dir() else iter([(path, "")])
        for file, reason in found:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            if reason:
                result.skipped.append((file, reason))
            else:
                _read_into(file, diagnostics, result)
    return result


def read_file(path: Path, diagnostics: Diagnostics) -> list[Document]:
    """The documents in one file; problems go to `diagnostics`."""
    text = _read_text(path, diagnostics)
    if text is None:
        return []
    return read_text(text, path, diagnostics)


def read_text(text: str, path: Path, diagnostics: Diagnostics) -> list[Document]:
    """The documents in `text` as if read from `path` (for tests and fuzzing)."""
    data = _parse(text, path, diagnostics)
    return [] if data is FAILED else _documents(data, path, diagnostics)


def _read_into(path: Path, diagnostics: Diagnostics, result: ReadResult) -> None:
    before = len(diagnostics)
    documents = read_file(path, diagnostics)
    result.documents.extend(documents)
    if not documents:
        found = diagnostics.items[before:]
        if not found:  # every way of finding nothing should have said why
            problem = "no flow was found in it"
            found = [diagnostics.report("CC6005", file_span(path), THE_FILE, problem)]
        result.skipped.append((path, f"{found[0].message} [{found[0].code}]"))


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under `root` sorted by path, hidden ones left out; a reason to skip."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        if path.name.lower().endswith(IMPORT_SUFFIXES):
            yield path, ""
        else:
            yield path, "not a .json, .yaml, .yml or .template file"


# --- text and parsing ------------------------------------------------------


def _read_text(path: Path, diagnostics: Diagnostics) -> str | None:
    span = file_span(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            diagnostics.report("CC6024", span, THE_FILE, f"{size} bytes", "16 MiB")
            return None
        raw = read_regular(path)
    except OSError as error:
        diagnostics.report("CC6001", span, path, error.strerror or str(error))
        return None
    return _decode(raw, path, diagnostics)


def _decode(raw: bytes, path: Path, diagnostics: Diagnostics) -> str | None:
    """UTF-8 (BOM allowed), or UTF-16 with a BOM as PowerShell writes it."""
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte {error.start} is not UTF-8 text"
        diagnostics.report("CC6001", file_span(path), path, where)
        return None


def _parse(text: str, path: Path, diagnostics: Diagnostics) -> Any:
    """JSON when the text starts like JSON, else YAML (CloudFormation)."""
    stripped = text.lstrip()
    if not stripped:
        diagnostics.report("CC6005", file_span(path), THE_FILE, "it is empty")
        return FAILED
    if stripped[0] in '{["':
        return _parse_json(text, path, diagnostics)
    return _parse_yaml(text, path, diagnostics)


def _parse_json(text: str, path: Path, diagnostics: Diagnostics) -> Any:
    try:
        data = loads(text)
    except json.JSONDecodeError as error:
        span = Span(str(path), error.lineno, error.colno)
        if _truncated(error, text):
            diagnostics.report("CC6003", span, THE_FILE, error.msg)
        else:
            diagnostics.report("CC6002", span, THE_FILE, error.msg)
        return FAILED
    except DuplicateKey as duplicate:
        line, column = _line_column(text, duplicate_at(text))
        span = Span(str(path), line, column) if line else file_span(path)
        diagnostics.report("CC6026", span, THE_FILE, duplicate.key)
        return FAILED
    except RecursionError:
        diagnostics.report("CC6002", file_span(path), THE_FILE, "nesting is too deep")
        return FAILED
    except ValueError as error:  # a number json_int refuses
        diagnostics.report("CC6002", file_span(path), THE_FILE, str(error))
        return FAILED
    if isinstance(data, str) and data.lstrip().startswith("{"):
        # A whole file that is one JSON string: content encoded once more.
        return _parse_json(data, path, diagnostics)
    return data


class DuplicateKey(ValueError):
    """A JSON object or YAML mapping names the same key twice."""

    def __init__(self, key: str, line: int = 0, column: int = 0) -> None:
        super().__init__(key)
        self.key, self.line, self.column = key, line, column


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # `dict` keeps the last of two equal keys; Connect's own reader may not,
    # so a document that repeats a key has no single meaning to import.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


def loads(text: str) -> Any:
    """`json.loads` that refuses an object repeating a key (DuplicateKey)."""
    return json.loads(text, object_pairs_hook=_unique_pairs, parse_int=json_int)


def duplicate_at(text: str) -> int | None:
    """Offset of the opening brace of the first object that repeats a key.

    Runs only after `loads` found one: the pure-Python scanner is slow, but
    it is the only one that says where each object starts.
    """
    found: list[int] = []
    internals: Any = json.decoder  # JSONObject and py_make_scanner have no stubs
    scanner: Any = json.scanner

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        strict, scan_once, _, _, memo = args
        pairs, end = internals.JSONObject(
            s_and_end, strict, scan_once, None, list, memo
        )
        keys = [key for key, _ in pairs]
        if not found and len(set(keys)) != len(keys):
            found.append(s_and_end[1] - 1)
        return dict(pairs), end

    decoder: Any = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = scanner.py_make_scanner(decoder)
    try:
        decoder.decode(text)
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


def _line_column(text: str, offset: int | None) -> tuple[int, int]:
    if offset is None:
        return 0, 0
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _truncated(error: json.JSONDecodeError, text: str) -> bool:
    """The parser ran out of text: at its end, or inside a string reaching it."""
    return error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated")


def _parse_yaml(text: str, path: Path, diagnostics: Diagnostics) -> Any:
    try:
        return yaml.load(text, Loader=_TemplateLoader)  # noqa: S506 (safe subclass)
    except DuplicateKey as duplicate:
        where = Span(str(path), duplicate.line, duplicate.column)
        diagnostics.report("CC6026", where, THE_FILE, duplicate.key)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        span = Span(str(path), mark.line + 1, mark.column + 1) if mark else None
        problem = error.problem or error.context or "cannot parse"
        diagnostics.report("CC6002", span or file_span(path), THE_FILE, problem)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        diagnostics.report(
            "CC6002", file_span(path), THE_FILE, str(error) or "bad YAML"
        )
    return FAILED


try:  # libyaml's loader when PyYAML was built with it: several times faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _TemplateLoader(_BaseLoader):
    """Safe YAML with CloudFormation's short-form intrinsic tags (`!Sub`, …),
    refusing a mapping that repeats a key (PyYAML would keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            if key_node.value in seen and key_node.value != "<<":
                mark = key_node.start_mark
                raise DuplicateKey(key_node.value, mark.line + 1, mark.column + 1)
            seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _intrinsic(loader: Any, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = None
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)


# --- recognising documents -------------------------------------------------


def _documents(data: Any, path: Path, diagnostics: Diagnostics) -> list[Document]:
    span = file_span(path)
    if isinstance(data, list):
        if data and all(isinstance(item, dict) for item in data):
            return [d for item in data for d in _documents(item, path, diagnostics)]
        diagnostics.report("CC6005", span, THE_FILE, "found a list of values")
        return []
    if not isinstance(data, dict):
        found = f"found {describe_json(data)}"
        diagnostics.report("CC6005", span, THE_FILE, found)
        return []
    return _from_mapping(data, path, diagnostics)


def _from_mapping(
    data: dict[Any, Any], path: Path, diagnostics: Diagnostics
) -> list[Document]:
    span = file_span(path)
    if structure.is_legacy(data):
        diagnostics.report("CC6004", span, THE_FILE, notes=_LEGACY_NOTES)
        return []
    if "Resources" in data or "AWSTemplateFormatVersion" in data:
        return _from_template(data, path, diagnostics)
    for key, kind, origin in (
        ("ContactFlow", "flow", "describe"),
        ("ContactFlowModule", "module", "describe"),
    ):
        if isinstance(data.get(key), dict):
            return _from_wrapper(data[key], kind, origin, path, diagnostics)
    if "Content" in data:
        return _from_wrapper(data, None, "wrapper", path, diagnostics)
    if any(key in data for key in ("Actions", "StartAction", "Version")):
        return _document(data, {}, None, "export", path, diagnostics)
    keys = ", ".join(f'"{k}"' for k in list(data)[:5]) or "no keys"
    diagnostics.report("CC6005", span, THE_FILE, f"found a mapping with {keys}")
    return []


_LEGACY_NOTES = (
    "open the flow in the Amazon Connect console, save it, and export it again",
    "or read it with `aws connect describe-contact-flow`, which returns the "
    "flow language",
)


def _from_wrapper(
    wrapper: dict[Any, Any],
    kind: str | None,
    origin: str,
    path: Path,
    diagnostics: Diagnostics,
) -> list[Document]:
    content = wrapper.get("Content")
    if isinstance(content, str):
        content = _decode_content(content, path, diagnostics)
        if content is FAILED:
            return []
    if not isinstance(content, dict):
        found = f'its "Content" is {describe_json(content)}'
        diagnostics.report("CC6005", file_span(path), THE_FILE, found)
        return []
    if structure.is_legacy(content):
        diagnostics.report("CC6004", file_span(path), THE_FILE, notes=_LEGACY_NOTES)
        return []
    if kind is None and "ContactFlowModuleId" in wrapper:
        kind = "module"
    return _document(content, wrapper, kind, origin, path, diagnostics)


def _decode_content(text: str, path: Path, diagnostics: Diagnostics) -> Any:
    try:
        return loads(text)
    except json.JSONDecodeError as error:
        code = "CC6003" if _truncated(error, text) else "CC6002"
        what = f'its "Content" string: {error.msg} at character {error.pos}'
        diagnostics.report(code, file_span(path), THE_FILE, what)
    except DuplicateKey as duplicate:
        what = 'the "Content" string of the file'
        diagnostics.report("CC6026", file_span(path), what, duplicate.key)
    except RecursionError:
        what = 'its "Content" string nests too deeply'
        diagnostics.report("CC6002", file_span(path), THE_FILE, what)
    return FAILED


def _from_template(
    template: dict[Any, Any], path: Path, diagnostics: Diagnostics
) -> list[Document]:
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        found = 'a template whose "Resources" is not a mapping'
        diagnostics.report("CC6005", file_span(path), THE_FILE, found)
        return []
    documents: list[Document] = []
    before = len(diagnostics)
    for logical_id, resource in resources.items():
        if not isinstance(resource, dict):
            continue
        if resource.get("Type") in (CFN_FLOW, CFN_MODULE):
            documents += _from_resource(str(logical_id), resource, path, diagnostics)
    if not documents and len(diagnostics) == before:
        found = "a template without AWS::Connect::ContactFlow resources"
        diagnostics.report("CC6005", file_span(path), THE_FILE, found)
    return documents


def _from_resource(
    logical_id: str, resource: dict[Any, Any], path: Path, diagnostics: Diagnostics
) -> list[Document]:
    properties = resource.get("Properties")
    properties = properties if isinstance(properties, dict) else {}
    kind = "module" if resource["Type"] == CFN_MODULE else "flow"
    text = template_content(properties.get("Content"))
    if text is None:
        used = _describe_intrinsic(properties.get("Content"))
        diagnostics.report("CC6019", file_span(path), logical_id, used)
        return []
    content = _decode_content(text, path, diagnostics)
    if not isinstance(content, dict):
        if content is not FAILED:
            found = f'resource "{logical_id}" Content is {describe_json(content)}'
            diagnostics.report("CC6005", file_span(path), THE_FILE, found)
        return []
    wrapper: dict[str, Any] = {
        key: value
        for key, value in properties.items()
        if key in ("Name", "Type", "Description") and isinstance(value, str)
    }
    wrapper.setdefault("Name", logical_id)
    wrapper["Tags"] = _template_tags(properties.get("Tags"))
    origin = f"cloudformation:{logical_id}"
    return _document(content, wrapper, kind, origin, path, diagnostics)


def template_content(value: Any) -> str | None:
    """Content text of a template resource: a string, `Fn::Sub` or `Fn::Join`.

    `Fn::Sub` placeholders stay as written. `Fn::Join` (what CDK synthesises)
    turns `Ref` and `Fn::GetAtt` parts into `${Name}` / `${Name.Attr}`, the
    way `Fn::Sub` would have spelt them. Anything else cannot be evaluated.
    """
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    if "Fn::Sub" in value:
        sub = value["Fn::Sub"]
        if isinstance(sub, list) and sub and isinstance(sub[0], str):
            return str(sub[0])
        return sub if isinstance(sub, str) else None
    join = value.get("Fn::Join")
    if isinstance(join, list) and len(join) == 2 and isinstance(join[0], str):
        parts = join[1] if isinstance(join[1], list) else None
        texts = [_join_part(part) for part in parts or []]
        if parts is not None and all(text is not None for text in texts):
            return join[0].join(t for t in texts if t is not None)
    return None


def _join_part(part: Any) -> str | None:
    if isinstance(part, str):
        return part
    if isinstance(part, dict) and len(part) == 1:
        if isinstance(part.get("Ref"), str):
            return "${" + str(part["Ref"]) + "}"
        getatt = part.get("Fn::GetAtt")
        if isinstance(getatt, list) and all(isinstance(p, str) for p in getatt):
            return "${" + ".".join(getatt) + "}"
        return template_content(part)
    return None


def _describe_intrinsic(value: Any) -> str:
    if isinstance(value, dict) and value:
        return f'"{next(iter(value))}"'
    return describe_json(value)


def _template_tags(tags: Any) -> dict[str, str]:
    if isinstance(tags, dict):
        return {str(k): v for k, v in tags.items() if isinstance(v, str)}
    if not isinstance(tags, list):
        return {}
    pairs = (t for t in tags if isinstance(t, dict))
    return {
        str(t["Key"]): t["Value"]
        for t in pairs
        if isinstance(t.get("Key"), str) and isinstance(t.get("Value"), str)
    }


def _document(
    content: dict[Any, Any],
    wrapper: dict[Any, Any],
    kind: str | None,
    origin: str,
    path: Path,
    diagnostics: Diagnostics,
) -> list[Document]:
    label = THE_FILE
    if origin.startswith("cloudformation:"):
        label = f'resource "{origin.split(":", 1)[1]}"'
    if not structure.check_content(content, label, file_span(path), diagnostics):
        return []
    metadata = _mapping(content.get("Metadata"))
    if not _known_type(wrapper.get("Type"), path, diagnostics):
        return []
    api_type = _api_type(wrapper.get("Type"), metadata)
    if kind is None:
        kind = "module" if _looks_like_module(content, wrapper) else "flow"
    name = _name(wrapper, metadata, path, diagnostics)
    description = _first_text(wrapper.get("Description"), metadata.get("description"))
    tags = _mapping(wrapper.get("Tags"))
    tags = {str(k): v for k, v in tags.items() if isinstance(v, str)}
    document = Document(
        name=name,
        kind=kind,
        type=None if kind == "module" else api_type or "CONTACT_FLOW",
        description=description,
        content=content,
        source=path,
        origin=origin,
        tags=tags,
    )
    log.debug("read %s %s from %s", kind, name, path)
    return [document]


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _api_type(wrapper_type: Any, metadata: dict[Any, Any]) -> str | None:
    if isinstance(wrapper_type, str) and wrapper_type.upper() in API_TYPES:
        return wrapper_type.upper()
    designer = metadata.get("type")
    return FLOW_TYPE_BY_DESIGNER.get(designer) if isinstance(designer, str) else None


def _looks_like_module(content: dict[Any, Any], wrapper: dict[Any, Any]) -> bool:
    if isinstance(wrapper.get("Type"), str):
        return False
    if "Settings" in content:
        return True
    actions = content.get("Actions") or []
    return any(action.get("Type") == "EndFlowModuleExecution" for action in actions)


def _name(
    wrapper: dict[Any, Any],
    metadata: dict[Any, Any],
    path: Path,
    diagnostics: Diagnostics,
) -> str:
    for candidate in (wrapper.get("Name"), metadata.get("name")):
        if isinstance(candidate, str) and candidate.strip():
            return _shortened(candidate.strip(), path, diagnostics)
    stem = path.name
    for suffix in (".json", ".yaml", ".yml", ".template"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    name = re.sub(r"\s+", " ", stem).strip() or "Imported"
    return _shortened(name, path, diagnostics)


def _shortened(name: str, path: Path, diagnostics: Diagnostics) -> str:
    if len(name) <= MAX_NAME:
        return name
    short = name[:MAX_NAME].rstrip()
    shown = name[:40] + "…"
    diagnostics.report("CC6030", file_span(path), shown, MAX_NAME, short)
    return short


def _known_type(value: Any, path: Path, diagnostics: Diagnostics) -> bool:
    """A wrapper's Type, when it has one, is a flow type Connect has (CC6029)."""
    if value is None or isinstance(value, str) and value.upper() in API_TYPES:
        return True
    shown = value if isinstance(value, str) else describe_json(value)
    expected = ", ".join(sorted(API_TYPES))
    diagnostics.report("CC6029", file_span(path), shown, expected)
    return False


def _first_text(*values: Any) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value
    return None
