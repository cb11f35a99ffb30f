"""YAML 1.2 reading with a position for every node.

PyYAML composes the node tree (libyaml when available); this module turns it into
plain Python values with YAML 1.2 core-schema scalars, and keeps a `SourceMap`
from each value's path to its span. Duplicate keys, anchors and aliases, custom
tags and oversized documents are coded errors (CC0002-CC0005, CC0013).
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from connectc.diagnostics import Diagnostics, Span

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64  # nesting of mappings and lists; specs need a handful
MAX_DIGITS = 1000  # a longer plain integer stays text (Python caps int() at 4300)

Path_ = tuple[str | int, ...]

# What a diagnostic inside a string points at: a token, a reference, or a word.
_NEEDLE = re.compile(
    r"\$\{[^}\s]*\}?"
    r"|\$(\.[A-Za-z_][\w\-]*|\['[^'\]]+'\])(\.[\w\-]+|\['[^'\]]+'\])*"
    r"|[^\s]+"
)
# Line breaks as YAML counts them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc]
    """libyaml without PyYAML's YAML 1.1 tag guessing: scalars are typed by
    `resolve_plain` (YAML 1.2), so the per-scalar resolver is wasted work."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


_LOADER: Any = _Loader

_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq"))
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True}
_BOOL.update({"false": False, "False": False, "FALSE": False})
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


@dataclass
class SourceMap:
    """Spans of a document's values (`values`) and mapping keys (`keys`)."""

    path: str
    text: str
    # Positions packed into one int each (see `pack`): a build keeps one per
    # YAML node, so they stay compact until a diagnostic needs a span.
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    styles: dict[Path_, str] = field(default_factory=dict)
    texts: dict[Path_, str] = field(default_factory=dict)
    _line_starts: list[int] | None = None

    def span(self, path: Path_, *, key: bool = False) -> Span:
        """The span of the value (or key) at `path`, else of its nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return Span(self.path, *unpack(table[probe]))
            if probe in self.values:
                return Span(self.path, *unpack(self.values[probe]))
            probe = probe[:-1]
        if () in self.values:
            return Span(self.path, *unpack(self.values[()]))
        return Span(self.path, 1, 1)

    def has(self, path: Path_) -> bool:
        return path in self.values

    def locate(self, path: Path_, offset: int) -> Span | None:
        """The span of what starts `offset` characters into the string at
        `path`, found in the source text (so escapes, quotes and block
        scalars cannot shift it); None when it cannot be found."""
        value, packed = self.texts.get(path), self.values.get(path)
        if value is None or packed is None:
            return None
        position = unpack(packed)
        match = _NEEDLE.match(value, offset)
        needle = match.group(0) if match else ""
        if not needle:
            return None
        start = self._index(position[0], position[1])
        end = self._index(position[2], position[3])
        at = start - 1
        for _ in range(value[:offset].count(needle) + 1):
            at = self.text.find(needle, at + 1, end)
            if at < 0:
                return None
        line, column = self._line_column(at)
        return Span(self.path, line, column, line, column + len(needle))

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            starts += [m.end() for m in _LINE_BREAK.finditer(self.text)]
            self._line_starts = starts
        return self._line_starts

    def _index(self, line: int, column: int) -> int:
        starts = self._starts()
        return starts[min(line, len(starts)) - 1] + column - 1

    def _line_column(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts(), index)
        return line, index - self._starts()[line - 1] + 1

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass
class Document:
    """A parsed YAML document: its data (None when unreadable) and its marks."""

    data: Any
    source: SourceMap


Position = int
_BITS = 21
_MASK = (1 << _BITS) - 1


def strings(
    value: Any, path: Path_ = (), skip: frozenset[str] = frozenset()
) -> Iterator[tuple[Path_, str]]:
    """Every string inside loaded data, with its path; keys in `skip` are left
    out at every depth."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from strings(item, (*path, key), skip)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index), skip)


def pack(line: int, column: int, end_line: int, end_column: int) -> Position:
    """Four numbers below 2**21 in one int (a tuple of four costs 3x more)."""
    return (((line << _BITS | column) << _BITS | end_line) << _BITS) | end_column


def unpack(position: Position) -> tuple[int, int, int, int]:
    return (
        position >> 3 * _BITS,
        position >> 2 * _BITS & _MASK,
        position >> _BITS & _MASK,
        position & _MASK,
    )


def _position(node: yaml.Node) -> Position:
    start, end = node.start_mark, node.end_mark
    return pack(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _span(path: str, node: yaml.Node) -> Span:
    return Span(path, *unpack(_position(node)))


def _mark_span(path: str, mark: Any) -> Span:
    return Span(path, mark.line + 1, mark.column + 1)


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text) if len(text) <= MAX_DIGITS else text
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


