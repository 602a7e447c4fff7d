"""The worker over a real broker: articles in, events and dead letters out, offsets resumed.

One worker serves the module (model loading is the slow part); each test uses its own
article ids and keys on the shared topics. Also here: issue 15's poison messages (each
must end as exactly one enrichment or dead letter, and none may stop the partition) and
issue 12's corrected articles (a new revision with new ids, which the client follows).
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from sitrep.broker.admin import ensure_topics
from sitrep.client import EventConsumer
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


KEY = b"one-partition"  # every message on one partition, in the order sent
PUBLISHED = "2022-09-09T12:00:00+00:00"
REAL_TEXT = "Russian shelling killed three civilians in Kharkiv on Monday, officials said."


def raw(article_id: str, **fields: object) -> bytes:
    values: dict[str, object] = {"article_id": article_id, "text": REAL_TEXT}
    values["published_at"] = PUBLISHED
    values.update(fields)
    return json.dumps(values).encode()


def dense_prose(size: int) -> str:
    paragraphs = [p for p in paragraph_articles("x", 40)]
    text = " ".join(json.loads(value)["text"] for _, value in paragraphs)
    return (text + " ") * (size // len(text) + 1)


def poison(prefix: str) -> list[tuple[str, bytes, str]]:
    """(name, value, expected outcome): a dead-letter reason, or "enriched"."""
    big_int = raw(f"{prefix}-bigint")[:-1] + b', "metadata": {"n": ' + b"9" * 4400 + b"}}"
    return [
        ("big integer", big_int, "contract_violation"),
        ("surrogate id", raw("\ud800"), "contract_violation"),
        (
            "surrogate text",
            raw(f"{prefix}-s", text="Shelling \udc80 hit Kharkiv."),
            "contract_violation",
        ),
        (
            "cdata html",
            raw(f"{prefix}-cdata", text=f"<p>{REAL_TEXT}</p><![ CDATA[x]]>"),
            "enriched",
        ),
        ("valid before large", article_json(f"{prefix}-before-large", REAL_TEXT), "enriched"),
        ("1.6 MB", raw(f"{prefix}-huge", text="Kyiv. " * 270_000), "too_large"),
        ("epoch date", raw(f"{prefix}-epoch", published_at=1662717600), "contract_violation"),
        ("nan", raw(f"{prefix}-nan")[:-1] + b', "metadata": {"x": NaN}}', "contract_violation"),
        ("1e999", raw(f"{prefix}-inf")[:-1] + b', "metadata": {"x": 1e999}}', "contract_violation"),
        ("duplicate keys", raw(f"{prefix}-dup")[:-1] + b', "text": "again"}', "contract_violation"),
        ("zero width", raw(f"{prefix}-zw", text="\u200b\u200c\ufeff\u2060"), "empty_text"),
        # Outputs over the record budget without bounds (issue 15 item 8):
        ("Kyiv x 20000", raw(f"{prefix}-kyiv", text="Kyiv, " * 20_000), "enriched"),
        ("260 KB prose", raw(f"{prefix}-prose", text=dense_prose(260_000)), "enriched"),
    ]


RAW_HEADER_PRODUCER = textwrap.dedent(
    """
    import asyncio, os, sys
    os.environ["AIOKAFKA_NO_EXTENSIONS"] = "1"  # the pure-Python record builder
    from aiokafka import AIOKafkaProducer

    class NotUtf8(str):
        def encode(self, *args, **kwargs):
            return b"\\xff\\xfe-key"

    async def main():
        producer = AIOKafkaProducer(bootstrap_servers=sys.argv[1])
        await producer.start()
        try:
            await producer.send_and_wait(
                sys.argv[2], key=sys.argv[3].encode(), value=sys.argv[4].encode(),
                headers=[(NotUtf8("k"), b"v")],
            )
        finally:
            await producer.stop()

    asyncio.run(main())
    """
)


def produce_with_non_utf8_header_key(bootstrap: str, topic: str, value: bytes) -> None:
    """aiokafka's producer encodes header keys itself; a str that encodes to bad bytes
    makes it write one that is not UTF-8, as other clients can."""
    subprocess.run(
        [sys.executable, "-c", RAW_HEADER_PRODUCER, bootstrap, topic, KEY.decode(), value.decode()],
        check=True,
        timeout=60,
    )


@pytest.mark.timeout(300)
async def test_poison_messages_each_end_as_one_output_and_the_worker_lives(
    kafka, worker_env, topic_prefix
):
    settings, worker = worker_env
    pid = worker.process.pid  # type: ignore[union-attr]
    cases = poison(topic_prefix)
    first = cases[:6]
    sent = await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(KEY, value, [("trace", b"t1")]) for _, value, _ in first],
        max_request_size=4_000_000,
    )
    partition, first_offset = sent[0].partition, sent[0].offset
    header_value = article_json(f"{topic_prefix}-badheader", REAL_TEXT)
    await asyncio.to_thread(
        produce_with_non_utf8_header_key,
        kafka.bootstrap_servers,
        settings.articles_topic,
        header_value,
    )
    last_id = f"{topic_prefix}-last"
    rest = [*cases[6:], ("valid last", article_json(last_id, REAL_TEXT), "enriched")]
    await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(KEY, value, []) for _, value, _ in rest],
    )
    expected = [outcome for _, _, outcome in first] + ["unreadable_record"]
    expected += [outcome for _, _, outcome in rest]

    offsets = range(first_offset, first_offset + len(expected))

    def ours(record) -> bool:
        if record.topic == settings.dead_letter_topic:
            letter = DeadLetter.model_validate_json(record.value)
            return letter.source_partition == partition and letter.source_offset in offsets
        return (record.key or b"").decode(errors="replace").startswith(topic_prefix)

    records = await consume_until(
        kafka.bootstrap_servers,
        [settings.enrichments_topic, settings.dead_letter_topic],
        lambda recs: sum(map(ours, recs)) >= len(expected),
        timeout=180,
    )
    await asyncio.sleep(1)  # anything more (a duplicate) would arrive now
    records = await consume_until(
        kafka.bootstrap_servers,
        [settings.enrichments_topic, settings.dead_letter_topic],
        lambda recs: False,
        timeout=2,
    )
    alive = worker.process.poll() is None and worker.process.pid == pid  # type: ignore[union-attr]
    live = worker.live()

    outcome_at: dict[int, list[str]] = {}
    for record in filter(ours, records):
        if record.topic == settings.dead_letter_topic:
            letter = DeadLetter.model_validate_json(record.value)
            assert len(record.value) <= settings.max_record_bytes
            outcome_at.setdefault(letter.source_offset, []).append(letter.reason.value)
            if letter.reason.value == "too_large":
                assert letter.original_truncated and letter.original_size > 1_500_000
                assert letter.article_id == f"{topic_prefix}-huge"
        else:
            enrichment = ArticleEnrichment.model_validate_json(record.value)
            assert enrichment.article_sequence is not None
            assert len(record.value) <= settings.max_record_bytes
            outcome_at.setdefault(enrichment.article_sequence, []).append("enriched")
            if enrichment.article_id == f"{topic_prefix}-kyiv":
                assert enrichment.omitted.places >= 19_000, enrichment.omitted
            if enrichment.article_id == f"{topic_prefix}-prose":
                assert enrichment.omitted.places > 0, enrichment.omitted
    got = [outcome_at.get(offset, ["lost"]) for offset in offsets]
    assert got == [[outcome] for outcome in expected], worker.logs()[-3000:]
    assert alive, "the same worker process handled every message"
    assert live, "/health/live answered"


TEXT = (
    "Russian shelling killed three civilians in Kharkiv on Thursday, regional governor "
    "Oleh Syniehubov said."
)
FIRST, CORRECTED = "2022-09-09T12:00:00+00:00", "2022-09-16T12:00:00+00:00"


@pytest.mark.timeout(240)
async def test_a_corrected_date_is_a_new_revision_and_the_client_follows_the_latest(
    kafka, worker_env, topic_prefix
):
    settings, _ = worker_env
    article_id = f"{topic_prefix}-story"
    key = article_id.encode()
    versions = [FIRST, FIRST, CORRECTED, FIRST]  # original, unchanged copy, correction, revert

    async def enrichments(count: int) -> list[ArticleEnrichment]:
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic],
            lambda recs: sum(r.key == key for r in recs) >= count,
            timeout=120,
        )
        return [ArticleEnrichment.model_validate_json(r.value) for r in records if r.key == key]

    await produce(
        kafka.bootstrap_servers,
        settings.articles_topic,
        [(key, article_json(article_id, TEXT, when), []) for when in versions],
    )
    found = await enrichments(3)
    await asyncio.sleep(1)  # a fourth (the unchanged copy) would arrive now
    found = await enrichments(3)

    original, corrected, reverted = found[:3]
    assert len(found) == 3, "the unchanged copy is skipped; correction and revert are not"
    assert corrected.article_revision != original.article_revision
    assert reverted.article_revision == original.article_revision
    assert set(corrected.event_ids).isdisjoint(original.event_ids), "new ids for new content"
    assert reverted.event_ids == original.event_ids, "same content, same ids"
    assert original.article_sequence < corrected.article_sequence < reverted.article_sequence  # type: ignore[operator]
    assert original.event_ids, "the story reports an event"

    async with EventConsumer(
        bootstrap_servers=kafka.bootstrap_servers,
        topic=settings.events_topic,
        idle_timeout_s=3.0,
    ) as events:
        seen = [
            (event.event_id, event.article_sequence)
            async for event in events
            if event.article_id == article_id
        ]
        stats = events.stats
    # Read in order: original, correction, revert. Each revision's events are yielded
    # once; the revert is yielded although its ids were seen before.
    sequences = [sequence for _, sequence in seen]
    assert sequences == sorted(sequences)
    assert {eid for eid, _ in seen} == set(original.event_ids) | set(corrected.event_ids)
    assert len(seen) == 2 * len(original.event_ids) + len(corrected.event_ids)
    assert stats.superseded == 0
