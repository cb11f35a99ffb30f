"""From one flow-language action to one spec block.

Input: an action with tokenised Parameters, the block name of every
Identifier and the flow type. Output: a block using a typed verb when the
action is exactly what that verb lowers to (an allow-list of parameters per
verb), else the raw `action:` verb, or None with the reason when even the raw
verb cannot say it (CC6022).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from connectc.lowering import is_reference, single_token

Block = dict[str, Any]
Names = Mapping[str, str]

CANONICAL_INT = re.compile(r"^(0|[1-9][0-9]*)$")


class Unrepresentable(Exception):
    """The action cannot be written in the spec language at all."""


@dataclass
class Shape:
    """How a verb's transitions lower: NextAction, error types, conditions.

    `next`: the spec key NextAction comes from (None: the verb never emits one).
    `errors`: ErrorType -> spec key. `generic`: whether `error:`/`errors:` are
    allowed. `conditions`: (Operator, operand) -> spec key, for fixed outcomes.
    """

    next: str | None = "next"
    errors: Mapping[str, str] = field(default_factory=dict)
    generic: bool = True
    conditions: Mapping[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Parts:
    """An action's transitions, decoded."""

    next: str | None
    errors: list[tuple[str, str]]
    conditions: list[tuple[str, list[Any], str]]
    extra: bool  # a condition or error entry with fields import cannot keep


def parts(action: Mapping[str, Any]) -> Parts:
    transitions = action.get("Transitions") or {}
    errors, conditions, extra = [], [], False
    for entry in transitions.get("Errors") or []:
        errors.append((entry["ErrorType"], entry["NextAction"]))
        extra = extra or set(entry) - {"ErrorType", "NextAction"} != set()
    for entry in transitions.get("Conditions") or []:
        condition = entry["Condition"]
        operands = condition.get("Operands", [])
        conditions.append((condition["Operator"], operands, entry["NextAction"]))
        extra = extra or set(entry) - {"Condition", "NextAction"} != set()
        extra = extra or set(condition) - {"Operator", "Operands"} != set()
    return Parts(transitions.get("NextAction"), errors, conditions, extra)


# --- transitions -----------------------------------------------------------


def fit(shape: Shape, found: Parts, names: Names) -> Block | None:
    """Spec transitions for `found` under `shape`, or None if it does not fit."""
    block: Block = {}
    for operator, operands, target in found.conditions:
        key = _single(operands)
        label = shape.conditions.get((operator, key)) if key is not None else None
        if label is None or label in block:
            return None
        block[label] = names[target]
    if found.next is not None:
        if shape.next is None or shape.next in block:
            return None
        block[shape.next] = names[found.next]
    return _fit_errors(shape, found, names, block)


def _fit_errors(shape: Shape, found: Parts, names: Names, block: Block) -> Block | None:
    others: dict[str, str] = {}
    for error_type, target in found.errors:
        label = shape.errors.get(error_type)
        if label is None and shape.generic:
            label = "error" if error_type == "NoMatchingError" else None
        if label is not None:
            if label in block:
                return None
            block[label] = names[target]
        elif shape.generic and error_type not in others:
            others[error_type] = names[target]
        else:
            return None
    if others:
        block["errors"] = others
    return block


def _single(operands: Any) -> str | None:
    if isinstance(operands, list) and len(operands) == 1:
        return operands[0] if isinstance(operands[0], str) else None
    return None


# --- the raw verb ----------------------------------------------------------


def raw_block(action: Mapping[str, Any], params: Any, names: Names) -> Block:
    """The raw `action:` verb; raises Unrepresentable when it cannot say it."""
    found = parts(action)
    if found.extra:
        raise Unrepresentable("a transition entry has fields besides its target")
    verb: Block = {"type": action["Type"]}
    if params:
        verb["parameters"] = params
    block: Block = {"action": verb}
    conditions = []
    for operator, operands, target in found.conditions:
        value = _single(operands)
        if value is None:
            raise Unrepresentable("a condition without exactly one text operand")
        conditions.append({"operator": operator, "value": value, "goto": names[target]})
    if conditions:
        block["conditions"] = conditions
    if found.next is not None:
        block["next"] = names[found.next]
    errors = _fit_errors(Shape(), Parts(None, found.errors, [], False), names, {})
    if errors is None:
        raise Unrepresentable("two error branches of the same type")
    return block | errors


