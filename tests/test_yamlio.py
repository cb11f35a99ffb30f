from __future__ import annotations

import os
from pathlib import Path

import pytest

from connectc.diagnostics import Diagnostics
from connectc.yamlio import MAX_BYTES, load_file, load_text, resolve_plain, strings


def load(text: str) -> tuple[object, list[str], Diagnostics]:
    diagnostics = Diagnostics()
    document = load_text("spec.yaml", text, diagnostics)
    return document.data, [d.code for d in diagnostics], diagnostics


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on", "on"),
        ("no", "no"),
        ("yes", "yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("12", 12),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("12:30", "12:30"),
        ("2026-12-03", "2026-12-03"),
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    data, codes, _ = load(f"key: {text}\n")
    # Numbers not written canonically are read, and reported (CC0031).
    assert codes == (["CC0031"] if text in ("0x1F", "0o17") else [])
    assert data == {"key": value}


def test_quoted_scalars_stay_text() -> None:
    data, codes, _ = load("a: \"true\"\nb: '12'\n")
    assert data == {"a": "true", "b": "12"}
    assert codes == []


def test_duplicate_key_is_reported_at_second_key() -> None:
    data, codes, diagnostics = load("a: 1\nb: 2\na: 3\n")
    assert data is None
    assert codes == ["CC0003"]
    span = diagnostics.items[0].span
    assert (span.line, span.column) == (3, 1)
    assert "line 1" in diagnostics.items[0].message


def test_anchors_and_aliases_are_refused() -> None:
    data, codes, diagnostics = load("a: &x {k: 1}\nb: *x\n")
    assert data is None
    assert set(codes) == {"CC0004"}
    assert {d.span.line for d in diagnostics} == {1, 2}


@pytest.mark.parametrize(
    "text",
    ["a: !Sub 'x'\n", "a: !!binary aGVsbG8=\n", "a: !!python/object:os.system x\n"],
)
def test_tags_other_than_the_defaults_are_refused(text: str) -> None:
    data, codes, diagnostics = load(text)
    assert data is None
    assert codes == ["CC0013"] and '"!' in diagnostics.items[0].message


def test_nesting_is_limited_before_it_can_exhaust_the_stack() -> None:
    deep = "1"
    for _ in range(900):
        deep = "{a: " + deep + "}"
    data, codes, diagnostics = load("a: " + deep + "\n")
    assert data is None and codes == ["CC0005"]
    assert "nested more than 64 levels" in diagnostics.items[0].message
    data, codes, _ = load("a: " + "{a: " * 60 + "1" + "}" * 60 + "\n")
    assert data is not None and codes == []


def test_a_huge_plain_integer_stays_text() -> None:
    data, codes, _ = load("a: " + "9" * 5000 + "\n")
    assert data == {"a": "9" * 5000} and codes == []


def test_syntax_error_has_position() -> None:
    data, codes, diagnostics = load("a: [1, 2\nb: 3\n")
    assert data is None
    assert codes == ["CC0002"]
    assert diagnostics.items[0].span.line >= 1


def test_tab_indentation_is_named() -> None:
    _, codes, diagnostics = load("blocks:\n  a:\n\tdisconnect: true\n")
    (found,) = diagnostics.items
    assert codes == ["CC0002"] and "tab character" in found.message
    assert (found.span.line, found.span.column) == (3, 1)
    # A tab after a colon is only separation, which YAML allows.
    _, codes, diagnostics = load("a:\tb\nc: [1, 2\n")
    assert codes == ["CC0002"] and "tab" not in diagnostics.items[0].message


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfef\x00", "the file is UTF-16 text; save it as UTF-8"),
        (b"flow: \xe9\n", "the file is not UTF-8 text (byte 0xe9 at offset 6)"),
    ],
)
def test_files_that_are_not_utf_8_say_so(
    raw: bytes, reason: str, tmp_path: Path
) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(raw)
    diagnostics = Diagnostics()
    assert load_file(str(path), diagnostics, "spec.yaml").data is None
    (found,) = diagnostics.items
    assert found.code == "CC0001" and found.message.endswith(reason)
    assert "codec" not in found.message


def test_oversized_document_is_refused() -> None:
    data, codes, _ = load("a: " + "x" * (MAX_BYTES + 1))
    assert data is None
    assert codes == ["CC0005"]


def test_spans_point_at_values_and_keys() -> None:
    diagnostics = Diagnostics()
    document = load_text("f.yaml", "top:\n  inner: value\n", diagnostics)
    assert document.source.span(("top", "inner")).line == 2
    assert document.source.span(("top", "inner")).column == 10
    assert document.source.span(("top", "inner"), key=True).column == 3


def test_strings_paths_and_skipped_keys() -> None:
    data = {"a": ["x", {"goto": "end", "b": "y"}], "n": 3, "goto": "top"}
    assert list(strings(data, ("root",), frozenset({"goto"}))) == [
        (("root", "a", 0), "x"),
        (("root", "a", 1, "b"), "y"),
    ]
    assert [text for _, text in strings(data)] == ["x", "end", "y", "top"]


@pytest.mark.parametrize(
    ("text", "changed"),
    [("12", False), ("-3", False), ("1.5", False), ("8.0", False), ("0", False)]
    + [("0120", True), ("1.10", True), ("1e3", True), ("+1", True), (".inf", True)],
)
def test_numbers_not_kept_as_written_are_reported(text: str, changed: bool) -> None:
    diagnostics = Diagnostics()
    document = load_text("f.yaml", f"a: {text}\nb: '{text}'\n", diagnostics)
    found = [(d.code, d.span.line, d.span.column) for d in diagnostics]
    if changed:
        assert found == [("CC0031", 1, 4)]
    else:
        assert "CC0031" not in {code for code, _, _ in found}
        assert str(document.data["a"]) == text
    assert document.data["b"] == text


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "spec.yaml")
    diagnostics = Diagnostics()
    assert load_file(str(tmp_path / "spec.yaml"), diagnostics, "spec.yaml").data is None
    (found,) = diagnostics.items
    assert found.code == "CC0001" and found.message.endswith("not a regular file")
