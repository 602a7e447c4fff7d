"""Delivery under faults: publish N real articles, break something, count what came out.

Shared by `tests/integration/test_faults.py` (which asserts) and `scripts/fault_injection.py`
(which prints a table). Every scenario uses its own topics and consumer group and real
`sitrep worker` processes; nothing here mocks the broker.

What is counted, from the output topics read from the beginning (no consumer group):
- expected events: the union of `event_ids` over every enrichment message;
- lost: articles with no enrichment + expected events that never arrived (must be 0);
- duplicates: output messages beyond the distinct ones (allowed: delivery is at-least-once,
  and ids are deterministic, so a consumer dedupes them);
- orphan events (an event no enrichment names) and inconsistent articles (two enrichments
  of one article naming different events) must both be 0.

Time to recover is measured with the broker's record timestamps (CreateTime, set by the
worker's producer): from the fault to the first output produced after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord
from sitrep_contracts import ArticleEnrichment

from sitrep.broker.admin import ensure_topics
from sitrep.broker.embedded import EmbeddedBroker, free_port
from sitrep.settings import Settings
from tests.integration.support import SAMPLES, WorkerProcess, article_json, isolated_settings

#: Articles per scenario, and how fast they are published (so a fault lands mid-stream).
ARTICLES = 40
PUBLISH_PER_SECOND = 20.0
#: How long a scenario waits for the stream to complete once the fault has been handled.
COMPLETION_TIMEOUT_S = 90.0
#: A SIGTERMed worker must have exited (code 0) within this bound.
SIGTERM_EXIT_BOUND_S = 30.0
#: How long the broker stays down in the outage scenario.
OUTAGE_S = 5.0


class ScenarioError(AssertionError):
    """The scenario could not set up the fault it is about (not a delivery failure)."""


# --- inputs ------------------------------------------------------------------------------


def sample_paragraphs() -> list[str]:
    """Paragraphs of the bundled wire stories: short real text, fast to extract."""
    return [
        line
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.split()) > 12
    ]


def make_articles(prefix: str, count: int) -> list[tuple[str, bytes]]:
    """`count` articles with unique ids (texts repeat when there are fewer paragraphs)."""
    paragraphs = sample_paragraphs()
    return [
        (f"{prefix}-a{i}", article_json(f"{prefix}-a{i}", paragraphs[i % len(paragraphs)]))
        for i in range(count)
    ]


async def publish(
    bootstrap_servers: str, topic: str, articles: list[tuple[str, bytes]], per_second: float | None
) -> None:
    """Publish keyed articles, each acknowledged; paced at `per_second` when given."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for article_id, value in articles:
            await producer.send_and_wait(topic, key=article_id.encode(), value=value)
            if per_second:
                await asyncio.sleep(1.0 / per_second)
    finally:
        await producer.stop()


# --- outputs -----------------------------------------------------------------------------


