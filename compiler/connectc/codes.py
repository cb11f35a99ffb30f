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
    "CC0001",
    "error",
    "File cannot be read",
    "cannot read {0}: {1}",
    "A spec, environment or project file could not be opened or decoded as "
    "UTF-8. Check that the path exists and the file is text.",
)
define(
    "CC0002",
    "error",
    "YAML syntax error",
    "YAML syntax error: {0}",
    "The file is not well-formed YAML. The caret points where the parser gave up; "
    "the mistake is often on the line before (an unclosed quote or bracket, or a "
    "tab used for indentation).",
)
define(
    "CC0003",
    "error",
    "Duplicate key",
    'duplicate key "{0}" (first defined on line {1})',
    "A mapping defines the same key twice. YAML parsers disagree on which value "
    "wins, so connectc rejects the file instead of guessing.",
)
define(
    "CC0004",
    "error",
    "Anchors and aliases are not allowed",
    "anchors and aliases are not allowed in specs",
    "YAML anchors (`&name`) and aliases (`*name`) expand silently and can blow up "
    "a document exponentially. Write the value out, or share it with a flow "
    "module or a token.",
)
define(
    "CC0005",
    "error",
    "Document too large",
    "document is too large ({0}); the limit is {1}",
    "Spec files are limited to 2 MiB, 200,000 YAML nodes and 64 levels of nesting. "
    "A flow that large "
    "could not be deployed anyway (Connect limits content to 256,000 characters).",
)
define(
    "CC0006",
    "error",
    "Unknown key",
    'unknown key "{0}" in {1}',
    "The key is not part of the spec language at this place. Check the spelling "
    "against docs/spec-language.md or let the editor schema complete it.",
)
define(
    "CC0007",
    "error",
    "Wrong value type",
    "{0}: expected {1}, found {2}",
    "The value has the wrong shape, for example a list where a mapping is "
    "expected, or text where a number is expected.",
)
define(
    "CC0008",
    "error",
    "Missing required key",
    'missing required key "{0}" in {1}',
    "A key that this kind of file or block needs is absent.",
)
define(
    "CC0009",
    "error",
    "Unknown verb",
    'block "{0}" has no known verb (found {1})',
    "Every block needs exactly one verb key saying what it does (`play`, `menu`, "
    "`lambda`, `branch`, …, or the raw `action`). See docs/spec-language.md.",
)
define(
    "CC0010",
    "error",
    "More than one verb",
    'block "{0}" has more than one verb: {1}',
    "A block does one thing. Split it into two blocks joined by `next`.",
)
define(
    "CC0011",
    "error",
    "Not a spec file",
    "{0} is not a connectc spec: {1}",
    "A YAML file under specs/ must start with `flow:`, `module:` or `contract:`.",
)
define(
    "CC0012",
    "error",
    "Duplicate flow name",
    "{0} is defined twice (also in {1})",
    "Flow and module names must be unique within a project: they become the "
    "names of resources in Connect. Contract names too: the checks of a Lambda "
    "call would otherwise read whichever file came last.",
)
define(
    "CC0013",
    "error",
    "Invalid value",
    "{0}",
    "The value does not satisfy the rule for this field (an enumeration, a range "
    "or a pattern); the message says which.",
)
define(
    "CC0014",
    "error",
    "No specs found",
    "no flow or module specs found under {0}",
    "The path given to build or check holds no `*.yaml` flow or module specs.",
)
define(
    "CC0015",
    "error",
    "Project configuration error",
    "{0}",
    "`connectc.yaml` or the environment file is missing or malformed.",
)

define(
    "CC0030",
    "error",
    "JSON syntax error",
    "JSON syntax error: {0}",
    "A flow template (`flow.json.tmpl`) is not well-formed JSON: a syntax error, "
    "a key given twice in one object, or NaN/Infinity, which JSON does not have. "
    "The caret points where reading stopped.",
)

define(
    "CC0031",
    "error",
    "Number not kept as written",
    'the plain number {0} is read as {1}; quote it ("{0}") to keep the text as '
    "written, or write {1}",
    "YAML 1.2 reads an unquoted `0120`, `1.10`, `1e3`, `0x1F` or `+1` as a "
    "number, and the flow would carry `120`, `1.1`, `1000.0`, `31` or `1`: a "
    "leading zero of a phone or account number would be lost without notice. "
    "Quote the value to keep it as text.",
)

# --- 1xxx expressions ------------------------------------------------------

define(
    "CC1001",
    "error",
    "Expression syntax error",
    "{0}",
    "An expression embedded in a YAML string (a condition, token, attribute "
    "reference or duration) does not parse. The caret points at the first "
    "character the grammar could not accept.",
)
define(
    "CC1002",
    "error",
    "Unknown attribute namespace",
    'unknown attribute namespace "{0}" in "{1}"',
    "Attribute references start with `$.` and a namespace of the flow language: "
    "Attributes, FlowAttributes, External, Lex, StoredCustomerInput, Customer, "
    "Queue, Agent, Metrics, system attributes such as Channel or ContactId, ….",
)
define(
    "CC1003",
    "error",
    "Invalid duration",
    'invalid duration "{0}": {1}',
    "Durations are a whole number followed by s, m, h or d (`8s`, `5m`), or a "
    "plain number of seconds.",
)
define(
    "CC1004",
    "error",
    "Unsupported condition",
    "{0}",
    "The condition cannot be expressed with Connect's `Compare` action, for "
    "example an ordering comparison against text, or a comparison whose left "
    "side is not an attribute reference.",
)
define(
    "CC1005",
    "error",
    "Expected a single reference",
    '{0} must be a single attribute reference such as "$.StoredCustomerInput", '
    'found "{1}"',
    "Some parameters of the flow language accept only one JSONPath reference, "
    "with no text around it.",
)

