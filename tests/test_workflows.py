"""The GitHub workflows parse, use OIDC rather than stored keys, and run the
commands this repository provides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_well_formed(path: Path) -> None:
    document = yaml.safe_load(path.read_text("utf-8"))
    assert document["jobs"]
    text = path.read_text("utf-8")
    assert "AWS_SECRET_ACCESS_KEY" not in text and "aws-access-key-id" not in text
    for job in document["jobs"].values():
        assert job.get("timeout-minutes", 0) <= 20
        for step in job["steps"]:
            run = step.get("run", "")
            if "connectc " in run:
                assert "connectc build" in run or "connectc check" in run


def test_deploys_use_oidc_and_one_at_a_time() -> None:
    for name in ("deploy-test.yml", "release-prod.yml"):
        document = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
        assert document["permissions"]["id-token"] == "write"
        assert document["concurrency"]["cancel-in-progress"] is False
        (job,) = document["jobs"].values()
        assert job["environment"] in ("test", "prod")


def test_validation_annotates_the_pull_request_and_uploads_sarif() -> None:
    path = REPO / ".github" / "workflows" / "validate.yml"
    document = yaml.safe_load(path.read_text("utf-8"))
    assert document["permissions"]["security-events"] == "write"
    (job,) = document["jobs"].values()
    runs = [" ".join(step.get("run", "").split()) for step in job["steps"]]
    env = "${{ matrix.env }}"
    assert f"connectc check specs --env {env} --format github" in runs
    sarif = next(run for run in runs if "--format sarif" in run)
    assert sarif.endswith(f"> connectc-{env}.sarif") and "--fail-on never" in sarif
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == f"connectc-{env}.sarif"
    assert upload["if"] == "always()"
