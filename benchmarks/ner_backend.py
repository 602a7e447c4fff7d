"""The NER alone on its two matrix backends, in one run: thinc's bundled BLIS against
numpy's BLAS on one thread (what `load_nlp` uses), over the NER windows of real articles.

    python benchmarks/ner_backend.py [--rounds 5] [--articles 50]

BLIS picks its kernel by CPU model and runs a generic, unvectorised one on CPUs it does not
know; OpenBLAS (inside numpy's wheel) picks by CPU features. The windows sent to spaCy
are recorded once from `TextAnalyzer.analyze` over the 700-word corpus; then both
pipelines (loaded in this process, pinned to one CPU) read each article's windows as one
`nlp.pipe` call, as the analyzer does, taking turns every five articles; each turn is
timed with `time.process_time`. Printed and written to benchmarks/results/ner_backend.json:
CPU ms per article per backend (median of rounds, every round), the speed ratio, the
libraries' kernels, and whether both read exactly the same entities.
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

SLICE = 5


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    pin_to_one_core()

    import spacy
    from threadpoolctl import threadpool_info

    from sitrep.extraction.geo.analyzer import NOT_NER, SPACY_MODEL, TextAnalyzer

    analyzer = TextAnalyzer.load()
    numpy_blas = analyzer._nlp  # built by load_nlp
    assert numpy_blas is not None
    blis = spacy.load(SPACY_MODEL, exclude=NOT_NER)
    pipelines = {"blis": blis, "numpy BLAS": numpy_blas}

    corpus = generate_corpus(args.articles, seed=20220909 + 1, fixed_words=700)
    windows = ner_windows(analyzer, (item.text for item in corpus))

    def read(nlp: Any, part: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for texts in part
            for doc in nlp.pipe(texts, batch_size=256)
        ]

    same = read(blis, windows) == read(numpy_blas, windows)
    runs: dict[str, list[float]] = {name: [] for name in pipelines}
    for r in range(args.rounds):
        cpu = dict.fromkeys(pipelines, 0.0)
        for k, start in enumerate(range(0, len(windows), SLICE)):
            order = list(pipelines) if (r + k) % 2 == 0 else list(reversed(pipelines))
            for name in order:
                cpu0 = time.process_time()
                read(pipelines[name], windows[start : start + SLICE])
                cpu[name] += time.process_time() - cpu0
        for name in pipelines:
            runs[name].append(1000 * cpu[name] / len(windows))
    ms = {name: median(values) for name, values in runs.items()}
    ratios = [b / n for b, n in zip(runs["blis"], runs["numpy BLAS"], strict=True)]
    tokens = sum(len(blis.make_doc(t)) for texts in windows for t in texts)
    print_table(
        f"NER CPU per 700-word article ({len(windows)} articles, "
        f"{tokens / len(windows):.0f} tokens in "
        f"{sum(map(len, windows)) / len(windows):.1f} windows each), median of {args.rounds}",
        ["backend", "CPU ms/article", "rounds min-max"],
        [[n, ms[n], f"{min(runs[n]):.2f}-{max(runs[n]):.2f}"] for n in pipelines],
    )
    print(
        f"speed numpy BLAS / BLIS: {median(ratios):.2f}x "
        f"(rounds {min(ratios):.2f}-{max(ratios):.2f}); same entities: {same}"
    )
    blas = [
        {k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
        for p in threadpool_info()
        if p["user_api"] == "blas"
    ]
    path = write_result(
        "ner_backend",
        sys.argv,
        {"rounds": args.rounds, "articles": len(windows), "slice": SLICE},
        rounded(
            {
                "cpu_ms_per_article": ms,
                "runs": runs,
                "speed": {"median": median(ratios), "rounds": ratios},
                "same_entities": same,
                "tokens_per_article": tokens / len(windows),
                "windows_per_article": sum(map(len, windows)) / len(windows),
                "numpy_blas": blas,
            }
        ),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
