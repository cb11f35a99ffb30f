"""Stage `load`: find the project, read spec and environment files into the IR.

Input: a specs path and an environment name. Output: a `Project` with flows,
contracts and the environment, or coded diagnostics (CC00xx shape errors, CC0011
not a spec, CC0012 duplicate names, CC0014 nothing found, CC0015 configuration).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from connectc import model, validation
from connectc.diagnostics import Diagnostics, Span, did_you_mean
from connectc.ir import Block, Environment, Flow, Project, Transition
from connectc.yamlio import (
    Document,
    Path_,
    SourceMap,
    json_int,
    load_file,
    load_text,
    read_failure,
    read_regular,
)

log = logging.getLogger(__name__)

PROJECT_FILE = "connectc.yaml"
TEMPLATE_NAMES = ("flow.json.tmpl", "module.json.tmpl")


def find_root(specs: Path) -> Path:
    """The nearest directory at or above `specs` with connectc.yaml, else its parent."""
    start = specs.resolve()
    if start.is_file():
        start = start.parent
    for candidate in (start, *start.parents):
        if (candidate / PROJECT_FILE).is_file():
            return candidate
    return start.parent


def display_path(path: Path, root: Path) -> str:
    """A path as diagnostics hold it: relative to the project root if inside,
    else absolute (the command line shows both relative to where it runs)."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(root))
    except ValueError:
        return str(resolved)


def load_project(specs: Path, env: str | None, diagnostics: Diagnostics) -> Project:
    """Read everything a build needs; problems become diagnostics."""
    root = find_root(specs)
    settings = _load_settings(root, diagnostics)
    project = Project(root, str(settings.get("project") or root.name), settings)
    if env is not None:
        project.environment = load_environment(root, env, diagnostics)

    if not specs.exists():
        message = f'the specs path "{specs}" does not exist'
        diagnostics.report("CC0015", Span(display_path(specs, root)), message)
        return project
    files = _spec_files(specs)
    if not files:
        diagnostics.report("CC0014", Span(display_path(specs, root)), f'"{specs}"')
    everything = _project_specs(root, specs)
    if everything is not None:
        project.selected = {display_path(f, root) for f in files}
        files = everything
    for file in files:
        _load_spec(project, file, diagnostics)

    _check_duplicates(project, diagnostics)
    return project


def _project_specs(root: Path, specs: Path) -> list[Path] | None:
    """All of `<root>/specs` when `specs` is a file or folder inside it: the
    other flows and contracts are context (names, links, contracts)."""
    whole = root / "specs"
    inside = whole.resolve() in specs.resolve().parents
    return _spec_files(whole) if whole.is_dir() and inside else None


def _spec_files(specs: Path) -> list[Path]:
    if specs.is_file():
        return [specs]
    if not specs.is_dir():
        return []
    found = [p for p in specs.rglob("*") if p.is_file() and _is_spec_name(p)]
    return sorted(found)


def _is_spec_name(path: Path) -> bool:
    return (
        path.suffix in (".yaml", ".yml")
        and path.name != "meta.yaml"
        or (path.name in TEMPLATE_NAMES)
    )


def _load_settings(root: Path, diagnostics: Diagnostics) -> dict[str, Any]:
    path = root / PROJECT_FILE
    if not path.is_file():
        return {}
    diagnostics.configuration.add(PROJECT_FILE)
    document = load_file(str(path), diagnostics, PROJECT_FILE)
    if document.data is None:
        return {}
    data = _validate(model.ProjectFile, document.data, (), document.source, diagnostics)
    return data.model_dump() if data is not None else {}


_ENV_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def load_environment(
    root: Path, env: str, diagnostics: Diagnostics
) -> Environment | None:
    """Read `<root>/env/<env>.yaml`; CC0015 when it does not exist."""
    if not _ENV_NAME.match(env):
        message = f'environment name "{env}" may hold only letters, digits, "-" and "_"'
        diagnostics.report("CC0015", Span(PROJECT_FILE), message)
        return None
    path = root / "env" / f"{env}.yaml"
    shown = display_path(path, root)
    if not path.is_file():
        message = f'environment "{env}" has no file {shown}'
        diagnostics.report("CC0015", Span(shown), message)
        return None
    diagnostics.configuration.add(shown)
    before = len(diagnostics)
    document = load_file(str(path), diagnostics, shown)
    if document.data is None:
        if len(diagnostics) == before:
            message = f"{shown} is empty; it needs environment, account, region, "
            message += "instance and bindings"
            diagnostics.report("CC0015", Span(shown, 1, 1), message)
        return None
    data = _validate(model.EnvFile, document.data, (), document.source, diagnostics)
    if data is None:
        return None
    assert isinstance(data, model.EnvFile)
    if data.environment != env:
        span = document.source.span(("environment",))
        diagnostics.report("CC3007", span, data.environment, env)
    return Environment(
        data.environment,
        data.account,
        data.region,
        data.instance,
        _flatten_bindings(data.bindings),
        document.source,
        path,
    )


