"""import_paths: files written, never overwritten silently, dry run, bindings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectc import cli, flowdiff
from connectc.build import build_project, compile_project
from connectc.diagnostics import Diagnostics, Severity
from connectc.importer import ImportSummary, envfile, import_paths, project
from connectc.importer.verify import RoundTrip
from tests.conftest import require_shared

CORPUS = require_shared("corpus")
SURVEY = CORPUS / "contact-surveys__examples__2-Simple_Survey_Example.json"
MODULE = (
    CORPUS
    / "gitlab-cicd-tf__imports__resources__flows__acme_contact_flow_module_AUTO.json"
)
LEGACY = CORPUS / "voice-calling-chatbot__contact_flow.json"


def run(
    paths: list[Path], out: Path, **options: Any
) -> tuple[ImportSummary, Diagnostics]:
    diagnostics = Diagnostics()
    settings = {"force": False, "dry_run": False, "format": "spec"} | options
    summary = import_paths(paths, "dev", out, diagnostics=diagnostics, **settings)
    return summary, diagnostics


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def flow(identifier: str = "w", text: str = "Hello") -> dict[str, Any]:
    return {
        "Version": "2019-10-30",
        "StartAction": identifier,
        "Actions": [
            {
                "Identifier": identifier,
                "Type": "MessageParticipant",
                "Parameters": {"Text": text},
                "Transitions": {"NextAction": "end"},
            },
            {"Identifier": "end", "Type": "DisconnectParticipant", "Transitions": {}},
        ],
    }


def test_creates_project_specs_and_environment(tmp_path: Path) -> None:
    summary, diagnostics = run([SURVEY], tmp_path)
    assert summary.written
    assert files(tmp_path) == {
        "connectc.yaml",
        "env/dev.yaml",
        "specs/flows/Simple Survey Example.yaml",
    }
    env = yaml.safe_load((tmp_path / "env" / "dev.yaml").read_text())
    assert env["account"] == "964328442121"
    assert env["region"] == "ap-southeast-2"
    assert env["instance"].endswith(":instance/7136b212-66af-4bd9-8913-8dec118f5254")
    assert env["bindings"]["Queue"]["BasicQueue"].endswith("/queue/" + (
        "4bca1082-f46a-4580-8c76-79db54b8d49a"
    ))  # fmt: skip
    settings = yaml.safe_load((tmp_path / "connectc.yaml").read_text())
    assert settings["environments"] == {"dev": {}}
    assert not diagnostics.has_errors()


def test_spec_is_readable(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    text = (tmp_path / "specs/flows/Simple Survey Example.yaml").read_text()
    spec = yaml.safe_load(text)
    assert spec["flow"] == "Simple Survey Example"
    assert spec["type"] == "contact_flow"
    names = list(spec["blocks"])
    assert names[0] == spec["start"]  # reachability order starts at the start
    assert all(not any(c in n for c in "%:()\\/=$,;[]{}") for n in names)
    assert all(len(n) <= 50 for n in names)
    assert "position" not in text and "ActionMetadata" not in text
    assert spec["blocks"][spec["start"]]["play"].startswith("Welcome")


def test_placeholders_become_tokens_bound_to_their_text(tmp_path: Path) -> None:
    summary, diagnostics = run([MODULE], tmp_path)
    env = yaml.safe_load((tmp_path / "env" / "dev.yaml").read_text())
    value = env["bindings"]["Flow"]["acme_customer_queue_AUTO"]
    assert value.startswith("arn:aws:connect:${REGION}:${ACCT_ID}:")
    assert "CC6017" in {d.code for d in diagnostics}
    assert "CC6018" in {d.code for d in diagnostics}  # no real place in the export
    assert env["account"] == "REPLACE_WITH_ACCOUNT_ID"
    spec = (tmp_path / "specs/modules/acme_contact_flow_module_AUTO.yaml").read_text()
    assert "${Flow.acme_customer_queue_AUTO}" in spec
    assert yaml.safe_load(spec)["module"] == "acme_contact_flow_module_AUTO"


def test_dry_run_writes_nothing_and_shows_the_files(tmp_path: Path) -> None:
    summary, _ = run([SURVEY], tmp_path, dry_run=True)
    assert files(tmp_path) == set()
    assert not summary.written
    assert {w.action for w in summary.writes} == {"create"}
    rendered = summary.render(contents=True)
    assert rendered.startswith("Dry run: would import 1 flow into ")
    assert "--- specs/flows/Simple Survey Example.yaml (create)" in rendered
    assert "set_hooks:" in rendered


def test_second_import_changes_nothing(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    before = {p: (tmp_path / p).read_text() for p in files(tmp_path)}
    summary, diagnostics = run([SURVEY], tmp_path)
    assert {w.action for w in summary.writes} == {"unchanged"}
    assert {p: (tmp_path / p).read_text() for p in files(tmp_path)} == before
    assert not diagnostics.has_errors()


def test_the_same_export_under_another_file_name_changes_nothing(
    tmp_path: Path,
) -> None:
    """Only the provenance comment would differ: not a conflict."""
    out = tmp_path / "out"
    run([SURVEY], out)
    before = {p: (out / p).read_text() for p in files(out)}
    renamed = tmp_path / "exported-again.json"
    renamed.write_bytes(SURVEY.read_bytes())
    summary, diagnostics = run([renamed], out)
    assert {w.action for w in summary.writes} == {"unchanged"}
    assert "CC6012" not in {d.code for d in diagnostics}
    assert {p: (out / p).read_text() for p in files(out)} == before


def test_a_moved_spec_is_where_the_flow_is_imported_again(tmp_path: Path) -> None:
    """The user renamed the spec file: a re-import must not define it twice."""
    run([SURVEY], tmp_path)
    flows = tmp_path / "specs" / "flows"
    moved = flows / "survey" / "main.yaml"
    moved.parent.mkdir()
    (flows / "Simple Survey Example.yaml").replace(moved)
    summary, diagnostics = run([SURVEY], tmp_path)
    assert not diagnostics.has_errors() and files(tmp_path / "specs") == {
        "flows/survey/main.yaml"
    }
    assert summary.imported[0].spec == "specs/flows/survey/main.yaml"
    moved.write_text(moved.read_text("utf-8") + "# Edited by hand\n")
    edited = moved.read_text("utf-8")
    summary, diagnostics = run([SURVEY], tmp_path)
    (conflict,) = [d for d in diagnostics if d.code == "CC6012"]
    assert conflict.span.path == str(moved) and moved.read_text("utf-8") == edited
    summary, diagnostics = run([SURVEY], tmp_path, force=True)
    assert summary.written and files(tmp_path / "specs") == {"flows/survey/main.yaml"}
    assert "Edited by hand" not in moved.read_text("utf-8")
    build = compile_project(tmp_path / "specs", "dev")
    assert "CC0012" not in {d.code for d in build.diagnostics}


def test_an_unreadable_project_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "connectc.yaml").write_text(": : bad\n")
    summary, diagnostics = run([SURVEY], tmp_path)
    (found,) = [d for d in diagnostics if d.code == "CC0002"]
    assert found.span.path == str(tmp_path / "connectc.yaml") and found.span.line == 1
    assert (tmp_path / "connectc.yaml").read_text() == ": : bad\n"


def test_changed_spec_is_not_overwritten_without_force(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    spec = tmp_path / "specs/flows/Simple Survey Example.yaml"
    spec.write_text(spec.read_text() + "# my note\n")
    export = tmp_path / "export.json"
    export.write_text(json.dumps(flow()))
    summary, diagnostics = run([SURVEY, export], tmp_path)
    assert "CC6012" in {d.code for d in diagnostics}
    assert not summary.written
    assert spec.read_text().endswith("# my note\n")
    assert not (tmp_path / "specs/flows/export.yaml").exists()  # all or nothing
    summary, diagnostics = run([SURVEY], tmp_path, force=True)
    assert summary.written
    assert not spec.read_text().endswith("# my note\n")


def test_binding_conflict_keeps_existing_value(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    env_path = tmp_path / "env" / "dev.yaml"
    text = env_path.read_text()
    original = yaml.safe_load(text)["bindings"]["Queue"]["BasicQueue"]
    env_path.write_text("# hand edited\n" + text.replace(original, "arn:other"))
    _, diagnostics = run([SURVEY], tmp_path, force=False)
    assert "CC6013" in {d.code for d in diagnostics}
    after = env_path.read_text()
    assert after.startswith("# hand edited\n")
    assert yaml.safe_load(after)["bindings"]["Queue"]["BasicQueue"] == "arn:other"
    run([SURVEY], tmp_path, force=True)
    assert yaml.safe_load(env_path.read_text())["bindings"]["Queue"]["BasicQueue"] == (
        original
    )


def test_new_bindings_join_an_existing_environment(tmp_path: Path) -> None:
    env_path = tmp_path / "env" / "dev.yaml"
    env_path.parent.mkdir()
    env_path.write_text(
        '# ours\nenvironment: dev\naccount: "964328442121"\nregion: ap-southeast-2\n'
        "instance: arn:aws:connect:ap-southeast-2:964328442121:instance/"
        "7136b212-66af-4bd9-8913-8dec118f5254\n"
        "bindings:\n  Queue:\n    Existing: arn:x  # keep me\n"
    )
    summary, _ = run([SURVEY], tmp_path)
    text = env_path.read_text()
    assert "# ours" in text and "Existing: arn:x  # keep me" in text
    bindings = yaml.safe_load(text)["bindings"]
    assert set(bindings["Queue"]) == {"Existing", "BasicQueue"}
    assert "${Flow.SurveyExampleDisconnect}" in summary.bindings_added


def test_value_already_bound_reuses_its_token(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    env_path = tmp_path / "env" / "dev.yaml"
    env_path.write_text(env_path.read_text().replace("BasicQueue:", "Sales:"))
    (tmp_path / "specs/flows/Simple Survey Example.yaml").unlink()
    run([SURVEY], tmp_path)
    spec = (tmp_path / "specs/flows/Simple Survey Example.yaml").read_text()
    assert "${Queue.Sales}" in spec and "BasicQueue" not in spec


def test_failed_input_writes_nothing(tmp_path: Path) -> None:
    summary, diagnostics = run([LEGACY], tmp_path)
    assert files(tmp_path) == set()
    assert summary.imported == []
    assert [path.name for path, _ in summary.skipped] == [LEGACY.name]
    assert "CC6004" in {d.code for d in diagnostics}


def test_template_format(tmp_path: Path) -> None:
    run([SURVEY], tmp_path, format="template")
    folder = tmp_path / "specs/flows/Simple Survey Example"
    assert files(folder) == {"flow.json.tmpl", "meta.yaml"}
    content = json.loads((folder / "flow.json.tmpl").read_text())
    assert "Metadata" not in content
    assert content["StartAction"] == content["Actions"][0]["Identifier"]
    assert "${Queue.BasicQueue}" in json.dumps(content)
    meta = yaml.safe_load((folder / "meta.yaml").read_text())
    assert meta == {"flow": "Simple Survey Example", "type": "contact_flow"}


def test_unknown_action_type_is_kept_raw(tmp_path: Path) -> None:
    future = flow()
    future["Actions"][0].update(
        Type="FutureAction", Parameters={"Knob": "on", "Nested": {"A": ["1"]}}
    )
    export = tmp_path / "in" / "future.json"
    export.parent.mkdir()
    export.write_text(json.dumps(future))
    summary, diagnostics = run([export], tmp_path / "out")
    assert "CC6011" in {d.code for d in diagnostics}
    spec = yaml.safe_load((tmp_path / "out/specs/flows/future.yaml").read_text())
    block = spec["blocks"][spec["start"]]
    assert block["action"] == {
        "type": "FutureAction",
        "parameters": {"Knob": "on", "Nested": {"A": ["1"]}},
    }
    assert summary.imported[0].round_trip is True


def test_names_from_friendly_identifiers_and_what_blocks_do(tmp_path: Path) -> None:
    content = flow("Say hello", "Welcome to Example Corp")
    content["Actions"].append(
        {
            "Identifier": "3f5e1a52-8f7e-4a2b-9a0c-1f2e3d4c5b6a",
            "Type": "MessageParticipant",
            "Parameters": {"Text": "Goodbye now"},
            "Transitions": {"NextAction": "end"},
        }
    )
    content["Actions"][0]["Transitions"]["NextAction"] = content["Actions"][2][
        "Identifier"
    ]
    export = tmp_path / "f.json"
    export.write_text(json.dumps(content))
    run([export], tmp_path / "out")
    spec = yaml.safe_load((tmp_path / "out/specs/flows/f.yaml").read_text())
    assert list(spec["blocks"]) == ["Say hello", "play_goodbye_now", "end"]


def test_duplicate_names_keep_the_first(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Same.json").write_text(json.dumps(flow()))
    summary, diagnostics = run([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert [f.name for f in summary.imported] == ["Same"]
    assert "CC6016" in {d.code for d in diagnostics}


def wrapped(name: str, content: dict[str, Any]) -> str:
    wrapper = {"Name": name, "Type": "CONTACT_FLOW", "Content": json.dumps(content)}
    return json.dumps({"ContactFlow": wrapper})


@pytest.mark.parametrize(
    ("first", "second"),
    [("Sales/Entry", "Sales_Entry"), ("Caf\u00e9", "Cafe\u0301"), ("..", "flow")],
)
def test_names_sharing_a_spec_file_keep_the_first(
    tmp_path: Path, first: str, second: str
) -> None:
    """Different names, one file name: the second must not replace the first."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text(wrapped(first, flow(text="A")))
    (tmp_path / "in" / "b.json").write_text(wrapped(second, flow(text="B")))
    summary, diagnostics = run([tmp_path / "in"], tmp_path / "out")
    assert [f.name for f in summary.imported] == [first]
    (found,) = [d for d in diagnostics if d.code == "CC6016"]
    assert (
        found.severity is Severity.ERROR and "would both be written" in found.notes[0]
    )
    (spec,) = (tmp_path / "out" / "specs" / "flows").glob("*.yaml")
    assert yaml.safe_load(spec.read_text("utf-8"))["flow"] == first


