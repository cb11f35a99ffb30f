from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from connectc import cli, codes
from tests.conftest import REPO


def test_readme_build_command_works_on_a_fresh_copy(example: Path) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    command = re.search(r"\.venv/bin/(connectc build [^\n`]+)", readme)
    assert command is not None, "the README's first command builds the example"
    argv = shlex.split(command.group(1))[1:]
    env = {**os.environ, "PYTHONPATH": str(REPO / "compiler")}
    done = subprocess.run(
        [sys.executable, "-m", "connectc", *argv],
        cwd=example,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (example / "generated" / "test" / "manifest.json").is_file()


def test_readme_gives_exactly_two_commands_first() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    first_screen = readme.split("## ")[0]
    blocks = re.findall(r"```sh\n(.*?)```", first_screen, flags=re.S)
    assert len(blocks) == 2
    assert "pytest" in blocks[1]
    assert "pytest" in (REPO / ".ci" / "run").read_text("utf-8")


def test_exit_codes(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    specs = str(example / "specs")
    assert cli.main(["check", specs, "--env", "test"]) == 0
    assert cli.main(["check", specs, "--env", "nowhere"]) == 2
    assert cli.main(["explain", "CC9999"]) == 2
    assert cli.main(["frobnicate"]) == 2
    flow = example / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8") + "\n  extra_block:\n    paly: x\n")
    assert cli.main(["check", specs, "--env", "test"]) == 1
    assert cli.main(["check", specs, "--env", "test", "--fail-on", "never"]) == 0


def test_json_output(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example)
    flow = example / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8") + "\n  extra_block:\n    paly: x\n")
    capsys.readouterr()
    assert (
        cli.main(["check", str(example / "specs"), "--env", "test", "--format", "json"])
        == 1
    )
    document = json.loads(capsys.readouterr().out)
    (item,) = [d for d in document["diagnostics"] if d["code"] == "CC0009"]
    assert item["path"] == "specs/flows/AgentWhisper.yaml"
    assert item["line"] > 1 and item["column"] == 5
    assert item["notes"] == ['did you mean "play"?']


def test_text_output_has_caret_excerpt(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = example / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8") + "\n  extra_block:\n    paly: x\n")
    cli.main(["check", str(example / "specs"), "--env", "test"])
    err = capsys.readouterr().err
    assert re.search(r"AgentWhisper.yaml:\d+:5: error: .*\[CC0009\]", err)
    assert "|     paly: x" in err and "|     ^^^^" in err


def test_explain_prints_the_code_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "cc2003"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CC2003: Transition to a missing block")
    assert codes.REGISTRY["CC2003"].explanation in out


def test_internal_errors_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "explain", boom)
    assert cli.main(["explain", "CC0001"]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
    assert "[CC9001]" in err


def test_caret_lines_up_under_wide_characters() -> None:
    from connectc.diagnostics import Diagnostic, Severity, Span
    from connectc.report import Sources, excerpt

    class Fixed(Sources):
        def lines(self, path: str) -> list[str]:
            return ['    play: "ご案内 ${Queue.Nope}"']

    span = Span("f.yaml", 1, 16, 1, 29)
    diagnostic = Diagnostic("CC2001", Severity.ERROR, "m", span)
    source, caret = excerpt(diagnostic, Fixed(None))
    assert caret.endswith("|" + " " * 19 + "^" * 13)


def _broken_whisper(project: Path) -> None:
    flow = project / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8") + "\n  extra_block:\n    paly: x\n")


def test_paths_are_shown_relative_to_the_working_directory(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken_whisper(example)
    monkeypatch.chdir(example.parent)
    check = ["check", "project/specs", "--env", "test", "--format"]
    wanted = "project/specs/flows/AgentWhisper.yaml"
    capsys.readouterr()
    cli.main([*check, "github"])
    assert f"::error file={wanted},line=" in capsys.readouterr().out
    cli.main([*check, "json"])
    paths = {d["path"] for d in json.loads(capsys.readouterr().out)["diagnostics"]}
    assert paths == {wanted}
    cli.main([*check, "text"])
    err = capsys.readouterr().err
    assert re.search(rf"^{wanted}:\d+:5: error: ", err, flags=re.M)
    assert "|     paly: x" in err, "the excerpt is read from the shown path"
    cli.main([*check, "sarif"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == example.parent.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]
    artifact = location["artifactLocation"]
    assert artifact == {"uri": wanted, "uriBaseId": "%SRCROOT%"}


def test_paths_outside_the_working_directory_are_absolute(
    example: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _broken_whisper(example)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    capsys.readouterr()
    cli.main(["check", str(example / "specs"), "--env", "test", "--format", "json"])
    (item,) = json.loads(capsys.readouterr().out)["diagnostics"]
    flow = example.resolve() / "specs" / "flows" / "AgentWhisper.yaml"
    assert item["path"] == str(flow)
    cli.main(["check", str(example / "specs"), "--env", "test", "--format", "sarif"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": flow.as_uri()}
