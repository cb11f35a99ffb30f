"""Pass `check_transitions`: block names, the start block and every transition.

Input: loaded flows. Output: diagnostics only: CC2007 invalid block names (they
become action Identifiers), CC2004 a start that names no block, CC2003 a
transition to a block that does not exist. Blocks that failed to load are
known to exist, so their own errors are not repeated here.
"""

from __future__ import annotations

from connectc import actions
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.ir import Flow, Project


def check_transitions(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        if flow.template is not None:
            continue
        known = set(flow.blocks) | flow.failed_blocks
        for name in flow.blocks:
            _check_name(flow, name, diagnostics)
        if flow.start not in known:
            notes = did_you_mean(flow.start, known)
            span = flow.span(("start",))
            diagnostics.report("CC2004", span, flow.start, notes=notes)
        _check_targets(flow, known, diagnostics)


def _check_targets(flow: Flow, known: set[str], diagnostics: Diagnostics) -> None:
    for block in flow.blocks.values():
        for transition in block.transitions:
            if transition.target in known:
                continue
            notes = did_you_mean(transition.target, known)
            span = flow.span(transition.path)
            diagnostics.report(
                "CC2003", span, block.name, transition.target, notes=notes
            )
            flow.broken = True


def identifier_problem(name: str) -> str | None:
    """Why `name` cannot be an action Identifier, or None."""
    if not name:
        return "is empty"
    if len(name) > actions.MAX_IDENTIFIER:
        return f"is {len(name)} characters long; the limit is {actions.MAX_IDENTIFIER}"
    bad = sorted({c for c in name if c in actions.FORBIDDEN_IDENTIFIER_CHARS})
    if bad:
        return "contains " + " ".join(f'"{c}"' for c in bad)
    if name in actions.RESERVED_IDENTIFIERS:
        return "is a reserved name"
    return None


def _check_name(flow: Flow, name: str, diagnostics: Diagnostics) -> None:
    problem = identifier_problem(name)
    if problem is not None:
        span = flow.span(("blocks", name), key=True)
        diagnostics.report("CC2007", span, name, problem)
        flow.broken = True
