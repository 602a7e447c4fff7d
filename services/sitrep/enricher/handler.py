"""One article message in, the records to produce out: the worker's logic, with no broker.

The consume loop (service.py) feeds messages here and produces what comes back before it
commits the offset; tests drive the same code directly.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import structlog

from sitrep.enricher.decode import Rejected, decode_article
from sitrep.enricher.records import (
    Headers,
    OutputRecord,
    b64,
    dead_letter_record,
    enrichment_record,
    event_record,
    header_models,
)
from sitrep.extraction.revision import article_revision
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings
from sitrep_contracts import Article, DeadLetter, Reason, Stage

if TYPE_CHECKING:
    from sitrep.extraction.extractor import Enrichment

log = structlog.get_logger(__name__)


class RevisionStore(Protocol):
    def get(self, article_id: str) -> str | None: ...

    def __setitem__(self, article_id: str, revision: str) -> None: ...


class Enricher(Protocol):
    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment: ...


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Outcome:
    records: list[OutputRecord]
    status: str  # "enriched" | "duplicate" | "dead_letter"
    message: IncomingMessage
    article_id: str | None = None
    revision: str | None = None


class ArticleHandler:
    """Decides what one message becomes: events + enrichment, nothing (duplicate), or a dead letter.

    `revisions` remembers the last processed revision per article id (a bounded in-memory
    `RevisionCache` in the worker).
    """

    def __init__(
        self,
        extractor: Enricher,
        settings: Settings,
        revisions: RevisionStore | None = None,
        metrics: WorkerMetrics | None = None,
    ) -> None:
        self._extractor = extractor
        self._settings = settings
        self._revisions: RevisionStore = revisions if revisions is not None else {}
        self._metrics = metrics or WorkerMetrics()

    def handle(self, message: IncomingMessage) -> Outcome:
        self._metrics.articles_consumed.labels(topic=message.topic).inc()
        try:
            article = decode_article(message.value, self._settings)
        except Rejected as rejected:
            return self._dead_letter(message, rejected, rejected.stage, rejected.reason)

        revision = article_revision(article.text)
        if self._revisions.get(article.article_id) == revision:
            self._metrics.articles_skipped.inc()
            log.info("article.duplicate", article_id=article.article_id, revision=revision)
            return Outcome(
                records=[], status="duplicate", message=message, article_id=article.article_id
            )

        started = time.perf_counter()
        try:
            enrichment = self._extractor.enrich(article)
        except Exception as exc:
            log.exception("article.extraction_failed", article_id=article.article_id)
            return self._dead_letter(
                message, exc, Stage.ENRICH, Reason.EXTRACTION_ERROR, article.article_id
            )
        self._metrics.extraction_seconds.observe(time.perf_counter() - started)

        settings = self._settings
        records = [event_record(settings.events_topic, event) for event in enrichment.events]
        records.append(enrichment_record(settings.enrichments_topic, enrichment.article))
        for event in enrichment.events:
            self._metrics.events_produced.labels(event_type=event.event_type.value).inc()
        return Outcome(
            records=records,
            status="enriched",
            message=message,
            article_id=article.article_id,
            revision=revision,
        )

    def mark_done(self, outcome: Outcome) -> None:
        """Remember the revision, once its records are acknowledged by the broker."""
        if outcome.article_id is not None and outcome.revision is not None:
            self._revisions[outcome.article_id] = outcome.revision

    def output_rejected(self, outcome: Outcome, exc: BaseException) -> Outcome:
        """The broker refused this article's output for good (e.g. a record over its size
        limit): dead-letter the article instead, so the partition moves on."""
        return self._dead_letter(
            outcome.message, exc, Stage.PRODUCE, Reason.OUTPUT_REJECTED, outcome.article_id
        )

    def _dead_letter(
        self,
        message: IncomingMessage,
        exc: BaseException,
        stage: Stage,
        reason: Reason,
        article_id: str | None = None,
    ) -> Outcome:
        article_id = article_id or getattr(exc, "article_id", None)
        letter = DeadLetter(
            stage=stage,
            reason=reason,
            error_class=type(exc).__name__,
            error_message=str(exc)[:4000],
            article_id=article_id,
            source_topic=message.topic,
            source_partition=message.partition,
            source_offset=message.offset,
            original_key_b64=b64(message.key),
            original_value_b64=b64(message.value) or "",
            original_headers=header_models(message.headers),
            failed_at=dt.datetime.now(dt.UTC),
            worker=self._settings.worker_id,
        )
        self._metrics.dead_letters.labels(reason=reason.value).inc()
        log.warning(
            "article.dead_letter", reason=reason.value, stage=stage.value, error=str(exc)[:200]
        )
        record = dead_letter_record(self._settings.dead_letter_topic, letter, message.key)
        return Outcome(
            records=[record], status="dead_letter", message=message, article_id=article_id
        )
