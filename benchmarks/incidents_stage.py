"""The incident stage on the embedded broker: throughput on one core, and the latency it
adds (event published -> first incident message holding it) at half that load.

Inputs are typed events and enrichments as the worker publishes them (synthetic: clusters
of reports at distinct places, each report with a place, actors, tolls, a source and a
wire-length summary, so each message is about the size of a real one). The stage runs as
`sitrep incidents` pinned to one CPU. Its capacity is compared with the worker's measured
event rate (benchmarks/results/end_to_end.json, capacity_1w.events_per_s).

    python benchmarks/incidents_stage.py [--clusters 1500] [--reports 4]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from common import (
    RESULTS,
    WorkerProcess,
    bench_settings,
    machine_info,
    percentiles,
    print_table,
    write_result,
)

from sitrep.broker.embedded import EmbeddedBroker, free_port
from sitrep_contracts import ArticleEnrichment, EnrichedEvent
from tests.incidents_events import T0, enrichment, event, hours, place

SUMMARY = (
    "Russian forces shelled the town overnight, regional officials said on Thursday, "
    "hitting residential buildings, a school and a market; rescuers were still searching "
    "the rubble in the morning and the regional governor said the toll could rise as "
    "more people were found under the debris of the five-storey building. "
) * 2
TARGET_RATIO = 5.0
TARGET_P95_MS = 500.0


def make_inputs(
    clusters: int, reports: int, prefix: str, first_place: int = 0
) -> list[EnrichedEvent | ArticleEnrichment]:
    """`reports` rounds of one report per cluster, at places numbered from `first_place`."""
    inputs: list[EnrichedEvent | ArticleEnrichment] = []
    for r in range(reports):
        for c in range(first_place, first_place + clusters):
            where = place(
                f"Town {c}",
                44.0 + 0.2 * (c % 40),
                22.0 + 0.2 * (c // 40),
                geonameid=800_000 + c,
                admin1_code=f"UA.{c % 24:02d}",
            )
            item = event(
                f"{prefix}-c{c}-e{r}",
                article_id=f"{prefix}-c{c}-a{r}",
                location=where,
                killed=2 + r,
                injured=5 + r,
                published_at=T0 + hours(r),
                occurred_on=dt.date(2022, 9, 8),
            )
            item = item.model_copy(update={"summary": SUMMARY})
            inputs += [item, enrichment(item.article_id, "r1", [item.event_id], item.published_at)]
    return inputs


async def publish(settings, inputs, per_second: float | None = None) -> dict[str, float]:
    """Send every input; returns each event id's send time (time.time()). Serialised
    beforehand, so the publisher takes little CPU from the broker and the stage."""
    prepared = [
        (
            settings.events_topic
            if isinstance(item, EnrichedEvent)
            else settings.enrichments_topic,
            item.article_id.encode(),
            item.model_dump_json().encode(),
            item.event_id if isinstance(item, EnrichedEvent) else None,
        )
        for item in inputs
    ]
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5
    )
    await producer.start()
    sent: dict[str, float] = {}
    futures = []
    try:
        started = time.monotonic()
        for index, (topic, key, value, event_id) in enumerate(prepared):
            futures.append(await producer.send(topic, key=key, value=value))
            if event_id is not None:
                sent[event_id] = time.time()
            if per_second:
                delay = started + (index + 1) / per_second - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def watch_incidents(settings, wanted: set[str], timeout: float) -> dict[str, float]:
    """Each wanted event id's first incident record time (CreateTime, seconds)."""
    consumer = AIOKafkaConsumer(
        settings.incidents_topic,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=20,
    )
    await consumer.start()
    first: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not wanted <= first.keys():
            for batch in (await consumer.getmany(timeout_ms=200)).values():
                for record in batch:
                    for report in json.loads(record.value)["reports"]:
                        first.setdefault(report["event_id"], record.timestamp / 1000)
    finally:
        await consumer.stop()
    return first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1500)
    parser.add_argument("--reports", type=int, default=4)
    parser.add_argument("--latency-seconds", type=float, default=20.0)
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="Events/s for the latency run (default: half the measured throughput).",
    )
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    cpu = max(os.sched_getaffinity(0))
    with EmbeddedBroker(port=free_port()) as broker, tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(broker.bootstrap_servers, "bench-incidents")
        stage = WorkerProcess(
            settings,
            Path(tmp) / "stage.log",
            argv=["taskset", "-c", str(cpu), sys.executable, "-m", "sitrep.cli.main", "incidents"],
        )
        stage.start()
        try:
            deadline = time.monotonic() + 90
            while not (stage.ready() or {}).get("ready"):
                stage.check_alive()
                if time.monotonic() > deadline:
                    raise RuntimeError("stage not ready")
                time.sleep(0.2)
            # Throughput: a burst published at once (in about a second); the stage takes it
            # as it comes. Timed from the first send to the last incident message.
            backlog = make_inputs(args.clusters, args.reports, "t")
            events = [i for i in backlog if isinstance(i, EnrichedEvent)]
            cpu_before = stage.cpu_seconds() or 0.0
            wall_before = time.time()
            asyncio.run(publish(settings, backlog))
            first = asyncio.run(watch_incidents(settings, {e.event_id for e in events}, 600))
            cpu_used = (stage.cpu_seconds() or 0.0) - cpu_before
            done_at = max(first.values())
            wall = done_at - wall_before
            events_per_s = len(events) / wall
            events_per_cpu_s = len(events) / cpu_used if cpu_used else None
            # Latency at half of that rate (inputs are an event and an enrichment each).
            rate = args.rate or events_per_s / 2
            # At new places: the paced reports open and grow incidents of their own.
            paced = make_inputs(
                max(1, int(rate * args.latency_seconds / args.reports)),
                args.reports,
                "l",
                first_place=args.clusters,
            )
            paced_events = {i.event_id for i in paced if isinstance(i, EnrichedEvent)}
            sent = asyncio.run(publish(settings, paced, per_second=rate * 2))
            arrived = asyncio.run(watch_incidents(settings, paced_events, 300))
            latencies = [(arrived[e] - sent[e]) * 1000 for e in paced_events if e in arrived]
            stage_rss = stage.peak_rss_mb()
        finally:
            stage.stop()
    worker_rate = json.loads((RESULTS / "end_to_end.json").read_text())["results"]["capacity_1w"][
        "events_per_s"
    ]
    pct = percentiles(latencies)
    results = {
        "pinned_cpu": cpu,
        "loadavg_at_start": machine.get("loadavg_at_start"),
        "events": len(events),
        "event_bytes_mean": round(sum(len(e.model_dump_json()) for e in events) / len(events)),
        "burst_wall_s": round(wall, 2),
        "events_per_s": round(events_per_s, 1),
        "stage_cpu_s": round(cpu_used, 2),
        "events_per_cpu_s": round(events_per_cpu_s, 1) if events_per_cpu_s else None,
        "worker_events_per_s": worker_rate,
        "ratio_to_worker": round(events_per_s / worker_rate, 2),
        "latency_offered_events_per_s": round(rate, 1),
        "latency_events": len(latencies),
        "latency_lost": len(paced_events) - len(latencies),
        "latency_ms_p50": round(pct["p50"], 1),
        "latency_ms_p95": round(pct["p95"], 1),
        "latency_ms_p99": round(pct["p99"], 1),
        "stage_peak_rss_mb": round(stage_rss, 1) if stage_rss else None,
        "targets": {"ratio_to_worker": TARGET_RATIO, "latency_ms_p95": TARGET_P95_MS},
    }
    print_table(
        "Incident stage on one core (embedded broker)",
        ["measure", "value"],
        [[k, v] for k, v in results.items() if k != "targets"],
    )
    path = write_result("incidents_stage", sys.argv, vars(args), results, machine, started)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
