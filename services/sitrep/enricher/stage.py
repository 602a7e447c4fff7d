"""The enricher as a stream stage: one article message in, its events and enrichment out.

Per partition it remembers which revision of each article it last enriched, so the same
article republished unchanged is processed once; the memory is dropped when the partition
is revoked (its next owner starts afresh, and replays give the same event ids).
"""

from __future__ import annotations

import structlog

from sitrep.enricher.isolation import ChildProcessExtraction, InProcessExtraction
from sitrep.enricher.revisions import RevisionCache
from sitrep.observability.metrics import WorkerMetrics
from sitrep.streaming import InputRecord, OutputRecord

log = structlog.get_logger(__name__)

#: Article ids remembered per partition (least recently seen forgotten first).
REVISIONS_PER_PARTITION = 50_000


class ArticleStage:
    """Decides what one message becomes: events + enrichment, nothing (same revision
    again), or (by raising `Rejected`) a dead letter."""

    def __init__(
        self, extraction: ChildProcessExtraction | InProcessExtraction, metrics: WorkerMetrics
    ) -> None:
        self._extraction = extraction
        self._metrics = metrics

    def open_partition(self, partition: int) -> RevisionCache:
        return RevisionCache(REVISIONS_PER_PARTITION)

    async def process(self, record: InputRecord, revisions: RevisionCache) -> list[OutputRecord]:
        metrics = self._metrics
        metrics.articles_consumed.labels(topic=record.topic).inc()
        prepared = await self._extraction.prepare(record.value)
        article_id = prepared.article.article_id
        structlog.contextvars.bind_contextvars(article_id=article_id)
        if revisions.get(article_id) == prepared.revision:
            metrics.articles_skipped.inc()
            log.info("article.duplicate", revision=prepared.revision)
            return []
        extracted = await self._extraction.extract(prepared.article, record.offset)
        # Remembered at once, not when acknowledged: a second copy in the same batch is a
        # duplicate too. A batch that is not committed drops the partition (and this memory).
        revisions[article_id] = prepared.revision
        metrics.extraction_seconds.observe(extracted.seconds)
        for event_type in extracted.event_types:
            metrics.events_produced.labels(event_type=event_type).inc()
        for kind, count in extracted.omitted.model_dump().items():
            if count:
                metrics.output_omitted.labels(kind=kind).inc(count)
        return extracted.records