# --- 2xxx names and tokens -------------------------------------------------

define(
    "CC2001",
    "error",
    "Unresolved token",
    'token "{0}" is not bound in environment "{1}"',
    "The token is used in a spec but `env/<env>.yaml` has no binding for it. Add "
    "it under `bindings:`.",
)
define(
    "CC2002",
    "warning",
    "Unused binding",
    'binding "{0}" is not used by any spec',
    "The environment binds a token that no spec uses. Remove it, or check for a "
    "misspelt token in a spec.",
)
define(
    "CC2003",
    "error",
    "Transition to a missing block",
    'block "{0}" goes to "{1}", which is not a block of this flow',
    "A transition names a block that does not exist in the same flow.",
)
define(
    "CC2004",
    "error",
    "Missing start block",
    'start block "{0}" is not a block of this flow',
    "`start:` must name one of the flow's blocks.",
)
define(
    "CC2005",
    "error",
    "Unknown token service",
    'unknown token service "{0}" in "{1}"',
    "Tokens are `${Service.Entity}` with a service that fixes the value's type: "
    "Lambda, Lex, Queue, Prompt, Hours, Flow, Module, Agent, QuickConnect, View, "
    "TaskTemplate, CaseTemplate, Hierarchy, PhoneNumber, PhoneNumberArn, Text.",
)
define(
    "CC2006",
    "error",
    "Token of the wrong service",
    '{0} expects a {1} token, found "{2}"',
    "The parameter takes a value of a different kind than the token's service "
    "provides, for example a Queue token where a Prompt is expected.",
)
define(
    "CC2007",
    "error",
    "Invalid block name",
    'block name "{0}" {1}',
    "Block names become action Identifiers: at most 50 characters, none of "
    "`% : ( \\ / ) = $ , ; [ ] { }`, and not a reserved JavaScript name.",
)
define(
    "CC2008",
    "warning",
    "Placeholder binding",
    'token "{0}" is bound to the placeholder "{1}"; it is passed through unchanged',
    "The binding keeps a template placeholder (`${var.x}`, `%%NAME%%`, "
    "`REPLACE_WITH_X`, …) that another tool renders. The build passes it through "
    "as written.",
)
define(
    "CC2010",
    "error",
    "Token where tokens are not allowed",
    "tokens are not allowed in {0}",
    "A flow's name, description and tags are the same in every environment (the "
    "name also names the output file). Tokens belong in block values.",
)

# --- 3xxx types and semantics ----------------------------------------------

