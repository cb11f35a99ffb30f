"""The repository's example contact center: built, then synthesised for TEST and
PROD, must come out clean (cfn-lint, cdk-nag) with one permission and one
association per Lambda alias."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("aws_cdk")

from connectc.build import build_project  # noqa: E402
from connectc.cdk import synth  # noqa: E402
from connectc.diagnostics import Diagnostics, Severity  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example in a git repository, so PROD builds get a SHA."""
    root = tmp_path_factory.mktemp("example")
    for name in ("connectc.yaml", "specs", "env"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    git = [
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "-C",
        str(root),
    ]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "example"], check=True)
    return root


@pytest.mark.parametrize("env", ["test", "prod"])
def test_example_synthesises_clean(example: Path, env: str) -> None:
    compilation = build_project(example / "specs", env)
    assert compilation.ok, [d.message for d in compilation.diagnostics]
    diagnostics = Diagnostics()
    result = synth(example, env, example / "cdk.out" / env, diagnostics)
    assert result is not None
    problems = [d for d in diagnostics if d.severity >= Severity.WARNING]
    assert [f"{d.code} {d.message}" for d in problems] == []
    manifest = json.loads(
        (example / "generated" / env / "manifest.json").read_text("utf-8")
    )
    aliases = {arn for flow in manifest["flows"] for arn in flow["lambdas"]}
    integrations = json.loads(
        result.templates[f"{result.plan.stack_prefix}-integrations"].read_text("utf-8")
    )
    resources = integrations["Resources"].values()
    permissions = [r for r in resources if r["Type"] == "AWS::Lambda::Permission"]
    assert sorted(r["Properties"]["FunctionName"] for r in permissions) == sorted(
        aliases
    )
    lambda_associations = [
        r
        for r in resources
        if r["Type"] == "AWS::Connect::IntegrationAssociation"
        and r["Properties"]["IntegrationType"] == "LAMBDA_FUNCTION"
    ]
    assert len(lambda_associations) == len(aliases) > 0
