"""Data-driven bad input: each file in data/bad_specs marks the lines where a
diagnostic is expected with `# E: CODE` (error) or `# W: CODE` (warning)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectc.build import compile_project
from connectc.diagnostics import Severity

CASES = Path(__file__).parent / "data" / "bad_specs"
MARKER = re.compile(r"#\s*([EW]):\s*(CC\d{4})")


def expected(path: Path) -> set[tuple[int, str, str]]:
    found = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        for kind, code in MARKER.findall(line):
            found.add((number, kind, code))
    return found


def actual(path: Path) -> set[tuple[int, str, str]]:
    result = compile_project(path, "test")
    shown = f"bad_specs/{path.name}"
    return {
        (d.span.line, "E" if d.severity == Severity.ERROR else "W", d.code)
        for d in result.diagnostics
        if d.span.path == shown and d.severity >= Severity.WARNING
    }


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_spec(path: Path) -> None:
    wanted = expected(path)
    assert wanted, "a case file needs at least one marker"
    assert actual(path) == wanted


def test_did_you_mean_for_unknown_verb_and_target() -> None:
    messages = []
    for name in ("unknown_verb.yaml", "missing_target.yaml", "unknown_key.yaml"):
        result = compile_project(CASES / name, "test")
        messages += [n for d in result.diagnostics for n in d.notes]
    assert 'did you mean "play"?' in messages
    assert 'did you mean "hang_up"?' in messages
    assert 'did you mean "next"?' in messages


def test_expression_error_column_points_inside_the_scalar() -> None:
    result = compile_project(CASES / "condition_syntax.yaml", "test")
    (diagnostic,) = [d for d in result.diagnostics if d.code == "CC1001"]
    line = (CASES / "condition_syntax.yaml").read_text().splitlines()[5]
    assert line[diagnostic.span.column - 1] == "="


def test_token_error_column_points_at_the_token() -> None:
    result = compile_project(CASES / "unbound_token.yaml", "test")
    (diagnostic,) = [d for d in result.diagnostics if d.code == "CC2001"]
    line = (CASES / "unbound_token.yaml").read_text().splitlines()[4]
    assert line[diagnostic.span.column - 1 :].startswith("${Queue.Sale}")
