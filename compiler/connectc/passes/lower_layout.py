"""Pass `lower_layout`: designer positions, so the console draws a readable flow.

Input: `Flow.actions`. Output: `Flow.content["Metadata"]` with a layered layout:
an action's column is the longest loop-free path to it from the start, its row
its breadth-first order within that column; unreachable actions get a last
column. Reports nothing.
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
    """Columns of identifiers: the longest path from `start`, loops broken.

    With the longest rather than the shortest path every forward transition
    goes to a column further right, so shared ends (a disconnect many blocks
    reach) sit after all of their sources; only loop-back edges point left.
    """
    by_id = {str(a.get("Identifier")): a for a in actions}
    if start not in by_id:
        return [list(by_id)] if by_id else []
    order, forward = _depth_first(start, by_id)
    column = {start: 0}
    for ident in order:
        for target in forward[ident]:
            column[target] = max(column.get(target, 0), column[ident] + 1)
    columns: list[list[str]] = [[] for _ in range(max(column.values()) + 1)]
    for ident in sorted(column, key=_discovery(start, by_id).__getitem__):
        columns[column[ident]].append(ident)
    rest = [i for i in by_id if i not in column]
    return columns + ([rest] if rest else [])


def _depth_first(
    start: str, by_id: dict[str, dict[str, Any]]
) -> tuple[list[str], dict[str, list[str]]]:
    """Reachable actions in topological order, and their non-loop-back edges."""
    forward: dict[str, list[str]] = {}
    finished: list[str] = []
    on_path = {start}
    stack = [(start, iter(_targets(start, by_id)))]
    forward[start] = []
    while stack:
        ident, pending = stack[-1]
        target = next(pending, None)
        if target is None:
            stack.pop()
            on_path.discard(ident)
            finished.append(ident)
        elif target in on_path:
            continue  # a loop back: drawn leftwards, ignored for columns
        else:
            forward[ident].append(target)
            if target not in forward:
                forward[target] = []
                on_path.add(target)
                stack.append((target, iter(_targets(target, by_id))))
    return finished[::-1], forward


def _targets(ident: str, by_id: dict[str, dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for target in successors(by_id[ident]):
        if target in by_id and target not in seen:
            seen.append(target)
    return seen


def _discovery(start: str, by_id: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Breadth-first order from the start: the order of rows in a column."""
    rank = {start: 0}
    queue = [start]
    for ident in queue:
        for target in _targets(ident, by_id):
            if target not in rank:
                rank[target] = len(rank)
                queue.append(target)
    return rank


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