@pytest.mark.parametrize(
    ("env", "format"), [("bad/name", "spec"), ("dev.eu", "spec"), ("dev", "xml")]
)
def test_bad_arguments_are_reported(tmp_path: Path, env: str, format: str) -> None:
    diagnostics = Diagnostics()
    summary = import_paths(
        [SURVEY], env, tmp_path, force=False, dry_run=False, format=format,
        diagnostics=diagnostics,
    )  # fmt: skip
    assert [d.code for d in diagnostics] == ["CC0015"]
    assert files(tmp_path) == set() and not summary.written


def test_unqualified_lambda_is_flagged(tmp_path: Path) -> None:
    name = "sbs-guides__examples__StartStopPauseResumeRecording__contactFlow.json"
    summary, diagnostics = run([CORPUS / name], tmp_path)
    flagged = [d for d in diagnostics if d.code == "CC6025"]
    assert flagged and "callRecordingControl" in flagged[0].message
    assert flagged[0].severity is Severity.ERROR  # the build would refuse it
    assert summary.written and "CC3003" in summary.imported[0].refused_by


# --- the round-trip guarantee holds after every import that succeeds --------

OLD_QUEUE = "queue/4bca1082-f46a-4580-8c76-79db54b8d49a"
NEW_QUEUE = "queue/11111111-2222-4333-8444-555555555555"


