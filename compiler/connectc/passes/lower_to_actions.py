"""Pass `lower_to_actions`: from here on a flow is its actions.

Input: flows lowered and checked. Output: blocks keep only their names, paths,
options and transitions (for spans and ignores); their spec values and
validated models are dropped. No later pass reads them, and on large projects
they are a third of the memory. Reports nothing.
"""

from __future__ import annotations

from connectc.diagnostics import Diagnostics
from connectc.ir import Project


def lower_to_actions(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for block in flow.blocks.values():
            block.raw = {}
            block.validated = None
            block.argument = None
