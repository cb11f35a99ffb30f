"""Readers: every corpus file is read or rejected with a code; each input form."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from connectc.diagnostics import Diagnostics
from connectc.importer.readers import read_file, read_paths, read_text, template_content
from tests.conftest import require_shared

CORPUS = require_shared("corpus")
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".json")

# From the corpus README and SOURCES.tsv notes.
LEGACY = {
    "connect-snippets__projects__amazon-connect-email-channel__contact-flows__"
    "email-AgentWhisper.json",
    "connect-snippets__projects__amazon-connect-email-channel__contact-flows__"
    "email-QueueTransfer.json",
    "realtime-transcription__deployment__kvStreamingSampleFlow.json",
    "salesforce-scv__Examples__AWSSCV-SampleContactFlows__Code__"
    "awsscv_sample_contact_flow_builder__AWSSCVAgentWhisper.json",
    "voice-calling-chatbot__contact_flow.json",
    "voicemail-for-connect__solutionVariants__DID__VM-Greeting-DID.json",
}
REJECTED = {
    **dict.fromkeys(LEGACY, "CC6004"),
    "gitlab-cicd-tf__amzconnect-contact-flows__scripts__replacer__tests__"
    "test_flows__ACME_test1.json": "CC6008",
    "reactopus-phone-agent__contact-flow.json": "CC6009",
}
CLOUDFORMATION = "voicemail-express__CloudFormation__vmx3-contactflows.yaml.json"
MODULES = {
    "gitlab-cicd-tf__amzconnect-contact-flows__templates__endFlowModuleExecution.json",
    "gitlab-cicd-tf__imports__resources__flows__acme_contact_flow_module_AUTO.json",
}

FLOW = {
    "Version": "2019-10-30",
    "StartAction": "a",
    "Metadata": {"entryPointPosition": {"x": 1, "y": 2}},
    "Actions": [
        {
            "Identifier": "a",
            "Type": "MessageParticipant",
            "Parameters": {"Text": "hi"},
            "Transitions": {"NextAction": "b"},
        },
        {"Identifier": "b", "Type": "DisconnectParticipant", "Transitions": {}},
    ],
}


def read(text: str, name: str = "flow.json") -> tuple[list, Diagnostics]:
    diagnostics = Diagnostics()
    return read_text(text, Path(name), diagnostics), diagnostics


def codes(diagnostics: Diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def test_corpus_has_36_files() -> None:
    assert len(CORPUS_FILES) == 36


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_is_read_or_rejected_with_a_code(name: str) -> None:
    diagnostics = Diagnostics()
    documents = read_file(CORPUS / name, diagnostics)
    if name in REJECTED:
        assert documents == []
        assert REJECTED[name] in codes(diagnostics)
    elif name == CLOUDFORMATION:
        assert len(documents) == 8
        assert [d.kind for d in documents].count("module") == 1
    else:
        assert len(documents) == 1
        assert documents[0].kind == ("module" if name in MODULES else "flow")
    assert all(d.code.startswith("CC6") for d in diagnostics)


def test_directory_reads_every_file_and_skips_the_rest() -> None:
    diagnostics = Diagnostics()
    result = read_paths([CORPUS], diagnostics)
    skipped = {path.name for path, _ in result.skipped}
    assert {"README.md", "SOURCES.tsv"} <= skipped
    assert set(REJECTED) <= skipped
    assert len(result.documents) == 36 - len(REJECTED) - 1 + 8


def test_legacy_rejection_says_what_to_do() -> None:
    diagnostics = Diagnostics()
    read_file(CORPUS / sorted(LEGACY)[0], diagnostics)
    (found,) = diagnostics.items
    assert "pre-2019" in found.message
    assert any("describe-contact-flow" in note for note in found.notes)


def test_plain_export_takes_name_and_type_from_metadata() -> None:
    flow = dict(FLOW, Metadata={"name": "Sales In", "type": "customerQueue"})
    (document,), diagnostics = read(json.dumps(flow))
    assert (document.name, document.type, document.kind) == (
        "Sales In",
        "CUSTOMER_QUEUE",
        "flow",
    )
    assert not diagnostics.items


def test_plain_export_without_name_is_named_after_the_file() -> None:
    (document,), _ = read(json.dumps(FLOW), "exports/Sales Entry.json")
    assert document.name == "Sales Entry"
    assert document.type == "CONTACT_FLOW"


def test_wrapper_with_double_encoded_content() -> None:
    wrapper = {"Name": "W", "Type": "AGENT_WHISPER", "Content": json.dumps(FLOW)}
    (document,), _ = read(json.dumps(wrapper))
    assert document.origin == "wrapper"
    assert document.type == "AGENT_WHISPER"
    assert document.content["StartAction"] == "a"


def test_wrapper_with_content_as_object() -> None:
    wrapper = {"Name": "W", "Type": "CONTACT_FLOW", "Content": FLOW}
    (document,), _ = read(json.dumps(wrapper))
    assert document.content == FLOW


def test_describe_contact_flow_output() -> None:
    described = {
        "ContactFlow": {
            "Name": "Main",
            "Type": "QUEUE_TRANSFER",
            "Description": "from the API",
            "Content": json.dumps(FLOW),
            "Tags": {"team": "x"},
        }
    }
    (document,), _ = read(json.dumps(described))
    assert (document.name, document.type, document.description) == (
        "Main",
        "QUEUE_TRANSFER",
        "from the API",
    )
    assert document.tags == {"team": "x"}
    assert document.origin == "describe"


def test_describe_contact_flow_module_output_is_a_module() -> None:
    described = {"ContactFlowModule": {"Name": "Mod", "Content": json.dumps(FLOW)}}
    (document,), _ = read(json.dumps(described))
    assert (document.kind, document.type) == ("module", None)


def test_module_recognised_by_settings_or_return() -> None:
    with_settings = dict(FLOW, Settings={"Transitions": []})
    (document,), _ = read(json.dumps(with_settings))
    assert document.kind == "module"
    ends = json.loads(json.dumps(FLOW))
    ends["Actions"][1]["Type"] = "EndFlowModuleExecution"
    (document,), _ = read(json.dumps(ends))
    assert document.kind == "module"


def test_utf16_and_bom_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "flow.json"
    path.write_bytes(json.dumps(FLOW).encode("utf-16"))
    assert len(read_file(path, Diagnostics())) == 1
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(FLOW).encode())
    assert len(read_file(path, Diagnostics())) == 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"Version": "2019-10-30", "StartAction": "a", "Act', "CC6003"),
        ("{'Version': 1}", "CC6002"),
        ("", "CC6005"),
        ("just some words", "CC6005"),
        ('{"hello": "world"}', "CC6005"),
        ("[1, 2]", "CC6005"),
        ("key: [unclosed", "CC6002"),
        ('{"modules": [], "version": "1", "start": "x"}', "CC6004"),
        ('{"Version": "2018-01-01", "StartAction": "a", "Actions": []}', "CC6006"),
        ('{"Version": "2019-10-30", "StartAction": "a", "Actions": []}', "CC6008"),
        ('{"Name": "x", "Content": "{\\"Version\\": "}', "CC6003"),
        ('{"Name": "x", "Content": 3}', "CC6005"),
    ],
)
def test_bad_input_is_a_coded_diagnostic(text: str, code: str) -> None:
    documents, diagnostics = read(text)
    assert documents == []
    assert code in codes(diagnostics)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda f: f.update(StartAction="nowhere"), 'StartAction "nowhere"'),
        (lambda f: f["Actions"][0].pop("Identifier"), 'no "Identifier"'),
        (lambda f: f["Actions"][1].update(Identifier="a"), "repeats"),
        (
            lambda f: f["Actions"][0]["Transitions"].update(NextAction="zz"),
            'NextAction "zz"',
        ),
        (lambda f: f["Actions"][0].update(Parameters=[1]), "not a mapping"),
        (
            lambda f: f["Actions"][0]["Transitions"].update(Errors=[{"x": 1}]),
            "names no action",
        ),
    ],
)
def test_malformed_flow_is_cc6007(change: object, problem: str) -> None:
    flow = json.loads(json.dumps(FLOW))
    change(flow)  # type: ignore[operator]
    documents, diagnostics = read(json.dumps(flow))
    assert documents == []
    found = [d for d in diagnostics if d.code == "CC6007"]
    assert found and problem in found[0].message


def test_unknown_fields_are_reported_not_dropped_silently() -> None:
    flow = json.loads(json.dumps(FLOW))
    flow["Future"] = 1
    flow["Actions"][0]["Extra"] = True
    (document,), diagnostics = read(json.dumps(flow))
    messages = [d.message for d in diagnostics if d.code == "CC6010"]
    assert any('"Future"' in m for m in messages)
    assert any('"Extra"' in m for m in messages)


CFN_YAML = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Whisper:
    Type: AWS::Connect::ContactFlow
    Properties:
      Name: !Join ['', [Whisper-, !Ref Alias]]
      Type: AGENT_WHISPER
      InstanceArn: !Ref Instance
      Content: !Sub
        - '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a",
          "Type":"TransferToFlow","Parameters":{"ContactFlowId":"${FLOW}"},
          "Transitions":{}}]}'
        - FLOW: !GetAtt Other.ContactFlowArn
  Mod:
    Type: AWS::Connect::ContactFlowModule
    Properties:
      Name: Module One
      Content: '{"Version":"2019-10-30","StartAction":"r","Actions":[
        {"Identifier":"r","Type":"EndFlowModuleExecution","Transitions":{}}]}'
  Bucket:
    Type: AWS::S3::Bucket
"""


