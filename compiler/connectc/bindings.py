"""Token services and the types of their values.

A token's service fixes what its binding must look like: a Lambda alias ARN, a
Lex V2 bot alias ARN, a Connect ARN of a given resource kind inside the
environment's instance, an E.164 number, or any text. `check_binding` returns
the problem with a value, as (code, message arguments), or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from connectc.importer.placeholders import is_placeholder
from connectc.ir import Environment


@dataclass(frozen=True)
class Service:
    """A token service: what its values are, for messages and checks."""

    name: str
    kind: str  # lambda | lex | connect | phone | phone_arn | text
    resource: str | None = None  # Connect ARN resource segment
    label: str = ""


SERVICES: dict[str, Service] = {
    s.name: s
    for s in (
        Service("Lambda", "lambda", label="a Lambda function alias ARN"),
        Service("Lex", "lex", label="a Lex V2 bot alias ARN"),
        Service("Queue", "connect", "queue", "a Connect queue ARN"),
        Service("Prompt", "connect", "prompt", "a Connect prompt ARN"),
        Service("Hours", "connect", "operating-hours", "a hours-of-operation ARN"),
        Service("Flow", "connect", "contact-flow", "a Connect flow ARN"),
        Service("Module", "connect", "flow-module", "a Connect flow module ARN"),
        Service("Agent", "connect", "agent", "a Connect agent (user) ARN"),
        Service(
            "QuickConnect",
            "connect",
            "transfer-destination",
            "a Connect quick connect ARN",
        ),
        Service("View", "view", "view", "a Connect view ARN"),
        Service("TaskTemplate", "connect", "task-template", "a task template ARN"),
        Service("CaseTemplate", "text", label="a Cases template ID"),
        Service("Hierarchy", "connect", "agent-group", "an agent hierarchy group ARN"),
        Service("PhoneNumber", "phone", label="an E.164 phone number"),
        Service("PhoneNumberArn", "phone_arn", label="a Connect phone number ARN"),
        Service("Text", "text", label="text"),
    )
}

_LAMBDA = re.compile(
    r"^arn:aws[\w-]*:lambda:(?P<region>[\w-]+):(?P<account>\d{12}):function:"
    r"(?P<name>[\w-]+)(?::(?P<qualifier>[\w$-]+))?$"
)
_LEX = re.compile(
    r"^arn:aws[\w-]*:lex:(?P<region>[\w-]+):(?P<account>\d{12}):bot-alias/"
    r"(?P<bot>[A-Z0-9]{10})/(?P<alias>[A-Z0-9]{10})$"
)
_CONNECT = re.compile(
    r"^arn:aws[\w-]*:connect:(?P<region>[\w-]+):(?P<account>\d{12}):instance/"
    r"(?P<instance>[\w-]+)/(?P<resource>[\w-]+)/(?P<id>[\w-]+)(?::[\w$-]+)?$"
)
_AWS_VIEW = re.compile(r"^arn:aws[\w-]*:connect:[\w-]+:aws:view/[\w-]+(?::[\w$-]+)?$")
_PHONE_ARN = re.compile(
    r"^arn:aws[\w-]*:connect:(?P<region>[\w-]+):(?P<account>\d{12}):phone-number/"
    r"(?P<id>[\w-]+)$"
)
_INSTANCE = re.compile(
    r"^arn:aws[\w-]*:connect:(?P<region>[\w-]+):(?P<account>\d{12}):instance/"
    r"(?P<id>[\w-]+)$"
)
_BARE_ID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")

Problem = tuple[str, tuple[str, ...]]


_ACCOUNT = re.compile(r"^\d{12}$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


def environment_problems(env: Environment) -> list[tuple[str, str, str]]:
    """(code, field, message) for each placeholder or malformed field of `env`."""
    problems = []
    for name, pattern, what in (
        ("account", _ACCOUNT, "a 12-digit AWS account ID"),
        ("region", _REGION, "an AWS region such as ap-northeast-1"),
        ("instance", _INSTANCE, "a Connect instance ARN"),
    ):
        value = getattr(env, name)
        if is_placeholder(value):
            problems.append(("CC3006", name, value))
        elif not pattern.match(value):
            message = f'{name} "{value}" is not {what}'
            if name == "account" and value.isdigit():
                message += " (quote it: YAML reads 012… as a number)"
            problems.append(("CC3005", name, message))
    if not problems:
        match = _INSTANCE.match(env.instance)
        assert match is not None
        if match["region"] != env.region or match["account"] != env.account:
            message = (
                f'instance "{env.instance}" is not in region "{env.region}" '
                f'and account "{env.account}"'
            )
            problems.append(("CC3005", "instance", message))
    return problems


def check_binding(
    service: Service, key: str, value: str, env: Environment
) -> Problem | None:
    """The problem with binding `value` to `${service.key}` in `env`, if any."""
    token = f"{service.name}.{key}"
    checker = _CHECKERS[service.kind]
    return checker(service, token, value, env)


def _check_text(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    return None


def _check_lambda(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    match = _LAMBDA.match(value)
    if match is None:
        return "CC3001", (token, value, service.label)
    qualifier = match["qualifier"]
    if qualifier is None:
        return "CC3003", (token, "an unqualified function ARN")
    if qualifier == "$LATEST":
        return "CC3003", (token, "qualified with $LATEST")
    return _same_place(token, match["region"], match["account"], env)


def _check_lex(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    match = _LEX.match(value)
    if match is None:
        return "CC3001", (token, value, service.label)
    return _same_place(token, match["region"], match["account"], env)


def _check_connect(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    if _BARE_ID.match(value):
        return None  # an ID alone is accepted by Connect ("ID or ARN")
    match = _CONNECT.match(value)
    if match is None or match["resource"] != service.resource:
        if service.kind == "view" and _AWS_VIEW.match(value):
            return None
        return "CC3001", (token, value, service.label)
    problem = _same_place(token, match["region"], match["account"], env)
    same_instance = match["instance"] == env.instance_id
    if problem is None and _known(env.instance) and not same_instance:
        detail = f'is in instance "{match["instance"]}", not "{env.instance_id}"'
        return "CC3002", (token, detail)
    return problem


def _check_phone(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    if not value.startswith("+"):
        return "CC3004", (token, value)
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return "CC3004", (token, value)
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if formatted != value or not phonenumbers.is_valid_number(number):
        return "CC3004", (token, value)
    return None


def _check_phone_arn(
    service: Service, token: str, value: str, env: Environment
) -> Problem | None:
    match = _PHONE_ARN.match(value)
    if match is None:
        return "CC3001", (token, value, service.label)
    return _same_place(token, match["region"], match["account"], env)


def _known(value: str) -> bool:
    """Whether an environment field can be compared with (not a placeholder,
    not malformed: those are reported once, by CC3005/CC3006)."""
    return not is_placeholder(value) and bool(
        _ACCOUNT.match(value) or _REGION.match(value) or _INSTANCE.match(value)
    )


def _same_place(
    token: str, region: str, account: str, env: Environment
) -> Problem | None:
    if region != env.region and _known(env.region):
        return "CC3002", (token, f'is in region "{region}", not "{env.region}"')
    if account != env.account and _known(env.account):
        return "CC3002", (token, f'is in account "{account}", not "{env.account}"')
    return None


_CHECKERS = {
    "text": _check_text,
    "lambda": _check_lambda,
    "lex": _check_lex,
    "connect": _check_connect,
    "view": _check_connect,
    "phone": _check_phone,
    "phone_arn": _check_phone_arn,
}
