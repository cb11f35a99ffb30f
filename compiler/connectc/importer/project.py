"""`connectc import`: read exports, write specs and bindings into a project.

Input: paths, an environment name and a project directory. Output: an
`ImportSummary` (imported, skipped with reason, files planned and written).
Every file is planned first; nothing is written when a planned file would
replace different content without `force`, or when a spec would not build
back to its export with the bindings the environment file will hold. Files
are replaced atomically. Codes: CC6012, CC6014, CC6015, CC6016, CC6018,
CC6020 (and the readers', writer's and merge's codes).
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import yaml

from connectc import atomic
from connectc.diagnostics import Diagnostic, Diagnostics, Span
from connectc.importer import envfile, readers, specwriter
from connectc.importer.placeholders import is_placeholder
from connectc.importer.readers import Document
from connectc.importer.specwriter import SpecFile, file_stem, write_spec
from connectc.importer.tokens import Tokenizer, TokenTable
from connectc.importer.verify import RoundTrip, round_trip
from connectc.yamlio import load_file, read_regular, strings

log = logging.getLogger(__name__)

FORMATS = ("spec", "template")
ENV_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # as the build reads them
TOKEN = re.compile(r"\$\{([A-Za-z][A-Za-z0-9]*)\.([\w\-]+(?:\.[\w\-]+)?)\}")
INSTANCE_ARN = re.compile(
    r"arn:aws[\w-]*:connect:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):instance/([\w-]+)"
)
ACCOUNT_ARN = re.compile(
    r"arn:aws[\w-]*:(?:lambda|lex):([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):"
)
MAX_ATTEMPTS = 4
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The provenance line names the export's file: it alone does not make a change.
PROVENANCE = re.compile("(?m)^" + re.escape(specwriter.PROVENANCE) + ".*\n")


@dataclass(frozen=True)
class PlannedWrite:
    """One file the import writes (or would write): what, where, and how."""

    path: Path
    relative: str
    action: str  # create, update, unchanged or conflict
    text: str
    previous: str | None = None


@dataclass(frozen=True)
class ImportedFlow:
    """One flow or module the import turned into a spec."""

    name: str
    kind: str
    type: str | None
    source: Path
    origin: str
    spec: str
    blocks: int
    raw_blocks: int
    round_trip: bool | None  # None: not checked
    refused_by: tuple[str, ...] = ()  # codes of the build's checks it fails


@dataclass
class ImportSummary:
    """What `import_paths` did, for the CLI to print."""

    out: Path
    env: str
    imported: list[ImportedFlow] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    writes: list[PlannedWrite] = field(default_factory=list)
    bindings_added: list[str] = field(default_factory=list)
    bindings_kept: list[str] = field(default_factory=list)
    bindings_replaced: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    refused: bool = False  # a conflict or a mismatch: nothing may be written

    def render(self, *, contents: bool = False) -> str:
        """A human summary; with `contents`, the planned files or their diffs."""
        return "\n".join(_render(self, contents)) + "\n"


def import_paths(
    paths: list[Path],
    env: str,
    out: Path,
    *,
    force: bool,
    dry_run: bool,
    format: str,
    diagnostics: Diagnostics,
    verify: bool = True,
) -> ImportSummary:
    """Import every flow found under `paths` into the project at `out`.

    `format` is "spec" (YAML specs) or "template" (flow.json.tmpl + meta.yaml).
    `verify` builds each spec back and falls back to the raw verb for any
    block whose lowered form differs from the export (CC6015 if one remains).
    """
    summary = ImportSummary(out, env, dry_run=dry_run)
    if not _check_arguments(env, format, out, diagnostics):
        return summary
    read = readers.read_paths(paths, diagnostics)
    summary.skipped += read.skipped
    documents = _unique(read.documents, diagnostics, summary)
    env_path = out / "env" / f"{env}.yaml"
    existing_env = _read_existing(env_path, diagnostics)
    table = TokenTable(existing=envfile.existing_bindings(existing_env))
    template = format == "template"
    settings = _check_settings(out, diagnostics)
    specs = _import_all(documents, table, diagnostics, summary, verify, template,
                        settings)  # fmt: skip
    used = _used_bindings(specs, table, template)
    place, foreign = _place(documents, env, existing_env, diagnostics)
    refused = _check_bindings(used, env, place, env_path, diagnostics)
    _note_placeholders(used, env_path, diagnostics)
    _mark_refusals(summary, specs, refused, foreign, template)
    if not specs:
        return summary  # nothing imported, nothing written
    files = _project_files(out, env, specs, template, summary)
    env_text = _env_text(existing_env, env_path, env, place, used, force, diagnostics,
                         summary)  # fmt: skip
    if env_text is not None:
        files[env_path] = env_text
    summary.writes = _plan(out, files, force, diagnostics)
    summary.writes += _other_format(out, specs, template, diagnostics)
    mismatch = False
    if verify and (env_text is not None or not used):
        on_disk = envfile.existing_bindings(env_text)
        mismatch = _verify_on_disk(specs, table, on_disk, summary, diagnostics,
                                   template, settings)  # fmt: skip
    summary.refused = (
        env_text is None
        and bool(used)
        or mismatch
        or any(w.action == "conflict" for w in summary.writes)
    )
    if not dry_run and not summary.refused:
        summary.written = _write(summary.writes, diagnostics)
    return summary


def _check_arguments(
    env: str, format: str, out: Path, diagnostics: Diagnostics
) -> bool:
    if format not in FORMATS:
        message = f'unknown import format "{format}"; expected "spec" or "template"'
        diagnostics.report("CC0015", Span(str(out)), message)
        return False
    if not ENV_NAME.match(env):
        message = f'environment name "{env}" may hold only letters, digits, "-" and "_"'
        diagnostics.report("CC0015", Span(str(out)), message)
        return False
    return True


def _unique(
    documents: list[Document], diagnostics: Diagnostics, summary: ImportSummary
) -> list[Document]:
    """Documents with distinct names and distinct spec files: file names are
    compared as case-blind, Unicode-normalised file systems compare them."""
    seen: dict[tuple[str, str], Document] = {}
    kept = []
    for document in documents:
        key = (document.kind, _file_key(document.name))
        first = seen.get(key)
        if first is None:
            seen[key] = document
            kept.append(document)
            continue
        diagnostics.report(
            "CC6016", document.span, document.name, document.label, first.name,
            first.label, notes=_collision_notes(document, first),
        )  # fmt: skip
        reason = f'duplicate name "{document.name}" [CC6016]'
        summary.skipped.append((document.source, reason))
    return kept


def _file_key(name: str) -> str:
    return unicodedata.normalize("NFC", file_stem(name)).casefold()


def _collision_notes(document: Document, first: Document) -> list[str]:
    if first.name == document.name:
        return []
    if first.name.casefold() == document.name.casefold():
        return ["the names differ only in case; their spec files would collide"]
    folder = "modules" if document.kind == "module" else "flows"
    where = f"specs/{folder}/{file_stem(document.name)}.yaml"
    return [f'"{first.name}" and "{document.name}" would both be written to {where}']


def _read_existing(path: Path, diagnostics: Diagnostics) -> str | None:
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        diagnostics.report("CC6001", Span(str(path)), path, str(error))
        return None


# --- documents -------------------------------------------------------------


def _import_all(
    documents: list[Document],
    table: TokenTable,
    diagnostics: Diagnostics,
    summary: ImportSummary,
    verify: bool,
    template: bool,
    settings: dict[str, Any],
) -> list[SpecFile]:
    specs = []
    for document in documents:
        result = _import_document(document, table, diagnostics, verify, template,
                                  settings)  # fmt: skip
        if result is None:
            summary.skipped.append((document.source, f'"{document.name}" not imported'))
            continue
        spec, exact, checks = result
        specs.append(spec)
        summary.imported.append(
            ImportedFlow(
                document.name, document.kind, document.type, document.source,
                document.origin, str(spec.path(template)), len(spec.spec["blocks"]),
                len(spec.raw), exact, tuple(sorted({d.code for d in checks})),
            )
        )  # fmt: skip
    return specs


def _import_document(
    document: Document,
    table: TokenTable,
    diagnostics: Diagnostics,
    verify: bool,
    template: bool,
    settings: dict[str, Any],
) -> tuple[SpecFile, bool | None, list[Diagnostic]] | None:
    """The spec for one document; typed blocks that do not build back go raw.

    Also whether it builds back exactly (None: not checked) and the errors of
    the build's quality gates it fails.
    """
    tokenizer = Tokenizer(table, _metadata(document))
    spec = write_spec(document, tokenizer, diagnostics)
    if spec is None or not verify:
        return None if spec is None else (spec, None, [])
    forced: set[str] = set()
    for _ in range(MAX_ATTEMPTS):
        values = {use.text: use.value for use in table.uses.values()}
        found = _round_trip(spec, values, template, settings, diagnostics)
        if found is None:
            return spec, False, []
        result = found
        if result.exact:
            _report_checks(document, result.checks, diagnostics)
            return spec, True, result.checks
        more = _to_force(result.differences, spec) - forced
        if template or not more:
            break
        forced |= more
        rewritten = write_spec(document, tokenizer, Diagnostics(), raw=forced)
        if rewritten is None:
            break
        spec = rewritten
    diagnostics.report("CC6015", document.span, document.name, result.summary())
    return spec, False, []


def _round_trip(
    spec: SpecFile,
    values: dict[str, str],
    template: bool,
    settings: dict[str, Any],
    diagnostics: Diagnostics,
) -> RoundTrip | None:
    """`round_trip`, or None (CC6015 reported) when the compiler itself failed."""
    try:
        return round_trip(spec, values, template=template, settings=settings)
    except Exception as error:  # the check must never sink the import
        log.exception("round trip of %s failed", spec.document.name)
        problem = f"the build failed while checking it ({error})"
        diagnostics.report("CC6015", spec.document.span, spec.document.name, problem)
        return None


def _report_checks(
    document: Document, checks: list[Diagnostic], diagnostics: Diagnostics
) -> None:
    """CC6027: the spec is faithful, but the build's quality gates refuse it."""
    if not checks:
        return
    first, *rest = checks
    shown = f"{first.message} [{first.code}]"
    notes = [f"{d.message} [{d.code}]" for d in rest]
    diagnostics.report("CC6027", document.span, document.name, shown, notes=notes)


