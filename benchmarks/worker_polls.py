"""The enricher stage over whole polls, with its real extraction process: each poll's
articles decoded and extracted together (what the worker does) against one at a time.

    python benchmarks/worker_polls.py [--articles 150] [--poll 50] [--rounds 3]

In-process benchmarks (stream_mix.py) leave out what the worker adds around `enrich`: a
call to the extraction process for each message to decode and one to extract, each
pickling its arguments and answer on both sides. Here `ArticleStage` runs as the stream
loop drives it (no broker: the records are built in memory), on stream_mix.py's stream
(30% conflict articles of ~700 words, the rest other news), in polls of `--poll` records:
- "together": `prefetch` (one decoding call and one extraction call per group of up to
  100,000 characters), then `process` for each record;
- "one at a time": `process` for each record (two calls each), as before prefetching.
The two ways take turns every poll, each with a fresh revision memory. CPU is counted in
both processes (`time.process_time` here, and in the child through the pool). Printed and
written to benchmarks/results/worker_polls.json: CPU ms per article (the round of median
CPU, every round) of this process, of the child, and both; and the speed ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from typing import Any

from common import (
    generate_corpus,
    machine_info,
    median,
    print_table,
    rounded,
    write_result,
)
from stream_mix import CONFLICT_SHARE, other_news


def stream_values(n: int, seed: int) -> list[bytes]:
    """stream_mix.py's stream, as article messages."""
    rng = random.Random(seed)
    n_conflict = round(n * CONFLICT_SHARE)
    stream = generate_corpus(n_conflict, seed=seed, fixed_words=700, prefix="conflict")
    stream += other_news(n - n_conflict, rng)
    rng.shuffle(stream)
    return [
        json.dumps(
            {"article_id": c.article_id, "text": c.text, "published_at": c.published_at.isoformat()}
        ).encode()
        for c in stream
    ]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from sitrep.enricher.isolation import ChildProcessExtraction
    from sitrep.enricher.stage import ArticleStage
    from sitrep.observability.metrics import WorkerMetrics
    from sitrep.settings import Settings
    from sitrep.streaming import InputRecord

    values = stream_values(args.articles, args.seed)
    records = [
        InputRecord("articles", 0, offset, None, value, []) for offset, value in enumerate(values)
    ]
    polls = [records[k : k + args.poll] for k in range(0, len(records), args.poll)]
    extraction = ChildProcessExtraction(Settings(kafka_bootstrap_servers="unused:9092"))
    await extraction.start()
    stage = ArticleStage(extraction, WorkerMetrics())

    async def child_cpu() -> float:
        cpu: float = await extraction._run(time.process_time, (), None, None)
        return cpu

    async def handle(poll: list[Any], together: bool) -> None:
        revisions = stage.open_partition(0)
        if together:
            await stage.prefetch([(record, revisions) for record in poll])
        for record in poll:
            await stage.process(record, revisions)

    try:
        for together in (False, True):  # warm-up: models, caches
            await handle(polls[0][:10], together)
        runs: dict[str, dict[str, list[float]]] = {
            way: {"parent": [], "child": [], "both": []} for way in ("one at a time", "together")
        }
        for r in range(args.rounds):
            cpu = {way: [0.0, 0.0] for way in runs}
            for k, poll in enumerate(polls):
                ways = list(runs) if (r + k) % 2 == 0 else list(reversed(runs))
                for way in ways:
                    parent0, child0 = time.process_time(), await child_cpu()
                    await handle(poll, way == "together")
                    cpu[way][0] += time.process_time() - parent0
                    cpu[way][1] += await child_cpu() - child0
            for way, (parent, child) in cpu.items():
                runs[way]["parent"].append(1000 * parent / len(records))
                runs[way]["child"].append(1000 * child / len(records))
                runs[way]["both"].append(1000 * (parent + child) / len(records))
    finally:
        extraction.close()
    ratios = [
        a / b for a, b in zip(runs["one at a time"]["both"], runs["together"]["both"], strict=True)
    ]
    return {
        "cpu_ms_per_article": {
            way: {side: median(values) for side, values in sides.items()}
            for way, sides in runs.items()
        },
        "runs": runs,
        "speed": {"median": median(ratios), "rounds": ratios},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--poll", type=int, default=50, help="records per poll (MAX_BATCH)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20221201)
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    results = asyncio.run(run(args))
    cpu = results["cpu_ms_per_article"]
    print_table(
        f"ArticleStage with its extraction process, polls of {args.poll}, stream of "
        f"{args.articles} (CPU ms per article, median of {args.rounds} rounds)",
        ["way", "this process", "extraction process", "both", "articles per CPU-s"],
        [[way, c["parent"], c["child"], c["both"], 1000 / c["both"]] for way, c in cpu.items()],
    )
    speed = results["speed"]
    print(
        f"\ntogether vs one at a time: {speed['median']:.2f}x less CPU "
        f"({min(speed['rounds']):.2f}-{max(speed['rounds']):.2f})"
    )
    path = write_result(
        "worker_polls",
        sys.argv,
        {"articles": args.articles, "poll": args.poll, "rounds": args.rounds, "seed": args.seed},
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
