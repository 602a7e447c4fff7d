"""The stream loop itself, on a real broker, with small stand-in stages (no models).

Each test runs `StreamLoop` in this process against the session's broker, on its own
topics and group, and counts what reached the output and dead-letter topics.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from aiokafka import TopicPartition
from aiokafka.errors import CommitFailedError

from sitrep.broker.admin import ensure_topics
from sitrep.broker.embedded import free_port
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings
from sitrep.streaming import InputRecord, OutputRecord, StreamConfig, StreamLoop
from sitrep.streaming.loop import kafka_consumer
from sitrep_contracts import DeadLetter
from tests.integration.support import consume_until, isolated_settings, produce

pytestmark = pytest.mark.integration


class Echo:
    """Copies each record to the output topic; `huge` inputs also get an oversized record."""

    def __init__(self, output_topic: str, delay_s: float = 0.0) -> None:
        self.output_topic = output_topic
        self.delay_s = delay_s
        self.processed: Counter[int] = Counter()
        self.opened: Counter[int] = Counter()

    def open_partition(self, partition: int) -> int:
        self.opened[partition] += 1
        return partition

    async def process(self, record: InputRecord, state: int) -> list[OutputRecord]:
        assert state == record.partition
        self.processed[record.offset] += 1
        await asyncio.sleep(self.delay_s)
        value = record.value or b""
        out = [OutputRecord(self.output_topic, record.key, value, [])]
        if value.startswith(b"huge"):
            big = OutputRecord(self.output_topic, record.key, b"x" * 3_000_000, [])
            return [out[0], big, OutputRecord(self.output_topic, record.key, value + b"-2", [])]
        return out


def loop_settings(kafka, prefix: str, **overrides: object) -> Settings:
    fields: dict[str, object] = {"topic_partitions": 1, "web_port": free_port(), **overrides}
    return isolated_settings(kafka.bootstrap_servers, prefix, **fields)


def make_loop(settings: Settings, stage: Echo, **kwargs) -> StreamLoop[int]:
    config = StreamConfig(
        name="test",
        input_topics=(settings.articles_topic,),
        dead_letter_topic=settings.dead_letter_topic,
        group_id=settings.consumer_group,
    )
    return StreamLoop(stage, config, settings, WorkerMetrics(), handle_signals=False, **kwargs)


@contextlib.asynccontextmanager
async def running(loop: StreamLoop[int]) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(loop.run())
    try:
        yield task
    finally:
        loop.stop()
        await asyncio.wait_for(task, 30)


def values(records, topic: str) -> Counter[bytes]:
    return Counter(r.value for r in records if r.topic == topic)


@pytest.mark.timeout(120)
async def test_a_refused_record_dead_letters_its_input_once_and_nothing_is_sent_twice(
    kafka, topic_prefix
):
    settings = loop_settings(kafka, topic_prefix)
    await ensure_topics(settings)
    stage = Echo(settings.events_topic)
    inputs = [b"a", b"huge-b", b"c"]
    await produce(kafka.bootstrap_servers, settings.articles_topic, [(b"k", v, []) for v in inputs])
    async with running(make_loop(settings, stage)):
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.events_topic, settings.dead_letter_topic],
            lambda recs: values(recs, settings.events_topic)[b"c"] >= 1,
        )
        await asyncio.sleep(1)  # a re-send would arrive now
    records = await consume_until(
        kafka.bootstrap_servers,
        [settings.events_topic, settings.dead_letter_topic],
        lambda r: False,
        4,
    )
    sent = values(records, settings.events_topic)
    assert sent == Counter({b"a": 1, b"huge-b": 1, b"huge-b-2": 1, b"c": 1}), sent
    letters = [
        DeadLetter.model_validate_json(r.value)
        for r in records
        if r.topic == settings.dead_letter_topic
    ]
    assert [(x.reason.value, x.stage.value, x.source_offset) for x in letters] == [
        ("output_rejected", "produce", 1)
    ]
    assert all(count == 1 for count in stage.processed.values())


@pytest.mark.timeout(120)
async def test_slow_processing_keeps_the_member_in_the_group(kafka, topic_prefix):
    # max_poll_interval 3 s; one record takes 6 s. A loop that stopped polling while busy
    # would leave the group and rejoin (a second open_partition) and replay the record.
    settings = loop_settings(kafka, topic_prefix)
    await ensure_topics(settings)
    stage = Echo(settings.events_topic, delay_s=6.0)
    consumer = _with_poll_interval(settings, 3_000)
    await produce(kafka.bootstrap_servers, settings.articles_topic, [(b"k", b"slow", [])])
    async with running(make_loop(settings, stage, consumer=consumer)):
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.events_topic],
            lambda recs: len(recs) >= 1,
            timeout=60,
        )
        await asyncio.sleep(1)
        committed = await consumer.committed(TopicPartition(settings.articles_topic, 0))
    assert [r.value for r in records] == [b"slow"]
    assert stage.processed == Counter({0: 1})
    assert list(stage.opened.values()) == [1], "never evicted, never re-assigned"
    assert committed == 1


def _with_poll_interval(settings: Settings, max_poll_interval_ms: int):
    from aiokafka import AIOKafkaConsumer

    return AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=settings.consumer_group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=1000,
        max_poll_interval_ms=max_poll_interval_ms,
    )


class WatchesRevocation(StreamLoop[int]):
    """Notes whether a batch was in hand when partitions were revoked."""

    revoked_mid_batch = 0

    async def on_revoked(self, revoked: set[TopicPartition]) -> None:
        if self._in_hand is not None and not self._in_hand.done():
            self.revoked_mid_batch += 1
        await super().on_revoked(revoked)


@pytest.mark.timeout(150)
async def test_revocation_waits_for_the_batch_in_hand_so_nothing_is_processed_twice(
    kafka, topic_prefix
):
    settings = loop_settings(kafka, topic_prefix, topic_partitions=2)
    await ensure_topics(settings)
    first, second = Echo(settings.events_topic, 0.25), Echo(settings.events_topic, 0.25)
    inputs = [(f"k{i}".encode(), f"v{i}".encode(), []) for i in range(16)]  # ~4 s of work
    await produce(kafka.bootstrap_servers, settings.articles_topic, inputs)
    config = StreamConfig(
        "test", (settings.articles_topic,), settings.dead_letter_topic, settings.consumer_group
    )
    watched = WatchesRevocation(first, config, settings, WorkerMetrics(), handle_signals=False)
    assert watched.revoke_wait_s > 16 * 0.25
    async with running(watched):
        while sum(first.processed.values()) < 1:  # noqa: ASYNC110 -- until a batch is in hand
            await asyncio.sleep(0.05)
        joiner = make_loop(settings.model_copy(update={"web_port": free_port()}), second)
        async with running(joiner):  # joins: the group rebalances
            records = await consume_until(
                kafka.bootstrap_servers,
                [settings.events_topic],
                lambda recs: len(values(recs, settings.events_topic)) >= len(inputs),
                timeout=90,
            )
            await asyncio.sleep(2)
    records = await consume_until(
        kafka.bootstrap_servers, [settings.events_topic], lambda r: False, 4
    )
    sent = values(records, settings.events_topic)
    assert watched.revoked_mid_batch >= 1, "the rebalance came while the batch was in hand"
    assert set(sent) == {value for _, value, _ in inputs}
    assert all(count == 1 for count in sent.values()), f"sent twice: {sent}"
    processed = first.processed + second.processed
    assert sum(processed.values()) == len(inputs), f"processed twice: {processed}"


class CommitFailsOnce:
    """Wraps a real consumer: its first commit fails as after a rebalance."""

    def __init__(self, consumer) -> None:
        self._consumer = consumer
        self.failed = 0

    def __getattr__(self, name: str):
        return getattr(self._consumer, name)

    async def commit(self, offsets=None) -> None:
        if not self.failed:
            self.failed += 1
            raise CommitFailedError("injected: the commit after the output failed")
        await self._consumer.commit(offsets)


@pytest.mark.timeout(150)
async def test_a_failed_commit_after_the_output_loses_nothing_and_replays_the_same_output(
    kafka, topic_prefix
):
    settings = loop_settings(kafka, topic_prefix)
    await ensure_topics(settings)
    inputs = [(b"k", f"v{i}".encode(), []) for i in range(5)]
    await produce(kafka.bootstrap_servers, settings.articles_topic, inputs)
    flaky = CommitFailsOnce(kafka_consumer(settings, settings.consumer_group))
    async with running(make_loop(settings, Echo(settings.events_topic), consumer=flaky)):
        await consume_until(
            kafka.bootstrap_servers, [settings.events_topic], lambda recs: len(recs) >= 5
        )
    assert flaky.failed == 1
    # The first worker is gone without a commit; the next one replays what it did.
    replayer = Echo(settings.events_topic)
    async with running(make_loop(settings, replayer)):
        records = await consume_until(
            kafka.bootstrap_servers, [settings.events_topic], lambda recs: len(recs) >= 10, 60
        )
    sent = values(records, settings.events_topic)
    assert set(sent) == {value for _, value, _ in inputs}, "nothing lost"
    assert sum(replayer.processed.values()) == 5, "the uncommitted batch was replayed"
    assert all(count == 2 for count in sent.values()), "at-least-once: the same output again"
