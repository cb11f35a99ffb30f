"""Contracts of the example: their shapes and recorded samples (snapshots)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from connectc import cli, contracts, loader
from connectc.diagnostics import Diagnostics
from tests.conftest import REPO


def example_contracts() -> dict[str, dict[str, Any]]:
    diagnostics = Diagnostics()
    project = loader.load_project(REPO / "specs", "test", diagnostics)
    assert not diagnostics.has_errors()
    return project.contracts


def test_contract_shapes(snapshot: SnapshotAssertion) -> None:
    shapes = {n: contracts.shape(c) for n, c in sorted(example_contracts().items())}
    assert sorted(shapes) == ["CustomerLookup", "VerifyMember"]
    assert shapes == snapshot


def test_sample_shapes(snapshot: SnapshotAssertion) -> None:
    shapes = {}
    for name in sorted(example_contracts()):
        for path in contracts.sample_files(REPO / "specs", name, "test"):
            sample = json.loads(path.read_text("utf-8"))
            shapes[f"{name}/{path.name}"] = contracts.sample_shape(sample)
    assert len(shapes) == 5
    assert shapes == snapshot


def test_fields_read_both_forms() -> None:
    optional = {"type": "string", "enum": ["x"], "required": False}
    found = contracts.fields({"response": {"a": "number", "b": optional}}, "response")
    assert found["a"] == contracts.Field("number")
    assert found["b"] == contracts.Field("string", ("x",), False)


def test_contract_test_command(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["contract", "test", str(REPO / "specs"), "--env", "prod"])
    assert code == cli.EXIT_OK
    assert "contract samples match for prod" in capsys.readouterr().out


def test_contract_test_command_fails_on_a_drifted_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import copy_example

    root = copy_example(tmp_path / "project")
    sample = root / "specs" / "contracts" / "CustomerLookup" / "samples" / "gold.json"
    sample.write_text('{"response": {"tier": "diamond", "customerId": "C"}}', "utf-8")
    code = cli.main(["contract", "test", str(root / "specs"), "--env", "test"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FINDINGS
    assert '"diamond", not one of "gold", "silver", "standard"' in err
    assert 'response has no "name"' in err
