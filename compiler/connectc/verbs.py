"""How each verb lowers to flow-language actions.

One function per verb, bound in `LOWERERS`. A lowerer emits only what the spec
says plus the values Connect requires; optional parameters left out of the spec
stay out of the JSON, so imported flows build back to what was exported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connectc import conditions, expressions, model
from connectc.expressions import ExpressionError
from connectc.lowering import Lowering, drop_none, is_reference, scalar, single_token

QUEUE_OR_AGENT = ("Queue", "Agent")
HOOKS = {
    "customer_queue": "CustomerQueue",
    "customer_hold": "CustomerHold",
    "agent_hold": "AgentHold",
    "customer_whisper": "CustomerWhisper",
    "agent_whisper": "AgentWhisper",
    "disconnect": "CustomerRemaining",
    "default_agent_ui": "DefaultAgentUI",
    "disconnect_agent_ui": "DisconnectAgentUI",
    "pause": "PauseContact",
    "resume": "ResumeContact",
}


def seconds(lw: Lowering, value: Any, *where: str | int) -> str:
    """A duration as a string of seconds (CC1003 when malformed)."""
    try:
        return str(expressions.parse_duration(value))
    except ExpressionError:
        lw.error("CC1003", lw.path(*where), value, "write 8s, 5m, 1h, 2d or seconds")
        return "0"


def positive_seconds(lw: Lowering, value: Any, *where: str | int) -> str:
    """A duration that Connect requires to be above zero."""
    result = seconds(lw, value, *where)
    if result == "0" and lw.block.name not in lw.flow.failed_blocks:
        lw.error("CC1003", lw.path(*where), value, "it must be above 0 seconds")
    return result


def prompt(lw: Lowering, value: Any, *where: str | int) -> dict[str, Any]:
    """PromptId, Text or SSML (+ Media) from a short or full prompt."""
    if isinstance(value, str):
        token = single_token(value)
        if token is not None and token.service not in ("Prompt", "Text"):
            lw.typed(value, lw.path(*where), "Prompt")
        if token is not None and token.service == "Prompt":
            return {"PromptId": value}
        if value.lstrip().startswith("<speak"):
            return {"SSML": value}
        return {"Text": value}
    given = {"PromptId": value.prompt, "Text": value.text, "SSML": value.ssml}
    chosen = drop_none(given)
    if len(chosen) > 1:
        message = f'block "{lw.block.name}": give only one of prompt, text and ssml'
        lw.error("CC0013", lw.path(*where), message)
    if value.prompt is not None:
        lw.typed(value.prompt, lw.path(*where, "prompt"), "Prompt")
        if single_token(value.prompt) is None and not is_reference(value.prompt):
            message = "prompt takes a ${Prompt.X} token or an attribute reference"
            lw.error("CC0013", lw.path(*where, "prompt"), message)
    if value.media is not None:
        chosen["Media"] = value.media
    return chosen


def _play(lw: Lowering, arg: Any) -> None:
    params = prompt(lw, arg, "play")
    lw.emit_next("MessageParticipant", params)


def _play_loop(lw: Lowering, arg: model.PlayLoopArgs) -> None:
    messages = [
        prompt(lw, m, "play_loop", "messages", i) for i, m in enumerate(arg.messages)
    ]
    params: dict[str, Any] = {"Messages": messages}
    if arg.interrupt_every is not None:
        every = positive_seconds(
            lw, arg.interrupt_every, "play_loop", "interrupt_every"
        )
        params["InterruptFrequencySeconds"] = every
    cases = (("Equals", "MessagesInterrupted", "interrupted"),)
    lw.emit(
        lw.new_id(),
        "MessageParticipantIteratively",
        params,
        lw.transitions(conditions=cases),
    )


def _dtmf(lw: Lowering, arg: model.MenuArgs) -> dict[str, Any] | None:
    config = drop_none(
        {
            "InputTerminationSequence": arg.terminator,
            "DisableCancelKey": None
            if arg.disable_cancel_key is None
            else scalar(arg.disable_cancel_key),
            "InterdigitTimeLimitSeconds": None
            if arg.interdigit is None
            else positive_seconds(lw, arg.interdigit, lw.block.verb, "interdigit"),
        }
    )
    return config or None


def _menu(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.MenuArgs) else model.MenuArgs(text=None)
    params = prompt(lw, arg if isinstance(arg, str) else full, "menu")
    params["InputTimeLimitSeconds"] = positive_seconds(
        lw, full.timeout, "menu", "timeout"
    )
    if (dtmf := _dtmf(lw, full)) is not None:
        params["DTMFConfiguration"] = dtmf
    digits = []
    for t in lw.block.targets("options"):
        digit = t.label.split(".", 1)[1]
        if len(digit) != 1 or digit not in "0123456789*#":
            message = f'menu option "{digit}" must be one digit, "*" or "#"'
            lw.error("CC0013", t.path, message)
        digits.append(("Equals", digit, t.label))
    errors = (
        ("NoMatchingCondition", "no_match"),
        ("InputTimeLimitExceeded", "timeout"),
    )
    lw.emit(
        lw.new_id(),
        "GetParticipantInput",
        params,
        lw.transitions(
            next_=lw.target("next"), errors=errors, conditions=tuple(digits)
        ),
    )


def _validation(lw: Lowering, arg: model.InputArgs) -> dict[str, Any] | None:
    rule = arg.validate_
    if rule is None:
        lw.error("CC0008", lw.path("input"), "validate", f'block "{lw.block.name}"')
        return None
    if rule == "phone" or (isinstance(rule, model.Validation) and rule.phone):
        phone = rule.phone if isinstance(rule, model.Validation) else None
        if phone is not None and phone.format == "local" and not phone.country:
            message = "local phone numbers need a country (e.g. country: JP)"
            lw.error("CC0013", lw.path("input", "validate", "phone"), message, key=True)
        if phone is not None and phone.format == "e164" and phone.country:
            message = "country applies to local numbers only; remove it or the format"
            lw.error("CC0013", lw.path("input", "validate", "phone"), message, key=True)
        if phone is not None and phone.country and phone.format != "e164":
            return {
                "PhoneNumberValidation": {
                    "NumberFormat": "Local",
                    "CountryCode": phone.country,
                }
            }
        return {"PhoneNumberValidation": {"NumberFormat": "E164"}}
    assert isinstance(rule, model.Validation)
    if rule.max_length is None:
        message = 'validate needs "phone" or "max_length"'
        lw.error("CC0013", lw.path("input", "validate"), message)
        return None
    return {"CustomValidation": {"MaximumLength": scalar(rule.max_length)}}


def _input(lw: Lowering, arg: model.InputArgs) -> None:
    params = prompt(lw, arg, "input")
    params["InputTimeLimitSeconds"] = positive_seconds(
        lw, arg.timeout, "input", "timeout"
    )
    params["StoreInput"] = "True"
    validation = _validation(lw, arg)
    if validation is not None:
        params["InputValidation"] = validation
    if arg.encrypt is not None and "CustomValidation" not in (validation or {}):
        message = "encrypt works only with custom validation (max_length)"
        lw.error("CC0013", lw.path("input", "encrypt"), message, key=True)
    if arg.encrypt is not None:
        params["InputEncryption"] = {
            "EncryptionKeyId": arg.encrypt.key_id,
            "Key": arg.encrypt.key,
        }
    if (dtmf := _dtmf(lw, arg)) is not None:
        params["DTMFConfiguration"] = dtmf
    errors = (
        ("InvalidPhoneNumber", "invalid_number"),
        ("InputTimeLimitExceeded", "timeout"),
    )
    lw.emit(
        lw.new_id(),
        "GetParticipantInput",
        params,
        lw.transitions(next_=lw.target("next"), errors=errors),
    )


def _lex(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.LexArgs) else model.LexArgs(bot=arg)
    params = prompt(lw, full, "lex") if isinstance(arg, model.LexArgs) else {}
    bot = lw.typed(full.bot, lw.path("lex", "bot") if params else lw.path("lex"), "Lex")
    params["LexV2Bot"] = {"AliasArn": bot}
    if full.session_attributes is not None:
        params["LexSessionAttributes"] = full.session_attributes
    if full.timeout is not None:
        params["LexTimeoutSeconds"] = {
            "Text": positive_seconds(lw, full.timeout, "lex", "timeout")
        }
    if full.initial_message is not None:
        params["LexInitializationData"] = {"InitialMessage": full.initial_message}
    intents = tuple(
        ("Equals", t.label.split(".", 1)[1], t.label)
        for t in lw.block.targets("intents")
    )
    errors = (
        ("NoMatchingCondition", "no_match"),
        ("InputTimeLimitExceeded", "timeout"),
    )
    lw.emit(
        lw.new_id(),
        "ConnectParticipantWithLexBot",
        params,
        lw.transitions(next_=lw.target("next"), errors=errors, conditions=intents),
    )


def _lambda(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.LambdaArgs) else None
    function = full.function if full else arg
    where = ("lambda", "function") if full else ("lambda",)
    params: dict[str, Any] = {
        "LambdaFunctionARN": lw.typed(function, lw.path(*where), "Lambda"),
        "InvocationTimeLimitSeconds": seconds(
            lw, full.timeout if full else "8s", "lambda", "timeout"
        ),
    }
    if full is not None and "async_" in full.model_fields_set:
        params["InvocationType"] = "ASYNCHRONOUS" if full.async_ else "SYNCHRONOUS"
    if full is not None and full.parameters is not None:
        params["LambdaInvocationAttributes"] = full.parameters
    if full is not None and full.response is not None:
        params["ResponseValidation"] = {"ResponseType": full.response.upper()}
    lw.emit_next("InvokeLambdaFunction", params)


def _set_attributes(lw: Lowering, arg: dict[str, str]) -> None:
    params: dict[str, Any] = {"Attributes": dict(arg)}
    contact = lw.block.options.get("contact")
    if contact is not None:
        params["TargetContact"] = contact.title()
    lw.emit_next("UpdateContactAttributes", params)


def _set_flow_attributes(lw: Lowering, arg: dict[str, str]) -> None:
    values = {key: {"Value": value} for key, value in arg.items()}
    lw.emit_next("UpdateFlowAttributes", {"FlowAttributes": values})


def queue_param(lw: Lowering, value: str, *where: str | int) -> dict[str, str]:
    """QueueId or AgentId, by the token's service."""
    lw.typed(value, lw.path(*where), *QUEUE_OR_AGENT)
    token = single_token(value)
    key = "AgentId" if token is not None and token.service == "Agent" else "QueueId"
    return {key: value}


