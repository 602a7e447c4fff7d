"""In-process extraction throughput: `Extractor.enrich` on one core, no broker.

    python benchmarks/extraction_throughput.py            # ~1-2 min
    python benchmarks/extraction_throughput.py --quick    # < 1 min

Measures, on the generated corpus (benchmarks/corpus.py):
- articles/s and words/s over ~200 articles of 300-1500 words, median of >= 3 runs after a
  warm-up; CPU time per article; per-article latency percentiles;
- the same for articles of ~700 words (the target: >= 50 articles/s per core), one
  `enrich` call per article and `enrich_many` over groups of 20 (as the worker extracts
  a poll: one NER call per group);
- model start-up (import + `Extractor.load()`) in fresh processes, and peak RSS.

The process pins itself to one CPU (`--no-pin` to disable) so "per core" means one core.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from typing import Any

from common import (
    generate_corpus,
    machine_info,
    median,
    median_of_runs,
    percentiles,
    pin_to_one_core,
    print_table,
    rounded,
    spread,
    to_articles,
    verdict,
    write_result,
)

TARGET_ARTICLES_PER_S_700 = 50.0
#: Articles per `enrich_many` call, as in stream_mix.py (a poll under the worker's
#: 100,000-character group cap).
GROUP = 20
TARGET_RSS_MB = 600.0

_STARTUP_CHILD = r"""
import json, resource, time
t0 = time.perf_counter()
from sitrep.extraction import Extractor
t1 = time.perf_counter()
extractor = Extractor.load()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "total_s": t2 - t0,
                  "rss_after_load_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_startup(runs: int) -> list[dict[str, float]]:
    """Import + `Extractor.load()` in fresh interpreters (what a worker pays at start)."""
    results = []
    for _ in range(runs):
        wall0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _STARTUP_CHILD], capture_output=True, text=True, check=True
        )
        data = json.loads(out.stdout.strip().splitlines()[-1])
        data["process_s"] = time.perf_counter() - wall0
        results.append(data)
    return results


def run_once(
    extractor: Any, articles: list[Any], words: list[int], group: int = 1
) -> dict[str, float]:
    """One pass over `articles`: throughput, CPU per article, latency percentiles. `group`
    > 1: `enrich_many` over consecutive groups of that many (one NER call each, as the
    worker extracts a poll), each article's latency its group's."""
    gc.collect()
    latencies: list[float] = []
    events = 0
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for start in range(0, len(articles), group):
        chunk = articles[start : start + group]
        t = time.perf_counter()
        enrichments = [extractor.enrich(chunk[0])] if group == 1 else extractor.enrich_many(chunk)
        latencies.extend([time.perf_counter() - t] * len(chunk))
        events += sum(len(enrichment.events) for enrichment in enrichments)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    pct = percentiles([x * 1000 for x in latencies])
    return {
        "articles": len(articles),
        "wall_s": wall,
        "cpu_s": cpu,
        "articles_per_s": len(articles) / wall,
        "words_per_s": sum(words) / wall,
        "cpu_ms_per_article": cpu / len(articles) * 1000,
        "cpu_utilisation": cpu / wall,
        "events": events,
        "latency_ms_p50": pct["p50"],
        "latency_ms_p95": pct["p95"],
        "latency_ms_p99": pct["p99"],
    }


