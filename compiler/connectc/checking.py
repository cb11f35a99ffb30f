"""Shared machinery of the `check_*` passes.

The attribute references a block reads, the span and block of a lowered
action, outcomes that depend on an action's parameters, and reporting of
findings that rest on a fact the flow-language reference marks uncertain.
The block graph and its algorithms live in `flowgraph`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from connectc import actions, expressions, flowgraph, model
from connectc.diagnostics import Diagnostic, Diagnostics, Severity, Span
from connectc.expressions import ExpressionError, Reference
from connectc.ir import Block, Flow, Project
from connectc.lowering import single_token
from connectc.yamlio import Path_, strings

UNCERTAIN_NOTE = (
    "the flow-language reference marks this fact as uncertain, so this is a warning"
)
# Block keys that never hold expressions.
_NOT_EXPRESSIONS = set(model.TRANSITION_DOCS) | {
    "description",
    "ignore",
    "contract",
    "contact",
}
# Keys inside a block's argument that name a block, never an expression.
_BLOCK_NAMES = frozenset({"goto"})
_KEY = re.compile(r"\['([^']*)'\]|\.([^.\[\]]+)")


def flow_type(flow: Flow) -> str:
    """The flow's API type, "MODULE" for a module."""
    return flow.type or "MODULE"


def type_name(api_type: str) -> str:
    """A flow type as the spec spells it (`customer_queue`, `module`)."""
    known = actions.FLOW_TYPES.get(api_type)
    return known.spec if known is not None else api_type.lower()


@dataclass
class Read:
    """An attribute reference a block reads, where it is written."""

    reference: Reference
    path: Path_

    @property
    def namespace(self) -> str:
        return self.reference.namespace

    @cached_property
    def key(self) -> str | None:
        """The first key after the namespace (`tier` in `$.External.tier`)."""
        return reference_key(self.reference.text)


def reference_key(text: str) -> str | None:
    """The key after the namespace of a reference, if it has one."""
    body = text[1:] if text.startswith("$") else text
    parts = [a or b for a, b in _KEY.findall(body)]
    return parts[1] if len(parts) > 1 else None


def reads(flow: Flow, block: Block) -> list[Read]:
    """Every attribute reference in the block's argument and options."""
    return flowgraph.per_flow(flow, "reads", _flow_reads).get(block.name, [])


def _flow_reads(flow: Flow) -> dict[str, list[Read]]:
    found: dict[str, list[Read]] = {}
    for name, block in flow.blocks.items():
        for path, text in block_strings(block):
            if "$" in text:
                found.setdefault(name, []).extend(_reads_in(text, path))
    return found


def _reads_in(text: str, path: Path_) -> Iterator[Read]:
    try:
        parts = expressions.parse_text(text)
    except ExpressionError:
        return  # reported by parse_expressions
    for part in parts:
        if isinstance(part, Reference):
            yield Read(part, path)


def block_strings(block: Block) -> Iterator[tuple[Path_, str]]:
    """The strings of a block's argument and options (not its transitions,
    notes or the block names its cases go to), with their paths."""
    for key, value in block.raw.items():
        if key not in _NOT_EXPRESSIONS or key == block.verb:
            yield from strings(value, (*block.path, key), _BLOCK_NAMES)


def block_span(flow: Flow, name: str) -> Span:
    """Where a block's name is written."""
    block = flow.blocks.get(name)
    if block is None:
        return flow.span(())
    return flow.span(block.path, key=True)


def action_name(flow: Flow, action: dict[str, Any]) -> str:
    """The block an action came from (a template action's own Identifier)."""
    ident = str(action.get("Identifier", ""))
    return flow.action_blocks.get(ident, ident)


def action_span(flow: Flow, index: int, action: dict[str, Any]) -> Span:
    """Where an action is written: its block, or its place in a template."""
    name = action_name(flow, action)
    if name in flow.blocks:
        return block_span(flow, name)
    if flow.template is not None:
        return flow.span(("Actions", index))
    return flow.span(())


def indexed_actions(flow: Flow) -> Iterator[tuple[int, dict[str, Any]]]:
    """The flow's actions that are objects, with their index."""
    for index, action in enumerate(flow.actions):
        if isinstance(action, dict):
            yield index, action


def transitions_of(action: dict[str, Any]) -> dict[str, Any]:
    value = action.get("Transitions")
    return value if isinstance(value, dict) else {}


def error_types(action: dict[str, Any]) -> list[str]:
    """The ErrorTypes an action routes."""
    found = transitions_of(action).get("Errors") or []
    return [str(e.get("ErrorType")) for e in found if isinstance(e, dict)]


def operands(action: dict[str, Any]) -> list[tuple[str, str]]:
    """(Operator, first operand) of each condition the action routes."""
    found = []
    for item in transitions_of(action).get("Conditions") or []:
        condition = item.get("Condition") if isinstance(item, dict) else None
        if not isinstance(condition, dict):
            continue
        values = condition.get("Operands") or [""]
        first = values[0] if isinstance(values, list) and values else ""
        found.append((str(condition.get("Operator")), str(first)))
    return found