def changed_survey(folder: Path) -> Path:
    """The survey export with another queue, under the same file name."""
    text = SURVEY.read_text(encoding="utf-8")
    assert OLD_QUEUE in text
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / SURVEY.name
    copy.write_text(text.replace(OLD_QUEUE, NEW_QUEUE), encoding="utf-8")
    return copy


def built_flows(out: Path) -> dict[str, Any]:
    compilation = compile_project(out / "specs", "dev")
    return {flow.name: flow.content for flow in compilation.flows}


def contents(root: Path) -> dict[str, str]:
    return {p: (root / p).read_text() for p in files(root)}


def test_changed_binding_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "p"
    run([SURVEY], out)
    before = contents(out)
    copy = changed_survey(tmp_path / "changed")
    summary, diagnostics = run([copy], out)
    (conflict,) = [d for d in diagnostics if d.code == "CC6013"]
    assert conflict.severity is Severity.ERROR
    assert NEW_QUEUE in conflict.message and "--force" in conflict.message
    assert not summary.written and summary.refused
    assert contents(out) == before
    assert summary.imported[0].round_trip is False
    assert "nothing written" in summary.render()


def test_forced_reimport_builds_the_new_export(tmp_path: Path) -> None:
    out = tmp_path / "p"
    run([SURVEY], out)
    copy = changed_survey(tmp_path / "changed")
    summary, diagnostics = run([copy], out, force=True)
    assert summary.written and not diagnostics.has_errors()
    assert summary.imported[0].round_trip is True
    assert "Bindings in env/dev.yaml: 0 new, 1 replaced" in summary.render()
    export = json.loads(copy.read_text(encoding="utf-8"))
    built = built_flows(out)["Simple Survey Example"]
    assert flowdiff.compare(export, built) == []


