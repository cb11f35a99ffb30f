"""Synthesised templates of the example build, checked with aws_cdk.assertions.

Each environment is synthesised once per module (jsii startup and synthesis are
the slow part); the tests read the templates, the cfn-lint and cdk-nag results.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    ACCOUNT,
    BOT,
    INSTANCE,
    LOOKUP,
    RELEASE,
    VERIFY,
    FlowSpec,
    example_flows,
    write_project,
)

pytest.importorskip("aws_cdk")

from aws_cdk.assertions import Match, Template  # noqa: E402

from connectc.cdk import synth  # noqa: E402
from connectc.cdk.synthesis import SynthResult  # noqa: E402
from connectc.diagnostics import Diagnostics  # noqa: E402

REPOSITORY = "example-org/example-contact-center"
YAML = f"""project: example-contact-center
environments:
  test: {{release: {{strategy: in_place}}}}
  prod: {{release: {{strategy: versioned, keep: 3}}}}
deploy_access:
  github_repository: {REPOSITORY}
"""
PREFIX = "example-contact-center"
ISSUER = "token.actions.githubusercontent.com"


def synthesise(root: Path, env: str) -> tuple[SynthResult, Diagnostics]:
    diagnostics = Diagnostics()
    result = synth(root, env, root / "cdk.out" / env, diagnostics)
    assert result is not None, [str(d.message) for d in diagnostics]
    return result, diagnostics


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    write_project(root, example_flows(), env="test", connectc_yaml=YAML)
    write_project(root, example_flows(), env="prod", connectc_yaml=YAML)
    return root


@pytest.fixture(scope="module")
def test_env(project: Path) -> tuple[SynthResult, Diagnostics]:
    return synthesise(project, "test")


@pytest.fixture(scope="module")
def prod_env(project: Path) -> tuple[SynthResult, Diagnostics]:
    return synthesise(project, "prod")


def template(result: SynthResult, stack: str) -> Template:
    return Template.from_json(load(result, stack))


def load(result: SynthResult, stack: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.templates[stack].read_text("utf-8"))
    return data


def test_synth_is_clean(
    test_env: tuple[SynthResult, Diagnostics], prod_env: tuple[SynthResult, Diagnostics]
) -> None:
    """cfn-lint, cdk-nag AwsSolutions and the CDK schema check find nothing."""
    for _, diagnostics in (test_env, prod_env):
        assert [f"{d.code} {d.message}" for d in diagnostics] == []


def test_stacks_of_each_environment(
    test_env: tuple[SynthResult, Diagnostics], prod_env: tuple[SynthResult, Diagnostics]
) -> None:
    assert sorted(test_env[0].templates) == [
        f"{PREFIX}-test-access",
        f"{PREFIX}-test-flows",
        f"{PREFIX}-test-integrations",
    ]
    assert sorted(prod_env[0].templates) == [
        f"{PREFIX}-prod-20261203-0123abc",
        f"{PREFIX}-prod-access",
        f"{PREFIX}-prod-integrations",
    ]


def test_one_permission_and_association_per_lambda_alias(
    test_env: tuple[SynthResult, Diagnostics],
) -> None:
    """LOOKUP is used by three flows, VERIFY by one: one permission and one
    association each (not four), plus one association for the Lex bot."""
    integrations = template(test_env[0], f"{PREFIX}-test-integrations")
    integrations.resource_count_is("AWS::Lambda::Permission", 2)
    integrations.resource_count_is("AWS::Connect::IntegrationAssociation", 3)
    for arn in (LOOKUP, VERIFY):
        integrations.has_resource_properties(
            "AWS::Lambda::Permission",
            {
                "Action": "lambda:InvokeFunction",
                "FunctionName": arn,
                "Principal": "connect.amazonaws.com",
                "SourceArn": INSTANCE,
                "SourceAccount": ACCOUNT,
            },
        )
        integrations.has_resource_properties(
            "AWS::Connect::IntegrationAssociation",
            {
                "InstanceId": INSTANCE,
                "IntegrationArn": arn,
                "IntegrationType": "LAMBDA_FUNCTION",
            },
        )
    integrations.has_resource_properties(
        "AWS::Connect::IntegrationAssociation",
        {"InstanceId": INSTANCE, "IntegrationArn": BOT, "IntegrationType": "LEX_BOT"},
    )


def test_flows_and_modules(test_env: tuple[SynthResult, Diagnostics]) -> None:
    flows = template(test_env[0], f"{PREFIX}-test-flows")
    flows.resource_count_is("AWS::Connect::ContactFlow", 3)
    flows.resource_count_is("AWS::Connect::ContactFlowModule", 1)
    flows.has_resource_properties(
        "AWS::Connect::ContactFlow",
        {
            "Name": "SalesEntry",
            "Type": "CONTACT_FLOW",
            "InstanceArn": INSTANCE,
            "Description": "営業窓口の入口",
            "Tags": Match.array_with(
                [
                    {"Key": "connectc:git-sha", "Value": RELEASE["git_sha"]},
                    {"Key": "connectc:release", "Value": RELEASE["name"]},
                    {"Key": "team", "Value": "sales"},
                ]
            ),
        },
    )
    flows.has_resource_properties(
        "AWS::Connect::ContactFlow", {"Name": "CustomerQueue", "Type": "CUSTOMER_QUEUE"}
    )
    flows.has_resource_properties(
        "AWS::Connect::ContactFlowModule", {"Name": "VerifyCustomer"}
    )


def flow_resource(data: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    for logical_id, resource in data["Resources"].items():
        if resource.get("Properties", {}).get("Name", "").startswith(name):
            return logical_id, resource
    raise AssertionError(f"no flow {name}")


def test_links_become_references_to_the_same_release(
    test_env: tuple[SynthResult, Diagnostics],
) -> None:
    data = load(test_env[0], f"{PREFIX}-test-flows")
    support_id, _ = flow_resource(data, "SupportEntry")
    module_id, _ = flow_resource(data, "VerifyCustomer")
    queue_id, _ = flow_resource(data, "CustomerQueue")
    _, sales = flow_resource(data, "SalesEntry")
    parts = sales["Properties"]["Content"]["Fn::Join"][1]
    assert {"Fn::GetAtt": [support_id, "ContactFlowArn"]} in parts
    assert {"Fn::GetAtt": [module_id, "ContactFlowModuleArn"]} in parts
    text = "".join(p for p in parts if isinstance(p, str))
    assert "${Flow." not in text and "${Module." not in text
    _, support = flow_resource(data, "SupportEntry")
    hook = support["Properties"]["Content"]["Fn::Join"][1]
    assert {"Fn::GetAtt": [queue_id, "ContactFlowArn"]} in hook


def test_flow_content_is_the_built_file(
    project: Path, test_env: tuple[SynthResult, Diagnostics]
) -> None:
    data = load(test_env[0], f"{PREFIX}-test-flows")
    _, queue = flow_resource(data, "CustomerQueue")
    built = project / "generated" / "test" / "flows" / "CustomerQueue.json"
    assert queue["Properties"]["Content"] == built.read_text("utf-8")


def test_outputs_give_each_flow_arn_id_and_the_release(
    test_env: tuple[SynthResult, Diagnostics],
) -> None:
    data = load(test_env[0], f"{PREFIX}-test-flows")
    outputs = data["Outputs"]
    support_id, _ = flow_resource(data, "SupportEntry")
    assert outputs["SupportEntryArn"]["Value"] == {
        "Fn::GetAtt": [support_id, "ContactFlowArn"]
    }
    assert outputs["SupportEntryId"]["Value"]["Fn::Select"][0] == 3
    assert outputs["ReleaseName"]["Value"] == RELEASE["name"]
    assert {k for k in outputs if k.endswith("Arn")} == {
        "SalesEntryArn",
        "SupportEntryArn",
        "CustomerQueueArn",
        "VerifyCustomerArn",
    }


def test_in_place_flows_are_not_retained(
    test_env: tuple[SynthResult, Diagnostics],
) -> None:
    data = load(test_env[0], f"{PREFIX}-test-flows")
    assert all("DeletionPolicy" not in r for r in data["Resources"].values())


def test_versioned_release_names_and_retention(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    result = prod_env[0]
    flows = template(result, f"{PREFIX}-prod-20261203-0123abc")
    flows.has_resource_properties(
        "AWS::Connect::ContactFlow", {"Name": "SalesEntry-20261203-0123abc"}
    )
    flows.has_resource_properties(
        "AWS::Connect::ContactFlowModule", {"Name": "VerifyCustomer-20261203-0123abc"}
    )
    integrations = template(result, f"{PREFIX}-prod-integrations")
    integrations.has_resource(
        "AWS::Connect::IntegrationAssociation", {"DeletionPolicy": "Retain"}
    )
    integrations.has_resource("AWS::Lambda::Permission", {"DeletionPolicy": "Retain"})
    manifest = json.loads((result.outdir / "manifest.json").read_text("utf-8"))
    artifact = manifest["artifacts"][f"{PREFIX}-prod-20261203-0123abc"]
    assert artifact["properties"]["terminationProtection"] is True
    assert f"{PREFIX}-prod-integrations" in artifact["dependencies"]


def test_next_release_leaves_the_previous_stack_alone(
    tmp_path: Path, prod_env: tuple[SynthResult, Diagnostics]
) -> None:
    """A new SHA gives a new stack; the old release's stack is not in the app,
    so `cdk deploy` of the new release cannot delete the old flows."""
    release = {**RELEASE, "git_sha": "fedcba9876543210", "time": "2026-12-10T09:00:00Z"}
    root = write_project(tmp_path, example_flows(), env="prod", release=release)
    result, diagnostics = synthesise(root, "prod")
    assert len(diagnostics) == 0
    assert f"{PREFIX}-prod-20261210-fedcba9" in result.templates
    assert f"{PREFIX}-prod-20261203-0123abc" not in result.templates
    assert f"{PREFIX}-prod-20261203-0123abc" in prod_env[0].templates
    flows = template(result, f"{PREFIX}-prod-20261210-fedcba9")
    flows.has_resource_properties(
        "AWS::Connect::ContactFlow", {"Name": "SalesEntry-20261210-fedcba9"}
    )


def test_trust_policy_is_the_github_environment_only(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    access = template(prod_env[0], f"{PREFIX}-prod-access")
    access.has_resource_properties(
        "AWS::IAM::Role",
        {
            "RoleName": f"connectc-{PREFIX}-prod-deploy",
            "MaxSessionDuration": 3600,
            "AssumeRolePolicyDocument": {
                "Statement": [
                    {
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Effect": "Allow",
                        "Principal": {
                            "Federated": {"Fn::GetAtt": ["GitHubOidcProvider", "Arn"]}
                        },
                        "Condition": {
                            "StringEquals": {
                                f"{ISSUER}:aud": "sts.amazonaws.com",
                                f"{ISSUER}:sub": (
                                    f"repo:{REPOSITORY}:environment:prod"
                                ),
                            }
                        },
                    }
                ]
            },
        },
    )
    text = json.dumps(load(prod_env[0], f"{PREFIX}-prod-access"))
    assert "StringLike" not in text and "ref:" not in text
    access.has_resource_properties(
        "AWS::IAM::OIDCProvider",
        {
            "Url": "https://token.actions.githubusercontent.com",
            "ClientIdList": ["sts.amazonaws.com"],
        },
    )


def test_deploy_policy_is_scoped_to_the_instance_and_functions(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    data = load(prod_env[0], f"{PREFIX}-prod-access")
    policies = [
        r["Properties"]["PolicyDocument"]["Statement"]
        for r in data["Resources"].values()
        if r["Type"] == "AWS::IAM::Policy"
    ]
    [statements] = policies
    by_sid = {s["Sid"]: s for s in statements}
    assert "*" not in json.dumps(
        [s["Resource"] for s in statements if s["Resource"] == "*"]
    )
    flows = by_sid["ConnectFlows"]
    assert flows["Resource"] == [
        INSTANCE,
        f"{INSTANCE}/contact-flow/*",
        f"{INSTANCE}/flow-module/*",
    ]
    lambdas = by_sid["LambdaPermissions"]
    assert sorted(lambdas["Action"]) == [
        "lambda:AddPermission",
        "lambda:GetPolicy",
        "lambda:RemovePermission",
    ]
    assert (
        LOOKUP in lambdas["Resource"]
        and LOOKUP.rsplit(":", 1)[0] in lambdas["Resource"]
    )
    assert "AssumeCdkBootstrapRoles" in by_sid


def policy_statements(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """The statements by Sid of the access stack's one policy of `kind`."""
    [statements] = [
        r["Properties"]["PolicyDocument"]["Statement"]
        for logical_id, r in data["Resources"].items()
        if r["Type"] == kind
        and (kind != "AWS::IAM::ManagedPolicy" or "Execution" in logical_id)
    ]
    return {s["Sid"]: s for s in statements}


