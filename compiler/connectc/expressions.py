"""The expression language embedded in spec strings, parsed with Lark.

Conditions (`$.External.tier == "gold" and ...`), interpolated text with tokens
and attribute references, and durations. Parse functions return AST nodes or
raise `ExpressionError` carrying the offset of the offending character.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedInput

from connectc import actions


class ExpressionError(Exception):
    """A syntax error at `offset` characters into the parsed string."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class TokenRef:
    """`${Service.Entity[.Variant]}` at `offset` in its string."""

    text: str
    service: str
    entity: str
    variant: str | None
    offset: int = 0

    @property
    def key(self) -> str:
        """The binding key: `Entity` or `Entity.Variant`."""
        return self.entity if self.variant is None else f"{self.entity}.{self.variant}"


@dataclass(frozen=True)
class Reference:
    """An attribute reference such as `$.External.tier`."""

    text: str
    namespace: str
    offset: int = 0


@dataclass(frozen=True)
class Number:
    """A number as written: Connect receives its text, never a float's."""

    text: str


@dataclass(frozen=True)
class Comparison:
    left: Reference
    operator: str
    right: str | Number | TokenRef


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Negated:
    item: Condition


Condition = Comparison | AllOf | AnyOf | Negated
TextPart = str | TokenRef | Reference

_TOKEN = re.compile(r"\$\{([A-Za-z][A-Za-z0-9]*)\.([\w\-]+)(?:\.([\w\-]+))?\}")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _grammar(name: str) -> str:
    return resources.files("connectc.grammar").joinpath(name).read_text("utf-8")


@functools.cache
def condition_parser() -> Lark:
    """The Lark parser for conditions and durations (built once)."""
    return _build("expressions.lark", ["condition", "duration"])


@functools.cache
def text_parser() -> Lark:
    """The Lark parser for interpolated text (built once)."""
    return _build("text.lark", ["text"])


def _build(name: str, start: list[str], *, strict: bool = False) -> Lark:
    grammar_dir = str(resources.files("connectc.grammar"))
    return Lark(
        _grammar(name),
        parser="lalr",
        start=start,
        propagate_positions=True,
        import_paths=[grammar_dir],
        strict=strict,
        # Lark caches the analysed grammar in the temp directory: building it
        # (with interegular's collision check) costs ~0.2 s per parser.
        cache=not strict,
    )


def build_strict(name: str, start: list[str]) -> Lark:
    """Build a grammar in Lark's strict mode (collisions are errors); for tests."""
    return _build(name, start, strict=True)


def _namespace(reference: str) -> str:
    body = reference[2:] if reference.startswith("$.") else reference[1:]
    if body.startswith("['"):
        return body[2 : body.index("']")]
    return re.split(r"[.\[]", body, maxsplit=1)[0]


def make_token(text: str, offset: int = 0) -> TokenRef:
    match = _TOKEN.fullmatch(text)
    if match is None:
        raise ExpressionError(f'malformed token "{text}"', offset)
    service, entity, variant = match.groups()
    return TokenRef(text, service, entity, variant, offset)


def make_reference(text: str, offset: int = 0) -> Reference:
    return Reference(text, _namespace(text), offset)


class _ToAst(Transformer[Token, Any]):
    def comparison(self, children: list[Any]) -> Comparison:
        left, operator, right = children
        return Comparison(
            make_reference(str(left), left.start_pos), str(operator), right
        )

    def string(self, children: list[Token]) -> str:
        raw = str(children[0])
        inner = raw[1:-1]
        return re.sub(r"\\(.)", r"\1", inner) if raw.startswith('"') else inner

    def number(self, children: list[Token]) -> Number:
        return Number(str(children[0]))

    def token_literal(self, children: list[Token]) -> TokenRef:
        return make_token(str(children[0]), children[0].start_pos or 0)

    def all_of(self, children: list[Condition]) -> AllOf:
        return AllOf(tuple(children))

    def any_of(self, children: list[Condition]) -> AnyOf:
        return AnyOf(tuple(children))

    def negated(self, children: list[Condition]) -> Negated:
        return Negated(children[0])


def _syntax_error(error: UnexpectedInput, text: str, what: str) -> ExpressionError:
    offset = getattr(error, "pos_in_stream", None)
    token = getattr(error, "token", None)
    if offset is None or getattr(token, "type", None) == "$END":
        offset = len(text)
    found = text[offset : offset + 12].split(" ")[0] if offset < len(text) else ""
    shown = f'"{found}"' if found else "end of the text"
    expected = sorted(getattr(error, "expected", None) or [])[:6]
    hint = f"; expected {', '.join(_friendly(e) for e in expected)}" if expected else ""
    return ExpressionError(f"invalid {what}: unexpected {shown}{hint}", offset)


