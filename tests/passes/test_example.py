"""The bundled example checks clean for every environment, and not vacuously."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectc import contracts
from connectc.build import compile_project
from tests.conftest import REPO, copy_example


@pytest.mark.parametrize("env", ["dev", "test", "prod"])
def test_example_checks_clean(env: str) -> None:
    result = compile_project(REPO / "specs", env)
    assert [f"{d.span}: {d.message} [{d.code}]" for d in result.diagnostics] == []
    assert len(result.flows) == 7
    assert not contracts.verify_samples(REPO / "specs", env)


def test_checks_run_on_the_example(tmp_path: Path) -> None:
    """Breaking the example in three places brings three findings."""
    root = copy_example(tmp_path / "project")
    sales = root / "specs" / "flows" / "SalesEntry.yaml"
    text = sales.read_text("utf-8")
    text = text.replace("    error: main_menu\n\n  vip_check:", "\n  vip_check:", 1)
    text = text.replace("$.External.tier ==", "$.External.rank ==", 1)
    text = re.sub(r"(  retry_goodbye:\n)", r"  stray:\n    disconnect: {}\n\n\1", text)
    sales.write_text(text, encoding="utf-8")
    result = compile_project(root / "specs", "test")
    found = sorted((d.code, d.span.path) for d in result.diagnostics)
    shown = "specs/flows/SalesEntry.yaml"
    assert found == [("CC3101", shown), ("CC3102", shown), ("CC3120", shown)]