def test_entry_points_are_moved_by_the_deploy_role_only(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    """AssociatePhoneNumberContactFlow authorises both the number and the flow;
    CloudFormation never moves entry points, so its policy has none of it."""
    data = load(prod_env[0], f"{PREFIX}-prod-access")
    role = policy_statements(data, "AWS::IAM::Policy")
    entry_points = role["EntryPoints"]
    assert "connect:AssociatePhoneNumberContactFlow" in entry_points["Action"]
    assert f"{INSTANCE}/contact-flow/*" in entry_points["Resource"]
    assert any(r.endswith(":phone-number/*") for r in entry_points["Resource"])
    execution = policy_statements(data, "AWS::IAM::ManagedPolicy")
    actions = json.dumps([s["Action"] for s in execution.values()])
    assert "PhoneNumber" not in actions and "FlowAssociations" not in actions


def test_prod_guard_denies_flow_edits_except_the_pipeline(
    test_env: tuple[SynthResult, Diagnostics], prod_env: tuple[SynthResult, Diagnostics]
) -> None:
    prod = template(prod_env[0], f"{PREFIX}-prod-access")
    prod.has_resource_properties(
        "AWS::IAM::ManagedPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Action": Match.array_with(
                                    [
                                        "connect:UpdateContactFlowContent",
                                        "connect:DeleteContactFlow*",
                                    ]
                                ),
                                "Condition": {
                                    "ArnNotLike": {
                                        "aws:PrincipalArn": Match.array_with(
                                            [
                                                f"arn:aws:iam::{ACCOUNT}:role/connectc-"
                                                f"{PREFIX}-prod-deploy"
                                            ]
                                        )
                                    }
                                },
                            }
                        )
                    ]
                )
            }
        },
    )
    assert prod_env[0].scp is not None
    scp = json.loads(prod_env[0].scp.read_text("utf-8"))
    assert scp["Statement"][0]["Effect"] == "Deny"
    assert test_env[0].scp is None
    prod.resource_count_is("AWS::IAM::ManagedPolicy", 2)  # execution policy, guard
    test = template(test_env[0], f"{PREFIX}-test-access")
    test.resource_count_is("AWS::IAM::ManagedPolicy", 1)


