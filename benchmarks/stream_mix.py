"""Throughput on a realistic news stream: mostly other news, about 30% conflict.

    python benchmarks/stream_mix.py            # ~1-2 min
    python benchmarks/stream_mix.py --quick    # < 1 min

Most of what a newsroom receives is not about conflict, and the relevance gate decides
that first, so other news should cost a fraction of a conflict story. Measured with
`Extractor.enrich` in-process on one core (as benchmarks/extraction_throughput.py):

- conflict articles: generated 700-word conflict reports (benchmarks/corpus.py's pool);
- other news: whole real articles as they were published: LGL local news and GeoVirus
  disease-outbreak news (../shared/eval, read at run time, never copied);
- the stream: both, shuffled with a seeded RNG, 30% conflict.

Printed and written to benchmarks/results/stream_mix.json: articles/s per core and CPU ms
per article for the stream, for conflict only and for other news only, how the gate
labelled each kind, and the events each kind yielded.
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
    median_of_runs,
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


def other_news(n: int, rng: random.Random) -> list[CorpusText]:
    import datetime as dt

    texts = [t for group in other_news_texts().values() for t in group]
    rng.shuffle(texts)
    base = dt.datetime(2022, 3, 1, 12, tzinfo=dt.UTC)
    return [
        CorpusText(f"other-{i:05d}", text, word_count(text), base + dt.timedelta(hours=i))
        for i, text in enumerate(texts[:n])
    ]


def run_once(extractor: Any, articles: list[Any], words: list[int]) -> dict[str, Any]:
    labels: dict[str, int] = {}
    events = 0
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for article in articles:
        enrichment = extractor.enrich(article)
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


def measure(extractor: Any, corpus: list[CorpusText], runs: int) -> dict[str, Any]:
    articles = to_articles(corpus, id_prefix="mix-")
    words = [item.words for item in corpus]
    for article in articles[:10]:  # warm-up
        extractor.enrich(article)
    chosen, all_runs = median_of_runs(
        lambda _i: run_once(extractor, articles, words), runs, key="articles_per_s"
    )
    return {**chosen, "articles_per_s_spread": spread([r["articles_per_s"] for r in all_runs])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer articles (< 1 min)")
    parser.add_argument("--articles", type=int, help="articles in the stream (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--seed", type=int, default=20221201)
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
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
        "stream": measure(extractor, stream, args.runs),
        "conflict_only": measure(extractor, conflict, args.runs),
        "other_only": measure(extractor, other, args.runs),
    }
    rows = [
        [
            name,
            r["articles"],
            r["words_median"],
            r["articles_per_s"],
            f"{r['articles_per_s_spread']['min']:.1f}-{r['articles_per_s_spread']['max']:.1f}",
            r["cpu_ms_per_article"],
            r["events"],
            ", ".join(f"{k} {v}" for k, v in sorted(r["relevance_labels"].items())),
        ]
        for name, r in results.items()
    ]
    print_table(
        f"Extractor.enrich on one core (median of {args.runs} runs)",
        [
            "articles",
            "n",
            "median words",
            "articles/s",
            "runs min-max",
            "CPU ms/article",
            "events",
            "relevance",
        ],
        rows,
    )
    mix = results["stream"]["articles_per_s"]
    ratio = results["conflict_only"]["cpu_ms_per_article"] / max(
        results["other_only"]["cpu_ms_per_article"], 1e-9
    )
    print(
        f"\nstream: {mix:.1f} articles/s per core (target >= {TARGET_MIX_ARTICLES_PER_S:.0f}) "
        f"{verdict(mix >= TARGET_MIX_ARTICLES_PER_S)}; an other-news article costs 1/{ratio:.1f} "
        "of a conflict one"
    )
    path = write_result(
        "stream_mix",
        sys.argv,
        {"articles": n, "conflict_share": CONFLICT_SHARE, "runs": args.runs, "seed": args.seed},
        rounded({**results, "conflict_to_other_cpu_ratio": ratio}),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