def test_verification_reads_the_merged_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A merge that silently kept the old value (no CC6013) must still be caught:
    # the check builds with the bindings as the file will hold them.
    out = tmp_path / "p"
    run([SURVEY], out)
    before = contents(out)
    original = envfile.merge

    def keeps_everything(text: str, *args: Any, **kwargs: Any) -> envfile.Merge:
        original(text, *args, **kwargs)
        return envfile.Merge(text)

    monkeypatch.setattr(envfile, "merge", keeps_everything)
    summary, diagnostics = run([changed_survey(tmp_path / "changed")], out)
    found = [d for d in diagnostics if d.code == "CC6015"]
    assert found and NEW_QUEUE.split("/")[1][:8] in found[0].message
    assert not summary.written and contents(out) == before


def test_filled_in_placeholder_still_imports(tmp_path: Path) -> None:
    run([MODULE], tmp_path)
    env_path = tmp_path / "env" / "dev.yaml"
    text = env_path.read_text()
    placeholder = yaml.safe_load(text)["bindings"]["Flow"]["acme_customer_queue_AUTO"]
    real = (
        "arn:aws:connect:us-east-1:123456789012:instance/"
        "0b8c1e5d-6f47-4a55-9c8e-1d2f3a4b5c6d/contact-flow/"
        "1b8c1e5d-6f47-4a55-9c8e-1d2f3a4b5c6d"
    )
    env_path.write_text(text.replace(json.dumps(placeholder), real))
    assert yaml.safe_load(env_path.read_text())["bindings"]["Flow"][
        "acme_customer_queue_AUTO"
    ] == real  # fmt: skip
    summary, diagnostics = run([MODULE], tmp_path)
    assert "CC6013" not in {d.code for d in diagnostics}
    assert "CC6015" not in {d.code for d in diagnostics}
    assert summary.imported[0].round_trip is True


