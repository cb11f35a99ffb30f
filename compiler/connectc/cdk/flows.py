"""CDK constructs for compiled flows: flows, modules, Lambda and Lex integrations.

Input: a checked `DeployPlan`. Output: `CfnContactFlow`/`CfnContactFlowModule`
per flow with links as CloudFormation references, one `CfnPermission` and one
`CfnIntegrationAssociation` per Lambda alias, one association per Lex V2 alias,
and outputs (each flow's ARN and ID, the release name).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_connect as connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import custom_resources as cr
from constructs import Construct

from connectc.cdk.links import split_content
from connectc.cdk.manifest import Link, ManifestError
from connectc.cdk.plan import (
    RELEASE_OUTPUT,
    DeployPlan,
    PlannedFlow,
    output_keys,
    plan_deploy,
    provider_name,
)
from connectc.cdk.release import ReleaseSettings
from connectc.diagnostics import Diagnostics

FlowResource = connect.CfnContactFlow | connect.CfnContactFlowModule

CONNECT_PRINCIPAL = "connect.amazonaws.com"


class ConnectIntegrations(Construct):
    """Let Connect call each Lambda alias and Lex bot alias, once per resource.

    `retain` keeps the permissions and associations when a later release stops
    using them, so flows of older, retained releases still work.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        instance_arn: str,
        account: str,
        lambdas: Iterable[str],
        lex_bots: Iterable[str] = (),
        retain: bool = False,
    ) -> None:
        super().__init__(scope, construct_id)
        self.permissions: dict[str, lambda_.CfnPermission] = {}
        self.associations: dict[str, connect.CfnIntegrationAssociation] = {}
        for arn in sorted(set(lambdas)):
            self._lambda(arn, instance_arn, account)
        for arn in sorted(set(lex_bots)):
            self._association(arn, instance_arn, "LEX_BOT")
        if retain:
            for resource in [*self.permissions.values(), *self.associations.values()]:
                resource.apply_removal_policy(cdk.RemovalPolicy.RETAIN)

    def _lambda(self, arn: str, instance_arn: str, account: str) -> None:
        # SourceArn and SourceAccount keep other instances and accounts from
        # borrowing the permission (confused deputy); see
        # https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html
        self.permissions[arn] = lambda_.CfnPermission(
            self,
            f"{resource_id(arn)}Permission",
            action="lambda:InvokeFunction",
            function_name=arn,
            principal=CONNECT_PRINCIPAL,
            source_arn=instance_arn,
            source_account=account,
        )
        self._association(arn, instance_arn, "LAMBDA_FUNCTION")

    def _association(self, arn: str, instance_arn: str, kind: str) -> None:
        self.associations[arn] = connect.CfnIntegrationAssociation(
            self,
            f"{resource_id(arn)}Association",
            instance_id=instance_arn,
            integration_arn=arn,
            integration_type=kind,
        )


