"""SARIF and GitHub-annotation output: schema-valid, stable, linked to the docs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from connectc import cli, codes, github_annotations, sarif
from connectc.build import compile_project
from connectc.diagnostics import Diagnostic, Severity, Span
from tests.conftest import require_shared
from tests.passes.test_cases import CASES, PROJECT

SCHEMA_PATH = require_shared("schemas")
SCHEMA = json.loads((SCHEMA_PATH / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))


def project(tmp_path: Path, case: str, *, lines_above: int = 0) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    for spec in sorted((CASES / case).glob("*.yaml")):
        text = "# note\n" * lines_above + spec.read_text("utf-8")
        (root / "specs" / spec.name).write_text(text, encoding="utf-8")
    return root


def diagnostics(root: Path) -> list[Diagnostic]:
    found = compile_project(root / "specs", "test").diagnostics
    return [d for d in found if d.code != "CC2002"]


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    found = diagnostics(project(tmp_path, "CC3102/bad"))
    assert len(found) == 3
    document = sarif.to_sarif(found)
    jsonschema.validate(document, SCHEMA)
    jsonschema.validate(sarif.to_sarif([]), SCHEMA)


def test_results_link_rules_and_pages(tmp_path: Path) -> None:
    found = diagnostics(project(tmp_path, "CC3102/bad"))
    run = sarif.to_sarif(found)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["CC3102"]
    assert rules[0]["helpUri"] == codes.REGISTRY["CC3102"].help_uri
    levels = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] in (4, 7, 10)
        levels.append(result["level"])
    assert sorted(levels) == ["error", "error", "warning"]


def test_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    before = sarif.to_sarif(diagnostics(project(tmp_path / "a", "CC3102/bad")))
    after = sarif.to_sarif(
        diagnostics(project(tmp_path / "b", "CC3102/bad", lines_above=5))
    )

    def prints(document: dict[str, object]) -> list[str]:
        results = document["runs"][0]["results"]  # type: ignore[index]
        return sorted(r["partialFingerprints"][sarif.FINGERPRINT] for r in results)

    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in after["runs"][0]["results"]
    ]
    assert min(lines) > 5
    assert prints(before) == prints(after)
    assert len(set(prints(before))) == 3


def test_repeated_findings_get_distinct_fingerprints() -> None:
    one = Diagnostic("CC3101", Severity.WARNING, "same", Span("a.yaml", 1, 1))
    two = Diagnostic("CC3101", Severity.WARNING, "same", Span("a.yaml", 9, 1))
    results = sarif.to_sarif([one, two])["runs"][0]["results"]
    prints = {r["partialFingerprints"][sarif.FINGERPRINT] for r in results}
    assert len(prints) == 2


def test_paths_become_uri_references() -> None:
    assert sarif.uri("specs/flows/営業.yaml") == "specs/flows/%E5%96%B6%E6%A5%AD.yaml"
    assert sarif.uri("/tmp/a b.yaml") == "file:///tmp/a%20b.yaml"


def test_github_annotations_escape_their_syntax() -> None:
    found = Diagnostic(
        "CC3101", Severity.WARNING, "100% sure, really:\nyes",
        Span("specs/a,b.yaml", 3, 2, 3, 6), ("a note",),
    )  # fmt: skip
    line = github_annotations.annotation(found)
    assert line.startswith("::warning file=specs/a%2Cb.yaml,line=3,col=2,")
    assert "title=CC3101 Unreachable block::" in line
    assert line.endswith("::100%25 sure, really:%0Ayes%0Anote: a note")
    note = Diagnostic("CC2008", Severity.NOTE, "n", Span("x.yaml"))
    expected = "::notice file=x.yaml,title=CC2008 Placeholder binding::n"
    assert github_annotations.annotation(note) == expected


@pytest.mark.parametrize("fmt", ["sarif", "github", "json", "text"])
def test_check_command_formats_and_exit_codes(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, "CC3102/bad")
    specs = str(root / "specs")
    code = cli.main(["check", specs, "--env", "test", "--format", fmt])
    out = capsys.readouterr().out
    assert code == cli.EXIT_FINDINGS
    if fmt == "sarif":
        jsonschema.validate(json.loads(out), SCHEMA)
    if fmt == "github":
        assert out.count("::error ") == 2 and out.count("::warning ") >= 1
    assert cli.main(["check", specs, "--env", "test", "--fail-on", "never"]) == 0
    quiet = ["--ignore", "CC3102,CC2002", "--fail-on", "warning"]
    assert cli.main(["check", specs, "--env", "test", *quiet]) == cli.EXIT_OK
    assert cli.main(["check", specs, "--env", "test", "--select", "CC99"]) == 2
