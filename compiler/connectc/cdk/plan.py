"""Plan a deploy: what `generated/<env>` becomes in CloudFormation, checked first.

Input: the manifest, the flow files beside it and the environment's release
settings. Output: a `DeployPlan` (deployed names, tags, content, stacks) that the
CDK constructs turn into resources, or None. Codes: CC7001, CC7004, CC7005,
CC7007, CC7008, CC7009, CC7016, CC7018. Pure Python: no CDK, so it is cheap to
test.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from connectc.cdk import links as flow_links
from connectc.cdk.manifest import FlowEntry, Link, Manifest, load_manifest
from connectc.cdk.release import (
    ReleaseSettings,
    release_label,
    release_name,
    versioned_name,
)
from connectc.diagnostics import Diagnostics, Severity, file_span

# Connect and CloudFormation limits a plan must stay inside.
MAX_NAME = 127  # flow and module names
MAX_TAGS = 50  # tags per flow
# A template uploaded through the bootstrap bucket may be 1 MB; content is the
# bulk of a flow stack, so each stack gets this much escaped content at most.
MAX_STACK_CONTENT = 800_000
# CloudFormation allows 200 outputs per stack; each flow has two (ARN and ID),
# one more when another stack may import it, and the release name is one.
MAX_STACK_OUTPUTS = 195

TAG_PREFIX = "connectc:"


@dataclass(frozen=True)
class PlannedFlow:
    """One flow or module as it will be deployed."""

    entry: FlowEntry
    deployed_name: str
    logical_name: str
    content: str
    tags: dict[str, str]
    # Links to flows created after this one (a cycle): the flow is created
    # with placeholder content and its content set in a second step.
    deferred: tuple[Link, ...] = ()

    @property
    def name(self) -> str:
        return self.entry.name


@dataclass(frozen=True)
class FlowStackPlan:
    """One stack of flows: its CloudFormation name and flows in deploy order."""

    stack_name: str
    flows: tuple[PlannedFlow, ...]


@dataclass(frozen=True)
class DeployPlan:
    """Everything the constructs need, already checked."""

    manifest: Manifest
    settings: ReleaseSettings
    release_name: str
    label: str | None
    flows: tuple[PlannedFlow, ...]
    stacks: tuple[FlowStackPlan, ...]
    integrations_stack: str
    stack_prefix: str
    tags: dict[str, str] = field(default_factory=dict)

    def flow(self, name: str) -> PlannedFlow | None:
        return next((f for f in self.flows if f.name == name), None)


def plan_deploy(
    generated: Path,
    settings: ReleaseSettings,
    diagnostics: Diagnostics,
    env: str | None = None,
) -> DeployPlan | None:
    """Read `generated/manifest.json` and its flow files into a checked plan."""
    manifest = load_manifest(generated / "manifest.json", diagnostics)
    if manifest is None:
        return None
    return plan_manifest(manifest, generated, settings, diagnostics, env)


def plan_manifest(
    manifest: Manifest,
    generated: Path,
    settings: ReleaseSettings,
    diagnostics: Diagnostics,
    env: str | None = None,
) -> DeployPlan | None:
    """Check a loaded manifest against the release settings and plan its stacks."""
    before = _errors(diagnostics)
    span = file_span(manifest.path)
    if env is not None and manifest.environment != env:
        diagnostics.report("CC7016", span, manifest.environment, env)
    label = release_label(manifest.release)
    if settings.versioned and label is None:
        diagnostics.report("CC7007", span, manifest.environment)
    _check_links(manifest, diagnostics)
    release_tags = _release_tags(manifest)
    flows = [
        _plan_flow(entry, generated, settings, label, release_tags, diagnostics)
        for entry in flow_links.deploy_order(manifest)
    ]
    if _errors(diagnostics) > before or None in flows:
        return None
    planned = _defer_back_links([f for f in flows if f is not None])
    prefix = stack_prefix(manifest)
    stacks = _stacks(planned, prefix, settings, label)
    if not settings.versioned and len(stacks) > 1:
        # Which stack a flow lands in depends on the flows before it; see
        # docs/limitations.md for why this stays a warning.
        diagnostics.report("CC7018", span, manifest.environment, len(stacks))
    return DeployPlan(
        manifest=manifest,
        settings=settings,
        release_name=release_name(manifest.release),
        label=label,
        flows=planned,
        stacks=stacks,
        integrations_stack=f"{prefix}-integrations",
        stack_prefix=prefix,
        tags=release_tags,
    )


def _errors(diagnostics: Diagnostics) -> int:
    return sum(d.severity >= Severity.ERROR for d in diagnostics)


def stack_prefix(manifest: Manifest) -> str:
    """`<project>-<env>` reduced to what CloudFormation allows in a stack name."""
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", f"{manifest.project}-{manifest.environment}")
    slug = slug.strip("-") or "connectc"
    return slug if slug[0].isalpha() else f"c-{slug}"


def provider_name(prefix: str, stack_name: str) -> str:
    """The name of the function and role that set the content of cycles.

    The CDK's AwsCustomResource provider would get a name CloudFormation makes
    up from the stack name, cut to fit 64 characters; a fixed name lets the
    execution policy and the PROD guard name it (`provider_pattern`).
    """
    digest = hashlib.sha256(stack_name.encode("utf-8")).hexdigest()[:8]
    return f"{prefix[:40]}-cycles-{digest}"


def provider_pattern(prefix: str) -> str:
    """The IAM pattern matching every `provider_name` of a project environment."""
    return f"{prefix[:40]}-cycles-*"


def logical_name(name: str) -> str:
    """A construct id for a flow: its name, plus a hash if characters were dropped."""
    plain = re.sub(r"[^A-Za-z0-9]", "", name)
    if plain == name and plain:
        return plain
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8].upper()
    return f"{plain[:200]}{digest}"


def output_keys(name: str) -> tuple[str, str]:
    """The stack output keys holding a flow's ARN and ID (for rollout and drift)."""
    base = logical_name(name)
    return f"{base}Arn", f"{base}Id"


