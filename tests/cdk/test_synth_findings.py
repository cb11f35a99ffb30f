"""Synthesis findings become diagnostics: schema, cfn-lint, cdk-nag, failures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import FlowSpec, write_project

pytest.importorskip("aws_cdk")

from connectc.cdk import synthesis  # noqa: E402
from connectc.cdk.release import read_release_settings  # noqa: E402
from connectc.diagnostics import Diagnostics, Severity  # noqa: E402

BAD_INSTANCE = "arn:aws:connect:ap-northeast-1:2222:instance/not-an-account"


def test_bad_instance_arn_is_reported_by_the_schema_check_and_cfn_lint(
    tmp_path: Path,
) -> None:
    root = write_project(tmp_path, [FlowSpec("Only")])
    path = root / "generated" / "test" / "manifest.json"
    data = json.loads(path.read_text("utf-8"))
    data["instance_arn"] = BAD_INSTANCE
    path.write_text(json.dumps(data), "utf-8")
    diagnostics = Diagnostics()
    result = synthesis.synth(root, "test", tmp_path / "out", diagnostics)
    assert result is not None
    codes = {d.code for d in diagnostics}
    assert {"CC7013", "CC7010"} <= codes
    lint = next(d for d in diagnostics if d.code == "CC7010")
    assert lint.span.path.endswith("-flows.template.json") and lint.span.line > 0
    assert "InstanceArn" in lint.message or BAD_INSTANCE in lint.message
    schema = next(d for d in diagnostics if d.code == "CC7013")
    assert schema.severity is Severity.ERROR and "Flows/Only" in schema.message


def test_nag_violations_are_read_from_the_validation_report(tmp_path: Path) -> None:
    report = {
        "pluginReports": [
            {
                "pluginName": "AwsSolutions",
                "violations": [
                    {
                        "ruleName": "AwsSolutions-S1",
                        "description": "The S3 Bucket has server access logs disabled.",
                        "violatingConstructs": [
                            {"constructPath": "app-access/Records/Resource"},
                            {"constructPath": "app-access/Logs/Resource"},
                        ],
                    }
                ],
            }
        ]
    }
    (tmp_path / "validation-report.json").write_text(json.dumps(report), "utf-8")
    diagnostics = Diagnostics()
    synthesis._report_validation(tmp_path, diagnostics)
    assert [d.code for d in diagnostics] == ["CC7012", "CC7012"]
    first = diagnostics.items[0]
    assert first.message == (
        'AwsSolutions-S1 on "app-access/Records/Resource": '
        "The S3 Bucket has server access logs disabled."
    )
    assert first.span.path == str(tmp_path / "app-access.template.json")


def test_a_failing_synthesis_is_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Resolution error: something\nstack trace")

    monkeypatch.setattr(synthesis, "build_app", explode)
    root = write_project(tmp_path, [FlowSpec("Only")])
    diagnostics = Diagnostics()
    assert synthesis.synth(root, "test", tmp_path / "out", diagnostics) is None
    [finding] = diagnostics.items
    assert finding.code == "CC7014"
    assert finding.message == "synthesis failed: Resolution error: something"


def test_missing_cdk_libraries_are_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cdk_nag", None)  # import now fails
    root = write_project(tmp_path, [FlowSpec("Only")])
    diagnostics = Diagnostics()
    assert synthesis.synth(root, "test", tmp_path / "out", diagnostics) is None
    assert [d.code for d in diagnostics] == ["CC7015"]


def test_plan_errors_stop_before_the_cdk(tmp_path: Path) -> None:
    root = write_project(tmp_path, [FlowSpec("A", links=[("flow", "Gone")])])
    diagnostics = Diagnostics()
    assert synthesis.synth(root, "test", tmp_path / "out", diagnostics) is None
    assert [d.code for d in diagnostics] == ["CC7005"]
    assert not (tmp_path / "out").exists()


def test_lint_warnings_and_errors_get_their_own_codes(tmp_path: Path) -> None:
    """cfn-lint's warnings (W2001: a parameter nothing uses) are CC7011, its
    errors (E3012: a property of the wrong type) CC7010."""
    template = {
        "Parameters": {"Unused": {"Type": "String"}},
        "Resources": {
            "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": []}}
        },
    }
    path = tmp_path / "t.template.json"
    path.write_text(json.dumps(template, indent=1), "utf-8")
    diagnostics = Diagnostics()
    synthesis.lint_template(path, "ap-northeast-1", diagnostics)
    found = {(d.code, d.message.split(" ")[1].rstrip(":")) for d in diagnostics}
    assert ("CC7011", "W2001") in found
    assert ("CC7010", "E3012") in found
    warning = next(d for d in diagnostics if d.code == "CC7011")
    assert warning.severity is Severity.WARNING and warning.span.line == 3


def test_a_clean_template_lints_clean(tmp_path: Path) -> None:
    template = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}
    path = tmp_path / "t.template.json"
    path.write_text(json.dumps(template), "utf-8")
    diagnostics = Diagnostics()
    synthesis.lint_template(path, "ap-northeast-1", diagnostics)
    codes = [d.code for d in diagnostics]
    assert "CC7010" not in codes and "CC7011" not in codes


def test_placeholders_left_in_the_environment_stop_synth(tmp_path: Path) -> None:
    """An imported env file still says REPLACE_WITH_…: the CDK would fail on it."""
    root = write_project(tmp_path, [FlowSpec("Only")])
    path = root / "generated" / "test" / "manifest.json"
    data = json.loads(path.read_text("utf-8"))
    data["account"] = "REPLACE_WITH_ACCOUNT_ID"
    path.write_text(json.dumps(data), "utf-8")
    diagnostics = Diagnostics()
    assert synthesis.synth(root, "test", tmp_path / "out", diagnostics) is None
    (found,) = [d for d in diagnostics if d.code == "CC7019"]
    assert '"REPLACE_WITH_ACCOUNT_ID"' in found.message
    assert not (tmp_path / "out").exists()


def test_a_filled_in_environment_is_not_a_placeholder(tmp_path: Path) -> None:
    root = write_project(tmp_path, [FlowSpec("Only")])
    diagnostics = Diagnostics()
    settings = read_release_settings(root, "test", diagnostics)
    plan = synthesis.plan_deploy(root / "generated" / "test", settings, diagnostics)
    assert plan is not None
    synthesis._check_filled_in(plan, root / "env" / "test.yaml", diagnostics)
    assert "CC7019" not in [d.code for d in diagnostics]
