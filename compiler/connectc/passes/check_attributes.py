"""Pass `check_attributes`: attributes read where nothing sets them.

Input: loaded flows. A contact attribute `$.Attributes.<key>` may be set on a
path from the start, by a module invoked on the way, or before the contact
arrives by a project flow that transfers here, hooks this flow, invokes this
module or creates this task. A flow attribute `$.FlowAttributes.<key>` lives
in its flow only. Output: CC3122 for a read that no path sets.
"""

from __future__ import annotations

from collections.abc import Iterator

from connectc import checking
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.ir import Block, Flow, Project, Transition
from connectc.lowering import single_token

CONTACT, FLOW = "Attributes", "FlowAttributes"
_RAW = {"UpdateContactAttributes": (CONTACT, "Attributes"),
        "UpdateFlowAttributes": (FLOW, "FlowAttributes")}  # fmt: skip


def check_attributes(project: Project, diagnostics: Diagnostics) -> None:
    flows = [f for f in project.flows if f.template is None]
    own = {flow.name: set(_sets(flow)) for flow in flows}
    inputs = _inputs(project, flows, own)
    for flow in checking.sound_flows(project):
        _check_flow(project, flow, own, inputs.get(flow.name, set()), diagnostics)


def _sets(flow: Flow) -> Iterator[tuple[str, str]]:
    """(namespace, key) of every attribute the flow's blocks set."""
    for block in flow.blocks.values():
        yield from _block_sets(block)


def _block_sets(block: Block) -> Iterator[tuple[str, str]]:
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


def _called(project: Project, flow: Flow) -> Iterator[tuple[Flow, Block]]:
    """The project flows and modules this flow names, with the naming block."""
    for block in flow.blocks.values():
        for _, text in checking.block_strings(block):
            token = single_token(text)
            if token is not None and token.service in ("Flow", "Module"):
                target = project.flow(token.key)
                if target is not None and target.template is None:
                    yield target, block


def _inputs(
    project: Project, flows: list[Flow], own: dict[str, set[tuple[str, str]]]
) -> dict[str, set[str]]:
    """Contact attributes a flow may start with, from the flows that lead to it."""
    given: dict[str, set[str]] = {flow.name: set() for flow in flows}
    calls = {flow.name: list(_called(project, flow)) for flow in flows}
    contact = {name: {k for ns, k in items if ns == CONTACT} for name, items in own.items()}
    work = list(reversed(flows))
    while work:
        flow = work.pop()
        for target, block in calls[flow.name]:
            gained = contact[flow.name] | given[flow.name] | _task_attributes(block)
            if not gained <= given[target.name]:
                given[target.name] |= gained
                work.append(target)
    return given


def _task_attributes(block: Block) -> set[str]:
    attributes = getattr(block.argument, "attributes", None)
    return set(attributes) if block.verb == "create_task" and attributes else set()


def _check_flow(
    project: Project,
    flow: Flow,
    own: dict[str, set[tuple[str, str]]],
    inputs: set[str],
    diagnostics: Diagnostics,
) -> None:
    universe = sorted(own[flow.name] | _module_sets(project, flow, own))
    bits = {item: 1 << index for index, item in enumerate(universe)}
    gen = {name: _gen(project, block, own, bits) for name, block in flow.blocks.items()}

    def step(block: Block, transition: Transition, state: int) -> int:
        return state if checking.is_error(transition) else state | gen[block.name]

    graph = checking.block_graph(flow)
    states = checking.forward(graph, 0, step, lambda a, b: a | b)
    for name in graph.reachable:
        for read in checking.reads(flow.blocks[name]):
            if read.namespace not in (CONTACT, FLOW) or read.key is None:
                continue
            if read.namespace == CONTACT and read.key in inputs:
                continue
            if states[name] & bits.get((read.namespace, read.key), 0):
                continue
            known = [k for ns, k in universe if ns == read.namespace]
            span = flow.span(read.path, offset=read.reference.offset)
            kind = "attribute" if read.namespace == CONTACT else "flow attribute"
            notes = did_you_mean(read.key, [*known, *inputs])
            diagnostics.report(
                "CC3122", span, read.reference.text, kind, read.key, notes=notes
            )


def _module_sets(
    project: Project, flow: Flow, own: dict[str, set[tuple[str, str]]]
) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for target, block in _called(project, flow):
        if block.verb == "invoke_module":
            found |= {(ns, k) for ns, k in own.get(target.name, ()) if ns == CONTACT}
    return found


def _gen(
    project: Project,
    block: Block,
    own: dict[str, set[tuple[str, str]]],
    bits: dict[tuple[str, str], int],
) -> int:
    items = set(_block_sets(block))
    if block.verb == "invoke_module":
        token = single_token(block.argument) if isinstance(block.argument, str) else None
        target = project.flow(token.key) if token is not None else None
        if target is not None:
            items |= {(ns, k) for ns, k in own.get(target.name, ()) if ns == CONTACT}
    mask = 0
    for item in items:
        mask |= bits.get(item, 0)
    return mask
