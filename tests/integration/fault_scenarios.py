"""Delivery under faults: publish N real articles, break something, count what came out.

Shared by `tests/integration/test_faults.py` (which asserts) and `scripts/fault_injection.py`
(which prints a table). Each scenario has its own topics and consumer group and runs real
`sitrep worker` processes against a real (Kafka-protocol) broker; nothing is mocked.

Counted from the output topics, read from the beginning without a consumer group:
- expected events: the union of `event_ids` over every enrichment message;
- lost: articles without an enrichment + expected events that never arrived (must be 0);
- duplicates: output messages beyond the distinct ones (allowed: delivery is at-least-once
  and ids are deterministic, so readers dedupe);
- replayed: article messages consumed again after the fault, from the workers' own
  `sitrep_articles_consumed_total` (the revision table hides most replays from the output);
- orphan events (no enrichment names them) and inconsistent articles (two enrichments of
  one article naming different events) must be 0.

Times come from the records' CreateTime, which the worker's producer sets: `recover_s` runs
from the fault to the first enrichment produced after it (for a lost member: of an article
on one of its partitions; for a broker outage: from the broker's return), `complete_s` from
the same origin to the last output.

The broker outage scenario needs care with the embedded broker: its memory storage forgets
every topic, offset and group, and numbers offsets from 0 again. A worker still holds fetch
positions in the old log until it rejoins the group, so articles published in that window
could sit below those positions and be skipped. A durable broker never reuses offsets, so
this is a property of the memory store; the scenario publishes once the worker has rejoined.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import ConsumerRecord, TopicPartition

from sitrep.broker.admin import ensure_topics
from sitrep.broker.embedded import EmbeddedBroker, free_port
from sitrep.settings import Settings
from sitrep_contracts import ArticleEnrichment, DeadLetter
from tests.integration.support import WorkerProcess, isolated_settings, paragraph_articles

#: Articles per scenario, and the publishing pace (so that a fault lands mid-stream).
ARTICLES = 40
PUBLISH_PER_SECOND = 20.0
#: How long a scenario waits for the stream to complete once the fault has happened.
COMPLETION_TIMEOUT_S = 90.0
#: A SIGTERMed worker must have exited, with code 0, within this bound.
SIGTERM_EXIT_BOUND_S = 30.0
#: How long the broker stays down in the outage scenario (after it has stopped).
OUTAGE_S = 4.0

Records = list[ConsumerRecord[bytes, bytes]]


class ScenarioError(AssertionError):
    """The scenario could not set up the fault it is about (not a delivery failure)."""


# --- inputs ------------------------------------------------------------------------------


def make_articles(prefix: str, count: int) -> list[tuple[str, bytes]]:
    """`count` short real-text articles (wire story paragraphs), each with a unique id."""
    return paragraph_articles(prefix, count)


async def publish(
    bootstrap_servers: str,
    topic: str,
    articles: list[tuple[str, bytes]],
    per_second: float | None = None,
) -> dict[str, int]:
    """Publish articles keyed by id, each acknowledged; return each article's partition."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    partitions: dict[str, int] = {}
    try:
        for article_id, value in articles:
            metadata = await producer.send_and_wait(topic, key=article_id.encode(), value=value)
            partitions[article_id] = metadata.partition
            if per_second:
                await asyncio.sleep(1.0 / per_second)
    finally:
        await producer.stop()
    return partitions


# --- outputs -----------------------------------------------------------------------------


