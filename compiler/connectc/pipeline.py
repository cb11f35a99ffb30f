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
from connectc.passes.check_transitions import check_transitions
from connectc.passes.emit_content import emit_content
from connectc.passes.lower_blocks import lower_blocks
from connectc.passes.lower_layout import lower_layout
from connectc.passes.parse_expressions import parse_expressions
from connectc.passes.resolve_tokens import resolve_tokens

log = logging.getLogger(__name__)

Pass = Callable[[Project, Diagnostics], None]

# Checks of the spec before lowering (names, graph, data flow) go here.
CHECKS: tuple[Pass, ...] = (check_transitions,)

# Checks of the lowered actions (Connect limits, per-action rules) go here.
ACTION_CHECKS: tuple[Pass, ...] = ()

PASSES: tuple[Pass, ...] = (
    parse_expressions,
    resolve_tokens,
    *CHECKS,
    lower_blocks,
    *ACTION_CHECKS,
    lower_layout,
    emit_content,
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
