"""Rendering diagnostics as SARIF 2.1.0, for code scanning and editors.

One run of the `connectc` tool; its rules are the registered codes that occur,
each with the code's title, explanation and page (`helpUri`). Each result
carries a fingerprint made from the code, file and message (and a counter for
repeats), never from line numbers, so it survives edits above the finding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from connectc import __version__, codes
from connectc.diagnostics import Diagnostic, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0-rtm.5.json"
VERSION = "2.1.0"
FINGERPRINT = "connectc/v1"
SRCROOT = "%SRCROOT%"
INFORMATION_URI = codes.DOCS_URL.rsplit("/blob/", 1)[0]
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def to_sarif(
    diagnostics: Iterable[Diagnostic], *, base: Path | None = None
) -> dict[str, Any]:
    """A SARIF log with one run holding every diagnostic.

    Relative paths are URIs relative to `%SRCROOT%`; `base` (the directory
    they are relative to, normally the repository checkout) defines it.
    """
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    rule_ids = sorted({d.code for d in ordered})
    index = {code: i for i, code in enumerate(rule_ids)}
    seen: dict[tuple[str, str, str], int] = {}
    results = [_result(d, index[d.code], seen) for d in ordered]
    driver = {
        "name": "connectc",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code) for code in rule_ids],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if base is not None:
        root = {"uri": base.resolve().as_uri().rstrip("/") + "/"}
        run["originalUriBaseIds"] = {SRCROOT: root}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def format_sarif(diagnostics: Iterable[Diagnostic], *, base: Path | None = None) -> str:
    document = to_sarif(diagnostics, base=base)
    return json.dumps(document, ensure_ascii=False, indent=2)


def _rule(code: str) -> dict[str, Any]:
    entry = codes.REGISTRY.get(code)
    if entry is None:
        return {"id": code}
    return {
        "id": code,
        "name": _pascal(entry.title),
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.explanation},
        "help": {"text": entry.explanation},
        "helpUri": entry.help_uri,
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
    }


def _pascal(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(word[:1].upper() + word[1:] for word in words)


def _result(
    diagnostic: Diagnostic, rule_index: int, seen: dict[tuple[str, str, str], int]
) -> dict[str, Any]:
    text = diagnostic.message
    if diagnostic.notes:
        text += "".join(f"\nnote: {note}" for note in diagnostic.notes)
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": text},
        "locations": [_location(diagnostic)],
        "partialFingerprints": {FINGERPRINT: fingerprint(diagnostic, seen)},
    }


def _location(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    artifact = {"uri": uri(span.path)}
    if not span.path.startswith("/"):
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if span.line > 0:
        region = {"startLine": span.line, "startColumn": max(span.column, 1)}
        if span.end_line >= span.line and span.end_column > 0:
            region["endLine"] = span.end_line
            region["endColumn"] = span.end_column
        physical["region"] = region
    return {"physicalLocation": physical}


def uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative."""
    if path.startswith("/"):
        return "file://" + quote(path)
    return quote(path.replace("\\", "/"))


def fingerprint(diagnostic: Diagnostic, seen: dict[tuple[str, str, str], int]) -> str:
    """A digest of what was found where, independent of line numbers."""
    key = (diagnostic.code, diagnostic.span.path, diagnostic.message)
    count = seen.get(key, 0)
    seen[key] = count + 1
    text = "\x1f".join((*key, str(count)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
