"""Malformed environment files and flow templates: coded findings, right exit.

Each case writes one bad file into a copy of the example project and runs the
CLI as a user would; none may end in an internal error (exit 3).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connectc import cli

SPECS = "specs"


def _run(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    argv = ["build", str(project / SPECS), "--env", "test", "--format", "json"]
    code = cli.main(argv)
    return code, capsys.readouterr().out


def _codes(output: str) -> list[tuple[str, int, int]]:
    found = json.loads(output)
    items = found["diagnostics"] if isinstance(found, dict) else found
    return [(d["code"], d["line"], d["column"]) for d in items]


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "null\n", "---\n...\n"])
def test_an_empty_environment_file_is_a_configuration_error(
    example: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    (example / "env" / "test.yaml").write_text(text, "utf-8")
    code, output = _run(example, capsys)
    assert code == 2
    assert ("CC0015", 1, 1) in _codes(output)
    assert not (example / "generated" / "test").exists()


def test_missing_keys_in_the_environment_file_exit_2(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example / "env" / "test.yaml").write_text("environment: test\n", "utf-8")
    code, output = _run(example, capsys)
    assert code == 2
    assert {c for c, _, _ in _codes(output)} == {"CC0008"}


def test_a_finding_in_a_spec_still_exits_1(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = example / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8") + "bogus_key: 1\n", "utf-8")
    code, output = _run(example, capsys)
    assert code == 1
    assert "CC0006" in {c for c, _, _ in _codes(output)}


def _template(project: Path, content: str) -> None:
    folder = project / "specs" / "flows" / "Hand"
    folder.mkdir(parents=True)
    (folder / "meta.yaml").write_text("flow: Hand\ntype: contact_flow\n", "utf-8")
    (folder / "flow.json.tmpl").write_text(content, "utf-8")


def _action(**fields: object) -> dict[str, object]:
    action: dict[str, object] = {
        "Identifier": "a",
        "Type": "DisconnectParticipant",
        "Parameters": {},
        "Transitions": {},
    }
    action.update(fields)
    return action


def _flow(*actions: object, version: str = "2019-10-30") -> str:
    document = {"Version": version, "StartAction": "a", "Actions": list(actions)}
    return json.dumps(document)


TEMPLATES = {
    "action not an object": (_flow(5), "CC0007"),
    "parameters a list": (_flow(_action(Parameters=[])), "CC0007"),
    "transitions a list": (_flow(_action(Transitions=[])), "CC0007"),
    "type missing": (_flow(_action(Type=None)), "CC0007"),
    "actions not a list": ('{"Version": "2019-10-30", "Actions": {}}', "CC0007"),
    "old version": (_flow(_action(), version="2017-01-01"), "CC0013"),
    "a list": ("[1, 2]", "CC0011"),
    "a string": ('"flow"', "CC0011"),
    "duplicate key": ('{"Version": "2019-10-30", "Version": "x"}', "CC0030"),
    "NaN": (_flow(_action(Parameters={"X": "@"})).replace('"@"', "NaN"), "CC0030"),
    "truncated": (_flow(_action())[:40], "CC0030"),
    "deep": (_flow(_action(Parameters={"X": [[[[[[]]]]]] * 1})), None),
    "too deep": ('{"X": ' + "[" * 900 + "]" * 900 + "}", "CC0005"),
    "far too deep": ('{"X": ' + "[" * 100_000 + "]" * 100_000 + "}", "CC0030"),
    "huge number": (
        _flow(_action(Parameters={"X": "@"})).replace('"@"', "9" * 5000),
        "CC0030",
    ),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_malformed_templates_are_coded_findings(
    example: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, expected = TEMPLATES[name]
    _template(example, content)
    code, output = _run(example, capsys)
    found = {c for c, _, _ in _codes(output)}
    if expected is None:
        assert code == 0, output
        assert "CC0030" not in found and "CC0005" not in found
        return
    assert code == 1
    assert expected in found
    assert not (example / "generated" / "test").exists()


def test_a_json_error_points_at_its_line_and_column(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _template(example, '{"Version": "2019-10-30",\n  "Actions": [}\n')
    _, output = _run(example, capsys)
    assert ("CC0030", 2, 15) in _codes(output)
