"""The incident stage on the embedded broker: throughput on one core against the worker's
event rate, and the latency it adds (event published -> first incident message holding
it) at half its throughput. Everything in one run, on the same machine and load:

1. the worker's event rate: one `sitrep worker` takes a burst of generated conflict
   articles (benchmarks/common.py's corpus); events produced per second until the last
   enrichment arrives;
2. the stage's throughput: `sitrep incidents` pinned to one CPU takes a burst of
   synthetic events and enrichments (clusters of reports at distinct places, each report
   with a place, actors, tolls, a source and a wire-length summary, so each message is
   about the size of a real one); events per second from the first send to the last
   incident message, and events per CPU-second of the stage;
   with `--baseline REF`, the same burst through the stage as it is at git REF (run from
   `git archive REF`, same virtualenv), before or after ours, for a before/after ratio;
3. the same stage on the worker's real output from (1) (events and enrichments with their
   places and entities), published again as a burst;
4. latency at half of (2)'s rate, paced.

    python benchmarks/incidents_stage.py [--clusters 1500] [--baseline incidents]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from common import (
    REPO,
    OutputWatcher,
    Publisher,
    WorkerProcess,
    bench_settings,
    create_topics,
    generate_corpus,
    machine_info,
    percentiles,
    prepare,
    print_table,
    proc_cpu_seconds,
    to_articles,
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

Message = EnrichedEvent | ArticleEnrichment
Raw = tuple[str, bytes, bytes, str | None]  # "events" | "enrichments", key, value, event id


def make_inputs(clusters: int, reports: int, prefix: str, first_place: int = 0) -> list[Message]:
    """`reports` rounds of one report per cluster, at places numbered from `first_place`;
    article sequences rise as the worker stamps them."""
    inputs: list[Message] = []
    sequence = 0
    for r in range(reports):
        for c in range(first_place, first_place + clusters):
            where = place(
                f"Town {c}",
                44.0 + 0.2 * (c % 40),
                22.0 + 0.2 * (c // 40),
                geonameid=800_000 + c,
                admin1_code=f"UA.{c % 24:02d}",
            )
            sequence += 1
            item = event(
                f"{prefix}-c{c}-e{r}",
                article_id=f"{prefix}-c{c}-a{r}",
                sequence=sequence,
                location=where,
                killed=2 + r,
                injured=5 + r,
                published_at=T0 + hours(r),
                occurred_on=dt.date(2022, 9, 8),
            )
            item = item.model_copy(update={"summary": SUMMARY})
            inputs += [
                item,
                enrichment(item.article_id, "r1", [item.event_id], item.published_at, sequence),
            ]
    return inputs


#: Fields the contracts gained since the first attempt at the stage (a --baseline of that
#: age would dead-letter messages that have them).
ADDED_SINCE_BASELINE = frozenset({"article_sequence", "recap", "relevance", "omitted"})


def _record(
    settings: Any, item: Message | Raw, exclude: frozenset[str]
) -> tuple[str, bytes, bytes, str | None]:
    """(topic, key, value, event id or None) of one input."""
    if isinstance(item, tuple):
        return (getattr(settings, f"{item[0]}_topic"), *item[1:])
    topic = settings.events_topic if isinstance(item, EnrichedEvent) else settings.enrichments_topic
    event_id = item.event_id if isinstance(item, EnrichedEvent) else None
    value = item.model_dump_json(exclude=set(exclude)).encode()
    return topic, item.article_id.encode(), value, event_id


async def publish(
    settings: Any,
    inputs: list[Message] | list[Raw],
    per_second: float | None = None,
    exclude: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Send every input; returns each event id's send time (time.time()). Serialised
    beforehand, so the publisher takes little CPU from the broker and the stage."""
    prepared = [_record(settings, item, exclude) for item in inputs]
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


async def watch_incidents(settings: Any, wanted: set[str], timeout: float) -> dict[str, float]:
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


