"""Data-driven cases of the quality gates, one directory per code.

`tests/cases/<CODE>/bad/` holds specs whose offending lines carry inline
markers (`# E: CC3101`, `# W: …`, `# N: …` for error, warning, note); JSON
files list theirs in an `expected.json` beside them. `good/` holds specs that
must check clean. Each case is built as the `specs/` of the project in
`tests/cases/_project/` (connectc.yaml, env/test.yaml, shared contracts); a
case may bring its own `connectc.yaml`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from connectc import contracts
from connectc.build import compile_project
from connectc.diagnostics import Diagnostics, Severity

CASES = Path(__file__).resolve().parents[1] / "cases"
PROJECT = CASES / "_project"
MARKER = re.compile(r"\b([EWN]):\s*((?:CC\d{4}[ ,]*)+)")
LETTERS = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.NOTE: "N"}

Finding = tuple[str, int, str, str]  # path under specs/, line, letter, code


def case_dirs() -> list[object]:
    found = []
    for code_dir in sorted(CASES.glob("CC*")):
        for kind in ("bad", "good"):
            if (code_dir / kind).is_dir():
                found.append(
                    pytest.param(code_dir / kind, id=f"{code_dir.name}-{kind}")
                )
    return found


def expected(case: Path) -> set[Finding]:
    """The findings the case's markers and expected.json files announce."""
    found: set[Finding] = set()
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case).as_posix()
        if path.suffix in (".yaml", ".yml"):
            lines = path.read_text("utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                comment = line.partition("# ")[2]
                for letter, codes in MARKER.findall(comment):
                    for code in re.findall(r"CC\d{4}", codes):
                        found.add((relative, number, letter, code))
        elif path.name == "expected.json":
            folder = path.parent.relative_to(case)
            for item in json.loads(path.read_text("utf-8")):
                shown = (folder / item["path"]).as_posix()
                found.add((shown, item["line"], item["severity"], item["code"]))
    return found


def build(case: Path, root: Path) -> Diagnostics:
    """Check the case as a project; also test its contract samples."""
    shutil.copytree(PROJECT, root)
    for path in case.iterdir():
        if path.name == "connectc.yaml":
            shutil.copy(path, root / path.name)
        elif path.is_dir():
            shutil.copytree(path, root / "specs" / path.name, dirs_exist_ok=True)
        else:
            shutil.copy(path, root / "specs" / path.name)
    diagnostics = compile_project(root / "specs", "test").diagnostics
    diagnostics.extend(contracts.verify_samples(root / "specs", "test"))
    return diagnostics


def actual(case: Path, root: Path) -> set[Finding]:
    own = {p.relative_to(case).as_posix() for p in case.rglob("*") if p.is_file()}
    found: set[Finding] = set()
    for diagnostic in build(case, root):
        relative = diagnostic.span.path.removeprefix("specs/")
        if relative in own:
            letter = LETTERS[diagnostic.severity]
            found.add((relative, diagnostic.span.line, letter, diagnostic.code))
    return found


@pytest.mark.parametrize("case", case_dirs())
def test_case(case: Path, tmp_path: Path) -> None:
    wanted = expected(case)
    if case.name == "bad":
        codes = {code for *_, code in wanted}
        assert case.parent.name in codes, "a bad case must expect its own code"
    else:
        assert not wanted, "a good case expects nothing"
    assert sorted(actual(case, tmp_path / "project")) == sorted(wanted)


def test_every_case_directory_is_a_known_code() -> None:
    from connectc.codes import REGISTRY

    names = [p.name for p in CASES.iterdir() if p.is_dir() and p.name != "_project"]
    assert names, "no cases found"
    assert sorted(set(names) - set(REGISTRY)) == []
