"""This tree's extraction against another source tree's, in one run, alternating.

    python benchmarks/extraction_ab.py --base /work/wt/base            # ~3 min
    python benchmarks/extraction_ab.py --base /work/wt/base --rounds 3 --corpus 700
    python benchmarks/extraction_ab.py --base . --base-python /tmp/py312/bin/python

With `--base-python` the base child runs under another interpreter (a venv with the
project's dependencies installed, e.g. another Python version) and the result goes to
benchmarks/results/extraction_ab_python.json instead. With `--gc-freeze` the new child
calls `gc.freeze()` once loaded and warm (what the worker's extraction child could do),
and the result goes to benchmarks/results/extraction_ab_gc_freeze.json:

    python benchmarks/extraction_ab.py --base . --gc-freeze --corpus stream

With `--gc-threshold N` the new child calls `gc.set_threshold(N)` before loading (a first
generation collected every N net allocations instead of every 700), and the result goes to
benchmarks/results/extraction_ab_gc_threshold.json.

A speed-up claimed against an older commit is only worth a ratio measured side by side on
the same busy machine. Each tree gets one child process (its `services/` and `schemas/`
first on PYTHONPATH, this venv's packages), pinned to the same CPU; both load the extractor
once, then go over the same corpus, taking turns every
five articles, each turn timed with `time.process_time` (CPU seconds: what another
engineer's load moves least). Corpora:
- `700`: 50 generated conflict articles of ~700 words (extraction_throughput.py's set);
- `stream`: 300 articles, 30% of them such conflict articles and the rest other news
  (stream_mix.py's stream).

Printed and written to benchmarks/results/extraction_ab.json: per tree and corpus the
median CPU ms per article and articles per CPU second over the rounds, every round, the
speed of new over base (base CPU / new CPU, per round and its median), and each child's
RSS after load.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from common import (
    REPO,
    generate_corpus,
    machine_info,
    median,
    print_table,
    rounded,
    to_articles,
    write_result,
)

CORPORA = ("700", "stream")
CORPUS_SIZES = {"700": 50, "stream": 300}
#: Articles a tree handles before the other takes its turn.
SLICE = 5
#: Set to "1" in the new child's environment by --gc-freeze.
GC_FREEZE_ENV = "SITREP_AB_GC_FREEZE"
#: The new child's first-generation threshold, set by --gc-threshold ("" for the default).
GC_THRESHOLD_ENV = "SITREP_AB_GC_THRESHOLD"


def build_corpus(name: str) -> list[Any]:
    """The articles of corpus `name`, identical in both children (seeded)."""
    if name == "700":
        return to_articles(
            generate_corpus(CORPUS_SIZES[name], seed=20220909 + 1, fixed_words=700), id_prefix="ab-"
        )
    from stream_mix import CONFLICT_SHARE, other_news

    seed, n = 20221201, CORPUS_SIZES[name]
    rng = random.Random(seed)
    n_conflict = round(n * CONFLICT_SHARE)
    conflict = generate_corpus(n_conflict, seed=seed, fixed_words=700, prefix="conflict")
    stream = conflict + other_news(n - n_conflict, rng)
    rng.shuffle(stream)
    return to_articles(stream, id_prefix="ab-")


def child() -> None:
    """Load the extractor of whatever tree is first on sys.path, then run passes on demand:
    each line on stdin names a corpus; each answer is one JSON line on stdout."""
    import structlog

    from sitrep.extraction import Extractor

    # stdout is the answers' channel: the extractor's load-time log lines go to stderr.
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(sys.stderr))
    if os.environ.get(GC_THRESHOLD_ENV):
        gc.set_threshold(int(os.environ[GC_THRESHOLD_ENV]))

    started = time.perf_counter()
    extractor = Extractor.load()
    load_s = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    corpora = {name: build_corpus(name) for name in CORPORA}
    for articles in corpora.values():
        for article in articles[:10]:  # warm-up
            extractor.enrich(article)
    if os.environ.get(GC_FREEZE_ENV) == "1":
        gc.freeze()  # the loaded models' objects leave the collector's full passes
    print(json.dumps({"load_s": load_s, "rss_after_load_mb": rss}), flush=True)
    for line in sys.stdin:
        name, start, stop = line.split()
        articles = corpora[name][int(start) : int(stop)]
        events = 0
        cpu0 = time.process_time()
        for article in articles:
            events += len(extractor.enrich(article).events)
        cpu = time.process_time() - cpu0
        print(json.dumps({"cpu_s": cpu, "articles": len(articles), "events": events}), flush=True)


def spawn(
    tree: Path,
    cpu: int | None,
    python: str = sys.executable,
    *,
    gc_freeze: bool = False,
    gc_threshold: int | None = None,
) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env[GC_FREEZE_ENV] = "1" if gc_freeze else "0"
    env[GC_THRESHOLD_ENV] = "" if gc_threshold is None else str(gc_threshold)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(tree / "services"), str(tree / "schemas"), str(REPO / "benchmarks")]
    )
    preexec = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    return subprocess.Popen(
        [python, __file__, "--child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=preexec,
    )


def ask(process: subprocess.Popen[str], corpus: str, start: int, stop: int) -> dict[str, Any]:
    """One child's CPU seconds and events over articles [start, stop) of `corpus`."""
    stdin: IO[str] = process.stdin  # type: ignore[assignment]
    stdout: IO[str] = process.stdout  # type: ignore[assignment]
    stdin.write(f"{corpus} {start} {stop}\n")
    stdin.flush()
    result: dict[str, Any] = json.loads(stdout.readline())
    return result


