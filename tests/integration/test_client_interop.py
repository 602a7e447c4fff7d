"""A librdkafka client (confluent-kafka) and the worker speak through a real broker: an
article produced with headers by librdkafka is enriched, and librdkafka reads the events
with their CloudEvents headers."""

from __future__ import annotations

import asyncio
import time

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition

from sitrep.broker.admin import ensure_topics
from sitrep_contracts import ArticleEnrichment, EnrichedEvent
from tests.integration.support import SAMPLES, WorkerProcess, article_json, isolated_settings

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]


def produce_with_librdkafka(bootstrap: str, topic: str, key: str, value: bytes) -> None:
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    errors: list[object] = []
    producer.produce(
        topic,
        key=key.encode(),
        value=value,
        headers=[("content-type", b"application/json"), ("origin", b"librdkafka")],
        on_delivery=lambda error, _: errors.append(error),
    )
    assert producer.flush(30) == 0
    assert errors == [None]


def consume_with_librdkafka(bootstrap: str, settings, partitions: int, timeout: float = 120.0):
    """(event, headers) of each event, read until the article's enrichment and all the events
    it lists have arrived (assigned partitions: no group to join)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused"})
    consumer.assign(
        [
            TopicPartition(topic, partition, OFFSET_BEGINNING)
            for topic in (settings.events_topic, settings.enrichments_topic)
            for partition in range(partitions)
        ]
    )
    events: dict[str, tuple[EnrichedEvent, dict[str, bytes]]] = {}
    expected: set[str] | None = None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and (expected is None or expected - events.keys()):
            message = consumer.poll(0.5)
            if message is None:
                continue
            assert message.error() is None, message.error()
            if message.topic() == settings.enrichments_topic:
                expected = set(ArticleEnrichment.model_validate_json(message.value()).event_ids)
                continue
            event = EnrichedEvent.model_validate_json(message.value())
            events[event.event_id] = (event, dict(message.headers() or []))
    finally:
        consumer.close()
    assert expected is not None and expected <= events.keys(), "the enrichment or events missing"
    return list(events.values())


async def test_an_article_from_librdkafka_comes_back_as_events_with_headers(
    kafka, topic_prefix, tmp_path
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings)
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        await asyncio.to_thread(worker.wait_ready)
        story = (SAMPLES / "afp-kharkiv-2022-09-09.txt").read_text(encoding="utf-8")
        await asyncio.to_thread(
            produce_with_librdkafka,
            kafka.bootstrap_servers,
            settings.articles_topic,
            "afp-interop",
            article_json("afp-interop", story),
        )
        found = await asyncio.to_thread(
            consume_with_librdkafka, kafka.bootstrap_servers, settings, settings.topic_partitions
        )
    finally:
        worker.stop()

    assert found, worker.logs()[-3000:]
    for event, headers in found:
        assert event.article_id == "afp-interop"
        assert headers["ce_type"] == b"sitrep.enriched_event"
        assert headers["ce_id"] == event.event_id.encode()
        assert headers["content-type"] == b"application/json"
    assert any(event.location and event.location.name == "Bakhmut" for event, _ in found)