# --- typed verbs -----------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a typed converter may look at besides the action itself."""

    flow_type: str | None
    names: Names


Converter = Callable[[Mapping[str, Any], Parts, Context], Block | None]


def typed_block(
    action: Mapping[str, Any], params: Any, context: Context
) -> Block | None:
    """The typed block for the action, or None when no verb fits exactly."""
    converter = CONVERTERS.get(str(action.get("Type")))
    params = {} if params is None else params
    if converter is None or not isinstance(params, Mapping):
        return None
    found = parts(action)
    if found.extra:
        return None
    return converter(params, found, context)


def _with(
    verb: str, value: Any, shape: Shape, found: Parts, ctx: Context
) -> Block | None:
    transitions = fit(shape, found, ctx.names)
    if transitions is None:
        return None
    return {verb: value} | transitions


def _only(params: Mapping[str, Any], *allowed: str) -> bool:
    return set(params) <= set(allowed)


def _text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str)


def _seconds(value: Any) -> int | None:
    """A canonical whole number of seconds, as the compiler writes them back."""
    if isinstance(value, str) and CANONICAL_INT.match(value):
        return int(value)
    return None


def _token_of(value: str, *services: str) -> bool:
    token = single_token(value)
    return token is not None and token.service in services


def _prompt(params: Mapping[str, Any], *, short: bool) -> Any:
    """The `play`-style value for a PromptId/Text/SSML (+Media) mapping."""
    chosen = [k for k in ("PromptId", "Text", "SSML") if k in params]
    if len(chosen) != 1 or not _text(params[chosen[0]]):
        return None
    key, value = chosen[0], params[chosen[0]]
    if short and "Media" not in params and _short_prompt_fits(key, value):
        return value
    full: Block = {{"PromptId": "prompt", "Text": "text", "SSML": "ssml"}[key]: value}
    if "Media" in params:
        if not isinstance(params["Media"], Mapping):
            return None
        full["media"] = params["Media"]
    return full


def _short_prompt_fits(key: str, value: str) -> bool:
    """Whether the compiler reads the bare value back as the same key."""
    speak = value.lstrip().startswith("<speak")
    if key == "PromptId":
        return _token_of(value, "Prompt")
    if key == "SSML":
        return speak
    return not speak and not _token_of(value, "Prompt")


PROMPT_KEYS = ("PromptId", "Text", "SSML", "Media")


