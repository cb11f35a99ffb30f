"""`branch` lowering keeps the meaning of its conditions: a property test that
runs the emitted Compare chain on random attribute values and compares the
block it reaches with a direct evaluation of the cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from connectc import expressions, loader
from connectc.diagnostics import Diagnostics
from connectc.expressions import (
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    Negated,
    Number,
)
from connectc.ir import Project
from connectc.passes.lower_blocks import lower_blocks
from connectc.yamlio import SourceMap

ATTRIBUTES = ("$.Attributes.a", "$.Attributes.b")
VALUES = ("1", "2", "10", "x", "xy")
TARGETS = ("t0", "t1", "t2", "fallback")


def comparison() -> st.SearchStrategy[str]:
    number = st.sampled_from(["1", "2", "5"])
    text = st.sampled_from(['"1"', '"x"', '"xy"', '"10"'])
    left = st.sampled_from(ATTRIBUTES)
    equal = st.tuples(left, st.sampled_from(["==", "!="]), text)
    ordered = st.tuples(left, st.sampled_from(["<", "<=", ">", ">="]), number)
    textual = st.tuples(
        left, st.sampled_from(["contains", "startswith", "endswith"]), text
    )
    return st.one_of(equal, ordered, textual).map(" ".join)


conditions = st.recursive(
    comparison(),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        inner.map(lambda c: f"not ({c})"),
    ),
    max_leaves=5,
)


def evaluate(condition: Condition, values: dict[str, str]) -> bool:
    if isinstance(condition, AllOf):
        return all(evaluate(c, values) for c in condition.items)
    if isinstance(condition, AnyOf):
        return any(evaluate(c, values) for c in condition.items)
    if isinstance(condition, Negated):
        return not evaluate(condition.item, values)
    assert isinstance(condition, Comparison)
    return check(condition.operator, values[condition.left.text], condition.right)


def check(operator: str, value: str, right: Any) -> bool:
    if isinstance(right, Number):
        right = right.text
    if operator in ("==", "Equals"):
        return value == str(right)
    if operator == "!=":
        return not check("==", value, right)
    if operator in ("contains", "TextContains"):
        return str(right) in value
    if operator in ("startswith", "TextStartsWith"):
        return value.startswith(str(right))
    if operator in ("endswith", "TextEndsWith"):
        return value.endswith(str(right))
    try:
        number = float(value)
    except ValueError:
        return False
    limit = float(right)
    return {
        "<": number < limit,
        "NumberLessThan": number < limit,
        "<=": number <= limit,
        "NumberLessOrEqualTo": number <= limit,
        ">": number > limit,
        "NumberGreaterThan": number > limit,
        ">=": number >= limit,
        "NumberGreaterOrEqualTo": number >= limit,
    }[operator]


def run_chain(actions: list[dict[str, Any]], start: str, values: dict[str, str]) -> str:
    by_id = {a["Identifier"]: a for a in actions}
    current = start
    for _ in range(100):
        action = by_id.get(current)
        if action is None:
            return current
        assert action["Type"] == "Compare"
        value = values[action["Parameters"]["ComparisonValue"]]
        transitions = action["Transitions"]
        for item in transitions["Conditions"]:
            operator = item["Condition"]["Operator"]
            (operand,) = item["Condition"]["Operands"]
            if check(operator, value, operand):
                current = item["NextAction"]
                break
        else:
            (error,) = transitions["Errors"]
            assert error["ErrorType"] == "NoMatchingCondition"
            current = error["NextAction"]
    raise AssertionError("the Compare chain loops")


def lower(cases: list[tuple[str, str]]) -> list[dict[str, Any]]:
    blocks: dict[str, Any] = {
        "route": {
            "branch": [{"when": when, "goto": goto} for when, goto in cases],
            "otherwise": "fallback",
        }
    }
    for target in TARGETS:
        blocks[target] = {"disconnect": {}}
    data = {"flow": "F", "start": "route", "blocks": blocks}
    diagnostics = Diagnostics()
    flow = loader.load_flow(data, SourceMap("f.yaml", ""), Path("f.yaml"), diagnostics)
    assert flow is not None
    project = Project(Path("."), "p", {}, [flow])
    lower_blocks(project, diagnostics)
    assert not diagnostics.has_errors(), [d.message for d in diagnostics]
    return [a for a in flow.actions if a["Type"] == "Compare"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(conditions, st.sampled_from(TARGETS[:3])), min_size=1, max_size=4
    ),
    st.fixed_dictionaries({a: st.sampled_from(VALUES) for a in ATTRIBUTES}),
)
def test_compare_chain_reaches_the_first_true_case(
    cases: list[tuple[str, str]], values: dict[str, str]
) -> None:
    actions = lower(cases)
    expected = next(
        (
            goto
            for when, goto in cases
            if evaluate(expressions.parse_condition(when), values)
        ),
        "fallback",
    )
    assert actions[0]["Identifier"] == "route"
    assert run_chain(actions, "route", values) == expected


def test_simple_cases_on_one_attribute_share_one_compare() -> None:
    actions = lower(
        [
            ('$.Attributes.a == "1"', "t0"),
            ('$.Attributes.a == "2"', "t1"),
            ("$.Attributes.a > 5", "t2"),
        ]
    )
    assert len(actions) == 1
    operators = [
        c["Condition"]["Operator"] for c in actions[0]["Transitions"]["Conditions"]
    ]
    assert operators == ["Equals", "Equals", "NumberGreaterThan"]


def test_and_needs_a_chain_named_after_the_block() -> None:
    actions = lower([('$.Attributes.a == "1" and $.Attributes.b == "x"', "t0")])
    assert [a["Identifier"] for a in actions] == ["route", "route_2"]