def _set_queue(lw: Lowering, arg: str) -> None:
    lw.emit_next("UpdateContactTargetQueue", queue_param(lw, arg, "set_queue"))


def _transfer_to_queue(lw: Lowering, arg: str | None) -> None:
    errors = (("QueueAtCapacity", "at_capacity"),)
    if lw.flow.type == "CUSTOMER_QUEUE":
        # DequeueContactAndTransferToQueue needs its queue: a customer queue flow
        # has no "working queue" to fall back on.
        if not arg:
            where = f'block "{lw.block.name}" (customer queue flows name the queue)'
            lw.error("CC0008", lw.path("transfer_to_queue"), "a queue", where, key=True)
            return
        params = queue_param(lw, arg, "transfer_to_queue")
        lw.emit(
            lw.new_id(),
            "DequeueContactAndTransferToQueue",
            params,
            lw.transitions(next_=lw.target("next"), errors=errors),
        )
        return
    if arg is not None:
        first = lw.new_id()
        transfer = lw.new_id()
        lw.emit(
            first,
            "UpdateContactTargetQueue",
            queue_param(lw, arg, "transfer_to_queue"),
            lw.transitions(next_=transfer),
        )
        lw.emit(
            transfer,
            "TransferContactToQueue",
            {},
            lw.transitions(next_=lw.target("next"), errors=errors),
        )
        return
    lw.emit(
        lw.new_id(),
        "TransferContactToQueue",
        {},
        lw.transitions(next_=lw.target("next"), errors=errors),
    )


