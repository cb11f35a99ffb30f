"""Rendering diagnostics: human text with caret excerpts, and JSON.

Every format renders the same frozen `Diagnostic` records. Text groups findings
by file in source order: `file:line:column: severity: message [CODE]`, the
source line with a caret under the span, then `note:` lines.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from connectc.diagnostics import Diagnostic, Severity


def shown_path(path: str, root: Path, cwd: Path) -> str:
    """A project path (relative to `root`, or absolute) as the user sees it:
    relative to `cwd` when inside it, else absolute."""
    if not path:
        return path
    absolute = Path(path) if Path(path).is_absolute() else root / path
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return str(absolute)


def relocated(
    diagnostics: Iterable[Diagnostic], root: Path, cwd: Path
) -> list[Diagnostic]:
    """The diagnostics with their paths as `shown_path` gives them, so every
    format names files a terminal, an editor or GitHub can open from `cwd`."""
    root, cwd = root.resolve(), cwd.resolve()
    moved: dict[str, str] = {}
    found = []
    for diagnostic in diagnostics:
        path = diagnostic.span.path
        if path not in moved:
            moved[path] = shown_path(path, root, cwd)
        span = replace(diagnostic.span, path=moved[path])
        found.append(replace(diagnostic, span=span))
    return found


class Sources:
    """Reads source lines for excerpts, relative to the project root."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    @functools.cache  # noqa: B019 - one Sources per command run
    def lines(self, path: str) -> list[str]:
        for candidate in self._candidates(path):
            try:
                return candidate.read_text("utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
        return []

    def _candidates(self, path: str) -> list[Path]:
        found = [Path(path)]
        if self.root is not None:
            found.insert(0, self.root / path)
        return found


def excerpt(diagnostic: Diagnostic, sources: Sources) -> list[str]:
    span = diagnostic.span
    lines = sources.lines(span.path) if span.line else []
    if not span.line or span.line > len(lines):
        return []
    text = lines[span.line - 1].replace("\t", " ")
    end = span.column + 1
    if span.end_line == span.line and span.end_column > span.column:
        end = span.end_column
    end = max(span.column + 1, min(end, len(text) + 1))
    before = text[: span.column - 1]
    marked = text[span.column - 1 : end - 1] or " "
    gutter = f"{span.line:>5} | "
    caret = " " * display_width(before) + "^" * display_width(marked)
    return [gutter + text, " " * (len(gutter) - 2) + "| " + caret]


def display_width(text: str) -> int:
    """Terminal columns of `text`: East Asian wide characters and emoji take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_text(
    diagnostics: Iterable[Diagnostic],
    sources: Sources,
    *,
    limit: int = 50,
) -> str:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    out: list[str] = []
    for diagnostic in ordered[:limit]:
        span = diagnostic.span
        out.append(
            f"{span}: {diagnostic.severity}: {diagnostic.message} [{diagnostic.code}]"
        )
        out.extend(excerpt(diagnostic, sources))
        out.extend(f"  note: {note}" for note in diagnostic.notes)
    if len(ordered) > limit:
        out.append(f"… and {len(ordered) - limit} more")
    return "\n".join(out)


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.NOTE)
        if counts[s]
    ]
    return ", ".join(parts) if parts else "no findings"


def as_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "notes": list(diagnostic.notes),
    }


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [as_dict(d) for d in sorted(diagnostics, key=Diagnostic.sort_key)]
    return json.dumps({"diagnostics": items}, ensure_ascii=False, indent=2)