class OutputWatcher:
    """Reads the enrichments, events and dead-letter topics from the start, in the background."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.records: Records = []
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
        topic = self.settings.enrichments_topic
        return {(r.key or b"").decode() for r in self.records if r.topic == topic}

    async def wait_for(self, done: Callable[[OutputWatcher], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self):
                return True
            if self._task is not None and self._task.done():
                self._task.result()  # the watcher itself failed: raise that
            await asyncio.sleep(0.05)
        return done(self)

    async def wait_complete(self, sent: set[str], timeout: float = COMPLETION_TIMEOUT_S) -> bool:
        """Every article has an enrichment and every event the enrichments name has arrived."""
        return await self.wait_for(lambda w: tally(w.records, w.settings, sent).lost == 0, timeout)


@dataclass
class Tally:
    sent: int
    events_expected: int
    events_seen: int
    duplicates: int
    lost_articles: list[str]
    lost_events: list[str]
    orphan_events: list[str]
    inconsistent_articles: list[str]
    dead_letters: int

    @property
    def lost(self) -> int:
        return len(self.lost_articles) + len(self.lost_events)


def tally(records: Records, settings: Settings, sent: set[str]) -> Tally:
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
    expected: set[str] = set().union(*(ids for found in enrichments.values() for ids in found))
    return Tally(
        sent=len(sent),
        events_expected=len(expected),
        events_seen=len(event_ids),
        duplicates=(sum(event_ids.values()) - len(event_ids))
        + sum(len(found) - 1 for found in enrichments.values()),
        lost_articles=sorted(sent - enrichments.keys()),
        lost_events=sorted(expected - event_ids.keys()),
        orphan_events=sorted(event_ids.keys() - expected),
        inconsistent_articles=sorted(a for a, found in enrichments.items() if len(set(found)) > 1),
        dead_letters=dead_letters,
    )


def enriched_before(
    records: Records, settings: Settings, moment: float, among: set[str] | None = None
) -> set[str]:
    """Articles with an enrichment produced before `moment` (epoch seconds)."""
    found = {
        (r.key or b"").decode()
        for r in records
        if r.topic == settings.enrichments_topic and r.timestamp / 1000 < moment
    }
    return found if among is None else found & among


def seconds_to_first_enrichment(
    records: Records,
    settings: Settings,
    origin: float,
    *,
    after: float | None = None,
    among: set[str] | None = None,
) -> float | None:
    """From `origin` to the first enrichment produced at or after `after` (default: origin)."""
    after = origin if after is None else after
    stamps = [
        r.timestamp / 1000
        for r in records
        if r.topic == settings.enrichments_topic
        and r.timestamp / 1000 >= after
        and (among is None or (r.key or b"").decode() in among)
    ]
    return round(min(stamps) - origin, 2) if stamps else None


def seconds_to_last_output(records: Records, since: float) -> float | None:
    stamps = [r.timestamp / 1000 for r in records]
    return round(max(stamps) - since, 2) if stamps else None


def metric_value(exposition: str, name: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


def lag_partitions(exposition: str, topic: str) -> set[int]:
    """The article partitions a worker holds, from its per-partition lag gauge."""
    pattern = re.compile(
        r'^sitrep_consumer_lag\{(?=[^}]*partition="(\d+)")(?=[^}]*topic="([^"]+)")'
    )
    return {
        int(match[1])
        for line in exposition.splitlines()
        if (match := pattern.match(line)) and match[2] == topic
    }


# --- results -----------------------------------------------------------------------------


@dataclass
class ScenarioResult:
    scenario: str
    messages_sent: int
    events_expected: int
    events_seen: int
    duplicates: int
    replayed: int | None
    lost: int
    recover_s: float | None
    complete_s: float | None
    enriched_before_fault: int
    orphan_events: int
    inconsistent_articles: int
    dead_letters: int
    lost_articles: list[str] = field(default_factory=list)
    lost_events: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Nothing lost, nothing invented, nothing contradictory, nothing dead-lettered."""
        return (
            self.lost == 0
            and self.orphan_events == 0
            and self.inconsistent_articles == 0
            and self.dead_letters == 0
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}

    def summary(self) -> str:
        return (
            f"{self.scenario}: sent={self.messages_sent} expected={self.events_expected} "
            f"seen={self.events_seen} duplicates={self.duplicates} replayed={self.replayed} "
            f"lost={self.lost} lost_articles={self.lost_articles[:5]} "
            f"lost_events={self.lost_events[:5]} orphans={self.orphan_events} "
            f"inconsistent={self.inconsistent_articles} dead_letters={self.dead_letters} "
            f"recover_s={self.recover_s} details={self.details}"
        )