define(
    "CC3001",
    "error",
    "Malformed binding",
    'binding "{0}" = "{1}" is not {2}',
    "The bound value does not have the shape its token's service requires (an "
    "ARN of the right resource kind, a qualified Lambda alias ARN, E.164, …).",
)
define(
    "CC3002",
    "error",
    "Binding outside the environment",
    'binding "{0}" {1}',
    "Connect resources must belong to the environment's instance, and ARNs to its "
    "region and account.",
)
define(
    "CC3003",
    "error",
    "Unqualified or $LATEST Lambda",
    'binding "{0}" is {1}; bind a published alias such as ":live"',
    "Flows must call a Lambda through an alias so that a release pins the code it "
    "was tested with. Unqualified ARNs and `$LATEST` are refused.",
)
define(
    "CC3004",
    "error",
    "Invalid phone number",
    'binding "{0}" = "{1}" is not a valid E.164 phone number',
    "Phone numbers are written in E.164 (`+815012345678`) and checked with the "
    "phonenumbers library.",
)
define(
    "CC3005",
    "error",
    "Invalid environment file",
    "{0}",
    "The environment's own fields (account, region, instance ARN) are malformed.",
)
define(
    "CC3007",
    "warning",
    "Environment file names another environment",
    'the environment file says "{0}" but was chosen as "{1}"',
    "`environment:` in `env/<env>.yaml` should match the file's name, so that a "
    "copied file is not deployed under the wrong name by mistake.",
)
define(
    "CC3006",
    "warning",
    "Environment field is a placeholder",
    'environment {0} is the placeholder "{1}"; bindings are not checked against it',
    "`connectc import` writes a placeholder (REPLACE_WITH_ACCOUNT_ID, …) when the "
    "export did not name the instance, account or region. Replace it with the real "
    "value so bindings can be checked against the environment.",
)
define(
    "CC3101",
    "warning",
    "Unreachable block",
    'block "{0}" cannot be reached from the start block "{1}"',
    "No chain of transitions leads from the start block to this block, so it "
    "never runs. Connect deploys it anyway and the designer shows it adrift. "
    "Remove it, or add the transition that should lead to it.",
)
define(
    "CC3102",
    "error",
    "Missing error branch",
    'block "{0}" ({1}) can fail with "{2}" but has no branch for it',
    "The action can end in this error, and the block does not say where to go "
    "then, so Connect disconnects the contact. Add the branch named in the note "
    "(`error:` catches any error; `errors: {ErrorType: block}` a specific one). "
    "Which errors each action raises comes from the per-action table; where the "
    "flow-language reference is unsure, the finding is a warning.",
)
define(
    "CC3103",
    "error",
    "No-match branch missing",
    'block "{0}" ({1}) has no branch for when no condition matches',
    "The action chooses among conditions (menu digits, Lex intents, compared "
    "values, percentages) and Connect takes its `NoMatchingCondition` branch when "
    "none applies. Without one the contact is disconnected. Add `no_match:`, "
    "`otherwise:` or `errors: {NoMatchingCondition: block}`.",
)
define(
    "CC3104",
    "warning",
    "Disconnect as the first action",
    'flow "{0}" disconnects at block "{1}" before doing anything for the contact',
    "Following `next` from the start block through blocks that only change "
    "settings (logging, recording, voice, attributes, hooks, priority) leads "
    "straight to a disconnect, so every contact is dropped unheard. This is "
    "usually a transition pointing at the wrong block.",
)
define(
    "CC3105",
    "error",
    "Dead end",
    'block "{0}" ({1}) has no "{2}" branch, so the flow stops there',
    "The action continues the flow when it succeeds, but the block does not say "
    "where. Connect then ends the flow and disconnects the contact. Add the "
    "branch, or end the flow explicitly with `disconnect`, `end` or `return`.",
)
define(
    "CC3106",
    "error",
    "Loop with no exit",
    "blocks {0} form a loop with no way out",
    "Once a contact enters these blocks, every transition leads back into them; "
    "no branch reaches a disconnect, a transfer or the end of the flow, so the "
    "contact is trapped. Give one of the blocks a way out, or bound the loop "
    "with the `loop` verb. Queue and hold flows, which loop until an agent "
    "answers, are not checked.",
)
define(
    "CC3107",
    "error",
    "Action not allowed in this flow type",
    '{0} (block "{1}") is not allowed in flows of type {2}',
    "Connect accepts each action only in some flow types (for example "
    "`TransferContactToQueue` not in whisper flows, `EndFlowExecution` only in "
    "whisper and queue flows). The note lists where the action is allowed. "
    "Where the reference is unsure, the finding is a warning.",
)
define(
    "CC3108",
    "warning",
    "Action not available on the flow's channel",
    '{0} (block "{1}") does not work on the {2} channel this flow declares',
    "The flow declares its channels with its `channel` tag (for example "
    "`tags: {channel: chat}`), and this action does not work on them; on such a "
    "contact Connect takes the action's error branch. Flows without a `channel` "
    "tag are not checked.",
)
define(
    "CC3109",
    "error",
    "Outcome the action never produces",
    'block "{0}" ({1}) routes {2}, which this action never produces',
    "A branch is attached to an error type or condition that this action does "
    "not have, so it never runs; Connect may also refuse the flow. The note "
    "lists the outcomes the action has.",
)
define(
    "CC3110",
    "error",
    "Required outcome not handled",
    'block "{0}" ({1}) has no branch for its "{2}" outcome',
    "Some actions have outcomes that must always be routed: `open` and "
    "`closed` of `check_hours`, `body` and `done` of `loop`, the completed "
    "branch (`next`) of `wait`. Without one, the contact is disconnected when "
    "that outcome happens.",
)
define(
    "CC3111",
    "error",
    "Event hook names a flow of the wrong type",
    'hook "{0}" (block "{1}") names flow "{2}" of type {3}; the hook needs type {4}',
    "Each event hook runs a flow of one type: `customer_queue` a customer queue "
    "flow, `agent_whisper` an agent whisper flow, `disconnect` a contact flow, "
    "and so on. Point the hook at a flow of that type.",
)
define(
    "CC3112",
    "warning",
    "Event hook not available in this flow type",
    'hook "{0}" (block "{1}") cannot be set in flows of type {2}',
    "The designer offers the hold and whisper hooks only in some flow types. "
    "The source for this is a transcription of the Admin Guide, so the finding "
    "is a warning.",
)
define(
    "CC3113",
    "warning",
    "Module invoked from a flow type that cannot",
    'block "{0}" invokes a flow module from a flow of type {1}',
    "Connect documents the Invoke module block for inbound contact flows only; "
    "a module invoked from another flow type, or from another module, may be "
    "refused when the flow is published.",
)
define(
    "CC3114",
    "warning",
    "Unknown action type",
    'block "{0}" uses action type "{1}", which connectc does not know; it is not '
    "checked",
    "The raw `action:` verb (or a flow template) names a Type missing from the "
    "per-action table. Connect adds actions over time, so this is only a "
    "warning, but nothing about the action is checked. Check the spelling.",
)
define(
    "CC3115",
    "error",
    "Not a flow-language action type",
    'block "{0}" uses "{1}", {2}',
    "The Type is a module type of the pre-2019 export format (`PlayPrompt`, "
    "`GetUserInput`, `InvokeExternalResource`, …) or a name Connect is known to "
    "refuse. Use the flow-language action named in the note.",
)
define(
    "CC3116",
    "error",
    "Missing parameter",
    'block "{0}" ({1}) needs parameter "{2}"',
    "The action cannot run without this parameter. Typed verbs always write "
    "it; this finding comes from a raw `action:` block or a flow template.",
)
define(
    "CC3117",
    "warning",
    "Unknown parameter",
    'block "{0}" ({1}) has parameter "{2}", which this action does not take',
    "The parameter is not one the per-action table lists for this Type; it is "
    "probably misspelt, and Connect may refuse or ignore it.",
)
define(
    "CC3118",
    "error",
    "Conflicting parameters",
    'block "{0}" ({1}) takes {2} of {3}, found {4}',
    "Some parameters exclude each other (a prompt is `PromptId`, `Text` or "
    "`SSML`; a target is `QueueId` or `AgentId`). Give exactly the number the "
    "message says.",
)
define(
    "CC3119",
    "error",
    "Reference not allowed in this parameter",
    'parameter "{0}" of block "{1}" ({2}) {3}',
    "Connect accepts attribute references only in some parameters: some take "
    "a literal only, some a literal or one whole reference (no text around "
    "it). Move the reference into a parameter that accepts it, or set an "
    "attribute first.",
)
define(
    "CC3120",
    "error",
    "Key not returned by the Lambda's contract",
    '"{0}" is not returned by contract "{1}" of block "{2}", the Lambda that ran '
    "last on a path to here",
    "`$.External` holds what the Lambda that ran last returned. On at least one "
    "path to this reference that Lambda's contract (`specs/contracts/`) does "
    "not declare the key, so the reference is empty there. Add the key to the "
    "contract if the function returns it, or read it after the right Lambda.",
)
define(
    "CC3121",
    "warning",
    "External attribute read before any Lambda",
    '"{0}" is read where no Lambda has run on some path',
    "`$.External` is filled by the Lambda that ran last, and on at least one "
    "path from the start to this reference no Lambda runs. The reference is "
    "then empty (or holds what an earlier flow's Lambda returned).",
)
define(
    "CC3122",
    "warning",
    "Attribute that nothing sets",
    '"{0}" is read, but no path to it sets {1} "{2}"',
    "No `set_attributes` (or `set_flow_attributes`) on any path from the start "
    "sets this key, no module invoked on the way sets it, and no flow of the "
    "project that transfers here, hooks this flow or creates its task sets it. "
    "If the contact arrives with the attribute from elsewhere (an API call, a "
    "flow outside the project), ignore the code for this flow.",
)
define(
    "CC3123",
    "warning",
    "Stored input read before any input",
    '"$.StoredCustomerInput" is read where no input has been stored on some path',
    "`$.StoredCustomerInput` holds what the last `input` block stored. On at "
    "least one path from the start to this reference no `input` block has "
    "succeeded, so the value is empty there.",
)
define(
    "CC3124",
    "warning",
    "Lex attribute outside a Lex outcome",
    '"{0}" is read where no Lex bot has run on some path',
    "`$.Lex` describes the last conversation with a Lex bot. On at least one "
    "path from the start to this reference the contact has not left a `lex` "
    "block through one of its outcomes (an intent, `no_match`, `timeout`), so "
    "the value is empty there.",
)
define(
    "CC3125",
    "error",
    "Unknown contract",
    'block "{0}" names contract "{1}", which is not in specs/contracts/',
    "`contract:` names a Lambda contract by its `contract:` name. Add the file "
    "`specs/contracts/<Name>.yaml`, or correct the name.",
)
define(
    "CC3126",
    "warning",
    "Parameter not in the contract",
    'block "{0}" sends parameter "{1}", which contract "{2}" does not declare',
    "The Lambda's contract lists the parameters the function reads; this one "
    "is not among them. Declare it in the contract, or stop sending it.",
)
define(
    "CC3127",
    "error",
    "Required parameter not sent",
    'block "{0}" does not send parameter "{1}" that contract "{2}" requires',
    "The contract declares the parameter as required (the default; write "
    "`required: false` for an optional one) and the block does not send it.",
)
define(
    "CC3128",
    "error",
    "Sample does not match its contract",
    'sample "{0}" of contract "{1}": {2}',
    "`connectc contract test` reads the recorded samples next to each contract "
    "(`specs/contracts/<Name>/samples/*.json`, and `samples/<env>/*.json` for "
    'one environment), each `{"parameters": {...}, "response": {...}}`, and '
    "checks them against the contract's keys, types and allowed values.",
)
define(
    "CC3129",
    "error",
    "Literal ARN in a spec",
    'ARN "{0}" is written in the spec; use a token bound in env/<env>.yaml',
    "ARNs name resources of one account and instance, so a spec that contains "
    "one cannot be deployed to another environment. Write a token such as "
    "`${Queue.Sales}` and bind it per environment. AWS-managed ARNs (with "
    "`aws` as the account) are allowed.",
)
define(
    "CC3130",
    "warning",
    "Literal phone number in a spec",
    'phone number "{0}" is written in the spec; use a ${{PhoneNumber.X}} token',
    "Numbers differ between environments (a test number is not the "
    "production one), so they belong in `env/<env>.yaml` as `PhoneNumber` "
    "bindings, where they are also checked as E.164.",
)

