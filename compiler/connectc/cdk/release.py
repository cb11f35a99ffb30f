"""Release strategies per environment, read from `connectc.yaml`, and release names.

```yaml
environments:
  test: {release: {strategy: in_place}}
  prod: {release: {strategy: versioned, keep: 3}}
```

`in_place` updates the same flows each release; `versioned` creates flows named
`<Name>-<YYYYMMDD>-<shortSHA>` in a stack of their own and keeps older releases
(docs/deploy.md). Reports CC7006 on a malformed setting. Pure Python: no CDK.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from connectc.cdk.manifest import Release
from connectc.diagnostics import Diagnostics, Span, file_span

STRATEGIES = ("in_place", "versioned")
DEFAULT_KEEP = 3
SHORT_SHA = 7
_SHA = re.compile(r"^[0-9a-fA-F]{7,40}$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ReleaseSettings:
    """How one environment releases: the strategy and how many releases to keep."""

    strategy: str = "in_place"
    keep: int = DEFAULT_KEEP

    @property
    def versioned(self) -> bool:
        return self.strategy == "versioned"


def read_release_settings(
    root: Path, env: str, diagnostics: Diagnostics
) -> ReleaseSettings:
    """The `environments.<env>.release` settings of the project at `root`.

    A missing file, environment or `release` key means `in_place`; a malformed
    value is reported (CC7006) and the default is used so later steps still run.
    """
    path = root / "connectc.yaml"
    data = _load(path)
    section = _dig(data, "environments", env, "release")
    if section is None:
        return ReleaseSettings()
    span = _span_of(path, "environments", env, "release")
    if not isinstance(section, dict):
        _bad(diagnostics, span, env, "release", "a mapping")
        return ReleaseSettings()
    return _settings(section, env, span, diagnostics)


def _settings(
    section: dict[Any, Any], env: str, span: Span, diagnostics: Diagnostics
) -> ReleaseSettings:
    for key in sorted(set(section) - {"strategy", "keep"}, key=str):
        _bad(diagnostics, span, env, str(key), "one of strategy, keep")
    strategy = section.get("strategy", "in_place")
    if strategy not in STRATEGIES:
        _bad(diagnostics, span, env, "strategy", '"in_place" or "versioned"')
        strategy = "in_place"
    keep = section.get("keep", DEFAULT_KEEP)
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        _bad(diagnostics, span, env, "keep", "a whole number of releases, 1 or more")
        keep = DEFAULT_KEEP
    return ReleaseSettings(strategy, keep)


def _bad(
    diagnostics: Diagnostics, span: Span, env: str, key: str, expected: str
) -> None:
    diagnostics.report("CC7006", span, env, key, expected)


def _load(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        # The project loader reports an unreadable connectc.yaml with its own
        # codes; here it only means "no release settings".
        return None


def _dig(data: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _span_of(path: Path, *keys: str) -> Span:
    """The line and column of a nested key, from the YAML node marks."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return file_span(path)
    found = None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        pair = next((p for p in node.value if p[0].value == key), None)
        if pair is None:
            break
        found, node = pair[0], pair[1]
    if found is None:
        return file_span(path)
    mark = found.start_mark
    return Span(str(path), mark.line + 1, mark.column + 1)


def release_label(release: Release) -> str | None:
    """`<YYYYMMDD>-<shortSHA>` for a release with a build time and git SHA."""
    if not release.time or not release.git_sha:
        return None
    date = _DATE.match(release.time)
    if date is None or not _SHA.match(release.git_sha):
        return None
    return "".join(date.groups()) + "-" + release.git_sha[:SHORT_SHA].lower()


def release_name(release: Release) -> str:
    """The name shown in outputs and tags: the release's own, else its label."""
    return release.name or release_label(release) or "unreleased"


def versioned_name(name: str, label: str) -> str:
    """A flow's name in a versioned release: `<Name>-<YYYYMMDD>-<shortSHA>`."""
    return f"{name}-{label}"


@dataclass(frozen=True)
class DeployedRelease:
    """A release already deployed: its label, build time and flow ARNs."""

    label: str
    time: str
    flow_arns: frozenset[str]


def releases_to_prune(
    releases: Sequence[DeployedRelease], keep: int, in_use: Iterable[str]
) -> list[DeployedRelease]:
    """The releases older than the newest `keep` that no entry point uses.

    Age is the release's build time (ISO 8601, so text order is time order).
    A release any of whose flows is still in `in_use` (ARNs that phone numbers
    or other entry points point at) is kept whatever its age.
    """
    used = set(in_use)
    newest_first = sorted(releases, key=lambda r: (r.time, r.label), reverse=True)
    return [r for r in newest_first[keep:] if not r.flow_arns & used]