RELEASE_OUTPUT = "ReleaseName"


def _check_links(manifest: Manifest, diagnostics: Diagnostics) -> None:
    span = file_span(manifest.path)
    for flow, link in flow_links.missing_targets(manifest):
        diagnostics.report(
            "CC7005", span, flow.name, link.token, link.target, link.kind
        )
    for cycle in flow_links.find_link_cycles(manifest):
        # Deployable (two steps, see flows.ContentUpdates); worth knowing.
        path = " -> ".join([*cycle, cycle[0]])
        diagnostics.report("CC7001", span, '", "'.join(cycle), path)


def _defer_back_links(flows: list[PlannedFlow]) -> tuple[PlannedFlow, ...]:
    """Mark the links that point at the same or a later flow in deploy order."""
    created: set[str] = set()
    result = []
    for flow in flows:
        later = tuple(k for k in flow.entry.links if k.target not in created)
        result.append(replace(flow, deferred=later) if later else flow)
        created.add(flow.name)
    return tuple(result)


def _release_tags(manifest: Manifest) -> dict[str, str]:
    release = manifest.release
    values = {
        "release": release_name(release),
        "git-sha": release.git_sha,
        "release-time": release.time,
    }
    return {TAG_PREFIX + k: v for k, v in values.items() if v}


def _plan_flow(
    entry: FlowEntry,
    generated: Path,
    settings: ReleaseSettings,
    label: str | None,
    release_tags: dict[str, str],
    diagnostics: Diagnostics,
) -> PlannedFlow | None:
    manifest_span = file_span(generated / "manifest.json")
    content = _read_content(generated, entry, diagnostics)
    deployed = entry.name
    if settings.versioned and label is not None:
        deployed = versioned_name(entry.name, label)
    if len(deployed) > MAX_NAME:
        diagnostics.report("CC7008", manifest_span, deployed, len(deployed), MAX_NAME)
    tags = {**entry.tags, **release_tags}
    if len(tags) > MAX_TAGS:
        diagnostics.report("CC7009", manifest_span, entry.name, len(tags), MAX_TAGS)
    if content is None:
        return None
    return PlannedFlow(entry, deployed, logical_name(entry.name), content, tags)


def _read_content(
    generated: Path, entry: FlowEntry, diagnostics: Diagnostics
) -> str | None:
    path = generated / entry.path
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = f"cannot be read ({error.strerror or type(error).__name__})"
        diagnostics.report("CC7004", file_span(path), entry.path, reason)
        return None
    if entry.sha256 and hashlib.sha256(data).hexdigest() != entry.sha256.lower():
        reason = "does not match its sha256 in manifest.json; run the build again"
        diagnostics.report("CC7004", file_span(path), entry.path, reason)
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        diagnostics.report("CC7004", file_span(path), entry.path, "is not UTF-8 text")
        return None


def _stacks(
    flows: tuple[PlannedFlow, ...],
    prefix: str,
    settings: ReleaseSettings,
    label: str | None,
) -> tuple[FlowStackPlan, ...]:
    """Cut the flows, in deploy order, into stacks within CloudFormation limits.

    Because flows come in deploy order, a link only ever points into the same
    stack or an earlier one, so the stacks depend on each other without cycles.
    """
    if not flows:
        return ()
    base = f"{prefix}-{label}" if settings.versioned and label else f"{prefix}-flows"
    targets = {link.target for f in flows for link in f.entry.links}
    groups: list[list[PlannedFlow]] = [[]]
    size = outputs = 0
    for flow in flows:
        flow_size = len(json.dumps(flow.content, ensure_ascii=False).encode("utf-8"))
        flow_outputs = 3 if flow.name in targets else 2
        full = size + flow_size > MAX_STACK_CONTENT
        if groups[-1] and (full or outputs + flow_outputs > MAX_STACK_OUTPUTS):
            groups.append([])
            size = outputs = 0
        groups[-1].append(flow)
        size += flow_size
        outputs += flow_outputs
    names = [base] + [f"{base}-{n}" for n in range(2, len(groups) + 1)]
    return tuple(FlowStackPlan(n, tuple(g)) for n, g in zip(names, groups, strict=True))
