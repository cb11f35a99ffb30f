"""Pass `emit_content`: the final flow-language document of each flow.

Input: `Flow.actions`, the layout and `Project.resolved`. Output:
`Flow.content` — Version, StartAction, Metadata, Actions (and a module's
Settings) with every bound token replaced by its value. Tokens listed in
`Project.links` stay as text for the deploy step. Reports nothing.
"""

from __future__ import annotations

import re
from typing import Any

from connectc.diagnostics import Diagnostics
from connectc.ir import Project

VERSION = "2019-10-30"
_TOKEN = re.compile(r"\$\{[A-Za-z][A-Za-z0-9]*(?:\.[\w\-]+){1,2}\}")


def emit_content(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        if flow.content is None or flow.broken:
            continue
        content: dict[str, Any] = {
            "Version": VERSION,
            "StartAction": flow.start,
            "Metadata": flow.content["Metadata"],
            "Actions": substitute_in_place(flow.actions, project.resolved),
        }
        if flow.settings is not None:
            content["Settings"] = substitute(flow.settings, project.resolved)
        flow.content = content


def substitute(value: Any, resolved: dict[str, str]) -> Any:
    """A copy of `value` with bound tokens in its strings replaced."""
    if isinstance(value, str):
        if "${" not in value:
            return value
        return _TOKEN.sub(lambda m: resolved.get(m.group(0), m.group(0)), value)
    if isinstance(value, dict):
        return {k: substitute(v, resolved) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, resolved) for v in value]
    return value


def substitute_in_place(values: list[Any], resolved: dict[str, str]) -> list[Any]:
    """Replace bound tokens inside `values` without copying (large projects)."""
    stack: list[Any] = [values]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, str):
                if "${" in value:
                    node[key] = substitute(value, resolved)
            elif isinstance(value, (dict, list)):
                stack.append(value)
    return values
