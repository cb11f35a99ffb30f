"""Lowering of individual verbs: the flow-language each block becomes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connectc import loader
from connectc.diagnostics import Diagnostics
from connectc.ir import Project
from connectc.passes.lower_blocks import lower_blocks
from connectc.yamlio import SourceMap


def lower(
    block: dict[str, Any],
    flow_type: str = "contact_flow",
) -> tuple[list[dict[str, Any]], list[str]]:
    blocks = {"b": block, "x": {"disconnect": {}}, "y": {"disconnect": {}}}
    data = {"flow": "F", "type": flow_type, "start": "b", "blocks": blocks}
    diagnostics = Diagnostics()
    flow = loader.load_flow(data, SourceMap("f.yaml", ""), Path("f.yaml"), diagnostics)
    assert flow is not None, [d.message for d in diagnostics]
    lower_blocks(Project(Path("."), "p", {}, [flow]), diagnostics)
    mine = [a for a in flow.actions if flow.action_blocks[a["Identifier"]] == "b"]
    return mine, [d.code for d in diagnostics]


def test_set_attributes_on_the_related_contact() -> None:
    (action,), codes = lower(
        {"set_attributes": {"k": "v"}, "contact": "related", "next": "x"}
    )
    assert codes == []
    assert action["Parameters"] == {
        "Attributes": {"k": "v"},
        "TargetContact": "Related",
    }


def test_set_attributes_without_contact_leaves_it_out() -> None:
    (action,), _ = lower({"set_attributes": {"k": "v"}, "next": "x"})
    assert action["Parameters"] == {"Attributes": {"k": "v"}}


def test_loop_with_next_and_error() -> None:
    (action,), _ = lower(
        {"loop": 3, "body": "x", "done": "y", "next": "y", "error": "x"}
    )
    transitions = action["Transitions"]
    assert transitions["NextAction"] == "y"
    assert transitions["Errors"] == [
        {"NextAction": "x", "ErrorType": "NoMatchingError"}
    ]
    operands = [c["Condition"]["Operands"] for c in transitions["Conditions"]]
    assert operands == [["ContinueLooping"], ["DoneLooping"]]
    assert action["Parameters"] == {"LoopCount": "3"}


def test_branch_errors_apply_to_every_compare() -> None:
    actions, _ = lower(
        {
            "branch": [
                {"when": '$.Attributes.a == "1" and $.Attributes.b == "2"', "goto": "x"}
            ],
            "otherwise": "y",
            "error": "y",
        }
    )
    assert len(actions) == 2
    for action in actions:
        kinds = [e["ErrorType"] for e in action["Transitions"]["Errors"]]
        assert kinds == ["NoMatchingCondition", "NoMatchingError"]


def test_split_thresholds_are_cumulative() -> None:
    (action,), codes = lower(
        {
            "split": [
                {"percent": 20, "goto": "x"},
                {"percent": 30, "goto": "y"},
                {"goto": "x"},
            ]
        }
    )
    assert codes == []
    conditions = action["Transitions"]["Conditions"]
    assert [c["Condition"]["Operands"][0] for c in conditions] == ["21", "51"]
    assert {c["Condition"]["Operator"] for c in conditions} == {"NumberLessThan"}
    assert action["Transitions"]["Errors"] == [
        {"NextAction": "x", "ErrorType": "NoMatchingCondition"}
    ]


@pytest.mark.parametrize(
    "cases",
    [
        [{"percent": 60, "goto": "x"}, {"percent": 60, "goto": "y"}],
        [{"goto": "x"}, {"percent": 10, "goto": "y"}],
    ],
)
def test_split_percentages_must_add_up(cases: list[dict[str, Any]]) -> None:
    _, codes = lower({"split": cases})
    assert "CC0013" in codes


def test_transfer_to_queue_sets_the_queue_first() -> None:
    actions, _ = lower(
        {"transfer_to_queue": "${Queue.Sales}", "at_capacity": "x", "error": "y"}
    )
    assert [a["Type"] for a in actions] == [
        "UpdateContactTargetQueue",
        "TransferContactToQueue",
    ]
    assert actions[0]["Transitions"]["NextAction"] == "b_2"
    errors = actions[1]["Transitions"]["Errors"]
    assert errors[0] == {"NextAction": "x", "ErrorType": "QueueAtCapacity"}


def test_transfer_to_queue_in_a_customer_queue_flow() -> None:
    (action,), _ = lower(
        {"transfer_to_queue": "${Agent.Sato}", "error": "y"}, flow_type="customer_queue"
    )
    assert action["Type"] == "DequeueContactAndTransferToQueue"
    assert action["Parameters"] == {"AgentId": "${Agent.Sato}"}


def test_check_staffing_no_is_next_action() -> None:
    (action,), _ = lower(
        {"check_staffing": {"metric": "available"}, "yes": "x", "no": "y"}
    )
    assert action["Parameters"] == {"MetricType": "NumberOfAgentsAvailable"}
    assert action["Transitions"]["NextAction"] == "y"
    (condition,) = action["Transitions"]["Conditions"]
    assert condition["Condition"] == {
        "Operator": "NumberGreaterThan",
        "Operands": ["0"],
    }


def test_input_phone_validation_local() -> None:
    (action,), _ = lower(
        {
            "input": {
                "text": "番号を",
                "timeout": "10s",
                "validate": {"phone": {"country": "JP"}},
                "terminator": "#",
            },
            "next": "x",
            "invalid_number": "y",
        }
    )
    params = action["Parameters"]
    assert params["StoreInput"] == "True"
    assert params["InputValidation"] == {
        "PhoneNumberValidation": {"NumberFormat": "Local", "CountryCode": "JP"}
    }
    assert params["DTMFConfiguration"] == {"InputTerminationSequence": "#"}
    assert params["InputTimeLimitSeconds"] == "10"


def test_input_requires_validation() -> None:
    _, codes = lower({"input": {"text": "番号を"}, "next": "x"})
    assert codes == ["CC0008"]


def test_lambda_writes_invocation_type_only_when_asked() -> None:
    (plain,), _ = lower({"lambda": "${Lambda.X}", "next": "x"})
    assert plain["Parameters"] == {
        "LambdaFunctionARN": "${Lambda.X}",
        "InvocationTimeLimitSeconds": "8",
    }
    (full,), _ = lower(
        {
            "lambda": {
                "function": "${Lambda.X}",
                "async": True,
                "timeout": "1m",
                "response": "json",
            },
            "next": "x",
        }
    )
    assert full["Parameters"]["InvocationType"] == "ASYNCHRONOUS"
    assert full["Parameters"]["InvocationTimeLimitSeconds"] == "60"
    assert full["Parameters"]["ResponseValidation"] == {"ResponseType": "JSON"}


def test_set_hooks_chain_one_action_per_hook() -> None:
    actions, _ = lower(
        {
            "set_hooks": {"customer_queue": "${Flow.Q}", "disconnect": "${Flow.D}"},
            "next": "x",
        }
    )
    assert [a["Parameters"]["EventHooks"] for a in actions] == [
        {"CustomerQueue": "${Flow.Q}"},
        {"CustomerRemaining": "${Flow.D}"},
    ]
    assert [a["Transitions"]["NextAction"] for a in actions] == ["b_2", "x"]


def test_raw_action_is_verbatim() -> None:
    (action,), _ = lower(
        {
            "action": {
                "type": "CreateCase",
                "parameters": {"LinkContactToCase": "true", "Nested": {"n": 1}},
            },
            "next": "x",
            "errors": {"ContactNotLinked": "y"},
            "conditions": [{"operator": "Equals", "value": "a", "goto": "y"}],
        }
    )
    assert action["Type"] == "CreateCase"
    assert action["Parameters"] == {"LinkContactToCase": "true", "Nested": {"n": 1}}
    assert action["Transitions"]["Errors"] == [
        {"NextAction": "y", "ErrorType": "ContactNotLinked"}
    ]
    assert action["Transitions"]["Conditions"][0]["Condition"] == {
        "Operator": "Equals",
        "Operands": ["a"],
    }


def test_play_picks_prompt_text_or_ssml() -> None:
    (prompt,), _ = lower({"play": "${Prompt.Hello}", "next": "x"})
    (ssml,), _ = lower({"play": "<speak>こんにちは</speak>", "next": "x"})
    (text,), _ = lower({"play": "こんにちは", "next": "x"})
    assert list(prompt["Parameters"]) == ["PromptId"]
    assert list(ssml["Parameters"]) == ["SSML"]
    assert list(text["Parameters"]) == ["Text"]


def test_wait_events_become_conditions() -> None:
    (action,), _ = lower(
        {
            "wait": {"duration": "5m", "events": ["customer_returned"]},
            "next": "x",
            "customer_returned": "y",
        }
    )
    assert action["Parameters"] == {
        "TimeLimitSeconds": "300",
        "Events": ["CustomerReturned"],
    }
    operands = [
        c["Condition"]["Operands"][0] for c in action["Transitions"]["Conditions"]
    ]
    assert operands == ["WaitCompleted", "CustomerReturned"]


@pytest.mark.parametrize(
    ("when", "operand"),
    [("$.Attributes.n == 10.0", "10.0"), ("$.Attributes.n > -0.5", "-0.5")],
)
def test_numbers_reach_connect_as_written(when: str, operand: str) -> None:
    (action,), codes = lower(
        {"branch": [{"when": when, "goto": "x"}], "otherwise": "y"}
    )
    assert codes == []
    (condition,) = action["Transitions"]["Conditions"]
    assert condition["Condition"]["Operands"] == [operand]


@pytest.mark.parametrize("number", ["1e400", "-1e-07", "12345678901234567890123"])
def test_numbers_that_connect_cannot_read_exactly(number: str) -> None:
    _, codes = lower(
        {
            "branch": [{"when": f"$.Attributes.n > {number}", "goto": "x"}],
            "otherwise": "y",
        }
    )
    assert codes == ["CC1004"]
