from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from connectc import actions
from connectc.actions import successors
from connectc.build import build_project, compile_project, release_info

ENVIRONMENTS = ("dev", "test", "prod")


def generated_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.json") if p.name != "manifest.json")


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_example_builds_valid_flow_language(example: Path, env: str) -> None:
    result = build_project(example / "specs", env)
    errors = [d for d in result.diagnostics if str(d.severity) == "error"]
    assert errors == []
    out = example / "generated" / env
    files = generated_files(out)
    assert len(files) == len(result.flows) >= 5
    for path in files:
        content = json.loads(path.read_text("utf-8"))
        assert content["Version"] == "2019-10-30"
        identifiers = {a["Identifier"] for a in content["Actions"]}
        assert content["StartAction"] in identifiers
        for action in content["Actions"]:
            assert action["Type"] in actions.ACTIONS, action["Type"]
            for target in successors(action):
                assert target in identifiers, (path.name, action["Identifier"])
            for value in action["Parameters"].values():
                assert not isinstance(value, (bool, int, float)), action


def test_scalars_are_strings_and_booleans_capitalised(example: Path) -> None:
    result = compile_project(example / "specs", "test")
    parameters = [a["Parameters"] for f in result.flows for a in f.content["Actions"]]
    texts = json.dumps(parameters)
    assert '"True"' in texts or '"False"' in texts
    assert "true" not in [str(v) for p in parameters for v in p.values()]


def test_tokens_are_resolved_except_project_links(example: Path) -> None:
    result = compile_project(example / "specs", "prod")
    links = set(result.project.links)
    assert links, "the example links flows of the project"
    for flow in result.flows:
        text = json.dumps(flow.content, ensure_ascii=False)
        leftovers = {t for t in links if t in text} | {
            part for part in text.split('"') if part.startswith("${")
        }
        assert leftovers <= links


