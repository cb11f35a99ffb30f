"""Pass `lower_blocks`: blocks to flow-language actions.

Input: flows whose names and transitions checked clean. Output: `Flow.actions`
(tokens still as text) and `Flow.action_blocks` (action Identifier to the block
it came from). Templates keep their actions as written. Codes: those of the
verb lowerers (CC0008, CC0013, CC1003-CC1005, CC2006).
"""

from __future__ import annotations

import copy

from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project
from connectc.lowering import Lowering
from connectc.verbs import LOWERERS


def lower_blocks(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        if flow.template is not None:
            _lower_template(flow)
        elif not flow.broken:
            _lower_flow(flow, diagnostics, project.resolved)


def _lower_flow(flow: Flow, diagnostics: Diagnostics, resolved: dict[str, str]) -> None:
    taken = set(flow.blocks)
    for block in flow.blocks.values():
        taken.discard(block.name)
        lowering = Lowering(flow, block, diagnostics, taken, resolved)
        LOWERERS[block.verb](lowering, block.argument)
        for action in lowering.actions:
            flow.action_blocks[action["Identifier"]] = block.name
        flow.actions.extend(lowering.actions)
        taken.add(block.name)


def _lower_template(flow: Flow) -> None:
    assert flow.template is not None
    actions = flow.template.get("Actions")
    flow.actions = copy.deepcopy(actions) if isinstance(actions, list) else []
    for action in flow.actions:
        if isinstance(action, dict):
            ident = str(action.get("Identifier", ""))
            flow.action_blocks[ident] = ident
