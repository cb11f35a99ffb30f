"""import_paths: files written, never overwritten silently, dry run, bindings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectc.diagnostics import Diagnostics
from connectc.importer import ImportSummary, import_paths

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
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
    assert "dry run" in rendered
    assert "--- specs/flows/Simple Survey Example.yaml (create)" in rendered
    assert "set_hooks:" in rendered


def test_second_import_changes_nothing(tmp_path: Path) -> None:
    run([SURVEY], tmp_path)
    before = {p: (tmp_path / p).read_text() for p in files(tmp_path)}
    summary, diagnostics = run([SURVEY], tmp_path)
    assert {w.action for w in summary.writes} == {"unchanged"}
    assert {p: (tmp_path / p).read_text() for p in files(tmp_path)} == before
    assert not diagnostics.has_errors()


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


@pytest.mark.parametrize(("env", "format"), [("bad/name", "spec"), ("dev", "xml")])
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
    _, diagnostics = run([CORPUS / name], tmp_path)
    flagged = [d for d in diagnostics if d.code == "CC6025"]
    assert flagged and "callRecordingControl" in flagged[0].message