class OutputWatcher:
    """Reads the enrichments, events and dead-letter topics from the beginning, in the background."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.records: list[ConsumerRecord[bytes, bytes]] = []
        self._consumer = AIOKafkaConsumer(
            settings.enrichments_topic,
            settings.events_topic,
            settings.dead_letter_topic,
            bootstrap_servers=settings.bootstrap_servers,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> OutputWatcher:
        await self._consumer.start()
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def _run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=100)
            for batch in batches.values():
                self.records.extend(batch)

    def enriched(self) -> set[str]:
        return {
            article_id
            for record in self.records
            if record.topic == self.settings.enrichments_topic
            and (article_id := (record.key or b"").decode())
        }

    async def wait_for(self, done: Callable[[OutputWatcher], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self):
                return True
            if self._task is not None and self._task.done():
                self._task.result()  # the watcher itself failed: raise that
            await asyncio.sleep(0.05)
        return done(self)

    async def wait_complete(self, article_ids: set[str], timeout: float) -> bool:
        """Every article has an enrichment and every event the enrichments name has arrived."""
        return await self.wait_for(lambda w: not tally(w.records, w.settings, article_ids).lost,
                                   timeout)


@dataclass
class Tally:
    sent: int
    events_expected: int
    events_seen: int
    duplicate_events: int
    duplicate_enrichments: int
    lost_articles: list[str]
    lost_events: list[str]
    orphan_events: list[str]
    inconsistent_articles: list[str]
    dead_letters: int

    @property
    def lost(self) -> int:
        return len(self.lost_articles) + len(self.lost_events)

    @property
    def duplicates(self) -> int:
        return self.duplicate_events + self.duplicate_enrichments


def tally(records: list[ConsumerRecord[bytes, bytes]], settings: Settings, sent: set[str]) -> Tally:
    event_ids: Counter[str] = Counter()
    enrichments: dict[str, list[frozenset[str]]] = {}
    dead_letters = 0
    for record in records:
        if record.topic == settings.events_topic:
            event_ids[dict(record.headers)["ce_id"].decode()] += 1
        elif record.topic == settings.enrichments_topic:
            enrichment = ArticleEnrichment.model_validate_json(record.value)
            enrichments.setdefault(enrichment.article_id, []).append(
                frozenset(enrichment.event_ids)
            )
        elif record.topic == settings.dead_letter_topic:
            dead_letters += 1
    expected = set().union(*(ids for found in enrichments.values() for ids in found))
    return Tally(
        sent=len(sent),
        events_expected=len(expected),
        events_seen=len(event_ids),
        duplicate_events=sum(event_ids.values()) - len(event_ids),
        duplicate_enrichments=sum(len(found) - 1 for found in enrichments.values()),
        lost_articles=sorted(sent - enrichments.keys()),
        lost_events=sorted(expected - event_ids.keys()),
        orphan_events=sorted(event_ids.keys() - expected),
        inconsistent_articles=sorted(a for a, found in enrichments.items() if len(set(found)) > 1),
        dead_letters=dead_letters,
    )


def first_output_after(records: list[ConsumerRecord[bytes, bytes]], topic: str, since: float,
                       ) -> float | None:
    """Seconds from `since` (epoch) to the first record of `topic` produced after it."""
    stamps = [r.timestamp / 1000 for r in records if r.topic == topic and r.timestamp / 1000 >= since]
    return round(min(stamps) - since, 2) if stamps else None


def last_output(records: list[ConsumerRecord[bytes, bytes]], since: float) -> float | None:
    stamps = [r.timestamp / 1000 for r in records]
    return round(max(stamps) - since, 2) if stamps else None


def metric_value(exposition: str, name: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


# --- results -----------------------------------------------------------------------------


@dataclass
class ScenarioResult:
    scenario: str
    messages_sent: int
    events_expected: int
    events_seen: int
    duplicates: int
    lost: int
    recover_s: float | None  # fault (or, for an outage, broker back) -> first output after it
    complete_s: float | None  # same origin -> last output of the stream
    enriched_before_fault: int
    orphan_events: int
    inconsistent_articles: int
    dead_letters: int
    lost_articles: list[str] = field(default_factory=list)
    lost_events: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (self.lost == 0 and self.orphan_events == 0 and self.inconsistent_articles == 0
                and self.dead_letters == 0)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}

    def summary(self) -> str:
        return (f"{self.scenario}: sent={self.messages_sent} expected={self.events_expected} "
                f"seen={self.events_seen} duplicates={self.duplicates} lost={self.lost} "
                f"lost_articles={self.lost_articles[:5]} lost_events={self.lost_events[:5]} "
                f"orphans={self.orphan_events} inconsistent={self.inconsistent_articles} "
                f"dead_letters={self.dead_letters} details={self.details}")


def result_of(scenario: str, watcher: OutputWatcher, sent: set[str], *, fault_at: float,
              before: int, details: dict[str, Any]) -> ScenarioResult:
    counted = tally(watcher.records, watcher.settings, sent)
    return ScenarioResult(
        scenario=scenario,
        messages_sent=counted.sent,
        events_expected=counted.events_expected,
        events_seen=counted.events_seen,
        duplicates=counted.duplicates,
        lost=counted.lost,
        recover_s=first_output_after(watcher.records, watcher.settings.enrichments_topic, fault_at),
        complete_s=last_output(watcher.records, fault_at),
        enriched_before_fault=before,
        orphan_events=len(counted.orphan_events),
        inconsistent_articles=len(counted.inconsistent_articles),
        dead_letters=counted.dead_letters,
        lost_articles=counted.lost_articles,
        lost_events=counted.lost_events,
        details=details,
    )


# --- plumbing ----------------------------------------------------------------------------


@contextlib.contextmanager
def workers(*started: WorkerProcess) -> Iterator[list[WorkerProcess]]:
    """Stop (SIGTERM, then SIGKILL) every worker added to the list, whatever happens."""
    running = list(started)
    try:
        yield running
    finally:
        for worker in running:
            worker.stop()


async def start_worker(settings: Settings, log_path: Path) -> WorkerProcess:
    worker = WorkerProcess(settings, log_path).start()
    try:
        await asyncio.to_thread(worker.wait_ready)
    except BaseException:
        worker.stop()
        raise
    return worker


async def wait_assigned(worker: WorkerProcess, predicate: Callable[[int], bool],
                        timeout: float = 60.0) -> int:
    """Poll /health/ready until the worker's assigned article partitions satisfy `predicate`."""
    deadline = time.monotonic() + timeout
    assigned = -1
    while time.monotonic() < deadline:
        body = await asyncio.to_thread(worker.ready)
        assigned = int(body["assigned_partitions"]) if body else 0  # type: ignore[call-overload]
        if predicate(assigned):
            return assigned
        await asyncio.sleep(0.25)
    raise ScenarioError(f"assigned partitions still {assigned} after {timeout}s: "
                        f"{worker.logs()[-2000:]}")