def test_release_records_are_locked_for_400_days(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    access = template(prod_env[0], f"{PREFIX}-prod-access")
    access.has_resource(
        "AWS::S3::Bucket",
        {
            "DeletionPolicy": "Retain",
            "Properties": Match.object_like(
                {
                    "ObjectLockEnabled": True,
                    "ObjectLockConfiguration": {
                        "ObjectLockEnabled": "Enabled",
                        "Rule": {
                            "DefaultRetention": {"Days": 400, "Mode": "GOVERNANCE"}
                        },
                    },
                    "VersioningConfiguration": {"Status": "Enabled"},
                }
            ),
        },
    )


def test_existing_oidc_provider_is_reused(tmp_path: Path) -> None:
    provider = (
        f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
    )
    text = YAML + f"  oidc_provider_arn: {provider}\n"
    root = write_project(tmp_path, [FlowSpec("Only")], env="test", connectc_yaml=text)
    result, diagnostics = synthesise(root, "test")
    assert len(diagnostics) == 0
    assert f"{PREFIX}-test-integrations" not in result.templates  # nothing to integrate
    access = template(result, f"{PREFIX}-test-access")
    access.resource_count_is("AWS::IAM::OIDCProvider", 0)
    access.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [Match.object_like({"Principal": {"Federated": provider}})]
            }
        },
    )


