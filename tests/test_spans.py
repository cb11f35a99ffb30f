"""Diagnostics inside strings point at the token itself, whatever the YAML style:
block scalars, folded scalars, escapes and doubled quotes."""

from __future__ import annotations

from pathlib import Path

from connectc.build import compile_project

CASE = Path(__file__).parent / "data" / "spans" / "escapes.yaml"


def test_token_spans_in_every_scalar_style() -> None:
    result = compile_project(CASE, "test")
    lines = CASE.read_text("utf-8").splitlines()
    found = [d for d in result.diagnostics if d.code == "CC2001"]
    assert len(found) == 5
    for diagnostic in found:
        span = diagnostic.span
        line = lines[span.line - 1]
        token = line[span.column - 1 : span.end_column - 1]
        assert token.startswith("${Queue.Nope") and token.endswith("}"), line
        assert token in diagnostic.message
