"""The CDK app that deploys a connectc build: `generated/<env>` of this project.

    cd cdk && npx aws-cdk deploy --all -c env=test

`-c env=ENV` picks the environment (required); `-c access=true` adds the
deploy-access stack for account admins (docs/access.md); `-c nag=false` skips
the cdk-nag AwsSolutions checks; the release stacks deploy through the bootstrap
of `deploy_access.cdk_qualifier` (or `-c cdk_qualifier=…`). See docs/deploy.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import aws_cdk as cdk

from connectc.cdk.access_settings import read_access_settings, read_qualifier
from connectc.cdk.plan import plan_deploy
from connectc.cdk.release import read_release_settings
from connectc.cdk.synthesis import build_app
from connectc.diagnostics import Diagnostics

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    app = cdk.App()
    env = app.node.try_get_context("env")
    if not env:
        print("error: choose the environment with -c env=<env>", file=sys.stderr)
        return 2
    root = Path(app.node.try_get_context("root") or ROOT)
    diagnostics = Diagnostics()
    settings = read_release_settings(root, env, diagnostics)
    plan = plan_deploy(root / "generated" / env, settings, diagnostics, env)
    access = None
    if _flag(app, "access", default=False):
        access = read_access_settings(root, diagnostics, _access_context(app))
    qualifier = app.node.try_get_context("cdk_qualifier") or read_qualifier(root)
    for finding in diagnostics.sorted():
        print(
            f"{finding.span}: {finding.severity}: {finding.message} [{finding.code}]",
            file=sys.stderr,
        )
    if plan is None or diagnostics.has_errors():
        return 1
    nag = _flag(app, "nag", default=True)
    build_app(plan, app=app, access=access, nag=nag, qualifier=qualifier)
    app.synth()
    return 0


def _flag(app: cdk.App, name: str, *, default: bool) -> bool:
    value = app.node.try_get_context(name)
    if value is None:
        return default
    return str(value).lower() in ("1", "true", "yes")


def _access_context(app: cdk.App) -> dict[str, object]:
    """`-c github_repository=org/repo` and friends override connectc.yaml."""
    keys = ("github_repository", "oidc_provider_arn", "cdk_qualifier")
    return {key: app.node.try_get_context(key) for key in keys}


if __name__ == "__main__":
    sys.exit(main())
