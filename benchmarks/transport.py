"""Transport alone: plain aiokafka vs a hand-written relay vs the real worker, no-op extractor.

    python benchmarks/transport.py           # ~1.5 min
    python benchmarks/transport.py --quick   # < 1 min

On an embedded broker (Tansu, memory storage, a free port), with ~5 KB article messages:
(a) plain aiokafka: one producer (acks=all, linger 5 ms) and one consumer, 1 hop: msgs/s;
(b) a plain aiokafka relay process (consume batch of up to 1000 -> produce -> acks ->
    commit), 2 hops: the best a hand-written worker could do on this broker;
(c) pass-through: the real worker loop (sitrep.streaming.loop, via run_worker) in its own
    process, with an extractor that finds nothing (benchmarks/passthrough_worker.py):
    msgs/s in a burst, and publish -> enrichment latency p50/p95/p99 at 50% of that
    capacity (open-loop);
(d) the relay of (b) paced at the same offered rate as (c)'s latency phase: the latency a
    minimal loop gets on this broker, so (c) - (d) is what the worker's loop adds.
The relay's consumer uses the worker's fetch wait (100 ms), so the two differ in their
loops only. Ratios: pass-through / plain aiokafka, pass-through / relay (all in this run).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    CpuMeter,
    OutputWatcher,
    Publisher,
    WorkerProcess,
    bench_settings,
    broker_pid,
    create_topics,
    generate_corpus,
    latencies_ms,
    machine_info,
    percentiles,
    prepare,
    print_table,
    rounded,
    spread,
    to_articles,
    write_result,
)

BENCH_DIR = Path(__file__).resolve().parent


def make_messages(n: int, seed: int, tag: str) -> list[Any]:
    """`n` article messages of ~5 KB (800-word articles), ids unique to `tag`."""
    corpus = generate_corpus(min(n, 200), seed=seed, fixed_words=800)
    articles = to_articles(corpus)
    # Reuse the texts under new ids: transport does not care that bodies repeat.
    out = []
    for i in range(n):
        a = articles[i % len(articles)]
        out.append(a.model_copy(update={"article_id": f"{tag}-{i:06d}"}))
    return prepare(out)


async def burst(
    publisher: Publisher,
    watcher: OutputWatcher,
    items: list[Any],
    timeout: float,
    pids: dict[str, int | None],
) -> dict[str, float]:
    meter = CpuMeter(pids).start()
    start = await publisher.burst(items)
    published = time.perf_counter()
    ok = await watcher.wait_for([i.article_id for i in items], timeout)
    if not ok:
        missing = sum(1 for i in items if i.article_id not in watcher.arrivals)
        raise RuntimeError(f"{missing} of {len(items)} messages did not arrive in {timeout}s")
    end = max(watcher.arrivals[i.article_id] for i in items)
    cpu = meter.stop()
    n = len(items)
    lat = percentiles(latencies_ms(publisher, watcher, [i.article_id for i in items]))
    return {
        "messages": n,
        "msgs_per_s": n / (end - start),
        "publish_msgs_per_s": n / (published - start),
        "burst_latency_ms_p50": lat["p50"],
        "burst_latency_ms_p99": lat["p99"],
        **{
            f"cpu_ms_per_msg_{name}": v / n * 1000
            for name, v in cpu.items()
            if name not in ("wall", "machine_busy")
        },
        "other_processes_cores_busy": max(
            0.0,
            (
                cpu["machine_busy"]
                - sum(v for k, v in cpu.items() if k not in ("wall", "machine_busy"))
            )
            / cpu["wall"],
        ),
    }


#: The worker's consumer fetch wait (services/sitrep/streaming/loop.py); the relay uses it too.
WORKER_FETCH_WAIT_MS = 100


def relay_process(bootstrap: str, source: str, target: str, group: str) -> None:
    """A minimal at-least-once aiokafka relay: the 2-hop baseline for the worker."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    async def run() -> None:
        consumer = AIOKafkaConsumer(
            source,
            bootstrap_servers=bootstrap,
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=WORKER_FETCH_WAIT_MS,
            max_partition_fetch_bytes=8 * 1024 * 1024,
        )
        producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_request_size=2 * 1024 * 1024
        )
        await consumer.start()
        await producer.start()
        try:
            while True:
                batches = await consumer.getmany(timeout_ms=500, max_records=1000)
                futures = [
                    await producer.send(target, key=r.key, value=r.value, headers=list(r.headers))
                    for records in batches.values()
                    for r in records
                ]
                await asyncio.gather(*futures)
                if futures:
                    await consumer.commit()
        finally:
            await producer.stop()
            await consumer.stop()

    asyncio.run(run())


