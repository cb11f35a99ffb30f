"""Compare two flow-language contents in meaning, block by block.

Two flows are equal when their graphs match up to identifier renaming (walked
together from StartAction), with the same Types, Parameters, transitions,
conditions and error branches. Metadata, action order, empty `Errors` /
`Conditions` arrays and `Parameters: {}` versus absent do not count. Import's
round trip and drift detection both use `compare`.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Content = Mapping[str, Any]


@dataclass(frozen=True)
class Difference:
    """One place where two flows differ.

    `kind`: version, settings, start, type, parameter, transition, condition,
    missing (a block only the left flow has) or extra (only the right has).
    `block` / `other` are the Identifiers of the matched actions on the left
    and right ("" when there is none); `path` is where inside the action.
    `left` / `right` are None where a value is absent; for parameters,
    `absent` says which, so that a JSON null is told apart.
    """

    kind: str
    block: str
    other: str
    path: str
    left: Any = None
    right: Any = None
    absent: tuple[bool, bool] | None = None

    def __str__(self) -> str:
        where = (
            f'block "{self.block or self.other}"'
            if self.block or self.other
            else "flow"
        )
        if self.path:
            where += f" {self.path}"
        if self.kind == "missing":
            return f"{where}: only in the first flow ({self.left})"
        if self.kind == "extra":
            return f"{where}: only in the second flow ({self.right})"
        left, right = _show_pair(self.left, self.right, self.absent)
        return f"{where}: {left} != {right}"


@dataclass
class _Action:
    """An action reduced to what carries meaning."""

    identifier: str
    type: str
    parameters: Any
    next: str | None
    errors: list[tuple[str, str]]
    conditions: list[tuple[str, str]]  # (condition key, target)

    def signature(self) -> str:
        return _key({"Type": self.type, "Parameters": self.parameters})

    def successors(self) -> Iterator[str]:
        if self.next is not None:
            yield self.next
        for _, target in self.conditions:
            yield target
        for _, target in self.errors:
            yield target


@dataclass
class _Flow:
    start: str | None
    actions: dict[str, _Action] = field(default_factory=dict)


def compare(left: Content, right: Content) -> list[Difference]:
    """The differences in meaning between two flow-language contents, in order.

    An empty list means the flows are equal. Both arguments are decoded
    `Content` mappings (Version, StartAction, Actions, Settings, Metadata).
    """
    differences: list[Difference] = []
    for key, kind in (("Version", "version"), ("Settings", "settings")):
        a, b = _top(left, key), _top(right, key)
        if a != b:
            differences += _value_diff(kind, "", "", key, a, b)
    differences += _Matcher(_reduce(left), _reduce(right)).run()
    return differences


def equal(left: Content, right: Content) -> bool:
    """Whether two contents mean the same flow."""
    return not compare(left, right)


def canonical(content: Content) -> dict[str, Any]:
    """`content` normalised: Metadata dropped, actions renamed `1`, `2`, … by a
    walk from StartAction (then unreachable ones by content), in that order.

    Equal flows give equal canonical forms, so it can be hashed.
    """
    flow = _reduce(content)
    order = _canonical_order(flow)
    names = {old: str(number) for number, old in enumerate(order, start=1)}
    actions = [_canonical_action(flow.actions[old], names) for old in order]
    result: dict[str, Any] = {
        "Version": content.get("Version"),
        "StartAction": names.get(flow.start or "", flow.start),
        "Actions": actions,
    }
    if _top(content, "Settings") is not None:
        result["Settings"] = content["Settings"]
    return result


# --- reduction -------------------------------------------------------------


def _top(content: Content, key: str) -> Any:
    value = content.get(key)
    return None if value in ({}, None) and key == "Settings" else value


def _reduce(content: Content) -> _Flow:
    start = content.get("StartAction")
    flow = _Flow(start if isinstance(start, str) else None)
    actions = content.get("Actions")
    for raw in actions if isinstance(actions, list) else []:
        if isinstance(raw, Mapping) and isinstance(raw.get("Identifier"), str):
            flow.actions.setdefault(raw["Identifier"], _reduce_action(raw))
    return flow


def _reduce_action(raw: Mapping[str, Any]) -> _Action:
    transitions = raw.get("Transitions")
    transitions = transitions if isinstance(transitions, Mapping) else {}
    nxt = transitions.get("NextAction")
    errors = sorted(
        (str(e.get("ErrorType")), str(e.get("NextAction")))
        for e in _entries(transitions.get("Errors"))
    )
    conditions = [
        (_key(c.get("Condition")), str(c.get("NextAction")))
        for c in _entries(transitions.get("Conditions"))
    ]
    return _Action(
        identifier=raw["Identifier"],
        type=str(raw.get("Type")),
        parameters=raw.get("Parameters") or {},
        next=nxt if isinstance(nxt, str) else None,
        errors=errors,
        conditions=_order_conditions(conditions),
    )


def _entries(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, Mapping)]


def _order_conditions(conditions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sorted when order cannot matter: `Equals` on distinct operands.

    Connect takes the first condition that holds; conditions that can never
    hold together may be listed in any order (menus, intents, hours).
    """
    keys = [key for key, _ in conditions]
    exclusive = len(set(keys)) == len(keys) and all(
        json.loads(key).get("Operator") == "Equals" if key.startswith("{") else False
        for key in keys
    )
    return sorted(conditions) if exclusive else conditions


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# --- matching two flows ----------------------------------------------------


