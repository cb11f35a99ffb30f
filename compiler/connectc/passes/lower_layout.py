"""Pass `lower_layout`: designer positions, so the console draws a readable flow.

Input: `Flow.actions`. Output: `Flow.content["Metadata"]` with a layered layout:
an action's column is its distance from the start (breadth first), its row its
order within that column; unreachable actions get a last column. Reports nothing.
"""

from __future__ import annotations

from typing import Any

from connectc.actions import successors
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project

COLUMN = 280
ROW = 200
ORIGIN = (40, 40)


def lower_layout(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        if flow.actions:
            flow.content = {"Metadata": layout(flow)}


def layers(start: str, actions: list[dict[str, Any]]) -> list[list[str]]:
    """Columns of identifiers, breadth first from `start`."""
    by_id = {str(a.get("Identifier")): a for a in actions}
    seen = {start} if start in by_id else set()
    columns = [[start]] if seen else []
    while columns and columns[-1]:
        following = []
        for ident in columns[-1]:
            for target in successors(by_id[ident]):
                if target in by_id and target not in seen:
                    seen.add(target)
                    following.append(target)
        columns.append(following)
    columns = [c for c in columns if c]
    rest = [i for i in by_id if i not in seen]
    return columns + ([rest] if rest else [])


def layout(flow: Flow) -> dict[str, Any]:
    positions: dict[str, Any] = {}
    for column, idents in enumerate(layers(flow.start, flow.actions)):
        for row, ident in enumerate(idents):
            x = ORIGIN[0] + 200 + column * COLUMN
            y = ORIGIN[1] + row * ROW
            positions[ident] = {"position": {"x": x, "y": y}, "isFriendlyName": True}
    return {
        "entryPointPosition": {"x": ORIGIN[0], "y": ORIGIN[1]},
        "snapToGrid": False,
        "ActionMetadata": positions,
    }