def result_of(
    scenario: str,
    tallied: Tally,
    *,
    replayed: int | None,
    recover_s: float | None,
    complete_s: float | None,
    before: int,
    details: dict[str, Any],
) -> ScenarioResult:
    return ScenarioResult(
        scenario=scenario,
        messages_sent=tallied.sent,
        events_expected=tallied.events_expected,
        events_seen=tallied.events_seen,
        duplicates=tallied.duplicates,
        replayed=replayed,
        lost=tallied.lost,
        recover_s=recover_s,
        complete_s=complete_s,
        enriched_before_fault=before,
        orphan_events=len(tallied.orphan_events),
        inconsistent_articles=len(tallied.inconsistent_articles),
        dead_letters=tallied.dead_letters,
        lost_articles=tallied.lost_articles,
        lost_events=tallied.lost_events,
        details=details,
    )


# --- plumbing ----------------------------------------------------------------------------


@contextlib.contextmanager
def stopping() -> Iterator[list[WorkerProcess]]:
    """Every worker added to the list is stopped (SIGTERM, then SIGKILL), whatever happens."""
    running: list[WorkerProcess] = []
    try:
        yield running
    finally:
        for worker in running:
            worker.stop()


async def start_worker(
    settings: Settings,
    log_path: Path,
    running: list[WorkerProcess],
) -> WorkerProcess:
    worker = WorkerProcess(settings, log_path).start()
    running.append(worker)
    await asyncio.to_thread(worker.wait_ready)
    return worker


async def consumed(worker: WorkerProcess) -> int:
    return int(
        metric_value(await asyncio.to_thread(worker.metrics), "sitrep_articles_consumed_total")
    )


async def wait_assigned(
    worker: WorkerProcess, predicate: Callable[[int], bool], timeout: float = 60.0
) -> int:
    """Poll /health/ready until the worker's count of article partitions satisfies `predicate`."""
    deadline = time.monotonic() + timeout
    assigned = -1
    while time.monotonic() < deadline:
        body = await asyncio.to_thread(worker.ready)
        assigned = int(body["assigned_partitions"]) if body else 0  # type: ignore[call-overload]
        if predicate(assigned):
            return assigned
        await asyncio.sleep(0.25)
    raise ScenarioError(
        f"assigned partitions still {assigned} after {timeout}s: {worker.logs()[-2000:]}"
    )


async def wait_group_member(settings: Settings, timeout: float) -> float:
    """Wait until the worker group is Stable with a member; return when (epoch seconds)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            for response in await admin.describe_consumer_groups([settings.consumer_group]):
                for error_code, group, state, _ptype, _protocol, members in response.groups:
                    if (
                        error_code == 0
                        and group == settings.consumer_group
                        and state == "Stable"
                        and members
                    ):
                        return time.time()
            await asyncio.sleep(0.2)
        raise ScenarioError(f"group {settings.consumer_group} not Stable ({state}) in {timeout}s")
    finally:
        await admin.close()


async def committed_offsets(settings: Settings) -> dict[int, int | None]:
    """The group's committed offsets on the articles topic, by partition."""
    # OffsetFetch without joining the group (Tansu has no admin ListConsumerGroupOffsets).
    reader = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=settings.consumer_group,
        enable_auto_commit=False,
    )
    await reader.start()
    try:
        return {
            partition: await reader.committed(TopicPartition(settings.articles_topic, partition))
            for partition in range(settings.topic_partitions)
        }
    finally:
        await reader.stop()


