"""`ArticleEnrichment` v1: every place and named entity in one article."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import AwareDatetime, Field

from sitrep_contracts.common import Confidence, Contract, ExtractorInfo, TextSpan
from sitrep_contracts.places import ResolvedPlace

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


class ArticleEnrichment(Contract):
    """All places an article mentions, resolved. Key on its topic: `article_id`."""

    message_type: Literal["sitrep.article_enrichment"] = ENRICHMENT_TYPE
    schema_version: Literal[1] = 1
    article_id: str
    article_revision: str = Field(description="SHA-256 prefix of the article text.")
    published_at: AwareDatetime
    language: str
    places: list[ResolvedPlace] = Field(
        default_factory=list, description="Every place mention, in text order."
    )
    entities: list[EntityMention] = Field(default_factory=list)
    event_ids: list[str] = Field(
        default_factory=list, description="Ids of the EnrichedEvent messages from this article."
    )
    extractor: ExtractorInfo
    extracted_at: AwareDatetime
