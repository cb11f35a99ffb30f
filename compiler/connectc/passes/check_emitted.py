"""Pass `check_emitted`: the written document is a graph Connect can load.

Input: `Flow.content` from `emit_content`. Every spec problem has been reported
by then, so in a file with no error a `StartAction` or a transition naming an
action the build did not emit is a fault in connectc, not in the spec: CC9001,
and nothing is written, rather than a file Connect refuses.
"""

from __future__ import annotations

from connectc.actions import successors
from connectc.diagnostics import Diagnostics, Severity
from connectc.ir import Flow, Project


def check_emitted(project: Project, diagnostics: Diagnostics) -> None:
    # A file with errors already fails the build, and they explain its gaps.
    failed = {d.span.path for d in diagnostics if d.severity >= Severity.ERROR}
    for flow in project.flows:
        if flow.content is None or flow.broken or "Actions" not in flow.content:
            continue
        span = flow.span(() if flow.template is not None else (flow.kind,))
        problem = None if span.path in failed else _dangling(flow)
        if problem is not None:
            diagnostics.report("CC9001", span, f'flow "{flow.name}": {problem}')
            flow.broken = True


def _dangling(flow: Flow) -> str | None:
    content = flow.content or {}
    emitted = {action.get("Identifier") for action in content["Actions"]}
    if content.get("StartAction") not in emitted:
        return f'the start action "{content.get("StartAction")}" was not emitted'
    for action in content["Actions"]:
        for target in successors(action):
            if target not in emitted:
                source = action.get("Identifier")
                return f'action "{source}" goes to "{target}", which was not emitted'
    return None
