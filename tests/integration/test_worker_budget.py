"""The real worker stays responsive: liveness answers during adversarial HTML, and an article
over its time budget is dead-lettered (`extraction_timeout`) while the next goes on.

Issue 15 item 7: `"<p>x " + "<a " * 24000` took ~45 s to strip in the event loop and
/health/live failed every probe meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import time

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

KEY = b"one-partition"
TEXT = "Russian shelling killed three civilians in Kharkiv on Monday, officials said."


async def probe_liveness(worker: WorkerProcess, until: asyncio.Event) -> list[bool]:
    answers = []
    while not until.is_set():
        answers.append(await asyncio.to_thread(worker.live))
        await asyncio.sleep(0.25)
    return answers


@pytest.mark.timeout(300)
async def test_liveness_answers_during_adversarial_html_and_a_slow_article_times_out(
    kafka, tmp_path, topic_prefix
):
    settings = isolated_settings(
        kafka.bootstrap_servers, topic_prefix, extraction_timeout_s=2.0, max_article_bytes=1_100_000
    )
    await ensure_topics(settings)
    prose = " ".join(json.loads(value)["text"] for _, value in paragraph_articles("p", 30))
    slow_text = (prose + " ") * (1_000_000 // len(prose))  # ~1 MB: seconds of extraction
    inputs = [
        (f"{topic_prefix}-a-72k", "<p>x " + "<a " * 24_000, "enriched"),
        (f"{topic_prefix}-a-1mb", "<p>Kharkiv " + "<a " * 330_000, "enriched"),
        (f"{topic_prefix}-slow", slow_text, "extraction_timeout"),
        (f"{topic_prefix}-after", TEXT, "enriched"),
    ]
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_ready()
        stop_probing = asyncio.Event()
        probes = asyncio.create_task(probe_liveness(worker, stop_probing))
        started = time.monotonic()
        await produce(
            kafka.bootstrap_servers,
            settings.articles_topic,
            [(KEY, article_json(article_id, text), []) for article_id, text, _ in inputs],
            max_request_size=2_000_000,
        )
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic, settings.dead_letter_topic],
            lambda recs: len(recs) >= len(inputs),
            timeout=200,
        )
        elapsed = time.monotonic() - started
        stop_probing.set()
        answers = await probes
        alive = worker.process.poll() is None  # type: ignore[union-attr]
    finally:
        worker.stop()

    outcomes = {}
    for record in records:
        if record.topic == settings.dead_letter_topic:
            letter = DeadLetter.model_validate_json(record.value)
            outcomes[letter.article_id] = letter.reason.value
        else:
            outcomes[ArticleEnrichment.model_validate_json(record.value).article_id] = "enriched"
    assert outcomes == {article_id: outcome for article_id, _, outcome in inputs}, worker.logs()[
        -3000:
    ]
    assert alive
    assert len(answers) >= 4 and all(answers), (
        f"liveness failed {answers.count(False)} of {len(answers)} probes in {elapsed:.0f} s"
    )
