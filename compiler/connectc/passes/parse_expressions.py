"""Pass `parse_expressions`: parse every string a spec embeds expressions in.

Input: loaded flows. Output: `Flow.tokens` (every token with its place) and
diagnostics for malformed text, tokens or conditions (CC1001) and attribute
references to unknown namespaces (CC1002).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from connectc import expressions
from connectc.checking import block_strings
from connectc.diagnostics import Diagnostics
from connectc.expressions import ExpressionError, Reference, TokenRef
from connectc.ir import Flow, Project, TokenUse
from connectc.yamlio import Path_, strings


def parse_expressions(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        _check_header(flow, diagnostics)
        for path, text in _strings(flow):
            _parse_string(flow, path, text, diagnostics)
        for block in flow.blocks.values():
            if block.verb == "branch":
                _parse_conditions(flow, block.path, block.argument, diagnostics)


def _check_header(flow: Flow, diagnostics: Diagnostics) -> None:
    """Names, descriptions and tags are fixed text: a token there would reach
    Connect (and file names) unresolved."""
    if flow.template is not None:
        return
    header = {"name": flow.name, "description": flow.description or ""}
    for key, value in header.items():
        if "${" in value:
            field = flow.kind if key == "name" else key
            diagnostics.report("CC2010", flow.span((field,)), field)
    for tag, value in flow.tags.items():
        if "${" in tag or "${" in value:
            diagnostics.report("CC2010", flow.span(("tags", tag)), "tags")


def _strings(flow: Flow) -> Iterator[tuple[Path_, str]]:
    """The strings that may hold expressions: a template's whole content, or
    each block's argument and options."""
    if flow.template is not None:
        found = strings(flow.template, (), frozenset({"goto"}))
    else:
        found = (item for b in flow.blocks.values() for item in block_strings(b))
    return ((path, text) for path, text in found if "$" in text)


def _parse_string(flow: Flow, path: Path_, text: str, diagnostics: Diagnostics) -> None:
    try:
        parts = expressions.parse_text(text)
    except ExpressionError as error:
        diagnostics.report(
            "CC1001", flow.span(path, offset=error.offset), error.message
        )
        return
    for part in parts:
        if isinstance(part, TokenRef):
            use = TokenUse(part.text, part.service, part.key, path, part.offset)
            flow.tokens.append(use)
        elif isinstance(part, Reference):
            _check_namespace(flow, path, part, diagnostics)


def _check_namespace(
    flow: Flow, path: Path_, reference: Reference, diagnostics: Diagnostics
) -> None:
    if expressions.known_namespace(reference):
        return
    span = flow.span(path, offset=reference.offset)
    diagnostics.report("CC1002", span, reference.namespace, reference.text)


def _parse_conditions(
    flow: Flow, path: Path_, cases: list[Any], diagnostics: Diagnostics
) -> None:
    for index, case in enumerate(cases):
        where = (*path, "branch", index, "when")
        try:
            expressions.parse_condition(case.when)
        except ExpressionError as error:
            span = flow.span(where, offset=error.offset)
            diagnostics.report("CC1001", span, error.message)
