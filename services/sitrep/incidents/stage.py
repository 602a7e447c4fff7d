"""The incident stage on the shared stream loop: three co-partitioned inputs, one state.

The stage reads the events and enrichments topics (keyed by article) and its own reports
topic (keyed by place), all with the same partition count, in one consumer group. The loop
gives partition p of the three to one member and one `IncidentPartition` state: the
router's articles (from events-p and enrichments-p) and the book's incidents (from
reports-p), kept in partition p of one changelog topic. The router sends each report to the
reports partition of its place, whichever member owns it; the book merges it there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from sitrep.incidents.book import Change, IncidentBook, utc_now
from sitrep.incidents.messages import Routed
from sitrep.incidents.metrics import IncidentMetrics
from sitrep.incidents.router import ArticleRouter, EnrichmentView
from sitrep.incidents.rules import MatchingRules, default_rules
from sitrep.incidents.topics import IncidentTopics
from sitrep.streaming import (
    InputRecord,
    OutputRecord,
    Rejected,
    StateChange,
    StreamConfig,
    cloudevent_headers,
)
from sitrep_contracts import EnrichedEvent, Incident, Reason, Stage

CE_SOURCE = "urn:sitrep:incidents"
#: Records per poll: the stage's work per record is small, its round trips are not.
MAX_BATCH = 500
#: Each of the stage's two hops waits up to this for a fetch (see StreamConfig).
FETCH_MAX_WAIT_MS = 20

M = TypeVar("M", bound=BaseModel)


class IncidentPartition:
    """One partition number's state: the router's articles and the book's incidents."""

    def __init__(self, rules: MatchingRules, clock: Callable[[], dt.datetime]) -> None:
        self.router = ArticleRouter()
        self.book = IncidentBook(rules, clock)

    def take_changes(self) -> list[StateChange]:
        return self.router.store.take_changes() + self.book.store.take_changes()

    def restore(self, records: Iterable[StateChange]) -> None:
        for key, value in records:
            if value is None:
                continue
            for store in (self.router.store, self.book.store):
                if store.owns(key):
                    store.restore(key, value)
        self.router.restored()
        self.book.reindex()


class IncidentStage:
    """Routes events (router step) and merges reports into incidents (book step)."""

    def __init__(
        self,
        topics: IncidentTopics,
        metrics: IncidentMetrics,
        rules: MatchingRules | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.topics = topics
        self._metrics = metrics
        # Labelled series looked up once (`labels()` costs more than the increment).
        self._consumed = {topic: metrics.messages_consumed.labels(topic) for topic in topics.inputs}
        self._updates = {change: metrics.updates.labels(change.value) for change in Change}
        self._rules = rules or default_rules()
        self._clock = clock

    def config(self, group_id: str) -> StreamConfig:
        return StreamConfig(
            name="incidents",
            input_topics=self.topics.inputs,
            dead_letter_topic=self.topics.dead_letters,
            group_id=group_id,
            changelog_topic=self.topics.changelog,
            max_batch=MAX_BATCH,
            fetch_max_wait_ms=FETCH_MAX_WAIT_MS,
        )

    def open_partition(self, partition: int) -> IncidentPartition:
        return IncidentPartition(self._rules, self._clock)

    async def process(self, record: InputRecord, state: IncidentPartition) -> list[OutputRecord]:
        topics = self.topics
        self._consumed[record.topic].inc()
        if record.topic == topics.reports:
            updates = state.book.handle(decode(Routed, record, keyed_by_article=False))
            for update in updates:
                self._updates[update.change].inc()
            return [incident_record(topics.incidents, update.incident) for update in updates]
        if record.topic == topics.events:
            routed = state.router.on_event(decode(EnrichedEvent, record))
        else:
            routed = state.router.on_enrichment(decode(EnrichmentView, record))
        return [
            OutputRecord(topics.reports, route.encode(), item.model_dump_json().encode(), [])
            for route, item in routed
        ]

    def observe(self, states: Mapping[int, IncidentPartition]) -> None:
        """Set the gauges from the partitions this process holds (before a scrape)."""
        metrics = self._metrics
        metrics.open_incidents.set(sum(state.book.open_incidents for state in states.values()))
        metrics.state_entries.labels(store="articles").set(
            sum(len(state.router.store) for state in states.values())
        )
        metrics.state_entries.labels(store="incidents").set(
            sum(len(state.book.store) for state in states.values())
        )


def decode(model: type[M], record: InputRecord, *, keyed_by_article: bool = True) -> M:
    """The record's value as `model`, or a `Rejected` saying why it cannot be."""
    article_id = record.key.decode("utf-8", "replace") if record.key and keyed_by_article else None
    value = record.value
    if value is None:
        tombstone = "record has no value (tombstone)"
        raise Rejected(Stage.DESERIALIZE, Reason.NOT_JSON, tombstone, article_id=article_id)
    try:
        return model.model_validate_json(value)
    except ValidationError as exc:
        if any(error["type"] == "json_invalid" for error in exc.errors()):
            reason = Reason.NOT_JSON if _is_utf8(value) else Reason.INVALID_UTF8
            raise Rejected(Stage.DESERIALIZE, reason, str(exc), article_id=article_id) from exc
        raise Rejected(
            Stage.VALIDATE, Reason.CONTRACT_VIOLATION, str(exc), article_id=article_id
        ) from exc


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def incident_record(topic: str, incident: Incident) -> OutputRecord:
    headers = cloudevent_headers(
        f"{incident.incident_id}:{incident.revision}",
        incident.message_type,
        incident.schema_version,
        incident.updated_at,
        source=CE_SOURCE,
    )
    return OutputRecord(
        topic, incident.incident_id.encode(), incident.model_dump_json().encode(), headers
    )
