"""Round-trip check of one imported spec: build it and compare with the export.

Input: a `SpecFile` and the values of its tokens. Output: the flowdiff
differences between the built content and the imported one (empty: exact),
and the quality-gate errors `connectc build` would stop at. The spec is
compiled alone in a scratch project with no bindings, then the given values
are substituted, so the check measures lowering; binding checks are the
build's business.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from connectc import flowdiff
from connectc.diagnostics import Diagnostic, Severity
from connectc.importer.specwriter import SpecFile
from connectc.importer.yamltext import dump_yaml

log = logging.getLogger(__name__)

SCRATCH_ENV = "importcheck"
SCRATCH_FILES = {
    "connectc.yaml": "project: import-check\n",
    f"env/{SCRATCH_ENV}.yaml": (
        f"environment: {SCRATCH_ENV}\n"
        'account: "000000000000"\n'
        "region: us-east-1\n"
        "instance: arn:aws:connect:us-east-1:000000000000:instance/"
        "00000000-0000-0000-0000-000000000000\n"
    ),
}


class RoundTrip:
    """The outcome of building one spec: differences, or why it did not build.

    `checks` are quality-gate errors: the spec lowers to the export, but the
    build refuses to write it until the flow is fixed.
    """

    def __init__(
        self,
        differences: list[flowdiff.Difference],
        errors: list[Diagnostic],
        checks: list[Diagnostic] | None = None,
    ) -> None:
        self.differences = differences
        self.errors = errors
        self.checks = checks or []

    @property
    def exact(self) -> bool:
        return not self.differences and not self.errors

    def summary(self) -> str:
        if self.errors:
            first = self.errors[0]
            return f"the spec does not build: {first.message} [{first.code}]"
        shown = "; ".join(str(d) for d in self.differences[:3])
        more = len(self.differences) - 3
        return shown + (f" (and {more} more)" if more > 0 else "")


def round_trip(
    spec: SpecFile,
    values: Mapping[str, str],
    *,
    template: bool = False,
    settings: Mapping[str, Any] | None = None,
) -> RoundTrip:
    """Build `spec` alone and compare it with the document it came from.

    `settings` (`severities:`, `ignore:` of the project's connectc.yaml) make
    the quality gates judge the flow as the project's build will.
    """
    from connectc.build import compile_project
    from connectc.passes.emit_content import substitute

    files = {**SCRATCH_FILES, **_spec_files(spec, template)}
    if settings:
        files["connectc.yaml"] += dump_yaml(dict(settings))
    with tempfile.TemporaryDirectory(prefix="connectc-import-") as scratch:
        root = Path(scratch)
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        compilation = compile_project(root / "specs", SCRATCH_ENV)
    built = next((f for f in compilation.flows if f.name == spec.document.name), None)
    errors = [d for d in compilation.diagnostics if _blocking(d)]
    checks = [d for d in compilation.diagnostics if _check(d)]
    if built is None:
        return RoundTrip([], errors or _no_output(spec), checks)
    content = substitute(built.content, dict(values))
    differences = flowdiff.compare(spec.document.content, content)
    return RoundTrip(differences, errors, checks)


def _spec_files(spec: SpecFile, template: bool) -> dict[str, str]:
    return {str(path): text for path, text in spec.files(template).items()}


# Findings about bindings and the environment file: the scratch project binds
# nothing, and the import reports binding problems itself (CC6025, CC6020).
ENVIRONMENT_CODES = ("CC2001", "CC300")
# Quality gates (graph, flow-type rules, data flow, Connect limits): they judge
# the flow, not the spec's faithfulness, and do not stop it being lowered.
CHECK_CODES = ("CC31", "CC4")


def _blocking(diagnostic: Diagnostic) -> bool:
    """Errors about the spec itself: it does not load, resolve or lower."""
    if diagnostic.severity < Severity.ERROR:
        return False
    return not diagnostic.code.startswith(ENVIRONMENT_CODES + CHECK_CODES)


def _check(diagnostic: Diagnostic) -> bool:
    return diagnostic.severity >= Severity.ERROR and diagnostic.code.startswith(
        CHECK_CODES
    )


def _no_output(spec: SpecFile) -> list[Diagnostic]:
    from connectc.diagnostics import Diagnostics

    diagnostics = Diagnostics()
    diagnostics.report("CC9001", spec.document.span, "the build produced no flow")
    return diagnostics.items