def _verify_on_disk(
    specs: list[SpecFile],
    table: TokenTable,
    on_disk: dict[str, dict[str, str]],
    summary: ImportSummary,
    diagnostics: Diagnostics,
    template: bool,
    settings: dict[str, Any],
) -> bool:
    """Check each spec again where a binding on disk differs from the export.

    The first check used the export's own values; what `connectc build` will
    use is the environment file after the merge. True when a spec would then
    build to something else (reported as CC6013 by the merge, else CC6015).
    """
    kept = set(summary.bindings_kept)
    mismatch = False
    for index, spec in enumerate(specs):
        values, changed = _values_on_disk(spec, table, on_disk, template)
        if not changed:
            continue
        result = _round_trip(spec, values, template, settings, diagnostics)
        if result is not None and result.exact:
            continue
        mismatch = True
        summary.imported[index] = replace(summary.imported[index], round_trip=False)
        if result is not None and not changed <= kept:
            notes = [f"{token} is bound to another value in env/{summary.env}.yaml"
                     for token in sorted(changed - kept)]  # fmt: skip
            name = spec.document.name
            diagnostics.report(
                "CC6015", spec.document.span, name, result.summary(), notes=notes
            )
    return mismatch


def _values_on_disk(
    spec: SpecFile,
    table: TokenTable,
    on_disk: dict[str, dict[str, str]],
    template: bool,
) -> tuple[dict[str, str], set[str]]:
    """The token values `spec` builds with, and the tokens that differ."""
    values = {use.text: use.value for use in table.uses.values()}
    changed: set[str] = set()
    text = "".join(spec.files(template).values())
    for service, entity in set(TOKEN.findall(text)):
        use = table.uses.get((service, entity))
        value = on_disk.get(service, {}).get(entity) if use else None
        if use is None or value is None or value == use.value:
            continue
        if is_placeholder(use.value) and not is_placeholder(value):
            continue  # what was filled in for the placeholder: it stands for it
        values[use.text] = value
        changed.add(use.text)
    return values, changed


