"""Pass `check_action_types`: each action Type, the flow type and the channel.

Input: lowered actions (`Flow.actions`). The per-action table says where each
Type may run. Output: CC3114 a Type connectc does not know, CC3115 a pre-2019
or refused Type, CC3107 a Type not allowed in the flow's type, CC3113 a module
invoked from a flow type that cannot, CC3108 a Type that does not work on the
channels the flow's `channel` tag declares. Doubtful facts give warnings.
"""

from __future__ import annotations

from typing import Any

from connectc import actions, checking
from connectc.actions import ActionSpec
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project


def check_action_types(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        channels = checking.declared_channels(flow)
        for index, action in checking.indexed_actions(flow):
            spec = actions.action_spec(str(action.get("Type")))
            if spec is None:
                _unknown(flow, index, action, diagnostics)
                continue
            _flow_type(flow, index, action, spec, diagnostics)
            if channels:
                _channels(flow, index, action, spec, channels, diagnostics)


def _unknown(
    flow: Flow, index: int, action: dict[str, Any], diagnostics: Diagnostics
) -> None:
    type_ = str(action.get("Type"))
    span = checking.action_span(flow, index, action)
    name = checking.action_name(flow, action)
    if type_ in actions.LEGACY_TYPES:
        notes = [f'the flow-language action is "{actions.LEGACY_EQUIVALENTS[type_]}"']
        what = "a module type of the pre-2019 export format"
        diagnostics.report("CC3115", span, name, type_, what, notes=notes)
    elif type_ in actions.REJECTED_TYPES:
        what = "a name Connect refuses in flow-language content"
        diagnostics.report("CC3115", span, name, type_, what)
    else:
        diagnostics.report("CC3114", span, name, type_)


def _flow_type(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    diagnostics: Diagnostics,
) -> None:
    kind = checking.flow_type(flow)
    if spec.allows_flow_type(kind):
        return
    span = checking.action_span(flow, index, action)
    name = checking.action_name(flow, action)
    if spec.type == "InvokeFlowModule":
        diagnostics.report("CC3113", span, name, checking.type_name(kind))
        return
    allowed = ", ".join(sorted(checking.type_name(t) for t in spec.flow_types or ()))
    notes = [f"{spec.type} is allowed in: {allowed}"]
    doubtful = spec.is_uncertain("flow_types")
    checking.report(
        diagnostics,
        "CC3107",
        span,
        spec.type,
        name,
        checking.type_name(kind),
        doubtful=doubtful,
        notes=notes,
    )


def _channels(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    channels: frozenset[str],
    diagnostics: Diagnostics,
) -> None:
    if spec.channels is None or channels <= spec.channels:
        return
    missing = " and ".join(sorted(channels - spec.channels))
    notes = [f"{spec.type} works on: {', '.join(sorted(spec.channels))}"]
    span = checking.action_span(flow, index, action)
    name = checking.action_name(flow, action)
    checking.report(
        diagnostics,
        "CC3108",
        span,
        spec.type,
        name,
        missing,
        doubtful=spec.is_uncertain("channels"),
        notes=notes,
    )