def _transfer_to_flow(lw: Lowering, arg: str) -> None:
    flow = lw.typed(arg, lw.path("transfer_to_flow"), "Flow")
    lw.emit_next("TransferToFlow", {"ContactFlowId": flow})


def _transfer_to_phone(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.PhoneTransferArgs) else None
    number = full.number if full else arg
    where = ("transfer_to_phone", "number") if full else ("transfer_to_phone",)
    params: dict[str, Any] = {
        "ThirdPartyPhoneNumber": lw.typed(number, lw.path(*where), "PhoneNumber"),
    }
    if full is not None:
        if full.timeout is not None:
            params["ThirdPartyConnectionTimeLimitSeconds"] = seconds(
                lw, full.timeout, "transfer_to_phone", "timeout"
            )
        if full.continue_ is not None:
            params["ContinueFlowExecution"] = scalar(full.continue_)
        if full.dtmf is not None:
            params["ThirdPartyDTMFDigits"] = full.dtmf
        if full.caller_id is not None:
            params["CallerId"] = drop_none(
                {"Number": full.caller_id.number, "Name": full.caller_id.name}
            )
    errors = (("ConnectionTimeLimitExceeded", "timeout"), ("CallFailed", "call_failed"))
    lw.emit(
        lw.new_id(),
        "TransferParticipantToThirdParty",
        params,
        lw.transitions(next_=lw.target("next"), errors=errors),
    )


