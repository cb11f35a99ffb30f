"""References between flows of one release: cycles, deploy order, content parts.

A flow whose content names another flow of the project (`${Flow.X}`) is created
after it, with the ARN filled in by CloudFormation. A cycle of such references
cannot be created in one pass, so `find_link_cycles` lets build refuse it (CC7001).
Pure Python: the compiler calls this without the CDK.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from connectc.cdk.manifest import FlowEntry, Link, Manifest
from connectc.flowgraph import components

Graph = dict[str, list[str]]


def link_graph(manifest: Manifest | Mapping[str, Any]) -> Graph:
    """Flow name -> the project flows its content links to (known targets only)."""
    edges = _edges(manifest)
    names = set(edges)
    return {
        name: sorted({t for t in targets if t in names})
        for name, targets in edges.items()
    }


def find_link_cycles(manifest: Manifest | Mapping[str, Any]) -> list[list[str]]:
    """Each cycle of links as the flow names along it, first name smallest.

    Accepts the decoded manifest.json (a dict) or a `Manifest`. One cycle is
    returned per strongly connected group of flows, so a group of three flows that
    all call each other is one finding, not six; a flow linking to itself is a
    cycle of one. The result is sorted and deterministic.
    """
    graph = link_graph(manifest)
    cycles = []
    for group in components(graph):
        start = min(group)
        if len(group) > 1 or start in graph[start]:
            cycles.append(_cycle_through(graph, start, set(group)))
    return sorted(cycles)


def deploy_order(manifest: Manifest) -> list[FlowEntry]:
    """Flows with every link target before the flows that link to it.

    Ties keep manifest order. When only flows on a cycle are left, the one with
    the fewest targets still to come goes first (its links to them are the
    ones deployed in a second step), then the order continues as before.
    """
    graph = link_graph(manifest)
    placed: set[str] = set()
    order: list[FlowEntry] = []
    pending = list(manifest.flows)
    while pending:
        ready = [f for f in pending if set(graph[f.name]) - {f.name} <= placed]
        if not ready:
            waiting = [len(set(graph[f.name]) - placed) for f in pending]
            ready = [pending[waiting.index(min(waiting))]]
        for flow in ready:
            placed.add(flow.name)
            order.append(flow)
        pending = [f for f in pending if f.name not in placed]
    return order


def split_content(content: str, links: Sequence[Link]) -> list[str | Link]:
    """The content as literal text and the links to put between the pieces.

    Every occurrence of each link's token text is replaced; text without links
    comes back as one piece.
    """
    by_token = {link.token: link for link in links if link.token}
    parts: list[str | Link] = []
    position = 0
    while by_token:
        found = [(content.find(t, position), t) for t in by_token]
        hits = [(index, t) for index, t in found if index >= 0]
        if not hits:
            break
        index, token = min(hits, key=lambda hit: (hit[0], -len(hit[1])))
        if index > position:
            parts.append(content[position:index])
        parts.append(by_token[token])
        position = index + len(token)
    if position < len(content) or not parts:
        parts.append(content[position:])
    return parts


def missing_targets(manifest: Manifest) -> list[tuple[FlowEntry, Link]]:
    """Links whose target is not a flow of this manifest, or of the wrong kind."""
    kinds = {flow.name: flow.kind for flow in manifest.flows}
    return [
        (flow, link)
        for flow in manifest.flows
        for link in flow.links
        if kinds.get(link.target) != link.kind
    ]


def _edges(manifest: Manifest | Mapping[str, Any]) -> dict[str, list[str]]:
    if isinstance(manifest, Manifest):
        return {f.name: [link.target for link in f.links] for f in manifest.flows}
    edges: dict[str, list[str]] = {}
    for flow in _as_list(manifest.get("flows")):
        if isinstance(flow, Mapping) and isinstance(flow.get("name"), str):
            links = _as_list(flow.get("links"))
            targets = [str(k.get("target")) for k in links if isinstance(k, Mapping)]
            edges[flow["name"]] = targets
    return edges


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _cycle_through(graph: Graph, start: str, group: set[str]) -> list[str]:
    """A shortest path from `start` back to itself inside its group (BFS)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in graph[node]:
                if child == start:
                    return _path(previous, node, start)
                if child in group and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]


def _path(previous: dict[str, str], last: str, start: str) -> list[str]:
    path = [last]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return list(reversed(path))