class _Converter:
    """Walks a composed node tree into plain values, recording spans."""

    def __init__(self, source: SourceMap, diagnostics: Diagnostics) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.seen: set[int] = set()
        self.count = 0
        self.failed = False

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            return self._too_many(node, f"more than {MAX_NODES:,} nodes")
        if len(path) > MAX_DEPTH:
            return self._too_many(node, f"nested more than {MAX_DEPTH} levels deep")
        if id(node) in self.seen:
            return self._alias(node)
        self.seen.add(id(node))
        self.source.values[path] = _position(node)
        self._check_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.style:
            self.source.styles[path] = node.style
        if "$" in node.value:
            self.source.texts[path] = node.value
        if node.style:
            return node.value
        value = resolve_plain(node.value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            self._check_number(node, value)
        return value

    def _check_number(self, node: yaml.ScalarNode, value: float) -> None:
        """A plain number YAML reads as another (`0123` is 123): CC0031.

        Text fields take numbers as written in canonical form only; anything
        else would reach Connect changed (a leading zero of 0120 lost).
        """
        canonical = repr(value) if isinstance(value, float) else str(value)
        if canonical != node.value:
            span = _span(self.source.path, node)
            self.diagnostics.report("CC0031", span, node.value, canonical)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            key_position = _position(key_node)
            if key in first_line:
                span = Span(self.source.path, *unpack(key_position))
                self.diagnostics.report("CC0003", span, key, first_line[key])
                self.failed = True
                continue
            first_line[key] = key_node.start_mark.line + 1
            child = (*path, key)
            self.source.keys[child] = key_position
            result[key] = self.convert(value_node, child)
        return result

    def _key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        self.diagnostics.report(
            "CC0007",
            _span(self.source.path, node),
            "mapping key",
            "text",
            "a collection",
        )
        self.failed = True
        return f"<key at line {node.start_mark.line + 1}>"

    def _check_tag(self, node: yaml.Node) -> None:
        """Only the tags every node has by default: an explicit `!!binary`,
        `!!python/…` or `!local` tag would change what the value means."""
        tag = node.tag or ""
        if tag in _PLAIN_TAGS:
            return
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")
        self.diagnostics.report(
            "CC0013",
            _span(self.source.path, node),
            f'YAML tag "{tag}" is not supported in specs',
        )
        self.failed = True

    def _alias(self, node: yaml.Node) -> None:
        self.diagnostics.report("CC0004", _span(self.source.path, node))
        self.failed = True
        return None

    def _too_many(self, node: yaml.Node, problem: str) -> None:
        if not self.failed:
            limit = f"{MAX_NODES:,} nodes, {MAX_DEPTH} levels"
            span = _span(self.source.path, node)
            self.diagnostics.report("CC0005", span, problem, limit)
        self.failed = True
        return None


def _alias_marks(text: str) -> Iterator[Any]:
    """Start marks of anchors and aliases, found from the event stream."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            yield event.start_mark


def load_text(path: str, text: str, diagnostics: Diagnostics) -> Document:
    """Parse `text` (the contents of `path`); data is None on any error."""
    source = SourceMap(path, text)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        size = f"{len(text.encode('utf-8', 'surrogatepass')):,} bytes"
        diagnostics.report("CC0005", Span(path, 1, 1), size, "2 MiB")
        return Document(None, source)

    try:
        if "&" in text or "*" in text:
            marks = list(_alias_marks(text))
            if marks:
                for mark in marks:
                    diagnostics.report("CC0004", _mark_span(path, mark))
                return Document(None, source)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        _report_yaml_error(path, text, error, diagnostics)
        return Document(None, source)

    if node is None:
        return Document(None, source)
    converter = _Converter(source, diagnostics)
    data = converter.convert(node, ())
    return Document(None if converter.failed else data, source)


def _report_yaml_error(
    path: str, text: str, error: yaml.YAMLError, diagnostics: Diagnostics
) -> None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    notes = []
    if context and context_mark is not None:
        context = context.removeprefix("while ")
        notes.append(f"while {context} that starts on line {context_mark.line + 1}")
    if "end of stream" in problem and context_mark is not None:
        mark = context_mark  # the unclosed construct is the mistake, not the end
    if _at_tab(text, mark):
        problem = "a tab character where YAML expects indentation; indent with spaces"
    span = _mark_span(path, mark) if mark is not None else Span(path, 1, 1)
    diagnostics.report("CC0002", span, problem, notes=notes)


def _at_tab(text: str, mark: Any) -> bool:
    """Whether the parser stopped at a tab (libyaml's marks carry no buffer)."""
    if mark is None:
        return False
    lines = _LINE_BREAK.split(text)
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1] == "\t"


def json_int(text: str) -> int:
    """`parse_int` for `json.loads`: a number longer than any in a flow is a
    ValueError in our words (Python's own int() limit names its internals)."""
    if len(text) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text):,} digits is too long")
    return int(text)


def read_regular(path: str | os.PathLike[str], limit: int = -1) -> bytes:
    """The bytes of a regular file (at most `limit`); a pipe or a device, which
    could block for ever, is an OSError like a missing file."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file", str(path))
    with open(path, "rb") as handle:
        return handle.read(limit)


def read_failure(error: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in the user's terms (CC0001's reason)."""
    if isinstance(error, UnicodeDecodeError):
        if error.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return "the file is UTF-16 text; save it as UTF-8"
        byte = error.object[error.start]
        return f"the file is not UTF-8 text (byte 0x{byte:02x} at offset {error.start})"
    return error.strerror or str(error)


def load_file(
    path: str, diagnostics: Diagnostics, display: str | None = None
) -> Document:
    """Read and parse a YAML file; unreadable files are CC0001."""
    shown = display or path
    try:
        raw = read_regular(path, MAX_BYTES + 1)
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = read_failure(error)
        diagnostics.report("CC0001", Span(shown), f'"{shown}"', reason)
        return Document(None, SourceMap(shown, ""))
    if len(raw) > MAX_BYTES:
        diagnostics.report("CC0005", Span(shown, 1, 1), "over 2 MiB", "2 MiB")
        return Document(None, SourceMap(shown, text))
    return load_text(shown, text, diagnostics)
