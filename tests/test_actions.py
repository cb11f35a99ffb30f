"""The action table against the reference, the public corpus and itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from connectc import actions
from connectc.actions import ACTIONS, ActionSpec, action_spec
from tests.conftest import require_shared

SHARED = require_shared()
CORPUS = SHARED / "corpus"
REFERENCE = SHARED / "flow-language.md"
SPEC_LANGUAGE = Path(__file__).resolve().parents[1] / "docs" / "spec-language.md"

# An LLM-written 2019-10-30 document that uses pre-2019 module type names.
NEGATIVE_SAMPLES = frozenset({"reactopus-phone-agent__contact-flow.json"})
# Parameters that tool- or LLM-written corpus files invent (file, Type, name).
INVENTED_PARAMS = frozenset(
    {
        ("multi-tenancy-connect__contact_flows__chat_survey_flow.json",
         "GetParticipantInput", "LexBot"),
        ("multi-tenancy-connect__contact_flows__chat_survey_flow.json",
         "GetParticipantInput", "LexIntents"),
    }
)  # fmt: skip
PLACEHOLDER = re.compile(
    r"^(<[^<>]+>|REPLACE_WITH_\w+|\$\{[^}]+\}|%%\w+%%|\{\{\w+\}\}|[A-Z][A-Z ]+)$"
)


@dataclass(frozen=True)
class CorpusFlow:
    name: str
    content: dict[str, Any]
    flow_type: str | None

    @property
    def actions(self) -> list[dict[str, Any]]:
        return list(self.content["Actions"])


def _unwrap(document: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The flow-language object inside an API or CI wrapper, and its API type."""
    document = document.get("ContactFlow", document)
    if "Content" not in document:
        return document, None
    content = document["Content"]
    inner = json.loads(content) if isinstance(content, str) else content
    return inner, document.get("Type")


def _flow_type(content: dict[str, Any], api_type: str | None) -> str | None:
    if api_type:
        return api_type
    designer = str((content.get("Metadata") or {}).get("type"))
    if designer in actions.FLOW_TYPE_BY_DESIGNER:
        return actions.FLOW_TYPE_BY_DESIGNER[designer]
    return "MODULE" if "Settings" in content else None


def _load_corpus() -> list[CorpusFlow]:
    flows = []
    for path in sorted(CORPUS.glob("*.json")):
        if path.name.endswith(".yaml.json"):
            continue  # CloudFormation YAML embedding flows, not JSON
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        content, api_type = _unwrap(document)
        if "modules" in content:
            continue  # the pre-2019 export format
        if content.get("Version") == "2019-10-30" and "Actions" in content:
            flow_type = _flow_type(content, api_type)
            flows.append(CorpusFlow(path.name, content, flow_type))
    return flows


FLOWS = _load_corpus()
REAL_FLOWS = [f for f in FLOWS if f.name not in NEGATIVE_SAMPLES]


def _corpus_actions() -> Iterator[tuple[CorpusFlow, dict[str, Any], ActionSpec]]:
    for flow in REAL_FLOWS:
        for action in flow.actions:
            yield flow, action, ACTIONS[action["Type"]]


def _is_reference_or_placeholder(value: str) -> bool:
    """JSONPath, a template placeholder, or "" (a sample left to be filled)."""
    if not value or value.startswith(("$.", "$[")):
        return True
    return bool(PLACEHOLDER.match(value))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- the corpus ------------------------------------------------------------


def test_corpus_is_found_and_read() -> None:
    assert len(FLOWS) >= 25
    assert {f.name for f in FLOWS} >= NEGATIVE_SAMPLES


@pytest.mark.parametrize("flow", REAL_FLOWS, ids=lambda f: f.name)
def test_every_corpus_type_is_known(flow: CorpusFlow) -> None:
    unknown = {a["Type"] for a in flow.actions} - set(ACTIONS)
    assert not unknown


def test_negative_sample_types_are_legacy() -> None:
    (sample,) = [f for f in FLOWS if f.name in NEGATIVE_SAMPLES]
    types = {a["Type"] for a in sample.actions}
    legacy = types & actions.LEGACY_TYPES
    assert legacy == {"GetUserInput", "InvokeExternalResource"}
    assert types - legacy <= set(ACTIONS)