define(
    "CC3131",
    "warning",
    "Flow of an unexpected type",
    'block "{0}" names flow "{1}", a {2} flow; it expects a {3} flow',
    "`transfer_to_flow` and `create_task` start an inbound (contact) flow; the "
    "`flow` of `create_callback` is the outbound whisper played when the callback "
    "dials. The console offers only flows of those types; the API's rule is not "
    "documented, hence a warning.",
)

define(
    "CC3132",
    "warning",
    "External attribute read after a failed Lambda",
    '"{0}" is read on a path where the Lambda of block "{1}" failed',
    "`$.External` holds what the last Lambda invocation returned, and Connect "
    "overwrites it with each invocation; on its error branch the function "
    "returned nothing, so the reference is empty there. The flow-language "
    "reference does not say this outright, so this is a warning. Read the key "
    "on the success path only, or set a default on the error path.",
)
define(
    "CC3133",
    "warning",
    "Resource slot holds plain text",
    'block "{0}" expects a {1}, found the text "{2}"',
    "A slot for a queue, prompt, flow, Lambda function, Lex bot, hours or phone "
    "number takes a `${Service.Entity}` token, a `$.` reference, an ARN or a "
    'resource ID. Plain text or nothing there (a placeholder such as "ENTER '
    'LAMBDA HERE" left by an example) is sent to Connect as it is and fails when '
    "the flow is saved or run. Exports hold such values, so this is a warning.",
)

# --- 4xxx Connect limits and rules -----------------------------------------

