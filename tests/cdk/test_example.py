"""The repository's example contact center: built, then synthesised for TEST and
PROD, must come out clean (cfn-lint, cdk-nag) with one permission and one
association per Lambda alias, and deployable with the execution policy."""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aws_cdk")

from cfnlint.data import AdditionalSpecs  # noqa: E402
from cfnlint.helpers import load_resource  # noqa: E402
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER  # noqa: E402

from connectc.build import build_project  # noqa: E402
from connectc.cdk import synth  # noqa: E402
from connectc.cdk.access_settings import (  # noqa: E402
    DEFAULT_QUALIFIER,
    read_access_settings,
)
from connectc.cdk.synthesis import SynthResult  # noqa: E402
from connectc.diagnostics import Diagnostics, Severity  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example in a git repository, so PROD builds get a SHA."""
    root = tmp_path_factory.mktemp("example")
    for name in ("connectc.yaml", "specs", "env", "cdk/cdk.json"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
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


Synthesised = dict[str, tuple[SynthResult, Diagnostics]]


@pytest.fixture(scope="module")
def synthesised(example: Path) -> Synthesised:
    """TEST and PROD of the example, each built and synthesised once."""
    results = {}
    for env in ("test", "prod"):
        compilation = build_project(example / "specs", env)
        assert compilation.ok, [d.message for d in compilation.diagnostics]
        diagnostics = Diagnostics()
        result = synth(example, env, example / "cdk.out" / env, diagnostics)
        assert result is not None, [d.message for d in diagnostics]
        results[env] = (result, diagnostics)
    return results


@pytest.mark.parametrize("env", ["test", "prod"])
def test_example_synthesises_clean(
    example: Path, synthesised: Synthesised, env: str
) -> None:
    result, diagnostics = synthesised[env]
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


@pytest.mark.parametrize("env", ["test", "prod"])
def test_example_access_stack_synthesises_clean(
    synthesised: Synthesised, env: str
) -> None:
    """The example has a deploy_access section, so synth builds and checks the
    access stack (cfn-lint and cdk-nag, as for every stack) and, for PROD, the
    SCP."""
    result, diagnostics = synthesised[env]
    access = result.templates[f"{result.plan.stack_prefix}-access"]
    findings = [d for d in diagnostics if d.code in ("CC7010", "CC7011", "CC7012")]
    assert findings == []
    assert "AWS::IAM::OIDCProvider" in access.read_text("utf-8")
    assert (result.scp is not None) == (env == "prod")


def test_example_access_settings_read_for_the_cdk_app() -> None:
    """`cdk deploy … -c access=true` (docs/access.md) reads these settings."""
    diagnostics = Diagnostics()
    settings = read_access_settings(REPO, diagnostics)
    assert [d.code for d in diagnostics] == [] and settings is not None
    assert "CC7017" not in [d.code for d in diagnostics]
    assert settings.cdk_qualifier != DEFAULT_QUALIFIER  # one of connectc's own


# --- the execution policy covers what CloudFormation's handlers call --------

IAM_REFERENCE = load_resource(AdditionalSpecs, "Policies.json")
# The services the IntegrationAssociation handler calls for our two types.
INTEGRATION_SERVICES = {
    "LAMBDA_FUNCTION": {"connect", "iam", "lambda"},
    "LEX_BOT": {"connect", "iam", "lex"},
}


def handler_permissions(
    region: str, resource_type: str, properties: dict[str, Any]
) -> set[str]:
    """What CloudFormation's handlers call for a resource type, as cfn-lint ships
    them from the registry schemas, less what cannot concern our resources."""
    if resource_type.startswith("Custom::"):
        # CloudFormation invokes the provider function with the stack's role.
        return {"lambda:InvokeFunction"}
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(region, resource_type)
    handlers = schema.schema["handlers"]
    # Stack operations run create, read, update and delete; list serves Cloud
    # Control and the IaC generator only.
    wanted = ("create", "read", "update", "delete")
    actions = {a for op in wanted for a in handlers.get(op, {}).get("permissions", [])}
    return {a for a in actions if _relevant(resource_type, properties, a)}


def _relevant(resource_type: str, properties: dict[str, Any], action: str) -> bool:
    service, name = action.lower().split(":")
    known = {k.lower(): v for k, v in IAM_REFERENCE[service]["Actions"].items()}
    if name not in known:
        return False  # not in the IAM reference: no policy can name it yet
    if resource_type == "AWS::Connect::IntegrationAssociation":
        # The handler serves every integration type (Wisdom, Cases, Pinpoint,
        # SES, Voice ID, ...); ours are LAMBDA_FUNCTION and LEX_BOT only.
        return service in INTEGRATION_SERVICES[properties["IntegrationType"]]
    if resource_type == "AWS::Lambda::Function":
        # The provider has no VPC, file system or customer managed key, and
        # uses no layers, code signing config or capacity provider.
        if service != "lambda":
            return service in ("iam", "s3")
        return "function" in known[name].get("Resources", [])
    if resource_type == "AWS::IAM::Policy":
        return "user" not in name and "group" not in name  # on roles only
    return True


def targets(
    resource: dict[str, Any], logical_id: str, names: dict[str, str], account: str
) -> dict[str, list[str]]:
    """Per service, the ARNs a resource's handler acts on (one must be allowed)."""
    resource_type, properties = resource["Type"], resource.get("Properties", {})
    instance = properties.get("InstanceArn") or properties.get("InstanceId", "")
    some_id = "0e9c4d7a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
    if resource_type == "AWS::Connect::ContactFlow":
        return {"connect": [f"{instance}/contact-flow/{some_id}"]}
    if resource_type == "AWS::Connect::ContactFlowModule":
        return {"connect": [f"{instance}/flow-module/{some_id}"]}
    if resource_type == "AWS::Connect::IntegrationAssociation":
        service_role = "role/aws-service-role/connect.amazonaws.com/"
        service_role += "AWSServiceRoleForAmazonConnect_X1Y2Z3"
        service = "lex" if properties["IntegrationType"] == "LEX_BOT" else "lambda"
        return {
            "connect": [instance, f"{instance}/integration-association/{some_id}"],
            service: [properties["IntegrationArn"]],
            "iam": [f"arn:aws:iam::{account}:{service_role}"],
        }
    if resource_type == "AWS::Lambda::Permission":
        return {"lambda": [properties["FunctionName"]]}
    if resource_type == "AWS::IAM::Role":
        return {"iam": [names[logical_id]]}
    if resource_type == "AWS::IAM::Policy":
        return {"iam": [names[r["Ref"]] for r in properties["Roles"]]}
    if resource_type == "AWS::Lambda::Function":
        code = properties["Code"]
        return {
            "lambda": [names[logical_id]],
            "iam": [names[properties["Role"]["Fn::GetAtt"][0]]],
            "s3": [f"arn:aws:s3:::{code['S3Bucket']}/{code['S3Key']}"],
        }
    if resource_type.startswith("Custom::"):
        return {"lambda": [names[properties["ServiceToken"]["Fn::GetAtt"][0]]]}
    raise AssertionError(f"no targets known for {resource_type}")


