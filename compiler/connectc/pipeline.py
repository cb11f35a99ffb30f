"""The compiler's pass order, declared as data.

Stage `load` (connectc.loader) builds the IR; then each pass in `PASSES` runs in
order over the whole project. A pass reads the IR, may change it (resolve_*,
lower_*, emit_*), and reports diagnostics; `check_*` passes only report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from connectc.diagnostics import Diagnostics
from connectc.ir import Project
from connectc.passes.check_action_types import check_action_types
from connectc.passes.check_attributes import check_attributes
from connectc.passes.check_content import check_content
from connectc.passes.check_contracts import check_contracts
from connectc.passes.check_emitted import check_emitted
from connectc.passes.check_errors import check_errors
from connectc.passes.check_external import check_external
from connectc.passes.check_flow_targets import check_flow_targets
from connectc.passes.check_graph import check_graph
from connectc.passes.check_hooks import check_hooks
from connectc.passes.check_inputs import check_inputs
from connectc.passes.check_limits import check_limits
from connectc.passes.check_literals import check_literals
from connectc.passes.check_outcomes import check_outcomes
from connectc.passes.check_parameters import check_parameters
from connectc.passes.check_template import check_template
from connectc.passes.check_transitions import check_transitions
from connectc.passes.check_values import check_values
from connectc.passes.emit_content import emit_content
from connectc.passes.lower_blocks import lower_blocks
from connectc.passes.lower_layout import lower_layout
from connectc.passes.lower_to_actions import lower_to_actions
from connectc.passes.parse_expressions import parse_expressions
from connectc.passes.resolve_tokens import resolve_tokens

log = logging.getLogger(__name__)

Pass = Callable[[Project, Diagnostics], None]

# Checks of the spec before lowering (names, graph, data flow) go here.
CHECKS: tuple[Pass, ...] = (
    check_transitions,
    check_graph,
    check_contracts,
    check_external,
    check_attributes,
    check_inputs,
    check_literals,
)

# Checks of the lowered actions (Connect limits, per-action rules) go here.
ACTION_CHECKS: tuple[Pass, ...] = (
    check_template,
    check_action_types,
    check_errors,
    check_outcomes,
    check_parameters,
    check_hooks,
    check_flow_targets,
    check_values,
    check_limits,
)

# Checks of the emitted content (its graph, its deployed size).
CONTENT_CHECKS: tuple[Pass, ...] = (check_emitted, check_content)

PASSES: tuple[Pass, ...] = (
    parse_expressions,
    resolve_tokens,
    *CHECKS,
    lower_blocks,
    *ACTION_CHECKS,
    lower_to_actions,
    lower_layout,
    emit_content,
    *CONTENT_CHECKS,
)


def run(
    project: Project, diagnostics: Diagnostics, timings: dict[str, float] | None = None
) -> None:
    """Run every pass in order, timing each."""
    for step in PASSES:
        started = time.perf_counter()
        step(project, diagnostics)
        elapsed = time.perf_counter() - started
        log.debug("%s took %.3fs", step.__name__, elapsed)
        if timings is not None:
            timings[step.__name__] = timings.get(step.__name__, 0.0) + elapsed
