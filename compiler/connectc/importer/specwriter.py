"""The spec writer: one imported document to a spec (or a JSON template).

Input: a `Document`, the import's `TokenTable`, and the blocks to force to
the raw verb. Output: `SpecFile` with the spec as data and as YAML text, or
as `flow.json.tmpl` + `meta.yaml`. Codes: CC6011, CC6022, CC6023.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from connectc.actions import FLOW_TYPES, action_spec
from connectc.diagnostics import Diagnostics
from connectc.importer import blocks, naming
from connectc.importer.readers import Document
from connectc.importer.tokens import Tokenizer
from connectc.importer.yamltext import dump_yaml

MAX_DESCRIPTION = 500
UNSAFE_FILE_CHARS = '/\\:*?"<>|'
# The comment line that says where an imported spec came from.
PROVENANCE = "# Imported by connectc import from "


@dataclass
class SpecFile:
    """What the writer made of one document."""

    document: Document
    spec: dict[str, Any]
    names: dict[str, str]  # Identifier -> block name
    template: dict[str, Any] = field(default_factory=dict)  # tokenised content
    raw: set[str] = field(default_factory=set)  # blocks written with `action:`
    rendered: dict[bool, dict[PurePosixPath, str]] = field(
        default_factory=dict, repr=False, compare=False
    )  # the texts of `files`, once made (specs are not changed after writing)

    @property
    def folder(self) -> str:
        return "modules" if self.document.kind == "module" else "flows"

    @property
    def stem(self) -> str:
        return file_stem(self.document.name)

    def path(self, template: bool = False) -> PurePosixPath:
        """Where the spec goes, relative to the project root."""
        if template:
            name = (
                "module.json.tmpl"
                if self.document.kind == "module"
                else "flow.json.tmpl"
            )
            return PurePosixPath("specs", self.folder, self.stem, name)
        return PurePosixPath("specs", self.folder, f"{self.stem}.yaml")

    def files(self, template: bool = False) -> dict[PurePosixPath, str]:
        """Relative path -> text of every file this spec is written as."""
        rendered = self.rendered.get(template)
        if rendered is None:
            rendered = self._render(template)
            self.rendered[template] = rendered
        return dict(rendered)

    def _render(self, template: bool) -> dict[PurePosixPath, str]:
        if not template:
            return {self.path(): render_spec(self.spec, self.document)}
        folder = self.path(template=True).parent
        return {
            self.path(template=True): render_json(self.template),
            folder / "meta.yaml": render_meta(self.spec, self.document),
        }


def file_stem(name: str) -> str:
    """A file name for a flow name: unsafe characters become `_`."""
    stem = "".join("_" if c in UNSAFE_FILE_CHARS or ord(c) < 32 else c for c in name)
    stem = stem.strip().strip(".") or "flow"
    return stem[:120]


def write_spec(
    document: Document,
    tokenizer: Tokenizer,
    diagnostics: Diagnostics,
    *,
    raw: Iterable[str] = (),
) -> SpecFile | None:
    """The spec for `document`, with the Identifiers in `raw` kept raw."""
    content = document.content
    actions: list[Mapping[str, Any]] = content["Actions"]
    params = {a["Identifier"]: tokenizer.parameters(a) for a in actions}
    metadata = content.get("Metadata")
    metadata = metadata if isinstance(metadata, Mapping) else {}
    names, renamed = naming.block_names(actions, params, metadata)
    for old, new in renamed:
        diagnostics.report("CC6023", document.span, old, new)
    order = naming.reachable_order(content["StartAction"], actions)
    by_id = {a["Identifier"]: a for a in actions}
    context = blocks.Context(document.type, names)
    forced = set(raw)
    made: dict[str, Any] = {}
    written_raw: set[str] = set()
    for identifier in order:
        action = by_id[identifier]
        block = None
        if identifier not in forced:
            block = blocks.typed_block(action, params[identifier], context)
        if block is None:
            try:
                block = blocks.raw_block(action, params[identifier], names)
            except blocks.Unrepresentable as reason:
                diagnostics.report("CC6022", document.span, identifier, str(reason))
                return None
            written_raw.add(identifier)
            if action_spec(str(action["Type"])) is None and identifier not in forced:
                diagnostics.report("CC6011", document.span, identifier, action["Type"])
        made[names[identifier]] = block
    spec = _spec_head(document, names[content["StartAction"]])
    spec["blocks"] = made
    template = _template(content, [by_id[i] for i in order], params, names)
    return SpecFile(document, spec, names, template, written_raw)


def _template(
    content: Mapping[str, Any],
    actions: list[Mapping[str, Any]],
    params: Mapping[str, Any],
    names: Mapping[str, str],
) -> dict[str, Any]:
    """The content without Metadata, renamed, tokenised, in reading order."""
    result: dict[str, Any] = {
        "Version": content["Version"],
        "StartAction": names[content["StartAction"]],
        "Actions": [_template_action(a, params, names) for a in actions],
    }
    if isinstance(content.get("Settings"), Mapping):
        result["Settings"] = content["Settings"]
    return result


def _template_action(
    action: Mapping[str, Any], params: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    transitions = dict(action.get("Transitions") or {})
    if "NextAction" in transitions:
        transitions["NextAction"] = names[transitions["NextAction"]]
    for key in ("Errors", "Conditions"):
        if key in transitions:
            transitions[key] = [
                {**entry, "NextAction": names[entry["NextAction"]]}
                for entry in transitions[key]
            ]
    identifier = action["Identifier"]
    return {
        "Identifier": names[identifier],
        "Type": action["Type"],
        "Parameters": params[identifier] if params[identifier] is not None else {},
        "Transitions": transitions,
    }


def _spec_head(document: Document, start: str) -> dict[str, Any]:
    head: dict[str, Any] = {}
    if document.kind == "module":
        head["module"] = document.name
    else:
        head["flow"] = document.name
        head["type"] = FLOW_TYPES[document.type or "CONTACT_FLOW"].spec
    if document.description:
        head["description"] = document.description[:MAX_DESCRIPTION]
    if document.tags:
        head["tags"] = dict(document.tags)
    settings = document.content.get("Settings")
    if document.kind == "module" and isinstance(settings, Mapping):
        head["settings"] = settings
    head["start"] = start
    return head


# --- rendering -------------------------------------------------------------


def render_spec(spec: Mapping[str, Any], document: Document) -> str:
    """The spec file's text: schema line, provenance, head, then each block."""
    kind = "module" if document.kind == "module" else "flow"
    lines = [
        f"# yaml-language-server: $schema=../../generated/schema/{kind}.schema.json",
        f"{PROVENANCE}{_provenance(document)}.",
    ]
    head = {k: v for k, v in spec.items() if k != "blocks"}
    text = "\n".join(lines) + "\n" + dump_yaml(head) + "blocks:\n"
    chunks = []
    for name, block in spec["blocks"].items():
        dumped = dump_yaml({name: block})
        chunks.append(
            "".join(
                "  " + line if line.strip() else line
                for line in dumped.splitlines(keepends=True)
            )
        )
    return text + "\n".join(chunks)


def _provenance(document: Document) -> str:
    origin = ""
    if document.origin.startswith("cloudformation:"):
        origin = f' (resource "{document.origin.split(":", 1)[1]}")'
    return f"{document.source.name}{origin}"


def render_meta(spec: Mapping[str, Any], document: Document) -> str:
    head = {k: v for k, v in spec.items() if k in ("flow", "module", "type",
                                                    "description", "tags")}  # fmt: skip
    return f"{PROVENANCE}{_provenance(document)}.\n" + dump_yaml(head)


def render_json(content: Any) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"