define(
    "CC4001",
    "error",
    "Too many actions",
    'flow "{0}" has {1} actions; Connect allows {2}',
    "A flow or module holds at most 250 actions. Blocks can lower to more than "
    "one action (conditions, queue transfers, several hooks). Move part of the "
    "flow into a flow module or a second flow.",
)
define(
    "CC4002",
    "error",
    "Flow content too long",
    'flow "{0}" is {1:,} characters as deployed; Connect allows {2:,}',
    "The content of a flow or module is at most 256,000 characters, counted on "
    "the JSON connectc deploys (its indentation, the designer layout and the "
    "bound ARNs included). Split the flow, or move long texts into prompts.",
)
define(
    "CC4003",
    "error",
    "Invalid action identifier",
    'action identifier "{0}" {1}',
    "Action Identifiers are unique within a flow, at most 50 characters, "
    "without `% : ( \\ / ) = $ , ; [ ] { }` and not a reserved JavaScript "
    "name. Block names are checked as CC2007; this code covers flow templates.",
)
define(
    "CC4004",
    "error",
    "Name or description too long",
    '{0} "{1}" is {2} characters; Connect allows {3}',
    "Flow and module names are 1 to 127 characters and descriptions at most 500.",
)
define(
    "CC4005",
    "error",
    "Lambda timeout out of range",
    'block "{0}" waits {1} s for a {2} Lambda; Connect allows 1 to {3} s',
    "Connect waits at most 8 seconds for a synchronous Lambda and 60 seconds "
    "for an asynchronous one.",
)
define(
    "CC4006",
    "error",
    "Loop count out of range",
    'block "{0}" loops {1} times; Connect allows {2} to {3}',
    "The Loop action runs its body 0 to 100 times.",
)
define(
    "CC4007",
    "error",
    "Wait time out of range",
    'block "{0}" waits {1} s; Connect allows 1 to {2} s',
    "The Wait action waits at least a second and at most 7 days (604,800 s).",
)
define(
    "CC4008",
    "error",
    "Invalid DTMF setting",
    'block "{0}": {1}',
    "DTMF settings are limited: an input terminator is 1 to 5 of `0-9 * #`, "
    "the time between digits 1 to 20 s, and the digits sent to a third party "
    "at most 50 of `0-9 , * #`.",
)
define(
    "CC4009",
    "error",
    "Invalid percentage split",
    'block "{0}": {1}',
    "A percentage split (`DistributeByPercentage`) compares a random number "
    "from 1 to 100 with ascending `NumberLessThan` thresholds, so the "
    "thresholds must be whole numbers that increase and stay within 100.",
)
define(
    "CC4010",
    "error",
    "Invalid tags",
    'flow "{0}": {1}',
    "A flow or module carries at most 50 tags; keys are 1 to 128 characters and "
    "do not start with `aws:`, values at most 256 characters.",
)
define(
    "CC4011",
    "error",
    "Duration out of range",
    'block "{0}": {1} is {2} s; Connect allows {3} to {4} s',
    "Connect bounds the durations of several actions: input timeouts at least "
    "1 s, third-party transfer timeouts 0 to 600 s, callback delays up to 3 "
    "days (259,200 s), task delays 1 s to 6 days (518,400 s).",
)
define(
    "CC4012",
    "error",
    "Contact attributes too large",
    'block "{0}" sets {1:,} bytes of attributes; Connect allows {2:,} in all',
    "All user-defined attributes of a contact together hold at most 32,768 "
    "bytes of UTF-8; setting more takes the error branch.",
)
define(
    "CC4013",
    "warning",
    "Invalid attribute key",
    'attribute key "{0}" (block "{1}") should use only letters, digits, "-" and "_"',
    "Connect documents contact attribute keys as alphanumeric with dashes and "
    "underscores. Other characters may be refused or be hard to reference as "
    "`$.Attributes.<key>`.",
)

# --- 5xxx emitters ---------------------------------------------------------

define(
    "CC5002",
    "error",
    "Two flows, one output file",
    'flow "{0}" would be written to the same file as flow "{1}" ({2})',
    "Output files are named after flows, with characters that file systems refuse "
    "replaced by `_`, and compared without case (macOS and Windows ignore it). "
    "Rename one of the flows.",
)
define(
    "CC5003",
    "error",
    "Output directory is not connectc output",
    "refusing to replace {0}: {1}",
    "A build replaces its output directory as a whole. It refuses a directory that "
    "holds files but no manifest.json of an earlier build, so `--out` can never "
    "delete your own files. Choose an empty or new directory.",
)
define(
    "CC5004",
    "error",
    "Flow outside the selection does not compile",
    'flow "{0}" is outside the path given but does not compile, so the output '
    "would lack it",
    "A build of one file or folder still writes the whole project's output, so "
    "that `generated/<env>` never loses flows. A flow outside the selection has "
    "errors; `connectc check specs --env <env>` shows them.",
)
define(
    "CC5001",
    "error",
    "Cannot write output",
    "cannot write {0}: {1}",
    "The build could not write its output directory. Nothing was replaced: the "
    "previous output is left as it was.",
)

# --- 6xxx importer ---------------------------------------------------------

