"""Synthesise an environment's CDK app in-process, then lint what came out.

Input: the project root, an environment already built into `generated/<env>`.
Output: `cdk.out/`-style cloud assembly (no CDK CLI needed) and diagnostics:
cfn-lint (CC7010, CC7011), cdk-nag AwsSolutions (CC7012), the CDK's schema
check (CC7013), synthesis failures (CC7014, CC7015), plus the plan's codes.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from connectc.cdk.access_settings import (
    AccessSettings,
    guard_document,
    read_access_settings,
)
from connectc.cdk.plan import DeployPlan, plan_deploy
from connectc.cdk.release import read_release_settings
from connectc.diagnostics import Diagnostics, Span, file_span

if TYPE_CHECKING:
    import aws_cdk as cdk

    from connectc.cdk.flows import ReleaseStacks

log = logging.getLogger(__name__)

# Report, do not throw or print: the app writes every template and the
# validation report, and connectc turns the findings into diagnostics. Schema
# findings stay errors (the CDK would downgrade them and print a banner).
APP_CONTEXT = {
    "@aws-cdk/core:failSynthOnValidationErrors": False,
    "@aws-cdk/core:validateAgainstDefaultRules": True,
}
NAG_PLUGIN = "AwsSolutions"


@dataclass
class SynthResult:
    """What `synth` produced: the assembly directory and each stack's template."""

    outdir: Path
    plan: DeployPlan
    templates: dict[str, Path] = field(default_factory=dict)
    scp: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)


def synth(
    root: Path,
    env: str,
    out: Path,
    diagnostics: Diagnostics,
    *,
    nag: bool = True,
    lint: bool = True,
) -> SynthResult | None:
    """Synthesise `generated/<env>` of the project at `root` into `out`.

    Reads the environment's release settings from `root/connectc.yaml`, plans
    the stacks, synthesises them with the CDK in this process, and checks the
    templates with cdk-nag (AwsSolutions) and cfn-lint. Returns None when the
    build cannot be planned or the CDK is unavailable; findings are diagnostics.
    """
    started = time.perf_counter()
    settings = read_release_settings(root, env, diagnostics)
    plan = plan_deploy(root / "generated" / env, settings, diagnostics, env)
    if plan is not None:
        _check_filled_in(plan, root / "env" / f"{env}.yaml", diagnostics)
    access = _access_settings(root, diagnostics)
    if (
        plan is None
        or diagnostics.has_errors()
        or not _cdk_available(diagnostics, root)
    ):
        return None
    result = SynthResult(out, plan)
    assembly = _synthesise(root, plan, out, diagnostics, nag, result, access)
    if assembly is None:
        return None
    if (
        access is not None
        and plan.manifest.environment in access.protected_environments
    ):
        result.scp = write_scp(plan, access, out)
    if nag:
        _report_validation(out, diagnostics)
    if lint:
        lint_started = time.perf_counter()
        for template in result.templates.values():
            lint_template(template, plan.manifest.region, diagnostics)
        result.timings["lint"] = time.perf_counter() - lint_started
    result.timings["total"] = time.perf_counter() - started
    return result