LEVELS = ("error", "warning", "note", "off")


def _check_settings(out: Path, diagnostics: Diagnostics) -> dict[str, Any]:
    """`severities:` and `ignore:` of the project's connectc.yaml, the entries
    the build accepts, so that the round trip's checks judge flows as it will.
    A connectc.yaml the build cannot read is reported here as the build will."""
    from connectc import config

    path = out / config.PROJECT_FILE
    if not path.exists():
        return {}
    data = load_file(str(path), diagnostics, str(path)).data
    data = data if isinstance(data, dict) else {}
    levels = data.get("severities")
    ignore = data.get("ignore")
    settings: dict[str, Any] = {
        "severities": {
            str(code): level
            for code, level in (levels.items() if isinstance(levels, dict) else ())
            if level in LEVELS and not config.unknown([str(code)])
        },
        "ignore": [
            code
            for code in (ignore if isinstance(ignore, list) else ())
            if isinstance(code, str) and not config.unknown([code])
        ],
    }
    return {key: value for key, value in settings.items() if value}


def _metadata(document: Document) -> dict[str, Any]:
    metadata = document.content.get("Metadata")
    return metadata if isinstance(metadata, dict) else {}


def _to_force(differences: list[Any], spec: SpecFile) -> set[str]:
    """Original Identifiers of the blocks a difference points at."""
    by_name = {name: identifier for identifier, name in spec.names.items()}
    found = {d.block for d in differences if d.block}
    for difference in differences:
        other = str(difference.other)
        base = re.sub(r"_\d+$", "", other)
        for name in (other, base):
            if not difference.block and name in by_name:
                found.add(by_name[name])
    return found