async def fault_mid_stream(
    settings: Settings,
    watcher: OutputWatcher,
    articles: list[tuple[str, bytes]],
    fault: Callable[[], Awaitable[None]],
    *,
    after: int,
) -> tuple[float, float, asyncio.Task[dict[str, int]]]:
    """Publish at a steady pace; once `after` articles are enriched, run `fault`.

    Returns when the fault began and when it was over (epoch seconds; the faulty worker is
    gone by then), and the publishing task, which goes on during and after the fault.
    """
    publishing = asyncio.create_task(
        publish(settings.bootstrap_servers, settings.articles_topic, articles, PUBLISH_PER_SECOND)
    )
    reached = await watcher.wait_for(lambda w: len(w.enriched()) >= after, COMPLETION_TIMEOUT_S)
    if not reached or publishing.done():
        publishing.cancel()
        raise ScenarioError(
            f"no fault mid-stream: {len(watcher.enriched())} of {len(articles)} "
            f"enriched, publishing done: {publishing.done()}"
        )
    fault_at = time.time()
    await fault()
    return fault_at, time.time(), publishing


async def kill(worker: WorkerProcess) -> None:
    await asyncio.to_thread(worker.kill)


async def fault_then_replace(
    name: str,
    settings: Settings,
    articles: list[tuple[str, bytes]],
    fault: Callable[[], Awaitable[None]],
    workdir: Path,
    prefix: str,
    running: list[WorkerProcess],
    details: dict[str, Any] | None = None,
) -> ScenarioResult:
    """Fault the only worker mid-stream, start a new one, and count what the stream became."""
    sent = {article_id for article_id, _ in articles}
    async with OutputWatcher(settings) as watcher:
        fault_at, gone_at, publishing = await fault_mid_stream(
            settings, watcher, articles, fault, after=len(articles) // 4
        )
        second = await start_worker(settings, workdir / f"{prefix}-w2.log", running)
        await publishing
        await watcher.wait_complete(sent)
        done_before = enriched_before(watcher.records, settings, gone_at)
        consumed_by_new = await consumed(second)
        return result_of(
            name,
            tally(watcher.records, settings, sent),
            replayed=consumed_by_new - (len(sent) - len(done_before)),
            recover_s=seconds_to_first_enrichment(
                watcher.records, settings, fault_at, after=gone_at
            ),
            complete_s=seconds_to_last_output(watcher.records, fault_at),
            before=len(done_before),
            details={**(details or {}), "consumed_by_new_worker": consumed_by_new},
        )


# --- scenarios ---------------------------------------------------------------------------


async def kill9_mid_stream(
    bootstrap_servers: str, prefix: str, workdir: Path, count: int = ARTICLES
) -> ScenarioResult:
    """kill -9 the only worker mid-stream, then start a new one: it finishes the stream."""
    settings = isolated_settings(bootstrap_servers, prefix)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    with stopping() as running:
        first = await start_worker(settings, workdir / f"{prefix}-w1.log", running)
        return await fault_then_replace(
            "kill -9 mid-stream", settings, articles, lambda: kill(first), workdir, prefix, running
        )


