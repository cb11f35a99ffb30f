"""Malformed specs never crash the compiler: random edits of the example specs
and random YAML values must give coded diagnostics, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectc.build import compile_project
from tests.conftest import REPO, copy_example

SPEC_FILES = sorted((REPO / "specs").rglob("*.yaml"))
FRAGMENTS = [
    "",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "${",
    "${Queue.}",
    "$.",
    "$.Nope.x",
    "&a",
    "*a",
    "!!str",
    "\t",
    "'",
    '"',
    "next: nowhere",
    "play: {text: 1, ssml: 2}",
    "null",
    "branch: [{when: '$.A.b ==', goto: x}]",
    "when: not",
    "8x",
    "\u3000",
    "🙂",
    "lambda: {function: x, timeout: -1}",
    "split: [{percent: 200, goto: a}]",
    "menu: {timeout: []}",
    "blocks: 5",
    "type: nope",
    "start: []",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[int, str]:
    index = draw(st.integers(0, len(SPEC_FILES) - 1))
    lines = SPEC_FILES[index].read_text("utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "append"]))
        fragment = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=12))
        if action == "insert":
            lines.insert(where, fragment)
        elif action == "delete" and lines:
            del lines[min(where, len(lines) - 1)]
        elif action == "replace" and lines:
            line = lines[min(where, len(lines) - 1)]
            cut = draw(st.integers(0, len(line)))
            lines[min(where, len(lines) - 1)] = line[:cut] + fragment
        else:
            lines.append(fragment)
    return index, "\n".join(lines) + "\n"


_WORK = Path(tempfile.mkdtemp(prefix="connectc-fuzz-"))
_PROJECT = copy_example(_WORK / "project")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_specs_give_diagnostics_not_exceptions(case: tuple[int, str]) -> None:
    index, text = case
    target = _PROJECT / SPEC_FILES[index].relative_to(REPO)
    original = target.read_bytes()
    try:
        target.write_text(text, "utf-8")
        result = compile_project(_PROJECT / "specs", "test")
        for diagnostic in result.diagnostics:
            assert diagnostic.code.startswith("CC") and len(diagnostic.code) == 6
            assert diagnostic.span.path
    finally:
        target.write_bytes(original)


def teardown_module() -> None:
    shutil.rmtree(_WORK, ignore_errors=True)
