"""Records in, records out, for one input partition of each step: decoding, dead letters
and serialising around the pure `ArticleRouter` and `IncidentBook`."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import structlog
from pydantic import BaseModel, ValidationError

from sitrep.enricher.handler import IncomingMessage
from sitrep.enricher.records import (
    OutputRecord,
    b64,
    cloudevent_headers,
    dead_letter_record,
    header_models,
)
from sitrep.incidents.book import IncidentBook
from sitrep.incidents.messages import Routed
from sitrep.incidents.metrics import IncidentMetrics
from sitrep.incidents.router import ArticleRouter
from sitrep.incidents.rules import MatchingRules
from sitrep.incidents.store import Change
from sitrep.incidents.topics import IncidentTopics
from sitrep_contracts import ArticleEnrichment, DeadLetter, EnrichedEvent, Incident, Reason, Stage

log = structlog.get_logger(__name__)

CE_SOURCE = b"urn:sitrep:incidents"
M = TypeVar("M", bound=BaseModel)


class Undecodable(Exception):
    def __init__(self, reason: Reason, stage: Stage, cause: Exception | str) -> None:
        super().__init__(str(cause))
        self.reason, self.stage = reason, stage
        self.error_class = type(cause).__name__ if isinstance(cause, Exception) else "Tombstone"


def decode(model: type[M], value: bytes | None) -> M:
    if value is None:
        raise Undecodable(Reason.CONTRACT_VIOLATION, Stage.VALIDATE, "record has no value")
    try:
        return model.model_validate_json(value)
    except ValidationError as exc:
        not_json = any(error["type"] == "json_invalid" for error in exc.errors())
        if not_json:
            utf8 = True
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                utf8 = False
            reason = Reason.NOT_JSON if utf8 else Reason.INVALID_UTF8
            raise Undecodable(reason, Stage.DESERIALIZE, exc) from exc
        raise Undecodable(Reason.CONTRACT_VIOLATION, Stage.VALIDATE, exc) from exc


class StepHandler:
    """Shared by both steps: dead letters for what cannot be read, the store's changelog."""

    def __init__(self, topics: IncidentTopics, metrics: IncidentMetrics, worker_id: str) -> None:
        self.topics = topics
        self.metrics = metrics
        self.worker_id = worker_id

    def handle(self, record: IncomingMessage) -> list[OutputRecord]:
        self.metrics.messages_consumed.labels(topic=record.topic).inc()
        try:
            return self.process(record)
        except Undecodable as exc:
            return [self._dead_letter(record, exc)]

    def process(self, record: IncomingMessage) -> list[OutputRecord]:
        raise NotImplementedError

    def take_changes(self) -> list[Change]:
        raise NotImplementedError

    def restore(self, key: str, value: bytes | None) -> None:
        raise NotImplementedError

    def restored(self) -> None:
        """Called once the changelog is read back."""

    def size(self) -> int:
        raise NotImplementedError

    def open_incidents(self) -> int:
        return 0

    def _dead_letter(self, record: IncomingMessage, exc: Undecodable) -> OutputRecord:
        self.metrics.dead_letters.labels(reason=exc.reason.value).inc()
        log.warning(
            "incidents.dead_letter",
            reason=exc.reason.value,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=str(exc)[:200],
        )
        letter = DeadLetter(
            stage=exc.stage,
            reason=exc.reason,
            error_class=exc.error_class,
            error_message=str(exc)[:4000],
            article_id=record.key.decode("utf-8", "replace") if record.key else None,
            source_topic=record.topic,
            source_partition=record.partition,
            source_offset=record.offset,
            original_key_b64=b64(record.key),
            original_value_b64=b64(record.value) or "",
            original_headers=header_models(record.headers),
            failed_at=dt.datetime.now(dt.UTC),
            worker=self.worker_id,
        )
        return dead_letter_record(self.topics.dead_letters, letter, record.key)


class RouterHandler(StepHandler):
    """Step one: events and enrichments (keyed by article) to the reports topic."""

    def __init__(self, topics: IncidentTopics, metrics: IncidentMetrics, worker_id: str) -> None:
        super().__init__(topics, metrics, worker_id)
        self.router = ArticleRouter()

    def process(self, record: IncomingMessage) -> list[OutputRecord]:
        if record.topic == self.topics.events:
            routed = self.router.on_event(decode(EnrichedEvent, record.value))
        else:
            routed = self.router.on_enrichment(decode(ArticleEnrichment, record.value))
        return [
            OutputRecord(self.topics.reports, route.encode(), item.model_dump_json().encode(), [])
            for route, item in routed
        ]

    def take_changes(self) -> list[Change]:
        return self.router.store.take_changes()

    def restore(self, key: str, value: bytes | None) -> None:
        self.router.store.restore(key, value)

    def size(self) -> int:
        return len(self.router.store)


class BookHandler(StepHandler):
    """Step two: reports (keyed by place) to incident messages."""

    def __init__(
        self, topics: IncidentTopics, metrics: IncidentMetrics, worker_id: str, rules: MatchingRules
    ) -> None:
        super().__init__(topics, metrics, worker_id)
        self.book = IncidentBook(rules)

    def process(self, record: IncomingMessage) -> list[OutputRecord]:
        updates = self.book.handle(decode(Routed, record.value))
        for update in updates:
            self.metrics.updates.labels(change=update.change.value).inc()
        return [incident_record(self.topics.incidents, update.incident) for update in updates]

    def take_changes(self) -> list[Change]:
        return self.book.store.take_changes()

    def restore(self, key: str, value: bytes | None) -> None:
        self.book.store.restore(key, value)

    def restored(self) -> None:
        self.book.reindex()

    def size(self) -> int:
        return len(self.book.store)

    def open_incidents(self) -> int:
        return self.book.open_incidents


def incident_record(topic: str, incident: Incident) -> OutputRecord:
    headers = [
        (key, CE_SOURCE if key == "ce_source" else value)
        for key, value in cloudevent_headers(
            f"{incident.incident_id}:{incident.revision}",
            incident.message_type,
            incident.schema_version,
            incident.updated_at,
        )
    ]
    return OutputRecord(
        topic, incident.incident_id.encode(), incident.model_dump_json().encode(), headers
    )
