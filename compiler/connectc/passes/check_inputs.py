"""Pass `check_inputs`: values that exist only after the customer gave them.

Input: loaded flows. `$.StoredCustomerInput` holds what the last `input` block
stored, `$.Lex.*` what the last Lex conversation produced; both are empty on a
path that has not been through such a block. Output: CC3123 stored input read
before any `input` on some path, CC3124 `$.Lex` read outside a Lex outcome.
"""

from __future__ import annotations

from connectc import checking, flowgraph
from connectc.diagnostics import Diagnostics
from connectc.ir import Block, Flow, Project, Transition

STORED, LEX = 1, 2
# The transitions on which each kind of block has produced its value.
_PRODUCED = {"input": ("next",), "lex": ("next", "intents", "no_match", "timeout")}


def check_inputs(project: Project, diagnostics: Diagnostics) -> None:
    for flow in flowgraph.sound_flows(project):
        graph = flowgraph.block_graph(flow)
        states = flowgraph.forward(graph, 0, _step, lambda a, b: a & b)
        for name in graph.reachable:
            _check_block(flow, flow.blocks[name], states[name], diagnostics)


def _step(block: Block, transition: Transition, state: int) -> int:
    return state | _produces(block, transition)


def _produces(block: Block, transition: Transition) -> int:
    head = transition.label.split(".", 1)[0]
    if head in _PRODUCED.get(block.verb, ()):
        return STORED if block.verb == "input" else LEX
    if block.verb != "action" or flowgraph.is_error(transition):
        return 0
    kind = block.argument.type
    parameters = block.argument.parameters or {}
    if kind == "GetParticipantInput" and parameters.get("StoreInput") == "True":
        return STORED if head == "next" else 0
    return LEX if kind == "ConnectParticipantWithLexBot" else 0


def _check_block(
    flow: Flow, block: Block, state: int, diagnostics: Diagnostics
) -> None:
    for read in checking.reads(flow, block):
        span = flow.span(read.path, offset=read.reference.offset)
        if read.namespace == "StoredCustomerInput" and not state & STORED:
            diagnostics.report("CC3123", span)
        elif read.namespace == "Lex" and not state & LEX:
            diagnostics.report("CC3124", span, read.reference.text)