def test_negative_sample_error_types_are_not_allowed_anywhere() -> None:
    (sample,) = [f for f in FLOWS if f.name in NEGATIVE_SAMPLES]
    used = {
        e["ErrorType"]
        for a in sample.actions
        for e in a.get("Transitions", {}).get("Errors", [])
    }
    allowed = set().union(*(spec.errors for spec in ACTIONS.values()))
    assert used - allowed == {"NoInputProvided", "Lambda"}


def test_corpus_error_types_are_allowed() -> None:
    wrong = [
        (flow.name, action["Identifier"], action["Type"], error["ErrorType"])
        for flow, action, spec in _corpus_actions()
        for error in action.get("Transitions", {}).get("Errors", [])
        if error["ErrorType"] not in spec.errors
    ]
    assert not wrong


def test_corpus_conditions_fit_the_condition_kind() -> None:
    checked = 0
    for flow, action, spec in _corpus_actions():
        used = [c["Condition"] for c in action["Transitions"].get("Conditions", [])]
        operands = {str(c["Operands"][0]) for c in used}
        for condition in used:
            where = (flow.name, action["Identifier"], condition)
            assert spec.conditions != "none", where
            assert condition["Operator"] in spec.operators, where
            checked += 1
        if spec.conditions == "fixed":
            assert operands <= spec.operands, (flow.name, operands)
            assert spec.required_operands <= operands, (flow.name, operands)
        if spec.conditions == "digits":
            assert all(re.fullmatch(r"[0-9*#]", o) for o in operands), operands
    assert checked > 50


def test_corpus_parameters_are_known() -> None:
    unknown = [
        (flow.name, action["Type"], name)
        for flow, action, spec in _corpus_actions()
        for name in action.get("Parameters") or {}
        if name not in spec.params
        and (flow.name, action["Type"], name) not in INVENTED_PARAMS
    ]
    assert not unknown


def test_corpus_has_required_parameters() -> None:
    for flow, action, spec in _corpus_actions():
        present = set(action.get("Parameters") or {})
        for name, param in spec.params.items():
            if param.required and not param.uncertain:
                assert name in present, (flow.name, action["Identifier"], name)
        for group in spec.exactly_one:
            assert len(group & present) == 1, (flow.name, action["Identifier"])
        for group in spec.at_most_one:
            assert len(group & present) <= 1, (flow.name, action["Identifier"])


def test_corpus_resource_values_have_the_right_shape() -> None:
    arns = 0
    for flow, action, spec in _corpus_actions():
        for found in spec.resource_values(action.get("Parameters") or {}):
            where = (flow.name, found.path, found.value)
            if _is_reference_or_placeholder(found.value):
                continue
            if found.resource == "phone":
                assert actions.E164.match(found.value), where
            elif found.value.startswith("arn:"):
                assert actions.ARN_SHAPES[found.resource].match(found.value), where
                arns += 1
            else:  # a bare ID, which Connect accepts for its own resources
                assert found.resource not in ("lambda", "lex"), where
    assert arns >= 5


def test_every_corpus_arn_has_a_known_shape() -> None:
    seen = 0
    for _, action, _ in _corpus_actions():
        for value in _strings(action.get("Parameters") or {}):
            if value.startswith("arn:"):
                shapes = actions.ARN_SHAPES.values()
                assert any(shape.match(value) for shape in shapes), value
                seen += 1
    assert seen >= 15


def test_corpus_actions_are_allowed_in_their_flow_type() -> None:
    typed = [f for f in REAL_FLOWS if f.flow_type]
    assert {f.flow_type for f in typed} >= {
        "CONTACT_FLOW", "MODULE", "AGENT_HOLD", "CUSTOMER_QUEUE", "QUEUE_TRANSFER"
    }  # fmt: skip
    for flow in typed:
        for action in flow.actions:
            spec = ACTIONS[action["Type"]]
            assert flow.flow_type is not None
            allowed = spec.allows_flow_type(flow.flow_type)
            assert allowed or spec.is_uncertain("flow_types"), (flow.name, spec.type)