def one_pass(processes: dict[str, subprocess.Popen[str]], corpus: str, r: int) -> dict[str, Any]:
    """Each tree over the whole corpus, taking turns every SLICE articles (the first to go
    alternates), so that a machine that slows down for a while slows both alike."""
    size = CORPUS_SIZES[corpus]
    totals = {name: {"cpu_s": 0.0, "articles": 0, "events": 0} for name in processes}
    for k, start in enumerate(range(0, size, SLICE)):
        names = list(processes) if (r + k) % 2 == 0 else list(reversed(processes))
        for name in names:
            part = ask(processes[name], corpus, start, min(size, start + SLICE))
            for field in totals[name]:
                totals[name][field] += part[field]
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", type=Path, required="--child" not in (argv or sys.argv))
    parser.add_argument("--rounds", type=int, default=5, help="passes per tree and corpus")
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    parser.add_argument(
        "--base-python",
        help="the interpreter (of a venv with the project's dependencies) the base child runs "
        "with; give --base . to compare interpreters on this tree",
    )
    parser.add_argument(
        "--gc-freeze", action="store_true", help="the new child calls gc.freeze() once warm"
    )
    parser.add_argument(
        "--gc-threshold", type=int, help="the new child's gc.set_threshold(N), set before loading"
    )
    parser.add_argument("--cpu", type=int, help="the CPU to pin both to (default: the last)")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    args = parser.parse_args(argv)
    if args.child:
        child()
        return 0
    started = time.monotonic()
    machine = machine_info()
    cpu = None if args.no_pin else max(os.sched_getaffinity(0)) if args.cpu is None else args.cpu
    trees = {"base": args.base.resolve(), "new": REPO}
    pythons = {"base": args.base_python or sys.executable, "new": sys.executable}
    processes = {
        name: spawn(
            tree,
            cpu,
            pythons[name],
            gc_freeze=args.gc_freeze and name == "new",
            gc_threshold=args.gc_threshold if name == "new" else None,
        )
        for name, tree in trees.items()
    }
    loaded = {name: json.loads(p.stdout.readline()) for name, p in processes.items()}  # type: ignore[union-attr]
    corpora = list(CORPORA) if args.corpus == "both" else [args.corpus]
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {c: {n: [] for n in trees} for c in corpora}
    try:
        for r in range(args.rounds):
            for corpus in corpora:
                for name, totals in one_pass(processes, corpus, r).items():
                    runs[corpus][name].append(totals)
    finally:
        for process in processes.values():
            process.stdin.close()  # type: ignore[union-attr]
            process.wait(timeout=60)
    summary: dict[str, Any] = {}
    rows = []
    for corpus in corpora:
        per_tree = {}
        for name in trees:
            passes = runs[corpus][name]
            ms = [1000 * p["cpu_s"] / p["articles"] for p in passes]
            per_tree[name] = {
                "cpu_ms_per_article": median(ms),
                "articles_per_cpu_s": 1000 / median(ms),
                "cpu_ms_per_article_runs": ms,
                "events": passes[0]["events"],
            }
        # Per round: both trees went over the corpus in the same minutes.
        paired = [
            b / n
            for b, n in zip(
                per_tree["base"]["cpu_ms_per_article_runs"],
                per_tree["new"]["cpu_ms_per_article_runs"],
                strict=True,
            )
        ]
        ratio = median(paired)
        summary[corpus] = {**per_tree, "speed_new_over_base": ratio, "speed_runs": paired}
        for name in trees:
            t = per_tree[name]
            rows.append(
                [
                    corpus,
                    name,
                    t["cpu_ms_per_article"],
                    t["articles_per_cpu_s"],
                    f"{min(t['cpu_ms_per_article_runs']):.1f}-{max(t['cpu_ms_per_article_runs']):.1f}",
                    t["events"],
                    f"{ratio:.2f}x ({min(paired):.2f}-{max(paired):.2f})" if name == "new" else "",
                ]
            )
    print_table(
        f"CPU time per article, median of {args.rounds} alternating passes",
        [
            "corpus",
            "tree",
            "CPU ms/article",
            "articles/CPU s",
            "runs min-max",
            "events",
            "speed (median of rounds, min-max)",
        ],
        rows,
    )
    print_table(
        "Load",
        ["tree", "path", "python", "load s", "RSS after load MB"],
        [
            [n, str(trees[n]), pythons[n], loaded[n]["load_s"], loaded[n]["rss_after_load_mb"]]
            for n in trees
        ],
    )
    name = "extraction_ab_python" if args.base_python is not None else "extraction_ab"
    path = write_result(
        f"{name}_gc_freeze"
        if args.gc_freeze
        else f"{name}_gc_threshold"
        if args.gc_threshold is not None
        else name,
        sys.argv,
        {
            "base": str(trees["base"]),
            "pythons": pythons,
            "rounds": args.rounds,
            "corpora": corpora,
            "pinned_cpu": cpu,
            "gc_freeze_new": args.gc_freeze,
        },
        rounded({"summary": summary, "load": loaded}),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