class Stage:
    """`sitrep incidents` pinned to one CPU; `source` runs another tree's stage instead."""

    def __init__(self, settings: Any, log: Path, cpu: int, source: Path | None = None) -> None:
        argv = ["taskset", "-c", str(cpu), sys.executable, "-m", "sitrep.cli.main", "incidents"]
        env: dict[str, str] = {}
        if source is not None:
            env["PYTHONPATH"] = f"{source / 'services'}:{source / 'schemas'}"
        self.process = WorkerProcess(settings, log, argv=argv, extra_env=env)

    def __enter__(self) -> WorkerProcess:
        self.process.start()
        deadline = time.monotonic() + 90
        while not (self.process.ready() or {}).get("ready"):
            self.process.check_alive()
            if time.monotonic() > deadline:
                raise RuntimeError("stage not ready")
            time.sleep(0.2)
        return self.process

    def __exit__(self, *exc: object) -> None:
        self.process.stop()


def burst(
    settings: Any,
    stage: WorkerProcess,
    inputs: list[Message] | list[Raw],
    exclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Publish `inputs` at once; the stage's rate until every event is in an incident."""
    events = {
        i.event_id if isinstance(i, EnrichedEvent) else i[3]
        for i in inputs
        if isinstance(i, EnrichedEvent) or (isinstance(i, tuple) and i[3] is not None)
    }
    cpu_before = stage.cpu_seconds() or 0.0
    wall_before = time.time()
    asyncio.run(publish(settings, inputs, exclude=exclude))
    first = asyncio.run(watch_incidents(settings, events, 600))
    cpu = (stage.cpu_seconds() or 0.0) - cpu_before
    wall = max(first.values()) - wall_before
    return {
        "events": len(events),
        "missing": len(events - first.keys()),
        "wall_s": round(wall, 2),
        "events_per_s": round(len(events) / wall, 1),
        "cpu_s": round(cpu, 2),
        "events_per_cpu_s": round(len(events) / cpu, 1) if cpu else None,
    }


def worker_rate(broker: EmbeddedBroker, logdir: Path, articles: int) -> tuple[dict[str, Any], Any]:
    """One `sitrep worker` on a burst of generated conflict articles: its event rate."""
    settings = bench_settings(broker.bootstrap_servers, "bench-worker")
    items = prepare(to_articles(generate_corpus(articles, seed=13, prefix="w")))

    async def run() -> dict[str, Any]:
        await create_topics(settings)
        publisher = await Publisher(settings.bootstrap_servers, settings.articles_topic).start()
        watcher = await OutputWatcher(
            settings.bootstrap_servers, settings.enrichments_topic, settings.topic_partitions
        ).start()
        worker = WorkerProcess(settings, logdir / "worker.log").start()
        try:
            while not (worker.ready() or {}).get("ready"):
                worker.check_alive()
                await asyncio.sleep(0.25)
            cpu_before = tree_cpu_seconds(worker.pid)
            start = await publisher.burst(items)
            ids = [item.article_id for item in items]
            if not await watcher.wait_for(ids, timeout=articles + 120):
                raise RuntimeError(f"worker did not finish; log {logdir / 'worker.log'}")
            elapsed = max(watcher.arrivals[i] for i in ids) - start
            cpu = tree_cpu_seconds(worker.pid) - cpu_before
            events = sum(watcher.events.get(i, 0) for i in ids)
        finally:
            await asyncio.to_thread(worker.stop)
            await watcher.stop()
            await publisher.stop()
        return {
            "articles": articles,
            "events": events,
            "wall_s": round(elapsed, 2),
            "events_per_s": round(events / elapsed, 1),
            # The worker and its extraction process: about one core's worth while busy.
            "cores_busy": round(cpu / elapsed, 2),
        }

    return asyncio.run(run()), settings


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (the worker's extraction process)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(k) for k in children.read_text().split()] if children.exists() else []
    return sum(proc_cpu_seconds(p) or 0.0 for p in [pid, *kids])


def worker_output(
    settings: Any, expected_events: int
) -> list[tuple[str, bytes, bytes, str | None]]:
    """What the worker of (1) wrote, as records to publish again: (topic, key, value,
    event id or None), events and enrichments interleaved as they were."""

    async def read() -> list[tuple[str, bytes, bytes, str | None]]:
        consumer = AIOKafkaConsumer(
            settings.events_topic,
            settings.enrichments_topic,
            bootstrap_servers=settings.bootstrap_servers,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        records: list[Any] = []
        try:
            while sum(r.topic == settings.events_topic for r in records) < expected_events:
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    records += batch
        finally:
            await consumer.stop()
        records.sort(key=lambda r: r.timestamp)
        return [
            (
                "events" if r.topic == settings.events_topic else "enrichments",
                r.key,
                r.value,
                json.loads(r.value)["event_id"] if r.topic == settings.events_topic else None,
            )
            for r in records
        ]

    return asyncio.run(read())


def baseline_tree(ref: str, into: Path) -> Path:
    """The repository as it is at `ref`, unpacked (not a worktree: nothing to clean up)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1500)
    parser.add_argument("--reports", type=int, default=4)
    parser.add_argument("--worker-articles", type=int, default=60)
    parser.add_argument("--latency-seconds", type=float, default=20.0)
    parser.add_argument("--baseline", help="git ref of a stage to measure on the same burst")
    parser.add_argument(
        "--rate", type=float, default=None, help="Events/s for the latency run (default: half)."
    )
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    cpu = max(os.sched_getaffinity(0))
    results: dict[str, Any] = {"pinned_cpu": cpu}
    with EmbeddedBroker(port=free_port()) as broker, tempfile.TemporaryDirectory() as tmp:
        logdir = Path(tmp)
        worker, worker_settings = worker_rate(broker, logdir, args.worker_articles)
        results["worker"] = worker
        runs: list[tuple[str, Path | None]] = [("stage", None)]
        if args.baseline:
            source = baseline_tree(args.baseline, Path(tempfile.mkdtemp(dir=tmp)))
            runs.append((f"baseline {args.baseline}", source))
        for name, source in runs:
            settings = bench_settings(broker.bootstrap_servers, f"bench-{len(results)}")
            with Stage(settings, logdir / f"{len(results)}.log", cpu, source) as stage:
                inputs = make_inputs(args.clusters, args.reports, "t")
                excluded = ADDED_SINCE_BASELINE if source else frozenset()
                measured = burst(settings, stage, inputs, excluded)
                measured["peak_rss_mb"] = round(stage.peak_rss_mb() or 0.0, 1)
            results[name] = measured
        ours = results["stage"]
        # Wall: on a core pinned but shared with the machine's other work; per CPU-second:
        # what a core of its own would do.
        results["ratio_to_worker"] = {
            "wall": round(ours["events_per_s"] / worker["events_per_s"], 2),
            "per_cpu_second": round(ours["events_per_cpu_s"] / worker["events_per_s"], 2),
        }
        if args.baseline:
            before = results[f"baseline {args.baseline}"]
            results["speedup_vs_baseline"] = {
                "events_per_s": round(ours["events_per_s"] / before["events_per_s"], 2),
                "events_per_cpu_s": round(ours["events_per_cpu_s"] / before["events_per_cpu_s"], 2),
            }
        real = worker_output(worker_settings, worker["events"])
        settings = bench_settings(broker.bootstrap_servers, "bench-real")
        with Stage(settings, logdir / "real.log", cpu) as stage:
            results["stage_on_worker_output"] = burst(settings, stage, real)
        # Latency at half the stage's throughput, at new places (incidents of their own).
        rate = args.rate or ours["events_per_s"] / 2
        settings = bench_settings(broker.bootstrap_servers, "bench-latency")
        with Stage(settings, logdir / "latency.log", cpu):
            paced = make_inputs(
                max(1, int(rate * args.latency_seconds / args.reports)), args.reports, "l"
            )
            wanted = {i.event_id for i in paced if isinstance(i, EnrichedEvent)}
            sent = asyncio.run(publish(settings, paced, per_second=rate * 2))
            arrived = asyncio.run(watch_incidents(settings, wanted, 300))
        latencies = [(arrived[e] - sent[e]) * 1000 for e in wanted if e in arrived]
        pct = percentiles(latencies)
        results["latency"] = {
            "offered_events_per_s": round(rate, 1),
            "events": len(latencies),
            "lost": len(wanted) - len(latencies),
            **{f"ms_{k}": round(v, 1) for k, v in pct.items()},
        }
    results["targets"] = {"ratio_to_worker": TARGET_RATIO, "latency_ms_p95": TARGET_P95_MS}
    rows = [[name, json.dumps(value)] for name, value in results.items()]
    print_table("Incident stage on one core (embedded broker)", ["measure", "value"], rows)
    path = write_result("incidents_stage", sys.argv, vars(args), results, machine, started)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