def _check_hours(lw: Lowering, arg: str | None) -> None:
    params = {}
    if arg is not None:
        params["HoursOfOperationId"] = lw.typed(arg, lw.path("check_hours"), "Hours")
    cases = (("Equals", "True", "open"), ("Equals", "False", "closed"))
    lw.emit(
        lw.new_id(),
        "CheckHoursOfOperation",
        params,
        lw.transitions(next_=lw.target("next"), conditions=cases),
    )


STAFFING = {
    "available": "NumberOfAgentsAvailable",
    "staffed": "NumberOfAgentsStaffed",
    "online": "NumberOfAgentsOnline",
}


def _check_staffing(lw: Lowering, arg: model.StaffingArgs) -> None:
    params: dict[str, Any] = {"MetricType": STAFFING[arg.metric]}
    if arg.queue is not None:
        params.update(queue_param(lw, arg.queue, "check_staffing", "queue"))
    if lw.target("next") is not None and lw.target("no") is not None:
        message = f'block "{lw.block.name}": give "no" or "next", not both'
        lw.error("CC0013", lw.path("no"), message)
    cases = (("NumberGreaterThan", "0", "yes"),)
    fallback = lw.target("no") or lw.target("next")
    lw.emit(
        lw.new_id(),
        "CheckMetricData",
        params,
        lw.transitions(next_=fallback, conditions=cases),
    )


QUEUE_METRICS = {
    "contacts_in_queue": "NumberOfContactsInQueue",
    "oldest_contact_age": "OldestContactInQueueAgeSeconds",
}


def _check_queue(lw: Lowering, arg: model.QueueMetricArgs) -> None:
    params: dict[str, Any] = {"MetricType": QUEUE_METRICS[arg.metric]}
    if arg.queue is not None:
        params.update(queue_param(lw, arg.queue, "check_queue", "queue"))
    cases = tuple(
        (conditions.OPERATORS[case.op], scalar(case.value), f"cases.{i}")
        for i, case in enumerate(lw.block.validated.cases or ())
    )
    errors = (("NoMatchingCondition", "otherwise"),)
    lw.emit(
        lw.new_id(),
        "CheckMetricData",
        params,
        lw.transitions(next_=lw.target("next"), errors=errors, conditions=cases),
    )


def _split(lw: Lowering, arg: list[model.SplitCase]) -> None:
    # Connect draws a number from 1 to 100 and takes the first condition it is
    # below, so each branch's threshold is the running total plus one.
    shares = [case.percent for case in arg]
    if shares and shares[-1] is None:
        given = sum(s for s in shares[:-1] if s is not None)
        if given >= 100:
            message = f"split percentages add up to {given}, leaving none for the last"
            lw.error("CC0013", lw.path("split"), message, key=True)
            return
        shares[-1] = 100 - given
    for index, share in enumerate(shares):
        if share is None or share <= 0:
            message = (
                "each split case needs a percent above 0 (the last may be left out)"
            )
            lw.error("CC0013", lw.path("split", index), message)
            return
    total = sum(s for s in shares if s is not None)
    if total != 100:
        lw.error(
            "CC0013", lw.path("split"), f"split percentages add up to {total}, not 100"
        )
        return
    found, running = [], 0
    for index, share in enumerate(shares[:-1]):
        running += share or 0
        found.append(("NumberLessThan", str(running + 1), f"split.{index}"))
    errors = (("NoMatchingCondition", f"split.{len(arg) - 1}"),)
    lw.emit(
        lw.new_id(),
        "DistributeByPercentage",
        {},
        lw.transitions(errors=errors, conditions=tuple(found), generic=False),
    )


