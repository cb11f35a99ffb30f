"""Rendering diagnostics as GitHub Actions workflow commands.

Each finding becomes `::error file=…,line=…,col=…,title=…::message` (warning,
notice), which GitHub shows on the pull request's changed lines. Values are
escaped as the workflow-command syntax requires.
"""

from __future__ import annotations

from collections.abc import Iterable

from connectc import codes
from connectc.diagnostics import Diagnostic, Severity

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.NOTE: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """One workflow command for one diagnostic."""
    span = diagnostic.span
    entry = codes.REGISTRY.get(diagnostic.code)
    title = f"{diagnostic.code} {entry.title}" if entry else diagnostic.code
    properties = [("file", span.path)]
    if span.line:
        properties += [("line", str(span.line)), ("col", str(max(span.column, 1)))]
        if span.end_line >= span.line and span.end_column > 0:
            properties += [("endLine", str(span.end_line))]
            properties += [("endColumn", str(span.end_column))]
    properties.append(("title", title))
    shown = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = diagnostic.message + "".join(f"\nnote: {n}" for n in diagnostic.notes)
    return f"::{COMMANDS[diagnostic.severity]} {shown}::{escape_data(message)}"


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(
        annotation(d) for d in sorted(diagnostics, key=Diagnostic.sort_key)
    )