async def kill_one_of_two(
    bootstrap_servers: str, prefix: str, workdir: Path, count: int = ARTICLES
) -> ScenarioResult:
    """Two workers share 4 partitions; kill -9 one mid-stream; the other takes all 4 over."""
    settings = isolated_settings(bootstrap_servers, prefix, topic_partitions=4)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    sent = {article_id for article_id, _ in articles}
    with stopping() as running:
        victim, survivor = await asyncio.gather(
            start_worker(settings, workdir / f"{prefix}-victim.log", running),
            start_worker(settings, workdir / f"{prefix}-survivor.log", running),
        )
        # Readiness comes before the split settles: wait until both hold article partitions.
        await wait_assigned(victim, lambda n: 0 < n < 4)
        await wait_assigned(survivor, lambda n: 0 < n < 4)
        victim_partitions: set[int] = set()

        async def kill_victim() -> None:
            victim_partitions.update(
                lag_partitions(await asyncio.to_thread(victim.metrics), settings.articles_topic)
            )
            await kill(victim)

        async with OutputWatcher(settings) as watcher:
            fault_at, gone_at, publishing = await fault_mid_stream(
                settings, watcher, articles, kill_victim, after=count // 4
            )
            partition_of = await publishing
            await watcher.wait_complete(sent)
            taken_over = await wait_assigned(survivor, lambda n: n == 4, timeout=15.0)
            orphaned = {a for a, p in partition_of.items() if p in victim_partitions}
            victim_done = enriched_before(watcher.records, settings, gone_at, among=orphaned)
            consumed_by_survivor = await consumed(survivor)
            return result_of(
                "kill 1 of 2 workers",
                tally(watcher.records, settings, sent),
                replayed=consumed_by_survivor - (len(sent) - len(victim_done)),
                recover_s=seconds_to_first_enrichment(
                    watcher.records, settings, fault_at, after=gone_at, among=orphaned
                ),
                complete_s=seconds_to_last_output(watcher.records, fault_at),
                before=len(enriched_before(watcher.records, settings, gone_at)),
                details={
                    "victim_partitions": sorted(victim_partitions),
                    "articles_on_victim_partitions": len(orphaned),
                    "survivor_partitions_after": taken_over,
                    "survivor_alive": survivor.process is not None
                    and survivor.process.poll() is None,
                    "consumed_by_survivor": consumed_by_survivor,
                },
            )


async def sigterm_mid_stream(
    bootstrap_servers: str, prefix: str, workdir: Path, count: int = ARTICLES
) -> ScenarioResult:
    """SIGTERM mid-stream: exit code 0 within the bound; a new worker finishes the stream."""
    settings = isolated_settings(bootstrap_servers, prefix)
    await ensure_topics(settings)
    articles = make_articles(prefix, count)
    exit_info: dict[str, Any] = {}
    with stopping() as running:
        first = await start_worker(settings, workdir / f"{prefix}-w1.log", running)

        async def terminate() -> None:
            started = time.monotonic()
            try:
                code: int | str = await asyncio.to_thread(first.terminate, SIGTERM_EXIT_BOUND_S)
            except Exception as exc:  # noqa: BLE001 -- subprocess.TimeoutExpired: report it
                code = repr(exc)
            exit_info.update(exit_code=code, exit_s=round(time.monotonic() - started, 2))

        async def terminate_and_read_commits() -> None:
            await terminate()
            exit_info["committed_at_exit"] = await committed_offsets(settings)

        return await fault_then_replace(
            "SIGTERM mid-stream",
            settings,
            articles,
            terminate_and_read_commits,
            workdir,
            prefix,
            running,
            details=exit_info,
        )


