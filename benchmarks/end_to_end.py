"""End to end: real `sitrep worker` processes on an embedded broker.

    python benchmarks/end_to_end.py           # ~3-4 min
    python benchmarks/end_to_end.py --quick   # < 1 min

(e) start-up: a worker is started with one article already waiting; time to its first
    event and enrichment (and to /health/ready).
(a) capacity, one worker: publish M articles at once; articles/s and events/s until every
    enrichment has arrived (median of runs), with the CPU each process used per article.
(b) latency publish -> enrichment, open-loop paced at 50%, 90% and 150% of (a), with the
    worker's RSS (VmRSS sampled, VmHWM) after each phase.
(c) ratio (a) / in-process `Extractor.enrich` throughput, measured in this same run.
(d) scaling: a second worker joins the group (4-partition topic); throughput 2w / 1w.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
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
    median,
    percentiles,
    prepare,
    print_table,
    rounded,
    spread,
    to_articles,
    verdict,
    write_result,
)

TARGET_E2E_RATIO = 0.9
TARGET_P95_MS_AT_50 = 250.0
TARGET_RSS_MB = 600.0
TARGET_SCALING = 1.7


class Run:
    """Publisher + watchers + workers for one benchmark run; article ids never repeat."""

    def __init__(self, args: argparse.Namespace, bootstrap: str, broker: Any, logdir: Path) -> None:
        self.args = args
        self.bootstrap = bootstrap
        self.broker_pid = broker_pid(broker)
        self.logdir = logdir
        # Session timeout as in the integration tests (6 s, default 10 s): a joining worker
        # gets its partitions sooner, which keeps the scaling phase short.
        self.settings = bench_settings(bootstrap, f"e2e-{int(time.time())}", session_timeout_s=6.0)
        self.workers: list[WorkerProcess] = []
        self._seed = args.seed
        self._batch = 0

    def articles(self, n: int) -> list[Any]:
        """`n` fresh articles (new texts and ids each call: no duplicate is ever skipped)."""
        self._batch += 1
        corpus = generate_corpus(n, seed=self._seed + 1000 * self._batch, prefix=f"b{self._batch}")
        return prepare(to_articles(corpus), [c.words for c in corpus])

    async def start(self) -> None:
        await create_topics(self.settings)
        parts = self.settings.topic_partitions
        self.publisher = await Publisher(self.bootstrap, self.settings.articles_topic).start()
        self.enrichments = await OutputWatcher(
            self.bootstrap, self.settings.enrichments_topic, parts
        ).start()
        self.events = await OutputWatcher(
            self.bootstrap, self.settings.events_topic, parts, parse_events=False
        ).start()

    async def stop(self) -> None:
        for worker in self.workers:
            await asyncio.to_thread(worker.stop)
        await self.events.stop()
        await self.enrichments.stop()
        await self.publisher.stop()

    def add_worker(self) -> WorkerProcess:
        worker = WorkerProcess(self.settings, self.logdir / f"worker-{len(self.workers) + 1}.log")
        self.workers.append(worker.start())
        return worker

    async def wait_assigned(self, timeout: float = 120.0) -> float:
        """Until every worker is ready and all partitions are assigned among them."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            for worker in self.workers:
                worker.check_alive()
            bodies = await asyncio.gather(*(asyncio.to_thread(w.ready) for w in self.workers))
            assigned = [b.get("assigned_partitions", 0) if b else 0 for b in bodies]
            if all(assigned) and sum(assigned) == self.settings.topic_partitions:
                return time.perf_counter() - start
            await asyncio.sleep(0.25)
        raise RuntimeError(
            f"partitions not assigned to {len(self.workers)} workers in {timeout}s; "
            f"logs in {self.logdir}"
        )

    def pids(self) -> dict[str, int | None]:
        pids: dict[str, int | None] = {"broker": self.broker_pid}
        for i, worker in enumerate(self.workers, 1):
            pids[f"worker{i}"] = worker.pid
        return pids

    async def capacity(self, n: int) -> dict[str, float]:
        """Burst of `n` articles; throughput until the last enrichment arrives."""
        items = self.articles(n)
        meter = CpuMeter(self.pids()).start()
        start = await self.publisher.burst(items)
        ids = [i.article_id for i in items]
        if not await self.enrichments.wait_for(ids, timeout=n / 2 + 60):
            missing = sum(1 for i in ids if i not in self.enrichments.arrivals)
            raise RuntimeError(f"{missing}/{n} enrichments missing; logs in {self.logdir}")
        arrivals = sorted(self.enrichments.arrivals[i] for i in ids)
        elapsed = arrivals[-1] - start
        # Steady state: from the 10th percentile arrival to the last, which leaves out the
        # one-off pipeline fill (the worker's first fetch wait and first article).
        k = max(1, n // 10)
        steady = (
            (n - k) / (arrivals[-1] - arrivals[k - 1]) if arrivals[-1] > arrivals[k - 1] else 0.0
        )
        cpu = meter.stop()
        events = sum(self.enrichments.events.get(i, 0) for i in ids)
        words = sum(i.words for i in items)
        result = {
            "articles": n,
            "seconds": elapsed,
            "articles_per_s": n / elapsed,
            "steady_articles_per_s": steady,
            "events_per_s": events / elapsed,
            "words_per_s": words / elapsed,
            "events": events,
        }
        for name, used in cpu.items():
            if name not in ("wall", "machine_busy"):
                result[f"cpu_ms_per_article_{name}"] = used / n * 1000
        ours = sum(v for k, v in cpu.items() if k not in ("wall", "machine_busy"))
        result["cpu_cores_busy"] = ours / cpu["wall"]
        # Every process on the machine: what is left of the 2 cores for the benchmark.
        result["machine_cores_busy"] = cpu["machine_busy"] / cpu["wall"]
        result["other_processes_cores_busy"] = max(0.0, (cpu["machine_busy"] - ours) / cpu["wall"])
        return result

    async def paced(self, rate: float, seconds: float) -> dict[str, Any]:
        """Open-loop publishing at `rate` for `seconds`; latency and worker memory."""
        items = self.articles(max(10, round(rate * seconds)))
        samples: dict[int, list[float]] = {w.pid: [] for w in self.workers}

        async def sample_rss() -> None:
            while True:
                for w in self.workers:
                    rss = w.rss_mb()
                    if rss is not None:
                        samples[w.pid].append(rss)
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample_rss())
        try:
            pace = await self.publisher.paced(items, rate)
            ids = [i.article_id for i in items]
            # Backlog at overload drains at capacity: allow for it.
            ok = await self.enrichments.wait_for(ids, timeout=len(ids) / max(rate / 3, 1) + 60)
        finally:
            sampler.cancel()
        if not ok:
            raise RuntimeError(f"paced run at {rate:.1f}/s did not complete; logs in {self.logdir}")
        lat = latencies_ms(self.publisher, self.enrichments, ids)
        fifth = max(1, len(lat) // 5)
        return {
            **pace,
            "articles": len(items),
            **{f"latency_ms_{k}": v for k, v in percentiles(lat).items()},
            "latency_ms_max": max(lat),
            # Ordered by publish time: does latency grow through the phase?
            "latency_ms_p50_first_fifth": median(lat[:fifth]),
            "latency_ms_p50_last_fifth": median(lat[-fifth:]),
            "worker_rss_mb_max_sampled": max((max(s) for s in samples.values() if s), default=None),
            "worker_vmhwm_mb": [w.peak_rss_mb() for w in self.workers],
        }


def inprocess_reference(args: argparse.Namespace) -> dict[str, Any]:
    """`Extractor.enrich` throughput in this process, on the same corpus distribution."""
    from extraction_throughput import measure_inprocess

    from sitrep.extraction import Extractor

    extractor = Extractor.load()
    corpus = generate_corpus(15 if args.quick else 100, seed=args.seed)
    result = measure_inprocess(extractor, corpus, runs=1 if args.quick else 3, warmup=5)
    del extractor
    gc.collect()
    return result


async def run(
    args: argparse.Namespace, bootstrap: str, broker: Any, logdir: Path
) -> dict[str, Any]:
    quick = args.quick
    m = args.articles or (30 if quick else 150)
    runs = 1 if quick else args.runs
    phase_s = 3.0 if quick else 15.0
    results: dict[str, Any] = {}
    bench = Run(args, bootstrap, broker, logdir)
    await bench.start()
    try:
        # (e) start-up to first event, with an article already waiting.
        probe = bench.articles(1)[0]
        await bench.publisher.burst([probe])
        worker1 = bench.add_worker()
        t0 = worker1.started_at
        await bench.enrichments.wait_for([probe.article_id], timeout=120)
        first_event = await bench.events.wait_for([probe.article_id], timeout=5)
        ready_after = await bench.wait_assigned()
        results["startup"] = {
            "to_first_enrichment_s": bench.enrichments.arrivals[probe.article_id] - t0,
            "to_first_event_s": (bench.events.arrivals[probe.article_id] - t0)
            if first_event
            else None,
            "probe_events": bench.enrichments.events.get(probe.article_id),
            "ready_checked_after_s": ready_after + (time.perf_counter() - t0 - ready_after),
            "rss_after_start_mb": worker1.rss_mb(),
            "vmhwm_after_start_mb": worker1.peak_rss_mb(),
        }
        print(
            f"worker 1: first enrichment after {results['startup']['to_first_enrichment_s']:.1f}s",
            flush=True,
        )

        # (a) capacity, one worker (after a small warm-up burst).
        await bench.capacity(10)
        one = [await bench.capacity(m) for _ in range(runs)]
        results["capacity_1w"] = _median(one)
        cap = results["capacity_1w"]["articles_per_s"]
        print(f"capacity 1 worker: {cap:.1f} articles/s", flush=True)

        # (b) latency at 50%, 90%, 150% of capacity.
        results["latency"] = {}
        for load in (0.5, 0.9, 1.5):
            phase = await bench.paced(cap * load, phase_s)
            results["latency"][f"{round(load * 100)}%"] = phase
            print(f"load {load:.0%}: p95 {phase['latency_ms_p95']:.0f} ms", flush=True)

        # (d) scaling: a second worker joins the group.
        worker2 = bench.add_worker()
        rebalance = await bench.wait_assigned()
        results["second_worker_assigned_after_s"] = time.perf_counter() - worker2.started_at
        results["rebalance_wait_s"] = rebalance
        results["second_worker_vmhwm_after_start_mb"] = worker2.peak_rss_mb()
        await bench.capacity(20)  # warm-up: worker 2's first articles, settle the rebalance
        two = [await bench.capacity(m) for _ in range(runs)]
        results["capacity_2w"] = _median(two)
        results["worker_vmhwm_mb_final"] = [w.peak_rss_mb() for w in bench.workers]
    finally:
        await bench.stop()

    results["ratios"] = {
        "two_over_one_worker": results["capacity_2w"]["articles_per_s"] / cap,
    }
    return results


def _median(runs: list[dict[str, float]]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda r: r["articles_per_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["articles_per_s_spread"] = spread([r["articles_per_s"] for r in runs])
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small bursts, short phases (< 1 min)")
    parser.add_argument(
        "--articles", type=int, help="articles per capacity burst (default 150, quick 30)"
    )
    parser.add_argument("--runs", type=int, default=3, help="capacity bursts per worker count")
    parser.add_argument("--seed", type=int, default=20220909)
    args = parser.parse_args(argv)
    started = time.monotonic()
    machine = machine_info()

    print("in-process reference ...", flush=True)
    inproc = inprocess_reference(args)

    from sitrep.broker.embedded import EmbeddedBroker, free_port

    logdir = Path(tempfile.mkdtemp(prefix="sitrep-bench-e2e-"))
    with EmbeddedBroker(port=free_port()) as broker:
        results = asyncio.run(run(args, broker.bootstrap_servers, broker, logdir))
    results["inprocess"] = inproc
    one = results["capacity_1w"]
    two = results["capacity_2w"]
    e2e_ratio = one["articles_per_s"] / inproc["articles_per_s"]
    e2e_steady_ratio = one["steady_articles_per_s"] / inproc["articles_per_s"]
    results["ratios"]["e2e_over_inprocess"] = e2e_ratio
    results["ratios"]["e2e_steady_over_inprocess"] = e2e_steady_ratio
    results["ratios"]["two_over_one_worker_steady"] = (
        two["steady_articles_per_s"] / one["steady_articles_per_s"]
    )

    print_table(
        "Capacity: burst of M articles until every enrichment arrives (median of runs)",
        [
            "setup",
            "articles",
            "articles/s",
            "runs min-max",
            "steady articles/s",
            "events/s",
            "words/s",
            "CPU ms/article worker(s)",
            "broker",
            "bench",
            "cores busy (ours)",
            "cores busy (others)",
        ],
        [
            [
                "in-process Extractor.enrich",
                inproc["articles"],
                inproc["articles_per_s"],
                f"{inproc['articles_per_s_spread']['min']:.1f}-{inproc['articles_per_s_spread']['max']:.1f}",
                "-",
                inproc["events"] / inproc["wall_s"],
                inproc["words_per_s"],
                inproc["cpu_ms_per_article"],
                "-",
                "-",
                inproc["cpu_utilisation"],
                "-",
            ],
            *[
                [
                    label,
                    r["articles"],
                    r["articles_per_s"],
                    f"{r['articles_per_s_spread']['min']:.1f}-{r['articles_per_s_spread']['max']:.1f}",
                    r["steady_articles_per_s"],
                    r["events_per_s"],
                    r["words_per_s"],
                    " + ".join(
                        f"{r[k]:.0f}"
                        for k in sorted(r)
                        if k.startswith("cpu_ms_per_article_worker")
                    ),
                    r.get("cpu_ms_per_article_broker", float("nan")),
                    r["cpu_ms_per_article_benchmark"],
                    r["cpu_cores_busy"],
                    r["other_processes_cores_busy"],
                ]
                for label, r in (("1 worker", one), ("2 workers", two))
            ],
        ],
    )
    lat_rows = []
    for load, r in results["latency"].items():
        lat_rows.append(
            [
                load,
                r["offered_rate"],
                r["achieved_rate"],
                r["articles"],
                r["latency_ms_p50"],
                r["latency_ms_p95"],
                r["latency_ms_p99"],
                r["latency_ms_max"],
                f"{r['latency_ms_p50_first_fifth']:.0f} -> {r['latency_ms_p50_last_fifth']:.0f}",
                r["worker_rss_mb_max_sampled"],
                r["worker_vmhwm_mb"][0],
            ]
        )
    print_table(
        "Latency publish -> enrichment, one worker, open-loop paced",
        [
            "load",
            "offered/s",
            "achieved/s",
            "articles",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "p50 first->last fifth",
            "RSS max MB",
            "VmHWM MB",
        ],
        lat_rows,
    )
    startup = results["startup"]
    print_table(
        "Start-up: worker started with one article waiting",
        ["measure", "value"],
        [
            ["to first enrichment (s)", startup["to_first_enrichment_s"]],
            ["worker VmHWM after start (MB)", startup["vmhwm_after_start_mb"]],
            ["2nd worker VmHWM after start (MB)", results["second_worker_vmhwm_after_start_mb"]],
            [
                "to first event (s)",
                startup["to_first_event_s"] if startup["to_first_event_s"] else float("nan"),
            ],
            ["worker RSS after start (MB)", startup["rss_after_start_mb"]],
            [
                "2nd worker: start to all partitions assigned (s)",
                results["second_worker_assigned_after_s"],
            ],
        ],
    )
    p95_50 = results["latency"]["50%"]["latency_ms_p95"]
    rss_peak = max(x for x in results["worker_vmhwm_mb_final"] if x is not None)
    scaling = results["ratios"]["two_over_one_worker"]
    print_table(
        "Ratios and targets (measured in this run)",
        ["target", "measured", "verdict"],
        [
            [
                ">= 0.9x end-to-end / in-process (burst, incl. fill)",
                f"{e2e_ratio:.2f}x",
                verdict(e2e_ratio >= TARGET_E2E_RATIO),
            ],
            [
                ">= 0.9x end-to-end / in-process (steady state)",
                f"{e2e_steady_ratio:.2f}x",
                verdict(e2e_steady_ratio >= TARGET_E2E_RATIO),
            ],
            ["p95 < 250 ms at 50% load", f"{p95_50:.0f} ms", verdict(p95_50 < TARGET_P95_MS_AT_50)],
            [
                "RSS < 600 MB per worker (VmHWM)",
                f"{rss_peak:.0f} MB",
                verdict(rss_peak < TARGET_RSS_MB),
            ],
            [
                ">= 1.7x for 2 workers (needs 2 free cores)",
                f"{scaling:.2f}x (steady {results['ratios']['two_over_one_worker_steady']:.2f}x)",
                verdict(scaling >= TARGET_SCALING) + " (2 cores shared with broker + benchmark)",
            ],
        ],
    )
    results["targets"] = {
        "e2e_ratio_met": e2e_ratio >= TARGET_E2E_RATIO,
        "e2e_steady_ratio_met": e2e_steady_ratio >= TARGET_E2E_RATIO,
        "p95_at_50pct_met": p95_50 < TARGET_P95_MS_AT_50,
        "rss_met": rss_peak < TARGET_RSS_MB,
        "scaling_met": scaling >= TARGET_SCALING,
    }
    path = write_result(
        "end_to_end",
        sys.argv,
        {
            "quick": args.quick,
            "articles_per_burst": args.articles or (30 if args.quick else 150),
            "runs": 1 if args.quick else args.runs,
            "seed": args.seed,
            "partitions": 4,
        },
        rounded(results),
        machine,
        started,
    )
    print(f"\nresult: {path}\nworker logs: {logdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