def build_app(
    plan: DeployPlan,
    out: Path | None = None,
    *,
    nag: bool = False,
    access: AccessSettings | None = None,
    app: cdk.App | None = None,
    qualifier: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> tuple[cdk.App, ReleaseStacks]:
    """A CDK app holding the plan's release stacks and, given `access`, the
    deploy-access stack `<project>-<env>-access` (cdk/app.py uses it too).

    The release stacks deploy through the bootstrap of `qualifier`, else of
    `access.cdk_qualifier`, else the CDK's default. A new app gets `context`
    (the context of cdk/cdk.json), then connectc's own reporting flags.
    """
    import aws_cdk as cdk

    from connectc.cdk.flows import add_release_stacks

    if app is None:
        values = {**(context or {}), **APP_CONTEXT}
        app = cdk.App(outdir=str(out) if out else None, context=values)
    if qualifier is None and access is not None:
        qualifier = access.cdk_qualifier
    stacks = add_release_stacks(app, plan, qualifier)
    if access is not None:
        from connectc.cdk.access import DeployAccessStack

        name = f"{plan.stack_prefix}-access"
        DeployAccessStack(app, name, settings=access, manifest=plan.manifest)
    if nag:
        from cdk_nag import AwsSolutionsChecks

        cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return app, stacks


def _check_filled_in(
    plan: DeployPlan, env_file: Path, diagnostics: Diagnostics
) -> None:
    """CC7019 for an account, region or instance still a placeholder."""
    from connectc.importer.placeholders import is_placeholder

    manifest = plan.manifest
    for what, value in (
        ("account", manifest.account),
        ("region", manifest.region),
        ("instance", manifest.instance_arn),
    ):
        if is_placeholder(value):
            span = file_span(env_file)
            diagnostics.report("CC7019", span, what, manifest.environment, value)


def write_scp(plan: DeployPlan, access: AccessSettings, out: Path) -> Path:
    """Write the flow-edit guard as an SCP for organisations that want it."""
    document = guard_document(plan.manifest, access.cdk_qualifier)
    path = out / f"{plan.stack_prefix}-flow-edit-guard.scp.json"
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path


def _access_settings(root: Path, diagnostics: Diagnostics) -> AccessSettings | None:
    """The deploy-access settings, or None when connectc.yaml has none."""
    if not _has_access_section(root):
        return None
    return read_access_settings(root, diagnostics)


def _has_access_section(root: Path) -> bool:
    import yaml

    try:
        data = yaml.safe_load((root / "connectc.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "deploy_access" in data


def lint_template(path: Path, region: str, diagnostics: Diagnostics) -> None:
    """Run cfn-lint's Python API on one template and report its matches."""
    from cfnlint.api import ManualArgs, lint

    text = path.read_text(encoding="utf-8")
    for match in lint(text, config=ManualArgs(regions=[region])):
        level = str(getattr(match.rule, "severity", "error")).lower()
        code = "CC7010" if level == "error" else "CC7011"
        span = Span(str(path), match.linenumber, match.columnnumber)
        diagnostics.report(code, span, match.rule.id, match.message)


def _synthesise(
    root: Path,
    plan: DeployPlan,
    out: Path,
    diagnostics: Diagnostics,
    nag: bool,
    result: SynthResult,
    access: AccessSettings | None,
) -> object | None:
    started = time.perf_counter()
    try:
        context = cdk_json_context(root)
        app, _stacks = build_app(plan, out, nag=nag, access=access, context=context)
        result.timings["construct"] = time.perf_counter() - started
        assembly = app.synth()
    except Exception as error:  # noqa: BLE001 - jsii raises plain RuntimeError
        diagnostics.report("CC7014", file_span(root / "cdk"), _first_line(error))
        return None
    result.timings["synth"] = time.perf_counter() - started
    for stack in assembly.stacks:
        result.templates[stack.stack_name] = out / stack.template_file
    log.info("synthesised %d stacks into %s", len(result.templates), out)
    return assembly


def _report_validation(out: Path, diagnostics: Diagnostics) -> None:
    """Turn the CDK validation report (cdk-nag and schema checks) into diagnostics."""
    path = out / "validation-report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    for plugin, violation, construct in _violations(report):
        code = "CC7012" if plugin == NAG_PLUGIN else "CC7013"
        where = str(construct.get("constructPath", "?"))
        span = _template_span(out, where)
        rule = str(violation.get("ruleName", plugin))
        diagnostics.report(code, span, rule, where, violation.get("description", ""))


def _violations(
    report: dict[str, Any],
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    for plugin in report.get("pluginReports", []):
        name = str(plugin.get("pluginName", ""))
        for violation in plugin.get("violations", []):
            for construct in violation.get("violatingConstructs", []):
                yield name, violation, construct


def _template_span(out: Path, construct_path: str) -> Span:
    stack = construct_path.split("/", 1)[0]
    return file_span(out / f"{stack}.template.json")


def _cdk_available(diagnostics: Diagnostics, root: Path) -> bool:
    try:
        import aws_cdk  # noqa: F401
        import cdk_nag  # noqa: F401
        import cfnlint  # noqa: F401
    except Exception as error:  # noqa: BLE001 - jsii fails in many ways without Node
        diagnostics.report("CC7015", file_span(root), str(error))
        return False
    return True


def cdk_json_context(root: Path) -> dict[str, Any]:
    """The `context` of `cdk/cdk.json`, which `cdk deploy` run from `cdk/` uses:
    synth applies it too, so that what is linted is what is deployed."""
    path = root / "cdk" / "cdk.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    context = data.get("context") if isinstance(data, dict) else None
    return dict(context) if isinstance(context, dict) else {}


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
