"""The `connectc` command line.

Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or
configuration error, 3 internal error (traceback only with `--debug`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from connectc import __version__, codes, config, github_annotations, report, sarif
from connectc.diagnostics import Diagnostic, Diagnostics, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
CONFIG_CODES = frozenset({"CC0015", "CC3005"})
FORMATS = ("text", "json", "sarif", "github")

log = logging.getLogger("connectc")


class UsageError(Exception):
    """A command line or configuration problem: exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connectc",
        description="Compile and release Amazon Connect contact flows.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)

    for name, help_text in (
        ("build", "check specs and write generated/<env>/"),
        ("check", "check specs without writing anything"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("specs", type=Path, help="the specs directory or a file")
        sub.add_argument(
            "--env", required=True, help="environment name (env/<env>.yaml)"
        )
        _output_options(sub)
        _selection_options(sub)
        if name == "build":
            sub.add_argument("--out", type=Path, help="output directory")
            sub.add_argument("--release", help="release name for the manifest")

    contract = commands.add_parser("contract", help="work with Lambda contracts")
    contract_commands = contract.add_subparsers(dest="contract_command", required=True)
    sample_test = contract_commands.add_parser(
        "test", help="check recorded sample responses against their contracts"
    )
    sample_test.add_argument("specs", type=Path, nargs="?", default=Path("specs"))
    sample_test.add_argument("--env", required=True, help="environment name")
    _output_options(sample_test)

    schema = commands.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=Path("generated/schema"))

    explain = commands.add_parser("explain", help="explain a diagnostic code")
    explain.add_argument("code")

    imp = commands.add_parser("import", help="turn designer exports into specs")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument("--env", required=True, help="the environment exported from")
    imp.add_argument("--out", type=Path, default=Path("."), help="project directory")
    imp.add_argument("--force", action="store_true", help="overwrite differing files")
    imp.add_argument("--dry-run", action="store_true", help="write nothing")
    imp.add_argument(
        "--format",
        dest="import_format",
        default="spec",
        choices=("spec", "template"),
        help="write specs or JSON templates",
    )
    _output_options(imp, with_format=False)

    synth = commands.add_parser("synth", help="build and synthesise the CDK app")
    synth.add_argument("specs", type=Path, nargs="?", default=Path("specs"))
    synth.add_argument("--env", required=True)
    synth.add_argument("--out", type=Path, default=Path("cdk.out"))
    _output_options(synth)
    return parser


def _output_options(sub: argparse.ArgumentParser, *, with_format: bool = True) -> None:
    if with_format:
        sub.add_argument("--format", default="text", choices=FORMATS)
    else:
        sub.set_defaults(format="text")
    sub.add_argument(
        "--fail-on", default="error", choices=("error", "warning", "never")
    )


def _selection_options(sub: argparse.ArgumentParser) -> None:
    for flag, help_text in (
        ("--select", "report only these codes or prefixes (e.g. CC31,CC4001)"),
        ("--ignore", "never report these codes or prefixes"),
    ):
        sub.add_argument(
            flag, action="append", default=[], metavar="CODES", help=help_text
        )


def _selection(args: argparse.Namespace) -> config.Selection:
    select = [p for value in args.select for p in value.split(",")]
    ignore = [p for value in args.ignore for p in value.split(",")]
    unknown = config.unknown([*select, *ignore])
    if unknown:
        raise UsageError(f'no diagnostic code matches "{unknown[0]}"')
    return config.Selection(config.normalise(select), config.normalise(ignore))


def _configure_logging(verbose: int) -> None:
    level = (
        logging.WARNING
        if verbose == 0
        else logging.INFO
        if verbose == 1
        else logging.DEBUG
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)


def _configuration_error(diagnostic: Diagnostic, files: set[str]) -> bool:
    """An error that makes the configuration unusable: a usage error (exit 2)."""
    if diagnostic.severity < Severity.ERROR:
        return False
    if diagnostic.code in CONFIG_CODES:
        return True
    return diagnostic.code.startswith("CC0") and diagnostic.span.path in files


def _exit_code(diagnostics: Diagnostics, fail_on: str) -> int:
    if any(_configuration_error(d, diagnostics.configuration) for d in diagnostics):
        return EXIT_USAGE
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.ERROR if fail_on == "error" else Severity.WARNING
    worst = diagnostics.worst()
    return EXIT_FINDINGS if worst is not None and worst >= threshold else EXIT_OK


def _print(
    diagnostics: Diagnostics,
    args: argparse.Namespace,
    root: Path | None,
    *,
    relocate: bool = True,
) -> None:
    """Render the findings; with `relocate`, their paths (relative to the
    project `root`) become relative to the working directory, as GitHub
    annotations, SARIF and editors resolve them."""
    cwd = Path.cwd()
    items = list(diagnostics)
    if relocate and root is not None:
        items, root = report.relocated(items, root, cwd), None
    if args.format == "json":
        print(report.format_json(items))
        return
    if args.format == "sarif":
        print(sarif.format_sarif(items, base=cwd))
        return
    if args.format == "github":
        if items:
            print(github_annotations.format_github(items))
        return
    if items:
        print(report.format_text(items, report.Sources(root)), file=sys.stderr)
        print(report.summary(items), file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from connectc.build import build_project, compile_project

    selection = _selection(args)
    if args.command == "build":
        result = build_project(
            args.specs,
            args.env,
            out=args.out,
            release=args.release,
            selection=selection,
        )
    else:
        result = compile_project(args.specs, args.env, selection=selection)
    _print(result.diagnostics, args, result.project.root)
    code = _exit_code(result.diagnostics, args.fail_on)
    if args.command == "build" and result.ok and args.format == "text":
        target = args.out or result.project.root / "generated" / args.env
        print(f"built {len(result.flows)} flows for {args.env} into {target}")
    return code


def _schema(args: argparse.Namespace) -> int:
    from connectc import schema

    for path in schema.write(args.out):
        print(f"wrote {path}")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    name = args.code.upper()
    entry = codes.REGISTRY.get(name if name.startswith("CC") else f"CC{name}")
    if entry is None:
        raise UsageError(f'unknown diagnostic code "{args.code}"')
    print(f"{entry.code}: {entry.title} (default severity: {entry.severity})\n")
    print(entry.explanation)
    print(f"\nMessage: {entry.template}")
    print(f"More: {entry.help_uri}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from connectc.importer import import_paths

    diagnostics = Diagnostics()
    summary = import_paths(
        list(args.paths),
        args.env,
        args.out,
        force=args.force,
        dry_run=args.dry_run,
        format=args.import_format,
        diagnostics=diagnostics,
    )
    _print(diagnostics, args, args.out, relocate=False)
    print(summary.render(contents=args.dry_run))
    return _exit_code(diagnostics, args.fail_on)


def _synth(args: argparse.Namespace) -> int:
    from connectc.build import build_project
    from connectc.cdk import synth

    result = build_project(args.specs, args.env)
    diagnostics = result.diagnostics
    synthesised = None
    if result.ok:
        synthesised = synth(result.project.root, args.env, args.out, diagnostics)
    _print(diagnostics, args, result.project.root)
    if synthesised is not None and args.format == "text":
        stacks = ", ".join(sorted(synthesised.templates))
        print(f"synthesised {stacks} into {args.out}")
    return _exit_code(diagnostics, args.fail_on)


def _contract(args: argparse.Namespace) -> int:
    from connectc import contracts, loader

    diagnostics = contracts.verify_samples(args.specs, args.env, Diagnostics())
    _print(diagnostics, args, loader.find_root(args.specs))
    if args.format == "text" and not diagnostics.has_errors():
        print(f"contract samples match for {args.env}")
    return _exit_code(diagnostics, args.fail_on)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "check": _build,
    "schema": _schema,
    "explain": _explain,
    "contract": _contract,
    "import": _import,
    "synth": _synth,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    _configure_logging(args.verbose)
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"connectc: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of our output went away (`connectc check … | head`).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if args.debug:
            traceback.print_exc()
        print(f"connectc: internal error: {error} [CC9001]", file=sys.stderr)
        print("run again with --debug for a traceback", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
