"""The checks on real flows from public repositories, kept as flow templates.

The corpus holds published designer exports, so the checks must read every
one of them without failing, point into the file for each finding, and stay
quiet about the facts Connect itself enforced when the flows were published.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from connectc import actions, codes
from connectc.build import compile_project
from connectc.diagnostics import Diagnostic
from tests.conftest import require_shared
from tests.passes.test_cases import PROJECT

CORPUS = require_shared("corpus")
# A hand-written 2019-10-30 document that uses pre-2019 module types.
NEGATIVE = "reactopus-phone-agent__contact-flow.json"


def flow_document(path: Path) -> tuple[dict[str, Any], str | None] | None:
    """The flow-language object in a corpus file and its API type, if any."""
    try:
        document = json.loads(path.read_text("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(document, dict):
        return None
    document = document.get("ContactFlow", document)
    api_type = document.get("Type")
    if "Content" in document:
        content = document["Content"]
        document = json.loads(content) if isinstance(content, str) else content
    if not isinstance(document, dict) or not isinstance(document.get("Actions"), list):
        return None
    designer = str((document.get("Metadata") or {}).get("type"))
    return document, api_type or actions.FLOW_TYPE_BY_DESIGNER.get(designer)


def meta(name: str, document: dict[str, Any], api_type: str | None) -> str:
    kinds = {a.get("Type") for a in document["Actions"] if isinstance(a, dict)}
    if "Settings" in document or "EndFlowModuleExecution" in kinds:
        return f"module: {name}\n"
    spec = actions.FLOW_TYPES[api_type].spec if api_type else "contact_flow"
    return f"flow: {name}\ntype: {spec}\n"


@dataclass
class Checked:
    """Each corpus flow's findings and API type, by corpus file name."""

    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    types: dict[str, str | None] = field(default_factory=dict)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    root = tmp_path_factory.mktemp("corpus") / "project"
    shutil.copytree(PROJECT, root)
    result = Checked()
    folders: dict[str, str] = {}
    for index, path in enumerate(sorted(CORPUS.glob("*.json"))):
        found = flow_document(path)
        if found is None:
            continue
        document, api_type = found
        folder = root / "specs" / f"c{index:02d}"
        folder.mkdir()
        text = json.dumps(document, indent=2, ensure_ascii=False)
        (folder / "flow.json.tmpl").write_text(text, encoding="utf-8")
        (folder / "meta.yaml").write_text(meta(f"C{index:02d}", document, api_type))
        folders[f"specs/c{index:02d}/flow.json.tmpl"] = path.name
        result.findings[path.name] = []
        result.types[path.name] = api_type
    for diagnostic in compile_project(root / "specs", "test").diagnostics:
        if diagnostic.span.path in folders:
            result.findings[folders[diagnostic.span.path]].append(diagnostic)
    return result


def test_every_flow_of_the_corpus_is_checked(checked: Checked) -> None:
    assert len(checked.findings) >= 25


def test_findings_are_registered_and_located(checked: Checked) -> None:
    for name, found in checked.findings.items():
        for diagnostic in found:
            assert diagnostic.code in codes.REGISTRY, name
            assert diagnostic.span.line > 0, (name, diagnostic)


def test_only_the_negative_sample_uses_pre_2019_types(checked: Checked) -> None:
    flagged = {
        name
        for name, found in checked.findings.items()
        if any(d.code == "CC3115" for d in found)
    }
    assert flagged == {NEGATIVE}


def test_published_flows_fit_their_flow_type(checked: Checked) -> None:
    typed = [name for name, kind in checked.types.items() if kind is not None]
    assert len(typed) >= 15
    for name in typed:
        found = {d.code for d in checked.findings[name]}
        assert not found & {"CC3107", "CC4001", "CC4002", "CC4003"}, name