def stack_properties(result: SynthResult, stack: str) -> dict[str, Any]:
    """The cloud assembly's deploy properties of a stack (roles, bootstrap)."""
    manifest = json.loads((result.outdir / "manifest.json").read_text("utf-8"))
    properties: dict[str, Any] = manifest["artifacts"][stack]["properties"]
    return properties


def test_access_stack_is_deployed_with_the_admins_own_credentials(
    prod_env: tuple[SynthResult, Diagnostics],
) -> None:
    """The access stack creates roles, the OIDC provider and buckets, which the
    restricted execution role may not: it names no bootstrap role to deploy
    through, unlike the release stacks."""
    access = stack_properties(prod_env[0], f"{PREFIX}-prod-access")
    assert "assumeRoleArn" not in access
    assert "cloudFormationExecutionRoleArn" not in access
    flows = stack_properties(prod_env[0], f"{PREFIX}-prod-20261203-0123abc")
    assert flows["cloudFormationExecutionRoleArn"].endswith(
        f":role/cdk-hnb659fds-cfn-exec-role-{ACCOUNT}-ap-northeast-1"
    )


def test_release_stacks_deploy_with_the_configured_qualifier(tmp_path: Path) -> None:
    """The guard exempts `cdk-<qualifier>-cfn-exec-role`: the release stacks
    must deploy through that bootstrap, not the default one."""
    text = YAML + "  cdk_qualifier: connectc\n"
    root = write_project(tmp_path, [FlowSpec("Only")], env="test", connectc_yaml=text)
    result, diagnostics = synthesise(root, "test")
    assert len(diagnostics) == 0
    flows = stack_properties(result, f"{PREFIX}-test-flows")
    assert flows["cloudFormationExecutionRoleArn"].endswith(
        f":role/cdk-connectc-cfn-exec-role-{ACCOUNT}-ap-northeast-1"
    )
    data = load(result, f"{PREFIX}-test-flows")
    version = data["Parameters"]["BootstrapVersion"]["Default"]
    assert version == "/cdk-bootstrap/connectc/version"


