"""Shared machinery for lowering blocks to flow-language actions.

`Lowering` carries one block's context: it names extra actions, formats values
the way Connect exports them (strings, "True"/"False"), checks the service of
tokens in typed slots (CC2006), and builds `Transitions` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from connectc import expressions
from connectc.diagnostics import Diagnostics
from connectc.expressions import ExpressionError, Reference, TokenRef
from connectc.ir import Block, Flow
from connectc.yamlio import Path_

Action = dict[str, Any]


def scalar(value: Any) -> str:
    """A parameter value as Connect writes it: strings, "True"/"False"."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def single_token(text: str) -> TokenRef | None:
    """The token if `text` is exactly one `${…}` token."""
    if not text.startswith("${") or not text.endswith("}"):
        return None
    tokens = expressions.tokens_in(text)
    return tokens[0] if len(tokens) == 1 and tokens[0].text == text else None


# What a resource slot takes besides a token: an ARN (CC3129 warns that it
# should be a token), a resource ID, a reference or text built from them, or a
# placeholder of someone else's template (`${var.x}`, CC2008).
_RESOURCE_ID = re.compile(
    r"^(?:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$"
)


def literal_resource(text: str, services: tuple[str, ...]) -> bool:
    """Whether `text`, not a token, can stand in a slot for `services`."""
    value = text.strip()
    if value.startswith("arn:") or "$" in value or _RESOURCE_ID.match(value):
        return True
    return value.startswith("+") and any(s.startswith("PhoneNumber") for s in services)


def is_reference(text: str) -> bool:
    """Whether `text` is exactly one attribute reference."""
    if not text.startswith("$"):
        return False
    try:
        parts = expressions.parse_text(text)
    except ExpressionError:
        return False
    return len(parts) == 1 and isinstance(parts[0], Reference)


@dataclass
class Lowering:
    """Lowering one block: its flow, its diagnostics and the actions it made."""

    flow: Flow
    block: Block
    diagnostics: Diagnostics
    taken: set[str]
    resolved: dict[str, str] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)

    def new_id(self) -> str:
        """The block's name for its first action, `<name>_2`, … for the others."""
        name = self.block.name
        if name not in self.taken:
            self.taken.add(name)
            return name
        number = 2
        while True:
            suffix = f"_{number}"
            candidate = name[: 50 - len(suffix)] + suffix
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
            number += 1

    def path(self, *parts: str | int) -> Path_:
        return (*self.block.path, *parts)

    def error(self, code: str, path: Path_, *args: object, key: bool = False) -> None:
        self.diagnostics.report(code, self.flow.span(path, key=key), *args)
        self.flow.broken = True

    def typed(self, value: str, path: Path_, *services: str) -> str:
        """A value for a slot that takes a resource of `services` (CC2006):
        a token of one of them, or what Connect takes there literally."""
        token = single_token(value)
        wanted = " or ".join(services)
        if token is None and not literal_resource(value, services):
            span = self.flow.span(path)
            self.diagnostics.report("CC3133", span, self.block.name, wanted, value)
            return value
        if token is None or token.service in (*services, "Text"):
            return value
        from connectc import bindings

        if token.service in bindings.SERVICES:
            self.error("CC2006", path, f'"{self.block.name}"', wanted, value)
        return value

    def target(self, label: str) -> str | None:
        return self.block.target(label)

    def transitions(
        self,
        *,
        next_: str | None = None,
        errors: tuple[tuple[str, str], ...] = (),
        conditions: tuple[tuple[str, str, str], ...] = (),
        generic: bool = True,
    ) -> dict[str, Any]:
        """Transitions with `errors` as (ErrorType, label) and `conditions` as
        (operator, operand, label); `generic` adds `errors:` and `error:`."""
        result: dict[str, Any] = {}
        if next_ is not None:
            result["NextAction"] = next_
        pairs = [(kind, self.target(label)) for kind, label in errors]
        if generic:
            pairs += [(t.label[7:], t.target) for t in self.block.targets("errors")]
            pairs.append(("NoMatchingError", self.target("error")))
        pairs = self._one_target_per_error(pairs)
        result["Errors"] = [
            {"NextAction": target, "ErrorType": kind}
            for kind, target in pairs
            if target is not None
        ]
        result["Conditions"] = [
            condition(operator, operand, target)
            for operator, operand, label in conditions
            if (target := self.target(label)) is not None
        ]
        return result

    def _one_target_per_error(
        self, pairs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        """Connect takes the first branch of an error type; two different
        targets for one type mean the spec says two things (CC0013)."""
        chosen: dict[str, str | None] = {}
        for kind, target in pairs:
            if target is None:
                continue
            if kind in chosen and chosen[kind] != target:
                message = (
                    f'block "{self.block.name}" sends error "{kind}" to both '
                    f'"{chosen[kind]}" and "{target}"'
                )
                self.error("CC0013", self.path(), message, key=True)
            chosen.setdefault(kind, target)
        return list(chosen.items())

    def emit(
        self,
        identifier: str,
        type_: str,
        parameters: dict[str, Any],
        transitions: dict[str, Any],
    ) -> Action:
        action: Action = {
            "Identifier": identifier,
            "Type": type_,
            "Parameters": parameters,
            "Transitions": transitions,
        }
        self.actions.append(action)
        return action

    def emit_next(self, type_: str, parameters: dict[str, Any]) -> Action:
        """One action that goes to `next` and handles `error`/`errors`."""
        transitions = self.transitions(next_=self.target("next"))
        return self.emit(self.new_id(), type_, parameters, transitions)


def condition(operator: str, operand: str, target: str) -> dict[str, Any]:
    return {
        "NextAction": target,
        "Condition": {"Operator": operator, "Operands": [operand]},
    }


def drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
