"""Pass `resolve_tokens`: bind every token to its value in the environment.

Input: `Flow.tokens` and the environment. Output: `Project.resolved` (token text
to value) and `Project.links` (unbound Flow/Module tokens naming project flows).
Codes: CC2001 unbound, CC2005 unknown service, CC2008 placeholder, CC3001-CC3004
malformed bindings (at each use site), CC2002 unused bindings, CC3005/CC3006
the environment's own fields (malformed / a placeholder).
"""

from __future__ import annotations

from connectc import bindings
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.importer.placeholders import is_placeholder
from connectc.ir import Environment, Flow, Project, TokenUse

_PROJECT_SERVICES = {"Flow": "flow", "Module": "module"}


def resolve_tokens(project: Project, diagnostics: Diagnostics) -> None:
    env = project.environment
    if env is None:
        return
    _check_environment(env, diagnostics)
    problems: dict[str, tuple[str, tuple[str, ...]] | None] = {}
    used: set[tuple[str, str]] = set()

    for flow in project.flows:
        for use in flow.tokens:
            used.add((use.service, use.key))
            _resolve(project, env, flow, use, problems, diagnostics)

    _report_unused(env, used, diagnostics)


def _check_environment(env: Environment, diagnostics: Diagnostics) -> None:
    for code, field, detail in bindings.environment_problems(env):
        span = env.source.span((field,))
        if code == "CC3006":
            diagnostics.report(code, span, field, detail)
        else:
            diagnostics.report(code, span, detail)


def _resolve(
    project: Project,
    env: Environment,
    flow: Flow,
    use: TokenUse,
    problems: dict[str, tuple[str, tuple[str, ...]] | None],
    diagnostics: Diagnostics,
) -> None:
    span = flow.span(use.path, offset=use.offset)
    service = bindings.SERVICES.get(use.service)
    if service is None:
        notes = did_you_mean(use.service, bindings.SERVICES)
        diagnostics.report("CC2005", span, use.service, use.text, notes=notes)
        return
    value = env.bindings.get(use.service, {}).get(use.key)
    if value is None:
        _unbound(project, env, flow, use, diagnostics)
        return

    if use.text not in problems:
        problems[use.text] = _problem(service, use.key, value, env)
    problem = problems[use.text]
    if problem is None:
        project.resolved[use.text] = value
        return
    code, args = problem
    notes = [f"bound in {env.source.path}"]
    diagnostics.report(code, span, *args, notes=notes)
    if code == "CC2008":
        project.resolved[use.text] = value


def _problem(
    service: bindings.Service, key: str, value: str, env: Environment
) -> tuple[str, tuple[str, ...]] | None:
    if is_placeholder(value):
        return "CC2008", (f"${{{service.name}.{key}}}", value)
    return bindings.check_binding(service, key, value, env)


def _unbound(
    project: Project,
    env: Environment,
    flow: Flow,
    use: TokenUse,
    diagnostics: Diagnostics,
) -> None:
    kind = _PROJECT_SERVICES.get(use.service)
    target = project.flow(use.key) if kind else None
    if target is not None and target.kind == kind:
        project.links[use.text] = target.name
        return
    span = flow.span(use.path, offset=use.offset)
    known = env.bindings.get(use.service, {})
    notes = did_you_mean(use.key, known)
    diagnostics.report("CC2001", span, use.text, env.name, notes=notes)


def _report_unused(
    env: Environment, used: set[tuple[str, str]], diagnostics: Diagnostics
) -> None:
    for service, table in env.bindings.items():
        if service not in bindings.SERVICES:
            span = env.source.span(("bindings", service), key=True)
            notes = did_you_mean(service, bindings.SERVICES)
            text = f'the bindings of "{service}"'
            diagnostics.report("CC2005", span, service, text, notes=notes)
            continue
        for key in table:
            if (service, key) in used:
                continue
            path = ("bindings", service, *key.split(".", 1))
            span = env.source.span(path, key=True)
            diagnostics.report("CC2002", span, f"${{{service}.{key}}}")
