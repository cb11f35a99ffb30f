"""`docs/codes.md`, generated from the code registry.

`render()` gives the page: how to control findings, an index, and one section
per code with its default severity, message and explanation, under an anchor
that `Code.help_uri` points at. Regenerate with
`python -m connectc.codes_page docs/codes.md`; a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from connectc import codes

GROUPS = {
    "0": "Input: files, YAML, spec shape",
    "1": "Expressions",
    "2": "Names and tokens",
    "3": "Types and semantics",
    "4": "Connect limits and rules",
    "5": "Emitters",
    "6": "Importer",
    "7": "Deploy, rollout, drift",
    "9": "Internal",
}

INTRODUCTION = """\
# Diagnostic codes

<!-- Generated from compiler/connectc/codes.py by
     `python -m connectc.codes_page docs/codes.md`; do not edit by hand. -->

Every finding connectc reports carries one of these codes. A code is never
reused; its severity is a default that configuration may change.
`connectc explain CODE` prints a code's entry from the command line.

## Controlling findings

- `connectc check specs --env test --select CC31,CC4001 --ignore CC3101`
  reports only the selected codes and never the ignored ones. Both take codes
  or prefixes (`CC31` is every code from CC3100 to CC3199), comma-separated or
  repeated.
- In `connectc.yaml`, `ignore: [CC3101]` hides codes everywhere, and
  `severities: {CC3122: error, CC40: warning, CC3104: off}` changes severities
  (the longest matching prefix wins; `off` hides the code).
- In a flow or module spec, a top-level `ignore: [CC3122]` hides codes in that
  file, and `ignore:` inside a block hides them for that block only.
- Errors of the stages that build a flow (input, expressions, names and
  tokens, bindings CC3001-CC3005, emitters, importer, deploy, internal) cannot
  be ignored or turned off: the flow could not be built, and hiding why would
  leave it silently missing from the output. Warnings and notes of any code,
  and every check from CC3101 on, can be.
- A code that an ignore list names but that does not exist is CC0013.
- Findings that rest on a fact the flow-language reference marks uncertain are
  reported as warnings even when the code's default is error, with a note
  saying so.
- A flow declares the channels it serves with its `channel` tag
  (`tags: {channel: voice}`, or several: `voice,chat`); CC3108 checks actions
  against it. Flows without the tag are not checked for channels.

## Index

| code | default | title |
|---|---|---|
"""


def _code_text(template: str) -> str:
    fence = "``" if "`" in template else "`"
    pad = " " if template.startswith("`") or template.endswith("`") else ""
    return f"{fence}{pad}{template}{pad}{fence}"


def _section(entry: codes.Code) -> str:
    return (
        f'<a id="{entry.code.lower()}"></a>\n'
        f"### {entry.code}: {entry.title}\n\n"
        f"Default severity: **{entry.severity}**. "
        f"Message: {_code_text(entry.template)}\n\n"
        f"{entry.explanation}\n"
    )


def render() -> str:
    """The whole page, in code order."""
    ordered = sorted(codes.REGISTRY.values(), key=lambda e: e.code)
    lines = [INTRODUCTION]
    for entry in ordered:
        link = f"[{entry.code}](#{entry.code.lower()})"
        lines.append(f"| {link} | {entry.severity} | {entry.title} |\n")
    group = None
    for entry in ordered:
        digit = entry.code[2]
        if digit != group:
            group = digit
            lines.append(f"\n## {digit}xxx {GROUPS.get(digit, 'Other')}\n")
        lines.append("\n" + _section(entry))
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if not args:
        sys.stdout.write(text)
    else:
        Path(args[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
