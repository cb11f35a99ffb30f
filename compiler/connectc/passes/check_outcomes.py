"""Pass `check_outcomes`: the success paths and conditions of each action.

Input: lowered actions. Output: CC3105 an action that continues the flow on
success but has nowhere to go, CC3110 a required outcome without a branch
(`open`/`closed`, `body`/`done`, a wait's completion or listed events), CC3109
a condition the action never produces (wrong operator or operand).
"""

from __future__ import annotations

from typing import Any

from connectc import actions, checking
from connectc.actions import ActionSpec
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project

# The spec transition of each fixed outcome, for messages.
OUTCOME_LABELS = {
    "True": "open",
    "False": "closed",
    "ContinueLooping": "body",
    "DoneLooping": "done",
    "WaitCompleted": "next",
    "CustomerReturned": "customer_returned",
    "BotParticipantDisconnected": "bot_disconnected",
    "MessagesInterrupted": "interrupted",
}


def check_outcomes(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for index, action in checking.indexed_actions(flow):
            spec = actions.action_spec(str(action.get("Type")))
            if spec is None:
                continue
            params = checking.parameters(action)
            _success(flow, index, action, spec, params, diagnostics)
            _required(flow, index, action, spec, params, diagnostics)
            _conditions(flow, index, action, spec, params, diagnostics)


def success_label(spec: ActionSpec, params: dict[str, Any]) -> str | None:
    """The branch the action needs for success, None when it needs none."""
    if spec.terminal or not spec.next or spec.type in checking.HANDOFF_TYPES:
        return None
    if spec.type == "TransferParticipantToThirdParty":
        return "next" if params.get("ContinueFlowExecution") == "True" else None
    if spec.type == "CheckMetricData":
        return "no" if params.get("MetricType") in checking.AGENT_METRICS else None
    if spec.type == "GetParticipantInput":
        return "next" if params.get("StoreInput") == "True" else None
    return "next" if spec.conditions == "none" else None


def _success(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    params: dict[str, Any],
    diagnostics: Diagnostics,
) -> None:
    label = success_label(spec, params)
    if label is None or checking.transitions_of(action).get("NextAction"):
        return
    shown = "NextAction" if flow.template is not None else label
    span = checking.action_span(flow, index, action)
    name = checking.action_name(flow, action)
    checking.report(
        diagnostics,
        "CC3105",
        span,
        name,
        spec.type,
        shown,
        doubtful=spec.is_uncertain("next"),
    )


def _required(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    params: dict[str, Any],
    diagnostics: Diagnostics,
) -> None:
    needed = set(spec.required_operands)
    if spec.type == "Wait" and isinstance(params.get("Events"), list):
        needed |= {str(event) for event in params["Events"]}
    present = {operand for _, operand in checking.operands(action)}
    raw = checking.is_raw(flow, action)
    for operand in sorted(needed - present):
        shown = operand if raw else OUTCOME_LABELS.get(operand, operand)
        span = checking.action_span(flow, index, action)
        name = checking.action_name(flow, action)
        checking.report(
            diagnostics,
            "CC3110",
            span,
            name,
            spec.type,
            shown,
            doubtful=spec.is_uncertain("operands") or spec.is_uncertain("conditions"),
        )


def _conditions(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    params: dict[str, Any],
    diagnostics: Diagnostics,
) -> None:
    if spec.is_uncertain("conditions") or spec.conditions == "results":
        return
    operators = spec.operators
    if spec.type == "CheckMetricData":
        operators = actions.METRIC_TYPES.get(str(params.get("MetricType")), operators)
    for operator, operand in checking.operands(action):
        problem, doubtful = _condition_problem(
            spec, params, operators, operator, operand
        )
        if problem is None:
            continue
        span = checking.action_span(flow, index, action)
        name = checking.action_name(flow, action)
        checking.report(
            diagnostics, "CC3109", span, name, spec.type, problem, doubtful=doubtful
        )


def _condition_problem(
    spec: ActionSpec,
    params: dict[str, Any],
    operators: frozenset[str],
    operator: str,
    operand: str,
) -> tuple[str | None, bool]:
    if spec.conditions == "none" or (
        spec.type == "GetParticipantInput" and params.get("StoreInput") == "True"
    ):
        return f'a condition "{operator} {operand}"', False
    if operator not in operators:
        return f'a condition with operator "{operator}"', False
    if spec.conditions == "fixed" and operand not in spec.operands:
        return f'the condition "{operand}"', spec.is_uncertain(f"operand:{operand}")
    return None, False
