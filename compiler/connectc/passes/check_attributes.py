"""Pass `check_attributes`: attributes read where nothing sets them.

Input: loaded flows. A contact attribute `$.Attributes.<key>` may be set on a
path from the start, by a module invoked on the way, or before the contact
arrives by a project flow that transfers here, hooks this flow, invokes this
module or creates this task. A flow attribute `$.FlowAttributes.<key>` lives
in its flow only. Output: CC3122 for a read that no path sets.
"""

from __future__ import annotations

from collections.abc import Iterator

from connectc import checking, flowgraph
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.ir import Block, Flow, Project, Transition

CONTACT, FLOW = "Attributes", "FlowAttributes"
_RAW = {
    "UpdateContactAttributes": (CONTACT, "Attributes"),
    "UpdateFlowAttributes": (FLOW, "FlowAttributes"),
}

Key = tuple[str, str]  # (namespace, key)
Calls = dict[str, list[tuple[str, Block]]]  # flow -> (flow or module it names, block)


def check_attributes(project: Project, diagnostics: Diagnostics) -> None:
    flows = {f.name: f for f in project.flows if f.template is None}
    own = {name: set(_sets(flow)) for name, flow in flows.items()}
    calls = {name: list(_called(flows, flow)) for name, flow in flows.items()}
    inputs = _inputs(calls, own)
    for flow in flowgraph.sound_flows(project):
        given = inputs.get(flow.name, set())
        _check_flow(flow, calls[flow.name], own, given, diagnostics)


def _sets(flow: Flow) -> Iterator[Key]:
    """Every attribute the flow's blocks set."""
    for block in flow.blocks.values():
        yield from _block_sets(block)


def _block_sets(block: Block) -> Iterator[Key]:
    if block.verb == "set_attributes":
        if block.options.get("contact") != "related":
            yield from ((CONTACT, key) for key in block.argument)
    elif block.verb == "set_flow_attributes":
        yield from ((FLOW, key) for key in block.argument)
    elif block.verb == "action" and block.argument.type in _RAW:
        namespace, parameter = _RAW[block.argument.type]
        parameters = block.argument.parameters or {}
        values = parameters.get(parameter)
        related = str(parameters.get("TargetContact", "")).lower() == "related"
        if isinstance(values, dict) and not related:
            yield from ((namespace, str(key)) for key in values)


def _called(flows: dict[str, Flow], flow: Flow) -> Iterator[tuple[str, Block]]:
    """The project flows and modules this flow names, with the naming block."""
    for use in flow.tokens:
        if use.service not in ("Flow", "Module") or len(use.path) < 2:
            continue
        block = flow.blocks.get(str(use.path[1]))
        if block is not None and use.key in flows:
            yield use.key, block


def _contact(keys: set[Key]) -> set[str]:
    return {key for namespace, key in keys if namespace == CONTACT}


def _inputs(calls: Calls, own: dict[str, set[Key]]) -> dict[str, set[str]]:
    """Contact attributes a flow may start with, from the flows that lead to it.

    Flows that lead to each other in a cycle share one set; the cycles are
    taken in the order of the calls, so each flow's set is built once.
    """
    given: dict[str, set[str]] = {}
    edges = {name: [target for target, _ in found] for name, found in calls.items()}
    for group in flowgraph.components(edges):
        shared: set[str] = set()
        for name in group:
            shared |= given.get(name, set())
        if len(group) > 1 or group[0] in edges.get(group[0], ()):
            for name in group:
                shared |= _contributed(calls[name], own[name])
        for name in group:
            given[name] = shared
            gained = shared | _contributed(calls[name], own[name])
            for target in edges[name]:
                if target not in group:
                    given.setdefault(target, set()).update(gained)
    return given


def _contributed(calls: list[tuple[str, Block]], own: set[Key]) -> set[str]:
    """What a flow passes on: what it sets, and the attributes of its tasks."""
    found = _contact(own)
    for _, block in calls:
        attributes = getattr(block.argument, "attributes", None)
        if block.verb == "create_task" and attributes:
            found |= set(attributes)
    return found


def _check_flow(
    flow: Flow,
    calls: list[tuple[str, Block]],
    own: dict[str, set[Key]],
    inputs: set[str],
    diagnostics: Diagnostics,
) -> None:
    invoked = {b.name: target for target, b in calls if b.verb == "invoke_module"}
    by_module = {
        name: {(CONTACT, k) for k in _contact(own[name])} for name in invoked.values()
    }
    universe = sorted(own[flow.name].union(*by_module.values()))
    bits = {item: 1 << index for index, item in enumerate(universe)}
    gen = {}
    for name, block in flow.blocks.items():
        items = set(_block_sets(block)) | by_module.get(invoked.get(name, ""), set())
        gen[name] = sum(bits[item] for item in items if item in bits)

    def step(block: Block, transition: Transition, state: int) -> int:
        return state if flowgraph.is_error(transition) else state | gen[block.name]

    graph = flowgraph.block_graph(flow)
    states = flowgraph.forward(graph, 0, step, lambda a, b: a | b)
    suggestions: dict[Key, list[str]] = {}
    for name in graph.reachable:
        for read in checking.reads(flow, flow.blocks[name]):
            key = read.key
            if read.namespace not in (CONTACT, FLOW) or key is None:
                continue
            if read.namespace == CONTACT and key in inputs:
                continue
            if states[name] & bits.get((read.namespace, key), 0):
                continue
            span = flow.span(read.path, offset=read.reference.offset)
            kind = "attribute" if read.namespace == CONTACT else "flow attribute"
            notes = _suggest((read.namespace, key), universe, suggestions)
            text = read.reference.text
            diagnostics.report("CC3122", span, text, kind, key, notes=notes)


def _suggest(
    wanted: Key, universe: list[Key], cache: dict[Key, list[str]]
) -> list[str]:
    """A "did you mean" among the keys this flow sets (computed once per key)."""
    if wanted not in cache:
        size = len(wanted[1])
        known = [
            key
            for namespace, key in universe
            if namespace == wanted[0] and abs(len(key) - size) <= max(2, size // 3)
        ]
        cache[wanted] = did_you_mean(wanted[1], known)
    return cache[wanted]
