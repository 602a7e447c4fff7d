"""Revisions through the real worker and the typed client (issue 12 item 1).

A corrected `published_at` republished under the same id and text must be a new revision
with new event ids, which `EventConsumer` yields; a revert to the first revision must
reach the consumer again (its events have the ids they had before). Superseded replays
are covered in tests/unit/client/test_dedupe.py.
"""

from __future__ import annotations

import pytest

from sitrep.broker.admin import ensure_topics
from sitrep.client import EventConsumer
from sitrep_contracts import ArticleEnrichment
from tests.integration.support import (
    WorkerProcess,
    article_json,
    consume_until,
    isolated_settings,
    produce,
)

pytestmark = pytest.mark.integration

TEXT = (
    "Russian shelling killed three civilians in Kharkiv on Thursday, regional governor "
    "Oleh Syniehubov said."
)
FIRST, CORRECTED = "2022-09-09T12:00:00+00:00", "2022-09-16T12:00:00+00:00"


@pytest.mark.timeout(240)
async def test_a_corrected_date_is_a_new_revision_and_the_client_follows_the_latest(
    kafka, tmp_path, topic_prefix
):
    settings = isolated_settings(kafka.bootstrap_servers, topic_prefix)
    await ensure_topics(settings)
    article_id = f"{topic_prefix}-story"
    key = article_id.encode()
    versions = [FIRST, FIRST, CORRECTED, FIRST]  # original, unchanged copy, correction, revert

    async def enrichments(count: int) -> list[ArticleEnrichment]:
        records = await consume_until(
            kafka.bootstrap_servers,
            [settings.enrichments_topic],
            lambda recs: len(recs) >= count,
            timeout=120,
        )
        return [ArticleEnrichment.model_validate_json(r.value) for r in records]

    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_ready()
        await produce(
            kafka.bootstrap_servers,
            settings.articles_topic,
            [(key, article_json(article_id, TEXT, when), []) for when in versions],
        )
        found = await enrichments(3)
    finally:
        worker.stop()

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
        seen = [(event.event_id, event.article_sequence) async for event in events]
        stats = events.stats
    # Read in order: original, correction, revert. Each revision's events are yielded
    # once; the revert is yielded although its ids were seen before.
    sequences = [sequence for _, sequence in seen]
    assert sequences == sorted(sequences)
    assert {eid for eid, _ in seen} == set(original.event_ids) | set(corrected.event_ids)
    assert len(seen) == 2 * len(original.event_ids) + len(corrected.event_ids)
    assert stats.duplicates == 0 and stats.superseded == 0
