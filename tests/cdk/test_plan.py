"""The deploy plan and its checks: no CDK involved, so these run in milliseconds."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    ACCOUNT,
    BOT,
    INSTANCE,
    LOOKUP,
    REGION,
    RELEASE,
    FlowSpec,
    ProjectMaker,
    example_flows,
    write_project,
)
from connectc.cdk import plan as plan_module
from connectc.cdk.access_settings import guard_document, read_access_settings
from connectc.cdk.plan import (
    DeployPlan,
    logical_name,
    output_keys,
    plan_deploy,
    provider_name,
)
from connectc.cdk.release import (
    DeployedRelease,
    ReleaseSettings,
    read_release_settings,
    release_label,
    releases_to_prune,
)
from connectc.diagnostics import Diagnostics

VERSIONED = ReleaseSettings("versioned", 3)
IN_PLACE = ReleaseSettings()


def planned(
    root: Path, settings: ReleaseSettings = IN_PLACE, env: str = "test"
) -> tuple[DeployPlan | None, list[str]]:
    diagnostics = Diagnostics()
    plan = plan_deploy(root / "generated" / env, settings, diagnostics, env)
    return plan, [d.code for d in diagnostics.sorted()]


def test_example_plans_cleanly(make_project: ProjectMaker) -> None:
    plan, codes = planned(make_project())
    assert codes == [] and plan is not None
    assert [f.name for f in plan.flows][-1] == "SalesEntry"  # links resolved first
    assert plan.manifest.lambdas == sorted({LOOKUP, plan.manifest.lambdas[1]})
    assert plan.manifest.lex_bots == [BOT]
    assert [s.stack_name for s in plan.stacks] == ["example-contact-center-test-flows"]


def test_in_place_keeps_names(make_project: ProjectMaker) -> None:
    plan, _ = planned(make_project())
    assert plan is not None
    assert {f.deployed_name for f in plan.flows} == {f.name for f in example_flows()}


def test_versioned_names_carry_date_and_short_sha(make_project: ProjectMaker) -> None:
    plan, _ = planned(make_project(env="prod"), VERSIONED, "prod")
    assert plan is not None
    sales = plan.flow("SalesEntry")
    assert sales is not None and sales.deployed_name == "SalesEntry-20261203-0123abc"
    assert plan.stacks[0].stack_name == "example-contact-center-prod-20261203-0123abc"
    assert plan.integrations_stack == "example-contact-center-prod-integrations"


def test_release_tags_join_the_flow_tags(make_project: ProjectMaker) -> None:
    plan, _ = planned(make_project())
    assert plan is not None
    sales = plan.flow("SalesEntry")
    assert sales is not None
    assert sales.tags == {
        "team": "sales",
        "connectc:release": RELEASE["name"],
        "connectc:git-sha": RELEASE["git_sha"],
        "connectc:release-time": RELEASE["time"],
    }


def test_versioned_release_without_sha_is_refused(make_project: ProjectMaker) -> None:
    root = make_project(
        env="prod", release={"name": None, "git_sha": None, "time": None}
    )
    plan, codes = planned(root, VERSIONED, "prod")
    assert plan is None and codes == ["CC7007"]


def test_in_place_release_without_sha_is_fine(make_project: ProjectMaker) -> None:
    plan, codes = planned(make_project(release={"name": None, "git_sha": None}))
    assert codes == [] and plan is not None and plan.release_name == "unreleased"


def test_cycle_is_noted_and_one_link_deferred(make_project: ProjectMaker) -> None:
    flows = [
        FlowSpec("Menu", links=[("flow", "Billing")]),
        FlowSpec("Billing", links=[("flow", "Menu")]),
        FlowSpec("Entry", links=[("flow", "Menu")]),
    ]
    diagnostics = Diagnostics()
    root = make_project(flows)
    plan = plan_deploy(root / "generated" / "test", ReleaseSettings(), diagnostics)
    assert plan is not None
    [finding] = diagnostics.items
    assert finding.code == "CC7001" and finding.severity.name == "NOTE"
    assert "Billing -> Menu -> Billing" in finding.message
    assert [f.name for f in plan.flows] == ["Menu", "Billing", "Entry"]
    deferred = {f.name: [k.target for k in f.deferred] for f in plan.flows}
    assert deferred == {"Menu": ["Billing"], "Billing": [], "Entry": []}


def test_a_flow_linking_to_itself_is_deferred(make_project: ProjectMaker) -> None:
    plan, codes = planned(make_project([FlowSpec("Again", links=[("flow", "Again")])]))
    assert codes == ["CC7001"] and plan is not None
    assert [k.target for k in plan.flows[0].deferred] == ["Again"]


def test_link_to_a_missing_flow(make_project: ProjectMaker) -> None:
    _, codes = planned(make_project([FlowSpec("A", links=[("flow", "Gone")])]))
    assert codes == ["CC7005"]


def test_link_of_the_wrong_kind(make_project: ProjectMaker) -> None:
    flows = [FlowSpec("A", links=[("module", "B")]), FlowSpec("B")]
    _, codes = planned(make_project(flows))
    assert codes == ["CC7005"]


def test_changed_flow_file_is_refused(make_project: ProjectMaker) -> None:
    root = make_project()
    path = root / "generated" / "test" / "flows" / "SalesEntry.json"
    path.write_text(path.read_text() + " ", encoding="utf-8")
    _, codes = planned(root)
    assert codes == ["CC7004"]


def test_missing_flow_file_is_refused(make_project: ProjectMaker) -> None:
    root = make_project()
    (root / "generated" / "test" / "modules" / "VerifyCustomer.json").unlink()
    _, codes = planned(root)
    assert codes == ["CC7004"]


def test_missing_manifest(tmp_path: Path) -> None:
    _, codes = planned(tmp_path)
    assert codes == ["CC7002"]


def test_manifest_that_is_not_json(make_project: ProjectMaker) -> None:
    root = make_project()
    (root / "generated" / "test" / "manifest.json").write_text("{flows: [", "utf-8")
    diagnostics = Diagnostics()
    plan_deploy(root / "generated" / "test", ReleaseSettings(), diagnostics)
    [finding] = diagnostics.items
    assert finding.code == "CC7002" and finding.span.line == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"manifest_version": 2}, "manifest_version"),
        ({"flows": {}}, "flows"),
        ({"instance_arn": 7}, "instance_arn"),
        ({"release": "today"}, "release"),
    ],
)
def test_malformed_manifest(
    make_project: ProjectMaker, change: dict, expected: str
) -> None:
    root = make_project()
    path = root / "generated" / "test" / "manifest.json"
    data = json.loads(path.read_text("utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), "utf-8")
    diagnostics = Diagnostics()
    assert plan_deploy(path.parent, ReleaseSettings(), diagnostics) is None
    assert [d.code for d in diagnostics] == ["CC7003"]
    assert expected in diagnostics.items[0].message


def test_duplicate_flow_names_are_malformed(make_project: ProjectMaker) -> None:
    _, codes = planned(make_project([FlowSpec("A"), FlowSpec("A")]))
    assert codes == ["CC7003"]


def test_manifest_of_another_environment(make_project: ProjectMaker) -> None:
    root = make_project(env="test")
    diagnostics = Diagnostics()
    plan_deploy(root / "generated" / "test", ReleaseSettings(), diagnostics, "prod")
    assert [d.code for d in diagnostics] == ["CC7016"]


def test_versioned_name_too_long(make_project: ProjectMaker) -> None:
    root = make_project([FlowSpec("N" * 115)], env="prod")
    _, codes = planned(root, VERSIONED, "prod")
    assert codes == ["CC7008"]
    _, codes = planned(
        make_project([FlowSpec("N" * 110)], env="prod"), VERSIONED, "prod"
    )
    assert codes == []


def test_too_many_tags(make_project: ProjectMaker) -> None:
    tags = {f"k{i}": "v" for i in range(48)}
    _, codes = planned(make_project([FlowSpec("A", tags=tags)]))
    assert codes == ["CC7009"]
    tags = {f"k{i}": "v" for i in range(47)}
    _, codes = planned(make_project([FlowSpec("A", tags=tags)]))
    assert codes == []


def test_large_projects_are_cut_into_stacks_links_pointing_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "MAX_STACK_OUTPUTS", 7)
    flows = [
        FlowSpec(f"F{i}", links=[("flow", f"F{i - 1}")] if i else []) for i in range(7)
    ]
    plan, codes = planned(write_project(tmp_path, flows))
    assert codes == ["CC7018"] and plan is not None  # in_place: flows may move
    names = [[f.name for f in s.flows] for s in plan.stacks]
    assert names == [["F0", "F1"], ["F2", "F3"], ["F4", "F5"], ["F6"]]
    assert plan.stacks[1].stack_name.endswith("-flows-2")
    plan, codes = planned(write_project(tmp_path, flows, env="prod"), VERSIONED, "prod")
    assert "CC7018" not in codes  # every versioned release is new stacks anyway
    plan, codes = planned(write_project(tmp_path, flows[:2]))
    assert "CC7018" not in codes  # one stack: nothing to move between


def test_content_size_cuts_stacks_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "MAX_STACK_CONTENT", 400)
    plan, _ = planned(write_project(tmp_path, [FlowSpec(f"F{i}") for i in range(4)]))
    assert plan is not None and len(plan.stacks) == 4


def test_logical_names_are_stable_and_distinct() -> None:
    assert logical_name("SalesEntry") == "SalesEntry"
    assert logical_name("Sales-Entry") != logical_name("Sales_Entry")
    assert logical_name("営業") != logical_name("受付")
    assert logical_name("営業").isascii() and logical_name("営業").isalnum()
    assert output_keys("SalesEntry") == ("SalesEntryArn", "SalesEntryId")


# --- release settings -------------------------------------------------------


def test_release_settings_per_environment(make_project: ProjectMaker) -> None:
    root = make_project()
    diagnostics = Diagnostics()
    assert read_release_settings(root, "prod", diagnostics) == VERSIONED
    assert read_release_settings(root, "test", diagnostics) == ReleaseSettings()
    assert read_release_settings(root, "dev", diagnostics) == ReleaseSettings()
    assert len(diagnostics) == 0


@pytest.mark.parametrize(
    "release",
    ["{strategy: blue_green}", "{strategy: versioned, keep: 0}", "{keep: yes}", "[1]"],
)
def test_bad_release_settings(make_project: ProjectMaker, release: str) -> None:
    yaml_text = f"project: p\nenvironments:\n  prod:\n    release: {release}\n"
    root = make_project(connectc_yaml=yaml_text)
    diagnostics = Diagnostics()
    settings = read_release_settings(root, "prod", diagnostics)
    assert [d.code for d in diagnostics] == ["CC7006"]
    assert diagnostics.items[0].span.line == 4
    assert settings.keep >= 1


def test_release_label() -> None:
    from connectc.cdk.manifest import Release

    assert release_label(Release("r", "ABCDEF0123", "2026-01-31T23:00:00Z")) == (
        "20260131-abcdef0"
    )
    assert release_label(Release("r", "not a sha", "2026-01-31")) is None
    assert release_label(Release("r", "abcdef0", None)) is None


def test_prune_keeps_the_newest_and_anything_in_use() -> None:
    releases = [
        DeployedRelease(
            f"2026120{d}-aaaaaa{d}", f"2026-12-0{d}T00:00:00Z", frozenset({f"arn{d}"})
        )
        for d in range(1, 7)
    ]
    pruned = releases_to_prune(releases, keep=3, in_use={"arn2"})
    assert [r.label for r in pruned] == ["20261203-aaaaaa3", "20261201-aaaaaa1"]


# --- deploy-access settings -------------------------------------------------


def test_access_settings_read_and_checked(make_project: ProjectMaker) -> None:
    text = (
        "project: p\ndeploy_access:\n  github_repository: example-org/contact\n"
        "  record_retention_days: 500\n"
    )
    root = make_project(connectc_yaml=text)
    diagnostics = Diagnostics()
    settings = read_access_settings(root, diagnostics)
    assert settings is not None and len(diagnostics) == 0
    assert settings.subject("prod") == "repo:example-org/contact:environment:prod"
    assert settings.record_retention_days == 500


@pytest.mark.parametrize(
    "section",
    [
        "{github_repository: 'not a repo'}",
        "{github_repository: a/b, record_retention_days: 30}",
        "{github_repository: a/b, oidc_provider_arn: 'arn:aws:iam::1:role/x'}",
        "{github_repository: a/b, typo: 1}",
    ],
)
def test_bad_access_settings(make_project: ProjectMaker, section: str) -> None:
    root = make_project(connectc_yaml=f"project: p\ndeploy_access: {section}\n")
    diagnostics = Diagnostics()
    assert read_access_settings(root, diagnostics) is None
    assert [d.code for d in diagnostics] == ["CC7017"]


def denied(document: dict[str, Any], principal: str, action: str, arn: str) -> bool:
    """Whether the guard's explicit Deny stops `principal` calling `action` on
    `arn`, for the part of IAM the guard uses (wildcards in Action and Resource,
    ArnNotLike on aws:PrincipalArn); anything else fails the test."""
    for statement in document["Statement"]:
        assert set(statement) == {"Sid", "Effect", "Action", "Resource", "Condition"}
        assert statement["Effect"] == "Deny"
        assert list(statement["Condition"]) == ["ArnNotLike"]
        [(key, exempt)] = statement["Condition"]["ArnNotLike"].items()
        assert key == "aws:PrincipalArn"
        actions = [a.lower() for a in statement["Action"]]
        if not any(fnmatchcase(action.lower(), a) for a in actions):
            continue
        if not any(fnmatchcase(arn, r) for r in statement["Resource"]):
            continue
        if not any(fnmatchcase(principal, e) for e in exempt):
            return True
    return False


def test_guard_leaves_prod_flows_to_the_pipeline_only(
    make_project: ProjectMaker,
) -> None:
    plan, _ = planned(make_project(env="prod"), VERSIONED, "prod")
    assert plan is not None
    document = guard_document(plan.manifest, "connectc")
    role = f"arn:aws:iam::{ACCOUNT}:role/"
    suffix = f"{ACCOUNT}-{REGION}"
    github = f"{role}connectc-example-contact-center-prod-deploy"
    execution = f"{role}cdk-connectc-cfn-exec-role-{suffix}"
    cdk_deploy = f"{role}cdk-connectc-deploy-role-{suffix}"
    stack = plan.stacks[0].stack_name
    name = provider_name(plan.stack_prefix, stack)
    provider = f"{role}{name}"
    person = f"{role}AWSReservedSSO_AdministratorAccess_0123456789abcdef"
    some_id = "5b8c1a2e-4f3d-4e6a-9b7c-0d1e2f3a4b5c"
    flow, module = (
        f"{INSTANCE}/contact-flow/{some_id}",
        f"{INSTANCE}/flow-module/{some_id}",
    )
    edits = [
        ("connect:UpdateContactFlowContent", flow),
        ("connect:UpdateContactFlowMetadata", flow),
        ("connect:UpdateContactFlowName", flow),
        ("connect:DeleteContactFlow", flow),
        ("connect:UpdateContactFlowModuleContent", module),
        ("connect:UpdateContactFlowModuleMetadata", module),
        ("connect:DeleteContactFlowModule", module),
    ]
    for action, arn in edits:
        assert denied(document, person, action, arn), action
        assert not denied(document, github, action, arn), action
        assert not denied(document, execution, action, arn), action
    # The provider of cycles sets content (and metadata) in the second step.
    assert not denied(document, provider, "connect:UpdateContactFlowContent", flow)

    # Nobody else may make CloudFormation edit the flows on their behalf.
    assert denied(document, person, "sts:AssumeRole", cdk_deploy)
    assert not denied(document, github, "sts:AssumeRole", cdk_deploy)
    assert denied(document, person, "iam:PassRole", execution)
    assert not denied(document, cdk_deploy, "iam:PassRole", execution)
    stacks = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/"
    for name_ in (stack, f"{plan.stack_prefix}-integrations"):
        arn = f"{stacks}{name_}/{some_id}"
        assert denied(document, person, "cloudformation:UpdateStack", arn)
        assert denied(document, person, "cloudformation:DeleteStack", arn)
        assert not denied(document, cdk_deploy, "cloudformation:ExecuteChangeSet", arn)
    access = f"{stacks}{plan.stack_prefix}-access/{some_id}"
    assert not denied(document, person, "cloudformation:CreateChangeSet", access)

    # Nor run code as the provider.
    function = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    assert denied(document, person, "lambda:InvokeFunction", function)
    assert denied(document, person, "iam:PassRole", provider)
    assert not denied(document, execution, "lambda:UpdateFunctionCode", function)

    # Organizations takes SCPs up to 5,120 characters.
    assert len(json.dumps(document, indent=2)) <= 5120