def measure_inprocess(
    extractor: Any, corpus: list[Any], runs: int, warmup: int = 10, group: int = 1
) -> dict[str, Any]:
    """Median-of-runs throughput of `extractor.enrich` over `corpus` (CorpusText items),
    or of `enrich_many` over groups of `group`."""
    articles = to_articles(corpus, id_prefix="inproc-")
    words = [item.words for item in corpus]
    for article in articles[:warmup]:
        extractor.enrich(article)
    chosen, all_runs = median_of_runs(
        lambda _i: run_once(extractor, articles, words, group), runs, key="articles_per_s"
    )
    return {
        **chosen,
        "articles_per_s_spread": spread([r["articles_per_s"] for r in all_runs]),
        "runs": all_runs,
        "median_words": median(words),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer articles and start-ups (< 1 min)"
    )
    parser.add_argument(
        "--articles", type=int, help="mixed-length articles (default 200, quick 40)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="timed runs per measurement (default 3)"
    )
    parser.add_argument("--seed", type=int, default=20220909)
    parser.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    args = parser.parse_args(argv)
    started = time.monotonic()
    n = args.articles or (40 if args.quick else 200)
    n700 = max(10, n // 4)
    startup_runs = 1 if args.quick else 3

    machine = machine_info()
    pinned = None if args.no_pin else pin_to_one_core()

    print(f"start-up: {startup_runs} fresh process(es) ...", flush=True)
    startup = measure_startup(startup_runs)

    from sitrep.extraction import Extractor

    load0 = time.perf_counter()
    extractor = Extractor.load()
    load_in_process = time.perf_counter() - load0
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mixed = generate_corpus(n, seed=args.seed)
    fixed = generate_corpus(n700, seed=args.seed + 1, fixed_words=700)
    print(
        f"mixed corpus: {n} articles; 700-word corpus: {n700} articles; {args.runs} runs each",
        flush=True,
    )
    mixed_result = measure_inprocess(extractor, mixed, args.runs)
    fixed_result = measure_inprocess(extractor, fixed, args.runs)
    fixed_together = measure_inprocess(extractor, fixed, args.runs, group=GROUP)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    startup_total = median([r["total_s"] for r in startup])
    rows = []
    for label, r in (
        ("mixed 300-1500 words", mixed_result),
        ("700 words", fixed_result),
        (f"700 words, groups of {GROUP}", fixed_together),
    ):
        s = r["articles_per_s_spread"]
        rows.append(
            [
                label,
                r["articles"],
                r["median_words"],
                r["articles_per_s"],
                f"{s['min']:.1f}-{s['max']:.1f}",
                r["words_per_s"],
                r["cpu_ms_per_article"],
                r["latency_ms_p50"],
                r["latency_ms_p95"],
                r["latency_ms_p99"],
            ]
        )
    print_table(
        f"In-process Extractor.enrich, one core (median of {args.runs} runs)",
        [
            "corpus",
            "articles",
            "median words",
            "articles/s",
            "runs min-max",
            "words/s",
            "CPU ms/article",
            "p50 ms",
            "p95 ms",
            "p99 ms",
        ],
        rows,
    )
    print_table(
        f"Start-up and memory (median of {startup_runs} fresh processes)",
        ["measure", "value"],
        [
            ["import sitrep.extraction (s)", median([r["import_s"] for r in startup])],
            ["Extractor.load() (s)", median([r["load_s"] for r in startup])],
            ["import + load (s)", startup_total],
            ["RSS after load (MB)", median([r["rss_after_load_mb"] for r in startup])],
            ["peak RSS after all runs (MB)", peak_rss],
        ],
    )
    # The worker extracts a poll's articles together, so the target is read on that.
    target_ratio = fixed_together["articles_per_s"] / TARGET_ARTICLES_PER_S_700
    print_table(
        "Targets",
        ["target", "measured", "ratio to target", "verdict"],
        [
            [
                f">= 50 articles/s per core (700 words, groups of {GROUP})",
                f"{fixed_together['articles_per_s']:.1f}/s",
                f"{target_ratio:.2f}x",
                verdict(target_ratio >= 1),
            ],
            [
                "RSS < 600 MB (extractor process)",
                f"{peak_rss:.0f} MB",
                f"{peak_rss / TARGET_RSS_MB:.2f}x of limit",
                verdict(peak_rss < TARGET_RSS_MB),
            ],
        ],
    )
    results = {
        "pinned_cpu": pinned,
        "mixed": mixed_result,
        "fixed_700": fixed_result,
        "fixed_700_together": {**fixed_together, "group": GROUP},
        "startup": {
            "runs": startup,
            "import_s_median": median([r["import_s"] for r in startup]),
            "load_s_median": median([r["load_s"] for r in startup]),
            "total_s_median": startup_total,
            "load_in_benchmark_process_s": load_in_process,
        },
        "rss_after_load_mb": rss_after_load,
        "peak_rss_mb": peak_rss,
        "targets": {
            "articles_per_s_700_target": TARGET_ARTICLES_PER_S_700,
            "articles_per_s_700_ratio": target_ratio,
            "articles_per_s_700_met": target_ratio >= 1,
            "rss_mb_target": TARGET_RSS_MB,
            "rss_met": peak_rss < TARGET_RSS_MB,
        },
    }
    path = write_result(
        "extraction_throughput",
        sys.argv,
        {
            "quick": args.quick,
            "articles": n,
            "articles_700": n700,
            "runs": args.runs,
            "seed": args.seed,
            "startup_runs": startup_runs,
        },
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
