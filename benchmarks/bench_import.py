"""Import the whole shared corpus repeatedly and time it per file.

    /work/.venv/bin/python benchmarks/bench_import.py [--rounds 5] [--no-verify]

For each corpus file, the best of `--rounds` runs of: `json.loads` of the
file's text (the baseline; for the CloudFormation YAML file, of the flow
contents it embeds), the readers alone, and a full `import_paths` (read,
tokenise, write specs into a scratch project, and by default build each spec
back to check the round trip). Prints a table with the ratio import/json.loads
per file and totals for one pass over the corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
sys.path.insert(0, str(REPO / "compiler"))

from connectc.diagnostics import Diagnostics  # noqa: E402
from connectc.importer import import_paths  # noqa: E402
from connectc.importer.readers import read_file  # noqa: E402


def best(rounds: int, work: Callable[[], object]) -> float:
    """The fastest of `rounds` runs of `work`, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def baseline(path: Path) -> Callable[[], object]:
    """json.loads of the file, or of the Content strings a YAML template embeds."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        json.loads(text)
    except json.JSONDecodeError:
        documents = read_file(path, Diagnostics())
        contents = [json.dumps(d.content) for d in documents] or [text[:0] or "0"]
        return lambda: [json.loads(c) for c in contents]
    return lambda: json.loads(text)


def run_import(path: Path, verify: bool) -> Callable[[], object]:
    def work() -> object:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
            return import_paths(
                [path], "dev", Path(scratch), force=False, dry_run=False,
                format="spec", diagnostics=Diagnostics(), verify=verify,
            )  # fmt: skip

    return work


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs per file (best)")
    parser.add_argument("--no-verify", action="store_true", help="skip round trips")
    args = parser.parse_args()
    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".json")
    header = (
        f"{'file':56} {'KB':>6} {'json µs':>9} {'read µs':>9} {'import ms':>10} "
        f"{'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0, 0.0]
    for path in files:
        loads = best(args.rounds, baseline(path))
        read = best(args.rounds, lambda p=path: read_file(p, Diagnostics()))
        imported = best(args.rounds, run_import(path, not args.no_verify))
        totals = [totals[0] + loads, totals[1] + read, totals[2] + imported]
        ratio = imported / loads if loads else float("inf")
        name = path.name if len(path.name) <= 56 else path.name[:53] + "..."
        size = path.stat().st_size / 1024
        print(
            f"{name:56} {size:6.1f} {loads * 1e6:9.0f} {read * 1e6:9.0f} "
            f"{imported * 1e3:10.2f} {ratio:8.0f}x"
        )
    loads, read, imported = totals
    print("-" * len(header))
    print(
        f"{'corpus (' + str(len(files)) + ' files)':56} {'':6} {loads * 1e6:9.0f} "
        f"{read * 1e6:9.0f} {imported * 1e3:10.2f} {imported / loads:8.0f}x"
    )
    mode = "without" if args.no_verify else "with"
    print(f"import {mode} round-trip verification; best of {args.rounds} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
