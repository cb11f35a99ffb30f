"""Which findings a run reports, and how severe they are.

One place applies every setting after the passes ran, so each pass benefits:
`--select` / `--ignore` on the command line, `severities:` and `ignore:` in
connectc.yaml, `ignore:` of a flow or module and of a single block. Entries
are codes (`CC3101`) or prefixes (`CC31`, `CC4`). Errors of the stages that
build a flow (input, expressions, names and tokens, bindings, emit) cannot be
ignored or turned off: the flow could not be built, and hiding why would
leave it silently missing from the output. Unknown codes are CC0013.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from connectc import codes
from connectc.diagnostics import Diagnostic, Diagnostics, Severity, Span
from connectc.ir import Flow, Project
from connectc.yamlio import Path_

PROJECT_FILE = "connectc.yaml"


@dataclass(frozen=True)
class Selection:
    """The command line's choice: report only `select` (all when empty),
    never `ignore`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """Codes ignored from `line` up to (not including) `end` of one file."""

    line: int
    end: int
    patterns: tuple[str, ...]


def normalise(patterns: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(p).strip().upper() for p in patterns if str(p).strip())


def unknown(patterns: Iterable[str]) -> list[str]:
    """The patterns that match no registered code."""
    return [
        p
        for p in normalise(patterns)
        if not any(c.startswith(p) for c in codes.REGISTRY)
    ]


def matches(code: str, patterns: Sequence[str]) -> bool:
    return any(code.startswith(pattern) for pattern in patterns)


def ignorable(code: str) -> bool:
    """Whether a finding of `code` may be hidden: checks, and non-errors."""
    entry = codes.REGISTRY.get(code)
    if entry is None or entry.severity < Severity.ERROR:
        return True
    return "CC3100" < code < "CC5000"


def apply(
    project: Project, diagnostics: Diagnostics, selection: Selection = Selection()
) -> None:
    """Apply severities and every ignore to `diagnostics`, in place."""
    _check_patterns(project, diagnostics)
    levels = _levels(project.settings)
    ignored = normalise(project.settings.get("ignore") or ())
    scopes = _scopes(project)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics.items:
        level = _level(diagnostic.code, levels)
        hidden = level == "off" or _hidden(diagnostic, selection, ignored, scopes)
        if hidden and ignorable(diagnostic.code):
            continue
        if level not in (None, "off"):
            wanted = Severity[level.upper()]
            # A flow-building error stays an error: lowering it would let the
            # build succeed without the flow it could not build.
            if wanted >= diagnostic.severity or ignorable(diagnostic.code):
                diagnostic = replace(diagnostic, severity=wanted)
        kept.append(diagnostic)
    diagnostics.items[:] = kept


def _levels(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """(pattern, level) from `severities:`, the most specific first."""
    found = [(p.upper(), str(v)) for p, v in (settings.get("severities") or {}).items()]
    return sorted(found, key=lambda item: -len(item[0]))


def _level(code: str, levels: list[tuple[str, str]]) -> str | None:
    return next((level for pattern, level in levels if code.startswith(pattern)), None)


def _hidden(
    diagnostic: Diagnostic,
    selection: Selection,
    ignored: tuple[str, ...],
    scopes: dict[str, list[Scope]],
) -> bool:
    code = diagnostic.code
    if selection.select and not matches(code, normalise(selection.select)):
        return True
    if matches(code, normalise(selection.ignore)) or matches(code, ignored):
        return True
    line = diagnostic.span.line
    for scope in scopes.get(diagnostic.span.path, ()):
        if scope.line <= line < scope.end and matches(code, scope.patterns):
            return True
    return False


def _scopes(project: Project) -> dict[str, list[Scope]]:
    """Per file, the lines each flow-level and block-level ignore covers."""
    found: dict[str, list[Scope]] = {}
    for flow in project.flows:
        scopes = list(_flow_scopes(flow))
        if scopes:
            found.setdefault(flow.source.path, []).extend(scopes)
    return found


def _flow_scopes(flow: Flow) -> Iterator[Scope]:
    if flow.ignore:
        yield Scope(0, 1 << 30, normalise(flow.ignore))
    starts = sorted(
        (flow.span(block.path, key=True).line, name)
        for name, block in flow.blocks.items()
    )
    for index, (line, name) in enumerate(starts):
        patterns = normalise(flow.blocks[name].options.get("ignore") or ())
        if not patterns:
            continue
        end = starts[index + 1][0] if index + 1 < len(starts) else _end(flow, name)
        yield Scope(line, end, patterns)


def _end(flow: Flow, name: str) -> int:
    if not flow.source.has(("blocks", name)):
        return 1 << 30
    return flow.source.span(("blocks", name)).end_line + 1


def _check_patterns(project: Project, diagnostics: Diagnostics) -> None:
    settings = project.settings
    for key in ("ignore", "severities"):
        for pattern in unknown(settings.get(key) or ()):
            message = (
                f'{PROJECT_FILE}: {key} names "{pattern}", which is no diagnostic code'
            )
            diagnostics.report("CC0013", Span(PROJECT_FILE, 1, 1), message)
    for flow in project.flows:
        _check_flow_patterns(flow, diagnostics)


def _check_flow_patterns(flow: Flow, diagnostics: Diagnostics) -> None:
    places: list[tuple[Path_, Iterable[str]]] = [(("ignore",), flow.ignore)]
    for block in flow.blocks.values():
        places.append(((*block.path, "ignore"), block.options.get("ignore") or ()))
    for path, patterns in places:
        for pattern in unknown(patterns):
            message = f'ignore names "{pattern}", which is no diagnostic code'
            diagnostics.report("CC0013", flow.span(path), message)
