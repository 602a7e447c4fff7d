"""The enricher as a stream stage: one article message in, its events and enrichment out.

Per partition it remembers which revision of each article it last enriched, so the same
article republished unchanged is processed once; the memory is dropped when the partition
is revoked (its next owner starts afresh, and replays give the same event ids).

Before a poll's records are processed one by one, `prefetch` decodes them and extracts
the articles that will be extracted, in groups: one call to the extraction process per
group (each call costs about half a millisecond of CPU on either side) and one NER call
(spaCy's fixed cost per call). `process` then takes each record's result from there, or,
for a record that has none (its group failed: one bad article must not fail its
neighbours), works it out alone as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
#: Text decoded or extracted in one call at most (some 20 articles of 700 words): far
#: inside one article's time budget, which the whole call gets. A longer one goes alone.
GROUP_CHARS = 100_000

RecordKey = tuple[str, int, int]  # topic, partition, offset
T = TypeVar("T")


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
        for (record, revisions), prepared in zip(
            records, await self._prepare_all([record for record, _ in records]), strict=True
        ):
            if prepared is None:
                continue
            key = _key(record)
            self._prepared[key] = prepared
            if isinstance(prepared, Rejected):
                continue
            article_id = prepared.article.article_id
            seen = (id(revisions), article_id)
            if pending.get(seen, revisions.peek(article_id)) != prepared.revision:
                pending[seen] = prepared.revision
                wanted.append((key, prepared, record.offset))
        for group in _groups(wanted, lambda item: len(item[1].article.text)):
            try:
                extracted = await self._extraction.extract_many(
                    [(prepared.article, offset) for _, prepared, offset in group]
                )
            except Exception as exc:  # noqa: BLE001 -- each is then extracted alone, in `process`
                log.warning("extraction.group_failed", articles=len(group), error=repr(exc)[:300])
                continue
            for (key, _, _), result in zip(group, extracted, strict=True):
                self._extracted[key] = result

    async def _prepare_all(self, records: list[InputRecord]) -> list[Prepared | Rejected | None]:
        """Each record decoded, or its rejection; None where `process` must find out."""
        prepared: list[Prepared | Rejected | None] = [None] * len(records)
        for group in _groups(list(enumerate(records)), lambda item: len(item[1].value or b"")):
            try:
                done = await self._extraction.prepare_many([record.value for _, record in group])
            except Exception as exc:  # noqa: BLE001 -- each is then decoded alone
                log.warning("prepare.group_failed", records=len(group), error=repr(exc)[:300])
                continue
            for (k, _), result in zip(group, done, strict=True):
                prepared[k] = result
        for k, record in enumerate(records):
            if prepared[k] is None:
                prepared[k] = await self._prepare_one(record)
        return prepared

    async def _prepare_one(self, record: InputRecord) -> Prepared | Rejected | None:
        try:
            return await self._extraction.prepare(record.value)
        except Rejected as rejected:
            return rejected
        except StageUnavailable:
            raise
        except Exception:  # noqa: BLE001 -- `process` meets it again and decides
            return None

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


def _groups(items: list[T], size: Callable[[T], int]) -> list[list[T]]:
    """Consecutive items of at most GROUP_CHARS in all together; groups of one are left
    out (nothing to share: they are done alone, as ever)."""
    groups: list[list[T]] = [[]]
    total = 0
    for item in items:
        length = size(item)
        if groups[-1] and total + length > GROUP_CHARS:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += length
    return [group for group in groups if len(group) > 1]
