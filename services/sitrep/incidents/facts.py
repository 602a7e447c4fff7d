"""What the incident stage keeps of one event: the fields matching and tolls need."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from sitrep.client.filters import casualty_total
from sitrep_contracts import (
    ActorRole,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventType,
    IncidentActor,
    Qualifier,
    ResolvedPlace,
    SubEventType,
)


class Figure(BaseModel):
    """One report's figure for one casualty kind (victim groups combined, never summed
    across reports)."""

    model_config = ConfigDict(frozen=True)

    count: int
    qualifier: Qualifier


class ReportFacts(BaseModel):
    """One event as the incident stage remembers it (in its store and changelog)."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    article_id: str
    article_revision: str
    published_at: dt.datetime
    event_type: EventType
    sub_event_type: SubEventType | None
    date: dt.date
    date_precision: DatePrecision
    date_from_publication: bool
    place: ResolvedPlace | None
    actors: list[IncidentActor]
    figures: dict[CasualtyKind, Figure]
    sources: list[str]
    confidence: float

    @property
    def actor1_countries(self) -> frozenset[str]:
        return frozenset(
            actor.country_iso3
            for actor in self.actors
            if actor.role is ActorRole.ACTOR1 and actor.country_iso3
        )


#: Iterating an enum class is slow; this is iterated per report.
CASUALTY_KINDS = tuple(CasualtyKind)


def report_facts(event: EnrichedEvent) -> ReportFacts:
    figures: dict[CasualtyKind, Figure] = {}
    for kind in CASUALTY_KINDS:
        given = [casualty for casualty in event.casualties if casualty.kind is kind]
        if not given:
            continue
        largest = max(given, key=lambda casualty: casualty.count or casualty.min or 0)
        figures[kind] = Figure(count=casualty_total(event, kind), qualifier=largest.qualifier)
    return ReportFacts(
        event_id=event.event_id,
        article_id=event.article_id,
        article_revision=event.article_revision,
        published_at=event.published_at,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        date=event.occurred_on.date,
        date_precision=event.occurred_on.precision,
        date_from_publication=event.occurred_on.resolved_from == "publication",
        place=event.location,
        actors=[
            IncidentActor(
                name=actor.name,
                actor_type=actor.actor_type,
                role=actor.role,
                country_iso3=actor.country_iso3,
            )
            for actor in event.actors
            if actor.role is not ActorRole.SOURCE
        ],
        figures=figures,
        sources=[attribution.source for attribution in event.attributed_to],
        confidence=event.confidence,
    )
