"""Synthesis time of a 300-flow project: connectc.cdk against a hand-written app.

    /work/.venv/bin/python benchmarks/bench_synth.py [--flows 300] [--rounds 3]

Writes a synthetic build (manifest.json and flow files, links between flows, 40
Lambda aliases, 5 Lex bots) to a temporary directory, then times in one process,
alternating rounds: (a) connectc (plan + constructs + app.synth()) and (b) a
minimal hand-written CDK app creating the same L1 resources and outputs from the
same files. Prints the medians and the ratio a/b (target: at most 1.3). The
cfn-lint and cdk-nag passes of `connectc synth` are timed apart with `--checks`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import connectc.cdk  # noqa: F401  (quiets jsii's Node banner before aws_cdk)

ACCOUNT, REGION = "222233334444", "ap-northeast-1"
INSTANCE = (
    f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/0e9c4d7a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
)
QUEUE = f"{INSTANCE}/queue/fa88c015-514d-4c88-bc24-04260e7b4f26"


def lambda_arn(i: int) -> str:
    return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:fn-{i % 40}:live"


def bot_arn(i: int) -> str:
    return f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/BOT{i % 5:07d}/ALIAS{i % 5:05d}"


def flow_json(i: int, target: str | None) -> dict[str, Any]:
    """About 4 KB of flow language: prompts, a Lambda, a Lex bot, a transfer."""
    actions: list[dict[str, Any]] = []
    for step in range(12):
        actions.append(
            {
                "Identifier": f"prompt{step}",
                "Type": "MessageParticipant",
                "Parameters": {"Text": f"ご案内 {i}-{step} です。少々お待ちください。"},
                "Transitions": {
                    "NextAction": f"prompt{step + 1}" if step < 11 else "lookup",
                    "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
                },
            }
        )
    actions += [
        {
            "Identifier": "lookup",
            "Type": "InvokeLambdaFunction",
            "Parameters": {
                "LambdaFunctionARN": lambda_arn(i),
                "InvocationTimeLimitSeconds": "8",
            },
            "Transitions": {
                "NextAction": "bot",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
            },
        },
        {
            "Identifier": "bot",
            "Type": "ConnectParticipantWithLexBot",
            "Parameters": {
                "Text": "ご用件をどうぞ",
                "LexV2Bot": {"AliasArn": bot_arn(i)},
            },
            "Transitions": {
                "NextAction": "next",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
            },
        },
        {
            "Identifier": "next",
            "Type": "TransferToFlow" if target else "UpdateContactTargetQueue",
            "Parameters": {"ContactFlowId": f"${{Flow.{target}}}"}
            if target
            else {"QueueId": QUEUE},
            "Transitions": {
                "NextAction": "end",
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
            },
        },
        {
            "Identifier": "end",
            "Type": "DisconnectParticipant",
            "Parameters": {},
            "Transitions": {},
        },
    ]
    return {
        "Version": "2019-10-30",
        "StartAction": "prompt0",
        "Metadata": {},
        "Actions": actions,
    }


def write_build(root: Path, count: int) -> Path:
    """A synthetic `generated/test` of `count` flows, each linking to an earlier one."""
    generated = root / "generated" / "test"
    (generated / "flows").mkdir(parents=True)
    flows = []
    for i in range(count):
        name = f"Flow{i:03d}"
        target = f"Flow{i // 2:03d}" if i else None
        data = json.dumps(flow_json(i, target), ensure_ascii=False, indent=2).encode()
        (generated / "flows" / f"{name}.json").write_bytes(data)
        links = (
            [{"token": f"${{Flow.{target}}}", "target": target, "kind": "flow"}]
            if target
            else []
        )
        flows.append(
            {
                "name": name,
                "kind": "flow",
                "type": "CONTACT_FLOW",
                "description": f"synthetic flow {i}",
                "tags": {"team": f"team{i % 7}"},
                "path": f"flows/{name}.json",
                "sha256": hashlib.sha256(data).hexdigest(),
                "tokens": [link["token"] for link in links],
                "lambdas": [lambda_arn(i)],
                "lex_bots": [bot_arn(i)],
                "links": links,
            }
        )
    manifest = {
        "manifest_version": 1,
        "project": "bench",
        "environment": "test",
        "account": ACCOUNT,
        "region": REGION,
        "instance_arn": INSTANCE,
        "release": {
            "name": "bench",
            "git_sha": "0123abcdef",
            "time": "2026-12-03T10:00:00Z",
        },
        "flows": flows,
    }
    (generated / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return generated


def run_connectc(generated: Path, out: Path) -> float:
    from connectc.cdk.plan import plan_deploy
    from connectc.cdk.release import ReleaseSettings
    from connectc.cdk.synthesis import build_app
    from connectc.diagnostics import Diagnostics

    started = time.perf_counter()
    plan = plan_deploy(generated, ReleaseSettings(), Diagnostics(), "test")
    assert plan is not None
    app, _ = build_app(plan, out)
    app.synth()
    return time.perf_counter() - started


def run_baseline(generated: Path, out: Path) -> float:
    """The same L1 resources and outputs, written the plain way."""
    import aws_cdk as cdk
    from aws_cdk import aws_connect as connect
    from aws_cdk import aws_lambda as lambda_

    started = time.perf_counter()
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    app = cdk.App(outdir=str(out))
    env = cdk.Environment(account=ACCOUNT, region=REGION)
    shared = cdk.Stack(app, "bench-test-integrations", env=env)
    lambdas = sorted({a for f in manifest["flows"] for a in f["lambdas"]})
    bots = sorted({a for f in manifest["flows"] for a in f["lex_bots"]})
    for n, arn in enumerate(lambdas):
        lambda_.CfnPermission(
            shared,
            f"P{n}",
            action="lambda:InvokeFunction",
            function_name=arn,
            principal="connect.amazonaws.com",
            source_arn=INSTANCE,
            source_account=ACCOUNT,
        )
        connect.CfnIntegrationAssociation(
            shared,
            f"L{n}",
            instance_id=INSTANCE,
            integration_arn=arn,
            integration_type="LAMBDA_FUNCTION",
        )
    for n, arn in enumerate(bots):
        connect.CfnIntegrationAssociation(
            shared,
            f"B{n}",
            instance_id=INSTANCE,
            integration_arn=arn,
            integration_type="LEX_BOT",
        )
    arns: dict[str, str] = {}
    stack = None
    for n, flow in enumerate(manifest["flows"]):
        if n % 60 == 0:  # stay under 200 outputs per stack
            stack = cdk.Stack(app, f"bench-test-flows-{n // 60}", env=env)
            stack.add_stack_dependency(shared)
        content = (generated / flow["path"]).read_text(encoding="utf-8")
        for link in flow["links"]:
            before, after = content.split(link["token"], 1)
            content = cdk.Fn.join("", [before, arns[link["target"]], after])
        tags = [cdk.CfnTag(key=k, value=v) for k, v in flow["tags"].items()]
        resource = connect.CfnContactFlow(
            stack,
            flow["name"],
            content=content,
            instance_arn=INSTANCE,
            name=flow["name"],
            type=flow["type"],
            description=flow["description"],
            tags=tags,
        )
        arns[flow["name"]] = resource.attr_contact_flow_arn
        cdk.CfnOutput(stack, f"{flow['name']}Arn", value=resource.attr_contact_flow_arn)
        flow_id = cdk.Fn.select(3, cdk.Fn.split("/", resource.attr_contact_flow_arn))
        cdk.CfnOutput(stack, f"{flow['name']}Id", value=flow_id)
    app.synth()
    return time.perf_counter() - started


def run_checks(root: Path) -> dict[str, float]:
    from connectc.cdk.synthesis import synth
    from connectc.diagnostics import Diagnostics

    (root / "connectc.yaml").write_text("project: bench\n", encoding="utf-8")
    diagnostics = Diagnostics()
    result = synth(root, "test", root / "checked", diagnostics)
    assert result is not None
    print(f"connectc synth with cdk-nag and cfn-lint: {len(diagnostics)} findings")
    return result.timings


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checks", action="store_true", help="also time lint and nag")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generated = write_build(root, args.flows)
        run_baseline(generated, root / "warm")  # start Node, load the modules
        ours, theirs = [], []
        for n in range(args.rounds):
            theirs.append(run_baseline(generated, root / f"base{n}"))
            ours.append(run_connectc(generated, root / f"ours{n}"))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"flows: {args.flows}, rounds: {args.rounds}")
        print(f"connectc.cdk synth:  {a:6.2f} s (runs {_runs(ours)})")
        print(f"hand-written L1 app: {b:6.2f} s (runs {_runs(theirs)})")
        print(f"ratio: {a / b:.2f}x (target <= 1.30)")
        if args.checks:
            timings = run_checks(root)
            print("checked synth:", {k: round(v, 2) for k, v in timings.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