async def run(
    args: argparse.Namespace, bootstrap: str, broker: Any, logdir: Path
) -> dict[str, Any]:
    # Each phase gets its own topics: a consumer starting from the earliest offset must not
    # wade through the previous phase's messages first.
    prefix = f"transport-{int(time.time())}"
    plain_settings = bench_settings(bootstrap, f"{prefix}-plain")
    relay_settings = bench_settings(bootstrap, f"{prefix}-relay")
    settings = bench_settings(bootstrap, f"{prefix}-pass")
    for phase_settings in (plain_settings, relay_settings, settings):
        await create_topics(phase_settings)
    parts = settings.topic_partitions
    runs = args.runs
    n_plain = 1000 if args.quick else 10000
    n_pass = n_plain  # the worker loop is now about as fast as the relay
    results: dict[str, Any] = {}
    bpid = broker_pid(broker)

    # (a) plain aiokafka, 1 hop: producer -> articles topic -> consumer.
    publisher = await Publisher(bootstrap, plain_settings.articles_topic).start()
    watcher = await OutputWatcher(
        bootstrap, plain_settings.articles_topic, parts, parse_events=False
    ).start()
    await burst(publisher, watcher, make_messages(200, 1, "warm-plain"), 60, {"broker": bpid})
    plain_runs = [
        await burst(
            publisher, watcher, make_messages(n_plain, 1, f"plain{r}"), 120, {"broker": bpid}
        )
        for r in range(runs)
    ]
    await watcher.stop()
    await publisher.stop()
    results["plain_1hop"] = _median_run(plain_runs)
    sample = make_messages(50, 1, "size")
    results["message_bytes_mean"] = sum(len(m.value) for m in sample) / len(sample)

    # (b) aiokafka relay process, 2 hops: articles -> relay -> relay topic -> watcher.
    relay_topic = relay_settings.enrichments_topic
    relay = multiprocessing.get_context("spawn").Process(
        target=relay_process,
        args=(bootstrap, relay_settings.articles_topic, relay_topic, relay_settings.consumer_group),
        daemon=True,
    )
    relay.start()
    publisher = await Publisher(bootstrap, relay_settings.articles_topic).start()
    try:
        watcher = await OutputWatcher(bootstrap, relay_topic, parts, parse_events=False).start()
        pids = {"broker": bpid, "relay": relay.pid}
        await burst(publisher, watcher, make_messages(200, 1, "warm-relay"), 60, pids)
        relay_runs = [
            await burst(publisher, watcher, make_messages(n_plain, 1, f"relay{r}"), 120, pids)
            for r in range(runs)
        ]
        await watcher.stop()
    finally:
        relay.terminate()
        relay.join(10)
        await publisher.stop()
    results["aiokafka_relay_2hop"] = _median_run(relay_runs)

    publisher = await Publisher(bootstrap, settings.articles_topic).start()

    # (c) the real worker loop with a no-op extractor, 2 hops: articles -> worker -> enrichments.
    worker = WorkerProcess(
        settings,
        logdir / "passthrough.log",
        argv=[sys.executable, str(BENCH_DIR / "passthrough_worker.py")],
    ).start()
    try:
        await _wait_ready(worker, timeout=90)
        watcher = await OutputWatcher(bootstrap, settings.enrichments_topic, parts).start()
        pids = {"broker": bpid, "worker": worker.pid}
        await burst(publisher, watcher, make_messages(100, 1, "warm-pass"), 120, pids)
        pass_runs = [
            await burst(publisher, watcher, make_messages(n_pass, 1, f"pass{r}"), 180, pids)
            for r in range(runs)
        ]
        results["passthrough_2hop"] = _median_run(pass_runs)

        # Latency at 50% of the pass-through capacity, open-loop.
        rate = 0.5 * results["passthrough_2hop"]["msgs_per_s"]
        seconds = 3 if args.quick else 15
        n_lat = max(20, int(rate * seconds))
        items = make_messages(n_lat, 1, "pass-lat")
        pace = await publisher.paced(items, rate)
        await watcher.wait_for([i.article_id for i in items], 120)
        lat = latencies_ms(publisher, watcher, [i.article_id for i in items])
        results["passthrough_latency_50pct"] = {
            **pace,
            "messages": len(items),
            **percentiles(lat),
            "max": max(lat),
        }
        results["passthrough_worker_peak_rss_mb"] = worker.peak_rss_mb()
        await watcher.stop()
    finally:
        worker.stop()
        await publisher.stop()

    # (d) the hand-written relay at the same offered rate: what the broker and a minimal
    # loop cost in latency (fresh topics, so it does not start behind anything).
    relay_lat = bench_settings(bootstrap, f"{prefix}-relaylat")
    await create_topics(relay_lat)
    relay = multiprocessing.get_context("spawn").Process(
        target=relay_process,
        args=(
            bootstrap,
            relay_lat.articles_topic,
            relay_lat.enrichments_topic,
            relay_lat.consumer_group,
        ),
        daemon=True,
    )
    relay.start()
    publisher = await Publisher(bootstrap, relay_lat.articles_topic).start()
    try:
        watcher = await OutputWatcher(
            bootstrap, relay_lat.enrichments_topic, parts, parse_events=False
        ).start()
        await burst(publisher, watcher, make_messages(100, 1, "warm-relaylat"), 120, {})
        items = make_messages(n_lat, 1, "relay-lat")
        pace = await publisher.paced(items, rate)
        await watcher.wait_for([i.article_id for i in items], 120)
        lat = latencies_ms(publisher, watcher, [i.article_id for i in items])
        results["relay_latency_same_rate"] = {
            **pace,
            "messages": len(items),
            **percentiles(lat),
            "max": max(lat),
        }
        await watcher.stop()
    finally:
        relay.terminate()
        relay.join(10)
        await publisher.stop()

    plain = results["plain_1hop"]["msgs_per_s"]
    relay_rate = results["aiokafka_relay_2hop"]["msgs_per_s"]
    passthrough = results["passthrough_2hop"]["msgs_per_s"]
    results["ratios"] = {
        "passthrough_over_plain": passthrough / plain,
        "passthrough_over_relay": passthrough / relay_rate,
        "relay_over_plain": relay_rate / plain,
    }
    return results


