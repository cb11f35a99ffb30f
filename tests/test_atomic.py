"""Atomic writes keep the mode and links of what they replace."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectc import atomic
from connectc.build import write_tree


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    atomic.write(path, b"a: 1\n")
    assert path.read_bytes() == b"a: 1\n" and mode(path) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("old")
    path.chmod(0o640)
    atomic.write(path, b"new")
    assert path.read_text() == "new" and mode(path) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["env.yaml"]  # no leftovers


def test_a_symlink_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "dev.yaml").write_text("old")
    link = tmp_path / "dev.yaml"
    link.symlink_to(shared / "dev.yaml")
    atomic.write(link, b"new")
    assert link.is_symlink() and (shared / "dev.yaml").read_text() == "new"


def test_build_output_directories_are_not_private(tmp_path: Path) -> None:
    target = tmp_path / "generated" / "test"
    write_tree(target, {"flows/A.json": b"{}"})
    assert mode(target) == 0o755 and mode(target / "flows" / "A.json") == 0o644
    target.chmod(0o750)
    write_tree(target, {"flows/A.json": b"{}"})
    assert mode(target) == 0o750
