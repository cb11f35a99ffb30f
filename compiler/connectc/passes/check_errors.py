"""Pass `check_errors`: the error branches of each action.

Input: lowered actions. The per-action table says which errors each Type can
raise and which must be routed; some depend on parameters (a menu's no-match
only without stored input). Output: CC3102 a required error without a branch,
CC3103 a missing no-match branch, CC3109 a branch for an error the action
never raises. Facts the reference doubts give warnings.
"""

from __future__ import annotations

from typing import Any

from connectc import actions, checking
from connectc.actions import ActionSpec
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project

NO_MATCH = actions.NO_MATCHING_CONDITION


def check_errors(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        seen: set[tuple[str, str]] = set()  # a block's actions share its branches
        for index, action in checking.indexed_actions(flow):
            spec = actions.action_spec(str(action.get("Type")))
            if spec is not None:
                _check_action(flow, index, action, spec, seen, diagnostics)


def _check_action(
    flow: Flow,
    index: int,
    action: dict[str, Any],
    spec: ActionSpec,
    seen: set[tuple[str, str]],
    diagnostics: Diagnostics,
) -> None:
    params = checking.parameters(action)
    routed = checking.error_types(action)
    site = checking.Site(flow, index, action)
    possible = checking.possible_errors(spec, params)
    for error in routed:
        if error not in possible:
            shown = ", ".join(sorted(possible)) or "nothing"
            notes = [f"{spec.type} here can fail with: {shown}"]
            checking.report(
                diagnostics,
                "CC3109",
                site.span,
                site.name,
                spec.type,
                f'error "{error}"',
                doubtful=spec.is_uncertain(f"error:{error}"),
                notes=notes,
            )
    for error in sorted(spec.required_errors - {NO_MATCH}):
        if error not in routed and (site.name, error) not in seen:
            seen.add((site.name, error))
            hint = checking.label_hint(flow, action, error)
            doubtful = spec.is_uncertain("required_errors") or spec.is_uncertain(
                f"error:{error}"
            )
            checking.report(
                diagnostics,
                "CC3102",
                site.span,
                site.name,
                spec.type,
                error,
                doubtful=doubtful,
                notes=[f"add {hint} to the block"],
            )
    if NO_MATCH not in routed and checking.needs_no_match(spec, params):
        hint = checking.label_hint(flow, action, NO_MATCH)
        notes = [f"add {hint} to the block"]
        diagnostics.report("CC3103", site.span, site.name, spec.type, notes=notes)
