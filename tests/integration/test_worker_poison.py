"""Poison messages through the real worker on a real broker: none may stop the partition.

Issue 15's crash loops (items 1-6) and lenient inputs (item 12), in one partition and in
order, with a valid article before the largest and one at the end. Each input offset must
end as exactly one enrichment or one dead letter with the expected reason, the dead letters
must fit the record budget, and the worker process must be the same one throughout.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep_contracts import ArticleEnrichment, DeadLetter
from tests.integration.support import (
    WorkerProcess,
    article_json,
    consume_until,
    isolated_settings,
    paragraph_articles,
    produce,
)

pytestmark = pytest.mark.integration

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
    kafka, tmp_path, topic_prefix
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix, max_record_bytes=1_000_000)
    await ensure_topics(settings)
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_ready()
        pid = worker.process.pid  # type: ignore[union-attr]
        cases = poison(topic_prefix)
        first = cases[:6]
        await produce(
            kafka.bootstrap_servers,
            settings.articles_topic,
            [(KEY, value, [("trace", b"t1")]) for _, value, _ in first],
            max_request_size=4_000_000,
        )
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

        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic, settings.dead_letter_topic],
            lambda recs: len(recs) >= len(expected),
            timeout=180,
        )
        await asyncio.sleep(2)  # anything more (a duplicate) would arrive now
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic, settings.dead_letter_topic],
            lambda recs: False,
            timeout=3,
        )
        alive = worker.process.poll() is None and worker.process.pid == pid  # type: ignore[union-attr]
        live = worker.live()
    finally:
        worker.stop()

    outcome_at: dict[int, list[str]] = {}
    for record in records:
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
    first_offset = min(outcome_at)
    got = [outcome_at.get(first_offset + i, ["lost"]) for i in range(len(expected))]
    assert got == [[outcome] for outcome in expected], worker.logs()[-3000:]
    assert alive, "the same worker process handled every message"
    assert live, "/health/live answered"
