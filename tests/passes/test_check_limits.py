"""Limits that need large specs, generated here rather than kept as case files."""

from __future__ import annotations

import shutil
from pathlib import Path

from connectc.build import compile_project
from connectc.diagnostics import Diagnostic
from tests.passes.test_cases import PROJECT


def check(tmp_path: Path, spec: str) -> list[Diagnostic]:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    (root / "specs" / "Big.yaml").write_text(spec, encoding="utf-8")
    result = compile_project(root / "specs", "test")
    return [d for d in result.diagnostics if d.span.path == "specs/Big.yaml"]


def chain(count: int, text: str = "ご案内") -> str:
    """A flow of `count` play blocks in a row, then a disconnect."""
    lines = ["flow: Big", "start: p0", "blocks:"]
    for i in range(count):
        after = f"p{i + 1}" if i + 1 < count else "bye"
        lines += [
            f"  p{i}:",
            f"    play: {text}",
            f"    next: {after}",
            "    error: bye",
        ]
    lines += ["  bye:", "    disconnect: {}"]
    return "\n".join(lines) + "\n"


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def test_too_many_actions(tmp_path: Path) -> None:
    found = check(tmp_path, chain(250))
    assert codes(found) == ["CC4001"]
    assert found[0].span.line == 1
    assert "251 actions" in found[0].message


def test_250_actions_are_allowed(tmp_path: Path) -> None:
    assert "CC4001" not in codes(check(tmp_path, chain(249)))


def test_content_too_long(tmp_path: Path) -> None:
    found = check(tmp_path, chain(4, "あ" * 70_000))
    assert codes(found) == ["CC4002"]
    size = int(found[0].message.split(" is ")[1].split(" ")[0].replace(",", ""))
    assert 280_000 < size < 290_000


def test_long_content_within_the_limit(tmp_path: Path) -> None:
    assert "CC4002" not in codes(check(tmp_path, chain(3, "あ" * 70_000)))


def attributes(size: int) -> str:
    return (
        "flow: Big\nstart: keep\nblocks:\n  keep:\n    set_attributes:\n"
        f"      note: {'x' * size}\n    next: thanks\n    error: thanks\n"
        "  thanks:\n    play: ありがとうございます\n    next: bye\n    error: bye\n"
        "  bye:\n    disconnect: {}\n"
    )


def test_attributes_too_large(tmp_path: Path) -> None:
    found = check(tmp_path, attributes(33_000))
    assert codes(found) == ["CC4012"]
    assert found[0].span.line == 5  # set_attributes:


def test_attributes_within_the_limit(tmp_path: Path) -> None:
    assert "CC4012" not in codes(check(tmp_path, attributes(32_000)))


def test_content_is_measured_on_the_file_the_build_writes() -> None:
    from connectc.build import render
    from connectc.passes.check_content import rendered
    from tests.conftest import REPO

    result = compile_project(REPO / "specs", "test")
    assert result.flows
    for flow in result.flows:
        assert rendered(flow.content) == render(flow.content).decode("utf-8")
