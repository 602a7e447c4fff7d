"""False merges of the incident stage on real, distinct incidents (kept out of the package).

The ACLED Ukraine dev rows (one event each, ACLED codes one event per place, day and actor
pair) and the UCDP-AEC dev articles (193 distinct incidents) are read from ../shared/eval at
run time, extracted with the worker's `Extractor`, and streamed together in publication
order through the same router and book the stage runs (`sitrep.incidents.offline`).
Nothing from the eval files is written to the repository; only counts are.

Any incident holding standing reports of two different rows is a false merge. Reported:
- rows in a false merge / rows with at least one event (the issue's "merges among them");
- false-merge incidents / incidents with two or more reports;
- for context: events per row, incidents, multi-report incidents.

    python benchmarks/incidents_eval.py [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import eval_dir, machine_info, print_table, write_result

from sitrep.incidents.offline import OfflineIncidents
from sitrep.settings import Settings
from sitrep_contracts import Article, ArticleEnrichment, EnrichedEvent

TARGET_FALSE_MERGE_RATE = 0.02


def read_rows(folder: Path, limit: int | None) -> list[tuple[str, Article]]:
    """(dataset, article) for the ACLED and UCDP-AEC dev rows."""
    rows: list[tuple[str, Article]] = []
    acled = folder / "acled-ukraine-dev.jsonl"
    for line in acled.read_text(encoding="utf-8").splitlines()[:limit]:
        row = json.loads(line)
        rows.append(
            (
                "acled",
                Article(
                    article_id=row["id"],
                    text=row["text"],
                    published_at=row["published_at"],
                    source="ACLED",
                ),
            )
        )
    ucdp = folder / "ucdp-aec-dev.jsonl"
    for line in ucdp.read_text(encoding="utf-8").splitlines()[:limit]:
        row = json.loads(line)
        day = dt.datetime.fromisoformat(row["source_date"]).replace(hour=12, tzinfo=dt.UTC)
        rows.append(
            (
                "ucdp",
                Article(
                    article_id=f"ucdp-{row['id']}",
                    text=row["source_article"],
                    published_at=day,
                    source="UCDP-AEC",
                ),
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Rows per dataset.")
    args = parser.parse_args()
    folder = eval_dir()
    if folder is None:
        print("no ../shared/eval: nothing to measure")
        return 0
    started = time.monotonic()
    from sitrep.extraction import Extractor

    extractor = Extractor.load(Settings())
    rows = read_rows(folder, args.limit)
    stream: list[tuple[dt.datetime, int, EnrichedEvent | ArticleEnrichment]] = []
    dataset_of: dict[str, str] = {}
    extraction_s = time.monotonic()
    for index, (dataset, article) in enumerate(rows):
        enrichment = extractor.enrich(article)
        dataset_of[article.article_id] = dataset
        for event in enrichment.events:
            stream.append((article.published_at, index, event))
        stream.append((article.published_at, index, enrichment.article))
    extraction_s = time.monotonic() - extraction_s
    stream.sort(key=lambda item: (item[0], item[1]))  # publication order, articles whole

    stage = OfflineIncidents()
    merging_s = time.monotonic()
    for _, _, message in stream:
        stage.feed(message)
    merging_s = time.monotonic() - merging_s

    events_per_row = Counter(m.article_id for _, _, m in stream if isinstance(m, EnrichedEvent))
    rows_with_events = len(events_per_row)
    multi = [i for i in stage.latest.values() if sum(not r.withdrawn for r in i.reports) >= 2]
    false_incidents = []
    rows_in_false = set()
    mixed_datasets = 0
    for incident in multi:
        articles = {r.article_id for r in incident.reports if not r.withdrawn}
        if len(articles) >= 2:
            false_incidents.append(incident)
            rows_in_false |= articles
            mixed_datasets += len({dataset_of[a] for a in articles}) > 1
    by_dataset: dict[str, dict[str, int]] = defaultdict(lambda: {"rows": 0, "in_false_merge": 0})
    for article_id in events_per_row:
        by_dataset[dataset_of[article_id]]["rows"] += 1
        by_dataset[dataset_of[article_id]]["in_false_merge"] += article_id in rows_in_false
    rate = len(rows_in_false) / rows_with_events if rows_with_events else 0.0
    results = {
        "rows": len(rows),
        "rows_with_events": rows_with_events,
        "events": sum(events_per_row.values()),
        "events_per_row_mean": round(sum(events_per_row.values()) / max(1, rows_with_events), 2),
        "incidents": len(stage.latest),
        "incidents_with_2plus_reports": len(multi),
        "false_merge_incidents": len(false_incidents),
        "false_merge_incidents_across_datasets": mixed_datasets,
        "rows_in_a_false_merge": len(rows_in_false),
        "false_merge_rate_rows": round(rate, 4),
        "false_merge_rate_multi_report_incidents": round(len(false_incidents) / len(multi), 4)
        if multi
        else 0.0,
        "by_dataset": dict(by_dataset),
        "target_false_merge_rate": TARGET_FALSE_MERGE_RATE,
        "meets_target": rate <= TARGET_FALSE_MERGE_RATE,
        "extraction_s": round(extraction_s, 1),
        "merging_s": round(merging_s, 3),
        "merging_messages_per_s": round(len(stream) / merging_s) if merging_s else None,
    }
    print_table(
        "Incident stage: false merges among distinct incidents (ACLED + UCDP-AEC dev)",
        ["measure", "value"],
        [[key, value] for key, value in results.items() if key != "by_dataset"],
    )
    path = write_result(
        "incidents_eval",
        sys.argv,
        {"limit": args.limit, "rules": "services/sitrep/incidents/data/matching.yaml"},
        results,
        machine_info(),
        started,
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
