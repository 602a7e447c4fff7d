"""What the incident stage keeps of one event: the fields matching and tolls need."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, PrivateAttr

from sitrep.incidents.cues import says_follow_up, says_revised_down
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
    VictimType,
    names_nobody,
)


class Figure(BaseModel):
    """One report's figure for one casualty kind (victim groups combined, never summed
    across reports)."""

    model_config = ConfigDict(frozen=True)

    count: int
    qualifier: Qualifier
    #: No number given, only a word ("several killed", "dozens"): a floor, not a count, so
    #: it says nothing about how far later figures may rise.
    vague: bool = False


class ReportFacts(BaseModel):
    """One event as the incident stage remembers it (in its store and changelog)."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    article_id: str
    article_revision: str
    article_sequence: int | None = None  # orders an article's revisions (greater: newer)
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
    follow_up: bool = False  # tells of an incident already reported (`cues`)
    revises_down: bool = False  # says its toll lowers one given before (`cues`)

    _actor1_countries: frozenset[str] = PrivateAttr(default=frozenset())

    def model_post_init(self, context: object) -> None:
        # Read for every candidate incident: worked out once (cached_property locks on 3.11).
        # An attacker nobody named ("Unidentified Armed Group (X)", ACLED's name) is no
        # other attacker than the one another report names.
        self._actor1_countries = frozenset(
            actor.country_iso3
            for actor in self.actors
            if actor.role is ActorRole.ACTOR1
            and actor.country_iso3
            and not names_nobody(actor.name)
        )

    @property
    def actor1_countries(self) -> frozenset[str]:
        return self._actor1_countries


#: Iterating an enum class is slow; this is iterated per report.
CASUALTY_KINDS = tuple(CasualtyKind)


def report_facts(event: EnrichedEvent) -> ReportFacts:
    return ReportFacts(
        event_id=event.event_id,
        article_id=event.article_id,
        article_revision=event.article_revision,
        article_sequence=event.article_sequence,
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
        figures=figures(event),
        sources=[attribution.source for attribution in event.attributed_to],
        confidence=event.confidence,
        follow_up=says_follow_up(event.summary),
        revises_down=says_revised_down(event.summary),
    )


def figures(event: EnrichedEvent) -> dict[CasualtyKind, Figure]:
    """Per kind, the event's best total as `sitrep.client.casualty_total` counts it (victim
    groups add up, alternative figures for one group do not), with the qualifier of its
    largest figure; in one pass over the casualties."""
    largest: dict[CasualtyKind, dict[VictimType, int]] = {}
    qualifier: dict[CasualtyKind, tuple[int, Qualifier]] = {}
    counted: set[CasualtyKind] = set()
    for casualty in event.casualties:
        if casualty.count is not None:
            counted.add(casualty.kind)
        figure = casualty.count if casualty.count is not None else (casualty.min or 0)
        groups = largest.setdefault(casualty.kind, {})
        groups[casualty.victim_type] = max(groups.get(casualty.victim_type, 0), figure)
        if casualty.kind not in qualifier or figure > qualifier[casualty.kind][0]:
            qualifier[casualty.kind] = (figure, casualty.qualifier)
    result: dict[CasualtyKind, Figure] = {}
    for kind, groups in largest.items():
        typed = sum(count for victim, count in groups.items() if victim is not VictimType.UNKNOWN)
        total = max(typed, groups.get(VictimType.UNKNOWN, 0))
        result[kind] = Figure(count=total, qualifier=qualifier[kind][1], vague=kind not in counted)
    return result
