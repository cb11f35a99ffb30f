"""Pass `check_values`: parameter values against Connect's documented ranges.

Input: lowered actions; values that are references are left alone (they are
known only at run time). Output: CC4005 Lambda timeouts, CC4006 loop counts,
CC4007 wait times, CC4008 DTMF settings, CC4009 percentage split thresholds,
CC4011 other durations, CC4012 attributes over 32 KB, CC4013 attribute keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connectc import actions as limits
from connectc import checking
from connectc.diagnostics import Diagnostics, Span
from connectc.ir import Flow, Project

DTMF = frozenset("0123456789*#")
ATTRIBUTE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class Value:
    """One action being checked, and where to report about it."""

    flow: Flow
    index: int
    action: dict[str, Any]
    diagnostics: Diagnostics

    @property
    def params(self) -> dict[str, Any]:
        return checking.parameters(self.action)

    @property
    def name(self) -> str:
        return checking.action_name(self.flow, self.action)

    def span(self, *where: str) -> Span:
        """The spec value at `where` inside a typed block, else the action."""
        block = self.flow.blocks.get(self.name)
        if block is None or block.verb == "action":
            return checking.action_span(self.flow, self.index, self.action)
        return self.flow.span((*block.path, block.verb, *where), key=not where)

    def number(self, key: str) -> int | None:
        return whole(self.params.get(key))

    def out_of_range(
        self, key: str, what: str, low: int, high: int, *where: str
    ) -> None:
        value = self.number(key)
        if value is not None and not low <= value <= high:
            span = self.span(*where)
            self.diagnostics.report("CC4011", span, self.name, what, value, low, high)


def whole(value: Any) -> int | None:
    """A static whole number, None for references and other text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value)
    return None


def check_values(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for index, action in checking.indexed_actions(flow):
            checker = CHECKERS.get(str(action.get("Type")))
            if checker is not None:
                checker(Value(flow, index, action, diagnostics))


def _lambda(value: Value) -> None:
    seconds = value.number("InvocationTimeLimitSeconds")
    asynchronous = value.params.get("InvocationType") == "ASYNCHRONOUS"
    limit = limits.LAMBDA_ASYNC_MAX if asynchronous else limits.LAMBDA_SYNC_MAX
    if seconds is not None and not 1 <= seconds <= limit:
        kind = "asynchronous" if asynchronous else "synchronous"
        span = value.span("timeout")
        value.diagnostics.report("CC4005", span, value.name, seconds, kind, limit)


def _loop(value: Value) -> None:
    count = value.number("LoopCount")
    if count is not None and not limits.LOOP_MIN <= count <= limits.LOOP_MAX:
        span = value.span()
        low, high = limits.LOOP_MIN, limits.LOOP_MAX
        value.diagnostics.report("CC4006", span, value.name, count, low, high)


def _wait(value: Value) -> None:
    seconds = value.number("TimeLimitSeconds")
    if seconds is None:
        seconds = value.number("TimeoutSeconds")
    if seconds is not None and not 1 <= seconds <= limits.WAIT_MAX:
        span = value.span("duration")
        value.diagnostics.report("CC4007", span, value.name, seconds, limits.WAIT_MAX)


def _input(value: Value) -> None:
    # No maximum is documented; none is above the 7 days Connect waits at most.
    high = limits.WAIT_MAX
    value.out_of_range("InputTimeLimitSeconds", "the input timeout", 1, high, "timeout")
    config = value.params.get("DTMFConfiguration")
    if not isinstance(config, dict):
        return
    terminator = config.get("InputTerminationSequence")
    if isinstance(terminator, str) and "$" not in terminator:
        size = limits.INPUT_TERMINATOR_MAX
        if not 1 <= len(terminator) <= size or not set(terminator) <= DTMF:
            problem = (
                f'the terminator "{terminator}" must be 1 to {size} of 0-9, * and #'
            )
            value.diagnostics.report(
                "CC4008", value.span("terminator"), value.name, problem
            )
    interdigit = whole(config.get("InterdigitTimeLimitSeconds"))
    low, high = limits.INTERDIGIT_MIN, limits.INTERDIGIT_MAX
    if interdigit is not None and not low <= interdigit <= high:
        problem = (
            f"the time between digits is {interdigit} s; "
            f"Connect allows {low} to {high} s"
        )
        value.diagnostics.report(
            "CC4008", value.span("interdigit"), value.name, problem
        )


def _third_party(value: Value) -> None:
    high = limits.THIRD_PARTY_TIMEOUT_MAX
    for key in (
        "ThirdPartyConnectionTimeLimitSeconds",
        "ThirdPartyConnectionTimeoutSeconds",
    ):
        value.out_of_range(key, "the ring time", 0, high, "timeout")
    digits = value.params.get("ThirdPartyDTMFDigits")
    if isinstance(digits, str) and "$" not in digits:
        size = limits.THIRD_PARTY_DTMF_MAX
        if len(digits) > size or not set(digits) <= DTMF | {","}:
            problem = (
                f'the digits "{digits}" must be at most {size} of 0-9, ",", * and #'
            )
            value.diagnostics.report("CC4008", value.span("dtmf"), value.name, problem)


def _callback(value: Value) -> None:
    high = limits.CALLBACK_DELAY_MAX
    value.out_of_range(
        "InitialCallDelaySeconds", "the first call's delay", 1, high, "delay"
    )
    value.out_of_range("RetryDelaySeconds", "the retry delay", 1, high, "retry_delay")


def _task(value: Value) -> None:
    low, high = limits.TASK_DELAY_MIN, limits.TASK_DELAY_MAX
    value.out_of_range("DelaySeconds", "the task's delay", low, high, "delay")


def _split(value: Value) -> None:
    previous = 1
    for _, operand in checking.operands(value.action):
        threshold = whole(operand)
        problem = _threshold_problem(operand, threshold, previous)
        if problem is not None:
            value.diagnostics.report("CC4009", value.span(), value.name, problem)
            return
        previous = threshold or previous


def _threshold_problem(
    operand: str, threshold: int | None, previous: int
) -> str | None:
    if threshold is None:
        return f'the threshold "{operand}" is not a whole number'
    if threshold <= previous:
        return f'the thresholds must increase, found "{operand}" after "{previous}"'
    if threshold > limits.PERCENT_MAX:
        return f'the threshold "{operand}" is over {limits.PERCENT_MAX}'
    return None


def _attributes(value: Value) -> None:
    attributes = value.params.get("Attributes")
    if not isinstance(attributes, dict):
        return
    size = sum(
        len(str(k).encode()) + len(str(v).encode()) for k, v in attributes.items()
    )
    if size > limits.MAX_ATTRIBUTES_BYTES:
        limit = limits.MAX_ATTRIBUTES_BYTES
        value.diagnostics.report("CC4012", value.span(), value.name, size, limit)
    block = value.flow.blocks.get(value.name)
    for key in attributes:
        if not ATTRIBUTE_KEY.match(str(key)):
            span = value.span()
            if block is not None and block.verb == "set_attributes":
                span = value.flow.span((*block.path, block.verb, key), key=True)
            value.diagnostics.report("CC4013", span, key, value.name)


CHECKERS: dict[str, Callable[[Value], None]] = {
    "InvokeLambdaFunction": _lambda,
    "Loop": _loop,
    "Wait": _wait,
    "GetParticipantInput": _input,
    "TransferParticipantToThirdParty": _third_party,
    "CreateCallbackContact": _callback,
    "CreateTask": _task,
    "DistributeByPercentage": _split,
    "UpdateContactAttributes": _attributes,
}