def _flatten_bindings(
    bindings: dict[str, dict[str, model.Binding]],
) -> dict[str, dict[str, str]]:
    flat: dict[str, dict[str, str]] = {}
    for service, entities in bindings.items():
        table = flat.setdefault(service, {})
        for entity, value in entities.items():
            if isinstance(value, dict):
                table.update({f"{entity}.{k}": v for k, v in value.items()})
            else:
                table[entity] = value
    return flat


def _load_spec(project: Project, file: Path, diagnostics: Diagnostics) -> None:
    shown = display_path(file, project.root)
    log.info("reading %s", shown)
    if file.name in TEMPLATE_NAMES:
        _load_template(project, file, shown, diagnostics)
        return
    before = len(diagnostics)
    document = load_file(str(file), diagnostics, shown)
    data = document.data
    if data is None:
        if len(diagnostics) == before:  # read fine, but holds no document
            reason = "it is empty (or holds only comments)"
            diagnostics.report("CC0011", Span(shown, 1, 1), f'"{shown}"', reason)
        return
    if not isinstance(data, dict):
        diagnostics.report("CC0011", Span(shown, 1, 1), f'"{shown}"', "not a mapping")
        return
    if "contract" in data:
        _load_contract(project, data, document, diagnostics)
    elif "flow" in data or "module" in data:
        flow = load_flow(data, document.source, file, diagnostics)
        if flow is not None:
            project.flows.append(flow)
    else:
        reason = "it has no flow:, module: or contract: key"
        diagnostics.report("CC0011", Span(shown, 1, 1), f'"{shown}"', reason)


def _load_contract(
    project: Project, data: dict[str, Any], document: Document, diagnostics: Diagnostics
) -> None:
    contract = _validate(model.ContractFile, data, (), document.source, diagnostics)
    if contract is None:
        return
    assert isinstance(contract, model.ContractFile)
    name, path = contract.contract, document.source.path
    first = project.contract_paths.setdefault(name, path)
    if first != path:
        span = document.source.span(("contract",))
        diagnostics.report("CC0012", span, f'contract "{name}"', first)
        return
    project.contracts[name] = contract.model_dump()


def load_flow(
    data: dict[str, Any], source: SourceMap, file: Path, diagnostics: Diagnostics
) -> Flow | None:
    """Validate a flow or module document and build its IR."""
    is_module = "module" in data
    shape = model.ModuleFile if is_module else model.FlowFile
    header = _validate(shape, data, (), source, diagnostics)
    if header is None:
        return None
    blocks: dict[str, Block] = {}
    failed: set[str] = set()
    for name, raw in header.blocks.items():  # type: ignore[attr-defined]
        block = load_block(name, raw, ("blocks", name), source, diagnostics)
        if block is not None:
            blocks[name] = block
        else:
            failed.add(name)
    flow = Flow(
        name=header.module if is_module else header.flow,  # type: ignore[attr-defined]
        kind="module" if is_module else "flow",
        type=None if is_module else header.type.upper(),  # type: ignore[attr-defined]
        start=header.start,  # type: ignore[attr-defined]
        blocks=blocks,
        source=source,
        file=file,
        description=header.description,  # type: ignore[attr-defined]
        tags=header.tags or {},  # type: ignore[attr-defined]
        ignore=tuple(header.ignore or ()),  # type: ignore[attr-defined]
        failed_blocks=failed,
        broken=bool(failed),
    )
    if is_module:
        flow.settings = header.settings  # type: ignore[attr-defined]
    return flow


