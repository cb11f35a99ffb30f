"""Template placeholders left in exported flows, and how to recognise them.

Teams keep flows as templates that another tool renders: Terraform `${var.x}`,
CloudFormation `${NAME}`, `%%NAME%%`, `{{name}}`, `REPLACE_WITH_X` and
`<YOUR_..._ARN>`. Import binds each to a token that keeps the text as written;
build shares `is_placeholder` to pass such bindings through with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One alternative per placeholder family; the group names give the family.
PLACEHOLDER_RE = re.compile(
    r"(?P<dollar>\$\{[^{}\s]*\})"  # ${var.x}, ${NAME}, ${F:name:F}, ${AWS::Region}
    r"|(?P<percent>%%[A-Za-z0-9_.:\-]+%%)"  # %%QUEUE_ARN%%
    r"|(?P<mustache>\{\{\s*[^{}\s][^{}]*?\s*\}\})"  # {{name}}, {{ var }}
    r"|(?P<replace>\bREPLACE_(?:WITH_[A-Za-z0-9_]*|ME)\b)"  # REPLACE_WITH_X
    r"|(?P<angle><(?:[Yy][Oo][Uu][Rr][ _\-][^<>\n]*"  # <YOUR_SALES_QUEUE_ARN>
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)>)"  # <ACCOUNT_ID>
)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder found in a string: its text, family and place."""

    text: str
    family: str
    start: int
    end: int

    @property
    def name(self) -> str:
        """The name the placeholder stands for, as written inside its markers."""
        return placeholder_name(self.text)


def is_placeholder(value: str) -> bool:
    """Whether `value` holds a template placeholder anywhere in it.

    True for `${...}` (any content without spaces or braces), `%%NAME%%`,
    `{{ name }}`, `REPLACE_WITH_...` / `REPLACE_ME`, `<YOUR ...>` in any case,
    and all-capital `<WORD_WORD>` markers. A binding for which this is true is
    a value someone else's template will fill in, not a real resource.
    """
    return PLACEHOLDER_RE.search(value) is not None


def find_placeholders(value: str) -> list[Placeholder]:
    """All placeholders in `value`, left to right, never overlapping."""
    found = []
    for match in PLACEHOLDER_RE.finditer(value):
        family = match.lastgroup or "dollar"
        found.append(Placeholder(match.group(), family, match.start(), match.end()))
    return found


def placeholder_name(text: str) -> str:
    """The bare name inside a placeholder: `${F:sales:F}` gives `sales`."""
    inner = text
    for opening, closing in (("${", "}"), ("%%", "%%"), ("{{", "}}"), ("<", ">")):
        if inner.startswith(opening) and inner.endswith(closing):
            inner = inner[len(opening) : len(inner) - len(closing)].strip()
            break
    inner = re.sub(r"^REPLACE_(?:WITH_)?", "", inner)
    inner = re.sub(r"^(?:YOUR|your|Your)[ _\-]", "", inner)
    # Terraform `var.x` / `local.x` and the `F:name:F` style of one sample repo.
    inner = re.sub(r"^(?:var|local|data)\.", "", inner)
    typed = re.fullmatch(r"([A-Za-z]):(.+):\1", inner)
    if typed:
        inner = typed.group(2)
    inner = re.sub(r"[_\-\s]?ARN$", "", inner, flags=re.IGNORECASE)
    return inner or text
