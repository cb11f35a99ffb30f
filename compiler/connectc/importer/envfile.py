"""Writing token bindings into `env/<env>.yaml` without disturbing the file.

Input: the existing file's text (or none), the environment's place (account,
region, instance) and the bindings an import found. Output: the new text,
with new bindings inserted as lines in the existing layout (comments and
order kept), conflicts reported and existing values kept unless forced.
Codes: CC6013, CC6021.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from connectc.diagnostics import Diagnostics, Span
from connectc.importer.placeholders import is_placeholder
from connectc.importer.yamltext import scalar

PLACEHOLDER_ACCOUNT = "REPLACE_WITH_ACCOUNT_ID"
PLACEHOLDER_REGION = "REPLACE_WITH_REGION"
PLACEHOLDER_INSTANCE = "REPLACE_WITH_INSTANCE_ARN"
PLACE_KEYS = ("account", "region", "instance")


@dataclass
class Place:
    """Where an environment is: its account, region and instance ARN."""

    account: str = PLACEHOLDER_ACCOUNT
    region: str = PLACEHOLDER_REGION
    instance: str = PLACEHOLDER_INSTANCE

    def values(self) -> dict[str, str]:
        return {
            "account": self.account,
            "region": self.region,
            "instance": self.instance,
        }


@dataclass
class Merge:
    """The outcome of merging: text to write (None: nothing can be written)."""

    text: str | None
    added: list[tuple[str, str, str]] = field(default_factory=list)
    replaced: list[tuple[str, str, str]] = field(default_factory=list)
    kept: list[tuple[str, str, str, str]] = field(default_factory=list)


Binding = tuple[str, str, str]  # service, entity, value


def existing_bindings(text: str | None) -> dict[str, dict[str, str]]:
    """The bindings of an environment file, variants flattened (`Welcome.Ja`)."""
    if not text:
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    bindings = data.get("bindings") if isinstance(data, dict) else None
    flat: dict[str, dict[str, str]] = {}
    for service, entities in (
        (bindings or {}).items() if isinstance(bindings, dict) else ()
    ):
        if not isinstance(entities, dict):
            continue
        table = flat.setdefault(str(service), {})
        for entity, value in entities.items():
            if isinstance(value, dict):
                table.update({f"{entity}.{k}": str(v) for k, v in value.items()})
            elif value is not None:
                table[str(entity)] = str(value)
    return flat


def new_file(env: str, place: Place, bindings: list[Binding]) -> str:
    """A fresh environment file."""
    lines = [
        "# yaml-language-server: $schema=../generated/schema/env.schema.json",
        f"# Environment {env}: written by connectc import from the flows it read.",
    ]
    if PLACEHOLDER_INSTANCE in place.values().values():
        lines.append("# Replace the REPLACE_WITH_... values before deploying.")
    lines.append(f"environment: {scalar(env)}")
    lines += [f"{key}: {scalar(value)}" for key, value in place.values().items()]
    lines.append("bindings:" + ("" if bindings else " {}"))
    lines += _binding_lines(bindings, 2)
    return "\n".join(lines) + "\n"


def merge(
    text: str,
    path: str,
    place: Place,
    bindings: list[Binding],
    *,
    force: bool,
    diagnostics: Diagnostics,
) -> Merge:
    """`text` with `bindings` added; conflicts reported (CC6013) or forced."""
    root = _compose(text)
    if root is None:
        problem = "it is not a YAML mapping in block style"
        diagnostics.report("CC6021", Span(path), path, problem)
        return Merge(None)
    editor = _Editor(text, root, path, force, diagnostics)
    editor.place(place)
    editor.bindings(bindings)
    result = editor.result()
    if result.text is not None and not _contains(result.text, editor.expected):
        problem = "its layout is unusual (flow style or aliases)"
        diagnostics.report("CC6021", Span(path), path, problem)
        return Merge(None)
    return result


def _binding_lines(bindings: list[Binding], indent: int) -> list[str]:
    lines: list[str] = []
    grouped: dict[str, list[tuple[str, str]]] = {}
    for service, entity, value in bindings:
        grouped.setdefault(service, []).append((entity, value))
    for service in sorted(grouped):
        lines.append(" " * indent + f"{scalar(service)}:")
        lines += _entity_lines(grouped[service], indent * 2)
    return lines


def _entity_lines(entries: list[tuple[str, str]], indent: int) -> list[str]:
    return [" " * indent + f"{scalar(e)}: {scalar(v)}" for e, v in sorted(entries)]


def _compose(text: str) -> yaml.MappingNode | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    return root


def _contains(text: str, expected: dict[str, dict[str, str]]) -> bool:
    found = existing_bindings(text)
    return all(
        found.get(service, {}).get(entity) is not None
        for service, entries in expected.items()
        for entity in entries
    )


def _child(node: yaml.MappingNode, key: str) -> tuple[Any, Any] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


class _Editor:
    """Collects text edits by offset and applies them back to front."""

    def __init__(
        self,
        text: str,
        root: yaml.MappingNode,
        path: str,
        force: bool,
        diagnostics: Diagnostics,
    ) -> None:
        self.text, self.root, self.path = text, root, path
        self.force, self.diagnostics = force, diagnostics
        self.edits: list[tuple[int, int, str]] = []
        self.outcome = Merge(text)
        self.expected: dict[str, dict[str, str]] = {}

    def place(self, place: Place) -> None:
        """Fill placeholders in account/region/instance; a real value stays."""
        for key, value in place.values().items():
            found = _child(self.root, key)
            if found is None or not isinstance(found[1], yaml.ScalarNode):
                continue
            current = str(found[1].value)
            if current == value or is_placeholder(value):
                continue
            if is_placeholder(current) or self.force:
                self._replace(found[1], value)

    def bindings(self, bindings: list[Binding]) -> None:
        found = _child(self.root, "bindings")
        if found is None:
            self._append_block(bindings)
            return
        node = found[1]
        if isinstance(node, yaml.ScalarNode) or (
            isinstance(node, yaml.MappingNode) and node.flow_style and not node.value
        ):
            self._fill_empty(node, bindings)
            return
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            self._refuse(node, '"bindings" is not a mapping in block style')
            return
        self._into_services(node, bindings)

    def _append_block(self, bindings: list[Binding]) -> None:
        if not bindings:
            return
        lines = ["bindings:", *_binding_lines(bindings, 2)]
        self._insert_after(len(self.text), lines)
        self._expect(bindings)
        self.outcome.added += bindings

    def _fill_empty(self, node: Any, bindings: list[Binding]) -> None:
        if not bindings:
            return
        start, end = node.start_mark.index, node.end_mark.index
        while start > 0 and self.text[start - 1] == " ":
            start -= 1
        block = "\n" + "\n".join(_binding_lines(bindings, 2))
        self.edits.append((start, end, block))
        self._expect(bindings)
        self.outcome.added += bindings

    def _into_services(self, node: yaml.MappingNode, bindings: list[Binding]) -> None:
        indent = node.value[0][0].start_mark.column if node.value else 2
        grouped: dict[str, list[tuple[str, str]]] = {}
        for service, entity, value in bindings:
            grouped.setdefault(service, []).append((entity, value))
        missing: list[Binding] = []
        for service in sorted(grouped):
            found = _child(node, service)
            if found is None:
                missing += [(service, e, v) for e, v in grouped[service]]
            elif isinstance(found[1], yaml.MappingNode) and not found[1].flow_style:
                self._into_entities(service, found[1], grouped[service])
            else:
                problem = (
                    f'the bindings of "{service}" are not a mapping in block style'
                )
                self._refuse(found[1], problem)
                return
        if missing:
            self._insert_after_node(node, _binding_lines(missing, indent))
            self.outcome.added += missing
            self._expect(missing)

    def _into_entities(
        self, service: str, node: yaml.MappingNode, entries: list[tuple[str, str]]
    ) -> None:
        indent = node.value[0][0].start_mark.column if node.value else 4
        new: list[tuple[str, str]] = []
        for entity, value in entries:
            found = _entity_node(node, entity)
            if found is None:
                new.append((entity, value))
            else:
                self._compare(service, entity, found, value)
        if new:
            self._insert_after_node(node, _entity_lines(new, indent))
            self.outcome.added += [(service, e, v) for e, v in new]
            self._expect([(service, e, v) for e, v in new])

    def _compare(self, service: str, entity: str, node: Any, value: str) -> None:
        if not isinstance(node, yaml.ScalarNode):
            return
        current = str(node.value)
        if current == value:
            return
        if is_placeholder(value) and not is_placeholder(current):
            return  # someone filled in the placeholder: their value stands
        token = f"${{{service}.{entity}}}"
        if self.force or is_placeholder(current):
            self._replace(node, value)
            self.outcome.replaced.append((service, entity, value))
            return
        self.diagnostics.report(
            "CC6013", Span(self.path), token, self.path, current, value
        )
        self.outcome.kept.append((service, entity, current, value))

    def _refuse(self, node: Any, problem: str) -> None:
        """No merge: the file is left to the user, who can rewrite that part."""
        mark = node.start_mark
        span = Span(self.path, mark.line + 1, mark.column + 1)
        self.diagnostics.report("CC6021", span, self.path, problem)
        self.outcome.text = None

    def _replace(self, node: Any, value: str) -> None:
        self.edits.append((node.start_mark.index, node.end_mark.index, scalar(value)))

    def _insert_after_node(self, node: Any, lines: list[str]) -> None:
        last = node.value[-1][1] if node.value else node
        self._insert_after(last.end_mark.index, lines)

    def _insert_after(self, index: int, lines: list[str]) -> None:
        """New lines after the line holding `index` (or at the line starting there)."""
        text = self.text
        if index > 0 and text[index - 1] == "\n":
            self.edits.append((index, index, "\n".join(lines) + "\n"))
            return
        end = text.find("\n", index)
        end = len(text) if end < 0 else end
        self.edits.append((end, end, "\n" + "\n".join(lines)))

    def _expect(self, bindings: list[Binding]) -> None:
        for service, entity, value in bindings:
            self.expected.setdefault(service, {})[entity] = value

    def result(self) -> Merge:
        if self.outcome.text is None:
            return self.outcome
        text = self.text
        # Back to front; at one offset the later edit first, so that the
        # earlier one ends up before it.
        ordered = sorted(enumerate(self.edits), key=lambda e: (e[1][0], e[0]))
        for _, (start, end, replacement) in reversed(ordered):
            text = text[:start] + replacement + text[end:]
        if text and not text.endswith("\n"):
            text += "\n"
        self.outcome.text = text
        return self.outcome


def _entity_node(node: yaml.MappingNode, entity: str) -> Any:
    """The value node of `entity`, which may be `Name.Variant`."""
    found = _child(node, entity)
    if found is not None:
        return found[1]
    name, _, variant = entity.partition(".")
    outer = _child(node, name) if variant else None
    if outer is not None and isinstance(outer[1], yaml.MappingNode):
        inner = _child(outer[1], variant)
        return inner[1] if inner is not None else None
    return None
