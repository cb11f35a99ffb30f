"""Shared fixtures: the repository, the shared corpus, a scratch copy of the example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def copy_example(target: Path) -> Path:
    """A copy of the bundled example project (specs, env, connectc.yaml) in `target`."""
    for name in ("specs", "env"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "connectc.yaml", target / "connectc.yaml")
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A scratch copy of the example project, outside any git repository."""
    return copy_example(tmp_path / "project")