def test_corpus_terminal_actions_have_empty_transitions() -> None:
    for flow, action, spec in _corpus_actions():
        transitions = action.get("Transitions") or {}
        if spec.terminal:
            assert not any(transitions.values()), (flow.name, action["Identifier"])
        elif not spec.next and not spec.is_uncertain("next"):
            assert "NextAction" not in transitions, (flow.name, spec.type)


# --- the reference ---------------------------------------------------------


def _reference_types() -> set[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    tables = text[text.index("### 2.1") : text.index("### 2.5")]
    rows = re.findall(r"^\| (`[A-Za-z]+`(?: / `[A-Za-z]+`)*) \|", tables, re.M)
    return {name for row in rows for name in re.findall(r"`(\w+)`", row)}


def test_every_reference_type_is_in_the_table() -> None:
    documented = _reference_types()
    assert len(documented) >= 55
    assert documented <= set(ACTIONS)


def test_every_spec_language_verb_lowers_to_a_known_type() -> None:
    text = SPEC_LANGUAGE.read_text(encoding="utf-8")
    verbs = text[text.index("### Verbs") :]
    rows = [line for line in verbs.splitlines() if line.startswith("| `")]
    # The last column names Types; parentheses hold parameters or remarks.
    cells = [re.sub(r"\([^)]*\)", "", row.split("|")[-2]) for row in rows]
    lowered = {n for cell in cells for n in re.findall(r"`([A-Z]\w+)`", cell)}
    lowered.discard("Type")  # the raw `action:` verb carries "any `Type`"
    assert len(lowered) >= 25
    assert lowered <= set(ACTIONS)


# --- the table itself ------------------------------------------------------

SPECS = list(ACTIONS.values())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_action_spec_is_consistent(spec: ActionSpec) -> None:
    assert ACTIONS[spec.type] is spec
    assert spec.required_errors <= spec.errors
    assert spec.operators <= actions.OPERATORS
    assert (spec.conditions == "none") == (not spec.operators)
    assert (spec.conditions == "fixed") == bool(spec.operands)
    assert spec.required_operands <= spec.operands
    assert spec.flow_types is None or spec.flow_types <= set(actions.FLOW_TYPES)
    assert spec.flow_types != frozenset()
    assert spec.channels is None or spec.channels <= actions.CHANNELS
    assert spec.channels != frozenset()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_terminal_actions_have_no_way_out(spec: ActionSpec) -> None:
    if spec.terminal:
        assert not spec.next and not spec.errors and spec.conditions == "none"
    else:
        assert spec.next or spec.errors or spec.conditions != "none"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_uncertain_names_known_facts(spec: ActionSpec) -> None:
    for fact in spec.uncertain:
        kind, _, value = fact.partition(":")
        if kind == "error":
            assert value in spec.errors, fact
        elif kind == "operand":
            assert value in spec.operands, fact
        else:
            assert fact in actions.FACTS, fact


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.type)
def test_resource_paths_start_at_parameters(spec: ActionSpec) -> None:
    for where in spec.resources:
        assert where.resource in actions.RESOURCE_KINDS
        assert where.path[0] in spec.params, where
    top = {w.path[0] for w in spec.resources if len(w.path) == 1}
    assert top == {n for n, p in spec.params.items() if p.resource is not None}
    for group in (*spec.exactly_one, *spec.at_most_one):
        assert len(group) >= 2 and group <= set(spec.params), group


def test_known_facts_from_the_reference() -> None:
    assert ACTIONS["CheckHoursOfOperation"].required_operands == {"True", "False"}
    assert ACTIONS["Loop"].operands == {"ContinueLooping", "DoneLooping"}
    assert "WaitCompleted" in ACTIONS["Wait"].required_operands
    assert ACTIONS["TransferContactToQueue"].required_errors == {
        "QueueAtCapacity", "NoMatchingError"
    }  # fmt: skip
    assert ACTIONS["EndFlowModuleExecution"].flow_types == frozenset({"MODULE"})
    dequeue = ACTIONS["DequeueContactAndTransferToQueue"]
    assert dequeue.flow_types == frozenset({"CUSTOMER_QUEUE"})
    assert not ACTIONS["MessageParticipant"].allows_flow_type("AGENT_HOLD")
    assert ACTIONS["GetParticipantInput"].conditions == "digits"
    assert ACTIONS["ConnectParticipantWithLexBot"].conditions == "intents"
    assert ACTIONS["Compare"].params["ComparisonValue"].dynamic == "ref"
    assert ACTIONS["UpdateContactTargetQueue"].params["QueueId"].resource == "queue"
    for type_ in (
        "DisconnectParticipant",
        "EndFlowExecution",
        "TransferContactToAgent",
    ):
        assert ACTIONS[type_].terminal


