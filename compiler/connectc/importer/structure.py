"""Structural checks on decoded flow-language content before it is imported.

Input: the `Content` mapping of one flow or module. Output: True when the
writer can rely on its shape (actions with identifiers and types, transitions
that name actions). Codes: CC6004, CC6006-CC6010.
"""

from __future__ import annotations

from typing import Any

from connectc.actions import FLOW_LANGUAGE_VERSION, LEGACY_TYPES
from connectc.diagnostics import Diagnostics, Span

THE_FILE = "the file"  # the label of a document that is the whole file
CONTENT_FIELDS = ("Version", "StartAction", "Metadata", "Actions", "Settings")
ACTION_FIELDS = ("Identifier", "Type", "Parameters", "Transitions")
TRANSITION_FIELDS = ("NextAction", "Errors", "Conditions")


def is_legacy(data: dict[Any, Any]) -> bool:
    """The pre-2019 export: `modules` with `version` "1" (or `start`)."""
    if not isinstance(data.get("modules"), list):
        return False
    return str(data.get("version")) == "1" or "start" in data


def check_content(
    content: dict[Any, Any], label: str, span: Span, diagnostics: Diagnostics
) -> bool:
    """Report what makes `content` unusable; True when it can be imported."""
    if not _check_top(content, label, span, diagnostics):
        return False
    actions = content["Actions"]
    identifiers = _check_actions(actions, label, span, diagnostics)
    if identifiers is None:
        return False
    if not actions:
        diagnostics.report("CC6008", span, label)
        return False
    ok = _check_start(content.get("StartAction"), identifiers, label, span, diagnostics)
    for action in actions:
        ok = _check_transitions(action, identifiers, label, span, diagnostics) and ok
    return _check_types(actions, span, diagnostics) and ok


def _check_top(
    content: dict[Any, Any], label: str, span: Span, diagnostics: Diagnostics
) -> bool:
    version = content.get("Version")
    if version != FLOW_LANGUAGE_VERSION:
        if version is None:
            diagnostics.report("CC6007", span, label, 'missing "Version"')
        else:
            diagnostics.report("CC6006", span, label, str(version))
        return False
    if not isinstance(content.get("Actions"), list):
        diagnostics.report("CC6007", span, label, '"Actions" is not a list')
        return False
    settings = content.get("Settings")
    if settings is not None and not isinstance(settings, dict):
        diagnostics.report("CC6007", span, label, '"Settings" is not a mapping')
        return False
    for key in content:
        if key not in CONTENT_FIELDS:
            diagnostics.report("CC6010", span, label, str(key))
    return True


def _check_actions(
    actions: list[Any], label: str, span: Span, diagnostics: Diagnostics
) -> set[str] | None:
    identifiers: set[str] = set()
    ok = True
    for number, action in enumerate(actions, start=1):
        problem = _action_problem(action, identifiers)
        if problem:
            diagnostics.report("CC6007", span, label, f"action {number} {problem}")
            ok = False
            continue
        identifiers.add(action["Identifier"])
        for key in action:
            if key not in ACTION_FIELDS:
                where = _action_label(label, action["Identifier"])
                diagnostics.report("CC6010", span, where, str(key))
    return identifiers if ok else None


def _action_label(label: str, identifier: str) -> str:
    """How a message names an action: the span already names the file."""
    action = f'action "{identifier}"'
    return action if label == THE_FILE else f"{label}, {action}"


def _action_problem(action: Any, seen: set[str]) -> str:
    if not isinstance(action, dict):
        return "is not a mapping"
    identifier = action.get("Identifier")
    if not isinstance(identifier, str) or not identifier:
        return 'has no "Identifier"'
    if identifier in seen:
        return f'repeats the Identifier "{identifier}"'
    if not isinstance(action.get("Type"), str) or not action["Type"]:
        return f'"{identifier}" has no "Type"'
    if action.get("Parameters") is not None and not isinstance(
        action["Parameters"], dict
    ):
        return f'"{identifier}" has "Parameters" that are not a mapping'
    if action.get("Transitions") is not None and not isinstance(
        action["Transitions"], dict
    ):
        return f'"{identifier}" has "Transitions" that are not a mapping'
    return ""


def _check_start(
    start: Any, identifiers: set[str], label: str, span: Span, diagnostics: Diagnostics
) -> bool:
    if isinstance(start, str) and start in identifiers:
        return True
    shown = f'"{start}"' if isinstance(start, str) else "missing"
    problem = f"StartAction {shown} names no action"
    diagnostics.report("CC6007", span, label, problem)
    return False


def _check_transitions(
    action: dict[str, Any],
    identifiers: set[str],
    label: str,
    span: Span,
    diagnostics: Diagnostics,
) -> bool:
    transitions = action.get("Transitions") or {}
    where = _action_label(label, action["Identifier"])
    for key in transitions:
        if key not in TRANSITION_FIELDS:
            diagnostics.report("CC6010", span, where, f"Transitions.{key}")
    problems = list(_transition_problems(transitions, identifiers))
    for problem in problems:
        diagnostics.report("CC6007", span, where, problem)
    return not problems


def _transition_problems(
    transitions: dict[str, Any], identifiers: set[str]
) -> list[str]:
    problems = []
    nxt = transitions.get("NextAction")
    if nxt is not None and nxt not in identifiers:
        problems.append(f'NextAction "{nxt}" names no action')
    for key, inner in (("Errors", "ErrorType"), ("Conditions", "Condition")):
        entries = transitions.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(f'"{key}" is not a list')
            continue
        for entry in entries:
            problems += _entry_problems(key, inner, entry, identifiers)
    return problems


def _entry_problems(
    key: str, inner: str, entry: Any, identifiers: set[str]
) -> list[str]:
    if not isinstance(entry, dict):
        return [f'an entry of "{key}" is not a mapping']
    target = entry.get("NextAction")
    if not isinstance(target, str) or target not in identifiers:
        return [f'an entry of "{key}" goes to "{target}", which names no action']
    value = entry.get(inner)
    if key == "Errors" and not isinstance(value, str):
        return ['an entry of "Errors" has no "ErrorType"']
    if key == "Conditions" and not _is_condition(value):
        return ['an entry of "Conditions" has no "Condition" with an "Operator"']
    return []


def _is_condition(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("Operator"), str):
        return False
    return isinstance(value.get("Operands", []), list)


def _check_types(
    actions: list[dict[str, Any]], span: Span, diagnostics: Diagnostics
) -> bool:
    legacy = [a for a in actions if a["Type"] in LEGACY_TYPES]
    for action in legacy:
        diagnostics.report("CC6009", span, action["Identifier"], action["Type"])
    return not legacy
