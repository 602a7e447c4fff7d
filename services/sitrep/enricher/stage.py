"""The enricher as a stream stage: one article message in, its events and enrichment out.

Per partition it remembers which revision of each article it last enriched, so the same
article republished unchanged is processed once; the memory is dropped when the partition
is revoked (its next owner starts afresh, and replays give the same event ids).

Before a poll's records are processed one by one, `prefetch` decodes them and extracts
the articles that will be extracted in groups (one NER call per group, which costs less
per article); `process` then takes each record's result from there, or, for a record
that has none (its group failed: one bad article must not fail its neighbours), works
it out alone as before.
"""

from __future__ import annotations

import structlog

from sitrep.enricher.isolation import (
    ChildProcessExtraction,
    Extracted,
    InProcessExtraction,
    Prepared,
)
from sitrep.enricher.revisions import RevisionCache
from sitrep.observability.metrics import WorkerMetrics
from sitrep.streaming import InputRecord, OutputRecord, Rejected, StageUnavailable

log = structlog.get_logger(__name__)

#: Article ids remembered per partition (least recently seen forgotten first).
REVISIONS_PER_PARTITION = 50_000
#: Text extracted in one call at most (some 20 articles of 700 words): far inside one
#: article's time budget, which the whole call gets. A longer article goes alone.
GROUP_CHARS = 100_000

RecordKey = tuple[str, int, int]  # topic, partition, offset


class ArticleStage:
    """Decides what one message becomes: events + enrichment, nothing (same revision
    again), or (by raising `Rejected`) a dead letter."""

    def __init__(
        self, extraction: ChildProcessExtraction | InProcessExtraction, metrics: WorkerMetrics
    ) -> None:
        self._extraction = extraction
        self._metrics = metrics
        # Worked out by `prefetch` for the poll in hand, taken by `process`.
        self._prepared: dict[RecordKey, Prepared | Rejected] = {}
        self._extracted: dict[RecordKey, Extracted] = {}

    def open_partition(self, partition: int) -> RevisionCache:
        return RevisionCache(REVISIONS_PER_PARTITION)

    async def prefetch(self, records: list[tuple[InputRecord, RevisionCache]]) -> None:
        """Decode a poll's records, and extract in groups the articles `process` will
        extract (not the revisions it will skip), keeping each result for `process`."""
        self._prepared.clear()
        self._extracted.clear()
        pending: dict[tuple[int, str], str] = {}  # (state, article id) -> revision, this poll
        wanted: list[tuple[RecordKey, Prepared, int]] = []
        for record, revisions in records:
            key = _key(record)
            try:
                prepared = await self._extraction.prepare(record.value)
            except Rejected as rejected:
                self._prepared[key] = rejected
                continue
            except StageUnavailable:
                raise
            except Exception:  # noqa: BLE001, S112 -- `process` meets it again and decides
                continue
            self._prepared[key] = prepared
            article_id = prepared.article.article_id
            seen = (id(revisions), article_id)
            if pending.get(seen, revisions.peek(article_id)) != prepared.revision:
                pending[seen] = prepared.revision
                wanted.append((key, prepared, record.offset))
        for group in _groups(wanted):
            try:
                extracted = await self._extraction.extract_many(
                    [(prepared.article, offset) for _, prepared, offset in group]
                )
            except Exception as exc:  # noqa: BLE001 -- each is then extracted alone, in `process`
                log.warning("extraction.group_failed", articles=len(group), error=repr(exc)[:300])
                continue
            for (key, _, _), result in zip(group, extracted, strict=True):
                self._extracted[key] = result

    async def process(self, record: InputRecord, revisions: RevisionCache) -> list[OutputRecord]:
        metrics = self._metrics
        metrics.articles_consumed.labels(topic=record.topic).inc()
        key = _key(record)
        prepared = self._prepared.pop(key, None) or await self._extraction.prepare(record.value)
        if isinstance(prepared, Rejected):
            raise prepared
        article_id = prepared.article.article_id
        structlog.contextvars.bind_contextvars(article_id=article_id)
        if revisions.get(article_id) == prepared.revision:
            metrics.articles_skipped.inc()
            log.info("article.duplicate", revision=prepared.revision)
            return []
        extracted = self._extracted.pop(key, None) or await self._extraction.extract(
            prepared.article, record.offset
        )
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


def _key(record: InputRecord) -> RecordKey:
    return (record.topic, record.partition, record.offset)


def _groups(
    wanted: list[tuple[RecordKey, Prepared, int]],
) -> list[list[tuple[RecordKey, Prepared, int]]]:
    """Consecutive articles of at most GROUP_CHARS of text together; a group of one is
    left to `process` (nothing to share)."""
    groups: list[list[tuple[RecordKey, Prepared, int]]] = []
    group: list[tuple[RecordKey, Prepared, int]] = []
    size = 0
    for item in wanted:
        length = len(item[1].article.text)
        if group and size + length > GROUP_CHARS:
            groups.append(group)
            group, size = [], 0
        group.append(item)
        size += length
    groups.append(group)
    return [group for group in groups if len(group) > 1]