def lambda_contract(project: Project, block: Block) -> tuple[str | None, Any]:
    """The contract a `lambda` block follows: its `contract:`, else the one
    named like its function token; with the contract's data if it exists."""
    name = block.options.get("contract")
    if name is None:
        function = getattr(block.argument, "function", block.argument)
        token = single_token(function) if isinstance(function, str) else None
        if token is None or token.service != "Lambda":
            return None, None
        name = token.entity if token.entity in project.contracts else None
    return name, project.contracts.get(name) if name else None


def declared_channels(flow: Flow) -> frozenset[str]:
    """The channels the flow's `channel` tag names (none: not declared)."""
    words = re.split(r"[\s,/+]+", str(flow.tags.get("channel", "")).lower())
    return frozenset(words) & actions.CHANNELS


def report(
    diagnostics: Diagnostics,
    code: str,
    span: Span,
    *args: object,
    doubtful: bool = False,
    notes: Iterable[str] = (),
) -> Diagnostic:
    """Report a finding; one resting on an uncertain fact is at most a warning.

    A severity configured for the code in connectc.yaml still wins.
    """
    notes = (*notes, UNCERTAIN_NOTE) if doubtful else tuple(notes)
    found = diagnostics.report(code, span, *args, notes=notes)
    configured = code in diagnostics.severities
    if doubtful and found.severity > Severity.WARNING and not configured:
        found = replace(found, severity=Severity.WARNING)
        diagnostics.items[-1] = found
    return found


# --- outcomes that depend on parameters --------------------------------------
# The reference states these in prose; the per-action table has one error set
# per Type, so the narrowing by parameters lives here.

AGENT_METRICS = frozenset(
    m for m, ops in actions.METRIC_TYPES.items() if ops == {"NumberGreaterThan"}
)
# Types whose success hands the contact on: the flow ends there.
HANDOFF_TYPES = frozenset(
    {"TransferContactToQueue", "DequeueContactAndTransferToQueue", "TransferToFlow"}
)
# The spec transition that routes each error type, where a verb has one.
ERROR_LABELS = {
    "NoMatchingError": "error",
    "QueueAtCapacity": "at_capacity",
    "InputTimeLimitExceeded": "timeout",
    "ConnectionTimeLimitExceeded": "timeout",
    "CallFailed": "call_failed",
    "InvalidPhoneNumber": "invalid_number",
    "InvalidCallbackNumber": "invalid_number",
    "CallbackNumberNotDialable": "not_dialable",
}


def parameters(action: dict[str, Any]) -> dict[str, Any]:
    value = action.get("Parameters")
    return value if isinstance(value, dict) else {}


def possible_errors(spec: actions.ActionSpec, params: dict[str, Any]) -> frozenset[str]:
    """The error types the action can produce with these parameters."""
    errors = spec.errors
    if spec.type == "GetParticipantInput":
        stored = params.get("StoreInput") == "True"
        validation = params.get("InputValidation")
        phone = isinstance(validation, dict) and "PhoneNumberValidation" in validation
        if stored:
            errors -= {actions.NO_MATCHING_CONDITION}
        if not (stored and phone):
            errors -= {"InvalidPhoneNumber"}
    elif spec.type == "TransferParticipantToThirdParty":
        if params.get("ContinueFlowExecution") == "False":
            errors -= {"ConnectionTimeLimitExceeded", "CallFailed"}
    elif spec.type == "CheckMetricData" and params.get("MetricType") in AGENT_METRICS:
        errors -= {actions.NO_MATCHING_CONDITION}
    return errors


def needs_no_match(spec: actions.ActionSpec, params: dict[str, Any]) -> bool:
    """Whether the action must route NoMatchingCondition."""
    if actions.NO_MATCHING_CONDITION in spec.required_errors:
        return True
    if spec.type not in ("GetParticipantInput", "CheckMetricData"):
        return False
    return actions.NO_MATCHING_CONDITION in possible_errors(spec, params)


def label_hint(flow: Flow, action: dict[str, Any], error: str) -> str:
    """How the block would route `error`: `error:`, `at_capacity:`, `errors:`."""
    block = flow.blocks.get(action_name(flow, action))
    if block is None:
        return f'an Errors entry with ErrorType "{error}"'
    offered = model.VERBS[block.verb].transitions
    if error == actions.NO_MATCHING_CONDITION:
        for label in ("otherwise", "no_match"):
            if label in offered:
                return f'"{label}:"'
    named = ERROR_LABELS.get(error)
    if named is not None and (named == "error" or named in offered):
        return f'"{named}:"'
    return f'"errors: {{{error}: <block>}}"'


def is_raw(flow: Flow, action: dict[str, Any]) -> bool:
    """Whether the user wrote the action's Type and Parameters themselves."""
    block = flow.blocks.get(action_name(flow, action))
    return block is None or block.verb == "action"


@dataclass
class Site:
    """An action under check; its block name and span are looked up on demand."""

    flow: Flow
    index: int
    action: dict[str, Any]

    @cached_property
    def name(self) -> str:
        return action_name(self.flow, self.action)

    @cached_property
    def span(self) -> Span:
        return action_span(self.flow, self.index, self.action)
