"""check_emitted: a lowering fault becomes CC9001 instead of a dangling file."""

from __future__ import annotations

from pathlib import Path

from connectc.build import compile_project
from connectc.diagnostics import Diagnostics
from connectc.passes.check_emitted import check_emitted


def test_emitted_flows_of_the_example_are_whole(example: Path) -> None:
    result = compile_project(example / "specs", "test")
    diagnostics = Diagnostics()
    check_emitted(result.project, diagnostics)
    assert "CC9001" not in [d.code for d in diagnostics]
    assert not any(flow.broken for flow in result.project.flows)


def test_a_transition_to_an_action_not_emitted_is_an_internal_error(
    example: Path,
) -> None:
    result = compile_project(example / "specs", "test")
    flow = next(f for f in result.project.flows if f.name == "SalesEntry")
    assert flow.content is not None
    flow.content["Actions"][0]["Transitions"]["NextAction"] = "ghost"
    diagnostics = Diagnostics()
    check_emitted(result.project, diagnostics)
    (found,) = diagnostics.items
    assert found.code == "CC9001" and '"ghost"' in found.message
    assert found.span.path == "specs/flows/SalesEntry.yaml" and flow.broken


def test_a_missing_start_action_is_an_internal_error(example: Path) -> None:
    result = compile_project(example / "specs", "test")
    flow = result.project.flows[0]
    assert flow.content is not None
    flow.content["StartAction"] = "nowhere"
    diagnostics = Diagnostics()
    check_emitted(result.project, diagnostics)
    assert [d.code for d in diagnostics] == ["CC9001"]