define(
    "CC6001",
    "error",
    "Cannot read import source",
    "cannot read {0}: {1}",
    "A file or directory given to `connectc import` could not be opened, or is "
    "not UTF-8 text. Nothing is imported from it.",
)
define(
    "CC6002",
    "error",
    "Not JSON or YAML",
    "{0} is not JSON or YAML: {1}",
    "Import reads flow-language JSON, API wrappers and CloudFormation templates "
    "(JSON or YAML). The file parses as neither; the position points where the "
    "parser gave up.",
)
define(
    "CC6003",
    "error",
    "Truncated document",
    "{0} ends in the middle of a document: {1}",
    "The file stops before its JSON is complete, as happens with a copy that was "
    "cut short. Export the flow again.",
)
define(
    "CC6004",
    "error",
    "Pre-2019 flow format",
    '{0} is in the pre-2019 export format ("modules", "version": "1"), not the '
    "flow language",
    "Before 2019 the console exported flows in a different schema (`modules`, "
    "`branches`, `parameters`). Connect's content APIs do not accept it and "
    "connectc does not convert it. Open the flow in the Amazon Connect console "
    "and save it once, then export it again, or read it with "
    "`aws connect describe-contact-flow`, which returns the flow language.",
)
define(
    "CC6005",
    "error",
    "Not a flow",
    "{0} is not a flow or flow module: {1}",
    "The document is valid JSON or YAML but holds neither a flow-language "
    "document (`Version`, `StartAction`, `Actions`), an API wrapper with a "
    "`Content`, nor a CloudFormation template with Connect flows.",
)
define(
    "CC6006",
    "error",
    "Unsupported flow-language version",
    '{0}: flow-language version "{1}" is not supported; expected "2019-10-30"',
    'connectc reads the flow language of `"Version": "2019-10-30"`, the only '
    "version Connect documents.",
)
define(
    "CC6007",
    "error",
    "Malformed flow",
    "{0}: {1}",
    "The flow-language document breaks a structural rule Connect enforces: an "
    "action without an Identifier, two actions with the same Identifier, a "
    "transition or StartAction naming no action, or a field of the wrong shape.",
)
define(
    "CC6008",
    "error",
    "Empty flow",
    "{0} has no actions",
    "A spec needs a start block, so a flow without actions cannot be imported. "
    "Such files are usually test fixtures or unfinished templates.",
)
define(
    "CC6009",
    "error",
    "Pre-2019 action type in a flow-language document",
    'action "{0}" has type "{1}", a pre-2019 module type that the flow language '
    "does not have",
    "The document claims `Version 2019-10-30` but uses type names of the old "
    "export format (`GetUserInput`, `InvokeExternalResource`, `PlayPrompt`, …). "
    "Connect rejects such content; the file was probably written by hand or "
    "generated. Rebuild the flow in the designer and export it.",
)
define(
    "CC6010",
    "warning",
    "Field not imported",
    '{0}: field "{1}" is not part of the flow language and is not imported',
    "Import keeps the fields that carry meaning (`Version`, `StartAction`, "
    "`Actions` with `Identifier`, `Type`, `Parameters`, `Transitions`, and a "
    "module's `Settings`). Designer metadata is dropped on purpose; any other "
    "field is reported so that nothing disappears silently.",
)
define(
    "CC6011",
    "note",
    "Unknown action type kept verbatim",
    'action "{0}" has type "{1}", unknown to connectc; it is kept verbatim with '
    "the raw action verb",
    "Connect adds action types over time. An action connectc has no verb for is "
    "written with `action:` and its `Type`, `Parameters` and transitions exactly "
    "as exported, so it builds back unchanged.",
)
define(
    "CC6012",
    "error",
    "Output file exists",
    "{0} exists with different content; use --force to replace it",
    "Import never overwrites a file silently. Compare the file with "
    "`connectc import --dry-run`, then rerun with `--force` or another `--out`. "
    "Nothing was written.",
)
define(
    "CC6013",
    "error",
    "Binding conflict",
    'binding "{0}" in {1} is "{2}" but the import found "{3}"; nothing was '
    "written (--force replaces the binding)",
    "The environment file already binds the token to a different value, so the "
    "imported spec would build with that value and no longer match the export. "
    "The import writes nothing. Rerun with `--force` to bind the export's value "
    "(every flow that uses the token then gets it), or correct the export.",
)
define(
    "CC6014",
    "error",
    "Cannot write import output",
    "cannot write {0}: {1}",
    "A file of the import could not be written. Files are replaced atomically, "
    "so none is left half-written.",
)
define(
    "CC6015",
    "error",
    "Flow does not round-trip",
    'flow "{0}" does not build back to the imported content: {1}',
    "After import connectc builds the spec for the source environment, with "
    "the bindings as the environment file will hold them, and compares the "
    "result with the export in meaning. The spec is written so that it can be "
    "finished by hand, but the import fails: building it gives a different "
    "flow at the place named, or no flow. `--fail-on never` accepts it. See "
    "docs/limitations.md.",
)
define(
    "CC6016",
    "error",
    "Duplicate flow name or spec file in import",
    'flow "{0}" from {1} has the same name or spec file as "{2}" from {3}; only '
    "the first is imported",
    "Flow and module names are unique within a project, and each has a spec file "
    "named after it: unsafe characters become `_`, and file systems may ignore "
    "case and Unicode normalisation, so two names can share one file. Rename one "
    "of the flows in Connect, or import the files into different projects.",
)
define(
    "CC6017",
    "note",
    "Placeholder kept as a binding",
    'placeholder "{0}" becomes token "{1}", bound to the placeholder text',
    "The export holds a template placeholder (`${var.x}`, `%%NAME%%`, "
    "`REPLACE_WITH_X`, `<YOUR_..._ARN>`, `{{name}}`) for another tool to fill in. "
    "Import replaces it with a token bound to the placeholder as written; build "
    "passes it through and warns (CC2008).",
)
define(
    "CC6018",
    "warning",
    "Environment without instance",
    "the import names no Connect instance, account or region; env/{0}.yaml holds "
    "placeholders to fill in",
    "No ARN in the imported flows says which instance, account and region they "
    "come from, so the environment file gets `REPLACE_WITH_INSTANCE_ARN`, "
    "`REPLACE_WITH_ACCOUNT_ID` and `REPLACE_WITH_REGION`. Replace them before "
    "deploying.",
)
define(
    "CC6019",
    "error",
    "CloudFormation content cannot be evaluated",
    'resource "{0}" builds its Content with {1}, which import cannot evaluate',
    "Import reads `Content` given as a string or as `Fn::Sub` (its `${NAME}` "
    "placeholders stay as text). Other intrinsic functions such as `Fn::Join` "
    "or `Fn::If` are evaluated only by CloudFormation; import the synthesised "
    "template or the deployed flow instead.",
)
define(
    "CC6020",
    "error",
    "Flow from another instance",
    '{0} names instance "{1}", but environment "{2}" is instance "{3}"',
    "The flows of one import should come from the environment's instance. "
    "Bindings from another instance fail the build's instance check (CC3002), "
    "so the import fails; its files are written. Import such flows into their "
    "own environment.",
)
define(
    "CC6021",
    "error",
    "Environment file cannot be merged",
    "cannot merge bindings into {0}: {1}",
    "The existing environment file is not a mapping with a `bindings:` mapping "
    "in block style, so import cannot add bindings without rewriting it. "
    "Nothing was written.",
)
define(
    "CC6022",
    "error",
    "Flow cannot be written as a spec",
    'action "{0}" cannot be written in the spec language: {1}',
    "The action uses a construct the spec language has no way to say, for "
    "example a condition with several operands or two error branches of the "
    "same type. The flow is not imported; see docs/limitations.md.",
)
define(
    "CC6023",
    "note",
    "Designer name changed",
    'designer name "{0}" is not a valid block name; the block is named "{1}"',
    "Block names become action Identifiers: at most 50 characters, none of "
    "`% : ( \\ / ) = $ , ; [ ] { }`, and no reserved JavaScript name.",
)
define(
    "CC6024",
    "error",
    "Import source too large",
    "{0} is too large to import ({1}); the limit is {2}",
    "Import reads files up to 16 MiB. Connect limits a flow's content to "
    "256,000 characters, so a larger file is not a single export.",
)
define(
    "CC6025",
    "error",
    "Binding the build will refuse",
    'binding "{0}" = "{1}" will not pass the build: {2}',
    "The export uses a value the designer accepts but `connectc build` does "
    "not, most often a Lambda function without a published alias. The spec "
    "and the binding are written as found and the import fails; bind an "
    "alias ARN (`:live`) in `env/<env>.yaml` before building.",
)
define(
    "CC6026",
    "error",
    "Duplicate key in import source",
    '{0} has the key "{1}" twice in one object',
    "JSON and YAML readers disagree about a repeated key: most keep the last "
    "value, some the first, some refuse the document. Import refuses the file "
    "rather than guess which one Connect would use; remove one of the two.",
)
define(
    "CC6027",
    "error",
    "Imported flow fails a build check",
    'flow "{0}" builds back to the export, but the build refuses it: {1}',
    "The spec is a faithful copy of the export, and the export breaks one of "
    "the build's quality gates: an error without a branch, an action its flow "
    "type does not allow, a Connect limit. The spec is written and the import "
    "fails; `connectc build` reports the same finding until the flow is fixed "
    "in the spec or the check's severity is lowered in connectc.yaml "
    "(`severities:`). `--fail-on never` accepts the import.",
)

