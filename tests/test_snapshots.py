"""Golden outputs of the bundled example, reviewed like code (syrupy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from connectc.build import build_project


@pytest.mark.parametrize("env", ["test", "prod"])
def test_example_output(
    example: Path,
    env: str,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")
    assert build_project(example / "specs", env, release="snapshot").ok
    out = example / "generated" / env
    files = {
        str(p.relative_to(out)): json.loads(p.read_text("utf-8"))
        for p in sorted(out.rglob("*.json"))
    }
    assert files == snapshot
