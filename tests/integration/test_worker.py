"""The worker over a real broker: articles in, events and dead letters out, offsets resumed."""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from sitrep.broker.admin import ensure_topics
from sitrep_contracts import ArticleEnrichment, DeadLetter, EnrichedEvent
from tests.integration.support import (
    SAMPLES,
    WorkerProcess,
    article_json,
    consume_until,
    isolated_settings,
    paragraph_articles,
    produce,
)

pytestmark = pytest.mark.integration

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "json"


def metric_value(exposition: str, name: str) -> float:
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


def enrichments_by_article(records) -> dict[str, list[ArticleEnrichment]]:
    found: dict[str, list[ArticleEnrichment]] = {}
    for record in records:
        if record.topic.endswith(".enrichments"):
            enrichment = ArticleEnrichment.model_validate_json(record.value)
            found.setdefault(enrichment.article_id, []).append(enrichment)
    return found


@pytest.fixture(scope="module")
def worker_env(kafka, tmp_path_factory, request):
    import asyncio
    import uuid

    prefix = f"t-worker-{uuid.uuid4().hex[:6]}"
    settings = isolated_settings(kafka.bootstrap_servers, prefix)
    asyncio.run(ensure_topics(settings))
    worker = WorkerProcess(settings, tmp_path_factory.mktemp("worker") / "worker.log").start()
    worker.wait_ready()
    yield settings, worker
    worker.stop()


async def test_every_published_article_yields_valid_events_and_an_enrichment(kafka, worker_env):
    settings, worker = worker_env
    articles = paragraph_articles(settings.consumer_group, 12)
    full_story = (SAMPLES / "afp-kharkiv-2022-09-09.txt").read_text(encoding="utf-8")
    articles.append(("afp-full", article_json("afp-full", full_story)))
    await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(key.encode(), value, []) for key, value in articles],
    )
    wanted = {key for key, _ in articles}

    records = await consume_until(
        kafka.bootstrap_servers,
        [settings.events_topic, settings.enrichments_topic],
        lambda recs: enrichments_by_article(recs).keys() >= wanted,
    )

    enrichments = enrichments_by_article(records)
    assert enrichments.keys() == wanted, f"missing: {wanted - enrichments.keys()}"
    event_schema = json.loads((SCHEMAS / "enriched_event.v1.schema.json").read_text())
    events = {}
    for record in records:
        if record.topic == settings.events_topic:
            jsonschema.validate(json.loads(record.value), event_schema)
            event = EnrichedEvent.model_validate_json(record.value)
            assert record.key == event.article_id.encode()
            headers = dict(record.headers)
            assert headers["ce_id"] == event.event_id.encode()
            assert headers["ce_type"] == b"sitrep.enriched_event"
            assert headers["ce_specversion"] == b"1.0"
            events[event.event_id] = event
    promised = {eid for found in enrichments.values() for e in found for eid in e.event_ids}
    assert promised == set(events), "every event an enrichment names arrived, and no other"
    story_events = [e for e in events.values() if e.article_id == "afp-full"]
    assert len(story_events) >= 2, "the wire story reports several events"
    killed = [c for e in story_events for c in e.casualties if c.kind == "killed"]
    assert any(c.count == 8 for c in killed), "8 civilians killed in Bakhmout"
    for event in story_events:
        for casualty in event.casualties:
            span = casualty.evidence
            assert full_story[span.start : span.end] == span.text
    assert "sitrep_articles_consumed_total" in worker.metrics()


async def test_malformed_messages_go_to_dead_letters_and_the_next_article_is_processed(
    kafka, worker_env
):
    settings, _ = worker_env
    key = b"same-partition"  # one key: all on one partition, in this order
    bad = [
        (b"not json at all", "not_json"),
        (b"\xff\xfe\xfa", "invalid_utf8"),
        (
            json.dumps({"article_id": "x", "published_at": "2022-01-01T00:00:00Z"}).encode(),
            "contract_violation",
        ),
        (
            json.dumps(
                {"article_id": "y", "text": "   ", "published_at": "2022-01-01T00:00:00Z"}
            ).encode(),
            "empty_text",
        ),
    ]
    good_id = f"{settings.consumer_group}-after-poison"
    good = article_json(good_id, "Russian shelling killed three civilians in Kharkiv on Monday.")
    await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(key, value, [("trace", b"t1")]) for value, _ in bad] + [(key, good, [])],
    )

    records = await consume_until(
        kafka.bootstrap_servers,
        [settings.dead_letter_topic, settings.enrichments_topic],
        lambda recs: (
            good_id in enrichments_by_article(recs)
            and sum(r.topic == settings.dead_letter_topic for r in recs) >= len(bad)
        ),
    )

    letters = [
        DeadLetter.model_validate_json(r.value)
        for r in records
        if r.topic == settings.dead_letter_topic
    ]
    assert sorted(letter.reason.value for letter in letters) == sorted(reason for _, reason in bad)
    for letter in letters:
        assert letter.source_topic == settings.articles_topic
        assert base64.b64decode(letter.original_value_b64) in {value for value, _ in bad}
        assert [(h.key, base64.b64decode(h.value_b64 or "")) for h in letter.original_headers] == [
            ("trace", b"t1")
        ]
    offsets = sorted(letter.source_offset for letter in letters)
    assert offsets == list(range(offsets[0], offsets[0] + len(bad)))
    assert good_id in enrichments_by_article(records)


async def test_restarted_worker_resumes_from_committed_offsets(kafka, topic_prefix, tmp_path):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings)
    first_batch = paragraph_articles(f"{topic_prefix}-1", 6)
    second_batch = paragraph_articles(f"{topic_prefix}-2", 6)

    worker = WorkerProcess(settings, tmp_path / "w1.log").start()
    try:
        worker.wait_ready()
        await produce(
            kafka.bootstrap_servers,
            settings.articles_topic,
            [(k.encode(), v, []) for k, v in first_batch],
        )
        first_ids = {k for k, _ in first_batch}
        await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic],
            lambda recs: enrichments_by_article(recs).keys() >= first_ids,
        )
        assert worker.terminate() == 0, worker.logs()[-2000:]
    finally:
        worker.stop()

    await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(k.encode(), v, []) for k, v in second_batch],
    )
    worker = WorkerProcess(settings, tmp_path / "w2.log").start()
    try:
        worker.wait_ready()
        all_ids = first_ids | {k for k, _ in second_batch}
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic],
            lambda recs: enrichments_by_article(recs).keys() >= all_ids,
        )
        consumed_by_second = metric_value(worker.metrics(), "sitrep_articles_consumed_total")
    finally:
        worker.stop()
    # The revision table would hide a replay from the output; the consumed count cannot.
    assert consumed_by_second == len(second_batch)
    per_article = Counter(
        ArticleEnrichment.model_validate_json(r.value).article_id for r in records
    )
    assert set(per_article) == all_ids
    assert all(count == 1 for count in per_article.values()), (
        f"reprocessed after restart: {[a for a, c in per_article.items() if c > 1]}"
    )