def campaign_wrapper(folder: Path, actions: list[dict[str, Any]]) -> Path:
    content = {"Version": "2019-10-30", "StartAction": "a", "Actions": actions}
    wrapper = {"Name": "Outbound", "Type": "CAMPAIGN", "Content": json.dumps(content)}
    path = folder / "campaign.json"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(wrapper))
    return path


CAMPAIGN_ACTIONS = [
    {
        "Identifier": "a",
        "Type": "UpdateContactAttributes",
        "Parameters": {"Attributes": {"campaign": "spring"}},
        "Transitions": {
            "NextAction": "b",
            "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "b"}],
        },
    },
    {"Identifier": "b", "Type": "DisconnectParticipant", "Transitions": {}},
]


def test_campaign_flow_round_trips(tmp_path: Path) -> None:
    path = campaign_wrapper(tmp_path / "in", CAMPAIGN_ACTIONS)
    out = tmp_path / "p"
    code = cli.main(["import", str(path), "--env", "dev", "--out", str(out)])
    assert code == 0
    spec = yaml.safe_load((out / "specs/flows/Outbound.yaml").read_text())
    assert spec["type"] == "campaign"
    result = build_project(out / "specs", "dev")
    assert result.ok, [d.message for d in result.diagnostics]
    content = json.loads(json.loads(path.read_text())["Content"])
    assert flowdiff.compare(content, built_flows(out)["Outbound"]) == []


def test_exit_0_means_the_build_gives_the_export_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A campaign flow that plays a prompt: the import may succeed only if the
    # spec compiles back to the export, and it must announce every error the
    # build's checks will stop at (CC6027) rather than look clean.
    actions = json.loads(json.dumps(CAMPAIGN_ACTIONS))
    actions[0] = flow("a")["Actions"][0] | {"Transitions": {"NextAction": "b"}}
    path = campaign_wrapper(tmp_path / "in", actions)
    out = tmp_path / "p"
    code = cli.main(["import", str(path), "--env", "dev", "--out", str(out)])
    err = capsys.readouterr().err
    result = build_project(out / "specs", "dev")
    if code != 0:
        assert code == 1 and ("[CC6015]" in err or "[CC6027]" in err)
        refused = {d.code for d in result.diagnostics if d.severity is Severity.ERROR}
        assert all(f"[{code}]" in err for code in refused)  # each one announced
        return
    assert result.ok, [d.message for d in result.diagnostics]
    content = json.loads(json.loads(path.read_text())["Content"])
    assert flowdiff.compare(content, built_flows(out)["Outbound"]) == []


