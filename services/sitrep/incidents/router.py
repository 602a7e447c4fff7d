"""Step one, keyed by article: send each event to its place's partition, and withdraw the
events of an article's replaced revisions.

An article republished with new text is enriched again: new event ids and a new
`ArticleEnrichment` naming them. For one article, the output with the greatest
`article_sequence` is current (the contract's rule); the events of an older revision are
stale. The events the current revision's enrichment does not name are withdrawn, but only
once every event it names has been routed: the incident then gains the new report before
it loses the old one, instead of being retracted and opened again under another id.
A revert to an earlier text brings that text's event ids back at a greater sequence: they
are routed again, and the book reinstates them. Inputs without a sequence (an older
worker) are ordered by revision alone: a revision once replaced stays replaced.

The events and enrichments topics are read independently, so an article's enrichment may
come before or after its events; the rule above does not depend on which. So an article
without events is remembered too (its revision may have replaced one with events that
are read later), but only for a short while: most articles have none.
"""

from __future__ import annotations

import datetime as dt

import structlog
from pydantic import BaseModel, ConfigDict, Field

from sitrep.incidents.facts import report_facts
from sitrep.incidents.messages import Routed, Withdrawal
from sitrep.incidents.rules import route_key
from sitrep.incidents.store import PartitionStore
from sitrep_contracts import EnrichedEvent

log = structlog.get_logger(__name__)

#: Forget an article this long (event time) after its last message...
ARTICLE_RETENTION = dt.timedelta(days=30)
#: ... or this long, when none of its events stands: all the events and enrichments topics
#: can be apart in reading.
QUIET_RETENTION = dt.timedelta(days=2)
#: Look for articles to forget once per this many changes.
PRUNE_EVERY = 1000


class EnrichmentView(BaseModel):
    """The fields of an `ArticleEnrichment` the router reads (its places and entities, most
    of its bytes, are not validated here: the router does not use them)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    message_type: str = Field(pattern="^sitrep.article_enrichment$")
    article_id: str
    article_revision: str
    article_sequence: int | None = Field(default=None, ge=0)
    published_at: dt.datetime
    event_ids: list[str]


class RoutedEvent(BaseModel):
    route: str
    revision: str


class ArticleState(BaseModel):
    revision: str | None = None  # the current revision, as its enrichment names it
    sequence: int | None = None  # the greatest article_sequence seen
    retired: list[str] = Field(default_factory=list)  # revisions the current one replaced
    routes: dict[str, RoutedEvent] = Field(default_factory=dict)  # standing events, by id
    awaited: list[str] | None = None  # the current revision's events, until all are routed
    last_seen: dt.datetime


Output = tuple[str, Routed]


class ArticleRouter:
    """One partition's routing; `store` is what its changelog holds."""

    def __init__(self) -> None:
        self.store: PartitionStore[ArticleState] = PartitionStore(ArticleState, b"a/")
        self._watermark: dt.datetime | None = None
        self._since_prune = 0

    def restored(self) -> None:
        """Called once the store is read back from the changelog."""
        self._watermark = max((state.last_seen for state in self.store.values()), default=None)

    def on_event(self, event: EnrichedEvent) -> list[Output]:
        state = self.store.get(event.article_id) or ArticleState(last_seen=event.published_at)
        if _stale(state, event.article_revision, event.article_sequence):
            log.info("incidents.stale_event_dropped", event_id=event.event_id)
            return []
        if event.event_id in state.routes:
            return []  # routed already (a replay, or the same text republished)
        facts = report_facts(event)
        route = route_key(facts.place)
        state.routes[event.event_id] = RoutedEvent(route=route, revision=event.article_revision)
        state.sequence = _max(state.sequence, event.article_sequence)
        state.last_seen = max(state.last_seen, event.published_at)
        outputs = [(route, Routed(report=facts)), *self._withdraw_if_complete(state)]
        self._save(event.article_id, state)
        return outputs

    def on_enrichment(self, enrichment: EnrichmentView) -> list[Output]:
        state = self.store.get(enrichment.article_id) or ArticleState(
            last_seen=enrichment.published_at
        )
        revision, sequence = enrichment.article_revision, enrichment.article_sequence
        if _stale(state, revision, sequence):
            return []
        if revision == state.revision and state.awaited is None:
            # A replay, or the same text republished: at most a newer sequence to note.
            if sequence is not None and (state.sequence is None or sequence > state.sequence):
                state.sequence = sequence
                self._save(enrichment.article_id, state)
            return []
        state.sequence = _max(state.sequence, sequence)
        state.last_seen = max(state.last_seen, enrichment.published_at)
        if revision != state.revision:
            earlier = {entry.revision for entry in state.routes.values()}
            if state.revision is not None:
                earlier.add(state.revision)
            state.retired = sorted((set(state.retired) | earlier) - {revision})
            state.revision = revision
        state.awaited = list(enrichment.event_ids)
        withdrawals = self._withdraw_if_complete(state)
        self._save(enrichment.article_id, state)
        return withdrawals

    def _withdraw_if_complete(self, state: ArticleState) -> list[Output]:
        """Once every event of the current revision is routed, withdraw the others."""
        if state.awaited is None or any(e not in state.routes for e in state.awaited):
            return []
        current = set(state.awaited)
        gone = [event_id for event_id in state.routes if event_id not in current]
        withdrawals = [
            (
                state.routes.pop(event_id).route,
                Routed(withdrawal=Withdrawal(event_id=event_id, article_sequence=state.sequence)),
            )
            for event_id in gone
        ]
        state.awaited = None
        return withdrawals

    def _save(self, article_id: str, state: ArticleState) -> None:
        self.store.put(article_id, state)
        if self._watermark is None or state.last_seen > self._watermark:
            self._watermark = state.last_seen
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._since_prune = 0
            self.prune()

    def prune(self) -> int:
        """Forget articles not seen for their retention; returns how many."""
        if self._watermark is None:
            return 0
        horizon, quiet = self._watermark - ARTICLE_RETENTION, self._watermark - QUIET_RETENTION
        old = [
            key
            for key, state in self.store.items()
            if state.last_seen < (horizon if state.routes else quiet)
        ]
        for key in old:
            self.store.delete(key)
        return len(old)


def _stale(state: ArticleState, revision: str, sequence: int | None) -> bool:
    """Of a revision older than the article's current one."""
    if revision == state.revision:
        return False
    if sequence is not None and state.sequence is not None:
        return sequence < state.sequence
    return revision in state.retired


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
