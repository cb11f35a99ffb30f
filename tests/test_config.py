"""Selecting, ignoring and re-grading findings: command line, project, flow, block."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from connectc import config
from connectc.build import compile_project
from connectc.diagnostics import Diagnostic, Severity
from tests.passes.test_cases import PROJECT

# Two blocks with findings: "orphan" is unreachable (CC3101, a warning) and
# has no error branch (CC3102); "voice" has no error branch either (CC3102,
# a warning because the reference doubts it).
SPEC = """\
flow: Noisy
{flow_ignore}start: welcome
blocks:
  welcome:
    play: いらっしゃいませ
    next: voice
    error: bye
  voice:
{voice_ignore}    voice: Kazuha
    next: bye
  orphan:
{orphan_ignore}    play: 誰も来ません
    next: bye
  bye:
    disconnect: {{}}
"""


def findings(
    tmp_path: Path,
    *,
    settings: str = "",
    selection: config.Selection | None = None,
    **ignores: str,
) -> list[Diagnostic]:
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "project"
    shutil.copytree(PROJECT, root)
    if settings:
        with (root / "connectc.yaml").open("a", encoding="utf-8") as handle:
            handle.write(settings)
    values = {"flow_ignore": "", "voice_ignore": "", "orphan_ignore": ""}
    values.update({k: v + "\n" for k, v in ignores.items()})
    (root / "specs" / "Noisy.yaml").write_text(SPEC.format(**values), encoding="utf-8")
    result = compile_project(root / "specs", "test", selection=selection)
    return [d for d in result.diagnostics if d.span.path == "specs/Noisy.yaml"]


def summary(found: list[Diagnostic]) -> list[tuple[int, str, str]]:
    return sorted((d.span.line, d.code, str(d.severity)) for d in found)


BASELINE = [
    (8, "CC3102", "warning"),
    (11, "CC3101", "warning"),
    (11, "CC3102", "error"),
]


def test_baseline(tmp_path: Path) -> None:
    assert summary(findings(tmp_path)) == BASELINE


def test_flow_ignore_hides_codes_in_its_file(tmp_path: Path) -> None:
    found = findings(tmp_path, flow_ignore="ignore: [CC3102]")
    assert summary(found) == [(12, "CC3101", "warning")]


def test_block_ignore_hides_codes_in_that_block_only(tmp_path: Path) -> None:
    found = findings(tmp_path, orphan_ignore="    ignore: [CC31]")
    assert summary(found) == [(8, "CC3102", "warning")]


def test_project_ignore_and_severities(tmp_path: Path) -> None:
    settings = "ignore: [CC3101]\nseverities:\n  CC31: note\n  CC3102: error\n"
    found = findings(tmp_path, settings=settings)
    assert summary(found) == [(8, "CC3102", "error"), (11, "CC3102", "error")]


def test_severity_off_hides_a_code(tmp_path: Path) -> None:
    found = findings(tmp_path, settings="severities:\n  CC3102: off\n")
    assert summary(found) == [(11, "CC3101", "warning")]


def test_select_and_ignore_from_the_command_line(tmp_path: Path) -> None:
    only = config.Selection(select=("CC3101",))
    assert summary(findings(tmp_path, selection=only)) == [(11, "CC3101", "warning")]
    without = config.Selection(ignore=("CC3102",))
    assert summary(findings(tmp_path, selection=without)) == [(11, "CC3101", "warning")]


def test_unknown_code_in_an_ignore_is_reported(tmp_path: Path) -> None:
    found = findings(tmp_path, flow_ignore="ignore: [CC3999]")
    assert ("CC0013", 2) in {(d.code, d.span.line) for d in found}
    assert 'ignore names "CC3999"' in " ".join(d.message for d in found)


def test_errors_that_stop_the_build_cannot_be_ignored(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    (root / "connectc.yaml").write_text("project: p\nignore: [CC2003, CC2]\n", "utf-8")
    spec = "flow: Broken\nstart: a\nblocks:\n  a:\n    play: x\n    next: nowhere\n"
    (root / "specs" / "Broken.yaml").write_text(spec, encoding="utf-8")
    result = compile_project(root / "specs", "test")
    assert "CC2003" in {d.code for d in result.diagnostics}
    assert not result.ok


@pytest.mark.parametrize(
    ("code", "expected"),
    [("CC3101", True), ("CC4001", True), ("CC2002", True), ("CC2003", False),
     ("CC3001", False), ("CC0002", False)],
)  # fmt: skip
def test_ignorable(code: str, expected: bool) -> None:
    assert config.ignorable(code) is expected


def test_unknown_patterns() -> None:
    assert config.unknown(["cc31", "CC4001", "CC99", "XX"]) == ["CC99", "XX"]
    assert config.normalise([" cc31 ", ""]) == ("CC31",)
    assert Severity.WARNING < Severity.ERROR


def test_check_reports_release_and_access_settings(example: Path) -> None:
    """A deploy setting synth would refuse is found by `connectc check` too."""
    settings = example / "connectc.yaml"
    text = settings.read_text("utf-8").replace("strategy: in_place", "strategy: nope")
    text = text.replace(
        "github_repository: example-org/contact-center", "github_repository: 5"
    )
    settings.write_text(text, "utf-8")
    result = compile_project(example / "specs", "test")
    codes = [d.code for d in result.diagnostics]
    assert codes.count("CC7006") == 1 and "CC7017" in codes


def test_the_examples_deploy_settings_check_clean(example: Path) -> None:
    result = compile_project(example / "specs", "prod")
    codes = [d.code for d in result.diagnostics]
    assert "CC7006" not in codes and "CC7017" not in codes
