"""The diagnostic record every stage reports, and the collector passes write to.

A diagnostic is frozen data: a registered code, a severity, a message, a source
span and notes. Renderers (text, JSON, later SARIF) live in `report`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from connectc import codes


class Severity(enum.IntEnum):
    """How serious a finding is; the order lets `--fail-on` compare."""

    NOTE = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Span:
    """A place in a source file; `line` and `column` are 1-based."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def shifted(self, offset: int) -> Span:
        """The span `offset` characters further along the same line."""
        return replace(self, column=self.column + offset, end_column=0, end_line=0)

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


def file_span(path: str | Path) -> Span:
    """A span naming a whole file."""
    return Span(str(path))


@dataclass(frozen=True)
class Diagnostic:
    """One finding: what was found where, and what was expected."""

    code: str
    severity: Severity
    message: str
    span: Span
    notes: tuple[str, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.column, self.code)


@dataclass
class Diagnostics:
    """The collector passes report into; it never raises on a finding."""

    items: list[Diagnostic] = field(default_factory=list)
    severities: dict[str, Severity] = field(default_factory=dict)
    # Paths of the configuration files read (connectc.yaml, env/<env>.yaml):
    # input errors in them are usage errors (exit 2), not findings.
    configuration: set[str] = field(default_factory=set)
    _reported: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

    def report(
        self,
        code: str,
        span: Span,
        *args: object,
        notes: Iterable[str] = (),
        **kwargs: object,
    ) -> Diagnostic:
        """Record a finding whose message is the code's template filled in."""
        entry = codes.REGISTRY[code]
        message = entry.template.format(*map(_shortened, args), **kwargs)
        severity = self.severities.get(code, entry.severity)
        diagnostic = Diagnostic(code, severity, message, span, tuple(notes))
        if diagnostic not in self._reported:  # one finding, even if two steps see it
            self._reported.add(diagnostic)
            self.items.append(diagnostic)
        return diagnostic

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def has_errors(self) -> bool:
        return any(d.severity >= Severity.ERROR for d in self.items)

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.items), default=None)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> list[str]:
    """A "did you mean" note for the closest of `choices`, if any is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return [f'did you mean "{close[0]}"?'] if close else []


MAX_ARGUMENT = 300  # characters of one value quoted in a message


def _shortened(value: object) -> object:
    """A value quoted from the user's input, cut when it is very long (a
    5,000-digit number should not fill the terminal)."""
    text = value if isinstance(value, str) else None
    if text is None or len(text) <= MAX_ARGUMENT:
        return value
    return f"{text[:120]}… ({len(text):,} characters)"
