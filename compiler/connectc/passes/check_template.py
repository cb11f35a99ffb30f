"""Pass `check_template`: the structure of flows kept as JSON templates.

Input: flows read from `flow.json.tmpl`, whose actions are written by hand
rather than lowered from blocks. Output: CC4003 an Identifier Connect refuses
or used twice, CC2004 a StartAction naming no action, CC2003 a transition to
an Identifier that does not exist.
"""

from __future__ import annotations

from connectc import checking
from connectc.actions import successors
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.ir import Flow, Project
from connectc.passes.check_transitions import identifier_problem


def check_template(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        if flow.template is not None:
            known = _identifiers(flow, diagnostics)
            _transitions(flow, known, diagnostics)


def _identifiers(flow: Flow, diagnostics: Diagnostics) -> set[str]:
    known: set[str] = set()
    for index, action in checking.indexed_actions(flow):
        ident = str(action.get("Identifier", ""))
        span = flow.span(("Actions", index, "Identifier"))
        problem = identifier_problem(ident)
        if problem is None and ident in known:
            problem = "is used by more than one action"
        if problem is not None:
            diagnostics.report("CC4003", span, ident, problem)
        known.add(ident)
    return known


def _transitions(flow: Flow, known: set[str], diagnostics: Diagnostics) -> None:
    # A broken template lost its malformed actions (reported at load).
    if flow.start not in known and not flow.broken:
        notes = did_you_mean(flow.start, known)
        diagnostics.report(
            "CC2004", flow.span(("StartAction",)), flow.start, notes=notes
        )
    for index, action in checking.indexed_actions(flow):
        for target in successors(action):
            if target not in known:
                span = checking.action_span(flow, index, action)
                name = checking.action_name(flow, action)
                notes = did_you_mean(target, known)
                diagnostics.report("CC2003", span, name, target, notes=notes)
