"""Pass `check_parameters`: action parameters against the per-action table.

Input: lowered actions. Every action: CC3119 an attribute reference in a
parameter that takes a literal (or one whole reference). Actions the user
wrote with the raw `action:` verb or in a template also get: CC3116 a missing
required parameter, CC3117 an unknown one, CC3118 parameters that exclude each
other, CC2006 a token of the wrong service in a resource parameter.
"""

from __future__ import annotations

from typing import Any

from connectc import actions, bindings, checking, expressions
from connectc.actions import ActionSpec
from connectc.diagnostics import Diagnostics, did_you_mean
from connectc.expressions import ExpressionError, Reference
from connectc.ir import Project
from connectc.lowering import single_token

# The token services that fit each kind of resource parameter.
RESOURCE_SERVICES: dict[str, tuple[str, ...]] = {
    "queue": ("Queue",),
    "agent": ("Agent",),
    "prompt": ("Prompt",),
    "lambda": ("Lambda",),
    "lex": ("Lex",),
    "flow": ("Flow",),
    "module": ("Module",),
    "hours": ("Hours",),
    "phone": ("PhoneNumber", "PhoneNumberArn"),
    "phone_arn": ("PhoneNumberArn",),
    "view": ("View",),
    "task_template": ("TaskTemplate",),
    "case_template": ("CaseTemplate",),
    "hierarchy": ("Hierarchy",),
    "quick_connect": ("QuickConnect",),
}


def check_parameters(project: Project, diagnostics: Diagnostics) -> None:
    for flow in project.flows:
        for index, action in checking.indexed_actions(flow):
            spec = actions.action_spec(str(action.get("Type")))
            if spec is None:
                continue
            params = checking.parameters(action)
            site = checking.Site(flow, index, action)
            raw = checking.is_raw(flow, action)
            _dynamic(spec, params, raw, site, diagnostics)
            if raw:
                _names(spec, params, site, diagnostics)
                _exclusive(spec, params, site, diagnostics)
                _resources(spec, params, site, diagnostics)


def _dynamic(
    spec: ActionSpec,
    params: dict[str, Any],
    raw: bool,
    site: checking.Site,
    diagnostics: Diagnostics,
) -> None:
    for key, value in params.items():
        param = spec.params.get(key)
        if param is None or not isinstance(value, str):
            continue
        problem = _problem(param.dynamic, value, raw)
        if problem is not None:
            checking.report(
                diagnostics,
                "CC3119",
                site.span,
                key,
                site.name,
                spec.type,
                problem,
                doubtful=param.uncertain,
            )


def _problem(dynamic: str, value: str, raw: bool) -> str | None:
    if "$" not in value:
        return (
            None if dynamic != "ref" or not raw else "must be one attribute reference"
        )
    try:
        parts = expressions.parse_text(value)
    except ExpressionError:
        return None  # reported by parse_expressions
    references = [p for p in parts if isinstance(p, Reference)]
    whole = len(parts) == 1 and len(references) == 1
    if dynamic == "static" and references:
        return f'takes a literal value only, found "{references[0].text}"'
    if dynamic in ("path", "ref") and references and not whole:
        return "takes one whole attribute reference, with no text around it"
    if dynamic == "ref" and raw and not whole and single_token(value) is None:
        return "must be one attribute reference"
    return None


def _names(
    spec: ActionSpec,
    params: dict[str, Any],
    site: checking.Site,
    diagnostics: Diagnostics,
) -> None:
    if spec.is_uncertain("params"):
        return
    for key, param in spec.params.items():
        if param.required and key not in params:
            checking.report(
                diagnostics,
                "CC3116",
                site.span,
                site.name,
                spec.type,
                key,
                doubtful=param.uncertain,
            )
    for key in params:
        if key not in spec.params:
            notes = did_you_mean(key, spec.params)
            diagnostics.report(
                "CC3117", site.span, site.name, spec.type, key, notes=notes
            )


def _exclusive(
    spec: ActionSpec,
    params: dict[str, Any],
    site: checking.Site,
    diagnostics: Diagnostics,
) -> None:
    groups = [("exactly one", g) for g in spec.exactly_one]
    groups += [("at most one", g) for g in spec.at_most_one]
    for how, group in groups:
        present = sorted(group & params.keys())
        if len(present) == 1 or (how == "at most one" and not present):
            continue
        options = ", ".join(f'"{key}"' for key in sorted(group))
        found = ", ".join(f'"{key}"' for key in present) or "none"
        diagnostics.report(
            "CC3118", site.span, site.name, spec.type, how, options, found
        )


def _resources(
    spec: ActionSpec,
    params: dict[str, Any],
    site: checking.Site,
    diagnostics: Diagnostics,
) -> None:
    for found in spec.resource_values(params):
        token = single_token(found.value)
        wanted = RESOURCE_SERVICES.get(found.resource)
        if token is None or wanted is None or token.service in (*wanted, "Text"):
            continue
        if token.service in bindings.SERVICES:
            what = " or ".join(wanted)
            diagnostics.report("CC2006", site.span, f'"{site.name}"', what, found.value)