async def broker_outage(
    prefix: str, workdir: Path, count: int = ARTICLES, outage_s: float = OUTAGE_S
) -> ScenarioResult:
    """Stop the broker under a running worker; bring a new one up on the same port.

    Runs its own embedded broker, so nothing else loses its topics. The restarted broker
    has nothing (memory storage), so topics are created again; then the same worker
    process must process new articles. Articles from before the outage are tallied before
    it (their outputs die with the broker).
    """
    port = free_port()
    broker = EmbeddedBroker(port=port).start()
    try:
        settings = isolated_settings(broker.bootstrap_servers, prefix)
        await ensure_topics(settings)
        early = make_articles(f"{prefix}-before", count // 2)
        late = make_articles(f"{prefix}-after", count - count // 2)
        early_ids, late_ids = {a for a, _ in early}, {a for a, _ in late}
        with stopping() as running:
            worker = await start_worker(settings, workdir / f"{prefix}-w1.log", running)
            assert worker.process is not None
            pid = worker.process.pid
            async with OutputWatcher(settings) as watcher:
                await publish(settings.bootstrap_servers, settings.articles_topic, early)
                await watcher.wait_complete(early_ids)
                first = tally(watcher.records, settings, early_ids)

            fault_at = time.time()
            await asyncio.to_thread(broker.stop)
            stop_s = time.time() - fault_at
            await asyncio.sleep(outage_s)
            alive_during_outage = worker.process.poll() is None
            broker = EmbeddedBroker(port=port).start()
            back_at = time.time()
            await ensure_topics(settings)
            rejoined_at = await wait_group_member(settings, COMPLETION_TIMEOUT_S)

            async with OutputWatcher(settings) as watcher:
                await publish(settings.bootstrap_servers, settings.articles_topic, late)
                await watcher.wait_complete(late_ids)
                second = tally(watcher.records, settings, late_ids)
                total_consumed = await consumed(worker)
                details = {
                    "broker_stop_s": round(stop_s, 2),
                    "down_s": round(back_at - fault_at, 2),
                    "rejoined_after_back_s": round(rejoined_at - back_at, 2),
                    "alive_during_outage": alive_during_outage,
                    "same_process": worker.process.poll() is None and worker.process.pid == pid,
                    "consumed_by_worker": total_consumed,
                }
                recover_s = seconds_to_first_enrichment(watcher.records, settings, back_at)
                complete_s = seconds_to_last_output(watcher.records, back_at)
        both = Tally(
            sent=first.sent + second.sent,
            events_expected=first.events_expected + second.events_expected,
            events_seen=first.events_seen + second.events_seen,
            duplicates=first.duplicates + second.duplicates,
            lost_articles=first.lost_articles + second.lost_articles,
            lost_events=first.lost_events + second.lost_events,
            orphan_events=first.orphan_events + second.orphan_events,
            inconsistent_articles=first.inconsistent_articles + second.inconsistent_articles,
            dead_letters=first.dead_letters + second.dead_letters,
        )
        return result_of(
            "broker outage",
            both,
            replayed=total_consumed - both.sent,
            recover_s=recover_s,
            complete_s=complete_s,
            before=first.sent - len(first.lost_articles),
            details=details,
        )
    finally:
        broker.stop()


#: Scenarios that run against a broker they are given (the outage brings its own).
ON_SHARED_BROKER: dict[str, Callable[[str, str, Path], Awaitable[ScenarioResult]]] = {
    "kill9": kill9_mid_stream,
    "kill_one_of_two": kill_one_of_two,
    "sigterm": sigterm_mid_stream,
}


# --- fuzzing the real worker -------------------------------------------------------------

#: Messages in the bounded fuzz run (CI); scripts/fault_injection.py --fuzz N runs more.
FUZZ_MESSAGES = 160
#: A fuzz message: its kind, key, value and headers.
FuzzMessage = tuple[str, bytes | None, bytes | None, list[tuple[str, bytes]]]


def fuzz_messages(prefix: str, count: int, seed: int = 15) -> list[FuzzMessage]:
    """`count` seeded random messages of many kinds: valid articles (plain, HTML, unicode,
    large), bytes, broken and mutated JSON, wrong types, hostile numbers and strings,
    tombstones, odd keys and headers. Each one gets a unique article id where it has one,
    so each must end as exactly one enrichment or one dead letter."""
    rng = random.Random(seed)  # noqa: S311 -- seeded test data, not secrets
    texts = [json.loads(value)["text"] for _, value in paragraph_articles("fuzz", 40)]

    def article(i: int, **fields: object) -> dict[str, object]:
        values: dict[str, object] = {
            "article_id": f"{prefix}-{i}",
            "text": rng.choice(texts),
            "published_at": "2022-09-09T12:00:00+00:00",
        }
        values.update(fields)
        return values

    def dumps(values: object) -> bytes:
        return json.dumps(values, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")

    def unicode_text(length: int) -> str:
        pools = [(0x20, 0x7E), (0xA0, 0x2FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x200B, 0x200F),
                 (0x1F300, 0x1F64F), (0xD800, 0xDFFF), (0x0, 0x1F)]  # fmt: skip
        return "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(length))

    def mutate(value: bytes) -> bytes:
        data = bytearray(value)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(data))
            action = rng.random()
            if action < 0.4:
                data[position] = rng.randrange(256)
            elif action < 0.7:
                del data[position]
            else:
                data.insert(position, rng.choice(b'{}[]",:\\0123456789eE-+.\xff\xc3'))
        return bytes(data)

    kinds: dict[str, Callable[[int], bytes | None]] = {
        "valid": lambda i: dumps(article(i)),
        "valid html": lambda i: dumps(
            article(i, text=f"<div><p>{rng.choice(texts)}</p><script>x()</script></div>")
        ),
        "valid unicode": lambda i: dumps(
            article(i, text=rng.choice(texts) + " " + unicode_text(40).replace("\ud800", ""))
        ),
        "valid 100 KB": lambda i: dumps(article(i, text=" ".join(rng.choices(texts, k=500)))),
        "random bytes": lambda i: rng.randbytes(rng.randint(0, 2000)),
        "truncated json": lambda i: (v := dumps(article(i)))[: rng.randrange(len(v))],
        "mutated json": lambda i: mutate(dumps(article(i))),
        "wrong types": lambda i: dumps(
            article(
                i,
                **{
                    rng.choice(
                        ["text", "published_at", "article_id", "language", "metadata"]
                    ): rng.choice([1, 1.5, None, [], {}, True, 1662717600])
                },
            )
        ),
        "unicode fields": lambda i: dumps(
            article(i, article_id=f"{prefix}-{i}-" + unicode_text(8), text=unicode_text(200))
        ),
        "hostile numbers": lambda i: (
            dumps(article(i))[:-1]
            + rng.choice(
                [
                    b', "metadata": {"n": ' + b"7" * 5000 + b"}}",
                    b', "metadata": {"x": NaN}}',
                    b', "metadata": {"x": -1e999}}',
                    b', "text": "dup"}',
                ]
            )
        ),
        "deep nesting": lambda i: (
            dumps(article(i))[:-1]
            + b', "metadata": {"x": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}}"
        ),
        "hostile html": lambda i: dumps(
            article(
                i,
                text=rng.choice(
                    [
                        "<p>x " + "<a " * 20_000,
                        "<b>" * 3000 + "x",
                        "<p>x</p><![ CDATA[x]]>",
                        "<!--" * 5000,
                        "<" * 50_000,
                    ]
                ),
            )
        ),
        "empty or blank": lambda i: dumps(
            article(i, text=rng.choice(["", " ", "\u200b\u2060", "<p> </p>"]))
        ),
        "over the size limit": lambda i: dumps(article(i, text="Kyiv. " * 200_000)),
        "tombstone": lambda i: None,
    }
    names = list(kinds)
    messages: list[FuzzMessage] = []
    for i in range(count):
        kind = names[i] if i < len(names) else rng.choice(names)
        key: bytes | None = rng.choice(
            [f"{prefix}-{i}".encode(), None, rng.randbytes(8), b"k" * 5000]
        )
        headers = [
            (rng.choice(["trace", "ünï", "x" * 200, ""]), rng.randbytes(rng.randint(0, 64)))
            for _ in range(rng.randint(0, 3))
        ]
        value = kinds[kind](i)
        if value is None and key is None:
            key = b"tombstone"  # a record needs a key or a value
        messages.append((kind, key, value, headers))
    return messages


@dataclass
class FuzzResult:
    messages: int
    kinds: int
    crashes: int
    lost: int
    duplicates: int
    enriched: int
    dead_letters: dict[str, int]
    slowest_s: float
    liveness_probes: int
    liveness_failures: int
    elapsed_s: float
    unexplained: list[int] = field(default_factory=list)  # input offsets with no single output

    def summary(self) -> str:
        return (
            f"fuzz: {self.messages} messages of {self.kinds} kinds in {self.elapsed_s:.0f} s; "
            f"crashes {self.crashes}, lost {self.lost}, duplicates {self.duplicates}, "
            f"enriched {self.enriched}, dead letters {sum(self.dead_letters.values())} "
            f"{self.dead_letters}, slowest message {self.slowest_s:.1f} s, liveness "
            f"{self.liveness_probes - self.liveness_failures}/{self.liveness_probes}"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def fuzz_worker(
    bootstrap_servers: str, prefix: str, workdir: Path, count: int = FUZZ_MESSAGES, seed: int = 15
) -> FuzzResult:
    """Send fuzz messages to one real worker (one partition, so input offsets identify
    outputs); every offset must get exactly one enrichment or dead letter, the worker must
    stay the same live process, and every event an enrichment names must arrive once."""
    settings = isolated_settings(
        bootstrap_servers, prefix, topic_partitions=1, max_article_bytes=1_000_000
    )
    await ensure_topics(settings)
    messages = fuzz_messages(prefix, count, seed)
    with stopping() as running:
        worker = await start_worker(settings, workdir / f"{prefix}-fuzz.log", running)
        assert worker.process is not None
        pid = worker.process.pid
        probes: list[bool] = []
        started = time.monotonic()
        async with OutputWatcher(settings) as watcher:
            producer = AIOKafkaProducer(
                bootstrap_servers=settings.bootstrap_servers, acks="all", max_request_size=4_000_000
            )
            await producer.start()
            try:
                first = None
                for _, key, value, headers in messages:
                    meta = await producer.send_and_wait(
                        settings.articles_topic, key=key, value=value, headers=headers
                    )
                    first = meta.offset if first is None else first
            finally:
                await producer.stop()
            assert first is not None
            offsets = range(first, first + len(messages))

            def answered(w: OutputWatcher) -> bool:
                return len(_outputs_by_offset(w.records, settings)) >= len(messages)

            deadline = time.monotonic() + COMPLETION_TIMEOUT_S + 2 * count
            while not answered(watcher) and time.monotonic() < deadline:
                probes.append(await asyncio.to_thread(worker.live))
                if worker.process.poll() is not None:
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(2)  # late duplicates would arrive now
            elapsed = time.monotonic() - started
            records = list(watcher.records)
        crashes = int(worker.process.poll() is not None or worker.process.pid != pid)
    by_offset = _outputs_by_offset(records, settings)
    unexplained = [o for o in offsets if len(by_offset.get(o, [])) != 1]
    tallied = tally(records, settings, set())
    outcomes = Counter(kind for o in offsets for kind, _ in by_offset.get(o, []))
    stamps = sorted(stamp for o in offsets for _, stamp in by_offset.get(o, []))
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    return FuzzResult(
        messages=len(messages),
        kinds=len({kind for kind, *_ in messages}),
        crashes=crashes,
        lost=sum(1 for o in offsets if not by_offset.get(o)) + len(tallied.lost_events),
        duplicates=sum(
            len(by_offset.get(o, [])) - 1 for o in offsets if len(by_offset.get(o, [])) > 1
        )
        + tallied.duplicates,
        enriched=outcomes.pop("enriched", 0),
        dead_letters=dict(sorted(outcomes.items())),
        slowest_s=round(max(gaps, default=0.0), 2),
        liveness_probes=len(probes),
        liveness_failures=probes.count(False),
        elapsed_s=round(elapsed, 1),
        unexplained=unexplained,
    )


def _outputs_by_offset(records: Records, settings: Settings) -> dict[int, list[tuple[str, float]]]:
    """Input offset -> [(outcome, output time in s)]: enrichments by article_sequence,
    dead letters by source_offset (the input topic has one partition)."""
    found: dict[int, list[tuple[str, float]]] = {}
    for record in records:
        if record.topic == settings.enrichments_topic:
            enrichment = ArticleEnrichment.model_validate_json(record.value)
            if enrichment.article_sequence is not None:
                found.setdefault(enrichment.article_sequence, []).append(
                    ("enriched", record.timestamp / 1000)
                )
        elif record.topic == settings.dead_letter_topic:
            letter = DeadLetter.model_validate_json(record.value)
            found.setdefault(letter.source_offset, []).append(
                (letter.reason.value, record.timestamp / 1000)
            )
    return found
