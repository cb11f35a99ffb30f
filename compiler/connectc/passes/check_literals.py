"""Pass `check_literals`: environment-specific values written into a spec.

Input: loaded flows and templates. ARNs with an account and E.164 numbers
differ between environments, so they belong in `env/<env>.yaml` behind a
token. Output: CC3129 a literal ARN, CC3130 a literal phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from connectc import checking
from connectc.diagnostics import Diagnostics
from connectc.ir import Flow, Project
from connectc.yamlio import Path_, strings

# An ARN naming an account (AWS-managed ARNs say "aws" there instead).
ARN = re.compile(r"arn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}:[^\s\"'<>]*")
PHONE = re.compile(r"\+[1-9][0-9]{6,14}")


def check_literals(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for path, text in _strings(flow):
            _check_string(flow, path, text, diagnostics)


def _strings(flow: Flow) -> Iterator[tuple[Path_, str]]:
    if flow.template is not None:
        # Metadata is designer noise that the build replaces; skip it.
        for key in ("Actions", "Settings"):
            yield from strings(flow.template.get(key), (key,))
        return
    for block in flow.blocks.values():
        yield from checking.block_strings(block)


def _check_string(flow: Flow, path: Path_, text: str, diagnostics: Diagnostics) -> None:
    if "arn:" in text:
        for match in ARN.finditer(text):
            span = flow.span(path, offset=match.start())
            diagnostics.report("CC3129", span, match.group(0))
    if text.startswith("+") and PHONE.fullmatch(text.strip()):
        diagnostics.report("CC3130", flow.span(path), text.strip())