class ConnectFlows(Construct):
    """Create the plan's flows (or `flows`, a part of them) in this scope.

    `imported` maps flow names created elsewhere (an earlier stack) to their
    ARNs, so links into them work; `arns` afterwards maps every flow created
    here to its ARN. With `retain`, flows removed from a later synthesis stay in
    Connect instead of being deleted.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        plan: DeployPlan,
        flows: Sequence[PlannedFlow] | None = None,
        imported: Mapping[str, str] | None = None,
        integrations: ConnectIntegrations | None = None,
        outputs: bool = True,
        retain: bool = False,
    ) -> None:
        super().__init__(scope, construct_id)
        self.plan = plan
        self.resources: dict[str, FlowResource] = {}
        self.arns: dict[str, str] = {}
        # Flows of a cycle still waiting for their real content (their link
        # targets are in a later stack); see `ContentUpdates`.
        self.pending: list[PlannedFlow] = []
        known = dict(imported or {})
        # Across stacks the stack dependency orders everything already; a
        # dependency per resource would only cost time.
        if integrations is not None and not _same_stack(self, integrations):
            integrations = None
        self.resources_planned = list(plan.flows if flows is None else flows)
        for flow in self.resources_planned:
            resource, arn = self._flow(flow, known)
            self.resources[flow.name] = resource
            self.arns[flow.name] = known[flow.name] = arn
            _depend_on_integrations(resource, flow, integrations)
            if retain:
                resource.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
            if outputs:
                self._outputs(flow, arn)
        if outputs:
            release = cdk.CfnOutput(self, RELEASE_OUTPUT, value=plan.release_name)
            release.override_logical_id(RELEASE_OUTPUT)
        deferred = [f for f in self.resources_planned if f.deferred]
        ready = [f for f in deferred if all(k.target in known for k in f.deferred)]
        self.pending = [f for f in deferred if f not in ready]
        if ready:
            ContentUpdates(self, "ContentUpdates", plan=plan, flows=ready, arns=known)

    def _flow(
        self, flow: PlannedFlow, known: Mapping[str, str]
    ) -> tuple[FlowResource, str]:
        manifest = self.plan.manifest
        content = placeholder(flow) if flow.deferred else _content(flow, known)
        description = flow.entry.description or None
        tags: list[cdk.CfnTag] | None = [
            cdk.CfnTag(key=k, value=v) for k, v in sorted(flow.tags.items())
        ]
        if flow.deferred:
            # CloudFormation's update handler sends Content (the placeholder)
            # again with any change of the resource, and the release tags
            # change every release: nothing here may change between releases.
            # ContentUpdates sets the description and tags with the content.
            description, tags = None, None
        if flow.entry.is_module:
            module = connect.CfnContactFlowModule(
                self,
                flow.logical_name,
                content=content,
                instance_arn=manifest.instance_arn,
                name=flow.deployed_name,
                description=description,
                tags=tags,
            )
            return module, module.attr_contact_flow_module_arn
        resource = connect.CfnContactFlow(
            self,
            flow.logical_name,
            content=content,
            instance_arn=manifest.instance_arn,
            name=flow.deployed_name,
            type=flow.entry.type or "CONTACT_FLOW",
            description=description,
            tags=tags,
        )
        return resource, resource.attr_contact_flow_arn

    def _outputs(self, flow: PlannedFlow, arn: str) -> None:
        arn_key, id_key = output_keys(flow.name)
        what = "module" if flow.entry.is_module else "flow"
        # ARNs end in .../contact-flow/<id> or .../flow-module/<id>.
        flow_id = cdk.Fn.select(3, cdk.Fn.split("/", arn))
        for key, value, kind in ((arn_key, arn, "ARN"), (id_key, flow_id, "ID")):
            output = cdk.CfnOutput(
                self, key, value=value, description=f"{kind} of {what} {flow.name}"
            )
            output.override_logical_id(key)


class ContentUpdates(Construct):
    """Second step for flows on a cycle: set their content, description, tags.

    Each such flow was created with placeholder content and nothing else that
    could change; once every flow it links to exists, an `AwsCustomResource`
    calls UpdateContactFlowContent (or the module variant) with the content,
    links resolved, a second calls TagResource with the flow's and the release's
    tags, and a third (for a flow with a description) the metadata update.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        plan: DeployPlan,
        flows: Sequence[PlannedFlow],
        arns: Mapping[str, str],
    ) -> None:
        super().__init__(scope, construct_id)
        instance_id = plan.manifest.instance_arn.rsplit("/", 1)[-1]
        for flow in flows:
            self._update(flow, arns, instance_id)
        _name_provider(cdk.Stack.of(self), plan.stack_prefix)
        _acknowledge_provider(cdk.Stack.of(self))

    def _update(
        self, flow: PlannedFlow, arns: Mapping[str, str], instance_id: str
    ) -> None:
        arn = arns[flow.name]
        physical = f"{flow.deployed_name}-content-{_fingerprint(flow)}"
        content = {"Content": _content(flow, arns)}
        call = _update_call(flow, arn, instance_id, "Content", content, physical)
        self._call(flow.logical_name, "Content", call, arn)
        self._tags(flow, arn)
        if flow.entry.description:
            self._metadata(flow, arn, instance_id)

    def _tags(self, flow: PlannedFlow, arn: str) -> None:
        # TagResource adds and overwrites; a tag dropped from the spec stays
        # (docs/limitations.md).
        call = cr.AwsSdkCall(
            service="Connect",
            action="TagResource",
            parameters={"resourceArn": arn, "tags": dict(sorted(flow.tags.items()))},
            physical_resource_id=cr.PhysicalResourceId.of(f"{flow.deployed_name}-tags"),
        )
        self._call(f"{flow.logical_name}Tags", "Tags", call, arn)

    def _metadata(self, flow: PlannedFlow, arn: str, instance_id: str) -> None:
        physical = f"{flow.deployed_name}-metadata"
        description = {"Description": flow.entry.description}
        call = _update_call(flow, arn, instance_id, "Metadata", description, physical)
        self._call(f"{flow.logical_name}Metadata", "Metadata", call, arn)

    def _call(
        self, construct_id: str, kind: str, call: cr.AwsSdkCall, arn: str
    ) -> None:
        statement = iam.PolicyStatement(
            actions=[f"connect:{call.action}"], resources=[arn]
        )
        cr.AwsCustomResource(
            self,
            construct_id,
            resource_type=f"Custom::ConnectFlow{kind}",
            on_create=call,
            on_update=call,
            policy=cr.AwsCustomResourcePolicy.from_statements([statement]),
            install_latest_aws_sdk=False,
        )