def load_block(
    name: str, raw: Any, path: Path_, source: SourceMap, diagnostics: Diagnostics
) -> Block | None:
    """Find the block's verb, validate it with the verb's model, collect transitions."""
    span = source.span(path, key=True)
    if not isinstance(raw, dict):
        found = validation.describe(raw)
        diagnostics.report(
            "CC0007", source.span(path), f'block "{name}"', "a mapping", found
        )
        return None
    verbs = [key for key in raw if key in model.VERBS]
    if not verbs:
        unknown = [key for key in raw if key not in _TRANSITION_KEYS]
        shown = ", ".join(f'"{k}"' for k in unknown) or (
            "only transitions: " + ", ".join(f'"{k}"' for k in raw)
            if raw
            else "no keys"
        )
        notes = did_you_mean(unknown[0], model.VERBS) if unknown else []
        target = source.span((*path, unknown[0]), key=True) if unknown else span
        diagnostics.report("CC0009", target, name, shown, notes=notes)
        return None
    if len(verbs) > 1:
        shown = ", ".join(f'"{v}"' for v in verbs)
        diagnostics.report(
            "CC0010", source.span((*path, verbs[1]), key=True), name, shown
        )
        return None

    verb = verbs[0]
    validated = _validate(model.BLOCK_MODELS[verb], raw, path, source, diagnostics)
    if validated is None:
        return None
    argument = getattr(validated, verb)
    options = {"contract": getattr(validated, "contract", None)}
    options["contact"] = getattr(validated, "contact", None)
    options["ignore"] = tuple(getattr(validated, "ignore", None) or ())
    transitions = _transitions(validated, verb, path)
    return Block(name, verb, argument, transitions, path, options, raw, validated)


_TRANSITION_KEYS = set(model.TRANSITION_DOCS) | {
    "description",
    "ignore",
    "contract",
    "contact",
}


def _transitions(validated: BaseModel, verb: str, path: Path_) -> list[Transition]:
    found: list[Transition] = []
    fields = validated.__dict__  # pydantic's __getattr__ is slow for absent names
    for label in (*model.VERBS[verb].transitions, "error", "errors"):
        value = fields.get(label)
        found.extend(_transition_entries(label, value, (*path, label)))
    argument = getattr(validated, verb)
    if verb in ("branch", "split"):
        for index, case in enumerate(argument):
            found.append(
                Transition(f"{verb}.{index}", case.goto, (*path, verb, index, "goto"))
            )
    return found


def _transition_entries(label: str, value: Any, path: Path_) -> list[Transition]:
    if value is None:
        return []
    if isinstance(value, str):
        return [Transition(label, value, path)]
    if isinstance(value, dict):
        return [Transition(f"{label}.{k}", v, (*path, k)) for k, v in value.items()]
    return [
        Transition(f"{label}.{i}", item.goto, (*path, i, "goto"))
        for i, item in enumerate(value)
    ]


def _validate(
    shape: type[BaseModel],
    data: Any,
    path: Path_,
    source: SourceMap,
    diagnostics: Diagnostics,
) -> BaseModel | None:
    try:
        return shape.model_validate(data)
    except ValidationError as error:
        validation.report_errors(error, shape, data, path, source, diagnostics)
        return None


def _load_template(
    project: Project, file: Path, shown: str, diagnostics: Diagnostics
) -> None:
    """A `flow.json.tmpl` with its sibling `meta.yaml` (name, type, description)."""
    meta_path = file.parent / "meta.yaml"
    meta_shown = display_path(meta_path, project.root)
    if not meta_path.is_file():
        message = f"{shown} needs a meta.yaml beside it (flow: or module:, type:)"
        diagnostics.report("CC0015", Span(shown), message)
        return
    meta_doc = load_file(str(meta_path), diagnostics, meta_shown)
    read = _read_template(file, shown, diagnostics)
    if meta_doc.data is None or read is None:
        return
    content, text = read
    meta = dict(meta_doc.data) if isinstance(meta_doc.data, dict) else {}
    flow = _template_flow(
        meta, meta_doc.source, file, content, text, shown, diagnostics
    )
    if flow is not None:
        if not _template_shape(flow, content, diagnostics):
            # Keep the flow for its name (links to it resolve), with only the
            # well-formed actions, so later passes never see a wrong shape.
            flow.broken = True
            actions = content.get("Actions")
            listed = actions if isinstance(actions, list) else []
            kept = [a for a in listed if _well_formed(a)]
            flow.template = {**content, "Actions": kept}
        project.flows.append(flow)


