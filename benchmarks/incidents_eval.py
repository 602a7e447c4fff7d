"""The incident stage's merges, measured on real reports (kept out of the package).

1. True merges: the re-reports of benchmarks/data/incident_rereports (104 Current Events
   portal reports of 68 incidents, 31 of them reported two or three times; see its
   README) are extracted with the worker's `Extractor` and streamed in publication order
   through the router and book the stage runs (`sitrep.incidents.offline`). Scored per
   report against the annotation:
   - B-cubed precision and recall (Bagga and Baldwin 1998): for each report, the share of
     the reports in its predicted incident that belong to its true one, and the share of
     its true incident's reports that its predicted incident holds, averaged over reports.
     A report's predicted incident is the one its headline event joined (the event with
     the largest killed figure, else its first); a report without any event is alone;
   - the toll after the updates: for each incident reported more than once with a killed
     figure, whether the incident holding its latest report ends with that figure;
   - for context: reports without an event, the extractor's own killed figure on those
     latest reports (the toll measure cannot beat it), and for each later report of an
     incident, what keeps it from the first (the rule's first failed condition, measured
     on the two reports' headline events; `no_event` when it has none).
2. False merges (when ../shared/eval is present): the ACLED Ukraine dev rows (one event
   each, ACLED codes one event per place, day and actor pair) and the UCDP-AEC dev
   articles (193 distinct incidents), read at run time, extracted and streamed together.
   Any incident holding standing reports of two different rows is a false merge. Nothing
   from the eval files is written to the repository; only counts are.

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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DIR, eval_dir, machine_info, print_table, write_result

from sitrep.client.filters import casualty_total
from sitrep.incidents.facts import report_facts
from sitrep.incidents.offline import OfflineIncidents
from sitrep.incidents.rules import Mismatch, default_rules
from sitrep.incidents.state import IncidentState
from sitrep.settings import Settings
from sitrep_contracts import Article, ArticleEnrichment, CasualtyKind, EnrichedEvent, Incident

TARGET_FALSE_MERGE_RATE = 0.02
TARGET_RECALL, TARGET_PRECISION = 0.90, 0.95
TARGET_TOLL = 0.90
REREPORTS = BENCH_DIR / "data" / "incident_rereports"
STAGE_MISS = "stage_chose_another_figure"


def stream(
    extractor: Any, articles: list[Article]
) -> tuple[OfflineIncidents, dict[str, list[EnrichedEvent]]]:
    """Extract every article and feed the stage in publication order (an article's events,
    then its enrichment, as the worker sends them); also each article's events."""
    messages: list[tuple[dt.datetime, int, EnrichedEvent | ArticleEnrichment]] = []
    events: dict[str, list[EnrichedEvent]] = {}
    for index, article in enumerate(articles):
        enrichment = extractor.enrich(article)
        events[article.article_id] = list(enrichment.events)
        messages += [(article.published_at, index, event) for event in enrichment.events]
        messages.append((article.published_at, index, enrichment.article))
    messages.sort(key=lambda item: (item[0], item[1]))
    stage = OfflineIncidents()
    for _, _, message in messages:
        stage.feed(message)
    return stage, events


# --- 1. true merges -------------------------------------------------------------------------
def read_rereports() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = [json.loads(line) for line in (REREPORTS / "reports.jsonl").read_text().splitlines()]
    incidents = json.loads((REREPORTS / "incidents.json").read_text())
    return rows, incidents