_FRIENDLY = {
    "REFERENCE": "an attribute reference ($.Namespace.key)",
    "OPERATOR": "a comparison operator",
    "STRING": "a quoted string",
    "NUMBER": "a number",
    "TOKEN": "a token (${Service.Entity})",
    "RPAR": '")"',
    "LPAR": '"("',
    "_AND": '"and"',
    "_OR": '"or"',
    "_NOT": '"not"',
    "$END": "the end",
    "INT": "a whole number",
    "UNIT": "a unit (s, m, h, d)",
}


def _friendly(terminal: str) -> str:
    return _FRIENDLY.get(terminal, terminal)


# Each comparison of a condition becomes a Compare action, and a flow holds at
# most 250 actions; a larger condition is a mistake (and would nest deeper
# than the lowering's recursion should go).
MAX_CONDITION_SIZE = 200
_TOO_COMPLEX = (
    f"the condition has more than {MAX_CONDITION_SIZE} comparisons and operators;"
    " split it into several branch cases"
)


@functools.lru_cache(maxsize=4096)
def parse_condition(text: str) -> Condition:
    """Parse a `branch` condition; raises ExpressionError."""
    try:
        tree = condition_parser().parse(text, start="condition")
        result = _ToAst().transform(tree)
    except UnexpectedInput as error:
        raise _syntax_error(error, text, "condition") from None
    except RecursionError:
        raise ExpressionError(_TOO_COMPLEX, 0) from None
    if not isinstance(result, (Comparison, AllOf, AnyOf, Negated)):
        raise ExpressionError("invalid condition: expected a comparison", 0)
    if _size(result) > MAX_CONDITION_SIZE:
        raise ExpressionError(_TOO_COMPLEX, 0)
    return result


def _size(condition: Condition) -> int:
    """Comparisons and operators in `condition` (walked without recursion)."""
    count, stack = 0, [condition]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, AllOf | AnyOf):
            stack.extend(node.items)
        elif isinstance(node, Negated):
            stack.append(node.item)
    return count


@functools.lru_cache(maxsize=16384)
def parse_text(text: str) -> tuple[TextPart, ...]:
    """Split interpolated text into literal chunks, tokens and references."""
    if "$" not in text:
        return (text,) if text else ()
    try:
        tree = text_parser().parse(text, start="text")
    except UnexpectedInput as error:
        raise _syntax_error(error, text, "text") from None
    parts: list[TextPart] = []
    for child in tree.children:
        assert isinstance(child, Token)
        kind, value, offset = child.type, str(child), child.start_pos or 0
        if kind == "TOKEN":
            parts.append(make_token(value, offset))
        elif kind == "REFERENCE":
            parts.append(make_reference(value, offset))
        else:
            parts.append(value)
    return tuple(parts)


def parse_duration(value: object) -> int:
    """Seconds in a duration (`8s`, `5m`, `1h`, `2d`, or a number of seconds)."""
    if isinstance(value, bool):
        raise ExpressionError("expected a duration such as 8s or 5m", 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise ExpressionError("expected a whole, positive number of seconds", 0)
        if value > 10**12:
            raise ExpressionError("the duration is too long", 0)
        return int(value)
    text = str(value)
    try:
        tree = condition_parser().parse(text, start="duration")
    except UnexpectedInput as error:
        raise _syntax_error(error, text, "duration") from None
    number, *unit = (str(child) for child in tree.children)
    if len(number.lstrip("0")) > 12:  # no duration is that long; int() may refuse
        raise ExpressionError("the duration is too long", 0)
    return int(number) * _UNITS[unit[0] if unit else "s"]


def tokens_in(text: str) -> list[TokenRef]:
    """The tokens in a string, by a regular expression (no syntax checking)."""
    if "${" not in text:
        return []
    return [make_token(m.group(0), m.start()) for m in _TOKEN.finditer(text)]


def known_namespace(reference: Reference) -> bool:
    return reference.namespace in actions.NAMESPACES


def condition_references(condition: Condition) -> list[Reference]:
    if isinstance(condition, Comparison):
        return [condition.left]
    if isinstance(condition, Negated):
        return condition_references(condition.item)
    return [ref for item in condition.items for ref in condition_references(item)]
