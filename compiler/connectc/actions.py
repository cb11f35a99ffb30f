"""What connectc knows about each action Type of the flow language, as data.

`ACTIONS` maps every Type of flow-language 2019-10-30 to its parameters, transitions
and the flow types and channels it may run in; lowering, checks and the importer
read it. Facts the reference marks UNCERTAIN are named in each entry's `uncertain`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

FLOW_LANGUAGE_VERSION = "2019-10-30"

# "static": a literal only; "path": a literal or one whole JSONPath reference;
# "text": literal text with embedded references; "ref": a JSONPath reference
# only, never a literal (Compare.ComparisonValue, CallbackNumber).
Dynamic = Literal["static", "path", "text", "ref"]
Resource = Literal[
    "queue", "agent", "prompt", "lambda", "lex", "flow", "module", "hours",
    "phone", "phone_arn", "view", "task_template", "case_template", "hierarchy",
    "quick_connect", "wisdom_assistant",
]  # fmt: skip
Category = Literal["participant", "contact", "flow_control", "interaction"]
Channel = Literal["voice", "chat", "task", "email"]
# none: no Conditions; fixed: operands from `operands`; digits: one DTMF key;
# intents: Lex intent names; results: names the resource defines (views);
# percent: cumulative NumberLessThan thresholds; any: any operand.
ConditionKind = Literal[
    "none", "fixed", "digits", "intents", "results", "percent", "any"
]  # fmt: skip
NamespaceKind = Literal["map", "leaf", "tree"]

RESOURCE_KINDS: frozenset[str] = frozenset(get_args(Resource))
CHANNELS: frozenset[str] = frozenset(get_args(Channel))

NO_MATCHING_ERROR = "NoMatchingError"
NO_MATCHING_CONDITION = "NoMatchingCondition"
NUMERIC_OPERATORS = frozenset(
    {"NumberGreaterThan", "NumberGreaterOrEqualTo", "NumberLessThan",
     "NumberLessOrEqualTo"}
)  # fmt: skip
TEXT_OPERATORS = frozenset({"TextStartsWith", "TextEndsWith", "TextContains"})
OPERATORS = frozenset({"Equals"}) | NUMERIC_OPERATORS | TEXT_OPERATORS

# The names an ActionSpec's `uncertain` set may hold, besides "error:<ErrorType>"
# (one allowed error type is doubtful) and "operand:<value>".
FACTS = frozenset(
    {"type", "params", "next", "errors", "required_errors", "conditions",
     "operands", "terminal", "flow_types", "channels"}
)  # fmt: skip


@dataclass(frozen=True)
class ParamSpec:
    """One top-level parameter; for a mapping, `dynamic` describes its values."""

    dynamic: Dynamic = "static"
    resource: Resource | None = None
    required: bool = False
    uncertain: bool = False  # its name, shape or dynamic class is not confirmed


@dataclass(frozen=True)
class ResourcePath:
    """Where a resource sits in Parameters; "*" is any key or list element."""

    path: tuple[str, ...]
    resource: Resource
    dynamic: Dynamic = "path"


@dataclass(frozen=True)
class ResourceValue:
    """A string found at a ResourcePath; `path` holds the concrete keys."""

    path: tuple[str | int, ...]
    resource: Resource
    value: str


@dataclass(frozen=True)
class ActionSpec:
    """Everything known about one action Type.

    `required_errors` are the outcomes a flow must route somewhere whenever the
    action runs (the catch-all error, at-capacity, the no-match branch); error
    types that only occur with some parameters are allowed but not required.
    `flow_types` and `channels` are None where the reference says "all" or is
    silent. `exactly_one` / `at_most_one` group mutually exclusive parameters.
    """

    type: str
    category: Category
    params: Mapping[str, ParamSpec] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    resources: tuple[ResourcePath, ...] = ()
    next: bool = True
    errors: frozenset[str] = frozenset()
    required_errors: frozenset[str] = frozenset()
    conditions: ConditionKind = "none"
    operators: frozenset[str] = frozenset()
    operands: frozenset[str] = frozenset()
    required_operands: frozenset[str] = frozenset()
    terminal: bool = False
    flow_types: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    exactly_one: tuple[frozenset[str], ...] = ()
    at_most_one: tuple[frozenset[str], ...] = ()
    uncertain: frozenset[str] = frozenset()
    note: str = ""

    def is_uncertain(self, fact: str) -> bool:
        """Whether `fact` ("errors", "error:CallFailed", ...) is doubtful."""
        if fact in self.uncertain:
            return True
        kind = fact.partition(":")[0]
        return kind in ("error", "operand") and f"{kind}s" in self.uncertain

    def allows_flow_type(self, flow_type: str) -> bool:
        return self.flow_types is None or flow_type in self.flow_types

    def resource_values(self, parameters: object) -> Iterator[ResourceValue]:
        """Every string in `parameters` that sits at one of `resources`."""
        for where in self.resources:
            for path, value in _walk(parameters, (), where.path):
                yield ResourceValue(path, where.resource, value)


def _walk(
    value: object, path: tuple[str | int, ...], pattern: tuple[str, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if isinstance(value, Mapping):
        keys = list(value) if head == "*" else [head] * (head in value)
        for key in keys:
            yield from _walk(value[key], (*path, str(key)), rest)
    elif isinstance(value, list) and head == "*":
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), rest)


# --- flow types ------------------------------------------------------------


@dataclass(frozen=True)
class FlowType:
    """One flow type under its API, designer (Metadata.type) and spec names."""

    api: str
    designer: str | None
    spec: str
    uncertain: bool = False


FLOW_TYPES: Mapping[str, FlowType] = MappingProxyType(
    {
        t.api: t
        for t in (
            FlowType("CONTACT_FLOW", "contactFlow", "contact_flow"),
            FlowType("CUSTOMER_QUEUE", "customerQueue", "customer_queue"),
            FlowType("CUSTOMER_HOLD", "customerHold", "customer_hold"),
            FlowType("CUSTOMER_WHISPER", "customerWhisper", "customer_whisper"),
            FlowType("AGENT_HOLD", "agentHold", "agent_hold"),
            FlowType("AGENT_WHISPER", "agentWhisper", "agent_whisper"),
            FlowType("OUTBOUND_WHISPER", "outboundWhisper", "outbound_whisper"),
            FlowType("AGENT_TRANSFER", "agentTransfer", "agent_transfer"),
            FlowType("QUEUE_TRANSFER", "queueTransfer", "queue_transfer"),
            # Newer than the rest; its designer name was never observed.
            FlowType("CAMPAIGN", "campaign", "campaign", uncertain=True),
            # Not a ContactFlowType: modules are their own resource, and a spec
            # says `module:` instead of `type:`. Listed so action rules can
            # name it like any flow type.
            FlowType("MODULE", None, "module"),
        )
    }
)
CONTACT_FLOW_TYPES = frozenset(FLOW_TYPES) - {"MODULE"}
FLOW_TYPE_BY_SPEC: Mapping[str, str] = MappingProxyType(
    {t.spec: t.api for t in FLOW_TYPES.values()}
)
FLOW_TYPE_BY_DESIGNER: Mapping[str, str] = MappingProxyType(
    {t.designer: t.api for t in FLOW_TYPES.values() if t.designer}
)

_FLOW_ABBREVIATIONS = {
    "CF": ("CONTACT_FLOW",),
    "CQ": ("CUSTOMER_QUEUE",),
    "CH": ("CUSTOMER_HOLD",),
    "CW": ("CUSTOMER_WHISPER",),
    "AH": ("AGENT_HOLD",),
    "AW": ("AGENT_WHISPER",),
    "OW": ("OUTBOUND_WHISPER",),
    "AT": ("AGENT_TRANSFER",),
    "QT": ("QUEUE_TRANSFER",),
    "CAMP": ("CAMPAIGN",),
    "MOD": ("MODULE",),
    "whisper": ("CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"),
    "hold": ("CUSTOMER_HOLD", "AGENT_HOLD"),
    "transfer": ("AGENT_TRANSFER", "QUEUE_TRANSFER"),
}


def _flows(spec: str | None) -> frozenset[str] | None:
    if spec is None:
        return None
    return frozenset(n for word in spec.split() for n in _FLOW_ABBREVIATIONS[word])


# --- the table -------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _action(
    type_: str,
    category: Category,
    flows: str | None,
    params: Mapping[str, ParamSpec] | None = None,
    *,
    errors: str = "",
    required_errors: str | None = None,
    next: bool = True,
    conditions: ConditionKind = "none",
    operators: str = "",
    operands: str = "",
    required_operands: str = "",
    terminal: bool = False,
    channels: str | None = None,
    nested: tuple[ResourcePath, ...] = (),
    exactly_one: tuple[str, ...] = (),
    at_most_one: tuple[str, ...] = (),
    uncertain: str = "",
    note: str = "",
) -> ActionSpec:
    """Build one entry; by default the catch-all error is the required one."""
    params = dict(params or {})
    top = tuple(
        ResourcePath((name,), p.resource, p.dynamic)
        for name, p in params.items()
        if p.resource is not None
    )
    allowed = _words(errors)
    if required_errors is None:
        required_errors = NO_MATCHING_ERROR if NO_MATCHING_ERROR in allowed else ""
    if conditions != "none" and not operators:
        operators = "Equals"
    return ActionSpec(
        type=type_,
        category=category,
        params=MappingProxyType(params),
        resources=top + nested,
        next=next and not terminal,
        errors=allowed,
        required_errors=_words(required_errors),
        conditions=conditions,
        operators=_words(operators),
        operands=_words(operands),
        required_operands=_words(required_operands),
        terminal=terminal,
        flow_types=_flows(flows),
        channels=None if channels is None else _words(channels),
        exactly_one=tuple(_words(g) for g in exactly_one),
        at_most_one=tuple(_words(g) for g in at_most_one),
        uncertain=_words(uncertain),
        note=note,
    )


_S = ParamSpec("static")
_J = ParamSpec("path")
_D = ParamSpec("text")
_S_REQUIRED = ParamSpec("static", required=True)
_D_REQUIRED = ParamSpec("text", required=True)
_S_UNSURE = ParamSpec("static", uncertain=True)

_PROMPT = {
    "PromptId": ParamSpec("path", "prompt"),
    "Text": _D,
    "SSML": _D,
    "Media": _S,  # {Uri, SourceType: "S3", MediaType: "Audio"}
}
_QUEUE_OR_AGENT = {
    "QueueId": ParamSpec("path", "queue"),
    "AgentId": ParamSpec("path", "agent"),
}
_CALLER_ID = ResourcePath(("CallerId", "Number"), "phone")
_PROFILE = {"ProfileRequestData": _D_REQUIRED, "ProfileResponseData": _S}
_CASE = {"LinkContactToCase": _S, "CaseRequestFields": _D}
_ROUTING_CRITERIA = {"RoutingCriteria": ParamSpec("path", required=True)}

# CheckMetricData: the agent counts only test "more than zero".
METRIC_TYPES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "NumberOfAgentsAvailable": frozenset({"NumberGreaterThan"}),
        "NumberOfAgentsStaffed": frozenset({"NumberGreaterThan"}),
        "NumberOfAgentsOnline": frozenset({"NumberGreaterThan"}),
        "OldestContactInQueueAgeSeconds": NUMERIC_OPERATORS | {"Equals"},
        "NumberOfContactsInQueue": NUMERIC_OPERATORS | {"Equals"},
    }
)

# Modules run inside the contact flow that invokes them, so every action that
# may run in CONTACT_FLOW lists MODULE as well (the corpus modules use exactly
# such actions). The one exception is InvokeFlowModule itself, see its entry.
# fmt: off
_TABLE = (
    # --- participant actions (§2.1) ----------------------------------------
    _action(
        "MessageParticipant", "participant", "CF MOD transfer whisper CQ", _PROMPT,
        errors="NoMatchingError", exactly_one=("PromptId Text SSML",),
        note="PromptId and SSML play on voice only; other channels take Text",
    ),
    _action(
        "MessageParticipantIteratively", "participant", "CQ CH AH",
        {"Messages": _S_REQUIRED, "InterruptFrequencySeconds": _S,
         "ContinueMessagingDuringInterrupt": _S_UNSURE},
        next=False, errors="NoMatchingError", conditions="fixed",
        operands="MessagesInterrupted",
        nested=(ResourcePath(("Messages", "*", "PromptId"), "prompt"),),
        # Exports usually omit NextAction and errors, but some carry both.
        uncertain="next required_errors",
        note="loops until interrupted; on chat it takes the error branch at once",
    ),
    _action(
        "GetParticipantInput", "participant", "CF MOD transfer CQ",
        {**_PROMPT, "InputTimeLimitSeconds": _S, "StoreInput": _S,
         "InputValidation": _S, "InputEncryption": _S, "DTMFConfiguration": _S},
        errors="NoMatchingError NoMatchingCondition InvalidPhoneNumber "
               "InputTimeLimitExceeded",
        conditions="digits", channels="voice", exactly_one=("PromptId Text SSML",),
        note="Conditions and NoMatchingCondition only when StoreInput is False; "
             "InvalidPhoneNumber only with PhoneNumberValidation",
    ),
    _action(
        "ConnectParticipantWithLexBot", "participant", "CF MOD transfer CQ",
        {**_PROMPT, "LexV2Bot": _S, "LexBot": _D, "LexSessionAttributes": _D,
         "LexInitializationData": _S, "LexTimeoutSeconds": _S},
        errors="NoMatchingError NoMatchingCondition InputTimeLimitExceeded",
        required_errors="NoMatchingError NoMatchingCondition",
        conditions="intents",
        nested=(ResourcePath(("LexV2Bot", "AliasArn"), "lex", "text"),),
        exactly_one=("LexV2Bot LexBot",), at_most_one=("PromptId Text SSML",),
        note="LexBot is the classic {Name, Region, Alias} form",
    ),
    _action(
        "DisconnectParticipant", "participant", None, terminal=True,
        uncertain="flow_types",
        note="acts as EndFlowExecution where there is no participant",
    ),
    _action(
        "TransferParticipantToThirdParty", "participant", "CF MOD transfer CQ",
        {"ThirdPartyPhoneNumber": ParamSpec("text", "phone", required=True),
         "ThirdPartyConnectionTimeLimitSeconds": _J,
         "ThirdPartyConnectionTimeoutSeconds": ParamSpec("path", uncertain=True),
         "ContinueFlowExecution": _S, "ThirdPartyDTMFDigits": _J, "CallerId": _S},
        errors="NoMatchingError ConnectionTimeLimitExceeded CallFailed",
        channels="voice", nested=(_CALLER_ID,),
        at_most_one=("ThirdPartyConnectionTimeLimitSeconds "
                     "ThirdPartyConnectionTimeoutSeconds",),
        note="exports write ThirdPartyConnectionTimeLimitSeconds; the timeout "
             "and CallFailed errors only when ContinueFlowExecution is True",
    ),
    _action(
        "ShowView", "participant", "CF MOD CQ",
        {"ViewResource": _S_REQUIRED, "InvocationTimeLimitSeconds": _S,
         "ViewData": _D, "SensitiveDataConfiguration": _S},
        errors="NoMatchingError NoMatchingCondition TimeLimitExceeded",
        required_errors="NoMatchingError NoMatchingCondition",
        conditions="results", channels="chat",
        nested=(ResourcePath(("ViewResource", "Id"), "view"),),
        # Step-by-step guides also run beside voice contacts.
        uncertain="channels",
        note="Conditions name the view's actions (Next, Back, ...)",
    ),
    _action(
        "AuthenticateParticipant", "participant", "CF MOD",
        errors="NoMatchingError", channels="chat",
        uncertain="type params errors required_errors conditions",
        note="its parameters and branch names are unpublished",
    ),
    # --- contact actions (§2.2) --------------------------------------------
    _action(
        "UpdateContactAttributes", "contact", None,
        {"Attributes": _D_REQUIRED, "TargetContact": _S}, errors="NoMatchingError",
        note="all user attributes together at most 32 KB; overflow is an error",
    ),
    _action(
        "UpdateContactData", "contact", None,
        {"TargetContact": ParamSpec("static", required=True, uncertain=True),
         "Name": _D, "Description": _D, "LanguageCode": _S, "CustomerId": _D,
         "References": _D, "IsVoiceIdStreamingEnabled": _S,
         "IsVoiceAuthenticationEnabled": _S, "IsFraudDetectionEnabled": _S,
         "VoiceAuthenticationThreshold": _S, "VoiceAuthenticationResponseTime": _S,
         "FraudDetectionThreshold": _S, "WatchlistId": _S, "WisdomSessionArn": _J},
        errors="NoMatchingError",
        note="the doc requires TargetContact but exports omit it",
    ),
    _action(
        "UpdateContactTargetQueue", "contact", "CF MOD transfer", _QUEUE_OR_AGENT,
        errors="NoMatchingError", exactly_one=("QueueId AgentId",),
        note='the "Set working queue" block',
    ),
    _action(
        "TransferContactToQueue", "contact", "CF MOD transfer",
        errors="NoMatchingError QueueAtCapacity",
        required_errors="NoMatchingError QueueAtCapacity",
        note="uses the working queue; exports set NextAction to the error target",
    ),
    _action(
        "DequeueContactAndTransferToQueue", "contact", "CQ", _QUEUE_OR_AGENT,
        errors="NoMatchingError QueueAtCapacity",
        required_errors="NoMatchingError QueueAtCapacity",
        exactly_one=("QueueId AgentId",),
        note='"Transfer to queue" inside a customer queue flow',
    ),
    _action(
        "TransferContactToAgent", "contact", "transfer", terminal=True,
        channels="voice",
    ),
    _action(
        "UpdateContactEventHooks", "contact", None,
        {"EventHooks": ParamSpec("path", required=True),
         "EventHooksConfiguration": _S_UNSURE},
        errors="NoMatchingError",
        nested=(ResourcePath(("EventHooks", "*"), "flow"),),
        note="exactly one hook per action; see EVENT_HOOKS",
    ),
    _action(
        "UpdateContactCallbackNumber", "contact", "CF MOD transfer CQ",
        {"CallbackNumber": ParamSpec("ref", required=True)},
        errors="InvalidCallbackNumber CallbackNumberNotDialable",
        required_errors="InvalidCallbackNumber CallbackNumberNotDialable",
    ),
    _action(
        "UpdateContactRecordingBehavior", "contact", "CF MOD transfer OW CQ",
        {"RecordingBehavior": _S_REQUIRED, "AnalyticsBehavior": _S},
        note="AnalyticsBehavior needs both Agent and Customer recorded",
    ),
    _action(
        "UpdateContactRecordingAndAnalyticsBehavior", "contact",
        "CF MOD CQ OW transfer",
        {"VoiceBehavior": _S, "ChatBehavior": _S, "ScreenRecordingBehavior": _S},
        errors="NoMatchingError ChannelMismatch "
               "InFlightRedactionConfigurationFailed",
        required_errors="NoMatchingError ChannelMismatch",
        exactly_one=("VoiceBehavior ChatBehavior",), uncertain="flow_types",
    ),
    _action(
        "UpdateContactMediaStreamingBehavior", "contact",
        "CF MOD CQ transfer whisper",
        {"MediaStreamingState": _S_REQUIRED, "Participants": _S,
         "MediaStreamType": _S},
        errors="NoMatchingError", channels="voice",
    ),
    _action(
        "UpdateContactMediaProcessing", "contact", None,
        {"ChatProcessor": _S_REQUIRED},
        errors="NoMatchingError ChannelMismatch", channels="chat",
        nested=(ResourcePath(("ChatProcessor", "LambdaProcessorARN"), "lambda",
                             "static"),),
    ),
    _action(
        "UpdateContactRoutingBehavior", "contact", "CF MOD",
        {"QueuePriority": _S, "QueueTimeAdjustmentSeconds": _S,
         "RoutingProficiencies": _S},
        nested=(ResourcePath(("RoutingProficiencies", "AgentHierarchyProficiency",
                              "AgentHierarchy"), "hierarchy"),),
        exactly_one=("QueuePriority QueueTimeAdjustmentSeconds "
                     "RoutingProficiencies",),
        note="a lower QueuePriority is routed sooner",
    ),
    _action(
        "UpdateContactTextToSpeechVoice", "contact", None,
        {"TextToSpeechVoice": ParamSpec("text", required=True),
         "TextToSpeechEngine": ParamSpec("text", uncertain=True),
         "TextToSpeechStyle": _D},
        errors="NoMatchingError",
        # Older doc: static only and no errors; newer: dynamic, and the error
        # branch must be defined. Exports omit it.
        uncertain="errors required_errors",
        note="no effect on non-voice channels; the default voice is Joanna",
    ),
    _action(
        "UpdatePreviousContactParticipantState", "contact", "CF MOD transfer",
        {"PreviousContactParticipantState": _S_REQUIRED},
        errors="NoMatchingError", channels="voice",
    ),
    _action(
        "CompleteOutboundCall", "contact", "OW",
        {"CallerId": _S, "VoiceConnector": _S_UNSURE,
         "ConnectionTimeLimitSeconds": _S_UNSURE},
        channels="voice", nested=(_CALLER_ID,), uncertain="flow_types",
        note="only while an outbound contact has not dialled yet",
    ),
    _action(
        "CreateTask", "contact", None,
        {"ContactFlowId": ParamSpec("path", "flow", required=True),
         "Name": _D_REQUIRED, "Description": _D, "Attributes": _D,
         "References": _D, "DelaySeconds": _S, "ScheduledTime": _S,
         "TaskTemplateId": ParamSpec("static", "task_template")},
        errors="NoMatchingError", at_most_one=("DelaySeconds ScheduledTime",),
    ),
    _action(
        "CreateCase", "contact", None,
        {**_CASE, "CaseTemplateId": ParamSpec("static", "case_template", True)},
        errors="NoMatchingError ContactNotLinked",
    ),
    _action(
        "GetCase", "contact", None,
        {**_CASE, "GetLastUpdatedCase": _S, "CustomerId": _D,
         "CaseResponseFields": _S},
        errors="NoMatchingError ContactNotLinked MultipleFound NoneFound",
    ),
    _action(
        "UpdateCase", "contact", None, {**_CASE, "CaseId": _J},
        errors="NoMatchingError ContactNotLinked",
    ),
    _action(
        "CreateWisdomSession", "contact", None,
        {"WisdomAssistantArn": ParamSpec("text", "wisdom_assistant", True)},
        errors="NoMatchingError", channels="voice",
        note="usually followed by UpdateContactData WisdomSessionArn",
    ),
    # The reference lists no errors; an AWS sample export routes one.
    _action(
        "TagContact", "contact", None, {"Tags": _D_REQUIRED},
        errors="NoMatchingError", required_errors="",
        uncertain="error:NoMatchingError",
    ),
    _action(
        "UnTagContact", "contact", None, {"TagKeys": _S_REQUIRED},
        errors="NoMatchingError",
    ),
    _action(
        "StartOutboundChatContact", "contact", None,
        {"SourceEndpoint": _S_REQUIRED, "DestinationEndpoint": _S_REQUIRED,
         "ContactFlowArn": ParamSpec("path", "flow", required=True),
         "ContactSubtype": _S, "InitialSystemMessage": _S, "RelatedContact": _S},
        errors="NoMatchingError",
        nested=(ResourcePath(("SourceEndpoint", "Address"), "phone_arn"),
                ResourcePath(("DestinationEndpoint", "Address"), "phone")),
        note="starts an SMS contact",
    ),
    _action(
        "ResumeContact", "contact", None, errors="NoMatchingError",
        note="resumes a paused task",
    ),
    # Documented for inbound flows only, so a module invoking a module is
    # doubtful: MODULE is left out, and the flow types are marked uncertain.
    _action(
        "InvokeFlowModule", "contact", "CF",
        {"FlowModuleId": ParamSpec("text", "module", required=True)},
        errors="NoMatchingError", uncertain="flow_types",
        note="the module's Success and Error map to NextAction and the error",
    ),
    _action(
        "EndFlowModuleExecution", "contact", "MOD", terminal=True,
        note='the "Return" block; returns to the invoking flow',
    ),
    # --- flow-control actions (§2.3) ---------------------------------------
    # Only NoMatchingCondition is documented for Compare; a tool-generated
    # corpus flow also routes NoMatchingError.
    _action(
        "Compare", "flow_control", None,
        {"ComparisonValue": ParamSpec("ref", required=True)},
        errors="NoMatchingCondition NoMatchingError",
        required_errors="NoMatchingCondition", conditions="any",
        operators=" ".join(sorted(OPERATORS)), uncertain="error:NoMatchingError",
        note='the "Check contact attributes" block',
    ),
    _action(
        "CheckHoursOfOperation", "flow_control", "CF MOD transfer CQ",
        {"HoursOfOperationId": ParamSpec("path", "hours")},
        errors="NoMatchingError", conditions="fixed",
        operands="True False", required_operands="True False",
        note="without HoursOfOperationId, the working queue's hours",
    ),
    # OldestContactInQueueAgeSeconds: 300 s in the UI is "300000" in an AWS
    # sample, so the unit of the operand is in doubt.
    _action(
        "CheckMetricData", "flow_control", "CF MOD transfer CQ",
        {"MetricType": _S_REQUIRED, **_QUEUE_OR_AGENT},
        errors="NoMatchingError NoMatchingCondition", conditions="any",
        operators=" ".join(sorted(METRIC_TYPES["NumberOfContactsInQueue"])),
        at_most_one=("QueueId AgentId",), uncertain="operands",
        note="operators depend on MetricType, see METRIC_TYPES",
    ),
    _action(
        "GetMetricData", "flow_control", None,
        {**_QUEUE_OR_AGENT, "QueueChannel": _S}, errors="NoMatchingError",
        at_most_one=("QueueId AgentId",), note="fills $.Metrics",
    ),
    _action(
        "DistributeByPercentage", "flow_control", "CF MOD transfer CQ",
        next=False, errors="NoMatchingCondition",
        required_errors="NoMatchingCondition", conditions="percent",
        operators="NumberLessThan", uncertain="next",
        note="ascending cumulative thresholds against a random 1-100; "
             "NoMatchingCondition takes the rest",
    ),
    # No errors are documented for Loop; some exports route NoMatchingError.
    _action(
        "Loop", "flow_control", None,
        {"LoopCount": ParamSpec("path", required=True)},
        errors="NoMatchingError", required_errors="", conditions="fixed",
        operands="ContinueLooping DoneLooping",
        required_operands="ContinueLooping DoneLooping",
        uncertain="error:NoMatchingError",
        note="the counter belongs to the Identifier; it resets after DoneLooping",
    ),
    # The doc names TimeoutSeconds and the chat channel; the console writes
    # TimeLimitSeconds, and Wait also follows asynchronous Lambda calls.
    _action(
        "Wait", "flow_control", None,
        {"TimeLimitSeconds": _J, "TimeoutSeconds": ParamSpec("path", uncertain=True),
         "Events": _S},
        errors="NoMatchingError ParticipantNotFound", conditions="fixed",
        operands="WaitCompleted CustomerReturned BotParticipantDisconnected",
        required_operands="WaitCompleted", channels="chat", uncertain="channels",
        exactly_one=("TimeLimitSeconds TimeoutSeconds",),
        note="one condition per listed event besides WaitCompleted",
    ),
    _action(
        "TransferToFlow", "flow_control", "CF MOD transfer",
        {"ContactFlowId": ParamSpec("path", "flow", required=True)},
        errors="NoMatchingError",
    ),
    _action(
        "EndFlowExecution", "flow_control", "whisper CQ", terminal=True,
        note='the "End flow / Resume" block',
    ),
    _action(
        "UpdateFlowLoggingBehavior", "flow_control", None,
        {"FlowLoggingBehavior": _S_REQUIRED},
    ),
    # The doc shows no errors and a garbled schema; exports write
    # {key: {"Value": ...}} and route NoMatchingError.
    _action(
        "UpdateFlowAttributes", "flow_control", None,
        {"FlowAttributes": ParamSpec("text", required=True, uncertain=True)},
        errors="NoMatchingError", uncertain="required_errors",
        note="values are readable as $.FlowAttributes.<key> in this flow only",
    ),
    _action(
        "UpdateContactRoutingCriteria", "flow_control", "CF MOD CQ transfer",
        _ROUTING_CRITERIA, errors="NoMatchingError",
        note="the Type AWS samples deploy; the doc page says UpdateRoutingCriteria",
    ),
    _action(
        "UpdateRoutingCriteria", "flow_control", "CF MOD CQ transfer",
        _ROUTING_CRITERIA, errors="NoMatchingError", uncertain="type",
        note="the doc's name; deployed flows use UpdateContactRoutingCriteria",
    ),
    _action(
        "CheckOutboundCallStatus", "flow_control", None, errors="NoMatchingError",
        conditions="fixed",
        operands="CallAnswered VoicemailBeep VoicemailNoBeep NotDetected",
        channels="voice", note="outbound campaigns only",
    ),
    _action(
        "CheckVoiceId", "flow_control", None, {"CheckVoiceIdOption": _S_REQUIRED},
        errors="NoMatchingError", conditions="fixed",
        operands="Enrolled NotEnrolled OptedOut Authenticated NotAuthenticated "
                 "Inconclusive HighRisk LowRisk",
        channels="voice", uncertain="operands",
        note="the doc spells results with spaces; exports write NotEnrolled",
    ),
    _action(
        "StartVoiceIdStream", "flow_control", "CF MOD CQ transfer whisper CAMP",
        errors="NoMatchingError", channels="voice",
    ),
    # --- interactions (§2.4) -----------------------------------------------
    _action(
        "InvokeLambdaFunction", "interaction", None,
        {"LambdaFunctionARN": ParamSpec("text", "lambda", required=True),
         "InvocationTimeLimitSeconds": _S, "InvocationType": _S,
         "LambdaInvocationAttributes": _D, "ResponseValidation": _S},
        errors="NoMatchingError",
        note="the result lands in $.External; the block page of the Admin "
             "Guide omits OUTBOUND_WHISPER",
    ),
    _action(
        "CreateCallbackContact", "interaction", "CF MOD transfer CQ",
        {**_QUEUE_OR_AGENT, "InitialCallDelaySeconds": _S,
         "MaximumConnectionAttempts": _S, "RetryDelaySeconds": _S,
         "ContactFlowId": ParamSpec("path", "flow"),
         "CallerId": ParamSpec("path", "phone")},
        errors="NoMatchingError", at_most_one=("QueueId AgentId",),
    ),
    _action(
        "GetCustomerProfile", "interaction", None, _PROFILE,
        errors="NoMatchingError MultipleFoundError NoneFoundError",
        uncertain="flow_types", note="the result lands in $.Customer",
    ),
    _action(
        "CreateCustomerProfile", "interaction", None, _PROFILE,
        errors="NoMatchingError", uncertain="flow_types",
    ),
    _action(
        "UpdateCustomerProfile", "interaction", None, _PROFILE,
        errors="NoMatchingError", uncertain="flow_types",
    ),
    _action(
        "GetCustomerProfileObject", "interaction", None, _PROFILE,
        errors="NoMatchingError NoneFoundError", uncertain="flow_types",
    ),
    _action(
        "GetCalculatedAttributesForCustomerProfile", "interaction", None, _PROFILE,
        errors="NoMatchingError NoneFoundError", uncertain="flow_types",
    ),
    _action(
        "AssociateContactToCustomerProfile", "interaction", None, _PROFILE,
        errors="NoMatchingError", uncertain="flow_types",
    ),
)
# fmt: on

ACTIONS: Mapping[str, ActionSpec] = MappingProxyType({a.type: a for a in _TABLE})


def action_spec(type_: str) -> ActionSpec | None:
    """The spec of an action Type, or None for a Type connectc does not know."""
    return ACTIONS.get(type_)


def successors(action: Mapping[str, Any]) -> Iterator[str]:
    """Identifiers an action can go to, in the order the designer shows them:
    NextAction, then Conditions, then Errors."""
    transitions = action.get("Transitions") or {}
    if isinstance(transitions.get("NextAction"), str):
        yield transitions["NextAction"]
    for key in ("Conditions", "Errors"):
        for entry in transitions.get(key) or ():
            if isinstance(entry, Mapping) and isinstance(entry.get("NextAction"), str):
                yield entry["NextAction"]


# --- names that are not 2019-10-30 action types ----------------------------

# Module types of the pre-2019 export format (§5). Names that are also current
# Types (Loop, CheckHoursOfOperation) are left out so the two sets never meet.
LEGACY_TYPES = frozenset(
    {"PlayPrompt", "GetUserInput", "SetQueue", "Transfer", "Disconnect",
     "SetAttributes", "CheckAttribute", "InvokeExternalResource", "SetVoice",
     "SetLoggingBehavior", "SetRecordingBehavior", "StartMediaStreaming",
     "SetContactFlow", "Resume", "CheckStaffing", "SetEventHook",
     "SetContactData"}
)  # fmt: skip
# The likely 2019-10-30 equivalent of each legacy type (inferred; uncertain).
LEGACY_EQUIVALENTS: Mapping[str, str] = MappingProxyType(
    {
        "PlayPrompt": "MessageParticipant",
        "GetUserInput": "GetParticipantInput",
        "SetQueue": "UpdateContactTargetQueue",
        "Transfer": "TransferContactToQueue",
        "Disconnect": "DisconnectParticipant",
        "SetAttributes": "UpdateContactAttributes",
        "CheckAttribute": "Compare",
        "InvokeExternalResource": "InvokeLambdaFunction",
        "SetVoice": "UpdateContactTextToSpeechVoice",
        "SetLoggingBehavior": "UpdateFlowLoggingBehavior",
        "SetRecordingBehavior": "UpdateContactRecordingBehavior",
        "StartMediaStreaming": "UpdateContactMediaStreamingBehavior",
        "SetContactFlow": "UpdateContactEventHooks",
        "SetEventHook": "UpdateContactEventHooks",
        "Resume": "EndFlowExecution",
        "CheckStaffing": "CheckMetricData",
        "SetContactData": "UpdateContactData",
    }
)
# Seen in third-party material only, never in the docs (§2.5).
UNVERIFIED_TYPES = frozenset({"ConnectParticipantWithAgenticCX"})
REJECTED_TYPES = frozenset(
    {"HoldParticipant", "ResumeParticipant", "ConnectToDataStore"}
)

# --- event hooks -----------------------------------------------------------

# Hook key -> the flow type its target must have (None: not constrained). The
# matching is expected but not documented for the JSON.
EVENT_HOOKS: Mapping[str, str | None] = MappingProxyType(
    {
        "CustomerQueue": "CUSTOMER_QUEUE",
        "CustomerHold": "CUSTOMER_HOLD",
        "AgentHold": "AGENT_HOLD",
        "CustomerWhisper": "CUSTOMER_WHISPER",
        "AgentWhisper": "AGENT_WHISPER",
        "CustomerRemaining": "CONTACT_FLOW",  # the disconnect flow
        "DefaultAgentUI": None,
        "DisconnectAgentUI": None,
        "PauseContact": None,
        "ResumeContact": None,
    }
)
EVENT_HOOKS_UNCERTAIN = frozenset({"CustomerRemaining"})
# Flow types whose designer block can set each hook (third-party transcription
# of the Admin Guide, so uncertain); None: every flow type.
_HOLD_HOOK_FLOWS = _flows("CF MOD CQ OW transfer")
_WHISPER_HOOK_FLOWS = _flows("CF MOD CQ transfer")
EVENT_HOOK_FLOW_TYPES: Mapping[str, frozenset[str] | None] = MappingProxyType(
    {
        "CustomerHold": _HOLD_HOOK_FLOWS,
        "AgentHold": _HOLD_HOOK_FLOWS,
        "CustomerWhisper": _WHISPER_HOOK_FLOWS,
        "AgentWhisper": _WHISPER_HOOK_FLOWS,
    }
)

# --- attribute namespaces (§4) ---------------------------------------------

# "map": $.Ns.<any key>; "leaf": $.Ns alone; "tree": fixed documented sub-paths.
NAMESPACES: Mapping[str, NamespaceKind] = MappingProxyType(
    {
        "Attributes": "map",
        "FlowAttributes": "map",
        "External": "map",
        "Lex": "map",
        "Customer": "map",
        "StoredCustomerInput": "leaf",
        "CustomerId": "leaf",
        "ContactId": "leaf",
        "InitialContactId": "leaf",
        "PreviousContactId": "leaf",
        "Channel": "leaf",
        "InstanceARN": "leaf",
        "InitiationMethod": "leaf",
        "Name": "leaf",
        "Description": "leaf",
        "LanguageCode": "leaf",
        "TextToSpeechVoiceId": "leaf",
        "AwsRegion": "leaf",
        "CustomerCallbackNumber": "leaf",
        "CustomerEndpoint": "tree",
        "SystemEndpoint": "tree",
        "Task": "tree",
        "References": "tree",
        "AdditionalEmailRecipients": "tree",
        "Queue": "tree",
        "Agent": "tree",
        "Metrics": "tree",
        "MediaStreams": "tree",
        "Media": "tree",
        "Wisdom": "tree",
        "LambdaInvocation": "tree",
        # Missing from the reference; AWS sample exports read them after
        # GetCase/CreateCase ($.Case.status) and ShowView ($.Views.Action).
        "Case": "map",
        "Views": "tree",
    }
)
NAMESPACES_UNCERTAIN = frozenset({"CustomerCallbackNumber"})
# Namespaces that exist only in some flow types ($.Agent: not in CF, CQ, QT).
NAMESPACE_FLOW_TYPES: Mapping[str, frozenset[str] | None] = MappingProxyType(
    {"Agent": _flows("whisper AH AT")}
)

# --- resource ARN shapes (§4) ----------------------------------------------

_ARN = r"^arn:aws[a-z-]*:{service}:[^:]*:[^:]+:{rest}$"
_CONNECT = _ARN.format(service="connect", rest=r"instance/[^/]+/{kind}/[^/]+")
ARN_SHAPES: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "queue": re.compile(_CONNECT.format(kind="queue")),
        "agent": re.compile(_CONNECT.format(kind="agent")),
        "prompt": re.compile(_CONNECT.format(kind="prompt")),
        "flow": re.compile(_CONNECT.format(kind="contact-flow")),
        "module": re.compile(_CONNECT.format(kind="flow-module")),
        "hours": re.compile(_CONNECT.format(kind="operating-hours")),
        "task_template": re.compile(_CONNECT.format(kind="task-template")),
        "hierarchy": re.compile(_CONNECT.format(kind="agent-group")),
        "quick_connect": re.compile(_CONNECT.format(kind="transfer-destination")),
        "view": re.compile(
            _ARN.format(service="connect", rest=r"(instance/[^/]+/)?view/[^/]+")
        ),
        "phone_arn": re.compile(_ARN.format(service="connect", rest="phone-number/.+")),
        "lambda": re.compile(
            _ARN.format(service="lambda", rest=r"function:[^:]+(:[^:]+)?")
        ),
        "lex": re.compile(_ARN.format(service="lex", rest=r"bot-alias/[^/]+/[^/]+")),
        "case_template": re.compile(
            _ARN.format(service="cases", rest=r"domain/[^/]+/template/[^/]+")
        ),
        "wisdom_assistant": re.compile(
            _ARN.format(service="wisdom", rest=r"assistant/[^/]+")
        ),
    }
)
# Only the queue, prompt, flow, module, Lex and Lambda shapes were observed.
ARN_SHAPES_UNCERTAIN = frozenset(ARN_SHAPES) - {
    "queue", "prompt", "flow", "module", "lex", "lambda"
}  # fmt: skip
E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")

# --- limits (§6) -----------------------------------------------------------

MAX_ACTIONS = 250
MIN_CONTENT_CHARS = 1
MAX_CONTENT_CHARS = 256_000
MAX_IDENTIFIER = 50
FORBIDDEN_IDENTIFIER_CHARS = frozenset("%:(\\/)=$,;[]{}")
RESERVED_IDENTIFIERS = frozenset(
    {"__proto__", "constructor", "__defineGetter__", "__defineSetter__",
     "toString", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
     "toLocaleString", "valueOf"}
)  # fmt: skip
MAX_CONDITION_DEPTH = 5
MAX_SUBCONDITIONS = 50
MAX_ATTRIBUTES_BYTES = 32_768
LAMBDA_SYNC_MAX = 8
LAMBDA_ASYNC_MAX = 60
WAIT_MAX = 604_800
LOOP_MIN = 0
LOOP_MAX = 100
CALLBACK_DELAY_MAX = 259_200
TASK_DELAY_MIN = 1
TASK_DELAY_MAX = 518_400
THIRD_PARTY_TIMEOUT_MAX = 600
THIRD_PARTY_DTMF_MAX = 50
INPUT_TERMINATOR_MAX = 5
INTERDIGIT_MIN = 1
INTERDIGIT_MAX = 20
PERCENT_MAX = 100
SHOW_VIEW_DATA_MAX_BYTES = 16 * 1024  # third-party transcription: uncertain
MAX_TAGS = 50
MAX_TAG_KEY = 128
MAX_TAG_VALUE = 256
MAX_FLOW_NAME = 127
MAX_MODULE_NAME = 127
MAX_MODULE_DESCRIPTION = 500