def _used_bindings(
    specs: list[SpecFile], table: TokenTable, template: bool
) -> list[envfile.Binding]:
    """The bindings the written specs use, each once, in a stable order."""
    texts = "".join(text for spec in specs for text in spec.files(template).values())
    seen = set()
    used = []
    for service, entity in TOKEN.findall(texts):
        use = table.uses.get((service, entity))
        if use is not None and (service, entity) not in seen:
            seen.add((service, entity))
            used.append((service, entity, use.value))
    return used


# --- environment -----------------------------------------------------------


def _place(
    documents: list[Document],
    env: str,
    existing: str | None,
    diagnostics: Diagnostics,
) -> tuple[envfile.Place, set[str]]:
    """Account, region and instance named by the documents' ARNs (most common),
    and the names of the documents that name another instance (CC6020)."""
    instances: Counter[tuple[str, str, str]] = Counter()
    accounts: Counter[tuple[str, str]] = Counter()
    per_document: dict[int, set[tuple[str, str, str]]] = {}
    for index, document in enumerate(documents):
        found = set()
        for _, text in strings(document.content.get("Actions")):
            found |= set(INSTANCE_ARN.findall(text))
            accounts.update(ACCOUNT_ARN.findall(text))
        instances.update(found)
        per_document[index] = found
    place = envfile.Place()
    if instances:
        region, account, instance = instances.most_common(1)[0][0]
        place = envfile.Place(account, region, _instance_arn(region, account, instance))
    elif accounts:
        region, account = accounts.most_common(1)[0][0]
        place = envfile.Place(account, region)
    current = _current_instance(existing) or place.instance
    foreign: set[str] = set()
    for index, found in per_document.items():
        for region, account, instance in sorted(found):
            arn = _instance_arn(region, account, instance)
            if arn != current and not is_placeholder(current):
                document = documents[index]
                what = f'{document.kind} "{document.name}"'
                diagnostics.report("CC6020", document.span, what, arn, env, current)
                foreign.add(document.name)
                break
    return place, foreign