class ConnectRelease(Construct):
    """All of `generated/<env>` in one scope: integrations, flows and outputs.

    For a project's own CDK app with a few dozen flows. Large projects use
    `add_release_stacks`, which spreads the flows over stacks within the
    CloudFormation limits. Versioned releases keep their flows (RETAIN) when a
    later release replaces them. Raises `ManifestError` on an unusable build.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        generated: str | Path,
        release: ReleaseSettings | None = None,
        env: str | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        settings = release or ReleaseSettings()
        diagnostics = Diagnostics()
        plan = plan_deploy(Path(generated), settings, diagnostics, env)
        if plan is None:
            lines = [f"{d.span}: {d.message} [{d.code}]" for d in diagnostics.sorted()]
            raise ManifestError("\n".join(lines) or "unusable build")
        self.plan = plan
        self.integrations = integrations_for(self, "Integrations", plan)
        self.flows = ConnectFlows(
            self,
            "Flows",
            plan=plan,
            integrations=self.integrations,
            retain=settings.versioned,
        )


@dataclass
class ReleaseStacks:
    """The stacks `add_release_stacks` created, in deploy order."""

    integrations: cdk.Stack | None
    flows: list[cdk.Stack]
    constructs: list[ConnectFlows]

    @property
    def all(self) -> list[cdk.Stack]:
        first = [self.integrations] if self.integrations is not None else []
        return [*first, *self.flows]


def add_release_stacks(
    scope: Construct, plan: DeployPlan, qualifier: str | None = None
) -> ReleaseStacks:
    """Add the integrations stack and the plan's flow stacks to an app.

    Versioned releases get stacks of their own (named with the release label)
    with termination protection, and their integrations are retained, so
    deploying a new release never deletes an older one. `qualifier` is the
    bootstrap qualifier to deploy with (`deploy_access.cdk_qualifier`).
    """
    manifest, versioned = plan.manifest, plan.settings.versioned
    env = cdk.Environment(account=manifest.account, region=manifest.region)
    synthesizer = _synthesizer(qualifier)
    integrations_stack = integrations = None
    # A stack without resources is not a valid template: a project whose flows
    # call no Lambda or bot gets no integrations stack.
    if manifest.lambdas or manifest.lex_bots:
        integrations_stack = cdk.Stack(
            scope,
            plan.integrations_stack,
            env=env,
            synthesizer=synthesizer(),
            description=f"connectc {manifest.project} {manifest.environment}: "
            "Lambda and Lex integrations of the Connect instance",
        )
        integrations = integrations_for(integrations_stack, "Integrations", plan)
    stacks: list[cdk.Stack] = []
    constructs: list[ConnectFlows] = []
    arns: dict[str, str] = {}
    for part in plan.stacks:
        stack = cdk.Stack(
            scope,
            part.stack_name,
            env=env,
            synthesizer=synthesizer(),
            termination_protection=versioned,
            description=f"connectc {manifest.project} {manifest.environment}: "
            f"flows of release {plan.release_name}",
        )
        flows = ConnectFlows(
            stack,
            "Flows",
            plan=plan,
            flows=part.flows,
            imported=arns,
            integrations=integrations,
        )
        if integrations_stack is not None:
            stack.add_stack_dependency(integrations_stack)
        arns.update(flows.arns)
        stacks.append(stack)
        constructs.append(flows)
    pending = [f for c in constructs for f in c.pending]
    if pending:
        # Every target exists once the last stack's flows do.
        ContentUpdates(
            stacks[-1], "ContentUpdates", plan=plan, flows=pending, arns=arns
        )
    return ReleaseStacks(integrations_stack, stacks, constructs)


def _synthesizer(qualifier: str | None) -> Callable[[], cdk.IStackSynthesizer | None]:
    """A fresh synthesizer per stack (a synthesizer binds to one stack)."""
    if qualifier is None:
        return lambda: None
    return lambda: cdk.DefaultStackSynthesizer(qualifier=qualifier)


def integrations_for(
    scope: Construct, construct_id: str, plan: DeployPlan
) -> ConnectIntegrations:
    """The integrations a plan's flows need, retained for versioned releases."""
    manifest = plan.manifest
    return ConnectIntegrations(
        scope,
        construct_id,
        instance_arn=manifest.instance_arn,
        account=manifest.account,
        lambdas=manifest.lambdas,
        lex_bots=manifest.lex_bots,
        retain=plan.settings.versioned,
    )