def test_cloudformation_yaml_with_intrinsic_tags() -> None:
    documents, diagnostics = read(CFN_YAML, "template.yaml")
    assert [(d.name, d.kind, d.type) for d in documents] == [
        ("Whisper", "flow", "AGENT_WHISPER"),
        ("Module One", "module", None),
    ]
    parameters = documents[0].content["Actions"][0]["Parameters"]
    assert parameters == {"ContactFlowId": "${FLOW}"}
    assert documents[0].origin == "cloudformation:Whisper"
    assert not diagnostics.items


def test_cdk_template_fn_join_becomes_placeholders() -> None:
    content = json.dumps(FLOW).replace('"hi"', '"__REF__"')
    before, after = content.split("__REF__")
    template = {
        "Resources": {
            "Flow1": {
                "Type": "AWS::Connect::ContactFlow",
                "Properties": {
                    "Name": "Cdk",
                    "Type": "CONTACT_FLOW",
                    "Content": {
                        "Fn::Join": [
                            "",
                            [
                                before,
                                {"Fn::GetAtt": ["Fn", "Arn"]},
                                {"Ref": "X"},
                                after,
                            ],
                        ]
                    },
                },
            }
        }
    }
    (document,), _ = read(json.dumps(template), "cdk.template.json")
    assert document.content["Actions"][0]["Parameters"]["Text"] == "${Fn.Arn}${X}"


