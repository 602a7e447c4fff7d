"""The conflict-relevance model: how fast, and how it scores news it never saw.

    python benchmarks/relevance_model.py [--quick] [--model PATH]

Measures (nothing here trains or tunes; the model is the shipped one unless --model):
- CPU and wall time of `RelevanceModel.probability` on ~700-word articles (the corpus of
  benchmarks/common.py), beside spaCy's tokenizer alone on the same texts,
  median of several runs, and the time to load the model;
- P(conflict) on the files of ../shared/eval (read at run time, never copied): its
  percentiles and the share of articles at or above the model's threshold, beside what
  each file is (all conflict, all other news, mostly other news);
- the handwritten sentences in benchmarks/data/relevance_sentences.tsv, per genre;
- the figures on the model's own held-out test split, as recorded in model.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from common import (
    BENCH_DIR,
    eval_dir,
    generate_corpus,
    machine_info,
    percentiles,
    print_table,
    spread,
    write_result,
)

from sitrep.extraction.relevance.model import RelevanceModel, shipped_model_file

SENTENCES = BENCH_DIR / "data" / "relevance_sentences.tsv"
# file -> (text field, what the file is, the share of conflict articles it should have)
EVAL_FILES = {
    "geovirus-negatives-dev.jsonl": ("text", "WikiNews disease outbreaks (no conflict)", 0.0),
    "lgl-dev.jsonl": ("text", "US local news, 2009 (mostly no conflict)", None),
    "acled-ukraine-dev.jsonl": ("text", "ACLED event notes, Ukraine (all conflict)", 1.0),
    "ucdp-aec-dev.jsonl": ("source_article", "UCDP-AEC full articles (all conflict)", 1.0),
}


def load_model(path: Path | None) -> tuple[RelevanceModel, float, dict[str, Any]]:
    """The model (as `RelevanceModel.load` reads it), its load time and its whole file."""
    started = time.perf_counter()
    raw = json.loads((path or shipped_model_file()).read_text(encoding="utf-8"))
    model = RelevanceModel.from_dict(raw)
    return model, time.perf_counter() - started, raw


def time_per_article(score: Callable[[str], object], texts: list[str], runs: int) -> dict[str, Any]:
    """Wall-clock and CPU microseconds per article, each a spread over `runs` runs."""

    def one_run() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            score(text)
        per_article = 1e6 / len(texts)
        return (time.perf_counter() - wall) * per_article, (time.process_time() - cpu) * per_article

    one_run()  # warm-up
    runs_done = [one_run() for _ in range(runs)]
    return {
        "wall_us": spread([wall for wall, _ in runs_done]),
        "cpu_us": spread([cpu for _, cpu in runs_done]),
    }


def scores_on_eval(model: RelevanceModel) -> list[dict[str, Any]]:
    folder = eval_dir()
    rows: list[dict[str, Any]] = []
    if folder is None:
        return rows
    for name, (field, what, expected) in EVAL_FILES.items():
        path = folder / name
        if not path.exists():
            continue
        texts = [
            str(json.loads(line)[field])
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        probabilities = [model.probability(text) for text in texts]
        flagged = sum(p >= model.threshold for p in probabilities) / len(texts)
        rows.append(
            {
                "file": name,
                "what": what,
                "n": len(texts),
                "flagged_share": round(flagged, 4),
                "expected_share": expected,
                "accuracy": None if expected is None else round(1 - abs(expected - flagged), 4),
                "p_percentiles": {
                    k: round(v, 3)
                    for k, v in percentiles(probabilities, (5, 25, 50, 75, 95)).items()
                },
            }
        )
    return rows


def scores_on_sentences(model: RelevanceModel) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_genre: dict[str, list[tuple[int, float, str]]] = {}
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        genre, label, text = line.split("\t")
        by_genre.setdefault(genre, []).append((int(label), model.probability(text), text))
    summary = []
    wrong = []
    for genre, rows in by_genre.items():
        correct = sum((p >= model.threshold) == bool(label) for label, p, _ in rows)
        summary.append(
            {
                "genre": genre,
                "label": rows[0][0],
                "n": len(rows),
                "correct": correct,
                "median_p": round(statistics.median(p for _, p, _ in rows), 3),
            }
        )
        wrong += [
            {"genre": genre, "p": round(p, 3), "text": t}
            for label, p, t in rows
            if (p >= model.threshold) != bool(label)
        ]
    return summary, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--model", type=Path, help="a model.json other than the shipped one")
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()

    model, load_s, raw = load_model(args.model)
    texts = [c.text for c in generate_corpus(50 if args.quick else 200, fixed_words=700)]
    runs = 3 if args.quick else 7
    timing = time_per_article(model.probability, texts, runs)
    # For scale: a spaCy text classifier would first need at least spaCy's tokenizer.
    spacy_tokenizer = time_per_article(spacy.blank("en").tokenizer, texts, runs)
    print_table(
        f"Speed (model {model.version}, {len(model.weights):,} features)",
        ["measure", "value"],
        [
            ["load (s)", load_s],
            ["load average at start", " ".join(map(str, machine["loadavg_at_start"]))],
            [
                "P(conflict) per 700-word article, wall, median of runs (µs)",
                timing["wall_us"]["median"],
            ],
            ["  min / max of runs (µs)", "{min:.0f} / {max:.0f}".format(**timing["wall_us"])],
            [
                "P(conflict) per 700-word article, CPU, median of runs (µs)",
                timing["cpu_us"]["median"],
            ],
            ["  min / max of runs (µs)", "{min:.0f} / {max:.0f}".format(**timing["cpu_us"])],
            [
                "spaCy tokenizer alone, CPU, median of runs (µs)",
                spacy_tokenizer["cpu_us"]["median"],
            ],
        ],
    )

    eval_rows = scores_on_eval(model)
    print_table(
        f"P(conflict) on ../shared/eval (threshold {model.threshold:.3f})",
        ["file", "what", "n", "flagged", "right", "p5", "p25", "p50", "p75", "p95"],
        [
            [
                r["file"],
                r["what"],
                r["n"],
                r["flagged_share"],
                "n/a" if r["accuracy"] is None else r["accuracy"],
                *r["p_percentiles"].values(),
            ]
            for r in eval_rows
        ],
    )
    summary, wrong = scores_on_sentences(model)
    print_table(
        "Handwritten sentences (benchmarks/data/relevance_sentences.tsv)",
        ["genre", "conflict?", "n", "right", "median P"],
        [
            [s["genre"], "yes" if s["label"] else "no", s["n"], s["correct"], s["median_p"]]
            for s in summary
        ],
    )
    for row in wrong:
        print(f"  wrong ({row['genre']}, P={row['p']}): {row['text']}")
    test = raw.get("training", {}).get("test", {})
    print_table(
        "Own held-out test split (months never trained on; from model.json)",
        ["documents", "conflict", "other", "recall", "false alarms", "accuracy"],
        [
            [kind, f["n_conflict"], f["n_other"], f["recall"], f["false_alarm_rate"], f["accuracy"]]
            for kind, f in test.items()
            if kind in ("item", "digest", "mixed")
        ],
    )

    path = write_result(
        "relevance_model",
        sys.argv,
        {"quick": args.quick, "articles_timed": len(texts), "model": model.version},
        {
            "load_s": round(load_s, 4),
            "us_per_700_word_article": timing,
            "spacy_tokenizer_us_per_700_word_article": spacy_tokenizer,
            "threshold": model.threshold,
            "eval": eval_rows,
            "sentences": summary,
            "sentences_wrong": wrong,
            "held_out_test": test,
        },
        machine,
        started,
    )
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