def test_faithful_import_of_a_flow_the_checks_refuse_is_a_warning(
    tmp_path: Path,
) -> None:
    export = tmp_path / "f.json"
    export.write_text(json.dumps(flow()))  # the prompt has no error branch
    summary, diagnostics = run([export], tmp_path / "p")
    (found,) = [d for d in diagnostics if d.code == "CC6027"]
    assert found.severity is Severity.ERROR and "CC3102" in found.message
    assert summary.written and summary.imported[0].round_trip is True
    assert summary.imported[0].refused_by == ("CC3102",)
    rendered = summary.render()
    assert "the build refuses it (CC3102)" in rendered
    assert rendered.splitlines()[0].endswith("; 1 will not build as exported")
    _, diagnostics = run([SURVEY], tmp_path / "q")
    assert "CC6027" not in {d.code for d in diagnostics}


def test_import_the_build_refuses_fails_the_command(tmp_path: Path) -> None:
    export = tmp_path / "f.json"
    export.write_text(json.dumps(flow()))  # the prompt has no error branch
    argv = ["import", str(export), "--env", "dev", "--out", str(tmp_path / "p")]
    assert cli.main(argv) == 1
    assert (tmp_path / "p" / "specs" / "flows" / "f.yaml").is_file()
    assert cli.main([*argv, "--fail-on", "never"]) == 0


def test_round_trip_difference_fails_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def differs(spec: Any, values: Any, *, template: bool = False) -> RoundTrip:
        found = flowdiff.Difference("parameter", "a", "a", "Parameters.Text", "x", "y")
        return RoundTrip([found], [])

    monkeypatch.setattr(project, "round_trip", differs)
    export = tmp_path / "f.json"
    export.write_text(json.dumps(flow()))
    argv = ["import", str(export), "--env", "dev", "--out", str(tmp_path / "p")]
    assert cli.main(argv) == 1
    assert "[CC6015]" in capsys.readouterr().err
    assert cli.main([*argv, "--fail-on", "never"]) == 0  # the user accepts it


def test_summary_counts_and_states_read_correctly(tmp_path: Path) -> None:
    summary, _ = run([SURVEY], tmp_path)
    lines = summary.render().splitlines()
    assert lines[0] == f"Imported 1 flow into {tmp_path} (3 files written)"
    assert "Files: 3 new" in lines
    summary, _ = run([SURVEY], tmp_path)
    first = summary.render().splitlines()[0]
    assert first == f"Imported 1 flow into {tmp_path} (nothing to write: up to date)"
    summary, _ = run([SURVEY, MODULE], tmp_path / "two", dry_run=True)
    first = summary.render().splitlines()[0]
    assert first.startswith("Dry run: would import 1 flow and 1 module into ")


def test_summary_of_nothing_imported_has_no_empty_lines(tmp_path: Path) -> None:
    summary, _ = run([LEGACY], tmp_path)
    lines = summary.render().splitlines()
    assert lines[0] == f"Nothing imported into {tmp_path} (nothing written)"
    assert not any(re.fullmatch(r"\w+:\s*", line) for line in lines)  # "Files:"
    assert not any(line.startswith(("Files", "Bindings")) for line in lines)


def test_refused_import_does_not_say_imported(tmp_path: Path) -> None:
    run([SURVEY], tmp_path / "p")
    summary, _ = run([changed_survey(tmp_path / "changed")], tmp_path / "p")
    lines = summary.render().splitlines()
    assert lines[0].startswith("Import refused: nothing written to ")
    assert "Bindings in env/dev.yaml: 0 new, 1 in conflict" in lines