def test_cloudformation_content_it_cannot_evaluate() -> None:
    template = {
        "Resources": {
            "F": {
                "Type": "AWS::Connect::ContactFlow",
                "Properties": {"Content": {"Fn::If": ["C", "a", "b"]}},
            }
        }
    }
    documents, diagnostics = read(json.dumps(template))
    assert documents == []
    assert codes(diagnostics) == ["CC6019"]


def test_template_content_forms() -> None:
    assert template_content("x") == "x"
    assert template_content({"Fn::Sub": "a${B}"}) == "a${B}"
    assert template_content({"Fn::Sub": ["a${B}", {"B": 1}]}) == "a${B}"
    assert template_content({"Fn::Join": ["-", ["a", {"Ref": "R"}]]}) == "a-${R}"
    assert template_content({"Fn::Select": [0, ["a"]]}) is None


def test_missing_file_is_cc6001(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert read_file(tmp_path / "absent.json", diagnostics) == []
    assert codes(diagnostics) == ["CC6001"]


def test_binary_file_is_cc6001(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\x80\x81\xfe")
    diagnostics = Diagnostics()
    assert read_file(path, diagnostics) == []
    assert codes(diagnostics) == ["CC6001"]


@pytest.mark.parametrize("text", ["null", "~", "# nothing but a comment\n"])
def test_null_document_is_cc6005(text: str, tmp_path: Path) -> None:
    path = tmp_path / "null.yaml"
    path.write_text(text)
    diagnostics = Diagnostics()
    result = read_paths([path], diagnostics)
    assert result.documents == []
    assert codes(diagnostics) == ["CC6005"]
    assert "null" in diagnostics.items[0].message
    ((skipped, reason),) = result.skipped
    assert skipped == path and reason.endswith("[CC6005]")


def test_duplicate_json_key_is_its_own_code() -> None:
    text = (
        '{"Version": "2019-10-30",\n "StartAction": "a",\n "Actions": [],\n'
        ' "Version": "1"}'
    )
    documents, diagnostics = read(text)
    assert documents == []
    (found,) = diagnostics.items
    assert found.code == "CC6026"
    assert '"Version"' in found.message
    assert (found.span.line, found.span.column) == (1, 1)  # the object holding it
    assert "CC6006" not in codes(diagnostics)


def test_duplicate_key_deep_inside_an_action_is_found() -> None:
    text = json.dumps(FLOW, indent=1).replace(
        '"Text": "hi"', '"Text": "hi",\n "Text": "bye"'
    )
    documents, diagnostics = read(text)
    assert documents == [] and codes(diagnostics) == ["CC6026"]
    assert '"Text"' in diagnostics.items[0].message
    line = text.splitlines()[diagnostics.items[0].span.line - 1]
    assert line.strip() == '"Parameters": {'


def test_duplicate_key_in_a_content_string_or_yaml_template() -> None:
    content = json.dumps(FLOW).replace('"StartAction"', '"Metadata": {}, "StartAction"')
    wrapper = {"Name": "W", "Type": "CONTACT_FLOW", "Content": content}
    documents, diagnostics = read(json.dumps(wrapper))
    assert documents == [] and codes(diagnostics) == ["CC6026"]
    assert "Content" in diagnostics.items[0].message
    template = CFN_YAML.replace(
        "      Type: AGENT_WHISPER\n",
        "      Type: AGENT_WHISPER\n      Type: CONTACT_FLOW\n",
    )
    documents, diagnostics = read(template, "template.yaml")
    assert documents == [] and codes(diagnostics) == ["CC6026"]
    assert diagnostics.items[0].span.line == 8


def test_no_duplicate_key_no_cc6026() -> None:
    documents, diagnostics = read(json.dumps({"Name": "W", "Content": FLOW}))
    assert len(documents) == 1
    assert "CC6026" not in codes(diagnostics)


def test_structure_messages_read_as_sentences() -> None:
    flow = json.loads(json.dumps(FLOW))
    flow["Actions"][0]["Transitions"]["NextAction"] = "zz"
    flow["Actions"][1]["Extra"] = 1
    _, diagnostics = read(json.dumps(flow))
    messages = {d.code: d.message for d in diagnostics}
    assert messages["CC6007"] == 'action "a": NextAction "zz" names no action'
    assert messages["CC6010"].startswith('action "b": field "Extra" is not part')
    assert all("the file action" not in m for m in messages.values())


def describe(**wrapper: object) -> str:
    return json.dumps({"ContactFlow": {"Content": json.dumps(FLOW), **wrapper}})


@pytest.mark.parametrize("value", ["WHATEVER", "CUSTOMER_QUEUES", 7])
def test_an_unknown_wrapper_type_is_not_guessed(value: object) -> None:
    documents, diagnostics = read(describe(Name="X", Type=value))
    assert documents == [] and codes(diagnostics) == ["CC6029"]
    assert "CUSTOMER_QUEUE" in diagnostics.items[0].message


@pytest.mark.parametrize("value", ["customer_queue", "CUSTOMER_QUEUE", None])
def test_a_known_or_missing_wrapper_type_is_read(value: object) -> None:
    wrapper = {"Name": "X"} if value is None else {"Name": "X", "Type": value}
    (document,), diagnostics = read(describe(**wrapper))
    assert "CC6029" not in codes(diagnostics)
    assert document.type == ("CONTACT_FLOW" if value is None else "CUSTOMER_QUEUE")


def test_a_name_over_connects_limit_is_shortened_with_a_warning() -> None:
    (document,), diagnostics = read(
        describe(Name="N" * 126 + " tail", Type="CONTACT_FLOW")
    )
    assert document.name == "N" * 126  # 127 characters, the space stripped
    assert codes(diagnostics) == ["CC6030"]
    (document,), diagnostics = read(describe(Name="N" * 127, Type="CONTACT_FLOW"))
    assert document.name == "N" * 127 and "CC6030" not in codes(diagnostics)


def test_a_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")  # opening it would block until a writer came
    (tmp_path / "flow.json").write_text(json.dumps(FLOW))
    diagnostics = Diagnostics()
    result = read_paths([tmp_path], diagnostics)
    assert [d.name for d in result.documents] == ["flow"]
    assert codes(diagnostics) == ["CC6001"]
    assert "not a regular file" in diagnostics.items[0].message


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "flow.json").write_text(json.dumps(FLOW))
    diagnostics = Diagnostics()
    result = read_paths([tmp_path, tmp_path / "flow.json"], diagnostics)
    assert [d.name for d in result.documents] == ["flow"] and not diagnostics.items


def test_a_number_too_long_for_python_is_a_coded_error() -> None:
    flow = json.dumps(FLOW).replace('"hi"', "9" * 5000)
    documents, diagnostics = read(flow)
    assert documents == [] and codes(diagnostics) == ["CC6002"]
    assert "5,000 digits" in diagnostics.items[0].message
