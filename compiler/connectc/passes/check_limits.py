"""Pass `check_limits`: Connect's limits on a whole flow.

Input: lowered flows. Output: CC4001 more than 250 actions, CC4004 a name or
description too long (flow templates; specs are held to it when loaded),
CC4010 tags Connect refuses (too many, too long, the reserved `aws:` prefix).
"""

from __future__ import annotations

from connectc import actions
from connectc.diagnostics import Diagnostics, Span
from connectc.ir import Flow, Project


def check_limits(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        header = _header(flow)
        if len(flow.actions) > actions.MAX_ACTIONS:
            count = len(flow.actions)
            diagnostics.report("CC4001", header, flow.name, count, actions.MAX_ACTIONS)
        _names(flow, header, diagnostics)
        _tags(flow, header, diagnostics)


def _header(flow: Flow) -> Span:
    if flow.template is not None:
        return flow.span(())
    return flow.span((flow.kind,))


def _names(flow: Flow, header: Span, diagnostics: Diagnostics) -> None:
    limit = actions.MAX_MODULE_NAME if flow.kind == "module" else actions.MAX_FLOW_NAME
    if len(flow.name) > limit:
        what = f"{flow.kind} name"
        diagnostics.report("CC4004", header, what, flow.name, len(flow.name), limit)
    description = flow.description or ""
    if len(description) > actions.MAX_MODULE_DESCRIPTION:
        what = f"description of {flow.kind}"
        size = len(description)
        limit = actions.MAX_MODULE_DESCRIPTION
        diagnostics.report("CC4004", header, what, flow.name, size, limit)


def _tags(flow: Flow, header: Span, diagnostics: Diagnostics) -> None:
    if len(flow.tags) > actions.MAX_TAGS:
        problem = (
            f"it has {len(flow.tags)} tags; at most {actions.MAX_TAGS} are allowed"
        )
        diagnostics.report("CC4010", _tag_span(flow, None, header), flow.name, problem)
    for key, value in flow.tags.items():
        found = _tag_problem(str(key), str(value))
        if found is not None:
            span = _tag_span(flow, str(key), header)
            diagnostics.report("CC4010", span, flow.name, found)


def _tag_problem(key: str, value: str) -> str | None:
    if not key or len(key) > actions.MAX_TAG_KEY:
        return f'tag key "{key}" is {len(key)} characters; keys are 1 to 128'
    if key.lower().startswith("aws:"):
        return f'tag key "{key}" starts with "aws:", which AWS reserves'
    if len(value) > actions.MAX_TAG_VALUE:
        return f'tag "{key}" has a value of {len(value)} characters; at most 256'
    return None


def _tag_span(flow: Flow, key: str | None, header: Span) -> Span:
    if flow.template is not None:
        return header
    return flow.span(("tags", key), key=True) if key else flow.span(("tags",), key=True)