def test_flow_of_another_instance_is_an_error_naming_the_build_check(
    tmp_path: Path,
) -> None:
    run([SURVEY], tmp_path)
    other = (
        "arn:aws:connect:ap-southeast-2:964328442121:instance/"
        "99999999-8888-4777-8666-555555555555/queue/"
        "12345678-1234-4234-8234-123456789012"
    )
    content = flow()
    content["Actions"][0] = {
        "Identifier": "w",
        "Type": "UpdateContactTargetQueue",
        "Parameters": {"QueueId": other},
        "Transitions": {
            "NextAction": "end",
            "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
        },
    }
    export = tmp_path / "other.json"
    export.write_text(json.dumps(content))
    summary, diagnostics = run([export], tmp_path)
    (found,) = [d for d in diagnostics if d.code == "CC6020"]
    assert found.severity is Severity.ERROR and "99999999" in found.message
    assert summary.imported[0].refused_by == ("CC3002",)
    result = build_project(tmp_path / "specs", "dev")
    assert "CC3002" in {d.code for d in result.diagnostics}  # as announced


def test_checks_use_the_projects_severities(tmp_path: Path) -> None:
    # The project accepts prompts without an error branch, so the build will
    # accept the flow and the import has nothing to complain about.
    out = tmp_path / "p"
    out.mkdir()
    (out / "connectc.yaml").write_text(
        "project: p\nenvironments:\n  dev: {}\nseverities:\n  CC3102: warning\n"
        "ignore: [CC3101]\n"
    )
    export = tmp_path / "f.json"
    export.write_text(json.dumps(flow()))  # the prompt has no error branch
    summary, diagnostics = run([export], out)
    assert "CC6027" not in {d.code for d in diagnostics}
    assert not diagnostics.has_errors() and summary.written
    assert summary.imported[0].round_trip is True
    assert build_project(out / "specs", "dev").ok


def test_import_in_the_other_format_is_refused(tmp_path: Path) -> None:
    """A project keeps a flow as a spec or as a template, never both."""
    from connectc.importer import import_paths as run_import

    export = CORPUS / "connectCommandLinePromo__contact_flow.json"
    first = Diagnostics()
    run_import(
        [export],
        "dev",
        tmp_path,
        force=False,
        dry_run=False,
        format="spec",
        diagnostics=first,
    )
    assert "CC6028" not in [d.code for d in first]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    second = Diagnostics()
    summary = run_import(
        [export],
        "dev",
        tmp_path,
        force=False,
        dry_run=False,
        format="template",
        diagnostics=second,
    )
    assert "CC6028" in [d.code for d in second]
    assert summary.refused
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_merge_keeps_the_env_files_link_and_mode(tmp_path: Path) -> None:
    """A team's env file kept elsewhere and linked in stays linked."""
    out = tmp_path / "out"
    run([SURVEY], out)
    env = out / "env" / "dev.yaml"
    shared = tmp_path / "dev.yaml"
    env.replace(shared)
    shared.chmod(0o640)
    env.symlink_to(shared)
    instance = "arn:aws:connect:ap-southeast-2:964328442121:instance/"
    queue = instance + "7136b212-66af-4bd9-8913-8dec118f5254/queue/" + "1" * 32
    content = flow()
    content["Actions"].insert(0, {
        "Identifier": "q", "Type": "UpdateContactTargetQueue",
        "Parameters": {"QueueId": queue},
        "Transitions": {"NextAction": "w", "Errors": [
            {"NextAction": "end", "ErrorType": "NoMatchingError"}]},
    })  # fmt: skip
    content["StartAction"] = "q"
    export = tmp_path / "other.json"
    export.write_text(json.dumps(content))
    summary, _ = run([export], out)
    assert summary.written and summary.bindings_added and env.is_symlink()
    assert (
        queue in yaml.safe_load(shared.read_text("utf-8"))["bindings"]["Queue"].values()
    )
    assert shared.stat().st_mode & 0o777 == 0o640


def test_a_crlf_env_file_keeps_its_line_ends(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    env = tmp_path / "env" / "dev.yaml"
    lines = env.read_text("utf-8").splitlines()
    kept = [line for line in lines if "Queue" not in line]  # a binding less
    env.write_bytes("\r\n".join(kept).encode("utf-8") + b"\r\n")
    summary, _ = run([SURVEY], tmp_path)
    raw = env.read_bytes()
    assert summary.written and b"BasicQueue" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