def test_nested_resources_are_declared() -> None:
    def kinds(type_: str) -> dict[tuple[str, ...], str]:
        return {w.path: w.resource for w in ACTIONS[type_].resources}

    assert kinds("ConnectParticipantWithLexBot")[("LexV2Bot", "AliasArn")] == "lex"
    assert kinds("ShowView")[("ViewResource", "Id")] == "view"
    assert kinds("UpdateContactEventHooks")[("EventHooks", "*")] == "flow"
    processor = ("ChatProcessor", "LambdaProcessorARN")
    assert kinds("UpdateContactMediaProcessing")[processor] == "lambda"
    assert kinds("StartOutboundChatContact")[("SourceEndpoint", "Address")] == (
        "phone_arn"
    )


def test_uncertainty_lookups() -> None:
    compare = ACTIONS["Compare"]
    assert compare.is_uncertain("error:NoMatchingError")
    assert not compare.is_uncertain("error:NoMatchingCondition")
    assert ACTIONS["UpdateContactTextToSpeechVoice"].is_uncertain("error:X")
    assert ACTIONS["CheckVoiceId"].is_uncertain("operand:NotEnrolled")
    assert ACTIONS["UpdateRoutingCriteria"].is_uncertain("type")
    assert not ACTIONS["UpdateContactRoutingCriteria"].is_uncertain("type")
    assert ACTIONS["UpdateContactData"].params["TargetContact"].uncertain


def test_action_spec_lookup() -> None:
    assert action_spec("Compare") is ACTIONS["Compare"]
    assert action_spec("InvokeExternalResource") is None
    assert action_spec("compare") is None


def test_resource_values_follow_wildcards() -> None:
    hooks = ACTIONS["UpdateContactEventHooks"].resource_values(
        {"EventHooks": {"CustomerQueue": "arn:q", "AgentWhisper": "$.x"}}
    )
    assert {(v.path, v.value) for v in hooks} == {
        (("EventHooks", "CustomerQueue"), "arn:q"),
        (("EventHooks", "AgentWhisper"), "$.x"),
    }
    messages = ACTIONS["MessageParticipantIteratively"].resource_values(
        {"Messages": [{"Text": "hi"}, {"PromptId": "p1"}, "odd", {"PromptId": 3}]}
    )
    assert [(v.path, v.resource) for v in messages] == [
        (("Messages", 1, "PromptId"), "prompt")
    ]
    assert not list(ACTIONS["ShowView"].resource_values({"ViewResource": "x"}))
    assert not list(ACTIONS["ShowView"].resource_values(None))


# --- the other tables ------------------------------------------------------


def test_legacy_names_are_not_action_types() -> None:
    assert not actions.LEGACY_TYPES & set(ACTIONS)
    assert not (actions.UNVERIFIED_TYPES | actions.REJECTED_TYPES) & set(ACTIONS)
    assert set(actions.LEGACY_EQUIVALENTS) <= actions.LEGACY_TYPES
    assert set(actions.LEGACY_EQUIVALENTS.values()) <= set(ACTIONS)
    assert {"PlayPrompt", "GetUserInput", "InvokeExternalResource"} <= (
        actions.LEGACY_TYPES
    )


def test_event_hooks() -> None:
    targets = {t for t in actions.EVENT_HOOKS.values() if t is not None}
    assert targets <= set(actions.FLOW_TYPES)
    assert actions.EVENT_HOOKS["CustomerQueue"] == "CUSTOMER_QUEUE"
    assert actions.EVENT_HOOKS["DefaultAgentUI"] is None
    assert {"CustomerRemaining"} == actions.EVENT_HOOKS_UNCERTAIN
    assert set(actions.EVENT_HOOK_FLOW_TYPES) <= set(actions.EVENT_HOOKS)
    for flow_types in actions.EVENT_HOOK_FLOW_TYPES.values():
        assert flow_types is None or flow_types <= set(actions.FLOW_TYPES)


