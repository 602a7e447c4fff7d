"""Step one, keyed by article: send each event to its place's partition, and withdraw the
events of an article's replaced revisions.

An article republished with new text is enriched again: new event ids (the revision is in
them) and a new `ArticleEnrichment` naming them. The events of earlier revisions that the
new one does not name are withdrawn, but only once every event the new revision names has
been routed: the incident then gains the new report before it loses the old one, instead
of being retracted and opened again under another id. Until revisions carry an explicit
order, the enrichment read last is the current revision; events of a revision already
replaced are stale and dropped.
"""

from __future__ import annotations

import datetime as dt

import structlog
from pydantic import BaseModel, Field

from sitrep.incidents.facts import report_facts
from sitrep.incidents.messages import Routed
from sitrep.incidents.rules import route_key
from sitrep.incidents.store import PartitionStore
from sitrep_contracts import ArticleEnrichment, EnrichedEvent

log = structlog.get_logger(__name__)

#: Forget an article this long (event time) after its last message.
ARTICLE_RETENTION = dt.timedelta(days=30)
#: Look for articles to forget once per this many messages.
PRUNE_EVERY = 1000


class RoutedEvent(BaseModel):
    route: str
    revision: str


class ArticleState(BaseModel):
    current: str | None = None
    retired: list[str] = Field(default_factory=list)
    routes: dict[str, RoutedEvent] = Field(default_factory=dict)
    awaited: list[str] | None = None  # the current revision's events not routed yet
    last_seen: dt.datetime


Output = tuple[str, Routed]


class ArticleRouter:
    """One input partition's routing; `store` is what its changelog holds."""

    def __init__(self) -> None:
        self.store: PartitionStore[ArticleState] = PartitionStore(ArticleState)
        self._watermark: dt.datetime | None = None
        self._since_prune = 0

    def on_event(self, event: EnrichedEvent) -> list[Output]:
        state = self.store.get(event.article_id) or ArticleState(last_seen=event.published_at)
        if event.article_revision in state.retired:
            log.info("incidents.stale_event_dropped", event_id=event.event_id)
            return []
        if event.event_id in state.routes:
            return []  # a replay: routed already
        facts = report_facts(event)
        route = route_key(facts.place)
        entry = RoutedEvent(route=route, revision=facts.article_revision)
        state = state.model_copy(
            update={
                "routes": {**state.routes, event.event_id: entry},
                "last_seen": max(state.last_seen, event.published_at),
            }
        )
        outputs: list[Output] = [(route, Routed(report=facts))]
        state, withdrawals = self._withdraw_if_complete(state)
        self._save(event.article_id, state)
        return outputs + withdrawals

    def on_enrichment(self, enrichment: ArticleEnrichment) -> list[Output]:
        state = self.store.get(enrichment.article_id) or ArticleState(
            last_seen=enrichment.published_at
        )
        revision = enrichment.article_revision
        if revision in state.retired or (revision == state.current and state.awaited is None):
            return []  # stale, or a replay
        earlier = {entry.revision for entry in state.routes.values()} | (
            {state.current} if state.current else set()
        )
        state = state.model_copy(
            update={
                "current": revision,
                "retired": [*state.retired, *sorted(earlier - {revision} - set(state.retired))],
                "awaited": list(enrichment.event_ids),
                "last_seen": max(state.last_seen, enrichment.published_at),
            }
        )
        state, withdrawals = self._withdraw_if_complete(state)
        self._save(enrichment.article_id, state)
        return withdrawals

    def _withdraw_if_complete(self, state: ArticleState) -> tuple[ArticleState, list[Output]]:
        if state.awaited is None or any(e not in state.routes for e in state.awaited):
            return state, []
        keep = {
            event_id: entry
            for event_id, entry in state.routes.items()
            if entry.revision not in state.retired
        }
        withdrawals = [
            (entry.route, Routed(withdraw_event_id=event_id))
            for event_id, entry in state.routes.items()
            if event_id not in keep
        ]
        return state.model_copy(update={"routes": keep, "awaited": None}), withdrawals

    def _save(self, article_id: str, state: ArticleState) -> None:
        self.store.put(article_id, state)
        if self._watermark is None or state.last_seen > self._watermark:
            self._watermark = state.last_seen
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._since_prune = 0
            self.prune()

    def prune(self) -> int:
        """Forget articles not seen for ARTICLE_RETENTION; returns how many."""
        if self._watermark is None:
            return 0
        horizon = self._watermark - ARTICLE_RETENTION
        old = [key for key, state in self.store.items() if state.last_seen < horizon]
        for key in old:
            self.store.delete(key)
        return len(old)
