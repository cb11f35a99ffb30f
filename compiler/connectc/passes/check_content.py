"""Pass `check_content`: the size of each flow's content as it is deployed.

Input: `Flow.content` from `emit_content`. The deploy sends the file the build
writes (indented JSON) with each `${Flow.X}` link replaced by an ARN, and
Connect counts its characters. Output: CC4002 content over 256,000 characters.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from connectc import actions
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project

# A linked flow's ARN: the instance ARN, "/contact-flow/" and a 36-character id.
LINKED_ID = len("/contact-flow/") + 36
LINK = re.compile(r"\$\{(?:Flow|Module)\.[^}]*\}")


def check_content(project: Project, diagnostics: Diagnostics) -> None:
    env = project.environment
    arn = (len(env.instance) if env else 90) + LINKED_ID
    for flow in project.flows:
        if flow.content is None or "Actions" not in flow.content:
            continue
        size = _size(flow, project.links, arn)
        if size > actions.MAX_CONTENT_CHARS:
            span = flow.span(() if flow.template is not None else (flow.kind,))
            limit = actions.MAX_CONTENT_CHARS
            diagnostics.report("CC4002", span, flow.name, size, limit)


def _size(flow: Flow, links: dict[str, str], arn: int) -> int:
    """Characters of the deployed content, links counted as ARNs."""
    text = rendered(flow.content or {})
    if "${" not in text:
        return len(text)
    extra = sum(arn - len(t) for t in LINK.findall(text) if t in links)
    return len(text) + extra


def rendered(content: dict[str, Any]) -> str:
    """The flow file the build writes (orjson, as `build.render` does)."""
    try:
        options = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        return orjson.dumps(content, option=options).decode("utf-8")
    except TypeError:  # integers beyond 64 bits
        return json.dumps(content, ensure_ascii=False, indent=2) + "\n"
