"""The compiler's intermediate representation: flows, blocks, transitions.

The loader fills `Flow` and `Block` from spec files; resolve passes add bindings;
lowering fills `Flow.actions` with flow-language actions; layout and emit add
`Flow.content`. Every node keeps its source path so diagnostics find their line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connectc.diagnostics import Span
from connectc.yamlio import Path_, SourceMap


@dataclass(frozen=True)
class Transition:
    """A named way out of a block: `label` (e.g. `next`, `options.1`) to `target`."""

    label: str
    target: str
    path: Path_


@dataclass
class Block:
    """One block: one verb, its validated argument, and its transitions."""

    name: str
    verb: str
    argument: Any
    transitions: list[Transition]
    path: Path_
    options: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    validated: Any = None

    def target(self, label: str) -> str | None:
        for transition in self.transitions:
            if transition.label == label:
                return transition.target
        return None

    def targets(self, prefix: str) -> list[Transition]:
        """Transitions whose label is `prefix` or starts with `prefix.`."""
        return [
            t
            for t in self.transitions
            if t.label == prefix or t.label.startswith(prefix + ".")
        ]


@dataclass(frozen=True)
class TokenUse:
    """A token written at `path` (offset `offset` into that string)."""

    text: str
    service: str
    key: str
    path: Path_
    offset: int


@dataclass
class Flow:
    """A flow or flow module, from its spec to its emitted content."""

    name: str
    kind: str  # "flow" or "module"
    type: str | None  # API ContactFlowType; None for modules
    start: str
    blocks: dict[str, Block]
    source: SourceMap
    file: Path
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] | None = None
    ignore: tuple[str, ...] = ()
    template: dict[str, Any] | None = None  # a flow.json.tmpl's parsed content
    tokens: list[TokenUse] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    action_blocks: dict[str, str] = field(default_factory=dict)
    content: dict[str, Any] | None = None
    failed_blocks: set[str] = field(default_factory=set)
    broken: bool = False

    def span(self, path: Path_, *, key: bool = False, offset: int = 0) -> Span:
        """The span of the spec node at `path`, `offset` characters into it."""
        span = self.source.span(path, key=key)
        if key or not self.source.has(path):
            return span
        located = self.source.locate(path, offset)
        if located is not None:
            return located
        if not offset:
            return span
        style = self.source.styles.get(path, "")
        if style in ("|", ">") and span.end_line > span.line:
            return _block_scalar_span(self.source, span, path, offset)
        if span.end_line > span.line:
            return span
        return span.shifted(offset + (1 if style in ("'", '"') else 0))


def _block_scalar_span(source: SourceMap, span: Span, path: Path_, offset: int) -> Span:
    """Where `offset` falls in a `|` or `>` block scalar (its lines start below)."""
    value_lines = _value_text(source, path)[:offset].split("\n")
    line = span.line + len(value_lines)
    text = source.line_text(line)
    indent = len(text) - len(text.lstrip(" "))
    return Span(span.path, line, indent + len(value_lines[-1]) + 1)


def _value_text(source: SourceMap, path: Path_) -> str:
    return source.texts.get(path, "")


@dataclass
class Environment:
    """An environment file: where flows deploy and what tokens mean there."""

    name: str
    account: str
    region: str
    instance: str
    bindings: dict[str, dict[str, str]]  # service -> key -> value
    source: SourceMap
    file: Path

    @property
    def instance_id(self) -> str:
        return self.instance.rsplit("/", 1)[-1]


@dataclass
class Project:
    """The project: its root, settings, flows and the chosen environment."""

    root: Path
    name: str
    settings: dict[str, Any]
    flows: list[Flow] = field(default_factory=list)
    environment: Environment | None = None
    contracts: dict[str, dict[str, Any]] = field(default_factory=dict)
    contract_paths: dict[str, str] = field(default_factory=dict)  # name -> file
    resolved: dict[str, str] = field(default_factory=dict)  # token text -> value
    links: dict[str, str] = field(default_factory=dict)  # token text -> flow name
    # Display paths of the spec files asked for, when a build names a file or a
    # folder inside specs/: the rest of the project is loaded as context only.
    selected: set[str] | None = None

    def is_selected(self, path: str) -> bool:
        return self.selected is None or path in self.selected

    def flow(self, name: str) -> Flow | None:
        for flow in self.flows:
            if flow.name == name:
                return flow
        return None
