"""What the NER reads on 700-word conflict articles, where its time goes, and what the
name-run windows cost, in one run.

    python benchmarks/ner_windows.py [--rounds 6] [--articles 50]

The analyzer's "doubtful" NER mode reads short windows around (a) gazetteer hits that
rules cannot settle and (b) capitalised runs that look like a person's name
(`TextAnalyzer._name_runs`, for the event engine's officials and the enrichment's
entities). Pinned to one CPU, over extraction_ab.py's 50 generated 700-word articles:
1. spaCy tokens per article by cause: (a), (b), the two merged (what is read), and the
   whole text;
2. the NER's CPU per article split into spaCy's tokenizer, the model's forward pass
   (`ner.model.predict`: embeddings, CNN, first layer) and the rest of `ner.predict` (the
   greedy transition loop; in spaCy's wheels for Python < 3.12 every `StateC::B_` call
   there takes and drops the GIL twice, see benchmarks/README.md), beside the rest of
   `ner.beam_parse` at width one (the same entities; what the analyzer runs there);
3. `Extractor.enrich` as shipped against the same with no name-run windows, taking
   turns every round (CPU ms per article, the ratio), and on how many articles the
   enrichment or the events differ. Option (3) changes output: it is measured here to
   size a product decision, not a speed edit.
Printed and written to benchmarks/results/ner_windows.json.
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
    pin_to_one_core,
    print_table,
    rounded,
    to_articles,
    write_result,
)


def reads(analyzer: Any, texts: list[str]) -> dict[str, float]:
    """spaCy tokens per article in the windows of each cause, and in the whole text."""
    from sitrep.extraction.geo.analyzer import _needs_ner, _windows

    nlp = analyzer._nlp
    totals = dict.fromkeys(("doubtful hits", "name runs", "read (merged)", "whole text"), 0)
    for text in texts:
        r = analyzer._before_ner(text)
        hits = [(m.first_token, m.last_token) for m in r.mentions if _needs_ner(m)]
        runs = analyzer._name_runs(text, r.tokens)
        for name, targets in (("doubtful hits", hits), ("name runs", runs)):
            spans = _windows(r.sentences, r.tokens, targets)
            totals[name] += sum(len(nlp.make_doc(text[s:e])) for s, e in spans)
        totals["read (merged)"] += sum(len(nlp.make_doc(text[s:e])) for s, e in r.spans)
        totals["whole text"] += len(nlp.make_doc(text))
    return {name: count / len(texts) for name, count in totals.items()}


def ner_parts(analyzer: Any, texts: list[str], rounds: int) -> dict[str, float]:
    """Median CPU ms per article of the NER's parts over each article's windows."""
    nlp = analyzer._nlp
    ner = nlp.get_pipe("ner")
    windows = [[text[s:e] for s, e in analyzer._before_ner(text).spans] for text in texts]
    runs: dict[str, list[float]] = {
        "tokenizer": [],
        "model forward": [],
        "ner.predict": [],
        "ner.beam_parse, width 1": [],
    }
    for _ in range(rounds):
        cpu = dict.fromkeys(runs, 0.0)
        for article in windows:
            start = time.process_time()
            docs = [nlp.make_doc(w) for w in article]
            cpu["tokenizer"] += time.process_time() - start
            if not docs:
                continue
            start = time.process_time()
            ner.model.predict(docs)
            cpu["model forward"] += time.process_time() - start
            start = time.process_time()
            ner.predict(docs)
            cpu["ner.predict"] += time.process_time() - start
            start = time.process_time()
            ner.beam_parse(docs, beam_width=1)
            cpu["ner.beam_parse, width 1"] += time.process_time() - start
        for name in runs:
            runs[name].append(1000 * cpu[name] / len(texts))
    parts = {name: median(values) for name, values in runs.items()}
    parts["greedy transition loop (ner.predict - forward)"] = (
        parts["ner.predict"] - parts["model forward"]
    )
    parts["beam transition loop (beam_parse - forward)"] = (
        parts["ner.beam_parse, width 1"] - parts["model forward"]
    )
    return parts


def without_name_runs(extractor: Any, articles: list[Any], rounds: int) -> dict[str, Any]:
    """`enrich` as shipped and with no name-run windows, alternating; output differences."""
    from sitrep.extraction.geo.analyzer import TextAnalyzer

    shipped = TextAnalyzer._name_runs

    def none(self: Any, text: str, tokens: Any) -> list[tuple[int, int]]:
        return []

    variants = {"shipped": shipped, "no name runs": none}

    def outputs() -> list[tuple[str, list[str]]]:
        done = [extractor.enrich(a) for a in articles]
        return [
            (
                e.article.model_dump_json(exclude={"extracted_at"}),
                [v.model_dump_json(exclude={"extracted_at"}) for v in e.events],
            )
            for e in done
        ]

    seen: dict[str, list[tuple[str, list[str]]]] = {}
    runs: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for name, method in variants.items():
            TextAnalyzer._name_runs = method  # type: ignore[method-assign]
            seen[name] = outputs()  # also warms the caches for the timed rounds
        for r in range(rounds):
            for name in list(variants) if r % 2 == 0 else list(reversed(variants)):
                TextAnalyzer._name_runs = variants[name]  # type: ignore[method-assign]
                start = time.process_time()
                for article in articles:
                    extractor.enrich(article)
                runs[name].append(1000 * (time.process_time() - start) / len(articles))
    finally:
        TextAnalyzer._name_runs = shipped  # type: ignore[method-assign]
    pairs = list(zip(seen["shipped"], seen["no name runs"], strict=True))
    ratios = [a / b for a, b in zip(runs["shipped"], runs["no name runs"], strict=True)]
    return {
        "cpu_ms_per_article": {name: median(values) for name, values in runs.items()},
        "runs": runs,
        "speed": {"median": median(ratios), "rounds": ratios},
        "articles": len(articles),
        "enrichment_differs": sum(a[0] != b[0] for a, b in pairs),
        "events_differ": sum(a[1] != b[1] for a, b in pairs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    pin_to_one_core()

    from sitrep.extraction.extractor import Extractor

    extractor = Extractor.load()
    articles = to_articles(
        generate_corpus(args.articles, seed=20220909 + 1, fixed_words=700), id_prefix="ab-"
    )
    texts = [a.text for a in articles]
    analyzer = extractor.analyzer
    results = {
        "tokens_per_article": reads(analyzer, texts),
        "ner_cpu_ms_per_article": ner_parts(analyzer, texts, args.rounds),
        "without_name_runs": without_name_runs(extractor, articles, args.rounds),
    }
    print_table(
        "spaCy tokens per article the NER reads, by cause",
        ["cause", "tokens"],
        [[k, v] for k, v in results["tokens_per_article"].items()],
    )
    print_table(
        f"NER CPU ms per article, by part (median of {args.rounds} rounds)",
        ["part", "ms"],
        [[k, v] for k, v in results["ner_cpu_ms_per_article"].items()],
    )
    w = results["without_name_runs"]
    print_table(
        f"Extractor.enrich, CPU ms per article (median of {args.rounds} alternating rounds)",
        [
            "shipped",
            "no name-run windows",
            "speed",
            "articles",
            "enrichment differs",
            "events differ",
        ],
        [
            [
                w["cpu_ms_per_article"]["shipped"],
                w["cpu_ms_per_article"]["no name runs"],
                f"{w['speed']['median']:.2f}x ({min(w['speed']['rounds']):.2f}-"
                f"{max(w['speed']['rounds']):.2f})",
                w["articles"],
                w["enrichment_differs"],
                w["events_differ"],
            ]
        ],
    )
    path = write_result(
        "ner_windows",
        sys.argv,
        {"rounds": args.rounds, "articles": args.articles},
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
