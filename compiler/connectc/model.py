"""Pydantic models of the spec files: the shape check and the editor schema.

Each verb has an argument model; `VERBS` binds a verb to its argument type and
the transitions it allows, and block models are built from that table so the
JSON Schema and the validation cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictInt,
    Tag,
    create_model,
)

# Discriminator tags appear in pydantic error locations; they contain a
# character no YAML key in a spec uses, so the loader can drop them.
SCALAR_TAG = "·scalar"
MAPPING_TAG = "·mapping"
EMPTY_TAG = "·empty"
TAGS = frozenset({SCALAR_TAG, MAPPING_TAG, EMPTY_TAG})


class Spec(BaseModel):
    """Base of every spec model: unknown keys are errors; numbers read as text."""

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, populate_by_name=False
    )


BlockName = Annotated[str, Field(description="The name of a block of this flow.")]
Text = Annotated[
    str,
    Field(description="Text; may embed $.Namespace.key references and ${Tokens}."),
]
# Whole numbers are StrictInt: YAML's true/false must not pass as 1 and 0.
Duration = Annotated[
    StrictInt | str,
    Field(description="A duration: 8s, 5m, 1h, 2d, or a number of seconds."),
]
TokenOrRef = Annotated[
    str,
    Field(description="A ${Service.Entity} token or a $.Namespace.key reference."),
]


def scalar_or_mapping(scalar: Any, mapping: type[BaseModel], doc: str) -> Any:
    """A value written either as a scalar (short form) or a mapping (full form)."""

    def pick(value: Any) -> str:
        return MAPPING_TAG if isinstance(value, dict) else SCALAR_TAG

    return Annotated[
        Annotated[scalar, Tag(SCALAR_TAG)] | Annotated[mapping, Tag(MAPPING_TAG)],
        Discriminator(pick),
        Field(description=doc),
    ]


class Empty(Spec):
    """An empty mapping, `{}`."""


def _pick_novalue(value: Any) -> str:
    return MAPPING_TAG if isinstance(value, dict) else SCALAR_TAG


NoValue = Annotated[
    Annotated[Literal[True] | None, Tag(SCALAR_TAG)]
    | Annotated[Empty, Tag(MAPPING_TAG)],
    Discriminator(_pick_novalue),
    Field(description="Takes no value: write `{}`, `true`, or leave it empty."),
]


# --- verb arguments ---------------------------------------------------------


class Prompt(Spec):
    """One of a prompt token, text, or SSML."""

    prompt: TokenOrRef | None = Field(None, description="A ${Prompt.X} token.")
    text: Text | None = Field(None, description="Text read by text-to-speech.")
    ssml: Text | None = Field(None, description="SSML, starting with <speak>.")
    media: dict[str, Any] | None = Field(
        None, description="Media {Uri, SourceType, MediaType}, passed as written."
    )


class PlayLoopArgs(Spec):
    messages: list[Prompt] = Field(description="Messages played in turn.")
    interrupt_every: Duration | None = Field(
        None, description="Interrupt the loop this often (the `interrupted` branch)."
    )


class MenuArgs(Prompt):
    timeout: Duration = Field("5s", description="Time to wait for the first digit.")
    terminator: str | None = Field(
        None, description="Up to 5 digits that end the input."
    )
    disable_cancel_key: bool | None = Field(
        None, description="Do not treat * as cancel."
    )
    interdigit: Duration | None = Field(
        None, description="Time allowed between digits (1-20 s)."
    )


class PhoneValidation(Spec):
    country: str | None = Field(
        None,
        pattern=r"^[A-Z]{2}$",
        description="Two-letter country code (JP); given, numbers are local.",
    )
    format: Literal["local", "e164"] | None = Field(
        None, description="local (needs country) or e164."
    )


class Validation(Spec):
    phone: PhoneValidation | None = Field(None, description="Validate a phone number.")
    max_length: StrictInt | None = Field(
        None, ge=1, description="Custom validation: max digits."
    )


class Encryption(Spec):
    key_id: Text = Field(description="The encryption key's id.")
    key: Text = Field(description="The PEM public key (or a ${Text.X} token).")


class InputArgs(MenuArgs):
    validate_: Annotated[
        Literal["phone"] | Validation | None,
        Field(
            None,
            alias="validate",
            description="phone, {phone: {country, format}}, or {max_length: N}.",
        ),
    ]
    encrypt: Encryption | None = Field(None, description="Encrypt the input.")


class LexArgs(Prompt):
    bot: TokenOrRef = Field(description="A ${Lex.X} bot alias token.")
    session_attributes: dict[str, Text] | None = Field(
        None, description="Lex session attributes."
    )
    timeout: Duration | None = Field(None, description="Chat: time to wait (s).")
    initial_message: Text | None = Field(None, description="Chat: first message.")


class LambdaArgs(Spec):
    function: TokenOrRef = Field(description="A ${Lambda.X} alias token.")
    timeout: Duration = Field("8s", description="Up to 8s (sync) or 60s (async).")
    async_: bool = Field(False, alias="async", description="Invoke asynchronously.")
    parameters: dict[str, Text] | None = Field(
        None, description="Parameters sent to the function."
    )
    response: Literal["string_map", "json"] | None = Field(
        None, description="Validate the response as a string map or JSON."
    )


class CallerId(Spec):
    number: Text | None = Field(None, description="Caller ID number.")
    name: Text | None = Field(None, description="Caller ID name.")


class PhoneTransferArgs(Spec):
    number: TokenOrRef = Field(description="A ${PhoneNumber.X} token (E.164).")
    timeout: Duration | None = Field(None, description="Ring time, up to 600 s.")
    continue_: bool | None = Field(
        None, alias="continue", description="Continue the flow after the call."
    )
    dtmf: str | None = Field(None, description="Digits to send (0-9 , * #).")
    caller_id: CallerId | None = Field(None, description="Caller ID shown.")


class StaffingArgs(Spec):
    metric: Literal["available", "staffed", "online"] = Field(
        description="Which agents must be above zero."
    )
    queue: TokenOrRef | None = Field(None, description="Default: the working queue.")


class QueueMetricArgs(Spec):
    metric: Literal["contacts_in_queue", "oldest_contact_age"] = Field(
        description="The queue metric to compare."
    )
    queue: TokenOrRef | None = Field(None, description="Default: the working queue.")


class MetricCase(Spec):
    op: Literal["==", "<", "<=", ">", ">="] = Field(description="Comparison.")
    value: float = Field(
        ge=0, allow_inf_nan=False, description="The number to compare with."
    )
    goto: BlockName


class BranchCase(Spec):
    when: str = Field(description='A condition, e.g. $.External.tier == "gold".')
    goto: BlockName


class SplitCase(Spec):
    percent: StrictInt | None = Field(
        None, description="Share of contacts (1-100); the last may be left out."
    )
    goto: BlockName


def _hook(doc: str) -> Any:
    return Field(None, description=doc)


class HooksArgs(Spec):
    customer_queue: TokenOrRef | None = _hook("Customer queue flow (CustomerQueue).")
    customer_hold: TokenOrRef | None = _hook("Customer hold flow (CustomerHold).")
    agent_hold: TokenOrRef | None = _hook("Agent hold flow (AgentHold).")
    customer_whisper: TokenOrRef | None = _hook("Customer whisper flow.")
    agent_whisper: TokenOrRef | None = _hook("Agent whisper flow (AgentWhisper).")
    disconnect: TokenOrRef | None = _hook("Disconnect flow (CustomerRemaining).")
    default_agent_ui: TokenOrRef | None = _hook("Default agent UI flow.")
    disconnect_agent_ui: TokenOrRef | None = _hook("Disconnect agent UI flow.")
    pause: TokenOrRef | None = _hook("Flow run when a contact is paused.")
    resume: TokenOrRef | None = _hook("Flow run when a contact is resumed.")


class WaitArgs(Spec):
    duration: Duration = Field(description="How long to wait.")
    events: list[Literal["customer_returned", "bot_disconnected"]] | None = Field(
        None, description="Events that end the wait early, each with a branch."
    )


class RecordingArgs(Spec):
    participants: list[Literal["agent", "customer"]] = Field(
        description="Who is recorded; [] stops recording."
    )
    ivr: bool | None = Field(None, description="Record the IVR part too.")
    screen: bool | None = Field(None, description="Record the agent's screen.")
    analytics: dict[str, Any] | None = Field(
        None, description="AnalyticsBehavior, passed as written."
    )


class VoiceArgs(Spec):
    name: str = Field(description="Polly voice, e.g. Kazuha or Takumi.")
    engine: Literal["standard", "neural", "generative"] | None = Field(
        None, description="Polly engine."
    )
    style: Literal["none", "conversational", "newscaster"] | None = Field(
        None, description="Speaking style (neural voices)."
    )


class PriorityArgs(Spec):
    priority: StrictInt | None = Field(
        None, ge=1, description="Queue priority (1 = first)."
    )
    adjust: Duration | None = Field(None, description="Queue time adjustment.")


class CallbackArgs(Spec):
    queue: TokenOrRef | None = Field(None, description="Default: the working queue.")
    delay: Duration | None = Field(None, description="Initial call delay.")
    attempts: StrictInt | None = Field(
        None, ge=1, description="Maximum connection attempts."
    )
    retry_delay: Duration | None = Field(None, description="Delay between tries.")
    flow: TokenOrRef | None = Field(None, description="Outbound whisper flow.")
    caller_id: TokenOrRef | None = Field(None, description="Caller ID number.")


class TaskArgs(Spec):
    name: Text = Field(description="The task's name.")
    flow: TokenOrRef = Field(description="The flow that routes the task.")
    description: Text | None = Field(None, description="The task's description.")
    attributes: dict[str, Text] | None = Field(None, description="Task attributes.")
    references: dict[str, Any] | None = Field(
        None, description="Task references {name: {Type, Value}}."
    )
    delay: Duration | None = Field(None, description="Delay before the task starts.")
    template: TokenOrRef | None = Field(None, description="A ${TaskTemplate.X}.")


class RawArgs(Spec):
    type: str = Field(description="The flow-language action Type, verbatim.")
    parameters: dict[str, Any] | None = Field(
        None, description="Parameters, verbatim; tokens are still resolved."
    )


class RawCondition(Spec):
    operator: str = Field(description="Equals, NumberGreaterThan, …")
    value: Text = Field(description="The operand.")
    goto: BlockName


# --- the verb table ----------------------------------------------------------


@dataclass(frozen=True)
class Verb:
    """A verb: its argument type, its transitions, and its one-line doc."""

    name: str
    argument: Any
    transitions: tuple[str, ...]
    doc: str
    errors: bool = True


PROMPT = scalar_or_mapping(Text, Prompt, "A prompt token, text, or SSML.")
END = ()

VERBS: dict[str, Verb] = {
    v.name: v
    for v in (
        Verb("play", PROMPT, ("next",), "Play a prompt, text or SSML."),
        Verb("play_loop", PlayLoopArgs, ("interrupted",), "Loop queue messages."),
        Verb(
            "menu",
            scalar_or_mapping(Text, MenuArgs, "The menu prompt, or its settings."),
            ("next", "options", "no_match", "timeout"),
            "A DTMF menu: one digit chooses a branch.",
        ),
        Verb(
            "input",
            InputArgs,
            ("next", "timeout", "invalid_number"),
            "Capture and store digits ($.StoredCustomerInput).",
        ),
        Verb(
            "lex",
            scalar_or_mapping(TokenOrRef, LexArgs, "A ${Lex.X} token, or settings."),
            ("next", "intents", "no_match", "timeout"),
            "Hand the customer to a Lex V2 bot.",
        ),
        Verb(
            "lambda",
            scalar_or_mapping(TokenOrRef, LambdaArgs, "A ${Lambda.X} token."),
            ("next",),
            "Invoke a Lambda function.",
        ),
        Verb("set_attributes", dict[str, Text], ("next",), "Set contact attributes."),
        Verb("set_flow_attributes", dict[str, Text], ("next",), "Set flow attributes."),
        Verb("set_queue", TokenOrRef, ("next",), "Set the working queue or agent."),
        Verb(
            "transfer_to_queue",
            TokenOrRef | None,
            ("next", "at_capacity"),
            "Transfer to a queue (or the working queue).",
        ),
        Verb("transfer_to_flow", TokenOrRef, ("next",), "Transfer to another flow."),
        Verb(
            "transfer_to_phone",
            scalar_or_mapping(TokenOrRef, PhoneTransferArgs, "A phone number."),
            ("next", "timeout", "call_failed"),
            "Transfer to an external phone number.",
        ),
        Verb(
            "check_hours",
            TokenOrRef | None,
            ("next", "open", "closed"),
            "Check hours of operation (default: the working queue's).",
        ),
        Verb(
            "check_staffing",
            StaffingArgs,
            ("next", "yes", "no"),
            "Check whether agents are available, staffed or online.",
        ),
        Verb(
            "check_queue",
            QueueMetricArgs,
            ("next", "cases", "otherwise"),
            "Branch on a queue metric.",
        ),
        Verb(
            "branch",
            list[BranchCase],
            ("next", "otherwise"),
            "Branch on conditions; the first true one wins.",
        ),
        Verb(
            "split",
            list[SplitCase],
            (),
            "Distribute contacts by percentage.",
            errors=False,
        ),
        Verb("set_hooks", HooksArgs, ("next",), "Set event flows (queue, hold, …)."),
        Verb("invoke_module", TokenOrRef, ("next",), "Invoke a flow module."),
        Verb("return", NoValue, END, "End a flow module.", errors=False),
        Verb(
            "loop",
            StrictInt | TokenOrRef,
            ("next", "body", "done"),
            "Loop a number of times.",
        ),
        Verb(
            "wait",
            scalar_or_mapping(Duration, WaitArgs, "A duration, or settings."),
            ("next", "customer_returned", "bot_disconnected"),
            "Wait (chat), optionally for an event.",
        ),
        Verb("recording", RecordingArgs, ("next",), "Set recording behaviour."),
        Verb("logging", bool, ("next",), "Turn flow logging on or off."),
        Verb(
            "voice",
            scalar_or_mapping(str, VoiceArgs, "A voice name, or settings."),
            ("next",),
            "Set the text-to-speech voice.",
        ),
        Verb(
            "priority",
            scalar_or_mapping(
                Annotated[StrictInt, Field(ge=1)], PriorityArgs, "A queue priority."
            ),
            ("next",),
            "Set routing priority or age.",
        ),
        Verb(
            "callback_number",
            TokenOrRef,
            ("next", "invalid_number", "not_dialable"),
            "Set the callback number from a reference.",
        ),
        Verb("create_callback", CallbackArgs, ("next",), "Queue a callback."),
        Verb("create_task", TaskArgs, ("next",), "Create a task."),
        Verb("disconnect", NoValue, END, "Disconnect.", errors=False),
        Verb(
            "end", NoValue, END, "End the flow (whisper and queue flows).", errors=False
        ),
        Verb(
            "action",
            RawArgs,
            ("next", "conditions"),
            "Any action Type with its Parameters, verbatim.",
        ),
    )
}

TRANSITION_TYPES: dict[str, Any] = {
    "options": dict[str, BlockName],
    "intents": dict[str, BlockName],
    "cases": list[MetricCase],
    "conditions": list[RawCondition],
}

TRANSITION_DOCS = {
    "next": "The block to go to on success.",
    "error": "The block to go to on any unhandled error (NoMatchingError).",
    "errors": "Blocks per flow-language error type, e.g. {QueueAtCapacity: full}.",
    "options": "Blocks per DTMF digit, e.g. {'1': sales}.",
    "intents": "Blocks per Lex intent name.",
    "no_match": "The block for input that matches no option.",
    "timeout": "The block when the customer gives no input in time.",
    "at_capacity": "The block when the queue is at capacity.",
    "open": "The block when open.",
    "closed": "The block when closed.",
    "yes": "The block when the metric is above zero.",
    "no": "The block when it is not.",
    "otherwise": "The block when no case matches.",
    "interrupted": "The block each time the loop is interrupted.",
    "invalid_number": "The block when the number is invalid.",
    "not_dialable": "The block when the number cannot be dialled.",
    "call_failed": "The block when the call fails.",
    "body": "The block run on each iteration.",
    "done": "The block after the last iteration.",
    "customer_returned": "The block when the customer returns.",
    "bot_disconnected": "The block when the bot participant leaves.",
    "cases": "Ordered cases: [{op, value, goto}].",
    "conditions": "Ordered conditions: [{operator, value, goto}].",
}


def _block_model(verb: Verb) -> type[BaseModel]:
    fields: dict[str, Any] = {
        verb.name: (verb.argument, Field(..., description=verb.doc)),
        "description": (str | None, Field(None, description="A note for readers.")),
        "ignore": (
            list[str] | None,
            Field(None, description="Diagnostic codes to ignore in this block."),
        ),
    }
    names = list(verb.transitions)
    if verb.errors:
        names += ["error", "errors"]
    for name in names:
        kind = TRANSITION_TYPES.get(name, BlockName)
        if name == "errors":
            kind = dict[str, BlockName]
        fields[name] = (kind | None, Field(None, description=TRANSITION_DOCS[name]))
    if verb.name == "lambda":
        fields["contract"] = (
            str | None,
            Field(None, description="The contract in specs/contracts/ it follows."),
        )
    if verb.name == "set_attributes":
        fields["contact"] = (
            Literal["current", "related"] | None,
            Field(None, description="Which contact gets the attributes."),
        )
    title = "".join(part.title() for part in verb.name.split("_")) + "Block"
    return create_model(title, __base__=Spec, **fields)


BLOCK_MODELS: dict[str, type[BaseModel]] = {
    name: _block_model(verb) for name, verb in VERBS.items()
}

FlowTypeName = Literal[
    "contact_flow",
    "customer_queue",
    "customer_hold",
    "customer_whisper",
    "agent_hold",
    "agent_whisper",
    "outbound_whisper",
    "agent_transfer",
    "queue_transfer",
    "campaign",
]

Name = Annotated[str, Field(min_length=1, max_length=127, pattern=r"^[^\x00-\x1f]+$")]


class FlowFile(Spec):
    """A flow spec (`specs/flows/<Name>.yaml`)."""

    flow: Name = Field(description="The flow's name in Connect.")
    type: FlowTypeName = Field("contact_flow", description="The flow type.")
    description: str | None = Field(
        None, max_length=500, description="The flow's description in Connect."
    )
    tags: dict[str, str] | None = Field(None, description="Tags on the flow.")
    start: BlockName = Field(description="The first block.")
    blocks: dict[str, dict[str, Any]] = Field(description="The flow's blocks.")
    ignore: list[str] | None = Field(
        None, description="Diagnostic codes to ignore in this flow."
    )


class ModuleFile(Spec):
    """A flow module spec (`specs/modules/<Name>.yaml`)."""

    module: Name = Field(description="The module's name in Connect.")
    description: str | None = Field(
        None, max_length=500, description="The module's description in Connect."
    )
    tags: dict[str, str] | None = Field(None, description="Tags on the module.")
    settings: dict[str, Any] | None = Field(
        None, description="The module's Settings (inputs, outputs, branches)."
    )
    start: BlockName = Field(description="The first block.")
    blocks: dict[str, dict[str, Any]] = Field(description="The module's blocks.")
    ignore: list[str] | None = Field(
        None, description="Diagnostic codes to ignore in this module."
    )


Binding = str | dict[str, str]


class EnvFile(Spec):
    """An environment (`env/<env>.yaml`): where it deploys and its bindings."""

    environment: str = Field(description="The environment's name (dev, test, prod).")
    # account, region and instance may hold a placeholder (REPLACE_WITH_…) when
    # an import did not know them; resolve_tokens checks their shape.
    account: str = Field(
        description="The AWS account ID (12 digits, quoted), or a placeholder."
    )
    region: str = Field(
        description="The AWS region, e.g. ap-northeast-1, or a placeholder."
    )
    instance: str = Field(
        description="The Amazon Connect instance ARN, or a placeholder."
    )
    bindings: dict[str, dict[str, Binding]] = Field(
        default_factory=dict,
        description="Token values: {Service: {Entity: value | {Variant: value}}}.",
    )


class ContractField(Spec):
    type: Literal["string", "number", "boolean", "object", "array"] = Field(
        "string", description="The value's JSON type."
    )
    enum: list[str] | None = Field(None, description="The allowed values.")
    required: bool = Field(True, description="Whether the key is always present.")
    description: str | None = Field(None, description="What the value means.")


ContractType = Literal["string", "number", "boolean", "object", "array"]


class ContractFile(Spec):
    """A Lambda contract (`specs/contracts/<Name>.yaml`)."""

    contract: Name = Field(description="The contract's name (used by `contract:`).")
    description: str | None = Field(None, description="What the function does.")
    parameters: dict[str, ContractType | ContractField] = Field(
        default_factory=dict, description="Parameters the flow sends."
    )
    response: dict[str, ContractType | ContractField] = Field(
        default_factory=dict, description="Keys the function returns ($.External)."
    )


class ProjectFile(BaseModel):
    """`connectc.yaml`: marks the project root and holds project settings."""

    model_config = ConfigDict(extra="forbid")

    project: str = Field(description="The project's name.")
    environments: dict[str, dict[str, Any] | None] = Field(
        default_factory=dict, description="Per-environment settings (release, …)."
    )
    severities: dict[str, Literal["error", "warning", "note", "off"]] = Field(
        default_factory=dict, description="Severity per diagnostic code."
    )
    ignore: list[str] = Field(default_factory=list, description="Codes to ignore.")
    deploy_access: dict[str, Any] | None = Field(
        None, description="The deploy-access stack's settings (docs/access.md)."
    )
