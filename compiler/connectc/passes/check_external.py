"""Pass `check_external`: `$.External.*` against the Lambda that ran last.

Input: loaded flows and contracts. Along every path the pass tracks which
`lambda` block ran last; a read of `$.External.<key>` is checked against that
block's contract. Output: CC3120 a key the contract does not return, CC3121 a
read where no Lambda has run on some path. Lambdas without a contract, and
modules (which may call their own), make the key unknown, never a finding.
"""

from __future__ import annotations

from typing import Any

from connectc import checking, flowgraph
from connectc.diagnostics import Diagnostics
from connectc.ir import Block, Flow, Project, Transition

NONE = ""  # no Lambda has run
UNKNOWN = "?"  # something ran whose result connectc cannot know

Last = frozenset[str]


def check_external(project: Project, diagnostics: Diagnostics) -> None:
    for flow in flowgraph.sound_flows(project):
        graph = flowgraph.block_graph(flow)
        states = flowgraph.forward(graph, frozenset({NONE}), _step, _join)
        for name in graph.reachable:
            _check_block(project, flow, flow.blocks[name], states[name], diagnostics)


def _step(block: Block, transition: Transition, last: Last) -> Last:
    if flowgraph.is_error(transition):
        return last
    if block.verb == "lambda":
        return frozenset({block.name})
    if block.verb == "invoke_module" or _raw_lambda(block):
        return frozenset({UNKNOWN})
    return last


def _join(first: Last, second: Last) -> Last:
    return first | second


def _raw_lambda(block: Block) -> bool:
    return block.verb == "action" and block.argument.type == "InvokeLambdaFunction"


def _check_block(
    project: Project, flow: Flow, block: Block, last: Last, diagnostics: Diagnostics
) -> None:
    for read in checking.reads(flow, block):
        if read.namespace != "External" or read.key is None:
            continue
        span = flow.span(read.path, offset=read.reference.offset)
        if NONE in last:
            diagnostics.report("CC3121", span, read.reference.text)
            continue
        for name in sorted(last - {UNKNOWN}):
            contract_name, contract = checking.lambda_contract(
                project, flow.blocks[name]
            )
            if contract is not None and read.key not in _keys(contract):
                text = read.reference.text
                diagnostics.report("CC3120", span, text, contract_name, name)
                break


def _keys(contract: dict[str, Any]) -> dict[str, Any]:
    response = contract.get("response")
    return response if isinstance(response, dict) else {}
