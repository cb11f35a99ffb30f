"""Tokens for instance-specific values found in imported flows.

Input: one action's Parameters and its designer metadata. Output: Parameters
with `${Service.Entity}` tokens in place of ARNs, resource IDs, phone numbers
and template placeholders, and the bindings those tokens need. Names come from
the designer's display names, else from placeholders, else from the ARN.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connectc.actions import ARN_SHAPES, E164, ActionSpec, action_spec
from connectc.importer.placeholders import (
    Placeholder,
    find_placeholders,
    is_placeholder,
    placeholder_name,
)

# actions.py resource kinds -> token services of the spec language.
SERVICE_BY_RESOURCE = {
    "queue": "Queue",
    "agent": "Agent",
    "prompt": "Prompt",
    "lambda": "Lambda",
    "lex": "Lex",
    "flow": "Flow",
    "module": "Module",
    "hours": "Hours",
    "phone": "PhoneNumber",
    "phone_arn": "PhoneNumberArn",
    "view": "View",
    "task_template": "TaskTemplate",
    "case_template": "CaseTemplate",
    "hierarchy": "Hierarchy",
    "quick_connect": "QuickConnect",
    "wisdom_assistant": "Text",
}

# Connect ARN resource segments -> services, for ARNs whose exact shape is not
# known (placeholders inside them, or a resource kind met outside its path).
SERVICE_BY_SEGMENT = {
    "queue": "Queue",
    "agent": "Agent",
    "prompt": "Prompt",
    "contact-flow": "Flow",
    "flow-module": "Module",
    "operating-hours": "Hours",
    "task-template": "TaskTemplate",
    "agent-group": "Hierarchy",
    "transfer-destination": "QuickConnect",
    "view": "View",
    "phone-number": "PhoneNumberArn",
}

# Placeholders that name the place rather than the resource (a poor token name).
GENERIC_PLACEHOLDERS = frozenset(
    {"REGION", "ACCT_ID", "ACCOUNT_ID", "ACCOUNT", "INSTANCE_ID", "INSTANCE",
     "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS_REGION"}
)  # fmt: skip

# A resource ID Connect or the designer generated: a UUID, or 32 hex digits.
GENERATED_ID = re.compile(
    r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$|^[0-9a-f]{32}$"
)
CONNECT_ARN = re.compile(
    r"^arn:(?P<partition>[^:]*):connect:(?P<region>[^:]*):(?P<account>[^:]*):"
    r"instance/(?P<instance>[^/]+)(?:/(?P<segment>[\w-]+)/(?P<id>.+))?$"
)
ANY_ARN = re.compile(r"^arn:[^:\s]*:[^:\s]+:[^:\s]*:[^:\s]*:\S+$")
REFERENCE = re.compile(r"^\$(\.|\[')")


@dataclass
class TokenUse:
    """A token the import wrote, with the value it stands for."""

    service: str
    entity: str
    value: str

    @property
    def text(self) -> str:
        return "${" + self.service + "." + self.entity + "}"


@dataclass
class TokenTable:
    """Tokens allocated in one import: names are unique per service and value.

    `existing` holds the environment file's bindings (flattened keys such as
    `Welcome.Ja`); a value already bound there reuses that token's name.
    """

    existing: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    uses: dict[tuple[str, str], TokenUse] = field(default_factory=dict)
    by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    placeholders: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for service, entries in self.existing.items():
            for entity, value in entries.items():
                self.by_value.setdefault((service, value), entity)

    def token(self, service: str, name: str, value: str) -> str:
        """The token for `value`, allocating `${service.name}` (or name2, …)."""
        known = self.by_value.get((service, value))
        if known is None:
            known = self._free_name(service, entity_name(name), value)
            self.by_value[(service, value)] = known
        use = TokenUse(service, known, value)
        self.uses.setdefault((service, known), use)
        if is_placeholder(value) and (value, use.text) not in self.placeholders:
            self.placeholders.append((value, use.text))
        return use.text

    def _free_name(self, service: str, base: str, value: str) -> str:
        candidate, number = base, 1
        while self._taken(service, candidate, value):
            number += 1
            candidate = f"{base}{number}"
        return candidate

    def _taken(self, service: str, entity: str, value: str) -> bool:
        # A name the environment file binds to another value is not taken: the
        # writer reports that conflict (or keeps a filled-in placeholder).
        use = self.uses.get((service, entity))
        return use is not None and use.value != value


@dataclass
class Tokenizer:
    """Replaces instance-specific values in one document's actions."""

    table: TokenTable
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def parameters(self, action: Mapping[str, Any]) -> Any:
        """A copy of the action's Parameters with tokens in place."""
        parameters = action.get("Parameters")
        if not isinstance(parameters, Mapping):
            return parameters
        spec = action_spec(str(action.get("Type")))
        hints = _resource_hints(spec, parameters)
        names = _display_names(self._action_metadata(action), hints)
        return self._walk(parameters, (), hints, names)

    def text(self, value: str) -> str:
        """Free text with its placeholders and whole-value ARNs as tokens."""
        return self._string(value, None, None)

    def _action_metadata(self, action: Mapping[str, Any]) -> Mapping[str, Any]:
        entries = self.metadata.get("ActionMetadata")
        if not isinstance(entries, Mapping):
            return {}
        found = entries.get(action.get("Identifier"))
        return found if isinstance(found, Mapping) else {}

    def _walk(
        self,
        value: Any,
        path: tuple[str | int, ...],
        hints: Mapping[tuple[str | int, ...], str],
        names: Mapping[tuple[str | int, ...], str],
    ) -> Any:
        if isinstance(value, Mapping):
            return {
                key: self._walk(item, (*path, key), hints, names)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [
                self._walk(item, (*path, index), hints, names)
                for index, item in enumerate(value)
            ]
        if isinstance(value, str):
            return self._string(value, hints.get(path), names.get(path))
        return value

    def _string(self, value: str, resource: str | None, display: str | None) -> str:
        result = self._tokenised(value, resource, display)
        if "$" in result and not _readable(result):
            # Text the spec language cannot say literally (a stray `${`, an
            # unknown namespace) travels as a Text token bound to itself.
            return self.table.token("Text", "Literal", value)
        return result

    def _tokenised(self, value: str, resource: str | None, display: str | None) -> str:
        if REFERENCE.match(value) and not is_placeholder(value):
            return value
        if resource is not None and _instance_specific(value, resource):
            service = _service(value, resource)
            return self.table.token(service, _name(value, display, service), value)
        if ANY_ARN.match(value):
            service = _service(value, None)
            return self.table.token(service, _name(value, display, service), value)
        return self._placeholders_in_text(value)

    def _placeholders_in_text(self, value: str) -> str:
        found = find_placeholders(value)
        if not found:
            return value
        parts, last = [], 0
        for placeholder in found:
            parts.append(value[last : placeholder.start])
            parts.append(self._text_token(placeholder))
            last = placeholder.end
        parts.append(value[last:])
        return "".join(parts)

    def _text_token(self, placeholder: Placeholder) -> str:
        return self.table.token("Text", placeholder.name, placeholder.text)


def _readable(text: str) -> bool:
    """Whether the compiler reads `text` back as the same literal string."""
    from connectc import expressions

    try:
        parts = expressions.parse_text(text)
    except expressions.ExpressionError:
        return False
    return all(
        not isinstance(part, expressions.Reference) or expressions.known_namespace(part)
        for part in parts
    )


def _resource_hints(
    spec: ActionSpec | None, parameters: Mapping[str, Any]
) -> dict[tuple[str | int, ...], str]:
    """Where in `parameters` the action's table says a resource sits."""
    if spec is None:
        return {}
    return {found.path: found.resource for found in spec.resource_values(parameters)}


def _instance_specific(value: str, resource: str) -> bool:
    """An ARN, a resource ID, an E.164 number or a placeholder (not a name)."""
    if is_placeholder(value) or value.startswith("arn:"):
        return True
    if resource == "phone":
        return bool(E164.match(value))
    return bool(GENERATED_ID.match(value))


def _service(value: str, resource: str | None) -> str:
    """The token service for `value`: its ARN's kind first, else the path's."""
    for kind, shape in ARN_SHAPES.items():
        if shape.match(value):
            return SERVICE_BY_RESOURCE[kind]
    connect = CONNECT_ARN.match(value)
    if connect and connect["segment"] in SERVICE_BY_SEGMENT:
        return SERVICE_BY_SEGMENT[connect["segment"]]
    if resource is not None:
        return SERVICE_BY_RESOURCE[resource]
    if value.startswith("arn:") and ":lambda:" in value and ":function:" in value:
        return "Lambda"
    if value.startswith("arn:") and ":lex:" in value and "bot-alias/" in value:
        return "Lex"
    return "Text"


def _name(value: str, display: str | None, service: str) -> str:
    """A token name: display name, else the placeholder, else the ARN's resource."""
    if display and display.strip() and not is_placeholder(display):
        return display
    named = _placeholder_name(value)
    if named:
        return named
    if display and is_placeholder(display):
        return placeholder_name(display)
    return _name_from_value(value, service)


def _placeholder_name(value: str) -> str:
    found = [p for p in find_placeholders(value) if p.name not in GENERIC_PLACEHOLDERS]
    if not found:
        return ""
    # In an ARN the resource's own placeholder comes last.
    return found[-1].name


def _name_from_value(value: str, service: str) -> str:
    connect = CONNECT_ARN.match(value)
    if connect:
        ident = connect["id"] or connect["instance"]
        return _short_id(ident.split("/")[-1].split(":")[0])
    lambda_arn = re.search(r":function:([^:]+)(?::([^:]+))?$", value)
    if lambda_arn:
        return lambda_arn.group(1)
    lex = re.search(r"bot-alias/([^/]+)/([^/]+)$", value)
    if lex:
        return f"Bot{lex.group(1)}"
    if service == "PhoneNumber" and E164.match(value):
        return "Tel" + value[1:]
    if value.startswith("arn:"):
        return re.split(r"[:/]", value)[-1] or service
    return _short_id(value)


def _short_id(ident: str) -> str:
    if GENERATED_ID.match(ident):
        return "Id_" + ident.replace("-", "")[:8]
    return ident


def entity_name(text: str) -> str:
    """A token entity from free text: kept if it is already a word, else
    PascalCase (or UPPER_SNAKE for all-capital words); never starts with a digit.
    """
    text = text.strip()
    if re.fullmatch(r"[^\W\d]\w*", text):
        return text
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return "Value"
    if all(w.upper() == w and w.lower() != w for w in words):
        name = "_".join(words)
    else:
        name = "".join(w[:1].upper() + w[1:] for w in words)
    return name if not name[0].isdigit() else "N" + name


def _display_names(
    metadata: Mapping[str, Any], hints: Mapping[tuple[str | int, ...], str]
) -> dict[tuple[str | int, ...], str]:
    """Designer display names for the resource paths of one action."""
    names: dict[tuple[str | int, ...], str] = {}
    for path, resource in hints.items():
        name = _parameter_display(metadata, path) or _block_display(
            metadata, path, resource
        )
        if name:
            names[path] = name
    return names


def _parameter_display(metadata: Mapping[str, Any], path: tuple[str | int, ...]) -> str:
    node: Any = metadata.get("parameters")
    for key in path:
        if not isinstance(node, Mapping) or str(key) not in node:
            return ""
        node = node[str(key)]
    if isinstance(node, Mapping) and isinstance(node.get("displayName"), str):
        return str(node["displayName"])
    return ""


def _block_display(
    metadata: Mapping[str, Any], path: tuple[str | int, ...], resource: str
) -> str:
    """Display names the designer keeps outside `parameters`, per resource kind."""
    keys = {
        "queue": ("queue",),
        "agent": ("queue",),
        "flow": ("contactFlow", "ContactFlow"),
        "module": ("contactFlowModuleName",),
        "lex": ("lexV2BotName",),
        "prompt": ("promptName", "prompt"),
    }.get(resource, ())
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, Mapping):
            value = value.get("text")
        if isinstance(value, str) and value.strip():
            return value
    if resource == "prompt":
        return _audio_prompt(metadata, path)
    return ""


def _audio_prompt(metadata: Mapping[str, Any], path: tuple[str | int, ...]) -> str:
    audio = metadata.get("audio")
    if not isinstance(audio, list):
        return ""
    index = path[1] if len(path) > 2 and isinstance(path[1], int) else 0
    prompts = [a for a in audio if isinstance(a, Mapping) and a.get("type") == "Prompt"]
    if index < len(prompts):
        prompt = prompts[index].get("prompt")
        if isinstance(prompt, Mapping) and isinstance(prompt.get("text"), str):
            return str(prompt["text"])
    return ""
