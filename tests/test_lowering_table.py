"""The lowering and the per-action table agree: every typed verb emits only
parameters, error types, operators and operands that `connectc.actions`
allows for the action's Type (the raw `action:` verb is checked by the passes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connectc import actions
from connectc.build import compile_project
from tests.test_verbs import lower

VERB_SAMPLES: list[dict[str, Any]] = [
    {"play": "こんにちは", "next": "x", "error": "y"},
    {
        "play_loop": {"messages": [{"text": "a"}], "interrupt_every": "30s"},
        "interrupted": "x",
        "error": "y",
    },
    {
        "menu": {"text": "1 or 2", "terminator": "#", "interdigit": "3s"},
        "options": {"1": "x"},
        "no_match": "y",
        "timeout": "y",
        "error": "y",
    },
    {
        "input": {
            "text": "n",
            "validate": {"max_length": 8},
            "encrypt": {"key_id": "k", "key": "pem"},
        },
        "next": "x",
        "timeout": "y",
        "error": "y",
    },
    {
        "input": {"text": "n", "validate": "phone"},
        "next": "x",
        "invalid_number": "y",
        "timeout": "y",
    },
    {
        "lex": {
            "bot": "${Lex.B}",
            "text": "t",
            "session_attributes": {"a": "b"},
            "timeout": "60s",
            "initial_message": "hi",
        },
        "intents": {"Order": "x"},
        "no_match": "y",
        "timeout": "y",
        "error": "y",
    },
    {
        "lambda": {
            "function": "${Lambda.F}",
            "async": True,
            "parameters": {"a": "b"},
            "response": "json",
        },
        "next": "x",
        "error": "y",
    },
    {"set_attributes": {"a": "b"}, "contact": "related", "next": "x", "error": "y"},
    {"set_flow_attributes": {"a": "b"}, "next": "x", "error": "y"},
    {"set_queue": "${Agent.A}", "next": "x", "error": "y"},
    {"transfer_to_queue": "${Queue.Q}", "at_capacity": "x", "error": "y"},
    {"transfer_to_flow": "${Flow.F}", "error": "y"},
    {
        "transfer_to_phone": {
            "number": "${PhoneNumber.P}",
            "timeout": "30s",
            "continue": True,
            "dtmf": "1#",
            "caller_id": {"number": "${PhoneNumber.C}", "name": "n"},
        },
        "next": "x",
        "timeout": "y",
        "call_failed": "y",
        "error": "y",
    },
    {"check_hours": "${Hours.H}", "open": "x", "closed": "y", "error": "y"},
    {
        "check_staffing": {"metric": "staffed", "queue": "${Queue.Q}"},
        "yes": "x",
        "no": "y",
        "error": "y",
    },
    {
        "check_queue": {"metric": "contacts_in_queue"},
        "cases": [{"op": ">", "value": 5, "goto": "x"}],
        "otherwise": "y",
        "error": "y",
    },
    {
        "branch": [
            {
                "when": '$.Attributes.a != "1" and $.Attributes.b contains "x"',
                "goto": "x",
            }
        ],
        "otherwise": "y",
        "error": "y",
    },
    {"split": [{"percent": 10, "goto": "x"}, {"goto": "y"}]},
    {
        "set_hooks": {"customer_queue": "${Flow.Q}", "agent_whisper": "${Flow.W}"},
        "next": "x",
        "error": "y",
    },
    {"invoke_module": "${Module.M}", "next": "x", "error": "y"},
    {"loop": 2, "body": "x", "done": "y"},
    {
        "wait": {"duration": "5m", "events": ["customer_returned", "bot_disconnected"]},
        "next": "x",
        "customer_returned": "y",
        "bot_disconnected": "y",
        "error": "y",
    },
    {
        "recording": {
            "participants": ["agent", "customer"],
            "ivr": True,
            "screen": True,
        },
        "next": "x",
    },
    {"logging": False, "next": "x"},
    {
        "voice": {"name": "Takumi", "engine": "neural", "style": "conversational"},
        "next": "x",
        "error": "y",
    },
    {"priority": {"adjust": "2m"}, "next": "x"},
    {
        "callback_number": "$.StoredCustomerInput",
        "next": "x",
        "invalid_number": "y",
        "not_dialable": "y",
    },
    {
        "create_callback": {
            "queue": "${Queue.Q}",
            "delay": "1m",
            "attempts": 3,
            "retry_delay": "10m",
            "flow": "${Flow.O}",
            "caller_id": "${PhoneNumber.C}",
        },
        "next": "x",
        "error": "y",
    },
    {
        "create_task": {
            "name": "t",
            "flow": "${Flow.T}",
            "description": "d",
            "attributes": {"a": "b"},
            "references": {},
            "delay": "1h",
            "template": "${TaskTemplate.T}",
        },
        "next": "x",
        "error": "y",
    },
    {"disconnect": {}},
]


def check_action(action: dict[str, Any]) -> list[str]:
    spec = actions.ACTIONS[action["Type"]]
    problems = [
        f"parameter {name}" for name in action["Parameters"] if name not in spec.params
    ]
    transitions = action["Transitions"]
    for error in transitions.get("Errors", ()):
        if error["ErrorType"] not in spec.errors:
            problems.append(f"error {error['ErrorType']}")
    for condition in transitions.get("Conditions", ()):
        operator = condition["Condition"]["Operator"]
        (operand,) = condition["Condition"]["Operands"]
        if spec.operators and operator not in spec.operators:
            problems.append(f"operator {operator}")
        if spec.operands and operand not in spec.operands:
            problems.append(f"operand {operand}")
    if spec.terminal and transitions:
        problems.append("transitions on a terminal action")
    if "NextAction" in transitions and not spec.next:
        problems.append("NextAction")
    return problems


@pytest.mark.parametrize("block", VERB_SAMPLES, ids=lambda b: next(iter(b)))
def test_typed_verbs_emit_what_the_table_allows(block: dict[str, Any]) -> None:
    emitted, codes = lower(block)
    assert emitted and codes == []
    for action in emitted:
        assert check_action(action) == [], action


def test_the_example_emits_what_the_table_allows(example: Path) -> None:
    result = compile_project(example / "specs", "prod")
    for flow in result.flows:
        for action in flow.content["Actions"]:
            assert check_action(action) == [], (flow.name, action["Identifier"])


def test_every_typed_verb_is_sampled() -> None:
    from connectc import model

    sampled = {next(iter(b)) for b in VERB_SAMPLES}
    assert set(model.VERBS) - sampled <= {"action", "return", "end"}
