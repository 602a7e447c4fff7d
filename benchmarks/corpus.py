"""Generate the benchmark corpus and describe it (or write it as Article JSON Lines).

    python benchmarks/corpus.py                       # 200 articles: length table, sources
    python benchmarks/corpus.py --n 50 --out /tmp/articles.jsonl   # for `sitrep publish`

Articles recombine paragraphs of services/sitrep/samples/*.txt and, when present, the texts
of ../shared/eval/*.jsonl (read at run time, never copied into the repository) with a seeded
RNG: every article is different, lengths 300-1500 words, median about 700.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time

from common import (
    generate_corpus,
    load_paragraphs,
    machine_info,
    median,
    percentile,
    print_table,
    rounded,
    to_articles,
    write_result,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--seed", type=int, default=20220909)
    parser.add_argument("--out", help="write Article JSON Lines here (not into the repository)")
    args = parser.parse_args(argv)
    started = time.monotonic()

    pool = load_paragraphs()
    corpus = generate_corpus(args.n, seed=args.seed, pool=pool)
    fixed = generate_corpus(max(10, args.n // 4), seed=args.seed + 1, fixed_words=700, pool=pool)
    words = [item.words for item in corpus]
    fixed_words = [item.words for item in fixed]
    unique = len({hashlib.sha256(item.text.encode()).hexdigest() for item in corpus})

    print_table(
        "Paragraph sources",
        ["source", "paragraphs"],
        [[name, count] for name, count in pool.sources.items()],
    )
    stats = {
        "articles": len(corpus),
        "unique_texts": unique,
        "words_min": min(words),
        "words_p10": percentile(words, 10),
        "words_median": median(words),
        "words_p90": percentile(words, 90),
        "words_max": max(words),
        "words_total": sum(words),
        "fixed_700_articles": len(fixed),
        "fixed_700_words_min": min(fixed_words),
        "fixed_700_words_max": max(fixed_words),
    }
    print_table("Corpus", ["measure", "value"], [[k, v] for k, v in stats.items()])
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for article in to_articles(corpus):
                out.write(article.model_dump_json() + "\n")
        print(f"\nwrote {len(corpus)} articles to {args.out}")
    path = write_result(
        "corpus",
        sys.argv,
        {"n": args.n, "seed": args.seed},
        rounded({"sources": pool.sources, **stats}),
        machine_info(),
        started,
    )
    print(f"\nresult: {path}")
    return 0 if unique == len(corpus) else 1


if __name__ == "__main__":
    raise SystemExit(main())
