"""The deploy-access stack: what an account admin deploys once per environment.

GitHub OIDC trust (a new provider or an existing one), one deploy role trusted
only for `repo:<org>/<repo>:environment:<env>` with the audience checked,
least-privilege policies scoped to the instance and its Lambda and Lex aliases,
the policy for CloudFormation to deploy with, the release-records bucket and,
for protected environments, the explicit Deny of flow edits (docs/access.md).
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from constructs import Construct

from connectc.cdk.access_settings import (
    GITHUB_ISSUER,
    STS_AUDIENCE,
    AccessSettings,
    guard_document,
    role_name,
)
from connectc.cdk.links import find_link_cycles
from connectc.cdk.manifest import Manifest
from connectc.cdk.plan import provider_pattern, stack_prefix

FLOW_ACTIONS = [
    "connect:CreateContactFlow",
    "connect:CreateContactFlowModule",
    "connect:DeleteContactFlow",
    "connect:DeleteContactFlowModule",
    "connect:DescribeContactFlow",
    "connect:DescribeContactFlowModule",
    "connect:ListContactFlowModules",
    "connect:ListContactFlows",
    "connect:ListTagsForResource",
    "connect:TagResource",
    "connect:UntagResource",
    "connect:UpdateContactFlowContent",
    "connect:UpdateContactFlowMetadata",
    "connect:UpdateContactFlowModuleContent",
    "connect:UpdateContactFlowModuleMetadata",
    "connect:UpdateContactFlowName",
]
INTEGRATION_ACTIONS = [
    "connect:AssociateBot",
    "connect:AssociateLambdaFunction",
    "connect:CreateIntegrationAssociation",
    "connect:DeleteIntegrationAssociation",
    "connect:DescribeInstance",
    "connect:DisassociateBot",
    "connect:DisassociateLambdaFunction",
    "connect:ListBots",
    "connect:ListIntegrationAssociations",
    "connect:ListLambdaFunctions",
    "connect:ListTagsForResource",
    "connect:TagResource",
    "connect:UntagResource",
]
ENTRY_POINT_ACTIONS = [
    "connect:AssociatePhoneNumberContactFlow",
    "connect:DescribePhoneNumber",
    "connect:DisassociatePhoneNumberContactFlow",
    "connect:ListFlowAssociations",
]
LAMBDA_ACTIONS = ["lambda:AddPermission", "lambda:GetPolicy", "lambda:RemovePermission"]
# Connect adds a statement to the bot alias's resource policy on AssociateBot.
LEX_ACTIONS = [
    "lex:CreateResourcePolicy",
    "lex:CreateResourcePolicyStatement",
    "lex:DeleteResourcePolicy",
    "lex:DeleteResourcePolicyStatement",
    "lex:DescribeBotAlias",
    "lex:DescribeResourcePolicy",
    "lex:GetBot",
    "lex:UpdateResourcePolicy",
]
# The IntegrationAssociation handler creates Connect's service-linked role on
# the instance's first association and edits its policy for each integration.
CONNECT_SERVICE = "connect.amazonaws.com"
LAMBDA_SERVICE = "lambda.amazonaws.com"
SERVICE_ROLE_ACTIONS = [
    "iam:AttachRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:GetRolePolicy",
    "iam:PutRolePolicy",
]
# What CloudFormation's handlers of AWS::IAM::Role, AWS::IAM::Policy and
# AWS::Lambda::Function call on the provider of cycles (it has no VPC, file
# system, layers or customer managed key, so those services are left out).
PROVIDER_ROLE_ACTIONS = [
    "iam:AttachRolePolicy",
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:GetRole",
    "iam:GetRolePolicy",
    "iam:ListAttachedRolePolicies",
    "iam:ListRolePolicies",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
]
PROVIDER_FUNCTION_ACTIONS = [
    "lambda:CreateFunction",
    "lambda:DeleteFunction",
    "lambda:DeleteFunctionCodeSigningConfig",
    "lambda:DeleteFunctionConcurrency",
    "lambda:GetFunction",
    "lambda:GetFunctionCodeSigningConfig",
    "lambda:GetFunctionRecursionConfig",
    "lambda:GetFunctionScalingConfig",
    "lambda:GetRuntimeManagementConfig",
    "lambda:InvokeFunction",
    "lambda:PublishVersion",
    "lambda:PutFunctionCodeSigningConfig",
    "lambda:PutFunctionConcurrency",
    "lambda:PutFunctionRecursionConfig",
    "lambda:PutFunctionScalingConfig",
    "lambda:PutRuntimeManagementConfig",
    "lambda:TagResource",
    "lambda:UntagResource",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
]
STACK_READ_ACTIONS = [
    "cloudformation:DescribeStackEvents",
    "cloudformation:DescribeStacks",
    "cloudformation:GetTemplate",
    "cloudformation:ListStackResources",
]


class DeployAccessStack(cdk.Stack):
    """Deploy access for one environment of a project, in that environment's account."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: AccessSettings,
        manifest: Manifest,
        **kwargs: object,
    ) -> None:
        env = cdk.Environment(account=manifest.account, region=manifest.region)
        # Deployed by an admin with their own credentials, not through the
        # bootstrap roles: the execution role may not create IAM roles, the
        # OIDC provider or buckets, and the policy it is bootstrapped with is
        # an output of this stack.
        kwargs.setdefault(
            "synthesizer",
            cdk.CliCredentialsStackSynthesizer(qualifier=settings.cdk_qualifier),
        )
        super().__init__(scope, construct_id, env=env, **kwargs)  # type: ignore[arg-type]
        # Grant log delivery through a bucket policy, not the legacy ACL.
        self.node.set_context("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", True)
        self.settings, self.manifest = settings, manifest
        self.protected = manifest.environment in settings.protected_environments
        self.provider_arn = self._provider()
        self.records = self._records_bucket()
        self.statements = self._statements()
        self.role = self._role()
        self.execution_policy = self._execution_policy()
        self.guard = self._guard() if self.protected else None
        self._outputs()
        self._acknowledge_wildcards()

    # --- trust ---------------------------------------------------------------

    def _provider(self) -> str:
        if self.settings.oidc_provider_arn:
            return self.settings.oidc_provider_arn
        provider = iam.CfnOIDCProvider(
            self,
            "GitHubOidcProvider",
            url=f"https://{GITHUB_ISSUER}",
            client_id_list=[STS_AUDIENCE],
        )
        # One provider per account: keep it when the stack goes, other
        # environments of the same account may trust it.
        provider.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
        return provider.attr_arn

    def _role(self) -> iam.Role:
        env = self.manifest.environment
        # StringEquals on both claims: the audience, and the exact subject of
        # the repository's GitHub environment (no ref:* or wildcard subject).
        principal = iam.WebIdentityPrincipal(
            self.provider_arn,
            conditions={
                "StringEquals": {
                    f"{GITHUB_ISSUER}:aud": STS_AUDIENCE,
                    f"{GITHUB_ISSUER}:sub": self.settings.subject(env),
                }
            },
        )
        role = iam.Role(
            self,
            "DeployRole",
            role_name=role_name(self.manifest),
            assumed_by=principal,
            description=f"connectc deploys of {self.manifest.project} to {env} "
            "from GitHub Actions",
            max_session_duration=cdk.Duration.hours(1),
        )
        policy = iam.Policy(self, "DeployPolicy", statements=self.statements["role"])
        policy.attach_to_role(role)
        return role

    # --- permissions ---------------------------------------------------------

    def _statements(self) -> dict[str, list[iam.PolicyStatement]]:
        connect = self._connect_statements()
        # Rollout moves entry points itself; CloudFormation never does.
        phones = _allow("EntryPoints", ENTRY_POINT_ACTIONS, self.phone_resources())
        role = [*connect, phones, *self._pipeline_statements()]
        execution = [*connect, *self._service_role_statements()]
        execution.append(self._bootstrap_version("ssm:GetParameters"))
        if find_link_cycles(self.manifest):
            execution += self._provider_statements()
        return {"role": role, "execution": execution}

    def _service_role_statements(self) -> list[iam.PolicyStatement]:
        """Connect's service-linked role, which integration associations edit."""
        role = self.service_role_resource()
        create = iam.PolicyStatement(
            sid="CreateConnectServiceRole",
            actions=["iam:CreateServiceLinkedRole"],
            resources=[role],
            conditions={"StringEquals": {"iam:AWSServiceName": CONNECT_SERVICE}},
        )
        return [create, _allow("ConnectServiceRole", SERVICE_ROLE_ACTIONS, [role])]

    def _bootstrap_version(self, action: str) -> iam.PolicyStatement:
        # The flow stacks' BootstrapVersion parameter is an SSM parameter type,
        # resolved with the caller's rights: CloudFormation's for the
        # execution role (ssm:GetParameters), the CDK CLI's for the deploy role.
        account, region = self.manifest.account, self.manifest.region
        parameter = f"parameter/cdk-bootstrap/{self.settings.cdk_qualifier}/version"
        arn = f"arn:aws:ssm:{region}:{account}:{parameter}"
        return _allow("ReadBootstrapVersion", [action], [arn])

    def _provider_statements(self) -> list[iam.PolicyStatement]:
        """What CloudFormation needs for the second step of cycles of links.

        The CDK's AwsCustomResource brings a Lambda function and its role (named
        by `plan.provider_name`), with code from the bootstrap assets bucket.
        """
        account, region = self.manifest.account, self.manifest.region
        role, function = self.provider_resources()
        qualifier = self.settings.cdk_qualifier
        pass_role = iam.PolicyStatement(
            sid="CustomResourcePassRole",
            actions=["iam:PassRole"],
            resources=[role],
            conditions={"StringEquals": {"iam:PassedToService": LAMBDA_SERVICE}},
        )
        return [
            _allow("CustomResourceRoles", PROVIDER_ROLE_ACTIONS, [role]),
            pass_role,
            _allow("CustomResourceFunction", PROVIDER_FUNCTION_ACTIONS, [function]),
            _allow(
                "CustomResourceCode",
                ["s3:GetObject", "s3:GetObjectVersion"],
                [f"arn:aws:s3:::cdk-{qualifier}-assets-{account}-{region}/*"],
            ),
        ]

    def _connect_statements(self) -> list[iam.PolicyStatement]:
        instance = self.manifest.instance_arn
        statements = [
            _allow("ConnectFlows", FLOW_ACTIONS, self.flow_resources()),
            _allow(
                "ConnectIntegrations",
                INTEGRATION_ACTIONS,
                [instance, f"{instance}/integration-association/*"],
            ),
        ]
        functions = self.function_resources()
        if functions:
            statements.append(_allow("LambdaPermissions", LAMBDA_ACTIONS, functions))
        if self.manifest.lex_bots:
            statements.append(_allow("LexBots", LEX_ACTIONS, self.manifest.lex_bots))
        return statements

    def _pipeline_statements(self) -> list[iam.PolicyStatement]:
        account, region = self.manifest.account, self.manifest.region
        qualifier = self.settings.cdk_qualifier
        return [
            _allow("ReadStacks", STACK_READ_ACTIONS, self.stack_resources()),
            _allow(
                "AssumeCdkBootstrapRoles",
                ["sts:AssumeRole"],
                [f"arn:aws:iam::{account}:role/cdk-{qualifier}-*-{account}-{region}"],
            ),
            self._bootstrap_version("ssm:GetParameter"),
            _allow(
                "WriteReleaseRecords",
                ["s3:GetObject", "s3:PutObject"],
                [self.records.arn_for_objects("releases/*")],
            ),
            _allow("ListReleaseRecords", ["s3:ListBucket"], [self.records.bucket_arn]),
        ]

    def _execution_policy(self) -> iam.ManagedPolicy:
        # Passed to `cdk bootstrap --cloudformation-execution-policies` so that
        # CloudFormation deploys flows with these rights instead of admin.
        return iam.ManagedPolicy(
            self,
            "CloudFormationExecutionPolicy",
            description="What CloudFormation needs to deploy connectc flows",
            statements=self.statements["execution"],
        )

    def _guard(self) -> iam.ManagedPolicy:
        # IAM cannot deny other principals from here; this managed policy is
        # attached to people's roles and permission sets, and the same
        # document is emitted as an SCP for organisation-wide enforcement.
        document = guard_document(self.manifest, self.settings.cdk_qualifier)
        return iam.ManagedPolicy(
            self,
            "FlowEditGuard",
            description="Deny flow edits outside the connectc deploy pipeline",
            document=iam.PolicyDocument.from_json(document),
        )

    # --- release records -----------------------------------------------------

    def _records_bucket(self) -> s3.Bucket:
        days = self.settings.record_retention_days
        logs = s3.Bucket(
            self,
            "AccessLogs",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
            lifecycle_rules=[s3.LifecycleRule(expiration=cdk.Duration.days(days))],
        )
        cdk.Validations.of(logs).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions-S1",
                reason="This bucket receives the release bucket's access logs; "
                "logging it into itself would loop.",
            )
        )
        # Object Lock keeps each record for the retention period even against
        # deletes by the writers: the operating spec keeps releases a year+.
        return s3.Bucket(
            self,
            "ReleaseRecords",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            object_lock_enabled=True,
            object_lock_default_retention=s3.ObjectLockRetention.governance(
                cdk.Duration.days(days)
            ),
            server_access_logs_bucket=logs,
            server_access_logs_prefix="release-records/",
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

    # --- resources the policies name ---------------------------------------

    def flow_resources(self) -> list[str]:
        instance = self.manifest.instance_arn
        return [instance, f"{instance}/contact-flow/*", f"{instance}/flow-module/*"]

    def phone_resources(self) -> list[str]:
        """The instance, its flows and the account's numbers: the resources of
        AssociatePhoneNumberContactFlow are both the number and the flow."""
        account, region = self.manifest.account, self.manifest.region
        phones = f"arn:aws:connect:{region}:{account}:phone-number/*"
        instance = self.manifest.instance_arn
        return [instance, f"{instance}/contact-flow/*", phones]

    def service_role_resource(self) -> str:
        path = f"aws-service-role/{CONNECT_SERVICE}/AWSServiceRoleForAmazonConnect*"
        return f"arn:aws:iam::{self.manifest.account}:role/{path}"

    def provider_resources(self) -> tuple[str, str]:
        """The role and function patterns of the provider of cycles."""
        account, region = self.manifest.account, self.manifest.region
        name = provider_pattern(stack_prefix(self.manifest))
        role = f"arn:aws:iam::{account}:role/{name}"
        return role, f"arn:aws:lambda:{region}:{account}:function:{name}"

    def function_resources(self) -> list[str]:
        """Each alias ARN the flows call, and its function (AddPermission on it)."""
        arns = set(self.manifest.lambdas)
        arns |= {arn.rsplit(":", 1)[0] for arn in self.manifest.lambdas}
        return sorted(arns)

    def stack_resources(self) -> list[str]:
        account, region = self.manifest.account, self.manifest.region
        prefix = stack_prefix(self.manifest)
        return [f"arn:aws:cloudformation:{region}:{account}:stack/{prefix}-*/*"]

    def _outputs(self) -> None:
        execution = self.execution_policy.managed_policy_arn
        values = {
            "DeployRoleArn": self.role.role_arn,
            "ReleaseRecordsBucket": self.records.bucket_name,
            "CloudFormationExecutionPolicyArn": execution,
            "OidcProviderArn": self.provider_arn,
        }
        if self.guard is not None:
            values["FlowEditGuardPolicyArn"] = self.guard.managed_policy_arn
        for key, value in values.items():
            cdk.CfnOutput(self, key, value=value).override_logical_id(key)

    def _acknowledge_wildcards(self) -> None:
        """Justify each wildcard resource cdk-nag (AwsSolutions-IAM5) flags."""
        instance = self.manifest.instance_arn
        reasons = {
            f"{instance}/contact-flow/*": "flow IDs are assigned by Connect at "
            "create time; the wildcard stays inside the one instance",
            f"{instance}/flow-module/*": "module IDs are assigned by Connect; "
            "the wildcard stays inside the one instance",
            f"{instance}/integration-association/*": "association IDs are "
            "assigned by Connect; the wildcard stays inside the one instance",
            self.phone_resources()[2]: "rollout switches the account's claimed "
            "numbers; phone numbers have no instance in their ARN",
            self.service_role_resource(): "Connect's service-linked role, whose "
            "name Connect suffixes per instance; creation is limited to the "
            "Connect service by condition",
            self.stack_resources()[0]: "release stacks are named per release; "
            "the wildcard is limited to this project and environment",
        }
        account, region = self.manifest.account, self.manifest.region
        qualifier = self.settings.cdk_qualifier
        bootstrap = f"arn:aws:iam::{account}:role/cdk-{qualifier}-*-{account}-{region}"
        reasons[bootstrap] = "the CDK bootstrap roles (deploy, publishing, lookup) "
        reasons[bootstrap] += "of this account and region only"
        role, function = self.provider_resources()
        named = "named for this project's stacks, which CloudFormation creates "
        named += "for the second step of cycles of links"
        reasons[role] = f"the provider roles {named}"
        reasons[function] = f"the provider functions {named}"
        assets = f"arn:aws:s3:::cdk-{qualifier}-assets-{account}-{region}/*"
        reasons[assets] = "the CDK bootstrap assets bucket, read-only"
        acknowledgments = [
            cdk.Acknowledgment(id=f"AwsSolutions-IAM5[Resource::{r}]", reason=why)
            for r, why in reasons.items()
        ]
        bucket = self.get_logical_id(self.records.node.default_child)  # type: ignore[arg-type]
        objects = f"Resource::<{bucket}.Arn>/releases/*"
        acknowledgments.append(
            cdk.Acknowledgment(
                id=f"AwsSolutions-IAM5[{objects}]",
                reason="release records are objects under releases/ of one bucket",
            )
        )
        cdk.Validations.of(self).acknowledge(*acknowledgments)


def _allow(sid: str, actions: list[str], resources: list[str]) -> iam.PolicyStatement:
    return iam.PolicyStatement(sid=sid, actions=actions, resources=resources)
