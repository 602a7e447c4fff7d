"""The typed client against a real Kafka-protocol broker: each event once, filtered, and
malformed records skipped; in a group, an event is committed only after it was handled."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from sitrep.client import EventConsumer, EventFilter, TopicConsumer, UnknownTopicError
from sitrep.settings import Settings
from sitrep_contracts import (
    Casualty,
    CasualtyKind,
    DatePrecision,
    DeadLetter,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    Reason,
    ResolvedPlace,
    Stage,
    TextSpan,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

#: Long enough for a freshly created topic's first fetch; short enough to keep tests quick.
IDLE_S = 3.0

NOW = dt.datetime(2022, 9, 9, 12, 0, tzinfo=dt.UTC)


def span(text: str) -> TextSpan:
    return TextSpan(start=0, end=len(text), text=text)


def event(
    event_id: str,
    article_id: str,
    event_type: EventType,
    country_code: str,
    killed: int,
    day: dt.date = dt.date(2022, 9, 8),
) -> EnrichedEvent:
    return EnrichedEvent(
        event_id=event_id,
        article_id=article_id,
        article_revision="0123456789abcdef",
        published_at=NOW,
        event_type=event_type,
        event_type_evidence=span("strike"),
        summary=f"{event_id} happened.",
        summary_evidence=span(f"{event_id} happened."),
        occurred_on=EventDate(
            date=day, precision=DatePrecision.DAY, resolved_from="explicit", confidence=0.9
        ),
        location=ResolvedPlace(
            text="Somewhere",
            name="Somewhere",
            latitude=49.9,
            longitude=36.2,
            country_code=country_code,
            confidence=0.9,
            evidence=span("Somewhere"),
        ),
        casualties=[
            Casualty(
                kind=CasualtyKind.KILLED, count=killed, confidence=0.9, evidence=span("killed")
            )
        ],
        confidence=0.8,
        extractor=ExtractorInfo(version="test"),
        extracted_at=NOW,
    )


BATTLE_UA = event("evt-battle-ua", "art-1", EventType.BATTLES, "UA", killed=3)
PROTEST_FR = event("evt-protest-fr", "art-2", EventType.PROTESTS, "FR", killed=0)
OLD_STRIKE_UA = event(
    "evt-old-strike-ua",
    "art-3",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    "UA",
    killed=10,
    day=dt.date(2022, 8, 1),
)
BATTLE_RU = event("evt-battle-ru", "art-4", EventType.BATTLES, "RU", killed=1)
ALL_EVENTS = [BATTLE_UA, PROTEST_FR, OLD_STRIKE_UA, BATTLE_RU]


async def create_topic(
    bootstrap: str, topic: str, partitions: int, security: dict[str, Any]
) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **security)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(name=topic, num_partitions=partitions, replication_factor=1)]
        )
    finally:
        await admin.close()


async def publish(
    bootstrap: str, topic: str, records: list[tuple[str, bytes | None]], security: dict[str, Any]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", **security)
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(topic, value=value, key=key.encode())
    finally:
        await producer.stop()


def as_record(item: EnrichedEvent) -> tuple[str, bytes]:
    return item.article_id, item.model_dump_json().encode()


@pytest.fixture
async def mixed_topic(kafka: Any, topic_prefix: str) -> str:
    """Four events, a replayed duplicate, and three records that are not events."""
    topic = f"{topic_prefix}.events"
    security = Settings().aiokafka_security()
    await create_topic(kafka.bootstrap_servers, topic, partitions=2, security=security)
    await publish(
        kafka.bootstrap_servers,
        topic,
        [
            as_record(BATTLE_UA),
            ("art-bad", b"{not json"),
            as_record(PROTEST_FR),
            ("art-other", b'{"message_type": "sitrep.article", "schema_version": 1}'),
            as_record(OLD_STRIKE_UA),
            as_record(BATTLE_UA),  # a replay: same key, same event id
            ("art-gone", None),  # tombstone
            as_record(BATTLE_RU),
        ],
        security,
    )
    return topic


async def read_all(consumer: EventConsumer) -> list[EnrichedEvent]:
    async with consumer:
        return [item async for item in consumer]


async def test_client_yields_each_event_once_and_skips_malformed_records(
    kafka: Any, mixed_topic: str
) -> None:
    consumer = EventConsumer(
        bootstrap_servers=kafka.bootstrap_servers, topic=mixed_topic, idle_timeout_s=IDLE_S
    )

    received = await read_all(consumer)

    ids = [item.event_id for item in received]
    assert sorted(ids) == sorted(item.event_id for item in ALL_EVENTS)  # each exactly once
    assert {item.event_id: item for item in received}[BATTLE_UA.event_id] == BATTLE_UA
    assert consumer.stats.duplicates == 1
    assert consumer.stats.malformed == 3
    assert consumer.stats.received == 8


async def test_client_yields_only_events_matching_the_filter(kafka: Any, mixed_topic: str) -> None:
    wanted = EventFilter(
        event_types={EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE},
        country_codes={"UA"},
        since=dt.date(2022, 9, 1),
    )
    consumer = EventConsumer(
        bootstrap_servers=kafka.bootstrap_servers,
        topic=mixed_topic,
        event_filter=wanted,
        idle_timeout_s=IDLE_S,
    )

    received = await read_all(consumer)

    assert [item.event_id for item in received] == [BATTLE_UA.event_id]
    assert consumer.stats.filtered == 3  # the protest, the old strike, the Russian battle
    assert consumer.stats.duplicates == 1
    assert consumer.stats.malformed == 3


async def test_group_commits_only_events_the_caller_came_back_from(
    kafka: Any, topic_prefix: str
) -> None:
    topic = f"{topic_prefix}.ordered"
    group = f"{topic_prefix}.group"
    security = Settings().aiokafka_security()
    await create_topic(kafka.bootstrap_servers, topic, partitions=1, security=security)
    await publish(kafka.bootstrap_servers, topic, [as_record(e) for e in ALL_EVENTS], security)

    def member() -> EventConsumer:
        return EventConsumer(
            bootstrap_servers=kafka.bootstrap_servers,
            topic=topic,
            group_id=group,
            idle_timeout_s=IDLE_S,
            commit_interval_s=0,
            # Short sessions: a member that did not leave cleanly is evicted sooner, so the
            # next member's join waits less (Tansu's first generation is 0, for which
            # aiokafka sends no LeaveGroup on stop).
            session_timeout_ms=6000,
            heartbeat_interval_ms=500,
        )

    # Takes the first event, comes back for the second, then fails while holding it.
    taken: list[str] = []
    with pytest.raises(RuntimeError, match="handler failed"):
        async with member() as first:
            async for item in first:
                taken.append(item.event_id)
                if len(taken) == 2:
                    raise RuntimeError("handler failed")
    assert taken == [BATTLE_UA.event_id, PROTEST_FR.event_id]

    # The failed event comes again; the handled one does not. Then a clean exit after one.
    async with member() as second:
        async for item in second:
            assert item.event_id == PROTEST_FR.event_id
            break

    rest = await read_all(member())
    assert [item.event_id for item in rest] == [OLD_STRIKE_UA.event_id, BATTLE_RU.event_id]


async def publish_batch(bootstrap: str, topic: str, events: list[EnrichedEvent]) -> None:
    """One record batch for all `events` (a producer's linger groups them)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=200)
    await producer.start()
    try:
        sent = [
            await producer.send(topic, key=key.encode(), value=value)
            for key, value in map(as_record, events)
        ]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


@pytest.fixture
async def two_batches(kafka: Any, topic_prefix: str) -> str:
    """One partition holding two multi-record batches: offsets 0-1, then 2-3."""
    topic = f"{topic_prefix}.batched"
    await create_topic(kafka.bootstrap_servers, topic, partitions=1, security={})
    await publish_batch(kafka.bootstrap_servers, topic, ALL_EVENTS[:2])
    await publish_batch(kafka.bootstrap_servers, topic, ALL_EVENTS[2:])
    return topic


async def test_reading_from_the_end_shows_only_events_published_after_the_start(
    kafka: Any, two_batches: str
) -> None:
    # Tansu answers ListOffsets "latest" with the newest batch's base offset + 1 (3 here,
    # where the end is 4): a reader starting there saw the last batch's tail again.
    fresh = event("evt-fresh", "art-5", EventType.BATTLES, "UA", killed=2)
    consumer = EventConsumer(
        bootstrap_servers=kafka.bootstrap_servers,
        topic=two_batches,
        from_beginning=False,
        idle_timeout_s=IDLE_S,
    )

    async def publish_later() -> None:
        await asyncio.sleep(1.0)  # the reader has taken its start position by then
        await publish(kafka.bootstrap_servers, two_batches, [as_record(fresh)], {})

    async with consumer:
        later = asyncio.create_task(publish_later())
        received = [item.event_id async for item in consumer]
        await later

    assert received == [fresh.event_id]


async def read_ids(kafka: Any, topic: str, **options: Any) -> list[str]:
    consumer = EventConsumer(bootstrap_servers=kafka.bootstrap_servers, topic=topic, **options)
    return [item.event_id for item in await read_all(consumer)]


async def test_offsets_count_back_from_the_true_end_and_stop_there(
    kafka: Any, two_batches: str
) -> None:
    ids = [item.event_id for item in ALL_EVENTS]

    assert await read_ids(kafka, two_batches, offset="-1", stop_at_end=True) == ids[3:]
    assert await read_ids(kafka, two_batches, offset="-3", stop_at_end=True) == ids[1:]
    assert await read_ids(kafka, two_batches, offset="2", stop_at_end=True) == ids[2:]
    assert await read_ids(kafka, two_batches, offset="end", stop_at_end=True) == []
    assert await read_ids(kafka, two_batches, stop_at_end=True) == ids


async def test_a_time_offset_starts_at_what_was_written_since(kafka: Any, two_batches: str) -> None:
    fresh = event("evt-fresh", "art-5", EventType.BATTLES, "UA", killed=2)
    since = dt.datetime.now(dt.UTC)
    await asyncio.sleep(0.05)
    await publish(kafka.bootstrap_servers, two_batches, [as_record(fresh)], {})
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()

    assert await read_ids(kafka, two_batches, offset=since.isoformat(), stop_at_end=True) == [
        fresh.event_id
    ]
    # After the newest record: the end (Tansu answers offset 0 there, the beginning).
    assert await read_ids(kafka, two_batches, offset=later, stop_at_end=True) == []


async def test_a_group_without_committed_offsets_starts_at_the_true_end_and_stays_there(
    kafka: Any, two_batches: str, topic_prefix: str
) -> None:
    fresh = event("evt-fresh", "art-5", EventType.BATTLES, "UA", killed=2)

    def member(**options: Any) -> EventConsumer:
        return EventConsumer(
            bootstrap_servers=kafka.bootstrap_servers,
            topic=two_batches,
            group_id=f"{topic_prefix}.group",
            idle_timeout_s=1.5,  # counted from when the partition is positioned
            session_timeout_ms=3000,  # the next member's join waits for this one's to lapse
            heartbeat_interval_ms=500,
            **options,
        )

    # Starts at the end (4; Tansu's ListOffsets says 3) and sees nothing old.
    assert [item.event_id for item in await read_all(member(offset="end"))] == []

    # The next member resumes there, though nothing was read: the start was committed.
    later = member()
    async with later:

        async def publish_once_positioned() -> None:
            consumer, partition = later._running(), TopicPartition(two_batches, 0)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # no event marks "positioned": poll for it
                if partition in consumer.assignment() and not consumer.paused():
                    break
                await asyncio.sleep(0.05)
            await publish(kafka.bootstrap_servers, two_batches, [as_record(fresh)], {})

        publisher = asyncio.create_task(publish_once_positioned())
        received = [item.event_id async for item in later]
        await publisher

    assert received == [fresh.event_id]


async def test_chosen_partitions_only_and_a_missing_one_is_a_clear_error(
    kafka: Any, mixed_topic: str
) -> None:
    first = await read_ids(kafka, mixed_topic, partitions=[0], stop_at_end=True)
    second = await read_ids(kafka, mixed_topic, partitions=[1], stop_at_end=True)
    assert sorted(first + second) == sorted(item.event_id for item in ALL_EVENTS)
    assert first and second

    with pytest.raises(UnknownTopicError, match="no partition 7"):
        await read_ids(kafka, mixed_topic, partitions=[7])
    with pytest.raises(UnknownTopicError, match="does not exist"):
        await read_ids(kafka, f"{mixed_topic}-typo")


async def test_deliveries_carry_the_record_and_any_contract_topic_can_be_read(
    kafka: Any, topic_prefix: str
) -> None:
    topic = f"{topic_prefix}.letters"
    await create_topic(kafka.bootstrap_servers, topic, partitions=1, security={})
    letter = DeadLetter(
        reason=Reason.NOT_JSON,
        stage=Stage.DESERIALIZE,
        error_class="JSONDecodeError",
        error_message="Expecting value",
        source_topic="sitrep.articles.v1",
        source_partition=0,
        source_offset=41,
        original_value_b64="bm90IGpzb24=",
        worker="w-1",
        failed_at=NOW,
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap_servers, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            topic,
            value=letter.model_dump_json().encode(),
            key=b"art-9",
            headers=[("ce_type", b"sitrep.dead_letter")],
            timestamp_ms=1_662_724_800_000,
        )
    finally:
        await producer.stop()

    async with TopicConsumer(
        bootstrap_servers=kafka.bootstrap_servers, topic=topic, stop_at_end=True, security={}
    ) as letters:
        (delivery,) = [item async for item in letters.deliveries()]

    assert delivery.value == letter
    assert (delivery.topic, delivery.partition, delivery.offset) == (topic, 0, 0)
    assert delivery.key == b"art-9"
    assert delivery.headers == (("ce_type", b"sitrep.dead_letter"),)
    assert delivery.timestamp_ms == 1_662_724_800_000