def _check_bindings(
    used: list[envfile.Binding],
    env: str,
    place: envfile.Place,
    path: Path,
    diagnostics: Diagnostics,
) -> dict[str, str]:
    """CC6025 for values whose shape the build refuses (not their place).

    Returns each such token with the code the build will report.
    """
    from connectc import bindings
    from connectc.ir import Environment

    scratch = Environment(env, place.account, place.region, place.instance, {},
                          cast(Any, None), path)  # fmt: skip
    refused: dict[str, str] = {}
    for service_name, entity, value in used:
        service = bindings.SERVICES.get(service_name)
        if service is None or is_placeholder(value):
            continue
        problem = bindings.check_binding(service, entity, value, scratch)
        if problem is not None and problem[0] in _BINDING_PROBLEMS:
            detail = _BINDING_PROBLEMS[problem[0]]
            token = f"${{{service_name}.{entity}}}"
            notes = [f"build reports it as {problem[0]}"]
            diagnostics.report(
                "CC6025", Span(str(path)), token, value, detail, notes=notes
            )
            refused[token] = problem[0]
    return refused


def _mark_refusals(
    summary: ImportSummary,
    specs: list[SpecFile],
    refused: dict[str, str],
    foreign: set[str],
    template: bool,
) -> None:
    """Add to each flow the codes the build will refuse its bindings with."""
    for index, spec in enumerate(specs):
        text = "".join(spec.files(template).values())
        codes = {code for token, code in refused.items() if token in text}
        if spec.document.name in foreign:
            codes.add("CC3002")
        if codes:
            flow = summary.imported[index]
            codes |= set(flow.refused_by)
            summary.imported[index] = replace(flow, refused_by=tuple(sorted(codes)))


def _note_placeholders(
    used: list[envfile.Binding], path: Path, diagnostics: Diagnostics
) -> None:
    for service, entity, value in used:
        if is_placeholder(value):
            token = f"${{{service}.{entity}}}"
            diagnostics.report("CC6017", Span(str(path)), value, token)


_BINDING_PROBLEMS = {
    "CC3001": "it does not have the shape of its service's values",
    "CC3003": "a Lambda must be bound to a published alias, not an unqualified "
    "or $LATEST ARN",
    "CC3004": "it is not a valid E.164 phone number",
}


def _instance_arn(region: str, account: str, instance: str) -> str:
    return f"arn:aws:connect:{region}:{account}:instance/{instance}"


def _current_instance(existing: str | None) -> str | None:
    if not existing:
        return None
    match = re.search(r"(?m)^instance:\s*['\"]?([^'\"\s#]+)", existing)
    return match.group(1) if match else None


def _env_text(
    existing: str | None,
    path: Path,
    env: str,
    place: envfile.Place,
    used: list[envfile.Binding],
    force: bool,
    diagnostics: Diagnostics,
    summary: ImportSummary,
) -> str | None:
    if existing is None:
        if envfile.PLACEHOLDER_INSTANCE in place.values().values():
            diagnostics.report("CC6018", Span(str(path)), env)
        summary.bindings_added = [_token(b) for b in used]
        return envfile.new_file(env, place, used)
    merged = envfile.merge(
        existing, str(path), place, used, force=force, diagnostics=diagnostics
    )
    summary.bindings_added = [_token(b) for b in merged.added]
    summary.bindings_kept = [f"${{{s}.{e}}}" for s, e, _, _ in merged.kept]
    summary.bindings_replaced = [_token(b) for b in merged.replaced]
    return merged.text


def _token(binding: envfile.Binding) -> str:
    return f"${{{binding[0]}.{binding[1]}}}"


# --- files -----------------------------------------------------------------


