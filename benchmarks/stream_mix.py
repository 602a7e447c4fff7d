"""Throughput on a realistic news stream: mostly other news, about 30% conflict.

    python benchmarks/stream_mix.py            # ~1-2 min
    python benchmarks/stream_mix.py --quick    # < 1 min

Most of what a newsroom receives is not about conflict, and the relevance gate decides
that first, so other news should cost a fraction of a conflict story. Measured with
`Extractor` in-process on one core (as benchmarks/extraction_throughput.py), both ways the
worker may call it: `enrich` one article at a time, and `enrich_many` over groups of
`--group` articles (20; one NER call per group, as the worker extracts a poll):

- conflict articles: generated 700-word conflict reports (benchmarks/corpus.py's pool);
- other news: whole real articles as they were published: LGL local news and GeoVirus
  disease-outbreak news (../shared/eval, read at run time, never copied);
- the stream: both, shuffled with a seeded RNG, 30% conflict.

The two ways take turns within each run. Printed and written to
benchmarks/results/stream_mix.json, each way: CPU ms per article (the run of median CPU,
and every run), articles per CPU-second and per wall second, for the stream, for conflict
only and for other news only, how the gate labelled each kind, and the events each kind
yielded.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from typing import Any

from common import (
    CorpusText,
    generate_corpus,
    machine_info,
    other_news_texts,
    pin_to_one_core,
    print_table,
    rounded,
    spread,
    to_articles,
    verdict,
    word_count,
    write_result,
)

TARGET_MIX_ARTICLES_PER_S = 100.0
CONFLICT_SHARE = 0.3
#: Articles per `enrich_many` call: a full poll of 700-word articles under the worker's
#: 100,000-character group cap (sitrep.enricher.stage.GROUP_CHARS) makes groups of ~22.
GROUP = 20


def other_news(n: int, rng: random.Random) -> list[CorpusText]:
    import datetime as dt

    texts = [t for group in other_news_texts().values() for t in group]
    rng.shuffle(texts)
    base = dt.datetime(2022, 3, 1, 12, tzinfo=dt.UTC)
    return [
        CorpusText(f"other-{i:05d}", text, word_count(text), base + dt.timedelta(hours=i))
        for i, text in enumerate(texts[:n])
    ]


def run_once(
    extractor: Any, articles: list[Any], words: list[int], group: int = 1
) -> dict[str, Any]:
    """One pass over `articles`: one `enrich` call each (`group` 1), or `enrich_many` over
    consecutive groups of `group` articles (one NER call each, as the worker does a poll)."""
    labels: dict[str, int] = {}
    events = 0
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for start in range(0, len(articles), group):
        chunk = articles[start : start + group]
        enrichments = [extractor.enrich(chunk[0])] if group == 1 else extractor.enrich_many(chunk)
        for enrichment in enrichments:
            events += len(enrichment.events)
            relevance = enrichment.article.relevance
            label = relevance.label.value if relevance is not None else "none"
            labels[label] = labels.get(label, 0) + 1
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    return {
        "articles": len(articles),
        "words_median": sorted(words)[len(words) // 2],
        "articles_per_s": len(articles) / wall,
        "cpu_ms_per_article": cpu / len(articles) * 1000,
        "articles_per_cpu_s": len(articles) / cpu,
        "events": events,
        "relevance_labels": labels,
    }


def measure(
    extractor: Any, corpus: list[CorpusText], runs: int, group: int
) -> dict[str, dict[str, Any]]:
    """Both ways, one at a time and in groups, taking turns each run (the machine's load
    then weighs on both alike); for each, the run of median CPU per article."""
    articles = to_articles(corpus, id_prefix="mix-")
    words = [item.words for item in corpus]
    for article in articles[:10]:  # warm-up
        extractor.enrich(article)
    ways = {"one_at_a_time": 1, "together": group}
    all_runs: dict[str, list[dict[str, Any]]] = {name: [] for name in ways}
    for r in range(runs):
        for name in list(ways) if r % 2 == 0 else list(reversed(ways)):
            all_runs[name].append(run_once(extractor, articles, words, ways[name]))
    results = {}
    for name, done in all_runs.items():
        chosen = sorted(done, key=lambda run: run["cpu_ms_per_article"])[(len(done) - 1) // 2]
        results[name] = {
            **chosen,
            "group": ways[name],
            "cpu_ms_per_article_runs": [run["cpu_ms_per_article"] for run in done],
            "articles_per_s_spread": spread([run["articles_per_s"] for run in done]),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer articles (< 1 min)")
    parser.add_argument("--articles", type=int, help="articles in the stream (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--seed", type=int, default=20221201)
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    parser.add_argument(
        "--group",
        type=int,
        default=GROUP,
        help=f"articles per enrich_many call when together (default {GROUP})",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    n = args.articles or (100 if args.quick else 300)
    machine = machine_info()
    if not args.no_pin:
        pin_to_one_core()

    rng = random.Random(args.seed)
    n_conflict = round(n * CONFLICT_SHARE)
    conflict = generate_corpus(n_conflict, seed=args.seed, fixed_words=700, prefix="conflict")
    other = other_news(n - n_conflict, rng)
    if len(other) < n - n_conflict:
        print("other news needs ../shared/eval (LGL, GeoVirus); not found", file=sys.stderr)
        return 2
    stream = conflict + other
    rng.shuffle(stream)

    from sitrep.extraction import Extractor

    extractor = Extractor.load()
    print(f"stream: {n} articles ({n_conflict} conflict); {args.runs} runs each", flush=True)
    results = {
        "stream": measure(extractor, stream, args.runs, args.group),
        "conflict_only": measure(extractor, conflict, args.runs, args.group),
        "other_only": measure(extractor, other, args.runs, args.group),
    }
    rows = [
        [
            name,
            way.replace("_", " ") if way == "one_at_a_time" else f"groups of {r['group']}",
            r["articles"],
            r["words_median"],
            1000 / r["cpu_ms_per_article"],
            r["cpu_ms_per_article"],
            f"{min(r['cpu_ms_per_article_runs']):.1f}-{max(r['cpu_ms_per_article_runs']):.1f}",
            r["articles_per_s"],
            r["events"],
            ", ".join(f"{k} {v}" for k, v in sorted(r["relevance_labels"].items())),
        ]
        for name, ways in results.items()
        for way, r in ways.items()
    ]
    print_table(
        f"Extractor on one core (run of median CPU, of {args.runs})",
        [
            "articles",
            "how",
            "n",
            "median words",
            "articles/CPU-s",
            "CPU ms/article",
            "runs min-max",
            "articles/s (wall)",
            "events",
            "relevance",
        ],
        rows,
    )
    together = {name: ways["together"] for name, ways in results.items()}
    mix = together["stream"]["articles_per_cpu_s"]
    ratio = together["conflict_only"]["cpu_ms_per_article"] / max(
        together["other_only"]["cpu_ms_per_article"], 1e-9
    )
    print(
        f"\nstream, in groups of {args.group}: {mix:.1f} articles per CPU-second "
        f"(target >= {TARGET_MIX_ARTICLES_PER_S:.0f}) {verdict(mix >= TARGET_MIX_ARTICLES_PER_S)}; "
        f"an other-news article costs 1/{ratio:.1f} of a conflict one"
    )
    path = write_result(
        "stream_mix",
        sys.argv,
        {
            "articles": n,
            "conflict_share": CONFLICT_SHARE,
            "runs": args.runs,
            "seed": args.seed,
            "group": args.group,
        },
        rounded({**results, "conflict_to_other_cpu_ratio": ratio}),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
