"""The spec writer's parts: env merge, token names, block names, raw fallback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectc.diagnostics import Diagnostics
from connectc.importer import envfile
from connectc.importer.naming import block_names, is_valid_name, reachable_order
from connectc.importer.readers import read_text
from connectc.importer.specwriter import write_spec
from connectc.importer.tokens import Tokenizer, TokenTable, entity_name
from connectc.importer.yamltext import dump_yaml, scalar

ENV = """\
# keep this comment
environment: dev
account: "111122223333"
region: ap-northeast-1
instance: arn:aws:connect:ap-northeast-1:111122223333:instance/abc
bindings:
  Prompt:
    Welcome:
      Ja: arn:prompt-ja   # variant
  Queue:
    Sales: arn:queue-sales
"""


def merge(text: str, bindings: list[envfile.Binding], force: bool = False) -> Any:
    diagnostics = Diagnostics()
    result = envfile.merge(
        text, "env/dev.yaml", envfile.Place(), bindings, force=force,
        diagnostics=diagnostics,
    )  # fmt: skip
    return result, diagnostics


def test_merge_adds_lines_and_keeps_the_rest() -> None:
    result, diagnostics = merge(
        ENV, [("Queue", "Support", "arn:q2"), ("Lambda", "Lookup", "arn:l:live")]
    )
    assert result.text.startswith("# keep this comment\n")
    assert "Ja: arn:prompt-ja   # variant" in result.text
    data = yaml.safe_load(result.text)
    assert data["bindings"]["Queue"] == {
        "Sales": "arn:queue-sales",
        "Support": "arn:q2",
    }
    assert data["bindings"]["Lambda"] == {"Lookup": "arn:l:live"}
    assert sorted(result.added) == [
        ("Lambda", "Lookup", "arn:l:live"),
        ("Queue", "Support", "arn:q2"),
    ]
    assert not diagnostics.items


def test_merge_matches_variants_and_equal_values() -> None:
    result, diagnostics = merge(
        ENV,
        [
            ("Prompt", "Welcome.Ja", "arn:prompt-ja"),
            ("Queue", "Sales", "arn:queue-sales"),
        ],
    )
    assert result.text == ENV
    assert result.added == [] and not diagnostics.items


def test_merge_conflict_is_reported_and_forced() -> None:
    result, diagnostics = merge(ENV, [("Queue", "Sales", "arn:other")])
    assert [d.code for d in diagnostics] == ["CC6013"]
    assert (
        yaml.safe_load(result.text)["bindings"]["Queue"]["Sales"] == "arn:queue-sales"
    )
    result, diagnostics = merge(ENV, [("Queue", "Sales", "arn:other")], force=True)
    assert not diagnostics.items
    assert yaml.safe_load(result.text)["bindings"]["Queue"]["Sales"] == "arn:other"


def test_filled_in_placeholder_is_kept_without_a_conflict() -> None:
    result, diagnostics = merge(ENV, [("Queue", "Sales", "REPLACE_WITH_SALES_ARN")])
    assert result.text == ENV and not diagnostics.items


def test_existing_placeholder_is_replaced_by_a_real_value() -> None:
    text = ENV.replace("arn:queue-sales", "'%%SALES%%'")
    result, diagnostics = merge(text, [("Queue", "Sales", "arn:real")])
    assert yaml.safe_load(result.text)["bindings"]["Queue"]["Sales"] == "arn:real"
    assert not diagnostics.items


def test_place_placeholders_are_filled_real_values_kept() -> None:
    text = "environment: dev\naccount: REPLACE_WITH_ACCOUNT_ID\nregion: eu-west-1\n"
    diagnostics = Diagnostics()
    place = envfile.Place("123456789012", "us-east-1")
    result = envfile.merge(text, "e", place, [], force=False, diagnostics=diagnostics)
    data = yaml.safe_load(result.text)
    assert (data["account"], data["region"]) == ("123456789012", "eu-west-1")


@pytest.mark.parametrize(
    "text",
    [
        "environment: dev\nbindings:\n",
        "environment: dev\nbindings: {}\n",
        "environment: dev\n",
    ],
)
def test_merge_into_empty_or_missing_bindings(text: str) -> None:
    result, _ = merge(text, [("Queue", "A", "x")])
    assert yaml.safe_load(result.text)["bindings"] == {"Queue": {"A": "x"}}


@pytest.mark.parametrize(
    "text",
    [
        "{environment: dev, bindings: {Queue: {A: x}}}\n",
        "- a list\n",
        ": :\n",
        "environment: dev\nbindings: {Queue: {A: x}}\n",
        "environment: dev\nbindings:\n  Queue: {A: x}\n",
        "environment: dev\nbindings: [a]\n",
    ],
)
def test_unmergeable_file_is_cc6021(text: str) -> None:
    result, diagnostics = merge(text, [("Queue", "B", "y")])
    assert result.text is None
    assert [d.code for d in diagnostics] == ["CC6021"]


def test_new_env_file_says_what_to_replace() -> None:
    text = envfile.new_file("dev", envfile.Place(), [("Text", "A", "${X}")])
    data = yaml.safe_load(text)
    assert data["account"] == envfile.PLACEHOLDER_ACCOUNT
    assert data["instance"] == envfile.PLACEHOLDER_INSTANCE
    assert data["bindings"] == {"Text": {"A": "${X}"}}
    assert "Replace the REPLACE_WITH_" in text


@pytest.mark.parametrize(
    "value", ["0e0", "1", "true", "null", "", "0o17", "+81312340001", "a: b", "x #y"]
)
def test_scalars_read_back_as_the_same_text(value: str) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert dump_yaml({"k": value}).strip() != f"k: {value}" or value.isalpha()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BasicQueue", "BasicQueue"),
        ("Contact Survey", "ContactSurvey"),
        ("ENTER TASK QUEUE HERE", "ENTER_TASK_QUEUE_HERE"),
        ("pd-test-3-kvs", "PdTest3Kvs"),
        ("3rd line", "N3rdLine"),
        ("営業 キュー", "営業キュー"),
        ("!!!", "Value"),
    ],
)
def test_entity_names(text: str, name: str) -> None:
    assert entity_name(text) == name


def test_token_names_are_unique_per_value() -> None:
    table = TokenTable()
    first = table.token("Queue", "Sales", "arn:1")
    assert table.token("Queue", "Sales", "arn:2") == "${Queue.Sales2}"
    assert table.token("Queue", "Other", "arn:1") == first == "${Queue.Sales}"


def test_tokenizer_replaces_resources_and_placeholders() -> None:
    table = TokenTable()
    tokenizer = Tokenizer(table, {})
    action = {
        "Identifier": "x",
        "Type": "UpdateFlowAttributes",
        "Parameters": {
            "FlowAttributes": {
                "a": {
                    "Value": "arn:aws:lambda:us-east-1:123456789012:function:fn:live"
                },
                "b": {"Value": "Hello {{ name }}, $.Attributes.x"},
                "c": {"Value": "bad ${ stray"},
            }
        },
    }
    values = tokenizer.parameters(action)["FlowAttributes"]
    assert values["a"]["Value"] == "${Lambda.fn}"
    assert values["b"]["Value"] == "Hello ${Text.name}, $.Attributes.x"
    assert values["c"]["Value"] == "${Text.Literal}"
    bound = {use.text: use.value for use in table.uses.values()}
    assert bound["${Text.name}"] == "{{ name }}"
    assert bound["${Text.Literal}"] == "bad ${ stray"


def test_friendly_names_kept_invalid_ones_cleaned() -> None:
    actions = [
        {"Identifier": "Play welcome", "Type": "MessageParticipant"},
        {"Identifier": "Check: tier (gold)", "Type": "Compare"},
        {"Identifier": "8f14e45f-ceea-467f-a0e6-1b9b6d4b9a11", "Type": "Loop"},
        {"Identifier": "toString", "Type": "DisconnectParticipant"},
    ]
    metadata = {"ActionMetadata": {"Play welcome": {"isFriendlyName": True}}}
    names, renamed = block_names(actions, {}, metadata)
    assert names["Play welcome"] == "Play welcome"
    assert names["Check: tier (gold)"] == "Check_ tier _gold_"
    assert names["8f14e45f-ceea-467f-a0e6-1b9b6d4b9a11"] == "loop"
    assert names["toString"] == "disconnect"
    assert ("toString", "disconnect") in renamed
    assert all(is_valid_name(n) for n in names.values())
    assert len(set(names.values())) == len(names)


def flow_with(action: dict[str, Any]) -> str:
    content = {
        "Version": "2019-10-30",
        "StartAction": "a",
        "Actions": [
            {"Identifier": "a", **action},
            {"Identifier": "b", "Type": "DisconnectParticipant", "Transitions": {}},
        ],
    }
    return json.dumps(content)


def spec_of(action: dict[str, Any]) -> tuple[Any, Diagnostics]:
    diagnostics = Diagnostics()
    (document,) = read_text(flow_with(action), Path("f.json"), Diagnostics())
    spec = write_spec(document, Tokenizer(TokenTable(), {}), diagnostics)
    return spec, diagnostics


def test_blocks_follow_next_then_conditions_then_errors() -> None:
    def action(ident: str, **transitions: Any) -> dict[str, Any]:
        return {"Identifier": ident, "Transitions": transitions}

    menu = action(
        "menu",
        Errors=[{"ErrorType": "NoMatchingError", "NextAction": "oops"}],
        Conditions=[{"NextAction": "sales"}],
    )
    actions = [action("lost"), action("oops"), action("sales"), menu]
    order = ["menu", "sales", "oops", "lost"]
    assert reachable_order("menu", actions) == order


def test_condition_with_two_operands_cannot_be_written() -> None:
    condition = {"Operator": "Equals", "Operands": ["1", "2"]}
    spec, diagnostics = spec_of(
        {
            "Type": "Compare",
            "Parameters": {"ComparisonValue": "$.Attributes.x"},
            "Transitions": {
                "Conditions": [{"NextAction": "b", "Condition": condition}]
            },
        }
    )
    assert spec is None
    assert [d.code for d in diagnostics] == ["CC6022"]


def test_extra_parameter_keeps_the_action_raw() -> None:
    spec, _ = spec_of(
        {
            "Type": "MessageParticipant",
            "Parameters": {"Text": "hi", "NewField": "x"},
            "Transitions": {"NextAction": "b"},
        }
    )
    block = spec.spec["blocks"]["a"]
    assert block["action"]["parameters"] == {"Text": "hi", "NewField": "x"}
    assert spec.raw == {"a"}


def test_verb_without_value_is_written_empty() -> None:
    spec, _ = spec_of(
        {
            "Type": "TransferContactToQueue",
            "Parameters": {},
            "Transitions": {
                "NextAction": "b",
                "Errors": [{"ErrorType": "QueueAtCapacity", "NextAction": "b"}],
            },
        }
    )
    text = "".join(spec.files().values())
    assert "\n    transfer_to_queue:\n" in text
    assert "null" not in text
    assert yaml.safe_load(text)["blocks"]["a"]["transfer_to_queue"] is None


def test_null_in_a_list_stays_spelt_out() -> None:
    text = dump_yaml({"k": None, "items": [None, "x"]})
    assert text == "k:\nitems:\n  - null\n  - x\n"
    assert yaml.safe_load(text) == {"k": None, "items": [None, "x"]}
