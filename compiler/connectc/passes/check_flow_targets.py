"""Pass `check_flow_targets`: flows named by transfers, tasks and callbacks.

Input: lowered actions whose flow parameter names a flow of this project
(`${Flow.X}`). `TransferToFlow` and `CreateTask` start an inbound flow; a
callback's `ContactFlowId` is the outbound whisper played when the callback
dials. The console only offers flows of those types; the API's rule is not
documented, so a mismatch is a warning. Output: CC3131.
"""

from __future__ import annotations

from connectc import checking
from connectc.diagnostics import Diagnostics
from connectc.ir import Project
from connectc.lowering import single_token

# Action Type -> (parameter, the flow type it should name).
TARGETS = {
    "TransferToFlow": ("ContactFlowId", "CONTACT_FLOW"),
    "CreateTask": ("ContactFlowId", "CONTACT_FLOW"),
    "CreateCallbackContact": ("ContactFlowId", "OUTBOUND_WHISPER"),
}


def check_flow_targets(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for index, action in checking.indexed_actions(flow):
            rule = TARGETS.get(str(action.get("Type")))
            if rule is None:
                continue
            parameter, wanted = rule
            value = checking.parameters(action).get(parameter)
            token = single_token(value) if isinstance(value, str) else None
            if token is None or token.service != "Flow":
                continue
            target = project.flow(token.key)
            if target is None or target.kind != "flow" or target.type == wanted:
                continue
            diagnostics.report(
                "CC3131",
                checking.action_span(flow, index, action),
                checking.action_name(flow, action),
                target.name,
                checking.type_name(checking.flow_type(target)),
                checking.type_name(wanted),
            )