class _Matcher:
    """Walks both graphs together, pairing actions reached the same way."""

    def __init__(self, left: _Flow, right: _Flow) -> None:
        self.left, self.right = left, right
        self.pairs: dict[str, str] = {}
        self.paired_right: dict[str, str] = {}
        self.queue: deque[tuple[str, str]] = deque()
        self.differences: list[Difference] = []

    def run(self) -> list[Difference]:
        start_l, start_r = self.left.start, self.right.start
        if start_l in self.left.actions and start_r in self.right.actions:
            self._pair(start_l or "", start_r or "", "", "", "StartAction")
        else:
            self.differences.append(
                Difference("start", "", "", "StartAction", start_l, start_r)
            )
        self._drain()
        self._pair_unreached()
        self._report_unpaired()
        return self.differences

    def _drain(self) -> None:
        while self.queue:
            block, other = self.queue.popleft()
            self._compare(self.left.actions[block], self.right.actions[other])

    def _pair(self, block: str, other: str, at: str, at_other: str, path: str) -> None:
        known = self.pairs.get(block)
        if known is None and other not in self.paired_right:
            self.pairs[block] = other
            self.paired_right[other] = block
            self.queue.append((block, other))
        elif known != other:
            self.differences.append(
                Difference("transition", at, at_other, path, block, other)
            )

    def _compare(self, a: _Action, b: _Action) -> None:
        ids = (a.identifier, b.identifier)
        if a.type != b.type:
            self.differences.append(Difference("type", *ids, "Type", a.type, b.type))
        self.differences += _value_diff(
            "parameter", *ids, "Parameters", a.parameters, b.parameters
        )
        self._compare_next(a, b)
        self._compare_errors(a, b)
        self._compare_conditions(a, b)

    def _compare_next(self, a: _Action, b: _Action) -> None:
        ids = (a.identifier, b.identifier)
        if a.next is None or b.next is None:
            if a.next != b.next:
                self.differences.append(
                    Difference("transition", *ids, "NextAction", a.next, b.next)
                )
            return
        self._pair(a.next, b.next, *ids, "NextAction")

    def _compare_errors(self, a: _Action, b: _Action) -> None:
        ids = (a.identifier, b.identifier)
        left, right = _grouped(a.errors), _grouped(b.errors)
        for error_type in sorted(set(left) | set(right)):
            path = f"Errors[{error_type}]"
            targets_a, targets_b = left.get(error_type, []), right.get(error_type, [])
            if len(targets_a) != len(targets_b):
                self.differences.append(
                    Difference("transition", *ids, path, targets_a, targets_b)
                )
                continue
            for target_a, target_b in zip(targets_a, targets_b, strict=True):
                self._pair(target_a, target_b, *ids, path)

    def _compare_conditions(self, a: _Action, b: _Action) -> None:
        ids = (a.identifier, b.identifier)
        keys_a = [key for key, _ in a.conditions]
        keys_b = [key for key, _ in b.conditions]
        if keys_a != keys_b:
            shown_a = [json.loads(k) for k in keys_a]
            shown_b = [json.loads(k) for k in keys_b]
            self.differences.append(
                Difference("condition", *ids, "Conditions", shown_a, shown_b)
            )
            return
        for (key, target_a), (_, target_b) in zip(
            a.conditions, b.conditions, strict=True
        ):
            self._pair(target_a, target_b, *ids, f"Conditions[{_condition_label(key)}]")

    def _pair_unreached(self) -> None:
        """Pair actions no walk reached, by identical content, then walk them."""
        waiting: dict[str, list[str]] = {}
        for identifier in _canonical_order(self.right):
            if identifier not in self.paired_right:
                action = self.right.actions[identifier]
                waiting.setdefault(action.signature(), []).append(identifier)
        for identifier in _canonical_order(self.left):
            if identifier in self.pairs:
                continue
            candidates = waiting.get(self.left.actions[identifier].signature(), [])
            while candidates and candidates[0] in self.paired_right:
                candidates.pop(0)
            if candidates:
                self._pair(identifier, candidates.pop(0), "", "", "")
                self._drain()

    def _report_unpaired(self) -> None:
        for identifier, action in self.left.actions.items():
            if identifier not in self.pairs:
                self.differences.append(
                    Difference("missing", identifier, "", "", action.type, None)
                )
        for identifier, action in self.right.actions.items():
            if identifier not in self.paired_right:
                self.differences.append(
                    Difference("extra", "", identifier, "", None, action.type)
                )


