"""Stage `emit`: compile a project and write `generated/<env>/` atomically.

`compile_project` runs load and every pass and returns the compiled flows;
`build_project` also writes flow JSON, module JSON and `manifest.json` into a
fresh directory that replaces the previous output only when all is written.
Release metadata comes from `--release`, git and SOURCE_DATE_EPOCH, never the
wall clock, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from connectc import atomic, config, loader, pipeline
from connectc.diagnostics import Diagnostics, Severity, Span
from connectc.ir import Flow, Project
from connectc.lowering import single_token

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class CompiledFlow:
    """A flow or module ready to deploy."""

    name: str
    kind: str
    type: str | None
    content: dict[str, Any]
    source: Path
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class Compilation:
    """What a compile produced: diagnostics, flows, and the project IR."""

    diagnostics: Diagnostics
    flows: list[CompiledFlow]
    project: Project
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


def compile_project(
    specs: Path,
    env: str,
    *,
    severities: dict[str, Severity] | None = None,
    selection: config.Selection | None = None,
) -> Compilation:
    """Load, check and lower every spec under `specs` for environment `env`."""
    diagnostics = Diagnostics(severities=dict(severities or {}))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    project = loader.load_project(specs, env, diagnostics)
    _check_deploy_settings(project, env, diagnostics)
    timings["load"] = time.perf_counter() - started
    pipeline.run(project, diagnostics, timings)
    # The output is always the whole project: a build of one file or folder
    # still writes every flow, so generated/<env> never loses the others.
    flows = [_compiled(flow) for flow in project.flows if _complete(flow)]
    compilation = Compilation(diagnostics, flows, project, timings)
    check_output_names(compilation)
    _drop_context(project, diagnostics)
    _report_incomplete_context(project, diagnostics)
    config.apply(project, diagnostics, selection or config.Selection())
    return compilation


def _check_deploy_settings(
    project: Project, env: str, diagnostics: Diagnostics
) -> None:
    """The release and deploy-access settings, checked where `synth` will read
    them (CC7006, CC7017), so that `check` finds a mistake before a deploy."""
    from connectc.cdk.access_settings import read_access_settings
    from connectc.cdk.release import read_release_settings

    if not project.settings:
        return
    read_release_settings(project.root, env, diagnostics)
    if project.settings.get("deploy_access") is not None:
        read_access_settings(project.root, diagnostics)


def _drop_context(project: Project, diagnostics: Diagnostics) -> None:
    """Findings in spec files loaded only as context for a partial build."""
    if project.selected is None:
        return
    context = {f.source.path for f in project.flows} - project.selected
    diagnostics.items = [d for d in diagnostics.items if d.span.path not in context]


def _report_incomplete_context(project: Project, diagnostics: Diagnostics) -> None:
    """Flows outside a partial build's selection that do not compile (CC5004)."""
    if project.selected is None:
        return
    for flow in project.flows:
        if not project.is_selected(flow.source.path) and not _complete(flow):
            diagnostics.report("CC5004", Span(flow.source.path), flow.name)


def _complete(flow: Flow) -> bool:
    return flow.content is not None and "Actions" in flow.content and not flow.broken


def _compiled(flow: Flow) -> CompiledFlow:
    assert flow.content is not None
    return CompiledFlow(
        flow.name,
        flow.kind,
        flow.type,
        flow.content,
        flow.file,
        flow.description,
        dict(flow.tags),
    )