def test_synth_applies_the_context_of_cdk_json(tmp_path: Path) -> None:
    """`cdk deploy` from cdk/ reads cdk/cdk.json; synth must lint the same app."""
    root = write_project(tmp_path, [FlowSpec("Only")], env="test")
    (root / "cdk").mkdir()
    context = {"@aws-cdk/core:bootstrapQualifier": "fromjson"}
    (root / "cdk" / "cdk.json").write_text(json.dumps({"context": context}))
    result, diagnostics = synthesise(root, "test")
    assert len(diagnostics) == 0
    data = load(result, f"{PREFIX}-test-flows")
    version = data["Parameters"]["BootstrapVersion"]["Default"]
    assert version == "/cdk-bootstrap/fromjson/version"


def test_template_snapshot(
    test_env: tuple[SynthResult, Diagnostics], snapshot: Any
) -> None:
    assert load(test_env[0], f"{PREFIX}-test-flows") == snapshot


def test_connect_release_construct_in_a_users_own_stack(tmp_path: Path) -> None:
    """One construct, one stack: flows wait for their associations and, for a
    versioned release, are retained when the next release replaces them."""
    import aws_cdk as cdk

    from connectc.cdk import ConnectRelease, ReleaseSettings

    root = write_project(tmp_path, example_flows(), env="prod")
    app = cdk.App()
    stack = cdk.Stack(app, "Mine")
    ConnectRelease(
        stack,
        "Contact",
        generated=root / "generated" / "prod",
        release=ReleaseSettings("versioned", 3),
    )
    data = Template.from_stack(stack).to_json()
    _, sales = flow_resource(data, "SalesEntry-20261203-0123abc")
    assert sales["DeletionPolicy"] == "Retain"
    depends = sales["DependsOn"]
    associations = {
        k
        for k, r in data["Resources"].items()
        if r["Type"] == "AWS::Connect::IntegrationAssociation"
        and r["Properties"]["IntegrationArn"] == LOOKUP
    }
    assert associations and associations <= set(depends)


def test_connect_release_raises_on_an_unusable_build(tmp_path: Path) -> None:
    import aws_cdk as cdk

    from connectc.cdk import ConnectRelease, ManifestError

    stack = cdk.Stack(cdk.App(), "Mine")
    with pytest.raises(ManifestError, match="CC7002"):
        ConnectRelease(stack, "Contact", generated=tmp_path / "nothing")


def test_cdk_app_script(tmp_path: Path) -> None:
    """cdk/app.py as the CDK CLI runs it: context in, cloud assembly out."""
    import os
    import subprocess

    root = write_project(tmp_path, example_flows(), env="test", connectc_yaml=YAML)
    app = Path(__file__).resolve().parents[2] / "cdk" / "app.py"
    context = {"env": "test", "root": str(root), "access": "true"}
    environment = dict(
        os.environ,
        CDK_CONTEXT_JSON=json.dumps(context),
        CDK_OUTDIR=str(tmp_path / "cdk.out"),
        JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="18,20,21,23",
    )
    run = subprocess.run(
        [sys.executable, str(app)], env=environment, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in (tmp_path / "cdk.out").glob("*.template.json"))
    assert written == [
        f"{PREFIX}-test-access.template.json",
        f"{PREFIX}-test-flows.template.json",
        f"{PREFIX}-test-integrations.template.json",
    ]
    environment["CDK_CONTEXT_JSON"] = json.dumps({"root": str(root)})
    run = subprocess.run(
        [sys.executable, str(app)], env=environment, capture_output=True, text=True
    )
    assert run.returncode == 2 and "-c env=" in run.stderr


