"""Settings and policy documents of the deploy-access stack, without the CDK.

```yaml
deploy_access:
  github_repository: example-org/example-contact-center   # required
  oidc_provider_arn: arn:aws:iam::…:oidc-provider/token.actions.githubusercontent.com
  cdk_qualifier: hnb659fds        # the bootstrap qualifier (default)
  record_retention_days: 400      # at least 400
  protected_environments: [prod]  # get the explicit deny of flow edits
```

Reports CC7017 on a missing or malformed setting. The guard document is the
explicit Deny used both as a managed policy and as the emitted SCP.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from connectc.cdk.manifest import Manifest
from connectc.cdk.plan import provider_pattern, stack_prefix
from connectc.diagnostics import Diagnostics, file_span

GITHUB_ISSUER = "token.actions.githubusercontent.com"
STS_AUDIENCE = "sts.amazonaws.com"
DEFAULT_QUALIFIER = "hnb659fds"
MIN_RETENTION_DAYS = 400
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_QUALIFIER = re.compile(r"^[A-Za-z0-9_-]{1,10}$")
_KEYS = {
    "github_repository",
    "oidc_provider_arn",
    "cdk_qualifier",
    "record_retention_days",
    "protected_environments",
}
# Flow edits denied in protected environments to everyone but the deploy
# path. DeleteContactFlow* also covers modules and flow versions.
GUARDED_ACTIONS = (
    "connect:UpdateContactFlowContent",
    "connect:UpdateContactFlowMetadata",
    "connect:UpdateContactFlowName",
    "connect:UpdateContactFlowModuleContent",
    "connect:UpdateContactFlowModuleMetadata",
    "connect:DeleteContactFlow*",
)
# Stack operations that would make CloudFormation, with the execution role
# already associated with a stack, change the flows on someone's behalf.
STACK_ACTIONS = (
    "cloudformation:CancelUpdateStack",
    "cloudformation:ContinueUpdateRollback",
    "cloudformation:CreateChangeSet",
    "cloudformation:CreateStack",
    "cloudformation:DeleteStack",
    "cloudformation:ExecuteChangeSet",
    "cloudformation:RollbackStack",
    "cloudformation:UpdateStack",
)
# What would let someone else run code as the provider of cycles (exempt from
# the flow-edit deny): create or change its role or function, or invoke it.
PROVIDER_ACTIONS = (
    "iam:AttachRolePolicy",
    "iam:CreateRole",
    "iam:PassRole",
    "iam:PutRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "lambda:CreateFunction",
    "lambda:InvokeFunction",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
)


@dataclass(frozen=True)
class AccessSettings:
    """Who may deploy: the GitHub repository and how the account trusts it."""

    github_repository: str
    oidc_provider_arn: str | None = None
    cdk_qualifier: str = DEFAULT_QUALIFIER
    record_retention_days: int = MIN_RETENTION_DAYS
    protected_environments: tuple[str, ...] = ("prod",)

    def subject(self, env: str) -> str:
        """The only OIDC subject trusted: the repository's GitHub environment."""
        return f"repo:{self.github_repository}:environment:{env}"


def read_access_settings(
    root: Path, diagnostics: Diagnostics, overrides: dict[str, Any] | None = None
) -> AccessSettings | None:
    """`deploy_access` from connectc.yaml, with `overrides` (CDK context) on top."""
    path = root / "connectc.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    section = data.get("deploy_access") if isinstance(data, dict) else None
    values = dict(section) if isinstance(section, dict) else {}
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _settings(values, diagnostics, path)