def resource_id(arn: str) -> str:
    """A stable construct id for a Lambda or Lex alias ARN: readable, then a hash.

    `arn:aws:lambda:R:A:function:lookup:live` gives `LambdaLookupLive` and
    `arn:aws:lex:R:A:bot-alias/B/A` gives `LexBotAliasBA`, each followed by
    eight hex digits of the ARN's hash, so two ARNs never share an id.
    """
    parts = arn.split(":")
    service = parts[2].capitalize() if len(parts) > 5 else "Resource"
    tail = [p for p in parts[5:] if p != "function"] if len(parts) > 5 else [arn]
    words = re.split(r"[^A-Za-z0-9]+", ":".join(tail))
    readable = "".join(w[:1].upper() + w[1:] for w in words)[:60]
    digest = hashlib.sha256(arn.encode("utf-8")).hexdigest()[:8].upper()
    return f"{service}{readable}{digest}"


def _content(flow: PlannedFlow, known: Mapping[str, str]) -> str:
    """The flow's content, with each link replaced by the target's ARN."""
    parts = split_content(flow.content, flow.entry.links)
    if all(isinstance(part, str) for part in parts):
        return "".join(str(part) for part in parts)
    return cdk.Fn.join("", [_part(part, known) for part in parts])


def _part(part: str | Link, known: Mapping[str, str]) -> str:
    return part if isinstance(part, str) else known[part.target]


PLACEHOLDER_END = {
    "CONTACT_FLOW": "DisconnectParticipant",
    "AGENT_TRANSFER": "DisconnectParticipant",
    "QUEUE_TRANSFER": "DisconnectParticipant",
}


