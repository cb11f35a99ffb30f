from __future__ import annotations

import pytest

from connectc import expressions
from connectc.expressions import (
    AllOf,
    AnyOf,
    Comparison,
    ExpressionError,
    Negated,
    Number,
    Reference,
    TokenRef,
)


def test_grammars_build_in_strict_mode() -> None:
    expressions.build_strict("expressions.lark", ["condition", "duration"])
    expressions.build_strict("text.lark", ["text"])


def test_condition_precedence() -> None:
    parsed = expressions.parse_condition(
        '$.A.x == "1" or $.A.y == "2" and not $.A.z >= 3'
    )
    assert isinstance(parsed, AnyOf)
    left, right = parsed.items
    assert isinstance(left, Comparison) and left.right == "1"
    assert isinstance(right, AllOf)
    assert isinstance(right.items[1], Negated)


def test_condition_parentheses_and_operators() -> None:
    parsed = expressions.parse_condition(
        '($.Channel == "CHAT" or $.Channel startswith "VO") and $.Attributes.n < 5'
    )
    assert isinstance(parsed, AllOf)
    assert isinstance(parsed.items[0], AnyOf)
    last = parsed.items[1]
    assert isinstance(last, Comparison)
    assert last.operator == "<" and last.right == Number("5")
    assert last.left.namespace == "Attributes"


def test_condition_with_token_operand() -> None:
    parsed = expressions.parse_condition("$.Queue.ARN == ${Queue.Sales}")
    assert isinstance(parsed, Comparison)
    assert isinstance(parsed.right, TokenRef)
    assert parsed.right.service == "Queue"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ('$.External.tier = "gold"', 16),
        ('$.External.tier == "gold" and', 29),
        ('tier == "gold"', 0),
        ('$.A.b == "x" or or $.A.c == "y"', 16),
    ],
)
def test_condition_errors_carry_the_offset(text: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        expressions.parse_condition(text)
    assert caught.value.offset == offset


def test_text_parts() -> None:
    parts = expressions.parse_text("番号は $.Attributes.id です ${Prompt.Hello.Ja} $5")
    kinds = [type(p).__name__ for p in parts]
    assert kinds == ["str", "Reference", "str", "TokenRef", "str", "str", "str"]
    token = parts[3]
    assert isinstance(token, TokenRef)
    assert (token.service, token.entity, token.variant) == ("Prompt", "Hello", "Ja")
    assert token.key == "Hello.Ja"
    reference = parts[1]
    assert isinstance(reference, Reference) and reference.offset == 4


def test_text_sentence_end_is_not_part_of_a_reference() -> None:
    parts = expressions.parse_text("Your code is $.External.code.")
    assert parts[1] == Reference("$.External.code", "External", 13)
    assert parts[2] == "."


def test_malformed_token_in_text() -> None:
    with pytest.raises(ExpressionError) as caught:
        expressions.parse_text("abc ${Queue} x")
    assert caught.value.offset == 4


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("8s", 8), ("5m", 300), ("1h", 3600), ("2d", 172800), (30, 30), ("45", 45)],
)
def test_durations(value: object, seconds: int) -> None:
    assert expressions.parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value", ["8x", "m5", "", "1.5s", True, "9" * 5000 + "d", 10**13]
)
def test_bad_durations(value: object) -> None:
    with pytest.raises(ExpressionError):
        expressions.parse_duration(value)


@pytest.mark.parametrize(
    "text",
    [
        " and ".join(['$.Attributes.x == "a"'] * 2000),
        "not " * 500 + '$.Attributes.x == "a"',
    ],
)
def test_a_condition_too_large_to_lower_is_an_error(text: str) -> None:
    with pytest.raises(ExpressionError, match="more than 200 comparisons"):
        expressions.parse_condition(text)


def test_a_long_condition_within_the_limit_parses() -> None:
    text = " or ".join(f'$.Attributes.x == "{i}"' for i in range(90))
    stack: list[object] = [expressions.parse_condition(text)]
    compared = []
    while stack:
        node = stack.pop()
        if isinstance(node, expressions.AnyOf):
            stack.extend(node.items)
        else:
            compared.append(node)
    assert len(compared) == 90


def test_bracket_reference_namespace() -> None:
    parts = expressions.parse_text("$['AwsRegion']")
    assert isinstance(parts[0], Reference)
    assert parts[0].namespace == "AwsRegion"