def test_same_inputs_give_identical_bytes(example: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build_project(example / "specs", "test", out=first, release="r1")
    build_project(example / "specs", "test", out=second, release="r1")
    names = [p.relative_to(first) for p in sorted(first.rglob("*")) if p.is_file()]
    assert names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_release_metadata_from_arguments_and_source_date_epoch(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")
    build_project(example / "specs", "test", release="release-2025.12.03")
    manifest = json.loads((example / "generated/test/manifest.json").read_text())
    assert manifest["release"] == {
        "name": "release-2025.12.03",
        "git_sha": None,
        "time": "2025-12-03T00:00:00Z",
    }
    entry = next(f for f in manifest["flows"] if f["name"] == "SalesEntry")
    data = (example / "generated/test" / entry["path"]).read_bytes()
    import hashlib

    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert all(arn.startswith("arn:aws:lambda:") for arn in entry["lambdas"])
    assert entry["lambdas"] and all(":live" in a for a in entry["lambdas"])


@pytest.mark.parametrize("epoch", ["99999999999999", "abc", "-1", "\u0663", "1e9"])
def test_unusable_source_date_epoch_is_ignored(
    epoch: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert release_info(tmp_path, None)["time"] is None


def test_git_commit_time_is_utc_like_source_date_epoch(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True)

    git("init", "-q")
    date = "2026-03-01T09:30:00+09:00"
    env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
    subprocess.run(
        [
            "git",
            "-C",
            str(tmp_path),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "x",
        ],
        check=True,
        env={**os.environ, **env},
    )
    assert release_info(tmp_path, None)["time"] == "2026-03-01T00:30:00Z"


def test_failed_build_leaves_previous_output(example: Path) -> None:
    assert build_project(example / "specs", "test").ok
    out = example / "generated" / "test"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    spec = example / "specs" / "flows" / "SalesEntry.yaml"
    spec.write_text(spec.read_text("utf-8").replace("next:", "nexxt:", 1), "utf-8")
    result = build_project(example / "specs", "test")
    assert not result.ok
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_missing_environment_is_a_configuration_error(example: Path) -> None:
    result = compile_project(example / "specs", "staging")
    assert [d.code for d in result.diagnostics] == ["CC0015"]


def test_unused_binding_is_a_warning(example: Path) -> None:
    env = example / "env" / "test.yaml"
    env.write_text(
        env.read_text("utf-8").replace(
            "bindings:\n", "bindings:\n  Text:\n    NeverUsed: hello\n", 1
        ),
        "utf-8",
    )
    result = compile_project(example / "specs", "test")
    unused = [d for d in result.diagnostics if d.code == "CC2002"]
    assert len(unused) == 1 and "NeverUsed" in unused[0].message
    assert unused[0].span.path == "env/test.yaml"
    assert result.ok


def test_no_specs_found(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    result = compile_project(tmp_path / "specs", "test")
    assert "CC0014" in [d.code for d in result.diagnostics]


def test_duplicate_flow_names(example: Path) -> None:
    source = example / "specs" / "flows" / "AgentWhisper.yaml"
    (example / "specs" / "flows" / "Copy.yaml").write_text(source.read_text("utf-8"))
    result = compile_project(example / "specs", "test")
    assert "CC0012" in [d.code for d in result.diagnostics]


def test_duplicate_contract_names(example: Path) -> None:
    """Two files for one contract: the checks must not read whichever came last."""
    contracts = example / "specs" / "contracts"
    source = (contracts / "CustomerLookup.yaml").read_text("utf-8")
    (contracts / "Zcopy.yaml").write_text(source, "utf-8")
    result = compile_project(example / "specs", "test")
    (found,) = [d for d in result.diagnostics if d.code == "CC0012"]
    assert found.span.path == "specs/contracts/Zcopy.yaml"
    assert found.message == (
        'contract "CustomerLookup" is defined twice '
        "(also in specs/contracts/CustomerLookup.yaml)"
    )


def test_invalid_instance_arn(example: Path) -> None:
    env = example / "env" / "test.yaml"
    text = env.read_text("utf-8")
    env.write_text(
        text.replace("instance: arn:aws:connect:", "instance: arn:aws:conect:")
    )
    result = compile_project(example / "specs", "test")
    assert "CC3005" in [d.code for d in result.diagnostics]


def test_unwritable_output_is_reported(example: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = build_project(example / "specs", "test", out=blocker / "out")
    assert "CC5001" in [d.code for d in result.diagnostics]


def test_unreadable_spec(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "bad.yaml"
    spec.parent.mkdir()
    spec.write_bytes(b"flow: \xff\xfe\n")
    result = compile_project(spec.parent, "test")
    assert "CC0001" in [d.code for d in result.diagnostics]


def test_placeholder_environment_fields_are_warnings(example: Path) -> None:
    env = example / "env" / "test.yaml"
    text = env.read_text("utf-8")
    text = text.replace('account: "222233334444"', "account: REPLACE_WITH_ACCOUNT_ID")
    env.write_text(
        text.replace("region: ap-northeast-1", "region: REPLACE_WITH_REGION")
    )
    result = compile_project(example / "specs", "test")
    placeholders = [d for d in result.diagnostics if d.code == "CC3006"]
    fields = sorted(d.message.split()[1] for d in placeholders)
    assert fields == ["account", "region"]
    assert all(str(d.severity) == "warning" for d in placeholders)
    assert result.ok, [d.message for d in result.diagnostics if d.code != "CC3006"]


def test_out_refuses_a_directory_that_is_not_build_output(example: Path) -> None:
    mine = example / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = build_project(example / "specs", "test", out=mine)
    assert [d.code for d in result.diagnostics if d.code.startswith("CC5")] == [
        "CC5003"
    ]
    assert (mine / "notes.txt").read_text() == "keep me"
    assert build_project(example / "specs", "test", out=example / "env").ok is False
    assert (example / "env" / "test.yaml").is_file()


def test_out_replaces_its_own_earlier_output(example: Path) -> None:
    out = example / "out"
    assert build_project(example / "specs", "test", out=out).ok
    (out / "flows" / "Stale.json").write_text("{}")
    assert build_project(example / "specs", "test", out=out).ok
    assert not (out / "flows" / "Stale.json").exists()


def test_flow_names_never_escape_the_output_directory(example: Path) -> None:
    flow = example / "specs" / "flows" / "Escape.yaml"
    text = 'flow: "../../x/Agent"\nstart: a\nblocks:\n  a:\n    disconnect: {}\n'
    flow.write_text(text, "utf-8")
    result = build_project(example / "specs", "test")
    assert result.ok
    written = sorted(
        p.name for p in (example / "generated" / "test" / "flows").iterdir()
    )
    assert "_.._x_Agent.json" in written
    assert not (example / "x").exists()


def test_names_differing_only_in_case_collide(example: Path) -> None:
    source = example / "specs" / "flows" / "AgentWhisper.yaml"
    text = source.read_text("utf-8").replace("flow: AgentWhisper", "flow: agentwhisper")
    (example / "specs" / "flows" / "Lower.yaml").write_text(text, "utf-8")
    result = compile_project(example / "specs", "test")
    assert "CC5002" in [d.code for d in result.diagnostics]


@pytest.mark.parametrize("name", ["../env/test", "a/b", ".hidden", ""])
def test_environment_names_are_plain(example: Path, name: str) -> None:
    result = compile_project(example / "specs", name)
    assert "CC0015" in [d.code for d in result.diagnostics]


def test_environment_file_naming_another_environment(example: Path) -> None:
    (example / "env" / "stage.yaml").write_text(
        (example / "env" / "test.yaml").read_text("utf-8"), "utf-8"
    )
    result = compile_project(example / "specs", "stage")
    assert [d.code for d in result.diagnostics] == ["CC3007"]


def test_checking_one_file_uses_the_rest_of_the_project(example: Path) -> None:
    one = example / "specs" / "flows" / "SalesEntry.yaml"
    result = compile_project(one, "test")
    whole = compile_project(example / "specs", "test")
    assert [d.code for d in result.diagnostics] == []
    assert sorted(f.name for f in result.flows) == sorted(f.name for f in whole.flows)
    folder = compile_project(example / "specs" / "modules", "test")
    assert folder.ok and len(folder.flows) == len(whole.flows)


def test_building_one_file_keeps_the_other_flows_in_the_output(example: Path) -> None:
    assert build_project(example / "specs", "test").ok
    out = example / "generated" / "test"
    before = sorted(p.relative_to(out) for p in out.rglob("*.json"))
    one = example / "specs" / "flows" / "SalesEntry.yaml"
    assert build_project(one, "test").ok
    assert sorted(p.relative_to(out) for p in out.rglob("*.json")) == before


def test_a_broken_flow_outside_the_selection_fails_the_build(example: Path) -> None:
    other = example / "specs" / "flows" / "AgentWhisper.yaml"
    other.write_text(other.read_text("utf-8").replace("next:", "nxt:", 1), "utf-8")
    one = example / "specs" / "flows" / "SalesEntry.yaml"
    result = build_project(one, "test")
    assert [d.code for d in result.diagnostics] == ["CC5004"]
    assert not (example / "generated" / "test").exists()
    other.write_text(other.read_text("utf-8").replace("nxt:", "next:", 1), "utf-8")
    assert "CC5004" not in {d.code for d in build_project(one, "test").diagnostics}


def test_unknown_service_in_bindings(example: Path) -> None:
    env = example / "env" / "test.yaml"
    text = env.read_text("utf-8").replace(
        "bindings:\n", "bindings:\n  Qeue:\n    A: b\n"
    )
    env.write_text(text, "utf-8")
    result = compile_project(example / "specs", "test")
    (found,) = [d for d in result.diagnostics if d.code == "CC2005"]
    assert found.notes == ('did you mean "Queue"?',)
    assert "CC2002" not in {d.code for d in result.diagnostics}


def test_unquoted_account_is_reported_once(example: Path) -> None:
    env = example / "env" / "test.yaml"
    text = env.read_text("utf-8").replace('"222233334444"', "022223333444")
    env.write_text(text, "utf-8")
    codes = [d.code for d in compile_project(example / "specs", "test").diagnostics]
    assert codes.count("CC3005") == 1
    assert "CC3002" not in codes


def test_flow_building_errors_cannot_be_downgraded(example: Path) -> None:
    settings = example / "connectc.yaml"
    settings.write_text(
        settings.read_text("utf-8") + "severities:\n  CC2003: warning\n  CC3101: note\n"
    )
    flow = example / "specs" / "flows" / "AgentWhisper.yaml"
    flow.write_text(flow.read_text("utf-8").replace("next: ", "next: nowhere_", 1))
    result = build_project(example / "specs", "test")
    (missing,) = [d for d in result.diagnostics if d.code == "CC2003"]
    assert str(missing.severity) == "error"
    assert not result.ok