def test_corpus_event_hook_keys_are_known() -> None:
    used = {
        key
        for _, action, _ in _corpus_actions()
        if action["Type"] == "UpdateContactEventHooks"
        for key in action["Parameters"]["EventHooks"]
    }
    assert used and used <= set(actions.EVENT_HOOKS)


def test_flow_types_have_unique_names() -> None:
    types = actions.FLOW_TYPES.values()
    assert len({t.spec for t in types}) == len(types)
    assert actions.FLOW_TYPE_BY_SPEC["contact_flow"] == "CONTACT_FLOW"
    assert actions.FLOW_TYPE_BY_DESIGNER["customerQueue"] == "CUSTOMER_QUEUE"
    assert actions.FLOW_TYPE_BY_DESIGNER["queueTransfer"] == "QUEUE_TRANSFER"
    assert "MODULE" not in actions.CONTACT_FLOW_TYPES
    assert len(actions.CONTACT_FLOW_TYPES) == 10
    for flow_type in types:
        assert flow_type.spec == flow_type.api.lower()


def test_namespaces() -> None:
    assert set(actions.NAMESPACES.values()) <= {"map", "leaf", "tree"}
    assert actions.NAMESPACES["Attributes"] == "map"
    assert actions.NAMESPACES["External"] == "map"
    assert actions.NAMESPACES["Channel"] == "leaf"
    assert actions.NAMESPACES["StoredCustomerInput"] == "leaf"
    assert actions.NAMESPACES["Queue"] == "tree"
    assert set(actions.NAMESPACES) >= actions.NAMESPACES_UNCERTAIN
    assert set(actions.NAMESPACE_FLOW_TYPES) <= set(actions.NAMESPACES)


def test_corpus_references_use_known_namespaces() -> None:
    reference = re.compile(r"\$\.([A-Za-z]+)")
    used = {
        match
        for _, action, _ in _corpus_actions()
        for value in _strings(action.get("Parameters") or {})
        for match in reference.findall(value)
    }
    assert len(used) >= 5
    assert used <= set(actions.NAMESPACES)


ARN_EXAMPLES = {
    "queue": "arn:aws:connect:ap-northeast-1:111122223333:instance/i-1/queue/q-1",
    "prompt": "arn:aws:connect:us-east-1:111122223333:instance/i/prompt/p",
    "flow": "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f",
    "module": "arn:aws:connect:us-east-1:111122223333:instance/i/flow-module/m",
    "lambda": "arn:aws:lambda:us-east-1:111122223333:function:lookup:live",
    "lex": "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT123/ALIAS1",
    "phone_arn": "arn:aws:connect:us-east-1:111122223333:phone-number/abc",
}


@pytest.mark.parametrize("kind", sorted(ARN_EXAMPLES))
def test_arn_shapes_accept_their_own_kind_only(kind: str) -> None:
    shape = actions.ARN_SHAPES[kind]
    assert shape.match(ARN_EXAMPLES[kind])
    for other, arn in ARN_EXAMPLES.items():
        assert other == kind or not shape.match(arn), other


def test_arn_shapes_cover_every_resource_kind() -> None:
    assert set(actions.ARN_SHAPES) == actions.RESOURCE_KINDS - {"phone"}
    assert set(actions.ARN_SHAPES) > actions.ARN_SHAPES_UNCERTAIN
    assert actions.E164.match("+815012345678")
    assert not actions.E164.match("05012345678")


def test_limits() -> None:
    assert actions.MAX_ACTIONS == 250
    assert actions.MAX_CONTENT_CHARS == 256_000
    assert actions.MAX_IDENTIFIER == 50
    assert set("%:()\\/=$,;[]{}") == actions.FORBIDDEN_IDENTIFIER_CHARS
    assert "__proto__" in actions.RESERVED_IDENTIFIERS
    assert len(actions.RESERVED_IDENTIFIERS) == 10
    assert (actions.LAMBDA_SYNC_MAX, actions.LAMBDA_ASYNC_MAX) == (8, 60)
    assert (actions.WAIT_MAX, actions.LOOP_MAX) == (604_800, 100)
