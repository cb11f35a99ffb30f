"""Pass `check_external`: `$.External.*` against the Lambda that ran last.

Input: loaded flows and contracts. Along every path the pass tracks which
`lambda` block ran last and whether it succeeded; a read of
`$.External.<key>` is checked against each. Output: CC3120 a key the contract
of a Lambda that succeeded does not return, CC3121 a read where no Lambda has
run on some path, CC3132 a read on the error branch of a Lambda (Connect
overwrites `$.External` with each invocation, and a failed one returns
nothing). Lambdas without a contract, and modules (which may call their own),
make the key unknown, never a finding.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from connectc import checking, flowgraph
from connectc.diagnostics import Diagnostics
from connectc.ir import Block, Flow, Project, Transition


class Ran(NamedTuple):
    """What filled `$.External` last on one path."""

    kind: str  # NONE, UNKNOWN, OK or FAILED
    block: str = ""


NONE, UNKNOWN, OK, FAILED = "none", "unknown", "ok", "failed"
Last = frozenset[Ran]


def check_external(project: Project, diagnostics: Diagnostics) -> None:
    for flow in flowgraph.sound_flows(project):
        graph = flowgraph.block_graph(flow)
        states = flowgraph.forward(graph, frozenset({Ran(NONE)}), _step, _join)
        for name in graph.reachable:
            _check_block(project, flow, flow.blocks[name], states[name], diagnostics)


def _step(block: Block, transition: Transition, last: Last) -> Last:
    if block.verb == "lambda" or _raw_lambda(block):
        failed = flowgraph.is_error(transition)
        if failed:
            return frozenset({Ran(FAILED, block.name)})
        kind = OK if block.verb == "lambda" else UNKNOWN
        return frozenset({Ran(kind, block.name)})
    if block.verb == "invoke_module" and not flowgraph.is_error(transition):
        return frozenset({Ran(UNKNOWN)})
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
        text = read.reference.text
        if Ran(NONE) in last:
            diagnostics.report("CC3121", span, text)
        failed = sorted(ran.block for ran in last if ran.kind == FAILED)
        if failed:
            diagnostics.report("CC3132", span, text, failed[0])
        for name in sorted(ran.block for ran in last if ran.kind == OK):
            contract_name, contract = checking.lambda_contract(
                project, flow.blocks[name]
            )
            if contract is not None and read.key not in _keys(contract):
                diagnostics.report("CC3120", span, text, contract_name, name)
                break


def _keys(contract: dict[str, Any]) -> dict[str, Any]:
    response = contract.get("response")
    return response if isinstance(response, dict) else {}