define(
    "CC6028",
    "error",
    "Flow kept in the other format",
    "{0} already defines this flow; remove it before importing in the other format",
    "A project keeps each flow either as a YAML spec or as a flow.json.tmpl "
    "template, never both: the build would find the flow twice. Delete the file "
    "named, or import again in the format the project already uses.",
)
define(
    "CC6029",
    "error",
    "Unknown flow type in an export",
    'the export gives the flow type "{0}", which Connect does not have; expected '
    "one of {1}",
    "The `Type` of a describe-contact-flow wrapper or a CloudFormation resource "
    "decides what the flow may do and where it can be used, so a misspelt type is "
    "not guessed at: the flow is not imported. Correct the type in the file.",
)
define(
    "CC6030",
    "warning",
    "Flow name shortened",
    'the name "{0}" is longer than the {1} characters Connect allows; the spec '
    'names the flow "{2}"',
    "Connect limits flow and module names to 127 characters, so an export with a "
    "longer name was edited by hand. The spec gets the first 127 characters; "
    "check that the shortened name is the one you want.",
)

# --- 7xxx deploy, rollout, drift -------------------------------------------

define(
    "CC7001",
    "note",
    "Cycle of flow references",
    'flows "{0}" reference each other in a cycle ({1}); the deploy sets their '
    "content in a second step",
    "Flows of one release link to each other through CloudFormation references "
    "(`${Flow.X}` becomes the ARN of flow X), and CloudFormation creates a flow "
    "before the flows that name it. For a cycle, the flows whose links point "
    "forward are first created with placeholder content, then a custom "
    "resource sets their real content once every flow exists (docs/deploy.md). "
    "Until then a call reaching such a flow is disconnected, which only matters "
    "on the very first deploy of an in_place environment.",
)
define(
    "CC7002",
    "error",
    "Manifest cannot be read",
    "cannot read manifest {0}: {1}",
    "`generated/<env>/manifest.json` is missing or is not JSON. Run `connectc "
    "build --env <env>` first.",
)
define(
    "CC7003",
    "error",
    "Malformed manifest",
    "malformed manifest: {0}",
    "The manifest does not have the shape of manifest format version 1. It is "
    "written by `connectc build`; rebuild rather than editing it.",
)
define(
    "CC7004",
    "error",
    "Flow file missing or changed",
    'flow file "{0}" {1}',
    "A flow named in the manifest cannot be read, or its bytes no longer match "
    "the sha256 the build recorded, so the deploy would not be the build that "
    "was checked. Run the build again.",
)
define(
    "CC7005",
    "error",
    "Link to an unknown flow",
    'flow "{0}" links "{1}" to "{2}", which is not a {3} of this build',
    "A `${Flow.X}` or `${Module.X}` link in the manifest names no flow (or "
    "module) of the same build, so the deploy cannot point it at a deployed "
    "resource.",
)
define(
    "CC7006",
    "error",
    "Invalid release setting",
    'release setting "{1}" of environment "{0}" must be {2}',
    "`environments.<env>.release` in connectc.yaml takes `strategy: in_place` "
    "or `strategy: versioned`, and `keep:` (the number of versioned releases to "
    "keep, 1 or more). See docs/deploy.md.",
)
define(
    "CC7007",
    "error",
    "Versioned release without SHA or time",
    'environment "{0}" deploys versioned releases, but the manifest has no '
    "git SHA or build time to name them",
    "Versioned releases name flows `<Name>-<YYYYMMDD>-<shortSHA>` from the "
    "manifest's `release.time` and `release.git_sha`. Build from a git checkout "
    "(CI does) so both are recorded.",
)
define(
    "CC7008",
    "error",
    "Deployed name too long",
    'deployed name "{0}" is {1} characters; Connect allows {2}',
    "Versioned releases add `-<YYYYMMDD>-<shortSHA>` (17 characters) to each "
    "flow's name. Shorten the flow's name.",
)
define(
    "CC7009",
    "error",
    "Too many tags",
    'flow "{0}" would carry {1} tags with the release tags; Connect allows {2}',
    "The deploy adds `connectc:release`, `connectc:git-sha` and "
    "`connectc:release-time` to each flow's own tags.",
)
define(
    "CC7010",
    "error",
    "cfn-lint error",
    "cfn-lint {0}: {1}",
    "cfn-lint found an error in a synthesised CloudFormation template. The rule "
    "id links to its documentation: https://github.com/aws-cloudformation/"
    "cfn-lint/blob/main/docs/rules.md",
)
define(
    "CC7011",
    "warning",
    "cfn-lint warning",
    "cfn-lint {0}: {1}",
    "cfn-lint found a likely problem (a warning or informational rule) in a "
    "synthesised template.",
)
define(
    "CC7012",
    "error",
    "cdk-nag finding",
    '{0} on "{1}": {2}',
    "cdk-nag's AwsSolutions pack found a security or best-practice problem in "
    "the synthesised app. Fix it, or acknowledge it on the construct with a "
    "reason (`Validations.of(construct).acknowledge(...)`).",
)
define(
    "CC7013",
    "error",
    "CloudFormation schema finding",
    '{0} on "{1}": {2}',
    "The CDK's own check of resource properties against the CloudFormation "
    "schema reported a problem (for example an ARN that does not match the "
    "property's pattern).",
)
define(
    "CC7014",
    "error",
    "Synthesis failed",
    "synthesis failed: {0}",
    "The CDK app could not be synthesised. The message is the CDK's.",
)
define(
    "CC7015",
    "error",
    "CDK libraries not installed",
    "the CDK libraries are not available ({0}); install connectc[cdk] and Node.js",
    "`connectc synth` needs aws-cdk-lib, constructs, cdk-nag and cfn-lint "
    "(`pip install 'connectc[cdk]'`) and a Node.js runtime for the CDK.",
)
define(
    "CC7016",
    "error",
    "Manifest of another environment",
    'manifest was built for environment "{0}", not "{1}"',
    "The manifest under `generated/<env>/` names a different environment. Build "
    "the environment again.",
)
define(
    "CC7017",
    "error",
    "Invalid deploy-access setting",
    "deploy_access: {0}",
    "The `deploy_access` section of connectc.yaml (or the matching CDK context "
    "values) is missing or malformed. See docs/access.md.",
)
define(
    "CC7018",
    "warning",
    "In-place flows over several stacks",
    'environment "{0}" deploys in place across {1} flow stacks; adding or '
    "removing a flow can move others to another stack",
    "Flows are cut, in link order, into stacks within CloudFormation's limits "
    "(200 outputs, 1 MB per template). When a release adds or removes a flow, "
    "the flows after it can land in another stack than in the previous "
    "release: CloudFormation then deletes the flow and creates a new one with a "
    "new ID (phone numbers and other entry points pointing at the old one lose "
    "it), or refuses to delete an export another stack still imports. Keep an "
    "in_place environment within one stack (about 95 flows and 800 KB of "
    "content), or deploy it `versioned` (docs/limitations.md).",
)
define(
    "CC7019",
    "error",
    "Environment not filled in",
    'the {0} of environment "{1}" is the placeholder "{2}"',
    "An import that found no instance, account or region writes placeholders "
    "into env/<env>.yaml (CC6018), and the build passes them through with a "
    "warning. A deployment needs the real values: the CDK cannot address an "
    "account or region that is a placeholder. Fill them in and build again.",
)

# --- 9xxx internal ---------------------------------------------------------

define(
    "CC9001",
    "error",
    "Internal error",
    "internal error: {0}",
    "connectc hit a bug. Run again with `--debug` for a traceback and report it.",
)
