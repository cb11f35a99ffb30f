"""Placeholder detection shared by import and build (CC6017, CC2008)."""

from __future__ import annotations

import pytest

from connectc.importer.placeholders import (
    find_placeholders,
    is_placeholder,
    placeholder_name,
)


@pytest.mark.parametrize(
    "value",
    [
        "${var.queue_arn}",
        "arn:aws:connect:${REGION}:${ACCT_ID}:instance/${INSTANCE_ID}/queue/x",
        "${F:acme_customer_queue_AUTO:F}",
        "${AWS::Region}",
        "%%QUEUE_ARN%%",
        "Hello {{name}}, your plate is {{ licensePlate }}",
        "REPLACE_WITH_SURVEY_LAMBDA_ARN",
        "REPLACE_ME",
        "<YOUR_SALES_QUEUE_ARN>",
        "<your-account-id>",
        "<ACCOUNT_ID>",
    ],
)
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "arn:aws:connect:us-east-1:111122223333:instance/abc/queue/def",
        "$.Attributes.customerId",
        '<speak>Hello <break time="1s"/></speak>',
        "Express Mail - $5.00",
        "$LATEST",
        "{not: mustache}",
        "%single%",
        "Please REPLACE the card",
        "<B>",
    ],
)
def test_ordinary_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("${var.queue_arn}", "queue"),
        ("${F:acme_customer_queue_AUTO:F}", "acme_customer_queue_AUTO"),
        ("%%SALES_QUEUE%%", "SALES_QUEUE"),
        ("{{ name }}", "name"),
        ("REPLACE_WITH_SURVEY_LAMBDA_ARN", "SURVEY_LAMBDA"),
        ("<YOUR_SALES_QUEUE_ARN>", "SALES_QUEUE"),
        ("${AGENTWHISPER}", "AGENTWHISPER"),
    ],
)
def test_placeholder_names(text: str, name: str) -> None:
    assert placeholder_name(text) == name


def test_find_placeholders_gives_positions_left_to_right() -> None:
    text = "arn:aws:connect:${REGION}:${ACCT_ID}:x"
    found = find_placeholders(text)
    assert [p.text for p in found] == ["${REGION}", "${ACCT_ID}"]
    assert all(text[p.start : p.end] == p.text for p in found)