def b_cubed(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """(precision, recall) over the items of `truth`, each mapped to a cluster label."""
    true_members: dict[str, set[str]] = defaultdict(set)
    predicted_members: dict[str, set[str]] = defaultdict(set)
    for item, label in truth.items():
        true_members[label].add(item)
        predicted_members[predicted[item]].add(item)
    precision = recall = 0.0
    for item in truth:
        mine = true_members[truth[item]]
        theirs = predicted_members[predicted[item]]
        common = len(mine & theirs)
        precision += common / len(theirs)
        recall += common / len(mine)
    return precision / len(truth), recall / len(truth)


def headline(events: list[EnrichedEvent]) -> EnrichedEvent | None:
    """The event a report is about: the one with the most killed, else the first."""
    if not events:
        return None
    return max(events, key=lambda event: casualty_total(event, CasualtyKind.KILLED))


def killed(incident: Incident) -> int | None:
    return next((t.count for t in incident.tolls if t.kind is CasualtyKind.KILLED), None)


def true_merges(extractor: Any) -> dict[str, Any]:
    rows, incidents = read_rereports()
    articles = [
        Article(
            article_id=row["report_id"],
            text=row["text"],
            published_at=row["published_at"],
            source=", ".join(row["outlets"]) or None,
        )
        for row in rows
    ]
    stage, events = stream(extractor, articles)
    holder = {
        report.event_id: incident
        for incident in stage.latest.values()
        for report in incident.reports
        if not report.withdrawn
    }
    truth = {row["report_id"]: row["incident"] for row in rows}
    predicted: dict[str, str] = {}
    for row in rows:
        event = headline(events[row["report_id"]])
        incident = holder.get(event.event_id) if event else None
        predicted[row["report_id"]] = (
            incident.incident_id if incident else f"alone:{row['report_id']}"
        )
    precision, recall = b_cubed(truth, predicted)
    merged_pairs = sum(
        1
        for cluster in {row["incident"] for row in rows}
        if len({predicted[r["report_id"]] for r in rows if r["incident"] == cluster}) == 1
        and sum(r["incident"] == cluster for r in rows) > 1
    )
    apart = Counter(
        why_apart(events[first["report_id"]], events[later["report_id"]])
        for name in incidents
        for first, *others in [[r for r in rows if r["incident"] == name]]
        for later in others
    )
    tolls_right = extraction_right = toll_cases = 0
    misses: dict[str, str] = {}
    for name, gold in incidents.items():
        if gold["latest_killed"] is None:
            continue
        toll_cases += 1
        # The latest report the extractor made an event of: a last report on the wounded's
        # condition or the victims' identification has no event, and the incident's toll
        # is then the one its earlier reports left (as `latest_killed` is annotated).
        reports = sorted(
            (r for r in rows if r["incident"] == name), key=lambda r: r["published_at"]
        )
        latest = next((r for r in reversed(reports) if events[r["report_id"]]), reports[-1])
        event = headline(events[latest["report_id"]])
        extracted_right = (
            event is not None
            and casualty_total(event, CasualtyKind.KILLED) == gold["latest_killed"]
        )
        extraction_right += extracted_right
        incident = holder.get(event.event_id) if event else None
        if incident is not None and killed(incident) == gold["latest_killed"]:
            tolls_right += 1
        else:
            misses[name] = toll_miss_reason(
                event if events[reports[-1]["report_id"]] else None, extracted_right
            )
    return {
        "reports": len(rows),
        "incidents": len(set(truth.values())),
        "incidents_reported_more_than_once": len(incidents),
        "reports_without_event": sum(not events[r["report_id"]] for r in rows),
        "reports_without_located_event": sum(
            not any(e.location for e in events[r["report_id"]]) for r in rows
        ),
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "incidents_fully_merged": merged_pairs,
        "toll_after_updates": round(tolls_right / toll_cases, 4) if toll_cases else None,
        "toll_cases": toll_cases,
        "latest_report_killed_extracted_right": round(extraction_right / toll_cases, 4),
        # The stage's own share: of the incidents whose latest report the extractor read
        # right, how many end with that figure.
        "toll_after_updates_where_extracted_right": (
            f"{extraction_right - sum(m == STAGE_MISS for m in misses.values())}/{extraction_right}"
        ),
        "toll_misses": misses,
        "toll_misses_by": dict(Counter(misses.values()).most_common()),
        "later_reports_kept_from_the_first_by": dict(apart.most_common()),
        "meets_targets": {
            "recall_at_precision": recall >= TARGET_RECALL and precision >= TARGET_PRECISION,
            "toll": toll_cases > 0 and tolls_right / toll_cases >= TARGET_TOLL,
        },
    }


def toll_miss_reason(latest: EnrichedEvent | None, extracted_right: bool) -> str:
    """Why an incident's toll is not its latest report's: the extractor's (no event, or a
    different killed figure on that report) or the stage's (the figure was there)."""
    if latest is None:
        return "latest_report_no_event"
    if not extracted_right:
        return "latest_report_figure_extracted_otherwise"
    return STAGE_MISS


def why_apart(first: list[EnrichedEvent], later: list[EnrichedEvent]) -> str:
    """What keeps a later report's headline event from an incident of the first's alone."""
    a, b = headline(first), headline(later)
    if a is None or b is None:
        return "no_event"
    rules = default_rules()
    profile = IncidentState(incident_id="-", route="-", reports=[report_facts(a)]).profile(rules)
    if profile is None:
        return f"first_{Mismatch.UNMERGEABLE.value}"
    found = rules.match(profile, report_facts(b))
    return found.value if isinstance(found, Mismatch) else "joins"


# --- 2. false merges ------------------------------------------------------------------------
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


def false_merges(extractor: Any, folder: Path, limit: int | None) -> dict[str, Any]:
    rows = read_rows(folder, limit)
    dataset_of = {article.article_id: dataset for dataset, article in rows}
    stage, events = stream(extractor, [article for _, article in rows])
    with_events = [article_id for article_id, found in events.items() if found]
    multi = [i for i in stage.latest.values() if sum(not r.withdrawn for r in i.reports) >= 2]
    false_incidents = 0
    rows_in_false: set[str] = set()
    for incident in multi:
        articles = {r.article_id for r in incident.reports if not r.withdrawn}
        if len(articles) >= 2:
            false_incidents += 1
            rows_in_false |= articles
    by_dataset: dict[str, dict[str, int]] = defaultdict(lambda: {"rows": 0, "in_false_merge": 0})
    for article_id in with_events:
        by_dataset[dataset_of[article_id]]["rows"] += 1
        by_dataset[dataset_of[article_id]]["in_false_merge"] += article_id in rows_in_false
    rate = len(rows_in_false) / len(with_events) if with_events else 0.0
    return {
        "rows": len(rows),
        "rows_with_events": len(with_events),
        "events": sum(len(found) for found in events.values()),
        "incidents": len(stage.latest),
        "incidents_with_2plus_reports": len(multi),
        "false_merge_incidents": false_incidents,
        "rows_in_a_false_merge": len(rows_in_false),
        "false_merge_rate_rows": round(rate, 4),
        "by_dataset": dict(by_dataset),
        "meets_target": rate <= TARGET_FALSE_MERGE_RATE,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Rows per eval dataset.")
    args = parser.parse_args()
    started = time.monotonic()
    from sitrep.extraction import Extractor

    extractor = Extractor.load(Settings())
    results: dict[str, Any] = {"true_merges": true_merges(extractor)}
    folder = eval_dir()
    results["false_merges"] = (
        false_merges(extractor, folder, args.limit) if folder else "no ../shared/eval"
    )
    results["targets"] = {
        "bcubed_recall": TARGET_RECALL,
        "bcubed_precision": TARGET_PRECISION,
        "toll_after_updates": TARGET_TOLL,
        "false_merge_rate_rows": TARGET_FALSE_MERGE_RATE,
    }
    for title, part in (
        ("true merges (re-reports)", "true_merges"),
        ("false merges", "false_merges"),
    ):
        if isinstance(results[part], dict):
            print_table(
                f"Incident stage: {title}",
                ["measure", "value"],
                [[key, json.dumps(value)] for key, value in results[part].items()],
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
