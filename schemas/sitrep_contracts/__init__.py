"""Sitrep message contracts: the one source of truth for every topic's payload.

Producers and consumers import these models; `sitrep_contracts.export` writes the JSON
Schema files beside them, and a test fails when the two drift.
"""

from sitrep_contracts.article import Article
from sitrep_contracts.common import ExtractorInfo, TextSpan
from sitrep_contracts.dead_letter import DeadLetter, Header, Reason, Stage
from sitrep_contracts.enrichment import (
    ArticleEnrichment,
    EntityLabel,
    EntityMention,
    Omitted,
    Relevance,
    RelevanceLabel,
)
from sitrep_contracts.event import (
    Actor,
    ActorRole,
    ActorType,
    Attribution,
    Casualty,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventDate,
    EventType,
    Qualifier,
    SubEventType,
    VictimType,
    names_nobody,
)
from sitrep_contracts.incident import (
    Incident,
    IncidentActor,
    IncidentReport,
    IncidentStatus,
    IncidentToll,
    TollRule,
)
from sitrep_contracts.places import PlacePrecision, ResolvedPlace

__all__ = [
    "Actor",
    "ActorRole",
    "ActorType",
    "Article",
    "ArticleEnrichment",
    "Attribution",
    "Casualty",
    "CasualtyKind",
    "DatePrecision",
    "DeadLetter",
    "EnrichedEvent",
    "EntityLabel",
    "EntityMention",
    "EventDate",
    "EventType",
    "ExtractorInfo",
    "Header",
    "Incident",
    "IncidentActor",
    "IncidentReport",
    "IncidentStatus",
    "IncidentToll",
    "Omitted",
    "PlacePrecision",
    "Qualifier",
    "Reason",
    "Relevance",
    "RelevanceLabel",
    "ResolvedPlace",
    "Stage",
    "SubEventType",
    "TextSpan",
    "TollRule",
    "VictimType",
    "names_nobody",
]
