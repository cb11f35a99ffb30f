"""The registry of diagnostic codes: one place binds each code to its template.

Codes are `CC` + four digits, grouped by stage: 0xxx input, 1xxx expressions,
2xxx names and tokens, 3xxx types and semantics, 4xxx Connect limits and rules,
5xxx emitters, 6xxx importer, 7xxx deploy/rollout/drift, 9xxx internal. A code is
never reused; severity is a default that configuration may change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from connectc.diagnostics import Severity

DOCS_URL = "https://github.com/connectc/connectc/blob/main/docs/codes.md"


@dataclass(frozen=True)
class Code:
    """A registered code: its default severity, title, template and page."""

    code: str
    severity_name: str
    title: str
    template: str
    explanation: str

    @property
    def severity(self) -> Severity:
        from connectc.diagnostics import Severity

        return Severity[self.severity_name.upper()]

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}"


REGISTRY: dict[str, Code] = {}


def define(code: str, severity: str, title: str, template: str, doc: str) -> None:
    """Register a code; a duplicate is a programming error caught at import."""
    if code in REGISTRY:
        raise ValueError(f"diagnostic code {code} defined twice")
    REGISTRY[code] = Code(code, severity, title, template, doc.strip())


# --- 0xxx input: files, YAML, spec shape -----------------------------------

define(
    "CC0001", "error", "File cannot be read",
    "cannot read {0}: {1}",
    "A spec, environment or project file could not be opened or decoded as "
    "UTF-8. Check that the path exists and the file is text.",
)
define(
    "CC0002", "error", "YAML syntax error",
    "YAML syntax error: {0}",
    "The file is not well-formed YAML. The caret points where the parser gave up; "
    "the mistake is often on the line before (an unclosed quote or bracket, or a "
    "tab used for indentation).",
)
define(
    "CC0003", "error", "Duplicate key",
    'duplicate key "{0}" (first defined on line {1})',
    "A mapping defines the same key twice. YAML parsers disagree on which value "
    "wins, so connectc rejects the file instead of guessing.",
)
define(
    "CC0004", "error", "Anchors and aliases are not allowed",
    "anchors and aliases are not allowed in specs",
    "YAML anchors (`&name`) and aliases (`*name`) expand silently and can blow up "
    "a document exponentially. Write the value out, or share it with a flow "
    "module or a token.",
)
define(
    "CC0005", "error", "Document too large",
    "document is too large ({0}); the limit is {1}",
    "Spec files are limited to 2 MiB and 200,000 YAML nodes. A flow that large "
    "could not be deployed anyway (Connect limits content to 256,000 characters).",
)
define(
    "CC0006", "error", "Unknown key",
    'unknown key "{0}" in {1}',
    "The key is not part of the spec language at this place. Check the spelling "
    "against docs/spec-language.md or let the editor schema complete it.",
)
define(
    "CC0007", "error", "Wrong value type",
    "{0}: expected {1}, found {2}",
    "The value has the wrong shape, for example a list where a mapping is "
    "expected, or text where a number is expected.",
)
define(
    "CC0008", "error", "Missing required key",
    'missing required key "{0}" in {1}',
    "A key that this kind of file or block needs is absent.",
)
define(
    "CC0009", "error", "Unknown verb",
    'block "{0}" has no known verb (found {1})',
    "Every block needs exactly one verb key saying what it does (`play`, `menu`, "
    "`lambda`, `branch`, …, or the raw `action`). See docs/spec-language.md.",
)
define(
    "CC0010", "error", "More than one verb",
    'block "{0}" has more than one verb: {1}',
    "A block does one thing. Split it into two blocks joined by `next`.",
)
define(
    "CC0011", "error", "Not a spec file",
    "{0} is not a connectc spec: {1}",
    "A YAML file under specs/ must start with `flow:`, `module:` or `contract:`.",
)
define(
    "CC0012", "error", "Duplicate flow name",
    'flow "{0}" is defined twice (also in {1})',
    "Flow and module names must be unique within a project: they become the "
    "names of resources in Connect.",
)
define(
    "CC0013", "error", "Invalid value",
    "{0}",
    "The value does not satisfy the rule for this field (an enumeration, a range "
    "or a pattern); the message says which.",
)
define(
    "CC0014", "error", "No specs found",
    "no flow or module specs found under {0}",
    "The path given to build or check holds no `*.yaml` flow or module specs.",
)
define(
    "CC0015", "error", "Project configuration error",
    "{0}",
    "`connectc.yaml` or the environment file is missing or malformed.",
)

# --- 1xxx expressions ------------------------------------------------------

define(
    "CC1001", "error", "Expression syntax error",
    "{0}",
    "An expression embedded in a YAML string (a condition, token, attribute "
    "reference or duration) does not parse. The caret points at the first "
    "character the grammar could not accept.",
)
define(
    "CC1002", "error", "Unknown attribute namespace",
    'unknown attribute namespace "{0}" in "{1}"',
    "Attribute references start with `$.` and a namespace of the flow language: "
    "Attributes, FlowAttributes, External, Lex, StoredCustomerInput, Customer, "
    "Queue, Agent, Metrics, system attributes such as Channel or ContactId, ….",
)
define(
    "CC1003", "error", "Invalid duration",
    'invalid duration "{0}": {1}',
    "Durations are a whole number followed by s, m, h or d (`8s`, `5m`), or a "
    "plain number of seconds.",
)
define(
    "CC1004", "error", "Unsupported condition",
    "{0}",
    "The condition cannot be expressed with Connect's `Compare` action, for "
    "example an ordering comparison against text, or a comparison whose left "
    "side is not an attribute reference.",
)
define(
    "CC1005", "error", "Expected a single reference",
    '{0} must be a single attribute reference such as "$.StoredCustomerInput", '
    'found "{1}"',
    "Some parameters of the flow language accept only one JSONPath reference, "
    "with no text around it.",
)

# --- 2xxx names and tokens -------------------------------------------------

define(
    "CC2001", "error", "Unresolved token",
    'token "{0}" is not bound in environment "{1}"',
    "The token is used in a spec but `env/<env>.yaml` has no binding for it. Add "
    "it under `bindings:`.",
)
define(
    "CC2002", "warning", "Unused binding",
    'binding "{0}" is not used by any spec',
    "The environment binds a token that no spec uses. Remove it, or check for a "
    "misspelt token in a spec.",
)
define(
    "CC2003", "error", "Transition to a missing block",
    'block "{0}" goes to "{1}", which is not a block of this flow',
    "A transition names a block that does not exist in the same flow.",
)
define(
    "CC2004", "error", "Missing start block",
    'start block "{0}" is not a block of this flow',
    "`start:` must name one of the flow's blocks.",
)
define(
    "CC2005", "error", "Unknown token service",
    'unknown token service "{0}" in "{1}"',
    "Tokens are `${Service.Entity}` with a service that fixes the value's type: "
    "Lambda, Lex, Queue, Prompt, Hours, Flow, Module, Agent, QuickConnect, View, "
    "TaskTemplate, CaseTemplate, Hierarchy, PhoneNumber, PhoneNumberArn, Text.",
)
define(
    "CC2006", "error", "Token of the wrong service",
    '{0} expects a {1} token, found "{2}"',
    "The parameter takes a value of a different kind than the token's service "
    "provides, for example a Queue token where a Prompt is expected.",
)
define(
    "CC2007", "error", "Invalid block name",
    'block name "{0}" {1}',
    "Block names become action Identifiers: at most 50 characters, none of "
    "`% : ( \\ / ) = $ , ; [ ] { }`, and not a reserved JavaScript name.",
)
define(
    "CC2008", "warning", "Placeholder binding",
    'token "{0}" is bound to the placeholder "{1}"; it is passed through unchanged',
    "The binding keeps a template placeholder (`${var.x}`, `%%NAME%%`, "
    "`REPLACE_WITH_X`, …) that another tool renders. The build passes it through "
    "as written.",
)
define(
    "CC2009", "note", "Flow reference resolved in the release",
    'token "{0}" names flow "{1}" of this project; deploy links it to the release',
    "An unbound `${Flow.X}` or `${Module.X}` that names a flow of the same "
    "project stays in the emitted JSON and is listed under `links` in "
    "manifest.json, for the CDK stack to replace with the deployed flow.",
)

# --- 3xxx types and semantics ----------------------------------------------

define(
    "CC3001", "error", "Malformed binding",
    'binding "{0}" = "{1}" is not {2}',
    "The bound value does not have the shape its token's service requires (an "
    "ARN of the right resource kind, a qualified Lambda alias ARN, E.164, …).",
)
define(
    "CC3002", "error", "Binding outside the environment",
    'binding "{0}" {1}',
    "Connect resources must belong to the environment's instance, and ARNs to its "
    "region and account.",
)
define(
    "CC3003", "error", "Unqualified or $LATEST Lambda",
    'binding "{0}" is {1}; bind a published alias such as ":live"',
    "Flows must call a Lambda through an alias so that a release pins the code it "
    "was tested with. Unqualified ARNs and `$LATEST` are refused.",
)
define(
    "CC3004", "error", "Invalid phone number",
    'binding "{0}" = "{1}" is not a valid E.164 phone number',
    "Phone numbers are written in E.164 (`+815012345678`) and checked with the "
    "phonenumbers library.",
)
define(
    "CC3005", "error", "Invalid environment file",
    "{0}",
    "The environment's own fields (account, region, instance ARN) are malformed.",
)

# --- 4xxx Connect limits and rules -----------------------------------------

# --- 5xxx emitters ---------------------------------------------------------

define(
    "CC5001", "error", "Cannot write output",
    "cannot write {0}: {1}",
    "The build could not write its output directory. Nothing was replaced: the "
    "previous output is left as it was.",
)

# --- 6xxx importer ---------------------------------------------------------

# --- 7xxx deploy, rollout, drift -------------------------------------------

# --- 9xxx internal ---------------------------------------------------------

define(
    "CC9001", "error", "Internal error",
    "internal error: {0}",
    "connectc hit a bug. Run again with `--debug` for a traceback and report it.",
)
