"""Pass `check_graph`: the shape of each flow's block graph.

Input: loaded flows with checked transitions. Output: diagnostics only: CC3101
unreachable blocks, CC3104 a disconnect before anything else happens, CC3106
loops no contact can leave. Flows whose start is missing are skipped (CC2004).
"""

from __future__ import annotations

from connectc import checking, flowgraph
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project

# Blocks that only change settings: a disconnect right after them still
# drops the contact before anything happens.
SETTING_VERBS = frozenset(
    {"logging", "recording", "voice", "set_attributes", "set_flow_attributes",
     "set_hooks", "priority", "set_queue"}
)  # fmt: skip
# Flows that loop until an agent answers or the hold ends, by design.
ENDLESS_TYPES = frozenset({"CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_HOLD"})


def check_graph(project: Project, diagnostics: Diagnostics) -> None:
    for flow in flowgraph.sound_flows(project):
        graph = flowgraph.block_graph(flow)
        _unreachable(flow, graph, diagnostics)
        _disconnect_first(flow, diagnostics)
        if checking.flow_type(flow) not in ENDLESS_TYPES:
            _trapped(flow, graph, diagnostics)


def _unreachable(flow: Flow, graph: flowgraph.Graph, diagnostics: Diagnostics) -> None:
    reached = set(graph.reachable)
    for name in flow.blocks:
        if name not in reached:
            span = checking.block_span(flow, name)
            diagnostics.report("CC3101", span, name, flow.start)


def _disconnect_first(flow: Flow, diagnostics: Diagnostics) -> None:
    if flow.kind != "flow":
        return
    name: str | None = flow.start
    seen: set[str] = set()
    while name in flow.blocks and name not in seen:
        seen.add(name)
        block = flow.blocks[name]
        if block.verb == "disconnect":
            span = checking.block_span(flow, name)
            diagnostics.report("CC3104", span, flow.name, name)
            return
        if block.verb not in SETTING_VERBS:
            return
        name = block.target("next")


def _exits(flow: Flow, graph: flowgraph.Graph) -> set[str]:
    """Blocks where the contact leaves the flow or whose way on is unknown."""
    found = set()
    for name, block in flow.blocks.items():
        leaves = block.verb in flowgraph.TERMINAL_VERBS | flowgraph.HANDOFF_VERBS
        broken = len(graph.edges[name]) < len(block.transitions)
        if leaves or broken or block.verb == "action" or not graph.edges[name]:
            found.add(name)
    return found


def _trapped(flow: Flow, graph: flowgraph.Graph, diagnostics: Diagnostics) -> None:
    """Report each set of blocks that loop among themselves with no way out."""
    predecessors: dict[str, list[str]] = {name: [] for name in flow.blocks}
    for name in flow.blocks:
        for target in graph.successors(name):
            predecessors[target].append(name)
    free = _exits(flow, graph)
    queue = list(free)
    while queue:
        for before in predecessors[queue.pop()]:
            if before not in free:
                free.add(before)
                queue.append(before)
    stuck = [name for name in graph.reachable if name not in free]
    for group in _bottom_loops(graph, set(stuck)):
        ordered = [name for name in flow.blocks if name in group]
        shown = ", ".join(f'"{name}"' for name in ordered)
        span = checking.block_span(flow, ordered[0])
        diagnostics.report("CC3106", span, shown)


def _bottom_loops(graph: flowgraph.Graph, stuck: set[str]) -> list[set[str]]:
    """The loops among `stuck` blocks that no transition leaves."""
    groups: list[set[str]] = []
    placed: set[str] = set()
    for name in graph.reachable:
        if name not in stuck or name in placed:
            continue
        ahead = _closure(graph, name)
        if all(name in _closure(graph, other) for other in ahead):
            groups.append(ahead)
            placed |= ahead
    return groups


def _closure(graph: flowgraph.Graph, start: str) -> set[str]:
    seen = {start}
    queue = [start]
    while queue:
        for target in graph.successors(queue.pop()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
