"""Pass `check_hooks`: event hooks against the flows they name.

Input: lowered `UpdateContactEventHooks` actions. A hook runs a flow of one
type (the customer queue hook a customer queue flow, …); project flows named
by `${Flow.X}` are checked against it. Output: CC3111 a hook naming a flow of
the wrong type, CC3112 a hook the flow's own type cannot set (a warning).
"""

from __future__ import annotations

from typing import Any

from connectc import actions, checking, verbs
from connectc.diagnostics import Diagnostics, Span
from connectc.ir import Flow, Project
from connectc.lowering import single_token

SPEC_NAMES = {event: key for key, event in verbs.HOOKS.items()}


def check_hooks(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for index, action in checking.indexed_actions(flow):
            if action.get("Type") != "UpdateContactEventHooks":
                continue
            hooks = checking.parameters(action).get("EventHooks")
            if not isinstance(hooks, dict):
                continue
            for event, value in hooks.items():
                span = _span(flow, index, action, str(event))
                _check_hook(project, flow, action, str(event), value, span, diagnostics)


def _span(flow: Flow, index: int, action: dict[str, Any], event: str) -> Span:
    block = flow.blocks.get(checking.action_name(flow, action))
    if block is not None and block.verb == "set_hooks":
        return flow.span((*block.path, "set_hooks", SPEC_NAMES.get(event, event)))
    return checking.action_span(flow, index, action)


def _check_hook(
    project: Project,
    flow: Flow,
    action: dict[str, Any],
    event: str,
    value: Any,
    span: Span,
    diagnostics: Diagnostics,
) -> None:
    name = checking.action_name(flow, action)
    shown = SPEC_NAMES.get(event, event) if not checking.is_raw(flow, action) else event
    allowed = actions.EVENT_HOOK_FLOW_TYPES.get(event)
    kind = checking.flow_type(flow)
    if allowed is not None and kind not in allowed:
        diagnostics.report("CC3112", span, shown, name, checking.type_name(kind))
    token = single_token(value) if isinstance(value, str) else None
    target = project.flow(token.key) if token and token.service == "Flow" else None
    wanted = actions.EVENT_HOOKS.get(event)
    if target is None or target.kind != "flow" or wanted is None:
        return
    if target.type != wanted:
        checking.report(
            diagnostics,
            "CC3111",
            span,
            shown,
            name,
            target.name,
            checking.type_name(checking.flow_type(target)),
            checking.type_name(wanted),
            doubtful=event in actions.EVENT_HOOKS_UNCERTAIN,
        )
