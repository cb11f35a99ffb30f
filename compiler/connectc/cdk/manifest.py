"""Read `generated/<env>/manifest.json` into frozen records for the deploy step.

Input: the manifest written by `connectc build` (docs/manifest.md, version 1).
Output: a `Manifest`, or None with CC7002/CC7003 reported. Pure Python: no CDK.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connectc.diagnostics import Diagnostics, Span, file_span

MANIFEST_VERSION = 1
FLOW_KINDS = ("flow", "module")


@dataclass(frozen=True)
class Link:
    """A project-internal `${Flow.X}`/`${Module.X}` left in a flow's content."""

    token: str
    target: str
    kind: str


@dataclass(frozen=True)
class Release:
    """Who and when: the release name, git SHA and build time, each optional."""

    name: str | None = None
    git_sha: str | None = None
    time: str | None = None


@dataclass(frozen=True)
class FlowEntry:
    """One compiled flow or module as the manifest lists it."""

    name: str
    kind: str
    type: str | None
    path: str
    sha256: str = ""
    description: str = ""
    tags: Mapping[str, str] = field(default_factory=dict)
    tokens: tuple[str, ...] = ()
    lambdas: tuple[str, ...] = ()
    lex_bots: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def is_module(self) -> bool:
        return self.kind == "module"


@dataclass(frozen=True)
class Manifest:
    """The whole manifest of one environment's build."""

    project: str
    environment: str
    account: str
    region: str
    instance_arn: str
    release: Release
    flows: tuple[FlowEntry, ...]
    path: str = "manifest.json"

    def flow(self, name: str) -> FlowEntry | None:
        return next((f for f in self.flows if f.name == name), None)

    @property
    def lambdas(self) -> list[str]:
        """Every Lambda alias ARN used, once, sorted."""
        return sorted({arn for f in self.flows for arn in f.lambdas})

    @property
    def lex_bots(self) -> list[str]:
        """Every Lex V2 bot alias ARN used, once, sorted."""
        return sorted({arn for f in self.flows for arn in f.lex_bots})


class ManifestError(ValueError):
    """Raised by the construct helpers (not by passes) on an unusable manifest."""


def load_manifest(path: Path, diagnostics: Diagnostics) -> Manifest | None:
    """Read and check a manifest file; report and return None when unusable."""
    span = file_span(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        diagnostics.report("CC7002", span, str(path), _reason(error))
        return None
    except json.JSONDecodeError as error:
        span = Span(str(path), error.lineno, error.colno)
        diagnostics.report("CC7002", span, str(path), error.msg)
        return None
    return parse_manifest(data, diagnostics, span)


def parse_manifest(
    data: object, diagnostics: Diagnostics, span: Span | None = None
) -> Manifest | None:
    """Check the shape of an already decoded manifest."""
    span = span or Span("manifest.json")
    before = len(diagnostics)
    reader = _Reader(diagnostics, span)
    manifest = reader.manifest(data)
    if len(diagnostics) > before or manifest is None:
        return None
    return manifest


def _reason(error: OSError | UnicodeDecodeError) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return "not UTF-8 text"


@dataclass
class _Reader:
    """Walks the decoded JSON, reporting each shape problem with its JSON path."""

    diagnostics: Diagnostics
    span: Span

    def fail(self, where: str, expected: str) -> None:
        self.diagnostics.report("CC7003", self.span, f"{where}: expected {expected}")

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value:
            self.fail(f"{where}.{key}", "a non-empty string")
            return ""
        return value

    def optional_text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "a string or null")
            return ""
        return value

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{where}.{key}", "a list of strings")
            return ()
        return tuple(value)

    def manifest(self, data: object) -> Manifest | None:
        if not isinstance(data, dict):
            self.fail("manifest", "a JSON object")
            return None
        version = data.get("manifest_version")
        if version != MANIFEST_VERSION:
            self.fail("manifest_version", f"{MANIFEST_VERSION}, found {version!r}")
            return None
        flows = data.get("flows")
        if not isinstance(flows, list):
            self.fail("flows", "a list")
            flows = []
        entries = [self.flow(f, f"flows[{i}]") for i, f in enumerate(flows)]
        self.check_unique(entries)
        return Manifest(
            project=self.text(data, "project", "manifest"),
            environment=self.text(data, "environment", "manifest"),
            account=self.text(data, "account", "manifest"),
            region=self.text(data, "region", "manifest"),
            instance_arn=self.text(data, "instance_arn", "manifest"),
            release=self.release(data.get("release")),
            flows=tuple(e for e in entries if e is not None),
            path=self.span.path,
        )

    def release(self, data: object) -> Release:
        if data is None:
            return Release()
        if not isinstance(data, dict):
            self.fail("release", "an object or null")
            return Release()
        values = [self.optional_text(data, k, "release") or None for k in _RELEASE]
        return Release(*values)

    def flow(self, data: object, where: str) -> FlowEntry | None:
        if not isinstance(data, dict):
            self.fail(where, "an object")
            return None
        kind = data.get("kind")
        if kind not in FLOW_KINDS:
            self.fail(f"{where}.kind", '"flow" or "module"')
        flow_type = data.get("type")
        if kind == "flow" and not isinstance(flow_type, str):
            self.fail(f"{where}.type", "a flow type such as CONTACT_FLOW")
        return FlowEntry(
            name=self.text(data, "name", where),
            kind=str(kind),
            type=flow_type if isinstance(flow_type, str) else None,
            path=self.text(data, "path", where),
            sha256=self.optional_text(data, "sha256", where),
            description=self.optional_text(data, "description", where),
            tags=self.tags(data.get("tags"), where),
            tokens=self.texts(data, "tokens", where),
            lambdas=self.texts(data, "lambdas", where),
            lex_bots=self.texts(data, "lex_bots", where),
            links=self.links(data.get("links", []), where),
        )

    def tags(self, data: object, where: str) -> dict[str, str]:
        if data is None:
            return {}
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            self.fail(f"{where}.tags", "an object of strings")
            return {}
        return dict(data)

    def links(self, data: object, where: str) -> tuple[Link, ...]:
        if not isinstance(data, list):
            self.fail(f"{where}.links", "a list")
            return ()
        links = []
        for i, item in enumerate(data):
            at = f"{where}.links[{i}]"
            if not isinstance(item, dict):
                self.fail(at, "an object")
                continue
            kind = item.get("kind")
            if kind not in FLOW_KINDS:
                self.fail(f"{at}.kind", '"flow" or "module"')
            token, target = self.text(item, "token", at), self.text(item, "target", at)
            links.append(Link(token, target, str(kind)))
        return tuple(links)

    def check_unique(self, entries: Sequence[FlowEntry | None]) -> None:
        seen: set[str] = set()
        for entry in entries:
            if entry is None or not entry.name:
                continue
            if entry.name in seen:
                self.fail("flows", f'unique names, "{entry.name}" appears twice')
            seen.add(entry.name)


_RELEASE = ("name", "git_sha", "time")
