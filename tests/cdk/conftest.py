"""Fixtures for the deploy tests: small projects written the way `connectc build` does.

`make_project` lays out `connectc.yaml` and `generated/<env>/` (manifest.json
format version 1 and flow-language files) in a temporary directory. Synthesis
is slow (jsii starts Node), so synthesised apps are shared per module.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ACCOUNT = "222233334444"
REGION = "ap-northeast-1"
INSTANCE = (
    f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/0e9c4d7a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
)
LOOKUP = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:customer-lookup:live"
VERIFY = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:verify-member:live"
BOT = f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/916XKBXWGB/1XQXBSF561"
QUEUE = f"{INSTANCE}/queue/fa88c015-514d-4c88-bc24-04260e7b4f26"
RELEASE = {
    "name": "release-2026.12.03",
    "git_sha": "0123abcdef4567890123abcdef4567890123abcd",
    "time": "2026-12-03T10:00:00Z",
}


@dataclass
class FlowSpec:
    """One flow for a fixture project: what it calls and links to."""

    name: str
    kind: str = "flow"
    type: str | None = "CONTACT_FLOW"
    lambdas: list[str] = field(default_factory=list)
    lex_bots: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (kind, target)
    hooks: list[str] = field(default_factory=list)  # customer-queue hook targets
    tags: dict[str, str] = field(default_factory=dict)
    description: str = ""


def flow_content(spec: FlowSpec) -> dict[str, Any]:
    """Flow-language JSON that calls the spec's Lambdas and bots, then links."""
    actions: list[dict[str, Any]] = []

    def add(type_: str, parameters: dict[str, Any]) -> None:
        identifier = f"step{len(actions) + 1}"
        if actions:
            actions[-1]["Transitions"] = {
                "NextAction": identifier,
                "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "end"}],
            }
        actions.append(
            {"Identifier": identifier, "Type": type_, "Parameters": parameters}
        )

    for arn in spec.lambdas:
        add(
            "InvokeLambdaFunction",
            {"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "8"},
        )
    for arn in spec.lex_bots:
        add(
            "ConnectParticipantWithLexBot",
            {"Text": "ご用件をどうぞ", "LexV2Bot": {"AliasArn": arn}},
        )
    for target in spec.hooks:
        add(
            "UpdateContactEventHooks",
            {"EventHooks": {"CustomerQueue": f"${{Flow.{target}}}"}},
        )
    for kind, target in spec.links:
        if kind == "module":
            add("InvokeFlowModule", {"FlowModuleId": f"${{Module.{target}}}"})
        else:
            add("TransferToFlow", {"ContactFlowId": f"${{Flow.{target}}}"})
    final = (
        "EndFlowModuleExecution" if spec.kind == "module" else "DisconnectParticipant"
    )
    add(final, {})
    actions[-1]["Transitions"] = {}
    actions[-1]["Identifier"] = "end"
    if len(actions) > 1:
        actions[-2]["Transitions"]["NextAction"] = "end"
    return {
        "Version": "2019-10-30",
        "StartAction": actions[0]["Identifier"],
        "Metadata": {"entryPointPosition": {"x": 40, "y": 40}},
        "Actions": actions,
    }


def manifest_entry(spec: FlowSpec, data: bytes) -> dict[str, Any]:
    folder = "modules" if spec.kind == "module" else "flows"
    links = [
        {"token": f"${{{k.capitalize()}.{t}}}", "target": t, "kind": k}
        for k, t in [*spec.links, *(("flow", h) for h in spec.hooks)]
    ]
    return {
        "name": spec.name,
        "kind": spec.kind,
        "type": spec.type if spec.kind == "flow" else None,
        "description": spec.description,
        "tags": spec.tags,
        "path": f"{folder}/{spec.name}.json",
        "sha256": hashlib.sha256(data).hexdigest(),
        "tokens": sorted({link["token"] for link in links}),
        "lambdas": sorted(set(spec.lambdas)),
        "lex_bots": sorted(set(spec.lex_bots)),
        "links": links,
    }


ProjectMaker = Callable[..., Path]


def write_project(
    root: Path,
    flows: Iterable[FlowSpec],
    *,
    env: str = "test",
    release: dict[str, Any] | None = None,
    connectc_yaml: str | None = None,
    project: str = "example-contact-center",
) -> Path:
    """Write a project under `root` and return `root`."""
    generated = root / "generated" / env
    entries = []
    for spec in flows:
        data = json.dumps(flow_content(spec), ensure_ascii=False, indent=2).encode()
        entry = manifest_entry(spec, data)
        (generated / entry["path"]).parent.mkdir(parents=True, exist_ok=True)
        (generated / entry["path"]).write_bytes(data)
        entries.append(entry)
    manifest = {
        "manifest_version": 1,
        "project": project,
        "environment": env,
        "account": ACCOUNT,
        "region": REGION,
        "instance_arn": INSTANCE,
        "release": RELEASE if release is None else release,
        "flows": entries,
    }
    generated.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (generated / "manifest.json").write_text(text, encoding="utf-8")
    default_yaml = (
        f"project: {project}\n"
        "environments:\n"
        "  test:\n    release: {strategy: in_place}\n"
        "  prod:\n    release: {strategy: versioned, keep: 3}\n"
    )
    (root / "connectc.yaml").write_text(connectc_yaml or default_yaml, encoding="utf-8")
    return root


def example_flows() -> list[FlowSpec]:
    """Four flows sharing one Lambda, a module, a bot and links of every kind."""
    return [
        FlowSpec(
            "SalesEntry",
            lambdas=[LOOKUP],
            links=[("module", "VerifyCustomer"), ("flow", "SupportEntry")],
            tags={"team": "sales"},
            description="営業窓口の入口",
        ),
        FlowSpec(
            "SupportEntry", lambdas=[LOOKUP], lex_bots=[BOT], hooks=["CustomerQueue"]
        ),
        FlowSpec("CustomerQueue", type="CUSTOMER_QUEUE"),
        FlowSpec("VerifyCustomer", kind="module", type=None, lambdas=[VERIFY, LOOKUP]),
    ]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectMaker:
    def make(flows: Iterable[FlowSpec] | None = None, **options: Any) -> Path:
        return write_project(
            tmp_path, example_flows() if flows is None else flows, **options
        )

    return make
