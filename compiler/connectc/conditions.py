"""Lowering `branch` conditions to chains of `Compare` actions.

Connect's `Compare` tests one attribute against operands, first match wins, with
no and/or/not. Consecutive simple cases on the same attribute share one
`Compare`; anything else becomes a decision chain: `a and b` tests `a`, then
`b`; `a or b` falls through to `b`; `not` swaps the branches; `!=` is `==` with
its branches swapped. Codes: CC1004 (a condition Compare cannot express),
CC0008 (a branch with no `otherwise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from connectc import expressions
from connectc.expressions import (
    AllOf,
    Comparison,
    Condition,
    ExpressionError,
    Negated,
    Number,
    TokenRef,
)
from connectc.lowering import Lowering, condition, scalar

OPERATORS = {
    "==": "Equals",
    "<": "NumberLessThan",
    "<=": "NumberLessOrEqualTo",
    ">": "NumberGreaterThan",
    ">=": "NumberGreaterOrEqualTo",
    "contains": "TextContains",
    "startswith": "TextStartsWith",
    "endswith": "TextEndsWith",
}
_NUMERIC = {"<", "<=", ">", ">="}
_DECIMAL = re.compile(r"^-?\d{1,15}(\.\d{1,15})?$")


@dataclass
class _Chain:
    """Compare actions under construction, with temporary identifiers."""

    lw: Lowering
    index: int
    next_: str | None
    made: list[dict[str, Any]]
    counter: int = 0

    def compare(
        self, reference: str, tests: list[tuple[str, str, str]], otherwise: str
    ) -> str:
        self.counter += 1
        ident = f"\x00{self.counter}"
        transitions: dict[str, Any] = {}
        if self.next_ is not None:
            transitions["NextAction"] = self.next_
        # The block's own `error:`/`errors:` apply to every Compare of the chain.
        extra = self.lw.transitions()["Errors"]
        transitions["Errors"] = [
            {"NextAction": otherwise, "ErrorType": "NoMatchingCondition"},
            *extra,
        ]
        transitions["Conditions"] = [
            condition(op, operand, target) for op, operand, target in tests
        ]
        self.made.append(
            {
                "Identifier": ident,
                "Type": "Compare",
                "Parameters": {"ComparisonValue": reference},
                "Transitions": transitions,
            }
        )
        return ident

    def lower(self, item: Condition, yes: str, no: str) -> str:
        if isinstance(item, Comparison):
            return self._comparison(item, yes, no)
        if isinstance(item, Negated):
            return self.lower(item.item, no, yes)
        entry_yes, entry_no = yes, no
        for part in reversed(item.items):
            if isinstance(item, AllOf):
                entry_yes = self.lower(part, entry_yes, no)
            else:
                entry_no = self.lower(part, yes, entry_no)
        return entry_yes if isinstance(item, AllOf) else entry_no

    def _comparison(self, item: Comparison, yes: str, no: str) -> str:
        if item.operator == "!=":
            return self.compare(
                item.left.text, [("Equals", self.operand(item), no)], yes
            )
        test = (OPERATORS[item.operator], self.operand(item), yes)
        return self.compare(item.left.text, [test], no)

    def operand(self, item: Comparison) -> str:
        right = item.right
        if isinstance(right, TokenRef):
            value = self.lw.resolved.get(right.text)
            ordered = item.operator in _NUMERIC
            if ordered and value is not None and not _DECIMAL.match(value):
                message = (
                    f'"{item.left.text} {item.operator} {right.text}" orders by a '
                    f'token bound to "{value}", which is not a number'
                )
                self.lw.error(
                    "CC1004", self.lw.path("branch", self.index, "when"), message
                )
            return right.text
        if isinstance(right, Number):
            if not _DECIMAL.match(right.text):
                message = (
                    f'write "{right.text}" as a plain decimal number such as 12 or '
                    "0.5; Connect compares the text it receives"
                )
                where = self.lw.path("branch", self.index, "when")
                self.lw.error("CC1004", where, message)
            return right.text
        if item.operator in _NUMERIC and isinstance(right, str):
            try:
                float(right)
            except ValueError:
                message = (
                    f'"{item.left.text} {item.operator} {right}" compares '
                    "text by order; Connect compares only numbers that way"
                )
                self.lw.error(
                    "CC1004", self.lw.path("branch", self.index, "when"), message
                )
        return scalar(right)


def _simple(item: Condition) -> Comparison | None:
    if isinstance(item, Comparison) and item.operator != "!=":
        return item
    return None


def lower_branch(lw: Lowering, cases: list[Any]) -> None:
    otherwise = lw.target("otherwise")
    if otherwise is None:
        lw.error(
            "CC0008",
            lw.path("branch"),
            "otherwise",
            f'block "{lw.block.name}"',
            key=True,
        )
        return
    if not cases:
        message = f'block "{lw.block.name}": a branch needs at least one "when" case'
        lw.error("CC0013", lw.path("branch"), message)
        return
    parsed: list[tuple[Condition, str, int]] = []
    for index, case in enumerate(cases):
        try:
            parsed.append((expressions.parse_condition(case.when), case.goto, index))
        except ExpressionError:
            lw.flow.broken = True  # reported by parse_expressions
            return

    chain = _Chain(lw, 0, lw.target("next"), [])
    fall = otherwise
    for group in reversed(_groups(parsed)):
        chain.index = group[0][2]
        fall = _lower_group(chain, group, fall)
    _name(lw, chain.made, fall)


def _groups(
    parsed: list[tuple[Condition, str, int]],
) -> list[list[tuple[Condition, str, int]]]:
    """Runs of simple comparisons on one attribute; other cases stand alone."""
    groups: list[list[tuple[Condition, str, int]]] = []
    for entry in parsed:
        simple = _simple(entry[0])
        last = groups[-1] if groups else None
        head = _simple(last[0][0]) if last else None
        if simple and head and last and head.left.text == simple.left.text:
            last.append(entry)
        else:
            groups.append([entry])
    return groups


def _lower_group(
    chain: _Chain, group: list[tuple[Condition, str, int]], fall: str
) -> str:
    first = _simple(group[0][0])
    if first is None or len(group) == 1:
        return chain.lower(group[0][0], group[0][1], fall)
    tests = []
    for item, target, index in group:
        comparison = _simple(item)
        assert comparison is not None
        chain.index = index
        tests.append(
            (OPERATORS[comparison.operator], chain.operand(comparison), target)
        )
    return chain.compare(first.left.text, tests, fall)


def _name(lw: Lowering, made: list[dict[str, Any]], entry: str) -> None:
    """Give the entry the block's name and the rest `<block>_2`, … in order."""
    ordered = sorted(made, key=lambda a: a["Identifier"] != entry)
    names = {a["Identifier"]: lw.new_id() for a in ordered}

    def rename(target: str) -> str:
        return names.get(target, target)

    for action in ordered:
        action["Identifier"] = rename(action["Identifier"])
        transitions = action["Transitions"]
        for entry_list in (transitions["Errors"], transitions["Conditions"]):
            for item in entry_list:
                item["NextAction"] = rename(item["NextAction"])
        lw.actions.append(action)