def _set_hooks(lw: Lowering, arg: model.HooksArgs) -> None:
    hooks = [(HOOKS[k], v, k) for k, v in arg.model_dump().items() if v is not None]
    if not hooks:
        lw.error("CC0008", lw.path("set_hooks"), "a hook", f'block "{lw.block.name}"')
        return
    ids = [lw.new_id() for _ in hooks]
    for index, (event, value, key) in enumerate(hooks):
        flow = lw.typed(value, lw.path("set_hooks", key), "Flow")
        after = ids[index + 1] if index + 1 < len(ids) else lw.target("next")
        lw.emit(
            ids[index],
            "UpdateContactEventHooks",
            {"EventHooks": {event: flow}},
            lw.transitions(next_=after),
        )


def _invoke_module(lw: Lowering, arg: str) -> None:
    module = lw.typed(arg, lw.path("invoke_module"), "Module")
    lw.emit_next("InvokeFlowModule", {"FlowModuleId": module})


def _terminal(type_: str) -> Callable[[Lowering, Any], None]:
    def lower(lw: Lowering, arg: Any) -> None:
        lw.emit(lw.new_id(), type_, {}, {})

    return lower


def _loop(lw: Lowering, arg: int | str) -> None:
    cases = (("Equals", "ContinueLooping", "body"), ("Equals", "DoneLooping", "done"))
    lw.emit(
        lw.new_id(),
        "Loop",
        {"LoopCount": scalar(arg)},
        lw.transitions(next_=lw.target("next"), conditions=cases),
    )


WAIT_EVENTS = {
    "customer_returned": "CustomerReturned",
    "bot_disconnected": "BotParticipantDisconnected",
}


def _wait(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.WaitArgs) else model.WaitArgs(duration=arg)
    where = ("wait", "duration") if isinstance(arg, model.WaitArgs) else ("wait",)
    params: dict[str, Any] = {"TimeLimitSeconds": seconds(lw, full.duration, *where)}
    events = [WAIT_EVENTS[e] for e in full.events or ()]
    if events:
        params["Events"] = events
    cases = [("Equals", "WaitCompleted", "next")]
    cases += [("Equals", WAIT_EVENTS[e], e) for e in full.events or ()]
    lw.emit(lw.new_id(), "Wait", params, lw.transitions(conditions=tuple(cases)))


def _recording(lw: Lowering, arg: model.RecordingArgs) -> None:
    behaviour: dict[str, Any] = {
        "RecordedParticipants": [p.title() for p in arg.participants]
    }
    if arg.screen is not None:
        behaviour["ScreenRecordedParticipants"] = ["Agent"] if arg.screen else []
    if arg.ivr is not None:
        behaviour["IVRRecordingBehavior"] = "Enabled" if arg.ivr else "Disabled"
    params: dict[str, Any] = {"RecordingBehavior": behaviour}
    if arg.analytics is not None and set(arg.participants) != {"agent", "customer"}:
        message = "analytics needs both agent and customer recorded"
        lw.error("CC0013", lw.path("recording", "analytics"), message, key=True)
    if arg.analytics is not None:
        params["AnalyticsBehavior"] = arg.analytics
    lw.emit_next("UpdateContactRecordingBehavior", params)


def _logging(lw: Lowering, arg: bool) -> None:
    state = "Enabled" if arg else "Disabled"
    lw.emit_next("UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": state})


def _voice(lw: Lowering, arg: Any) -> None:
    full = arg if isinstance(arg, model.VoiceArgs) else model.VoiceArgs(name=arg)
    params = drop_none(
        {
            "TextToSpeechVoice": full.name,
            "TextToSpeechEngine": full.engine.title() if full.engine else None,
            "TextToSpeechStyle": full.style.title() if full.style else None,
        }
    )
    lw.emit_next("UpdateContactTextToSpeechVoice", params)


def _priority(lw: Lowering, arg: Any) -> None:
    full = (
        arg if isinstance(arg, model.PriorityArgs) else model.PriorityArgs(priority=arg)
    )
    params = {}
    if full.priority is not None:
        params["QueuePriority"] = scalar(full.priority)
    if full.adjust is not None:
        params["QueueTimeAdjustmentSeconds"] = seconds(
            lw, full.adjust, "priority", "adjust"
        )
    if len(params) != 1:
        message = 'priority takes exactly one of "priority" and "adjust"'
        lw.error("CC0013", lw.path("priority"), message)
    lw.emit_next("UpdateContactRoutingBehavior", params)