def _play(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    value = _prompt(params, short=True) if _only(params, *PROMPT_KEYS) else None
    return None if value is None else _with("play", value, Shape(), found, ctx)


def _play_loop(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if not _only(params, "Messages", "InterruptFrequencySeconds"):
        return None
    messages = params.get("Messages")
    if not isinstance(messages, list) or not messages:
        return None
    converted = [_message(m) for m in messages]
    if any(m is None for m in converted):
        return None
    value: Block = {"messages": converted}
    if "InterruptFrequencySeconds" in params:
        every = _seconds(params["InterruptFrequencySeconds"])
        if every is None:
            return None
        value["interrupt_every"] = every
    shape = Shape(
        next=None, conditions={("Equals", "MessagesInterrupted"): "interrupted"}
    )
    return _with("play_loop", value, shape, found, ctx)


def _message(message: Any) -> Any:
    if not isinstance(message, Mapping) or not _only(message, *PROMPT_KEYS):
        return None
    return _prompt(message, short=False)


def _dtmf(params: Mapping[str, Any], value: Block) -> bool:
    config = params.get("DTMFConfiguration")
    if config is None:
        return True
    if not isinstance(config, Mapping) or not config:
        return False
    if not _only(config, "InputTerminationSequence", "DisableCancelKey",
                 "InterdigitTimeLimitSeconds"):  # fmt: skip
        return False
    if "InputTerminationSequence" in config:
        if not _text(config["InputTerminationSequence"]):
            return False
        value["terminator"] = config["InputTerminationSequence"]
    if "DisableCancelKey" in config:
        flag = config["DisableCancelKey"]
        if flag not in ("True", "False"):
            return False
        value["disable_cancel_key"] = flag == "True"
    if "InterdigitTimeLimitSeconds" in config:
        seconds = _seconds(config["InterdigitTimeLimitSeconds"])
        if seconds is None:
            return False
        value["interdigit"] = seconds
    return True


def _menu_like(params: Mapping[str, Any], value: Block) -> bool:
    prompt = _prompt(params, short=False)
    timeout = _seconds(params.get("InputTimeLimitSeconds"))
    if prompt is None or timeout is None:
        return False
    value.update(prompt)
    value["timeout"] = timeout
    return _dtmf(params, value)


DIGITS = "0123456789*#"


def _menu(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if "StoreInput" in params:
        return _input(params, found, ctx)
    if not _only(params, *PROMPT_KEYS, "InputTimeLimitSeconds", "DTMFConfiguration"):
        return None
    value: Block = {}
    if not _menu_like(params, value):
        return None
    options = {}
    for operator, operands, target in found.conditions:
        digit = _single(operands)
        if (
            operator != "Equals"
            or digit is None
            or len(digit) != 1
            or digit not in DIGITS
        ):
            return None
        if digit in options:
            return None
        options[digit] = ctx.names[target]
    bare = Parts(found.next, found.errors, [], False)
    errors = {"NoMatchingCondition": "no_match", "InputTimeLimitExceeded": "timeout"}
    transitions = fit(Shape(errors=errors), bare, ctx.names)
    if transitions is None:
        return None
    block: Block = {"menu": value}
    if options:
        block["options"] = options
    return block | transitions


def _input(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    allowed = (*PROMPT_KEYS, "InputTimeLimitSeconds", "DTMFConfiguration",
               "StoreInput", "InputValidation", "InputEncryption")  # fmt: skip
    if params.get("StoreInput") != "True" or not _only(params, *allowed):
        return None
    value: Block = {}
    if not _menu_like(params, value):
        return None
    validate = _validation(params.get("InputValidation"))
    if validate is None:
        return None
    value["validate"] = validate
    if "InputEncryption" in params:
        encryption = params["InputEncryption"]
        if (
            not isinstance(encryption, Mapping)
            or set(encryption) != {"EncryptionKeyId", "Key"}
            or not all(_text(v) for v in encryption.values())
        ):
            return None
        value["encrypt"] = {"key_id": encryption["EncryptionKeyId"],
                            "key": encryption["Key"]}  # fmt: skip
    errors = {
        "InvalidPhoneNumber": "invalid_number",
        "InputTimeLimitExceeded": "timeout",
    }
    return _with("input", value, Shape(errors=errors), found, ctx)


def _validation(rule: Any) -> Any:
    if not isinstance(rule, Mapping) or len(rule) != 1:
        return None
    phone = rule.get("PhoneNumberValidation")
    if isinstance(phone, Mapping):
        if phone == {"NumberFormat": "E164"}:
            return "phone"
        country = phone.get("CountryCode")
        if (
            set(phone) == {"NumberFormat", "CountryCode"}
            and phone["NumberFormat"] == ("Local")
            and _text(country)
            and country
        ):
            return {"phone": {"country": country}}
        return None
    custom = rule.get("CustomValidation")
    if isinstance(custom, Mapping) and set(custom) == {"MaximumLength"}:
        length = _seconds(custom["MaximumLength"])
        return None if length is None else {"max_length": length}
    return None


def _lex(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    allowed = (*PROMPT_KEYS, "LexV2Bot", "LexSessionAttributes", "LexTimeoutSeconds",
               "LexInitializationData")  # fmt: skip
    bot = params.get("LexV2Bot")
    if not _only(params, *allowed) or not isinstance(bot, Mapping):
        return None
    if set(bot) != {"AliasArn"} or not _text(bot["AliasArn"]):
        return None
    value: Block = {"bot": bot["AliasArn"]}
    if any(k in params for k in PROMPT_KEYS):
        prompt = _prompt(params, short=False)
        if prompt is None:
            return None
        value.update(prompt)
    if not _lex_options(params, value):
        return None
    intents = {}
    for operator, operands, target in found.conditions:
        intent = _single(operands)
        if operator != "Equals" or intent is None or intent in intents:
            return None
        intents[intent] = ctx.names[target]
    bare = Parts(found.next, found.errors, [], False)
    errors = {"NoMatchingCondition": "no_match", "InputTimeLimitExceeded": "timeout"}
    transitions = fit(Shape(errors=errors), bare, ctx.names)
    if transitions is None:
        return None
    block: Block = {"lex": value}
    if intents:
        block["intents"] = intents
    return block | transitions


def _lex_options(params: Mapping[str, Any], value: Block) -> bool:
    attributes = params.get("LexSessionAttributes")
    if attributes is not None:
        if not isinstance(attributes, Mapping) or not all(
            _text(v) for v in attributes.values()
        ):
            return False
        value["session_attributes"] = dict(attributes)
    timeout = params.get("LexTimeoutSeconds")
    if timeout is not None:
        if not isinstance(timeout, Mapping) or set(timeout) != {"Text"}:
            return False
        seconds = _seconds(timeout["Text"])
        if seconds is None:
            return False
        value["timeout"] = seconds
    initial = params.get("LexInitializationData")
    if initial is not None:
        if not isinstance(initial, Mapping) or set(initial) != {"InitialMessage"}:
            return False
        if not _text(initial["InitialMessage"]):
            return False
        value["initial_message"] = initial["InitialMessage"]
    return True


def _lambda(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    allowed = ("LambdaFunctionARN", "InvocationTimeLimitSeconds", "InvocationType",
               "LambdaInvocationAttributes", "ResponseValidation")  # fmt: skip
    function = params.get("LambdaFunctionARN")
    timeout = _seconds(params.get("InvocationTimeLimitSeconds"))
    if not _only(params, *allowed) or not _text(function) or timeout is None:
        return None
    value: Block = {"function": function, "timeout": timeout}
    if "InvocationType" in params:
        kind = params["InvocationType"]
        if kind not in ("SYNCHRONOUS", "ASYNCHRONOUS"):
            return None
        value["async"] = kind == "ASYNCHRONOUS"
    attributes = params.get("LambdaInvocationAttributes")
    if attributes is not None:
        if not _string_map(attributes):
            return None
        value["parameters"] = dict(attributes)
    if "ResponseValidation" in params:
        response = params["ResponseValidation"]
        if not isinstance(response, Mapping) or set(response) != {"ResponseType"}:
            return None
        if response["ResponseType"] not in ("STRING_MAP", "JSON"):
            return None
        value["response"] = str(response["ResponseType"]).lower()
    return _with("lambda", value, Shape(), found, ctx)


def _string_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and _text(v) for k, v in value.items()
    )


def _set_attributes(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    attributes = params.get("Attributes")
    if not _only(params, "Attributes") or not _string_map(attributes) or not attributes:
        return None
    return _with("set_attributes", dict(attributes), Shape(), found, ctx)


def _set_flow_attributes(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    values = params.get("FlowAttributes")
    if not _only(params, "FlowAttributes") or not isinstance(values, Mapping):
        return None
    plain = {}
    for key, entry in values.items():
        if not isinstance(entry, Mapping) or set(entry) != {"Value"}:
            return None
        if not _text(entry["Value"]):
            return None
        plain[key] = entry["Value"]
    if not plain:
        return None
    return _with("set_flow_attributes", plain, Shape(), found, ctx)


def _queue_value(params: Mapping[str, Any]) -> str | None:
    """The `set_queue`-style value if it lowers back to the same key."""
    if len(params) != 1:
        return None
    key, value = next(iter(params.items()))
    if not _text(value):
        return None
    if key == "AgentId" and _token_of(value, "Agent"):
        return str(value)
    if key == "QueueId" and not _token_of(value, "Agent"):
        return str(value)
    return None


def _set_queue(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    value = _queue_value(params)
    return None if value is None else _with("set_queue", value, Shape(), found, ctx)


AT_CAPACITY = Shape(errors={"QueueAtCapacity": "at_capacity"})


def _transfer_to_queue(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    if params or ctx.flow_type == "CUSTOMER_QUEUE":
        return None
    return _with("transfer_to_queue", None, AT_CAPACITY, found, ctx)


def _dequeue(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if ctx.flow_type != "CUSTOMER_QUEUE":
        return None
    value = _queue_value(params) if params else None
    if params and value is None:
        return None
    return _with("transfer_to_queue", value, AT_CAPACITY, found, ctx)


def _single_param(verb: str, key: str) -> Converter:
    def convert(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
        if set(params) != {key} or not _text(params[key]):
            return None
        return _with(verb, params[key], Shape(), found, ctx)

    return convert


def _transfer_to_phone(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    allowed = ("ThirdPartyPhoneNumber", "ThirdPartyConnectionTimeLimitSeconds",
               "ContinueFlowExecution", "ThirdPartyDTMFDigits", "CallerId")  # fmt: skip
    number = params.get("ThirdPartyPhoneNumber")
    if not _only(params, *allowed) or not _text(number):
        return None
    value: Block = {"number": number}
    if "ThirdPartyConnectionTimeLimitSeconds" in params:
        seconds = _seconds(params["ThirdPartyConnectionTimeLimitSeconds"])
        if seconds is None:
            return None
        value["timeout"] = seconds
    if "ContinueFlowExecution" in params:
        if params["ContinueFlowExecution"] not in ("True", "False"):
            return None
        value["continue"] = params["ContinueFlowExecution"] == "True"
    if "ThirdPartyDTMFDigits" in params:
        if not _text(params["ThirdPartyDTMFDigits"]):
            return None
        value["dtmf"] = params["ThirdPartyDTMFDigits"]
    if "CallerId" in params:
        caller = params["CallerId"]
        if not _string_map(caller) or not caller or not _only(caller, "Number", "Name"):
            return None
        value["caller_id"] = {k.lower(): v for k, v in caller.items()}
    errors = {"ConnectionTimeLimitExceeded": "timeout", "CallFailed": "call_failed"}
    return _with("transfer_to_phone", value, Shape(errors=errors), found, ctx)


def _check_hours(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if not _only(params, "HoursOfOperationId"):
        return None
    value = params.get("HoursOfOperationId")
    if value is not None and not _text(value):
        return None
    shape = Shape(
        conditions={("Equals", "True"): "open", ("Equals", "False"): "closed"}
    )
    return _with("check_hours", value, shape, found, ctx)


STAFFING = {
    "NumberOfAgentsAvailable": "available",
    "NumberOfAgentsStaffed": "staffed",
    "NumberOfAgentsOnline": "online",
}
QUEUE_METRICS = {
    "NumberOfContactsInQueue": "contacts_in_queue",
    "OldestContactInQueueAgeSeconds": "oldest_contact_age",
}
METRIC_OPERATORS = {
    "Equals": "==",
    "NumberLessThan": "<",
    "NumberLessOrEqualTo": "<=",
    "NumberGreaterThan": ">",
    "NumberGreaterOrEqualTo": ">=",
}


def _check_metric(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    metric = params.get("MetricType")
    rest = {k: v for k, v in params.items() if k != "MetricType"}
    queue = _queue_value(rest) if rest else None
    if rest and queue is None:
        return None
    if metric in STAFFING:
        value: Block = {"metric": STAFFING[metric]}
        shape = Shape(next="no", conditions={("NumberGreaterThan", "0"): "yes"})
        verb = "check_staffing"
    elif metric in QUEUE_METRICS:
        return _check_queue(QUEUE_METRICS[metric], queue, found, ctx)
    else:
        return None
    if queue is not None:
        value["queue"] = queue
    return _with(verb, value, shape, found, ctx)


def _check_queue(
    metric: str, queue: str | None, found: Parts, ctx: Context
) -> Block | None:
    value: Block = {"metric": metric}
    if queue is not None:
        value["queue"] = queue
    cases = []
    for operator, operands, target in found.conditions:
        number = _number(_single(operands))
        if operator not in METRIC_OPERATORS or number is None:
            return None
        cases.append({"op": METRIC_OPERATORS[operator], "value": number,
                      "goto": ctx.names[target]})  # fmt: skip
    bare = Parts(found.next, found.errors, [], False)
    transitions = fit(
        Shape(errors={"NoMatchingCondition": "otherwise"}), bare, ctx.names
    )
    if transitions is None:
        return None
    block: Block = {"check_queue": value}
    if cases:
        block["cases"] = cases
    return block | transitions


def _number(text: str | None) -> int | float | None:
    """The number whose canonical text is `text` (so it lowers back the same)."""
    if text is None:
        return None
    if CANONICAL_INT.match(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return None
    return number if repr(number) == text and not number.is_integer() else None


BRANCH_OPERATORS = {
    "Equals": "==",
    "NumberLessThan": "<",
    "NumberLessOrEqualTo": "<=",
    "NumberGreaterThan": ">",
    "NumberGreaterOrEqualTo": ">=",
    "TextContains": "contains",
    "TextStartsWith": "startswith",
    "TextEndsWith": "endswith",
}


def _branch(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    reference = params.get("ComparisonValue")
    if set(params) != {"ComparisonValue"} or not _text(reference):
        return None
    if not is_reference(reference) or not found.conditions:
        return None
    cases = []
    for operator, operands, target in found.conditions:
        condition = _condition(str(reference), operator, _single(operands))
        if condition is None:
            return None
        cases.append({"when": condition, "goto": ctx.names[target]})
    bare = Parts(found.next, found.errors, [], False)
    shape = Shape(errors={"NoMatchingCondition": "otherwise"}, generic=False)
    transitions = fit(shape, bare, ctx.names)
    if transitions is None or "otherwise" not in transitions:
        return None
    return {"branch": cases} | transitions


def _condition(reference: str, operator: str, operand: str | None) -> str | None:
    symbol = BRANCH_OPERATORS.get(operator)
    if symbol is None or operand is None or "${" in operand:
        return None
    if symbol in ("<", "<=", ">", ">="):
        number = _number(operand)
        return None if number is None else f"{reference} {symbol} {number}"
    return f"{reference} {symbol} {json.dumps(operand, ensure_ascii=False)}"


def _split(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if params or found.next is not None or not found.conditions:
        return None
    if found.errors and [e for e, _ in found.errors] != ["NoMatchingCondition"]:
        return None
    if not found.errors:
        return None
    cases, total = [], 0
    for operator, operands, target in found.conditions:
        threshold = _number(_single(operands))
        if operator != "NumberLessThan" or not isinstance(threshold, int):
            return None
        share = threshold - 1 - total
        if share <= 0:
            return None
        total += share
        cases.append({"percent": share, "goto": ctx.names[target]})
    if total >= 100:
        return None
    cases.append({"goto": ctx.names[found.errors[0][1]]})
    return {"split": cases}


HOOK_KEYS = {
    "CustomerQueue": "customer_queue",
    "CustomerHold": "customer_hold",
    "AgentHold": "agent_hold",
    "CustomerWhisper": "customer_whisper",
    "AgentWhisper": "agent_whisper",
    "CustomerRemaining": "disconnect",
    "DefaultAgentUI": "default_agent_ui",
    "DisconnectAgentUI": "disconnect_agent_ui",
    "PauseContact": "pause",
    "ResumeContact": "resume",
}


def _set_hooks(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    hooks = params.get("EventHooks")
    if not _only(params, "EventHooks") or not isinstance(hooks, Mapping):
        return None
    if len(hooks) != 1:
        return None
    event, value = next(iter(hooks.items()))
    if event not in HOOK_KEYS or not _text(value):
        return None
    return _with("set_hooks", {HOOK_KEYS[event]: value}, Shape(), found, ctx)


def _terminal(verb: str) -> Converter:
    def convert(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
        if params or found.next or found.errors or found.conditions:
            return None
        return {verb: {}}

    return convert


def _loop(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    count = params.get("LoopCount")
    if set(params) != {"LoopCount"} or not _text(count):
        return None
    value: int | str = int(count) if CANONICAL_INT.match(count) else count
    if (
        isinstance(value, str)
        and single_token(value) is None
        and not is_reference(value)
    ):
        return None
    conditions = {
        ("Equals", "ContinueLooping"): "body",
        ("Equals", "DoneLooping"): "done",
    }
    shape = Shape(next=None, generic=False, conditions=conditions)
    return _with("loop", value, shape, found, ctx)


WAIT_EVENTS = {"CustomerReturned": "customer_returned",
               "BotParticipantDisconnected": "bot_disconnected"}  # fmt: skip


def _wait(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    seconds = _seconds(params.get("TimeLimitSeconds"))
    if not _only(params, "TimeLimitSeconds", "Events") or seconds is None:
        return None
    events = params.get("Events", [])
    if not isinstance(events, list) or not all(e in WAIT_EVENTS for e in events):
        return None
    if "Events" in params and not events:
        return None
    conditions = {("Equals", "WaitCompleted"): "next"}
    conditions |= {("Equals", e): WAIT_EVENTS[e] for e in events}
    shape = Shape(next=None, conditions=conditions)
    value: Any = {"duration": seconds, "events": [WAIT_EVENTS[e] for e in events]}
    if not events:
        value = seconds
    return _with("wait", value, shape, found, ctx)


def _recording(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    behaviour = params.get("RecordingBehavior")
    if not _only(params, "RecordingBehavior", "AnalyticsBehavior"):
        return None
    if not isinstance(behaviour, Mapping) or not _only(
        behaviour, "RecordedParticipants", "ScreenRecordedParticipants",
        "IVRRecordingBehavior"
    ):  # fmt: skip
        return None
    who = behaviour.get("RecordedParticipants")
    if not isinstance(who, list) or not all(p in ("Agent", "Customer") for p in who):
        return None
    value: Block = {"participants": [p.lower() for p in who]}
    if "IVRRecordingBehavior" in behaviour:
        if behaviour["IVRRecordingBehavior"] not in ("Enabled", "Disabled"):
            return None
        value["ivr"] = behaviour["IVRRecordingBehavior"] == "Enabled"
    if "ScreenRecordedParticipants" in behaviour:
        screen = behaviour["ScreenRecordedParticipants"]
        if screen not in (["Agent"], []):
            return None
        value["screen"] = bool(screen)
    if "AnalyticsBehavior" in params:
        if not isinstance(params["AnalyticsBehavior"], Mapping):
            return None
        value["analytics"] = params["AnalyticsBehavior"]
    return _with("recording", value, Shape(), found, ctx)


def _logging(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    state = params.get("FlowLoggingBehavior")
    if set(params) != {"FlowLoggingBehavior"} or state not in ("Enabled", "Disabled"):
        return None
    return _with("logging", state == "Enabled", Shape(), found, ctx)


ENGINES = ("standard", "neural", "generative")
STYLES = ("none", "conversational", "newscaster")


def _voice(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    allowed = ("TextToSpeechVoice", "TextToSpeechEngine", "TextToSpeechStyle")
    name = params.get("TextToSpeechVoice")
    if not _only(params, *allowed) or not _text(name):
        return None
    value: Block = {"name": name}
    for key, field_, choices in (("TextToSpeechEngine", "engine", ENGINES),
                                 ("TextToSpeechStyle", "style", STYLES)):  # fmt: skip
        given = params.get(key)
        if given is None:
            continue
        if not _text(given) or given.lower() not in choices or given != given.title():
            return None
        value[field_] = given.lower()
    short: Any = name if len(value) == 1 else value
    return _with("voice", short, Shape(), found, ctx)


def _priority(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    if len(params) != 1:
        return None
    key, given = next(iter(params.items()))
    seconds = _seconds(given)
    if seconds is None:
        return None
    if key == "QueuePriority":
        return _with("priority", seconds, Shape(), found, ctx)
    if key == "QueueTimeAdjustmentSeconds":
        return _with("priority", {"adjust": seconds}, Shape(), found, ctx)
    return None


def _callback_number(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    number = params.get("CallbackNumber")
    if (
        set(params) != {"CallbackNumber"}
        or not _text(number)
        or not is_reference(number)
    ):
        return None
    errors = {"InvalidCallbackNumber": "invalid_number",
              "CallbackNumberNotDialable": "not_dialable"}  # fmt: skip
    return _with("callback_number", number, Shape(errors=errors), found, ctx)


def _create_callback(
    params: Mapping[str, Any], found: Parts, ctx: Context
) -> Block | None:
    value: Block = {}
    queue = {k: v for k, v in params.items() if k in ("QueueId", "AgentId")}
    if queue:
        chosen = _queue_value(queue)
        if chosen is None:
            return None
        value["queue"] = chosen
    for key, field_ in (("InitialCallDelaySeconds", "delay"),
                        ("MaximumConnectionAttempts", "attempts"),
                        ("RetryDelaySeconds", "retry_delay")):  # fmt: skip
        if key in params:
            seconds = _seconds(params[key])
            if seconds is None:
                return None
            value[field_] = seconds
    for key, field_ in (("ContactFlowId", "flow"), ("CallerId", "caller_id")):
        if key in params:
            if not _text(params[key]):
                return None
            value[field_] = params[key]
    known = ("QueueId", "AgentId", "InitialCallDelaySeconds",
             "MaximumConnectionAttempts", "RetryDelaySeconds", "ContactFlowId",
             "CallerId")  # fmt: skip
    if not _only(params, *known):
        return None
    return _with("create_callback", value, Shape(), found, ctx)


def _create_task(params: Mapping[str, Any], found: Parts, ctx: Context) -> Block | None:
    known = ("ContactFlowId", "Name", "Description", "Attributes", "References",
             "DelaySeconds", "TaskTemplateId")  # fmt: skip
    if not _only(params, *known) or not _text(params.get("ContactFlowId")):
        return None
    if not _text(params.get("Name")):
        return None
    value: Block = {"name": params["Name"], "flow": params["ContactFlowId"]}
    for key, field_ in (("Description", "description"), ("TaskTemplateId", "template")):
        if key in params:
            if not _text(params[key]):
                return None
            value[field_] = params[key]
    if "Attributes" in params:
        if not _string_map(params["Attributes"]):
            return None
        value["attributes"] = dict(params["Attributes"])
    if "References" in params:
        if not isinstance(params["References"], Mapping):
            return None
        value["references"] = params["References"]
    if "DelaySeconds" in params:
        seconds = _seconds(params["DelaySeconds"])
        if seconds is None:
            return None
        value["delay"] = seconds
    return _with("create_task", value, Shape(), found, ctx)


CONVERTERS: dict[str, Converter] = {
    "MessageParticipant": _play,
    "MessageParticipantIteratively": _play_loop,
    "GetParticipantInput": _menu,
    "ConnectParticipantWithLexBot": _lex,
    "InvokeLambdaFunction": _lambda,
    "UpdateContactAttributes": _set_attributes,
    "UpdateFlowAttributes": _set_flow_attributes,
    "UpdateContactTargetQueue": _set_queue,
    "TransferContactToQueue": _transfer_to_queue,
    "DequeueContactAndTransferToQueue": _dequeue,
    "TransferToFlow": _single_param("transfer_to_flow", "ContactFlowId"),
    "TransferParticipantToThirdParty": _transfer_to_phone,
    "CheckHoursOfOperation": _check_hours,
    "CheckMetricData": _check_metric,
    "Compare": _branch,
    "DistributeByPercentage": _split,
    "UpdateContactEventHooks": _set_hooks,
    "InvokeFlowModule": _single_param("invoke_module", "FlowModuleId"),
    "EndFlowModuleExecution": _terminal("return"),
    "Loop": _loop,
    "Wait": _wait,
    "UpdateContactRecordingBehavior": _recording,
    "UpdateFlowLoggingBehavior": _logging,
    "UpdateContactTextToSpeechVoice": _voice,
    "UpdateContactRoutingBehavior": _priority,
    "UpdateContactCallbackNumber": _callback_number,
    "CreateCallbackContact": _create_callback,
    "CreateTask": _create_task,
    "DisconnectParticipant": _terminal("disconnect"),
    "EndFlowExecution": _terminal("end"),
}