def _grouped(errors: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for error_type, target in errors:
        grouped.setdefault(error_type, []).append(target)
    return grouped


def _condition_label(key: str) -> str:
    condition = json.loads(key)
    if not isinstance(condition, dict):
        return key
    operands = condition.get("Operands")
    shown = ",".join(str(o) for o in operands) if isinstance(operands, list) else ""
    return f"{condition.get('Operator')} {shown}".strip()


def _value_diff(
    kind: str, block: str, other: str, path: str, a: Any, b: Any
) -> list[Difference]:
    """Differences between two JSON values, down to the first differing leaf."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        found = []
        for key in sorted(set(a) | set(b), key=str):
            item_a, item_b = a.get(key, _ABSENT), b.get(key, _ABSENT)
            found += _value_diff(kind, block, other, f"{path}.{key}", item_a, item_b)
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        found = []
        for index, (item_a, item_b) in enumerate(zip(a, b, strict=True)):
            found += _value_diff(kind, block, other, f"{path}[{index}]", item_a, item_b)
        return found
    if _same(a, b):
        return []
    absent = (a is _ABSENT, b is _ABSENT)
    return [Difference(kind, block, other, path, _absent(a), _absent(b), absent)]


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON: 1 and True differ, 1 and 1.0 do not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, str) != isinstance(b, str):
        return False
    return bool(a == b)


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


_ABSENT = _Absent()


def _absent(value: Any) -> Any:
    return None if value is _ABSENT else value


SHOWN = 80  # characters of a value a difference shows


def _show_pair(
    left: Any, right: Any, absent: tuple[bool, bool] | None
) -> tuple[str, str]:
    """Both values as JSON, long ones cut so that where they differ shows."""
    gone = absent or (left is None, right is None)
    texts = [
        "(absent)" if missing else json.dumps(value, ensure_ascii=False, default=str)
        for value, missing in zip((left, right), gone, strict=True)
    ]
    same = len(os.path.commonprefix(texts))
    return _cut(texts[0], same), _cut(texts[1], same)


def _cut(text: str, same: int) -> str:
    """`text` within SHOWN characters, keeping what follows the common prefix."""
    if len(text) <= SHOWN:
        return text
    start = max(0, min(same - 20, len(text) - SHOWN + 3))
    head = "..." + text[start + 3 :] if start else text
    return head if len(head) <= SHOWN else head[: SHOWN - 3] + "..."


# --- canonical order -------------------------------------------------------


def _canonical_order(flow: _Flow) -> list[str]:
    """Identifiers in walk order from the start, then unreached by content."""
    order: list[str] = []
    seen: set[str] = set()

    def walk(root: str) -> None:
        stack = [root]
        while stack:
            identifier = stack.pop()
            if identifier in seen or identifier not in flow.actions:
                continue
            seen.add(identifier)
            order.append(identifier)
            stack.extend(reversed(list(flow.actions[identifier].successors())))

    if flow.start is not None:
        walk(flow.start)
    rest = sorted(
        (a for a in flow.actions.values() if a.identifier not in seen),
        key=lambda a: (_has_incoming(flow, a.identifier, seen), a.signature()),
    )
    for action in rest:
        walk(action.identifier)
    return order


def _has_incoming(flow: _Flow, identifier: str, seen: set[str]) -> bool:
    return any(
        identifier in action.successors()
        for action in flow.actions.values()
        if action.identifier not in seen and action.identifier != identifier
    )


def _canonical_action(action: _Action, names: dict[str, str]) -> dict[str, Any]:
    transitions: dict[str, Any] = {}
    if action.next is not None:
        transitions["NextAction"] = names.get(action.next, action.next)
    if action.errors:
        transitions["Errors"] = [
            {"ErrorType": error_type, "NextAction": names.get(t, t)}
            for error_type, t in action.errors
        ]
    if action.conditions:
        transitions["Conditions"] = [
            {"Condition": json.loads(key), "NextAction": names.get(t, t)}
            for key, t in action.conditions
        ]
    return {
        "Identifier": names[action.identifier],
        "Type": action.type,
        "Parameters": action.parameters,
        "Transitions": transitions,
    }