def _read_template(
    file: Path, shown: str, diagnostics: Diagnostics
) -> tuple[dict[str, Any], str] | None:
    """The template's JSON object and text; None (reported) when unusable."""
    try:
        text = read_regular(file).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = read_failure(error)
        diagnostics.report("CC0001", Span(shown), f'"{shown}"', reason)
        return None
    try:
        content = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_int=json_int,
        )
    except json.JSONDecodeError as error:
        span = Span(shown, error.lineno, error.colno)
        diagnostics.report("CC0030", span, error.msg)
        return None
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        diagnostics.report("CC0030", Span(shown, 1, 1), reason)
        return None
    depth = _depth(content)
    if depth > MAX_TEMPLATE_DEPTH:
        nested = f"nested {depth} levels deep"
        limit = f"{MAX_TEMPLATE_DEPTH} levels"
        diagnostics.report("CC0005", Span(shown, 1, 1), nested, limit)
        return None
    if not isinstance(content, dict):
        reason = "the template is not a JSON object with Version and Actions"
        diagnostics.report("CC0011", Span(shown, 1, 1), f'"{shown}"', reason)
        return None
    return content, text


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'duplicate key "{key}"')
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON; Python accepts them and would write null.
    raise ValueError(f"{name} is not a JSON value")


def _template_shape(
    flow: Flow, content: dict[str, Any], diagnostics: Diagnostics
) -> bool:
    """Version, StartAction and Actions as Connect expects them (CC0007, CC0013)."""
    ok = True
    version = content.get("Version")
    if version != "2019-10-30":
        message = f'Version is {json.dumps(version)}; the flow language is "2019-10-30"'
        diagnostics.report("CC0013", flow.span(("Version",)), message)
        ok = False
    actions = content.get("Actions")
    if not isinstance(actions, list):
        span = flow.span(("Actions",))
        diagnostics.report(
            "CC0007", span, "Actions", "a list", validation.describe_json(actions)
        )
        return False
    for index, action in enumerate(actions):
        ok = _action_shape(flow, index, action, diagnostics) and ok
    return ok


# Flow-language content nests a few levels; far deeper JSON is no flow and
# would exhaust the recursion of later passes.
MAX_TEMPLATE_DEPTH = 64
_ACTION_FIELDS = {"Identifier": str, "Type": str, "Parameters": dict}
_ACTION_FIELDS["Transitions"] = dict


def _action_shape(
    flow: Flow, index: int, action: Any, diagnostics: Diagnostics
) -> bool:
    path: tuple[str | int, ...] = ("Actions", index)
    if not isinstance(action, dict):
        label = f"Actions[{index}]"
        diagnostics.report(
            "CC0007",
            flow.span(path),
            label,
            "an object",
            validation.describe_json(action),
        )
        return False
    ok = True
    for key, kind in _ACTION_FIELDS.items():
        value = action.get(key)
        if (value is None and key in ("Parameters", "Transitions")) or isinstance(
            value, kind
        ):
            continue
        expected = "text" if kind is str else "an object"
        span = flow.span((*path, key))
        label = f"Actions[{index}].{key}"
        diagnostics.report(
            "CC0007", span, label, expected, validation.describe_json(value)
        )
        ok = False
    return ok


def _well_formed(action: Any) -> bool:
    if not isinstance(action, dict):
        return False
    return all(
        isinstance(action.get(key), kind)
        or (action.get(key) is None and key in ("Parameters", "Transitions"))
        for key, kind in _ACTION_FIELDS.items()
    )


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _template_flow(
    meta: dict[str, Any],
    meta_source: SourceMap,
    file: Path,
    content: dict[str, Any],
    text: str,
    shown: str,
    diagnostics: Diagnostics,
) -> Flow | None:
    is_module = "module" in meta
    name = meta.get("module" if is_module else "flow")
    flow_type = str(meta.get("type", "contact_flow"))
    if not isinstance(name, str) or flow_type not in get_args(model.FlowTypeName):
        message = f"{meta_source.path}: needs flow: or module: and a valid type:"
        diagnostics.report("CC0015", Span(meta_source.path, 1, 1), message)
        return None
    source = load_text(shown, text, Diagnostics()).source
    return Flow(
        name=name,
        kind="module" if is_module else "flow",
        type=None if is_module else flow_type.upper(),
        start=str(content.get("StartAction", "")),
        blocks={},
        source=source,
        file=file,
        description=meta.get("description"),
        tags=dict(meta.get("tags") or {}),
        settings=content.get("Settings") if is_module else None,
        template=content,
    )


def _check_duplicates(project: Project, diagnostics: Diagnostics) -> None:
    seen: dict[str, Flow] = {}
    for flow in project.flows:
        first = seen.get(flow.name)
        if first is None:
            seen[flow.name] = flow
            continue
        span = flow.span(("module" if flow.kind == "module" else "flow",))
        what = f'{flow.kind} "{flow.name}"'
        diagnostics.report("CC0012", span, what, first.source.path)
