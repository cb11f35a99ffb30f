"""Shared fixtures: the repository, the shared corpus, a scratch copy of the example."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The team's shared material (the corpus of real exports, the SARIF schema, the
# flow-language reference) sits beside the checkout and is used in place, never
# copied in; CONNECTC_SHARED points elsewhere.
SHARED = Path(os.environ.get("CONNECTC_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"


def require_shared(*parts: str) -> Path:
    """`SHARED/parts`; a module that needs it is skipped, saying why, when the
    checkout has no shared material beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} not found: set CONNECTC_SHARED to the shared folder"
        pytest.skip(reason, allow_module_level=True)
    return path


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
