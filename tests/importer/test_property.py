"""Property: for random valid flows, build(import(x), env=source) equals x."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectc import flowdiff
from connectc.build import compile_project
from connectc.diagnostics import Diagnostics
from connectc.importer import import_paths

ACCOUNT = "arn:aws:connect:us-east-1:123456789012"
PLACE = f"{ACCOUNT}:instance/0b8c1e5d-6f47-4a55-9c8e-1d2f3a4b5c6d"
Draw = st.DrawFn
Action = dict[str, Any]

words = st.text(
    alphabet=st.sampled_from(list("abcdefghij KLMNOP 0123.,!?こんにちは😀")),
    min_size=1,
    max_size=30,
)
references = st.sampled_from(
    ["$.Attributes.tier", "$.External.name", "$.CustomerEndpoint.Address"]
)
texts = st.builds(
    lambda a, ref, b: f"{a} {ref} {b}".strip() if ref else a,
    words,
    st.none() | references,
    st.just("") | words,
)
resource_ids = st.uuids().map(str)


def arn(kind: str) -> st.SearchStrategy[str]:
    return resource_ids.map(lambda ident: f"{PLACE}/{kind}/{ident}")


identifiers = st.uuids().map(str) | st.from_regex(
    r"[A-Za-z][A-Za-z0-9 _#*-]{0,20}[A-Za-z0-9]", fullmatch=True
)


def errors(draw: Draw, targets: st.SearchStrategy[str], *kinds: str) -> list[Any]:
    chosen = draw(st.lists(st.sampled_from(kinds), unique=True)) if kinds else []
    return [{"NextAction": draw(targets), "ErrorType": kind} for kind in chosen]


def condition(operator: str, operand: str, target: str) -> dict[str, Any]:
    return {
        "NextAction": target,
        "Condition": {"Operator": operator, "Operands": [operand]},
    }


def play(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    key = draw(st.sampled_from(["Text", "SSML"]))
    text = draw(texts)
    value = f"<speak>{text}</speak>" if key == "SSML" else text
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "NoMatchingError"),
    }
    return {
        "Type": "MessageParticipant",
        "Parameters": {key: value},
        "Transitions": transitions,
    }


def set_attributes(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    attributes = draw(
        st.dictionaries(
            st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
            texts,
            min_size=1,
            max_size=3,
        )
    )
    parameters: dict[str, Any] = {"Attributes": attributes}
    if draw(st.booleans()):
        parameters["TargetContact"] = "Current"
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "NoMatchingError"),
    }
    return {
        "Type": "UpdateContactAttributes",
        "Parameters": parameters,
        "Transitions": transitions,
    }


def compare(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    numeric = draw(st.booleans())
    if numeric:
        operands = draw(
            st.lists(st.integers(0, 999).map(str), min_size=1, max_size=3, unique=True)
        )
        operator = draw(st.sampled_from(["NumberGreaterThan", "NumberLessThan"]))
    else:
        operands = draw(st.lists(words, min_size=1, max_size=3, unique=True))
        operator = "Equals"
    conditions = [condition(operator, o, draw(targets)) for o in operands]
    fallback = draw(targets)
    transitions: dict[str, Any] = {
        "Conditions": conditions,
        "Errors": [{"NextAction": fallback, "ErrorType": "NoMatchingCondition"}],
    }
    if draw(st.booleans()):
        transitions["NextAction"] = fallback
    return {
        "Type": "Compare",
        "Parameters": {"ComparisonValue": draw(references)},
        "Transitions": transitions,
    }


def menu(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    parameters: dict[str, Any] = {
        "Text": draw(texts),
        "InputTimeLimitSeconds": str(draw(st.integers(1, 30))),
    }
    if draw(st.booleans()):
        parameters["StoreInput"] = "False"
    digits = draw(
        st.lists(st.sampled_from(list("0123456789*#")), max_size=4, unique=True)
    )
    transitions = {
        "NextAction": draw(targets),
        "Conditions": [condition("Equals", d, draw(targets)) for d in digits],
        "Errors": errors(
            draw,
            targets,
            "NoMatchingError",
            "NoMatchingCondition",
            "InputTimeLimitExceeded",
        ),
    }
    return {
        "Type": "GetParticipantInput",
        "Parameters": parameters,
        "Transitions": transitions,
    }


def invoke_lambda(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    name = draw(st.from_regex(r"[a-z][a-z0-9-]{2,12}", fullmatch=True))
    parameters: dict[str, Any] = {
        "LambdaFunctionARN": (
            f"arn:aws:lambda:us-east-1:123456789012:function:{name}:live"
        ),
        "InvocationTimeLimitSeconds": str(draw(st.integers(1, 8))),
    }
    if draw(st.booleans()):
        parameters["ResponseValidation"] = {
            "ResponseType": draw(st.sampled_from(["STRING_MAP", "JSON"]))
        }
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "NoMatchingError"),
    }
    return {
        "Type": "InvokeLambdaFunction",
        "Parameters": parameters,
        "Transitions": transitions,
    }


def set_queue(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "NoMatchingError"),
    }
    return {
        "Type": "UpdateContactTargetQueue",
        "Parameters": {"QueueId": draw(arn("queue"))},
        "Transitions": transitions,
    }


def transfer(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "QueueAtCapacity", "NoMatchingError"),
    }
    return {
        "Type": "TransferContactToQueue",
        "Parameters": {},
        "Transitions": transitions,
    }


def hooks(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    hook = draw(st.sampled_from(["CustomerQueue", "AgentWhisper", "CustomerRemaining"]))
    transitions = {
        "NextAction": draw(targets),
        "Errors": errors(draw, targets, "NoMatchingError"),
    }
    return {
        "Type": "UpdateContactEventHooks",
        "Parameters": {"EventHooks": {hook: draw(arn("contact-flow"))}},
        "Transitions": transitions,
    }


def loop(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    transitions = {
        "Conditions": [
            condition("Equals", "ContinueLooping", draw(targets)),
            condition("Equals", "DoneLooping", draw(targets)),
        ]
    }
    return {
        "Type": "Loop",
        "Parameters": {"LoopCount": str(draw(st.integers(0, 5)))},
        "Transitions": transitions,
    }


def future(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    type_ = "Future" + draw(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True))
    parameters = draw(
        st.dictionaries(
            st.from_regex(r"[A-Z][A-Za-z]{0,8}", fullmatch=True),
            words | st.lists(words, max_size=2),
            max_size=3,
        )
    )
    return {
        "Type": type_,
        "Parameters": parameters,
        "Transitions": {"NextAction": draw(targets)},
    }


def disconnect(draw: Draw, targets: st.SearchStrategy[str]) -> Action:
    return {"Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


KINDS: list[Callable[[Draw, st.SearchStrategy[str]], Action]] = [
    play, set_attributes, compare, menu, invoke_lambda, set_queue, transfer, hooks,
    loop, future, disconnect,
]  # fmt: skip


@st.composite
def flows(draw: Draw) -> dict[str, Any]:
    names = draw(st.lists(identifiers, min_size=1, max_size=7, unique_by=str.casefold))
    targets = st.sampled_from(names)
    actions = []
    for name in names:
        action = draw(st.sampled_from(KINDS))(draw, targets)
        actions.append({"Identifier": name, **action})
    positions = {
        name: {"position": {"x": i * 10.5, "y": 3}} for i, name in enumerate(names)
    }
    return {
        "Version": "2019-10-30",
        "StartAction": names[0],
        "Metadata": {
            "entryPointPosition": {"x": 1, "y": 1},
            "ActionMetadata": positions,
        },
        "Actions": actions,
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(flows())
def test_random_flows_round_trip(content: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        export = root / "Random Flow.json"
        export.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        diagnostics = Diagnostics()
        summary = import_paths(
            [export], "dev", root / "project", force=False, dry_run=False,
            format="spec", diagnostics=diagnostics,
        )  # fmt: skip
        assert summary.written, [str(d.message) for d in diagnostics]
        compilation = compile_project(root / "project" / "specs", "dev")
        (built,) = compilation.flows
        differences = flowdiff.compare(content, built.content)
        assert differences == [], [str(d) for d in differences]