def _project_files(
    out: Path,
    env: str,
    specs: list[SpecFile],
    template: bool,
    summary: ImportSummary,
) -> dict[Path, str]:
    """Every file to write; a flow the project keeps in a spec of another
    name (the user moved it) is written where it is, not a second time."""
    files: dict[Path, str] = {}
    settings = out / "connectc.yaml"
    if not settings.exists():
        files[settings] = _settings_text(out, env)
    kept = {} if template else _kept_specs(out)
    for index, spec in enumerate(specs):
        for relative, text in spec.files(template).items():
            path = kept.get((spec.document.kind, spec.document.name), out / relative)
            files[path] = text
            if path != out / relative:
                moved = str(path.relative_to(out))
                summary.imported[index] = replace(summary.imported[index], spec=moved)
    return files


def _kept_specs(out: Path) -> dict[tuple[str, str], Path]:
    """(kind, name) -> the YAML spec that defines it in the project."""
    found: dict[tuple[str, str], Path] = {}
    for path in sorted((out / "specs").glob("*/**/*.yaml")):
        if path.name == "meta.yaml":  # a template's, not a spec
            continue
        try:
            data = yaml.load(read_regular(path), Loader=_SAFE_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        for kind in ("flow", "module"):
            name = data.get(kind) if isinstance(data, dict) else None
            if isinstance(name, str):
                found.setdefault((kind, name), path)
    return found


def _settings_text(out: Path, env: str) -> str:
    name = re.sub(r"[^\w.-]+", "-", out.resolve().name).strip("-") or "imported"
    return (
        "# connectc project settings: marks the project root "
        "(see docs/spec-language.md).\n"
        f"project: {name}\n"
        "environments:\n"
        f"  {env}: {{}}\n"
    )


def _plan(
    out: Path, files: dict[Path, str], force: bool, diagnostics: Diagnostics
) -> list[PlannedWrite]:
    planned = []
    for path, text in files.items():
        relative = str(path.relative_to(out)) if path.is_relative_to(out) else str(path)
        previous = _read_existing(path, Diagnostics()) if path.exists() else None
        if path.exists() and previous is None:
            action = "conflict"
        elif previous is None:
            action = "create"
        elif _without_provenance(previous) == _without_provenance(text):
            action = "unchanged"  # the same flow, exported to another file name
        elif force or path.name.endswith(".yaml") and path.parent.name == "env":
            action = "update"
        else:
            action = "conflict"
        if action == "conflict":
            diagnostics.report("CC6012", Span(str(path)), relative)
        planned.append(PlannedWrite(path, relative, action, text, previous))
    return planned


def _without_provenance(text: str) -> str:
    return PROVENANCE.sub("", text, count=1)


def _other_format(
    out: Path, specs: list[SpecFile], template: bool, diagnostics: Diagnostics
) -> list[PlannedWrite]:
    """Conflicts with a flow the project already keeps in the other format:
    writing both would define the flow twice and the build would refuse it."""
    found = []
    for spec in specs:
        other = spec.path(template=not template)
        path = out / other
        if path.exists():
            relative = str(other)
            diagnostics.report("CC6028", Span(str(path)), relative)
            found.append(PlannedWrite(path, relative, "conflict", "", None))
    return found


def _write(writes: list[PlannedWrite], diagnostics: Diagnostics) -> bool:
    """Write every changed file to a temporary sibling, then rename them all."""
    pending = [w for w in writes if w.action in ("create", "update")]
    staged: list[tuple[Path, Path]] = []
    try:
        for write in pending:
            write.path.parent.mkdir(parents=True, exist_ok=True)
            data = _line_ends_kept(write, write.text.encode("utf-8"))
            staged.append((atomic.stage(write.path, data), atomic.target(write.path)))
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        diagnostics.report("CC6014", Span(str(write.path)), write.relative, str(error))
        return False
    for temporary, destination in staged:
        os.replace(temporary, destination)
        log.info("wrote %s", destination)
    return True


def _line_ends_kept(write: PlannedWrite, data: bytes) -> bytes:
    """CRLF again where the replaced file had it (a Windows editor's)."""
    if write.action != "update":
        return data
    try:
        crlf = b"\r\n" in atomic.target(write.path).read_bytes()
    except OSError:
        return data
    return data.replace(b"\n", b"\r\n") if crlf else data


# --- rendering -------------------------------------------------------------


def _render(summary: ImportSummary, contents: bool) -> Iterator[str]:
    yield _headline(summary)
    for flow in summary.imported:
        yield f"  {flow.kind:6} {flow.spec}  ({_flow_detail(flow)})"
    if summary.skipped:
        yield f"Skipped {len(summary.skipped)}:"
        for path, reason in summary.skipped:
            yield f"  {path}: {reason}"
    if summary.imported:
        yield _bindings_line(summary)
    if summary.writes:
        counts = Counter(w.action for w in summary.writes)
        shown = [f"{counts[a]} {word}" for a, word in FILE_STATES if counts[a]]
        yield "Files: " + ", ".join(shown)
    if contents:
        yield from _contents(summary.writes)


def _bindings_line(summary: ImportSummary) -> str:
    counts = [
        (len(summary.bindings_added), "new"),
        (len(summary.bindings_replaced), "replaced"),
        (len(summary.bindings_kept), "in conflict"),
    ]
    shown = [f"{n} {word}" for n, word in counts if n or word == "new"]
    return f"Bindings in env/{summary.env}.yaml: " + ", ".join(shown)


FILE_STATES = (
    ("create", "new"),
    ("update", "changed"),
    ("unchanged", "unchanged"),
    ("conflict", "in conflict"),
)


def _headline(summary: ImportSummary) -> str:
    modules = sum(1 for f in summary.imported if f.kind == "module")
    flows = len(summary.imported) - modules
    parts = [_count(flows, "flow"), _count(modules, "module")]
    what = " and ".join(part for part in parts if part)
    into = f"into {summary.out}"
    if not summary.imported:
        return f"Nothing imported {into} (nothing written)"
    if summary.dry_run:
        refused = "; it would be refused" if summary.refused else ""
        return f"Dry run: would import {what} {into} (nothing written{refused})"
    if summary.refused:
        return f"Import refused: nothing written to {summary.out} ({what} read)"
    if not summary.written:
        return f"Import failed: nothing written to {summary.out} ({what} read)"
    changed = sum(1 for w in summary.writes if w.action in ("create", "update"))
    state = f"{_count(changed, 'file')} written" if changed else "nothing to write"
    if not changed:
        state += ": up to date"
    failing = sum(1 for f in summary.imported if f.refused_by or f.round_trip is False)
    attention = f"; {failing} will not build as exported" if failing else ""
    return f"Imported {what} {into} ({state}){attention}"


def _count(number: int, noun: str) -> str:
    """`1 flow`, `2 flows`; empty for none."""
    if not number:
        return ""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _flow_detail(flow: ImportedFlow) -> str:
    detail = f"{flow.blocks} blocks, {flow.raw_blocks} raw"
    if flow.spec.endswith(".tmpl"):
        detail = f"{flow.blocks} actions"
    check = {True: "round trip exact", False: "ROUND TRIP DIFFERS", None: ""}
    note = check[flow.round_trip]
    if flow.refused_by:
        note += f"; the build refuses it ({', '.join(flow.refused_by)})"
    return detail + (", " + note if note else "")


def _contents(writes: list[PlannedWrite]) -> Iterator[str]:
    for write in writes:
        if write.action == "unchanged":
            continue
        yield f"--- {write.relative} ({write.action})"
        if write.previous is None:
            yield write.text.rstrip("\n")
        else:
            yield from (
                line.rstrip("\n")
                for line in difflib.unified_diff(
                    write.previous.splitlines(keepends=True),
                    write.text.splitlines(keepends=True),
                    fromfile=f"a/{write.relative}",
                    tofile=f"b/{write.relative}",
                )
            )
