"""Deploy compiled flows with the AWS CDK: plan, constructs, synth and access stack.

The pure parts (`find_link_cycles`, `plan_deploy`, release settings) import no
CDK, so build and check run without Node. The constructs, `synth` and the access
stack load `aws_cdk` on first use of their names here (PEP 562 `__getattr__`).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from connectc.cdk.links import find_link_cycles
from connectc.cdk.manifest import Manifest, ManifestError, load_manifest
from connectc.cdk.plan import DeployPlan, output_keys, plan_deploy
from connectc.cdk.release import ReleaseSettings, read_release_settings

# jsii prints a large banner on stderr for every Node release it no longer
# supports; connectc reports problems as diagnostics, so silence it unless the
# user asked for something else.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,21,23")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")

_LAZY = {
    "ConnectFlows": "connectc.cdk.flows",
    "ConnectIntegrations": "connectc.cdk.flows",
    "ConnectRelease": "connectc.cdk.flows",
    "ReleaseStacks": "connectc.cdk.flows",
    "add_release_stacks": "connectc.cdk.flows",
    "DeployAccessStack": "connectc.cdk.access",
    "build_app": "connectc.cdk.synthesis",
    "synth": "connectc.cdk.synthesis",
    "SynthResult": "connectc.cdk.synthesis",
}

__all__ = [
    "DeployPlan",
    "Manifest",
    "ManifestError",
    "ReleaseSettings",
    "find_link_cycles",
    "load_manifest",
    "output_keys",
    "plan_deploy",
    "read_release_settings",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'connectc.cdk' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