def render(content: dict[str, Any]) -> bytes:
    """The bytes of a flow file: UTF-8 JSON, two-space indent, final newline.

    orjson writes the same bytes as `json.dumps(indent=2, ensure_ascii=False)`
    fifty times faster; integers beyond 64 bits (possible in raw parameters)
    fall back to the standard library.
    """
    try:
        return orjson.dumps(content, option=orjson.OPT_INDENT_2 | _NEWLINE)
    except TypeError:
        text = json.dumps(content, ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8")


_NEWLINE = orjson.OPT_APPEND_NEWLINE


def release_info(root: Path, name: str | None) -> dict[str, str | None]:
    """Release name, git SHA and time, from the arguments, git and the environment."""
    sha = _git(root, "rev-parse", "HEAD")
    when = _epoch_time(os.environ.get("SOURCE_DATE_EPOCH"))
    if when is None and sha is not None:
        committed = _git(root, "show", "-s", "--format=%ct", "HEAD")
        when = _epoch_time(committed)
    return {"name": name, "git_sha": sha, "time": when}


_EPOCH = re.compile(r"^[0-9]{1,12}$")


def _epoch_time(epoch: str | None) -> str | None:
    """Seconds since 1970 as UTC ISO 8601 (`...Z`); None if unset or unusable."""
    if not epoch:
        return None
    if not _EPOCH.match(epoch):
        log.warning("ignoring SOURCE_DATE_EPOCH=%r: not a number of seconds", epoch)
        return None
    try:
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    except (OverflowError, OSError, ValueError):
        log.warning("ignoring SOURCE_DATE_EPOCH=%r: out of range", epoch)
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(root: Path, *args: str) -> str | None:
    if not (root / ".git").exists():
        return None
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    output = result.stdout.strip()
    return output if result.returncode == 0 and output else None


def manifest(
    compilation: Compilation, files: dict[str, bytes], release: dict[str, str | None]
) -> dict[str, Any]:
    """The manifest of a build: what each flow is, uses and needs."""
    project = compilation.project
    env = project.environment
    entries = []
    for compiled in compilation.flows:
        flow = project.flow(compiled.name)
        assert flow is not None
        path = output_path(compiled)
        entries.append(_entry(project, flow, compiled, path, files[path]))
    return {
        "manifest_version": MANIFEST_VERSION,
        "project": project.name,
        "environment": env.name if env else None,
        "account": env.account if env else None,
        "region": env.region if env else None,
        "instance_arn": env.instance if env else None,
        "release": release,
        "flows": entries,
    }


def _entry(
    project: Project, flow: Flow, compiled: CompiledFlow, path: str, data: bytes
) -> dict[str, Any]:
    tokens = sorted({use.text for use in flow.tokens})
    by_service: dict[str, set[str]] = {"Lambda": set(), "Lex": set()}
    for use in flow.tokens:
        value = project.resolved.get(use.text)
        if use.service in by_service and value is not None:
            by_service[use.service].add(value)
    links = [
        {"token": t, "target": project.links[t], "kind": _link_kind(t)}
        for t in tokens
        if t in project.links
    ]
    return {
        "name": compiled.name,
        "kind": compiled.kind,
        "type": compiled.type,
        "description": compiled.description or "",
        "tags": compiled.tags,
        "path": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "tokens": tokens,
        "lambdas": sorted(by_service["Lambda"]),
        "lex_bots": sorted(by_service["Lex"]),
        "links": links,
    }


def _link_kind(token: str) -> str:
    parsed = single_token(token)
    return "module" if parsed is not None and parsed.service == "Module" else "flow"


_UNSAFE = re.compile(r"[^\w .()+@-]")


def file_name(name: str) -> str:
    """A flow name as a file name: path separators and other characters that
    some file systems refuse become `_`; it never starts with a dot."""
    safe = _UNSAFE.sub("_", name).strip().lstrip(".")
    return safe or "_"


def output_path(compiled: CompiledFlow) -> str:
    folder = "modules" if compiled.kind == "module" else "flows"
    return f"{folder}/{file_name(compiled.name)}.json"


def check_output_names(compilation: Compilation) -> None:
    """CC5002 when two flows would be written to one file (also on file systems
    that ignore case)."""
    seen: dict[str, CompiledFlow] = {}
    for compiled in compilation.flows:
        key = output_path(compiled).casefold()
        first = seen.setdefault(key, compiled)
        if first is compiled:
            continue
        flow = compilation.project.flow(compiled.name)
        assert flow is not None
        span = flow.span((compiled.kind,))
        compilation.diagnostics.report(
            "CC5002", span, compiled.name, first.name, output_path(compiled)
        )


def _target_problem(target: Path) -> str | None:
    """Why the build must not replace `target`, if it must not."""
    if not target.exists():
        return None
    if not target.is_dir():
        return "it is a file, not a directory"
    if any(target.iterdir()) and not (target / "manifest.json").is_file():
        return "it is not empty and holds no manifest.json from an earlier build"
    return None


def build_project(
    specs: Path,
    env: str,
    *,
    out: Path | None = None,
    release: str | None = None,
    severities: dict[str, Severity] | None = None,
    selection: config.Selection | None = None,
) -> Compilation:
    """Compile, then write the output directory if there are no errors."""
    compilation = compile_project(
        specs, env, severities=severities, selection=selection
    )
    if not compilation.ok:
        return compilation
    project = compilation.project
    target = out if out is not None else project.root / "generated" / env
    problem = _target_problem(target)
    if problem is not None:
        span = Span(loader.display_path(target, project.root))
        compilation.diagnostics.report("CC5003", span, f'"{target}"', problem)
        return compilation
    files = {output_path(c): render(c.content) for c in compilation.flows}
    info = release_info(project.root, release)
    document = manifest(compilation, files, info)
    files["manifest.json"] = render(document)
    try:
        write_tree(target, files)
    except OSError as error:
        span = Span(loader.display_path(target, project.root))
        compilation.diagnostics.report(
            "CC5001", span, f'"{target}"', error.strerror or error
        )
    return compilation


def write_tree(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a new directory, then swap it in place of `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        os.chmod(staging, _directory_mode(target))
        for relative, data in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _directory_mode(target: Path) -> int:
    """The replaced directory's mode, else a new one's (not mkdtemp's 0700)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return atomic.new_mode(directory=True)


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    try:
        staging.rename(target)
    except OSError:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
