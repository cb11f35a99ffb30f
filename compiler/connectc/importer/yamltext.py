"""YAML text the compiler reads back exactly: the writer's one dumper.

The compiler reads YAML 1.2 (core schema); PyYAML writes YAML 1.1. Strings that
1.2 would read as numbers, booleans or null (`0e0`, `0o17`) are quoted here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

NULL = "tag:yaml.org,2002:null"


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, multi-line text as literal blocks, and a null
    mapping value left empty (`transfer_to_queue:`), as the spec language
    writes a verb whose value is optional."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_sequence(
        self, tag: str, sequence: Any, flow_style: bool | None = None
    ) -> yaml.SequenceNode:
        node = super().represent_sequence(tag, sequence, flow_style)
        for item in node.value:
            if item.tag == NULL and not item.value:
                item.value = "null"  # a bare `-` item reads as a slip
        return node

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        # Indent list items under their key, as people write them.
        return super().increase_indent(flow, False)


# Plain scalars that YAML 1.2's core schema (what the compiler reads) takes for
# something other than text; PyYAML, a YAML 1.1 writer, would leave `0e0` bare.
YAML12_NOT_TEXT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value and "\r" not in value else None
    if YAML12_NOT_TEXT.match(value):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_none(dumper: yaml.SafeDumper, value: None) -> Any:
    return dumper.represent_scalar(NULL, "")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)


def dump_yaml(data: Any) -> str:
    """YAML text for `data`: keys in order, Unicode as is, no line folding."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    return text


def scalar(value: str) -> str:
    """One YAML scalar for `value`: plain where that reads back the same text."""
    plain = re.fullmatch(r"[A-Za-z0-9_][\w:/.\-+@$]*", value) is not None
    if plain and not value.endswith(":") and not YAML12_NOT_TEXT.match(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)
