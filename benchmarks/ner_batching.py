"""The NER over the windows of several articles in one `nlp.pipe` call, against one call
per article (what the analyzer does today), in one run.

    python benchmarks/ner_batching.py [--rounds 5] [--articles 50] [--poll 10]

One call per article pays spaCy's fixed cost of a call (about 2 ms of CPU here: the
model's ~60 layers run in Python whatever the batch holds) on top of its ~10 short
windows. A poll returns up to `MAX_BATCH` (50) records; this measured what reading all
their windows in one call would save before the worker was changed for it (it now does,
through `Extractor.enrich_many`). Only conflict articles count: other news
gets no NER by default (`SITREP_OTHER_NEWS_NER=off`). The windows are recorded once from
`TextAnalyzer.analyze` over generated 700-word conflict articles (stream_mix.py's set);
then, pinned to one CPU, the same pipeline reads them per article and in polls of
`--poll` articles, taking turns every poll, each turn timed with `time.process_time`.
Printed and written to benchmarks/results/ner_batching.json: CPU ms per article each way
(median of rounds, every round), the ratio, and whether both ways read exactly the same
entities.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from common import (
    generate_corpus,
    machine_info,
    median,
    ner_windows,
    pin_to_one_core,
    print_table,
    rounded,
    write_result,
)

Entities = list[list[tuple[int, int, str]]]


def read(nlp: Any, polls: list[list[str]]) -> Entities:
    """Each poll's texts in one `nlp.pipe` call; every text's entities."""
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for texts in polls
        for doc in nlp.pipe(texts, batch_size=256)
    ]


def compare(nlp: Any, windows: list[list[str]], poll: int, rounds: int) -> dict[str, Any]:
    """CPU per article reading `windows` one article per call, and `poll` articles per call."""
    polls = [
        [text for article in windows[start : start + poll] for text in article]
        for start in range(0, len(windows), poll)
    ]
    same = read(nlp, windows) == read(nlp, polls)
    runs: dict[str, list[float]] = {"per article": [], "per poll": []}
    for r in range(rounds):
        cpu = dict.fromkeys(runs, 0.0)
        for k, start in enumerate(range(0, len(windows), poll)):
            turns = {
                "per article": windows[start : start + poll],
                "per poll": [polls[k]],
            }
            for name in list(turns) if (r + k) % 2 == 0 else list(reversed(turns)):
                cpu0 = time.process_time()
                read(nlp, turns[name])
                cpu[name] += time.process_time() - cpu0
        for name in runs:
            runs[name].append(1000 * cpu[name] / len(windows))
    ratios = [a / p for a, p in zip(runs["per article"], runs["per poll"], strict=True)]
    return {
        "articles_with_ner": len(windows),
        "windows_per_article": sum(map(len, windows)) / max(len(windows), 1),
        "cpu_ms_per_article": {name: median(values) for name, values in runs.items()},
        "runs": runs,
        "speed": {"median": median(ratios), "rounds": ratios},
        "same_entities": same,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--poll", type=int, default=10, help="articles per call when batched")
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    pin_to_one_core()

    from sitrep.extraction.geo.analyzer import TextAnalyzer

    analyzer = TextAnalyzer.load()
    texts = [c.text for c in generate_corpus(args.articles, seed=20221201, fixed_words=700)]
    results = {
        "conflict, 700 words": compare(
            analyzer._nlp, ner_windows(analyzer, texts), args.poll, args.rounds
        )
    }
    print_table(
        f"NER CPU per article that calls it, one call per article vs one per {args.poll} "
        f"articles (median of {args.rounds} rounds)",
        ["articles", "n", "windows each", "per article ms", "per poll ms", "speed", "same"],
        [
            [
                name,
                r["articles_with_ner"],
                r["windows_per_article"],
                r["cpu_ms_per_article"]["per article"],
                r["cpu_ms_per_article"]["per poll"],
                f"{r['speed']['median']:.2f}x ({min(r['speed']['rounds']):.2f}-"
                f"{max(r['speed']['rounds']):.2f})",
                r["same_entities"],
            ]
            for name, r in results.items()
        ],
    )
    path = write_result(
        "ner_batching",
        sys.argv,
        {"rounds": args.rounds, "articles": args.articles, "poll": args.poll},
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