def _median_run(runs: list[dict[str, float]]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda r: r["msgs_per_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["msgs_per_s_spread"] = spread([r["msgs_per_s"] for r in runs])
    return chosen


async def _wait_ready(worker: WorkerProcess, timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        worker.check_alive()
        body = await asyncio.to_thread(worker.ready)
        if body and body.get("assigned_partitions"):
            return time.perf_counter() - worker.started_at
        await asyncio.sleep(0.2)
    raise RuntimeError(f"worker not ready in {timeout}s; see {worker.log_path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer messages (< 1 min)")
    parser.add_argument("--runs", type=int, default=3, help="timed bursts per measurement")
    args = parser.parse_args(argv)
    started = time.monotonic()
    machine = machine_info()

    from sitrep.broker.embedded import EmbeddedBroker, free_port

    logdir = Path(tempfile.mkdtemp(prefix="sitrep-bench-transport-"))
    with EmbeddedBroker(port=free_port()) as broker:
        results = asyncio.run(run(args, broker.bootstrap_servers, broker, logdir))

    rows = []
    for label, key in (
        ("(a) plain aiokafka, 1 hop", "plain_1hop"),
        ("(b) aiokafka relay process, 2 hops", "aiokafka_relay_2hop"),
        ("(c) sitrep worker loop, no-op extractor, 2 hops", "passthrough_2hop"),
    ):
        r = results[key]
        s = r["msgs_per_s_spread"]
        rows.append(
            [
                label,
                r["messages"],
                r["msgs_per_s"],
                f"{s['min']:,.0f}-{s['max']:,.0f}",
                r.get("cpu_ms_per_msg_broker", float("nan")),
                r.get("cpu_ms_per_msg_worker", r.get("cpu_ms_per_msg_relay", float("nan"))),
                r.get("cpu_ms_per_msg_benchmark", float("nan")),
            ]
        )
    print_table(
        f"Transport, ~{results['message_bytes_mean'] / 1024:.1f} KB messages, burst "
        f"(median of {args.runs} runs)",
        [
            "path",
            "msgs/run",
            "msgs/s",
            "runs min-max",
            "broker CPU ms/msg",
            "worker CPU ms/msg",
            "bench CPU ms/msg",
        ],
        rows,
    )
    latency_rows = []
    for label, key in (
        ("(c) sitrep worker loop, no-op extractor", "passthrough_latency_50pct"),
        ("(d) aiokafka relay, same offered rate", "relay_latency_same_rate"),
    ):
        lat = results[key]
        latency_rows.append(
            [
                label,
                lat["offered_rate"],
                lat["achieved_rate"],
                lat["messages"],
                lat["p50"],
                lat["p95"],
                lat["p99"],
                lat["max"],
            ]
        )
    print_table(
        "Latency, publish -> output, open-loop at 50% of the pass-through capacity",
        [
            "path",
            "offered msgs/s",
            "achieved msgs/s",
            "messages",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
        ],
        latency_rows,
    )
    ratios = results["ratios"]
    print_table(
        "Ratios (same run)",
        ["ratio", "value"],
        [
            ["pass-through / plain aiokafka 1 hop", f"{ratios['passthrough_over_plain']:.3f}"],
            ["pass-through / aiokafka relay 2 hops", f"{ratios['passthrough_over_relay']:.3f}"],
            ["aiokafka relay 2 hops / plain 1 hop", f"{ratios['relay_over_plain']:.3f}"],
            [
                "pass-through worker peak RSS (MB)",
                f"{results['passthrough_worker_peak_rss_mb']:.0f}",
            ],
        ],
    )
    path = write_result(
        "transport",
        sys.argv,
        {
            "quick": args.quick,
            "runs": args.runs,
            "watcher_fetch_max_wait_ms": 20,
            "relay_fetch_max_wait_ms": WORKER_FETCH_WAIT_MS,
        },
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}\nworker logs: {logdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
