"""Readable block names for imported actions, and their reading order.

Input: a flow's actions, designer metadata and tokenised parameters. Output:
a unique, valid block name per action Identifier (the designer's friendly name
where there is one, else one derived from what the action does, such as
`play_welcome` or `to_queue_sales`) and the actions in reachability order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from connectc.actions import (
    FORBIDDEN_IDENTIFIER_CHARS,
    MAX_IDENTIFIER,
    RESERVED_IDENTIFIERS,
    successors,
)
from connectc.importer.tokens import GENERATED_ID
from connectc.yamlio import strings

TOKEN = re.compile(r"\$\{[A-Za-z]+\.([\w\-]+)(?:\.([\w\-]+))?\}")
REFERENCE_KEY = re.compile(r"\$\.(?:Attributes|FlowAttributes|External)\.([\w\-]+)")
STOP_WORDS = frozenset(
    {"a", "an", "the", "to", "of", "and", "or", "for", "in", "on", "at", "is",
     "are", "be", "you", "your", "we", "our", "this", "that", "please", "will",
     "with"}
)  # fmt: skip

# Type -> the verb-like prefix of a derived name.
PREFIXES = {
    "MessageParticipant": "play",
    "MessageParticipantIteratively": "play_loop",
    "ConnectParticipantWithLexBot": "lex",
    "InvokeLambdaFunction": "lambda",
    "UpdateContactAttributes": "set",
    "UpdateFlowAttributes": "set_flow",
    "UpdateContactTargetQueue": "set_queue",
    "TransferContactToQueue": "to_queue",
    "DequeueContactAndTransferToQueue": "to_queue",
    "TransferToFlow": "to_flow",
    "TransferParticipantToThirdParty": "to_phone",
    "CheckHoursOfOperation": "check_hours",
    "Compare": "check",
    "DistributeByPercentage": "split",
    "UpdateContactEventHooks": "hook",
    "InvokeFlowModule": "module",
    "EndFlowModuleExecution": "return",
    "Loop": "loop",
    "Wait": "wait",
    "UpdateContactRecordingBehavior": "recording",
    "UpdateContactTextToSpeechVoice": "voice",
    "UpdateContactRoutingBehavior": "priority",
    "UpdateContactCallbackNumber": "callback_number",
    "CreateCallbackContact": "create_callback",
    "CreateTask": "create_task",
    "DisconnectParticipant": "disconnect",
    "EndFlowExecution": "end",
    "ShowView": "show_view",
}


def is_valid_name(name: str) -> bool:
    """Whether `name` can be an action Identifier (and so a block name)."""
    return (
        0 < len(name) <= MAX_IDENTIFIER
        and not any(c in FORBIDDEN_IDENTIFIER_CHARS for c in name)
        and name not in RESERVED_IDENTIFIERS
        and name == name.strip()
        and "\n" not in name
    )


def block_names(
    actions: list[Mapping[str, Any]],
    parameters: Mapping[str, Any],
    metadata: Mapping[str, Any],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Block name per Identifier, and (designer name, new name) pairs renamed.

    `parameters` holds each action's tokenised Parameters by Identifier.
    Designer names are placed first so a derived name never takes one.
    """
    friendly = _friendly(actions, metadata)
    names: dict[str, str] = {}
    taken: set[str] = set()
    renamed: list[tuple[str, str]] = []
    for action in actions:
        identifier = action["Identifier"]
        if identifier in friendly and is_valid_name(identifier):
            names[identifier] = _unique(identifier, taken)
    by_id = {a["Identifier"]: a for a in actions}
    for action in actions:
        identifier = action["Identifier"]
        if identifier in names:
            continue
        base = _derived(action, parameters.get(identifier), by_id, parameters)
        if identifier in friendly:
            base = _cleaned(identifier) or base
            renamed.append((identifier, ""))
        names[identifier] = _unique(base, taken)
    renamed = [(old, names[old]) for old, _ in renamed]
    return names, renamed


def _friendly(
    actions: list[Mapping[str, Any]], metadata: Mapping[str, Any]
) -> set[str]:
    """Identifiers a person chose: marked friendly, or simply not generated."""
    entries = metadata.get("ActionMetadata")
    entries = entries if isinstance(entries, Mapping) else {}
    found = set()
    for action in actions:
        identifier = action["Identifier"]
        marked = entries.get(identifier, {})
        chosen = isinstance(marked, Mapping) and marked.get("isFriendlyName") is True
        if chosen or not (GENERATED_ID.match(identifier) or _synthetic(identifier)):
            found.add(identifier)
    return found


def _synthetic(identifier: str) -> bool:
    """Tool-made UUID look-alikes such as `b0000001-0000-…` or `1234…-1234-…`."""
    return bool(re.fullmatch(r"[0-9a-fA-F-]{20,}", identifier))