CYCLE = [
    FlowSpec(
        "Menu",
        lambdas=[LOOKUP],
        links=[("flow", "Billing")],
        tags={"team": "support"},
        description="メニュー",
    ),
    FlowSpec("Billing", links=[("flow", "Menu")]),
]


def content_updates(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        k: r
        for k, r in data["Resources"].items()
        if r["Type"] == "Custom::ConnectFlowContent"
    }


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthResult, Diagnostics]:
    root = tmp_path_factory.mktemp("cycle")
    write_project(root, CYCLE, connectc_yaml=YAML)
    return synthesise(root, "test")


def test_cycle_is_deployed_in_two_steps(
    cycle: tuple[SynthResult, Diagnostics],
) -> None:
    result, diagnostics = cycle
    assert [d.code for d in diagnostics] == ["CC7001"]  # a note; lint and nag clean
    data = load(result, f"{PREFIX}-test-flows")
    menu_id, menu = flow_resource(data, "Menu")
    billing_id, billing = flow_resource(data, "Billing")
    assert "placeholder" in menu["Properties"]["Content"]
    assert json.loads(menu["Properties"]["Content"])["Actions"][0]["Type"] == (
        "DisconnectParticipant"
    )
    assert {"Fn::GetAtt": [menu_id, "ContactFlowArn"]} in billing["Properties"][
        "Content"
    ]["Fn::Join"][1]
    [update] = content_updates(data).values()
    create = json.dumps(update["Properties"]["Create"])
    assert "UpdateContactFlowContent" in create
    assert billing_id in create and menu_id in create  # content links Billing
    access = load(result, f"{PREFIX}-test-access")
    sids = {
        s["Sid"]
        for r in access["Resources"].values()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
        for s in r["Properties"]["PolicyDocument"]["Statement"]
    }
    assert {"CustomResourceFunction", "CustomResourceRoles"} <= sids


def test_release_leaves_the_placeholder_flow_alone(
    tmp_path: Path, cycle: tuple[SynthResult, Diagnostics]
) -> None:
    """CloudFormation's update handler sends the placeholder content again with
    any change to a deferred flow: its properties must not vary with the release;
    the release tags and the description come through the second step."""
    release = {"name": "release-2026.12.10", "git_sha": "fedcba98" * 5}
    release["time"] = "2026-12-10T09:00:00Z"
    root = write_project(tmp_path, CYCLE, release=release, connectc_yaml=YAML)
    later, _ = synthesise(root, "test")
    first_data = load(cycle[0], f"{PREFIX}-test-flows")
    later_data = load(later, f"{PREFIX}-test-flows")
    _, first = flow_resource(first_data, "Menu")
    _, second = flow_resource(later_data, "Menu")
    assert "placeholder" in first["Properties"]["Content"]
    assert first == second
    assert "Tags" not in first["Properties"]
    assert "Description" not in first["Properties"]

    def calls(data: dict[str, Any], kind: str) -> list[str]:
        return [
            json.dumps(r["Properties"]["Update"])
            for r in data["Resources"].values()
            if r["Type"] == f"Custom::ConnectFlow{kind}"
        ]

    for data, values in ((first_data, RELEASE), (later_data, release)):
        [tags] = calls(data, "Tags")
        assert "TagResource" in tags and values["git_sha"] in tags
        assert values["name"] in tags and "support" in tags
        [metadata] = calls(data, "Metadata")
        assert "UpdateContactFlowMetadata" in metadata and "Description" in metadata
    # Flows off the cycle keep tags and description on the resource.
    _, billing = flow_resource(later_data, "Billing")
    assert {"Key": "connectc:git-sha", "Value": release["git_sha"]} in billing[
        "Properties"
    ]["Tags"]


def test_cycle_across_stacks_is_completed_in_the_last_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from connectc.cdk import plan as plan_module

    monkeypatch.setattr(plan_module, "MAX_STACK_OUTPUTS", 3)
    root = write_project(tmp_path, CYCLE)
    result, diagnostics = synthesise(root, "test")
    assert sorted(d.code for d in diagnostics) == ["CC7001", "CC7018"]
    first = load(result, f"{PREFIX}-test-flows")
    last = load(result, f"{PREFIX}-test-flows-2")
    assert content_updates(first) == {}
    [update] = content_updates(last).values()
    assert "Fn::ImportValue" in json.dumps(update["Properties"]["Create"])
