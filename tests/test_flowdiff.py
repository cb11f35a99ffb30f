"""flowdiff: equality in meaning, and the differences it reports block by block."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest

from connectc import flowdiff
from connectc.diagnostics import Diagnostics
from connectc.importer.readers import read_paths
from tests.conftest import CORPUS


def flow() -> dict[str, Any]:
    return {
        "Version": "2019-10-30",
        "StartAction": "menu",
        "Metadata": {"ActionMetadata": {"menu": {"position": {"x": 1, "y": 2}}}},
        "Actions": [
            {
                "Identifier": "menu",
                "Type": "GetParticipantInput",
                "Parameters": {"Text": "Press 1 or 2", "InputTimeLimitSeconds": "5"},
                "Transitions": {
                    "NextAction": "bye",
                    "Conditions": [
                        {
                            "NextAction": "sales",
                            "Condition": {"Operator": "Equals", "Operands": ["1"]},
                        },
                        {
                            "NextAction": "bye",
                            "Condition": {"Operator": "Equals", "Operands": ["2"]},
                        },
                    ],
                    "Errors": [
                        {"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                        {"NextAction": "bye", "ErrorType": "NoMatchingError"},
                    ],
                },
            },
            {
                "Identifier": "sales",
                "Type": "TransferContactToQueue",
                "Transitions": {
                    "NextAction": "bye",
                    "Errors": [{"NextAction": "bye", "ErrorType": "QueueAtCapacity"}],
                },
            },
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}},
        ],
    }


def renamed(content: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    result = copy.deepcopy(content)
    result["StartAction"] = names[result["StartAction"]]
    for action in result["Actions"]:
        action["Identifier"] = names[action["Identifier"]]
        transitions = action.get("Transitions", {})
        if "NextAction" in transitions:
            transitions["NextAction"] = names[transitions["NextAction"]]
        for entry in transitions.get("Errors", []) + transitions.get("Conditions", []):
            entry["NextAction"] = names[entry["NextAction"]]
    return result


def test_identical_flows_are_equal() -> None:
    assert flowdiff.compare(flow(), flow()) == []
    assert flowdiff.equal(flow(), flow())


def test_renaming_reordering_and_metadata_do_not_count() -> None:
    other = renamed(flow(), {"menu": "x1", "sales": "x2", "bye": "x3"})
    other["Actions"].reverse()
    other["Metadata"] = {"something": "else"}
    assert flowdiff.compare(flow(), other) == []
    assert flowdiff.canonical(flow()) == flowdiff.canonical(other)


def test_empty_arrays_and_empty_parameters_do_not_count() -> None:
    other = flow()
    other["Actions"][1]["Parameters"] = {}
    other["Actions"][1]["Transitions"]["Conditions"] = []
    other["Actions"][2]["Transitions"] = {"Errors": [], "Conditions": []}
    del other["Metadata"]
    assert flowdiff.compare(flow(), other) == []


def test_order_of_exclusive_equals_conditions_does_not_count() -> None:
    other = flow()
    other["Actions"][0]["Transitions"]["Conditions"].reverse()
    other["Actions"][0]["Transitions"]["Errors"].reverse()
    assert flowdiff.compare(flow(), other) == []


def test_order_of_overlapping_conditions_counts() -> None:
    first = flow()
    for entry, value in zip(
        first["Actions"][0]["Transitions"]["Conditions"], ["5", "9"], strict=True
    ):
        entry["Condition"] = {"Operator": "NumberLessThan", "Operands": [value]}
    second = copy.deepcopy(first)
    second["Actions"][0]["Transitions"]["Conditions"].reverse()
    (difference,) = flowdiff.compare(first, second)
    assert (difference.kind, difference.block) == ("condition", "menu")


def test_parameter_difference_names_block_and_path() -> None:
    other = renamed(flow(), {"menu": "m", "sales": "s", "bye": "b"})
    other["Actions"][0]["Parameters"]["Text"] = "Press 1"
    (difference,) = flowdiff.compare(flow(), other)
    assert difference.kind == "parameter"
    assert (difference.block, difference.other) == ("menu", "m")
    assert difference.path == "Parameters.Text"
    assert (difference.left, difference.right) == ("Press 1 or 2", "Press 1")
    assert 'block "menu" Parameters.Text' in str(difference)


def test_strings_and_numbers_differ() -> None:
    other = flow()
    other["Actions"][0]["Parameters"]["InputTimeLimitSeconds"] = 5
    (difference,) = flowdiff.compare(flow(), other)
    assert difference.path == "Parameters.InputTimeLimitSeconds"


def test_type_difference() -> None:
    other = flow()
    other["Actions"][2]["Type"] = "EndFlowExecution"
    (difference,) = flowdiff.compare(flow(), other)
    assert (difference.kind, difference.block) == ("type", "bye")


def test_transition_to_another_block_is_found() -> None:
    other = flow()
    other["Actions"][1]["Transitions"]["Errors"][0]["NextAction"] = "menu"
    found = flowdiff.compare(flow(), other)
    assert [(d.kind, d.block, d.path) for d in found] == [
        ("transition", "sales", "Errors[QueueAtCapacity]")
    ]


def test_missing_next_action_and_error_branch() -> None:
    other = flow()
    del other["Actions"][1]["Transitions"]["NextAction"]
    other["Actions"][0]["Transitions"]["Errors"].pop()
    found = {(d.kind, d.block, d.path) for d in flowdiff.compare(flow(), other)}
    assert found == {
        ("transition", "sales", "NextAction"),
        ("transition", "menu", "Errors[NoMatchingError]"),
    }


def test_missing_and_extra_blocks() -> None:
    other = flow()
    other["Actions"].append(
        {"Identifier": "orphan", "Type": "EndFlowExecution", "Transitions": {}}
    )
    found = flowdiff.compare(flow(), other)
    assert [(d.kind, d.other) for d in found] == [("extra", "orphan")]
    found = flowdiff.compare(other, flow())
    assert [(d.kind, d.block) for d in found] == [("missing", "orphan")]


def test_unreachable_blocks_pair_by_content() -> None:
    left, right = flow(), flow()
    for content, name in ((left, "u1"), (right, "other")):
        content["Actions"].append(
            {
                "Identifier": name,
                "Type": "MessageParticipant",
                "Parameters": {"Text": "never"},
                "Transitions": {"NextAction": "bye"},
            }
        )
    assert flowdiff.compare(left, right) == []
    right["Actions"][-1]["Parameters"]["Text"] = "changed"
    kinds = sorted(d.kind for d in flowdiff.compare(left, right))
    assert kinds == ["extra", "missing"]


def test_settings_and_version_count() -> None:
    other = flow()
    other["Settings"] = {"Transitions": [{"ReferenceName": "Success"}]}
    other["Version"] = "2020-01-01"
    kinds = sorted(d.kind for d in flowdiff.compare(flow(), other))
    assert kinds == ["settings", "version"]
    empty = flow()
    empty["Settings"] = {}
    assert flowdiff.compare(flow(), empty) == []


def test_start_action_difference() -> None:
    other = flow()
    other["StartAction"] = "sales"
    found = flowdiff.compare(flow(), other)
    assert found and found[0].kind == "type"


def corpus_contents() -> list[tuple[str, dict[str, Any]]]:
    if not CORPUS.is_dir():  # no shared material beside the checkout
        return []
    result = read_paths([CORPUS], Diagnostics())
    return [(d.name, d.content) for d in result.documents]


@pytest.mark.parametrize(("name", "content"), corpus_contents())
def test_corpus_flows_equal_themselves_renamed_and_shuffled(
    name: str, content: dict[str, Any]
) -> None:
    rng = random.Random(name)
    names = {a["Identifier"]: f"n{rng.random()}" for a in content["Actions"]}
    other = renamed(content, names)
    rng.shuffle(other["Actions"])
    other.pop("Metadata", None)
    assert flowdiff.compare(content, other) == []
    assert json.dumps(flowdiff.canonical(content), sort_keys=True) == json.dumps(
        flowdiff.canonical(other), sort_keys=True
    )
    victim = rng.choice(other["Actions"])
    victim["Type"] = victim["Type"] + "X"
    assert any(d.kind == "type" for d in flowdiff.compare(content, other))


def test_long_values_show_where_they_differ() -> None:
    prefix = "arn:aws:connect:ap-southeast-2:964328442121:instance/" + "7" * 36
    left = flow()
    right = flow()
    left["Actions"][0]["Parameters"]["Text"] = prefix + "/queue/4bca1082"
    right["Actions"][0]["Parameters"]["Text"] = prefix + "/queue/11111111"
    (difference,) = flowdiff.compare(left, right)
    shown = str(difference)
    assert "4bca1082" in shown and "11111111" in shown
    assert len(shown) < 200


def test_null_and_absent_are_told_apart() -> None:
    right = flow()
    right["Actions"][0]["Parameters"]["Text"] = None
    left = flow()
    del left["Actions"][0]["Parameters"]["Text"]
    (difference,) = flowdiff.compare(left, right)
    assert str(difference).endswith("(absent) != null")