def _cleaned(name: str) -> str:
    cleaned = "".join("_" if c in FORBIDDEN_IDENTIFIER_CHARS else c for c in name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()[:MAX_IDENTIFIER].strip()
    return cleaned if is_valid_name(cleaned) else ""


def _unique(base: str, taken: set[str]) -> str:
    base = base[:MAX_IDENTIFIER]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"_{number}"
        candidate = base[: MAX_IDENTIFIER - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def _derived(
    action: Mapping[str, Any],
    params: Any,
    by_id: Mapping[str, Mapping[str, Any]],
    all_params: Mapping[str, Any],
) -> str:
    type_ = str(action.get("Type"))
    params = params if isinstance(params, Mapping) else {}
    prefix = PREFIXES.get(type_) or _snake(type_)
    if type_ == "GetParticipantInput":
        prefix = "input" if str(params.get("StoreInput")).lower() == "true" else "menu"
    elif type_ == "UpdateFlowLoggingBehavior":
        enabled = params.get("FlowLoggingBehavior") == "Enabled"
        return "enable_logging" if enabled else "disable_logging"
    elif type_ == "CheckMetricData":
        agents = str(params.get("MetricType", "")).startswith("NumberOfAgents")
        prefix = "check_staffing" if agents else "check_queue"
    subject = _subject(type_, params, action, by_id, all_params)
    name = f"{prefix}_{subject}" if subject else prefix
    return name[:40].rstrip("_") or "block"


def _subject(
    type_: str,
    params: Mapping[str, Any],
    action: Mapping[str, Any],
    by_id: Mapping[str, Mapping[str, Any]],
    all_params: Mapping[str, Any],
) -> str:
    """A few words saying what or whom the action is about."""
    if type_ in ("MessageParticipant", "GetParticipantInput"):
        return _words(
            params.get("Text") or params.get("SSML") or params.get("PromptId")
        )
    if type_ == "UpdateContactAttributes":
        return _words(next(iter(params.get("Attributes") or {}), ""))
    if type_ == "UpdateFlowAttributes":
        return _words(next(iter(params.get("FlowAttributes") or {}), ""))
    if type_ == "Compare":
        return _words(str(params.get("ComparisonValue", "")).split(".")[-1])
    if type_ == "UpdateContactEventHooks":
        return _words(_camel_words(next(iter(params.get("EventHooks") or {}), "")))
    if type_ == "UpdateContactTextToSpeechVoice":
        return _words(params.get("TextToSpeechVoice"))
    if type_ == "ShowView":
        data = params.get("ViewData")
        heading = data.get("Heading") if isinstance(data, Mapping) else None
        resource = params.get("ViewResource")
        view = resource.get("Id") if isinstance(resource, Mapping) else None
        return _words(heading) or _words(view)
    if type_ == "TransferContactToQueue":
        return _queue_before(action, by_id, all_params)
    return _token_subject(params)


def _token_subject(params: Mapping[str, Any]) -> str:
    """The name of the first token in the parameters (`${Queue.Sales}`: sales),
    else the key of a value given by reference (`$.FlowAttributes.Sales`)."""
    texts = [text for _, text in strings(params)]
    for value in texts:
        match = TOKEN.search(value)
        if match:
            return _words(_camel_words(match.group(1)))
    for value in texts:
        match = REFERENCE_KEY.fullmatch(value)
        if match:
            return _words(_camel_words(match.group(1)))
    return ""


def _queue_before(
    action: Mapping[str, Any],
    by_id: Mapping[str, Mapping[str, Any]],
    all_params: Mapping[str, Any],
) -> str:
    """The queue set by the one working-queue action that leads here, if any."""
    identifier = action["Identifier"]
    setters = [
        other
        for other in by_id.values()
        if other.get("Type") == "UpdateContactTargetQueue"
        and identifier in successors(other)
    ]
    if len(setters) != 1:
        return ""
    params = all_params.get(setters[0]["Identifier"])
    return _token_subject(params) if isinstance(params, Mapping) else ""


def _words(value: Any, count: int = 3) -> str:
    """Up to `count` lower-case ASCII words of `value`, SSML tags and tokens out."""
    if not isinstance(value, str):
        return ""
    text = re.sub(r"<[^>]*>", " ", value)
    token = TOKEN.fullmatch(text.strip())
    if token:
        text = _camel_words(token.group(1))
    text = re.sub(r"\$\{[^}]*\}|\$\.[\w.\[\]']+", " ", text)
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS]
    return "_".join(words[:count])


def _camel_words(text: str) -> str:
    """`CustomerQueue` -> `Customer Queue`; `BasicQueue2` -> `Basic Queue2`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)


def _snake(type_: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", type_).lower()


def reachable_order(start: str, actions: list[Mapping[str, Any]]) -> list[str]:
    """Identifiers in depth-first order from `start` (next, then conditions,
    then errors), the unreachable ones after in their original order."""
    by_id = {a["Identifier"]: a for a in actions}
    order: list[str] = []
    seen: set[str] = set()
    roots = [start] + [a["Identifier"] for a in actions]
    for root in roots:
        stack = [root]
        while stack:
            identifier = stack.pop()
            if identifier in seen or identifier not in by_id:
                continue
            seen.add(identifier)
            order.append(identifier)
            stack.extend(reversed(list(successors(by_id[identifier]))))
    return order