async def fault_mid_stream(
    settings: Settings, watcher: OutputWatcher, articles: list[tuple[str, bytes]],
    fault: Callable[[], Any], *, after: int,
) -> tuple[float, int, asyncio.Task[None]]:
    """Publish at a steady pace; when `after` enrichments have arrived, run `fault`.

    Returns the fault time (epoch seconds), how many articles were enriched before it, and
    the publishing task (still running: the stream goes on while the fault is handled).
    """
    publishing = asyncio.create_task(
        publish(settings.bootstrap_servers, settings.articles_topic, articles, PUBLISH_PER_SECOND)
    )
    reached = await watcher.wait_for(lambda w: len(w.enriched()) >= after, COMPLETION_TIMEOUT_S)
    if not reached:
        publishing.cancel()
        raise ScenarioError(f"only {len(watcher.enriched())} enrichments before the fault")
    fault_at = time.time()
    before = len(watcher.enriched())
    result = fault()
    if asyncio.iscoroutine(result):
        await result
    if before >= len(articles) or publishing.done():
        raise ScenarioError(f"the stream was over before the fault ({before} of {len(articles)})")
    return fault_at, before, publishing


# --- scenarios ---------------------------------------------------------------------------


async def kill9_mid_stream(bootstrap_servers: str, prefix: str, workdir: Path,
                           count: int = ARTICLES) -> ScenarioResult:
    """kill -9 the only worker mid-stream, then start a new one: it finishes the stream."""
    settings = isolated_settings(bootstrap_servers, prefix)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    sent = {article_id for article_id, _ in articles}
    with workers() as running:
        first = await start_worker(settings, workdir / "kill9-w1.log")
        running.append(first)
        async with OutputWatcher(settings) as watcher:
            fault_at, before, publishing = await fault_mid_stream(
                settings, watcher, articles, first.kill, after=count // 4)
            second = await start_worker(settings, workdir / "kill9-w2.log")
            running.append(second)
            await publishing
            await watcher.wait_complete(sent, COMPLETION_TIMEOUT_S)
            consumed = metric_value(second.metrics(), "sitrep_articles_consumed_total")
            return result_of("kill -9 mid-stream", watcher, sent, fault_at=fault_at, before=before,
                             details={"consumed_by_new_worker": consumed})


async def kill_one_of_two(bootstrap_servers: str, prefix: str, workdir: Path,
                          count: int = ARTICLES) -> ScenarioResult:
    """Two workers share 4 partitions; kill -9 one mid-stream; the other takes all 4 and finishes."""
    settings = isolated_settings(bootstrap_servers, prefix, topic_partitions=4)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    sent = {article_id for article_id, _ in articles}
    with workers() as running:
        victim, survivor = await asyncio.gather(
            start_worker(settings, workdir / "two-victim.log"),
            start_worker(settings, workdir / "two-survivor.log"),
        )
        running.extend([victim, survivor])
        # Both members hold article partitions before the fault (the split settles after a
        # rebalance, so wait for it rather than for readiness alone).
        victim_share = await wait_assigned(victim, lambda n: 0 < n < 4)
        await wait_assigned(survivor, lambda n: n == 4 - victim_share)
        async with OutputWatcher(settings) as watcher:
            fault_at, before, publishing = await fault_mid_stream(
                settings, watcher, articles, victim.kill, after=count // 4)
            await publishing
            await watcher.wait_complete(sent, COMPLETION_TIMEOUT_S)
            taken_over = await wait_assigned(survivor, lambda n: n == 4, timeout=10.0)
            return result_of(
                "kill 1 of 2 workers", watcher, sent, fault_at=fault_at, before=before,
                details={"victim_partitions": victim_share,
                         "survivor_partitions_after": taken_over,
                         "survivor_alive": survivor.process is not None
                         and survivor.process.poll() is None})


async def sigterm_mid_stream(bootstrap_servers: str, prefix: str, workdir: Path,
                             count: int = ARTICLES) -> ScenarioResult:
    """SIGTERM mid-stream: exit 0 within the bound; a new worker finishes the stream."""
    settings = isolated_settings(bootstrap_servers, prefix)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    sent = {article_id for article_id, _ in articles}
    exit_info: dict[str, Any] = {}
    with workers() as running:
        first = await start_worker(settings, workdir / "sigterm-w1.log")
        running.append(first)

        async def terminate() -> None:
            started = time.monotonic()
            try:
                code = await asyncio.to_thread(first.terminate, SIGTERM_EXIT_BOUND_S)
            except Exception as exc:  # noqa: BLE001 -- subprocess.TimeoutExpired: report it
                code = repr(exc)
            exit_info.update(exit_code=code, exit_s=round(time.monotonic() - started, 2))

        async with OutputWatcher(settings) as watcher:
            fault_at, before, publishing = await fault_mid_stream(
                settings, watcher, articles, terminate, after=count // 4)
            second = await start_worker(settings, workdir / "sigterm-w2.log")
            running.append(second)
            await publishing
            await watcher.wait_complete(sent, COMPLETION_TIMEOUT_S)
            consumed = metric_value(second.metrics(), "sitrep_articles_consumed_total")
            return result_of("SIGTERM mid-stream", watcher, sent, fault_at=fault_at,
                             before=before, details={**exit_info, "consumed_by_new_worker": consumed})


async def broker_outage(prefix: str, workdir: Path, count: int = ARTICLES,
                        outage_s: float = OUTAGE_S) -> ScenarioResult:
    """Stop the broker under a running worker, bring a new one up on the same port.

    Uses its own embedded broker (memory storage: the restart loses every topic, offset and
    group, so topics are created again). The same worker process must then process new
    articles. Articles published before the outage are counted from before it.
    """
    port = free_port()
    broker = EmbeddedBroker(port=port).start()
    try:
        settings = isolated_settings(broker.bootstrap_servers, prefix)
        await ensure_topics(settings)
        before_articles = make_articles(f"{prefix}-before", count // 2)
        after_articles = make_articles(f"{prefix}-after", count - count // 2)
        before_ids = {a for a, _ in before_articles}
        after_ids = {a for a, _ in after_articles}
        with workers() as running:
            worker = await start_worker(settings, workdir / "outage-w1.log")
            running.append(worker)
            assert worker.process is not None
            pid = worker.process.pid
            async with OutputWatcher(settings) as watcher:
                await publish(settings.bootstrap_servers, settings.articles_topic,
                              before_articles, None)
                await watcher.wait_complete(before_ids, COMPLETION_TIMEOUT_S)
                first = tally(watcher.records, settings, before_ids)

            fault_at = time.time()
            broker.stop()
            await asyncio.sleep(outage_s)
            alive_during_outage = worker.process.poll() is None
            broker = EmbeddedBroker(port=port).start()
            await ensure_topics(settings)
            back_at = time.time()

            async with OutputWatcher(settings) as watcher:
                await publish(settings.bootstrap_servers, settings.articles_topic,
                              after_articles, None)
                await watcher.wait_complete(after_ids, COMPLETION_TIMEOUT_S)
                result = result_of(
                    "broker outage", watcher, after_ids, fault_at=back_at, before=0,
                    details={"outage_s": outage_s,
                             "alive_during_outage": alive_during_outage,
                             "same_process": worker.process.poll() is None
                             and worker.process.pid == pid,
                             "back_after_fault_s": round(back_at - fault_at, 2)})
        # Fold in the articles from before the outage (their outputs died with the broker).
        result.messages_sent += first.sent
        result.events_expected += first.events_expected
        result.events_seen += first.events_seen
        result.duplicates += first.duplicates
        result.lost += first.lost
        result.lost_articles += first.lost_articles
        result.lost_events += first.lost_events
        result.orphan_events += len(first.orphan_events)
        result.inconsistent_articles += len(first.inconsistent_articles)
        result.dead_letters += first.dead_letters
        result.enriched_before_fault = first.sent - len(first.lost_articles)
        return result
    finally:
        broker.stop()


SCENARIOS: dict[str, Callable[..., Any]] = {
    "kill9": kill9_mid_stream,
    "kill_one_of_two": kill_one_of_two,
    "sigterm": sigterm_mid_stream,
}
