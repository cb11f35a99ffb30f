"""Benchmark `connectc build` on a synthetic 300-flow project.

Generates a project (flows of ~100 blocks mixing the common verbs, a few modules,
three environments with bindings) in a temporary directory, builds every
environment in-process, and compares the time with a naive baseline that only
substitutes token values into pre-rendered JSON text and writes the files.
Prints both times, their ratio (target at most 3x) and peak memory (target under
300 MB). Run: `python benchmarks/bench_build.py --help`.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ENVIRONMENTS = {
    "dev": "111122223333",
    "test": "222233334444",
    "prod": "444455556666",
}
REGION = "ap-northeast-1"
TOKEN = re.compile(r"\$\{([A-Za-z]+)\.([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}")
RATIO_TARGET = 3.0
MEMORY_TARGET_MB = 300.0


# --- the synthetic project ---------------------------------------------------


@dataclass
class Pools:
    """How many entities of each service the bindings define."""

    queues: int = 40
    prompts: int = 40
    lambdas: int = 20
    hours: int = 8
    bots: int = 6


@dataclass
class Shape:
    """The size of the generated project."""

    flows: int = 300
    blocks: int = 100
    modules: int = 10
    module_blocks: int = 20
    seed: int = 2019
    pools: Pools = field(default_factory=Pools)


def _queue(i: int, pools: Pools) -> str:
    return f"${{Queue.Q{i % pools.queues:03d}}}"


def _prompt(i: int, pools: Pools) -> str:
    return f"${{Prompt.P{i % pools.prompts:03d}.Ja}}"


def _lambda(i: int, pools: Pools) -> str:
    return f"${{Lambda.L{i % pools.lambdas:03d}}}"


def _block(kind: str, i: int, nxt: str, alt: str, pools: Pools) -> list[str]:
    """One block body (indented lines) of the given kind."""
    text = f"お問い合わせ番号 $.Attributes.ref{i % 7} を確認しています。"
    bodies: dict[str, list[str]] = {
        "play_text": [f"play: {text}", f"next: {nxt}", "error: failed"],
        "play_prompt": [f"play: {_prompt(i, pools)}", f"next: {nxt}", "error: failed"],
        "set_attributes": [
            "set_attributes:",
            f"  step{i}: $.External.value{i % 5}",
            f"  marker: 段階{i}",
            f"next: {nxt}",
            "error: failed",
        ],
        "set_flow_attributes": [
            "set_flow_attributes:",
            f"  visited{i % 9}: 'true'",
            f"next: {nxt}",
            "error: failed",
        ],
        "lambda": [
            "lambda:",
            f"  function: {_lambda(i, pools)}",
            "  timeout: 5s",
            "  parameters:",
            "    phone: $.CustomerEndpoint.Address",
            f"    step: '{i}'",
            "  response: string_map",
            f"next: {nxt}",
            "error: failed",
        ],
        "branch": [
            "branch:",
            f'  - when: $.External.value{i % 5} == "gold"',
            f"    goto: {alt}",
            f"  - when: $.Attributes.score >= {i % 90} and "
            f'$.Attributes.region != "kansai"',
            f"    goto: {nxt}",
            f"otherwise: {nxt}",
        ],
        "menu": [
            "menu:",
            f"  text: メニュー{i}です。続ける場合は1を、戻る場合は2を押してください。",
            "  timeout: 6s",
            "options:",
            f'  "1": {nxt}',
            f'  "2": {alt}',
            f"no_match: {nxt}",
            f"timeout: {nxt}",
            "error: failed",
        ],
        "check_hours": [
            f"check_hours: ${{Hours.H{i % pools.hours:03d}}}",
            f"open: {nxt}",
            f"closed: {alt}",
            "error: failed",
        ],
        "set_queue": [
            f"set_queue: {_queue(i, pools)}",
            f"next: {nxt}",
            "error: failed",
        ],
        "check_staffing": [
            "check_staffing:",
            "  metric: available",
            f"  queue: {_queue(i + 1, pools)}",
            f'"yes": {nxt}',
            f'"no": {alt}',
            "error: failed",
        ],
        "lex": [
            "lex:",
            f"  bot: ${{Lex.Bot{i % pools.bots:02d}}}",
            "  text: ご用件をお話しください。",
            "  session_attributes:",
            "    caller: $.CustomerEndpoint.Address",
            "intents:",
            f"  Billing: {nxt}",
            f"  Agent: {alt}",
            f"no_match: {nxt}",
            "error: failed",
        ],
        "loop": ["loop: 2", f"body: {nxt}", f"done: {alt}"],
        "wait": ["wait: 5s", f"next: {nxt}", "error: failed"],
        "priority": [f"priority: {1 + i % 5}", f"next: {nxt}"],
        "voice": [
            "voice:",
            f"  name: {'Kazuha' if i % 2 else 'Takumi'}",
            "  engine: neural",
            f"next: {nxt}",
            "error: failed",
        ],
        "split": ["split:", "  - percent: 30", f"    goto: {alt}", f"  - goto: {nxt}"],
        "transfer_to_queue": [
            f"transfer_to_queue: {_queue(i + 2, pools)}",
            f"at_capacity: {nxt}",
            f"error: {nxt}",
        ],
    }
    return bodies[kind]


KINDS = (
    ("play_text", 14),
    ("play_prompt", 8),
    ("set_attributes", 12),
    ("set_flow_attributes", 4),
    ("lambda", 10),
    ("branch", 10),
    ("menu", 6),
    ("check_hours", 3),
    ("set_queue", 6),
    ("check_staffing", 3),
    ("lex", 3),
    ("loop", 2),
    ("wait", 2),
    ("priority", 3),
    ("voice", 2),
    ("split", 3),
    ("transfer_to_queue", 5),
)


def _kinds(rng: random.Random, count: int) -> list[str]:
    names = [name for name, _ in KINDS]
    weights = [weight for _, weight in KINDS]
    return rng.choices(names, weights, k=count)


def _flow_text(index: int, shape: Shape, rng: random.Random) -> str:
    """A contact flow: a chain of blocks whose branches only jump forward."""
    name = f"Bench{index:03d}"
    count = shape.blocks - 3
    lines = [
        "# yaml-language-server: $schema=../../generated/schema/flow.schema.json",
        f"flow: {name}",
        "type: contact_flow",
        f"description: ベンチマーク用のフロー {index}",
        "start: b000",
        "blocks:",
    ]
    for i, kind in enumerate(_kinds(rng, count)):
        nxt = f"b{i + 1:03d}" if i + 1 < count else "module"
        alt = f"b{i + 2:03d}" if i + 2 < count else "module"
        lines.append(f"  b{i:03d}:")
        lines += [
            f"    {line}" for line in _block(kind, index + i, nxt, alt, shape.pools)
        ]
    module = f"${{Module.Shared{index % shape.modules:02d}}}"
    target = f"${{Flow.Bench{(index + 1) % shape.flows:03d}}}"
    lines += [
        "  module:",
        f"    invoke_module: {module}",
        "    next: onward",
        "    error: failed",
        "  onward:",
        f"    transfer_to_flow: {target}",
        "    error: failed",
        "  failed:",
        "    disconnect: {}",
    ]
    return "\n".join(lines) + "\n"


def _module_text(index: int, shape: Shape, rng: random.Random) -> str:
    """A flow module: a chain of simple blocks ending in `return`."""
    count = shape.module_blocks - 1
    lines = [
        "# yaml-language-server: $schema=../../generated/schema/module.schema.json",
        f"module: Shared{index:02d}",
        f"description: 共有モジュール {index}",
        "start: b000",
        "blocks:",
    ]
    simple = ["play_text", "set_attributes", "lambda", "branch", "play_prompt"]
    for i in range(count):
        nxt = f"b{i + 1:03d}" if i + 1 < count else "done"
        alt = f"b{i + 2:03d}" if i + 2 < count else "done"
        kind = rng.choice(simple)
        lines.append(f"  b{i:03d}:")
        lines += [
            f"    {line}" for line in _block(kind, index + i, nxt, alt, shape.pools)
        ]
    lines += ["  failed:", "    return: {}", "  done:", "    return: {}"]
    return "\n".join(lines) + "\n"


def _ids(env: str, kind: str, count: int) -> Iterator[str]:
    for i in range(count):
        yield str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{env}/{kind}/{i}"))


def _env_text(env: str, account: str, pools: Pools) -> str:
    """An environment file binding every token the generator uses."""
    instance = f"arn:aws:connect:{REGION}:{account}:instance/"
    instance += next(_ids(env, "instance", 1))
    lines = [
        "# yaml-language-server: $schema=../generated/schema/env.schema.json",
        f"environment: {env}",
        f'account: "{account}"',
        f"region: {REGION}",
        f"instance: {instance}",
        "bindings:",
        "  Queue:",
    ]
    for i, rid in enumerate(_ids(env, "queue", pools.queues)):
        lines.append(f"    Q{i:03d}: {instance}/queue/{rid}")
    lines.append("  Prompt:")
    for i, rid in enumerate(_ids(env, "prompt", pools.prompts)):
        lines += [f"    P{i:03d}:", f"      Ja: {instance}/prompt/{rid}"]
    lines.append("  Hours:")
    for i, rid in enumerate(_ids(env, "hours", pools.hours)):
        lines.append(f"    H{i:03d}: {instance}/operating-hours/{rid}")
    lines.append("  Lambda:")
    for i in range(pools.lambdas):
        arn = f"arn:aws:lambda:{REGION}:{account}:function:bench-{i:03d}:live"
        lines.append(f"    L{i:03d}: {arn}")
    lines.append("  Lex:")
    for i in range(pools.bots):
        bot = f"BOT{env.upper():<4}{i:03d}".replace(" ", "X")[:10]
        alias = f"ALIAS{i:05d}"
        lines.append(
            f"    Bot{i:02d}: arn:aws:lex:{REGION}:{account}:bot-alias/{bot}/{alias}"
        )
    return "\n".join(lines) + "\n"


def generate(root: Path, shape: Shape) -> None:
    """Write connectc.yaml, specs/ and env/ of the synthetic project under root."""
    rng = random.Random(shape.seed)
    flows = root / "specs" / "flows"
    modules = root / "specs" / "modules"
    for directory in (flows, modules, root / "env"):
        directory.mkdir(parents=True, exist_ok=True)
    envs = "".join(f"  {env}: {{}}\n" for env in ENVIRONMENTS)
    (root / "connectc.yaml").write_text(f"project: bench\nenvironments:\n{envs}")
    for i in range(shape.flows):
        text = _flow_text(i, shape, rng)
        (flows / f"Bench{i:03d}.yaml").write_text(text, encoding="utf-8")
    for i in range(shape.modules):
        text = _module_text(i, shape, rng)
        (modules / f"Shared{i:02d}.yaml").write_text(text, encoding="utf-8")
    for env, account in ENVIRONMENTS.items():
        text = _env_text(env, account, shape.pools)
        (root / "env" / f"{env}.yaml").write_text(text, encoding="utf-8")


# --- the two contenders -------------------------------------------------------


def _bindings(root: Path, env: str) -> dict[str, str]:
    """Token text -> bound value, read from the generated environment file."""
    import yaml

    data = yaml.safe_load((root / "env" / f"{env}.yaml").read_text(encoding="utf-8"))
    values: dict[str, str] = {}
    for service, entities in data["bindings"].items():
        for entity, value in entities.items():
            if isinstance(value, dict):
                for variant, item in value.items():
                    values[f"${{{service}.{entity}.{variant}}}"] = item
            else:
                values[f"${{{service}.{entity}}}"] = value
    return values


def build(root: Path, env: str, out: Path) -> dict[str, float]:
    """Run the real build in-process; return its per-stage seconds."""
    from connectc.build import build_project
    from connectc.diagnostics import Severity

    result = build_project(root / "specs", env, out=out)
    if not result.ok:
        errors = [
            d for d in result.diagnostics.sorted() if d.severity >= Severity.ERROR
        ]
        shown = "\n".join(f"  {d.span}: {d.message} [{d.code}]" for d in errors[:10])
        raise SystemExit(f"the synthetic project does not build for {env}:\n{shown}")
    return dict(result.timings)


def prerender(root: Path, env: str, built: Path) -> dict[str, str]:
    """Each built flow's JSON with the bound values turned back into tokens.

    This is done once, outside the timed part: the baseline then only has to
    substitute values into text and write it, the least any build can do.
    """
    reverse = {value: token for token, value in _bindings(root, env).items()}
    pattern = re.compile("|".join(re.escape(v) for v in sorted(reverse, key=len)[::-1]))
    rendered: dict[str, str] = {}
    for path in sorted(built.rglob("*.json")):
        if path.name == "manifest.json":
            continue
        text = path.read_text(encoding="utf-8")
        rendered[str(path.relative_to(built))] = pattern.sub(
            lambda m: reverse[m.group(0)], text
        )
    return rendered


def yaml_floor(root: Path) -> None:
    """Only read the specs: libyaml's C loader, no positions, no checks.

    Not a build; a reference for how far below the build any reader of the
    same YAML stays, so the ratio target can be judged against it.
    """
    for path in sorted((root / "specs").rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def baseline(rendered: dict[str, str], values: dict[str, str], out: Path) -> None:
    """Substitute token values into pre-rendered JSON text and write the files."""

    def value(match: re.Match[str]) -> str:
        return values.get(match.group(0), match.group(0))

    for name, text in rendered.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TOKEN.sub(value, text), encoding="utf-8")


# --- measuring ----------------------------------------------------------------


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs (seconds) and that run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        value = run()
        elapsed = time.perf_counter() - start
        if elapsed < best:
            best, result = elapsed, value
    return best, result


def traced_peak_mb(run: Callable[[], Any]) -> float:
    """Peak Python heap (MB) allocated while `run` executes, by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def max_rss_mb() -> float:
    """The process's peak resident set size so far (MB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    shape = Shape(flows=args.flows, blocks=args.blocks)
    root = args.keep or Path(tempfile.mkdtemp(prefix="connectc-bench-"))
    try:
        return _measure(root, shape, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


def _measure(root: Path, shape: Shape, repeat: int) -> int:
    generate(root, shape)
    size = sum(p.stat().st_size for p in (root / "specs").rglob("*.yaml"))
    print(
        f"project: {shape.flows} flows x ~{shape.blocks} blocks, "
        f"{shape.modules} modules, {len(ENVIRONMENTS)} environments "
        f"({size / 2**20:.1f} MB of YAML) in {root}"
    )
    cold, child_rss = cli_build(root, "test")
    print(f"  cold CLI build (test): {cold:.3f} s, max RSS {child_rss:.1f} MB")
    warm = time.perf_counter()
    build(root, "test", root / "out" / "warmup")
    print(
        f"  first in-process build (imports, grammar): "
        f"{time.perf_counter() - warm:.3f} s"
    )

    total_build, total_base, stages = _compare(root, repeat)
    ratio = total_build / total_base
    floor, _ = best_of(repeat, partial(yaml_floor, root))
    print(
        f"reference: reading the specs alone (libyaml C loader, no positions) "
        f"{floor:.3f} s per environment = "
        f"{floor * len(ENVIRONMENTS) / total_base:.1f}x the baseline"
    )
    peak = traced_peak_mb(partial(build, root, "test", root / "out" / "traced"))
    print(
        f"total  build {total_build:7.3f} s   baseline {total_base:7.3f} s   "
        f"ratio {ratio:.1f}x (target <= {RATIO_TARGET:.0f}x)"
    )
    print(
        f"memory: build peak traced {peak:.1f} MB, CLI build max RSS "
        f"{child_rss:.1f} MB, this process max RSS {max_rss_mb():.1f} MB "
        f"(target < {MEMORY_TARGET_MB:.0f} MB)"
    )
    return 0 if ratio <= RATIO_TARGET and child_rss < MEMORY_TARGET_MB else 1


def _compare(root: Path, repeat: int) -> tuple[float, float, dict[str, float]]:
    """Time build and baseline per environment; print a line for each."""
    total_build = total_base = 0.0
    stages: dict[str, float] = {}
    for env in ENVIRONMENTS:
        out = root / "out" / "build" / env
        seconds, timings = best_of(repeat, partial(build, root, env, out))
        rendered = prerender(root, env, out)
        values = _bindings(root, env)
        base_out = root / "out" / "baseline" / env
        base, _ = best_of(repeat, partial(baseline, rendered, values, base_out))
        tokens = sum(len(TOKEN.findall(text)) for text in rendered.values())
        print(
            f"  {env:5} build {seconds:7.3f} s   baseline {base:7.3f} s   "
            f"ratio {seconds / base:5.1f}x   ({len(rendered)} files, {tokens} tokens)"
        )
        total_build, total_base = total_build + seconds, total_base + base
        for stage, value in timings.items():
            stages[stage] = stages.get(stage, 0.0) + value
    if stages:
        print("  build stages (best runs, summed over environments):")
        for stage, value in stages.items():
            print(f"    {stage:18} {value:7.3f} s")
        other = total_build - sum(stages.values())
        print(f"    {'(write, manifest)':18} {other:7.3f} s")
    return total_build, total_base, stages


def cli_build(root: Path, env: str) -> tuple[float, float]:
    """Run `connectc build` in a fresh process: wall seconds and its max RSS (MB)."""
    out = root / "out" / "cli"
    command = [sys.executable, "-m", "connectc", "build", str(root / "specs")]
    command += ["--env", env, "--out", str(out)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"connectc build failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak / 2**20 if sys.platform == "darwin" else peak / 2**10


if __name__ == "__main__":
    sys.exit(main())