def physical_names(
    template: dict[str, Any], account: str, region: str
) -> dict[str, str]:
    """ARN by logical id of the roles and functions a stack names."""
    names = {}
    for logical_id, resource in template["Resources"].items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            name = properties["RoleName"]
            names[logical_id] = f"arn:aws:iam::{account}:role/{name}"
        elif resource["Type"] == "AWS::Lambda::Function":
            name = properties["FunctionName"]
            names[logical_id] = f"arn:aws:lambda:{region}:{account}:function:{name}"
    return names


def allowed(statements: list[dict[str, Any]], action: str, arn: str) -> bool:
    def listed(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else value

    return any(
        statement["Effect"] == "Allow"
        and any(
            fnmatch.fnmatchcase(action.lower(), a.lower())
            for a in listed(statement["Action"])
        )
        and any(fnmatch.fnmatchcase(arn, r) for r in listed(statement["Resource"]))
        for statement in statements
    )


def execution_statements(result: SynthResult) -> list[dict[str, Any]]:
    """The CloudFormation execution policy of the environment's access stack."""
    access = result.templates[f"{result.plan.stack_prefix}-access"]
    resources = json.loads(access.read_text("utf-8"))["Resources"]
    [statements] = [
        r["Properties"]["PolicyDocument"]["Statement"]
        for logical_id, r in resources.items()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
        and logical_id.startswith("CloudFormationExecutionPolicy")
    ]
    return list(statements)


@pytest.mark.parametrize("env", ["test", "prod"])
def test_execution_policy_grants_what_the_handlers_call(
    synthesised: Synthesised, env: str
) -> None:
    """Every permission CloudFormation's handlers need for every resource of the
    example's release stacks (a cycle included) is allowed on that resource."""
    result, _ = synthesised[env]
    manifest = result.plan.manifest
    statements = execution_statements(result)
    missing = []
    types = set()
    for stack, path in result.templates.items():
        if stack.endswith("-access"):
            continue
        template = json.loads(path.read_text("utf-8"))
        names = physical_names(template, manifest.account, manifest.region)
        for logical_id, resource in template["Resources"].items():
            kind, properties = resource["Type"], resource.get("Properties", {})
            types.add(kind)
            arns = targets(resource, logical_id, names, manifest.account)
            wanted = handler_permissions(manifest.region, kind, properties)
            for action in sorted(wanted):
                service = action.split(":")[0].lower()
                if not any(allowed(statements, action, a) for a in arns[service]):
                    missing.append(f"{stack} {logical_id} {action} on {arns[service]}")
        version = template["Parameters"]["BootstrapVersion"]["Default"]
        parameter = f"arn:aws:ssm:{manifest.region}:{manifest.account}:parameter"
        if not allowed(statements, "ssm:GetParameters", parameter + version):
            missing.append(f"{stack} BootstrapVersion ssm:GetParameters")
    assert missing == []
    assert {"Custom::ConnectFlowContent", "AWS::Lambda::Function"} <= types  # cycle
