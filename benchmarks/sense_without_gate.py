"""The second line of defence: what the event stage emits on non-conflict news by itself.

    python benchmarks/sense_without_gate.py [FILE.jsonl ...]

The relevance gate stops most other news before any event is extracted; the sense checks
of events/sense.py ("a trigger counts only in the conflict sense") are what is left when
the gate is fooled. This runs the extractor on negatives files (default: the dev half of
benchmarks/data/other_news and ../shared/eval/geovirus-negatives-dev.jsonl) twice, with
the shipped gate and with the gate forced to say "conflict", and prints per genre the share
of articles with any event, and the sub-event types the open gate lets through. Nothing
here tunes anything; a rule change is judged with `sitrep eval` on every file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from common import BENCH_DIR, eval_dir, machine_info, print_table, write_result

from sitrep.extraction import Extractor
from sitrep.extraction.events import EventExtractor
from sitrep.extraction.relevance import RelevanceGate
from sitrep.settings import Settings
from sitrep_contracts import Article, Relevance, RelevanceLabel

DEFAULT_PUBLISHED_AT = "2010-01-01T12:00:00+00:00"


class OpenGate(RelevanceGate):
    """The shipped gate's decision (score, evidence), always labelled conflict."""

    def decide(self, text: str, folded: str | None = None) -> Relevance:
        decision = super().decide(text, folded)
        return decision.model_copy(update={"label": RelevanceLabel.CONFLICT})


def default_files() -> list[Path]:
    files = [BENCH_DIR / "data" / "other_news" / "other-news-dev.jsonl"]
    shared = eval_dir()
    if shared is not None:
        files.append(shared / "geovirus-negatives-dev.jsonl")
    return files


def measure(extractor: Extractor, rows: list[dict[str, Any]]) -> dict[str, Any]:
    articles: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    sub_events: Counter[str] = Counter()
    for row in rows:
        genre = str(row.get("genre", "-"))
        article = Article(
            article_id=str(row["id"]),
            text=row["text"],
            published_at=row.get("published_at") or DEFAULT_PUBLISHED_AT,
            language="en",
        )
        events = extractor.enrich(article).events
        articles[genre] += 1
        fired[genre] += bool(events)
        sub_events.update(str(event.sub_event_type) for event in events)
    return {
        "articles": dict(articles),
        "with_event": {g: fired[g] / articles[g] for g in sorted(articles)},
        "with_event_all": sum(fired.values()) / max(sum(articles.values()), 1),
        "sub_events": dict(sub_events.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or default_files()
    started = time.monotonic()
    shipped = Extractor.load(Settings())
    # The same analyzer and rules; only the gate differs (OpenGate.load builds an OpenGate).
    opened = Extractor(shipped.analyzer, EventExtractor.load(), OpenGate.load())
    results: dict[str, Any] = {}
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        gated, open_ = measure(shipped, rows), measure(opened, rows)
        results[path.name] = {"gate": gated, "open_gate": open_}
        table = [
            (genre, n, gated["with_event"][genre], open_["with_event"][genre])
            for genre, n in sorted(gated["articles"].items())
        ]
        table.append(("(all)", len(rows), gated["with_event_all"], open_["with_event_all"]))
        print_table(
            f"{path.name}: share of articles with any event",
            ("genre", "articles", "shipped gate", "gate forced open"),
            table,
        )
        print(f"sub-event types with the gate open: {open_['sub_events']}\n")
    out = write_result(
        "sense_without_gate",
        sys.argv,
        {"files": [str(p) for p in files]},
        results,
        machine_info(),
        started,
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
