"""Pass `check_contracts`: each `lambda` block against its contract.

Input: loaded flows and `specs/contracts/`. A block follows the contract its
`contract:` names, else the one named like its `${Lambda.X}` token. Output:
CC3125 a contract that does not exist, CC3126 a parameter the contract does not
declare, CC3127 a required parameter the block does not send.
"""

from __future__ import annotations

from typing import Any

from connectc import checking
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.ir import Block, Flow, Project


def check_contracts(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for block in flow.blocks.values():
            if block.verb == "lambda":
                _check_block(project, flow, block, diagnostics)


def _check_block(
    project: Project, flow: Flow, block: Block, diagnostics: Diagnostics
) -> None:
    name, contract = checking.lambda_contract(project, block)
    if name is not None and contract is None:
        notes = did_you_mean(name, project.contracts)
        span = flow.span((*block.path, "contract"))
        diagnostics.report("CC3125", span, block.name, name, notes=notes)
        return
    if contract is None:
        return
    declared: dict[str, Any] = contract.get("parameters") or {}
    sent = getattr(block.argument, "parameters", None) or {}
    where = (*block.path, "lambda", "parameters")
    for key in sent:
        if key not in declared:
            notes = did_you_mean(key, declared)
            span = flow.span((*where, key), key=True)
            diagnostics.report("CC3126", span, block.name, key, name, notes=notes)
    for key, field in declared.items():
        if key not in sent and _required(field):
            span = flow.span((*block.path, "lambda"), key=True)
            diagnostics.report("CC3127", span, block.name, key, name)


def _required(field: Any) -> bool:
    return not isinstance(field, dict) or bool(field.get("required", True))
