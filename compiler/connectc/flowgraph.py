"""The block graph of a spec flow, and the algorithms the checks run on it.

`block_graph` gives a flow's edges (to blocks that exist) and the blocks
reachable from its start; `forward` solves a forward data-flow problem over
them to a fixed point; `components` orders a call graph by its cycles.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from connectc.ir import Block, Flow, Project, Transition

State = TypeVar("State")
Fact = TypeVar("Fact")

# Verbs after which the flow does not continue in this flow.
TERMINAL_VERBS = frozenset({"disconnect", "end", "return"})
# Verbs that hand the contact to a queue, another flow or an outside number:
# their success ends this flow, so they need no `next`.
HANDOFF_VERBS = frozenset(
    {"transfer_to_queue", "transfer_to_flow", "transfer_to_phone"}
)


def sound_flows(project: Project) -> Iterator[Flow]:
    """Spec flows whose blocks all loaded and whose transitions all resolve.

    Graph and data-flow checks skip the others: a missing block would make
    the blocks after it look unreachable and their values unset.
    """
    for flow in project.flows:
        if flow.template is None and not flow.broken and flow.start in flow.blocks:
            yield flow


def is_error(transition: Transition) -> bool:
    """Whether the transition is taken when the block fails."""
    return transition.label == "error" or transition.label.startswith("errors.")


@dataclass
class Graph:
    """A flow's blocks as a graph; edges only to blocks that exist."""

    flow: Flow
    edges: dict[str, list[Transition]]
    reachable: list[str]  # breadth first from the start

    def successors(self, name: str) -> Iterator[str]:
        return (t.target for t in self.edges.get(name, ()))


def block_graph(flow: Flow) -> Graph:
    """The graph of a spec flow (templates have no blocks: an empty graph)."""
    edges, order = per_flow(flow, "graph", _graph)
    return Graph(flow, edges, order)


def _graph(flow: Flow) -> tuple[dict[str, list[Transition]], list[str]]:
    edges = {
        name: [t for t in block.transitions if t.target in flow.blocks]
        for name, block in flow.blocks.items()
    }
    order: list[str] = []
    if flow.start in flow.blocks:
        seen = {flow.start}
        queue = deque([flow.start])
        while queue:
            name = queue.popleft()
            order.append(name)
            for target in (t.target for t in edges[name]):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    return edges, order


# Facts several checks derive from the same blocks, kept while the flow lives.
# The passes run one after another over unchanging blocks, so the first one
# computes and the rest reuse; nothing here may refer back to the flow.
_MEMO: dict[int, tuple[weakref.ref[Flow], dict[str, Any]]] = {}


def per_flow(flow: Flow, kind: str, compute: Callable[[Flow], Fact]) -> Fact:
    """`compute(flow)`, computed once per flow and `kind`."""
    entry = _MEMO.get(id(flow))
    if entry is None or entry[0]() is not flow:
        entry = (weakref.ref(flow), {})
        _MEMO[id(flow)] = entry
        weakref.finalize(flow, _MEMO.pop, id(flow), None)
    facts = entry[1]
    if kind not in facts:
        facts[kind] = compute(flow)
    found: Fact = facts[kind]
    return found


def forward(
    graph: Graph,
    entry: State,
    step: Callable[[Block, Transition, State], State],
    join: Callable[[State, State], State],
) -> dict[str, State]:
    """The state on entry to each reachable block, solved to a fixed point.

    `step` gives the state leaving a block by one transition; where paths
    meet, `join` merges them. The lattice must have finite height.
    """
    flow = graph.flow
    if flow.start not in flow.blocks:
        return {}
    states: dict[str, State] = {flow.start: entry}
    work = deque([flow.start])
    queued = {flow.start}
    while work:
        name = work.popleft()
        queued.discard(name)
        block, state = flow.blocks[name], states[name]
        for transition in graph.edges[name]:
            out = step(block, transition, state)
            old = states.get(transition.target)
            new = out if old is None else join(old, out)
            if old is None or new != old:
                states[transition.target] = new
                if transition.target not in queued:
                    queued.add(transition.target)
                    work.append(transition.target)
    return states


def components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components, callers before callees (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    found.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges.get(child, ()))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    found.reverse()
    return found