def _callback_number(lw: Lowering, arg: str) -> None:
    if not is_reference(arg):
        lw.error("CC1005", lw.path("callback_number"), "callback_number", arg)
    errors = (
        ("InvalidCallbackNumber", "invalid_number"),
        ("CallbackNumberNotDialable", "not_dialable"),
    )
    lw.emit(
        lw.new_id(),
        "UpdateContactCallbackNumber",
        {"CallbackNumber": arg},
        lw.transitions(next_=lw.target("next"), errors=errors),
    )


def _create_callback(lw: Lowering, arg: model.CallbackArgs) -> None:
    params: dict[str, Any] = {}
    if arg.queue is not None:
        params.update(queue_param(lw, arg.queue, "create_callback", "queue"))
    if arg.delay is not None:
        params["InitialCallDelaySeconds"] = positive_seconds(
            lw, arg.delay, "create_callback", "delay"
        )
    if arg.attempts is not None:
        params["MaximumConnectionAttempts"] = scalar(arg.attempts)
    if arg.retry_delay is not None:
        params["RetryDelaySeconds"] = positive_seconds(
            lw, arg.retry_delay, "create_callback", "retry_delay"
        )
    if arg.flow is not None:
        params["ContactFlowId"] = lw.typed(
            arg.flow, lw.path("create_callback", "flow"), "Flow"
        )
    if arg.caller_id is not None:
        params["CallerId"] = lw.typed(
            arg.caller_id,
            lw.path("create_callback", "caller_id"),
            "PhoneNumber",
            "PhoneNumberArn",
        )
    lw.emit_next("CreateCallbackContact", params)


def _create_task(lw: Lowering, arg: model.TaskArgs) -> None:
    params: dict[str, Any] = {
        "ContactFlowId": lw.typed(arg.flow, lw.path("create_task", "flow"), "Flow"),
        "Name": arg.name,
    }
    params.update(
        drop_none(
            {
                "Description": arg.description,
                "Attributes": arg.attributes,
                "References": arg.references,
                "DelaySeconds": None
                if arg.delay is None
                else positive_seconds(lw, arg.delay, "create_task", "delay"),
                "TaskTemplateId": None
                if arg.template is None
                else lw.typed(
                    arg.template, lw.path("create_task", "template"), "TaskTemplate"
                ),
            }
        )
    )
    lw.emit(lw.new_id(), "CreateTask", params, lw.transitions(next_=lw.target("next")))


def _action(lw: Lowering, arg: model.RawArgs) -> None:
    found = tuple(
        (c.operator, c.value, f"conditions.{i}")
        for i, c in enumerate(lw.block.validated.conditions or ())
    )
    params = arg.parameters if arg.parameters is not None else {}
    lw.emit(
        lw.new_id(),
        arg.type,
        params,
        lw.transitions(next_=lw.target("next"), conditions=found),
    )


LOWERERS: dict[str, Callable[[Lowering, Any], None]] = {
    "play": _play,
    "play_loop": _play_loop,
    "menu": _menu,
    "input": _input,
    "lex": _lex,
    "lambda": _lambda,
    "set_attributes": _set_attributes,
    "set_flow_attributes": _set_flow_attributes,
    "set_queue": _set_queue,
    "transfer_to_queue": _transfer_to_queue,
    "transfer_to_flow": _transfer_to_flow,
    "transfer_to_phone": _transfer_to_phone,
    "check_hours": _check_hours,
    "check_staffing": _check_staffing,
    "check_queue": _check_queue,
    "branch": conditions.lower_branch,
    "split": _split,
    "set_hooks": _set_hooks,
    "invoke_module": _invoke_module,
    "return": _terminal("EndFlowModuleExecution"),
    "loop": _loop,
    "wait": _wait,
    "recording": _recording,
    "logging": _logging,
    "voice": _voice,
    "priority": _priority,
    "callback_number": _callback_number,
    "create_callback": _create_callback,
    "create_task": _create_task,
    "disconnect": _terminal("DisconnectParticipant"),
    "end": _terminal("EndFlowExecution"),
    "action": _action,
}