def placeholder(flow: PlannedFlow) -> str:
    """The smallest valid content of the flow's type: end at once."""
    if flow.entry.is_module:
        end = "EndFlowModuleExecution"
    else:
        end = PLACEHOLDER_END.get(flow.entry.type or "", "EndFlowExecution")
    action = {
        "Identifier": "placeholder",
        "Type": end,
        "Parameters": {},
        "Transitions": {},
    }
    content = {
        "Version": "2019-10-30",
        "StartAction": "placeholder",
        "Actions": [action],
    }
    return json.dumps(content, separators=(",", ":"))


def _fingerprint(flow: PlannedFlow) -> str:
    """What the content step depends on: the flow's name and built content."""
    text = json.dumps([flow.deployed_name, flow.content], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


PROVIDER_ID = "AWS679f53fac002430cb0da5b7982bd2287"  # AwsCustomResource's singleton


def _name_provider(stack: cdk.Stack, prefix: str) -> None:
    """Give the provider function and its role the name the policies expect."""
    provider = stack.node.try_find_child(PROVIDER_ID)
    if provider is None:
        return
    name = provider_name(prefix, stack.stack_name)
    function = provider.node.default_child
    if isinstance(function, lambda_.CfnFunction):
        function.function_name = name
    role = provider.node.try_find_child("ServiceRole")
    resource = role.node.default_child if role is not None else None
    if isinstance(resource, iam.CfnRole):
        resource.role_name = name


def _acknowledge_provider(stack: cdk.Stack) -> None:
    """Justify cdk-nag's and cfn-lint's findings on the CDK's provider function."""
    provider = stack.node.try_find_child(PROVIDER_ID)
    function = provider.node.default_child if provider is not None else None
    if isinstance(function, cdk.CfnResource):
        # The CDK both references the role and depends on it explicitly.
        ignore = {"config": {"ignore_checks": ["W3005"]}}
        function.add_metadata("cfn-lint", ignore)
    basic = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
    basic += "AWSLambdaBasicExecutionRole"
    cdk.Validations.of(stack).acknowledge(
        cdk.Acknowledgment(
            id=f"AwsSolutions-IAM4[{basic}]",
            reason="The CDK's AwsCustomResource provider logs to CloudWatch with "
            "the AWS managed basic execution policy; it holds no other rights.",
        ),
        cdk.Acknowledgment(
            id="AwsSolutions-L1",
            reason="The runtime of the CDK's AwsCustomResource provider is chosen "
            "by aws-cdk-lib and moves with it.",
        ),
    )


def _same_stack(a: Construct, b: Construct) -> bool:
    return bool(cdk.Stack.of(a).node.path == cdk.Stack.of(b).node.path)


def _depend_on_integrations(
    resource: FlowResource,
    flow: PlannedFlow,
    integrations: ConnectIntegrations | None,
) -> None:
    # Connect checks, when a flow is published, that the Lambda functions and
    # bots it invokes are associated with the instance; create those first.
    if integrations is None:
        return
    for arn in [*flow.entry.lambdas, *flow.entry.lex_bots]:
        association = integrations.associations.get(arn)
        if association is not None:
            resource.node.add_dependency(association)


def _update_call(
    flow: PlannedFlow,
    arn: str,
    instance_id: str,
    what: str,
    parameters: dict[str, Any],
    physical: str,
) -> cr.AwsSdkCall:
    """`UpdateContactFlow<what>` (or the module's) of the flow at `arn`."""
    module = flow.entry.is_module
    action = f"UpdateContactFlowModule{what}" if module else f"UpdateContactFlow{what}"
    key = "ContactFlowModuleId" if module else "ContactFlowId"
    flow_id = cdk.Fn.select(3, cdk.Fn.split("/", arn))
    return cr.AwsSdkCall(
        service="Connect",
        action=action,
        parameters={"InstanceId": instance_id, key: flow_id, **parameters},
        physical_resource_id=cr.PhysicalResourceId.of(physical),
    )
