"""Both steps in one process without Kafka, for evaluations and tests: the same router and
book the stage runs, one partition each, fed in the order given."""

from __future__ import annotations

from sitrep.incidents.book import IncidentBook, Update
from sitrep.incidents.router import ArticleRouter, EnrichmentView
from sitrep.incidents.rules import MatchingRules, default_rules
from sitrep_contracts import ArticleEnrichment, EnrichedEvent, Incident


class OfflineIncidents:
    def __init__(self, rules: MatchingRules | None = None) -> None:
        self.router = ArticleRouter()
        self.book = IncidentBook(rules or default_rules())
        self.updates: list[Update] = []
        self.latest: dict[str, Incident] = {}

    def feed(self, message: EnrichedEvent | ArticleEnrichment) -> list[Update]:
        routed = (
            self.router.on_event(message)
            if isinstance(message, EnrichedEvent)
            else self.router.on_enrichment(
                EnrichmentView.model_validate(message, from_attributes=True)
            )
        )
        updates = [update for _, item in routed for update in self.book.handle(item)]
        for update in updates:
            self.latest[update.incident.incident_id] = update.incident
        self.updates.extend(updates)
        return updates

    def incident_of(self, event_id: str) -> Incident:
        return next(
            incident
            for incident in self.latest.values()
            if any(report.event_id == event_id for report in incident.reports)
        )