def read_qualifier(root: Path) -> str | None:
    """`deploy_access.cdk_qualifier` when set and well formed, without checking
    the rest of the section (the release stacks deploy with it)."""
    try:
        data = yaml.safe_load((root / "connectc.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    section = data.get("deploy_access") if isinstance(data, dict) else None
    value = section.get("cdk_qualifier") if isinstance(section, dict) else None
    return value if isinstance(value, str) and _QUALIFIER.match(value) else None


def _settings(
    values: dict[str, Any], diagnostics: Diagnostics, path: Path
) -> AccessSettings | None:
    span = file_span(path)
    problems = [f'unknown key "{k}"' for k in sorted(set(values) - _KEYS, key=str)]
    repository = values.get("github_repository")
    if not isinstance(repository, str) or not _REPOSITORY.match(repository):
        problems.append('"github_repository" must be "<org>/<repo>"')
    provider = values.get("oidc_provider_arn")
    if provider is not None and not _is_provider_arn(provider):
        problems.append('"oidc_provider_arn" must be an IAM OIDC provider ARN')
    qualifier = values.get("cdk_qualifier", DEFAULT_QUALIFIER)
    if not isinstance(qualifier, str) or not _QUALIFIER.match(qualifier):
        problems.append('"cdk_qualifier" must be a bootstrap qualifier')
    days = values.get("record_retention_days", MIN_RETENTION_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < MIN_RETENTION_DAYS:
        problems.append(f'"record_retention_days" must be {MIN_RETENTION_DAYS} or more')
    protected = values.get("protected_environments", ["prod"])
    if not isinstance(protected, list) or not all(
        isinstance(e, str) for e in protected
    ):
        problems.append('"protected_environments" must be a list of environments')
    for problem in problems:
        diagnostics.report("CC7017", span, problem)
    if problems or not isinstance(repository, str):
        return None
    return AccessSettings(repository, provider, qualifier, days, tuple(protected))


def _is_provider_arn(value: object) -> bool:
    pattern = (
        rf"^arn:aws[a-z-]*:iam::\d{{12}}:oidc-provider/{re.escape(GITHUB_ISSUER)}$"
    )
    return isinstance(value, str) and re.match(pattern, value) is not None


def role_name(manifest: Manifest) -> str:
    """The deploy role's name: fixed, so the guard and the SCP can name it."""
    return _iam_name(f"connectc-{manifest.project}-{manifest.environment}-deploy")


def role_arn(manifest: Manifest) -> str:
    return f"arn:aws:iam::{manifest.account}:role/{role_name(manifest)}"


def execution_role_arn(manifest: Manifest, qualifier: str) -> str:
    """The CDK bootstrap role CloudFormation deploys with (it calls Connect)."""
    return bootstrap_role_arn(manifest, qualifier, "cfn-exec-role")


def bootstrap_role_arn(manifest: Manifest, qualifier: str, kind: str) -> str:
    """A role of `cdk bootstrap`: `deploy-role`, `cfn-exec-role`, ..."""
    suffix = f"{manifest.account}-{manifest.region}"
    return f"arn:aws:iam::{manifest.account}:role/cdk-{qualifier}-{kind}-{suffix}"


def guard_document(manifest: Manifest, qualifier: str) -> dict[str, Any]:
    """Deny flow edits, and every way around the pipeline, to all but it.

    Flow edits are left to the GitHub deploy role, the bootstrap execution
    role CloudFormation deploys with, and the provider role that sets the
    content of cycles (docs/deploy.md). Only the GitHub deploy role may assume
    the bootstrap deploy and publishing roles; only it and the bootstrap
    deploy role may pass the execution role or change the release stacks
    (CloudFormation reuses the role a stack was deployed with); only the
    execution role may make or run the provider. Valid both as an IAM policy
    and as an organisations SCP.
    """
    github = role_arn(manifest)
    cdk_deploy = bootstrap_role_arn(manifest, qualifier, "deploy-role")
    execution = execution_role_arn(manifest, qualifier)
    role, function = _provider_arns(manifest)
    statements = [
        _deny(
            "DenyFlowEditsOutsideTheDeployPipeline",
            GUARDED_ACTIONS,
            _flow_arns(manifest),
            [github, execution, role],
        ),
        _deny(
            "DenyCdkDeployRolesOutsideThePipeline",
            ["sts:AssumeRole"],
            [
                _bootstrap_pattern(manifest, qualifier, "deploy-role"),
                _bootstrap_pattern(manifest, qualifier, "file-publishing-role"),
            ],
            [github],
        ),
        _deny(
            "DenyPassingTheExecutionRoleOutsideThePipeline",
            ["iam:PassRole"],
            [_bootstrap_pattern(manifest, qualifier, "cfn-exec-role")],
            [github, cdk_deploy],
        ),
        _deny(
            "DenyReleaseStackChangesOutsideThePipeline",
            STACK_ACTIONS,
            _release_stack_arns(manifest),
            [github, cdk_deploy],
        ),
        _deny(
            "DenyTheCycleProviderOutsideThePipeline",
            PROVIDER_ACTIONS,
            [role, function],
            [execution],
        ),
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def _deny(
    sid: str, actions: Sequence[str], resources: list[str], exempt: list[str]
) -> dict[str, Any]:
    return {
        "Sid": sid,
        "Effect": "Deny",
        "Action": list(actions),
        "Resource": resources,
        "Condition": {"ArnNotLike": {"aws:PrincipalArn": exempt}},
    }


def _flow_arns(manifest: Manifest) -> list[str]:
    instance = manifest.instance_arn
    return [instance, f"{instance}/contact-flow/*", f"{instance}/flow-module/*"]


def _bootstrap_pattern(manifest: Manifest, qualifier: str, kind: str) -> str:
    return f"arn:aws:iam::{manifest.account}:role/cdk-{qualifier}-{kind}-*"


def _provider_arns(manifest: Manifest) -> tuple[str, str]:
    name = provider_pattern(stack_prefix(manifest))
    account, region = manifest.account, manifest.region
    role = f"arn:aws:iam::{account}:role/{name}"
    return role, f"arn:aws:lambda:{region}:{account}:function:{name}"


def _release_stack_arns(manifest: Manifest) -> list[str]:
    """The integrations, in_place and versioned stacks; not `<prefix>-access`,
    which admins deploy with their own credentials."""
    prefix = stack_prefix(manifest)
    base = f"arn:aws:cloudformation:{manifest.region}:{manifest.account}:stack"
    label = "????????-???????"  # <YYYYMMDD>-<shortSHA>
    names = [f"{prefix}-integrations", f"{prefix}-flows*", f"{prefix}-{label}*"]
    return [f"{base}/{name}/*" for name in names]


def _iam_name(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9+=,.@_-]+", "-", text)
    return name[:64]
