"""`ArticleEnrichment` v1: every place and named entity in one article.

Changes within v1 (additive): 2026-12, `article_sequence` orders an article's revisions;
`omitted` counts what the worker's output bounds left out; `article_revision` covers every
field the extractor reads, not only the text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import AwareDatetime, Field

from sitrep_contracts.common import Confidence, Contract, ExtractorInfo, TextSpan
from sitrep_contracts.places import ResolvedPlace
from sitrep_contracts.revision import REVISION_DESCRIPTION, SEQUENCE_DESCRIPTION

ENRICHMENT_TYPE: Final = "sitrep.article_enrichment"


class EntityLabel(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"  # nationalities, religious or political groups (spaCy NORP)


class EntityMention(Contract):
    text: str
    label: EntityLabel
    confidence: float = Confidence
    evidence: TextSpan


class Omitted(Contract):
    """What the worker's per-article output bounds left out, counted (0: nothing)."""

    events: int = Field(default=0, ge=0, description="Events found but not sent.")
    places: int = Field(default=0, ge=0, description="Place mentions not listed.")
    entities: int = Field(default=0, ge=0, description="Entity mentions not listed.")


class RelevanceLabel(StrEnum):
    CONFLICT = "conflict"  # political violence, demonstrations, strategic developments
    NOT_CONFLICT = "not_conflict"  # other news: it yields no events


class Relevance(Contract):
    """Whether the article is about conflict as ACLED's codebook scopes it, decided once
    per article before any event is looked for. Only `conflict` articles yield events."""

    label: RelevanceLabel
    score: float = Field(
        ge=0.0, le=1.0, description="Share of conflict evidence in all the evidence weighed."
    )
    conflict_weight: float = Field(
        ge=0.0, description="Weight of the distinct conflict cues (armed actors, weapons...)."
    )
    other_weight: float = Field(
        ge=0.0, description="Weight of the distinct cues of other news (disease, sport...)."
    )
    model_probability: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="P(conflict) from the shipped text classifier, when it was consulted.",
    )
    evidence: list[TextSpan] = Field(
        default_factory=list, description="The cues that decided the label, in text order."
    )


class ArticleEnrichment(Contract):
    """All places an article mentions, resolved. Key on its topic: `article_id`."""

    message_type: Literal["sitrep.article_enrichment"] = ENRICHMENT_TYPE
    schema_version: Literal[1] = 1
    article_id: str
    article_revision: str = Field(description=REVISION_DESCRIPTION)
    article_sequence: int | None = Field(default=None, ge=0, description=SEQUENCE_DESCRIPTION)
    published_at: AwareDatetime
    language: str
    places: list[ResolvedPlace] = Field(
        default_factory=list, description="Every place mention, in text order."
    )
    entities: list[EntityMention] = Field(default_factory=list)
    relevance: Relevance | None = Field(
        default=None,
        description="Conflict or not (added 2026-12; absent from older producers).",
    )
    event_ids: list[str] = Field(
        default_factory=list, description="Ids of the EnrichedEvent messages from this article."
    )
    omitted: Omitted = Field(
        default_factory=Omitted,
        description="Counts of events, places and entities cut by the output bounds.",
    )
    extractor: ExtractorInfo
    extracted_at: AwareDatetime
