"""The hand-off between text analysis (sentences, entities, places) and event extraction.

`TextAnalyzer` (sitrep.extraction.geo) reads the text once and produces a `TextAnalysis`;
`EventExtractor` (sitrep.extraction.events) turns that into events. Both are pure Python:
no broker, no I/O after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sitrep_contracts import ResolvedPlace

EntityKind = Literal["PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity found by the NLP pipeline (offsets into the article text)."""

    text: str
    start: int
    end: int
    label: EntityKind


@dataclass(slots=True)
class TextAnalysis:
    text: str
    sentences: list[Sentence]
    entities: list[Entity] = field(default_factory=list)
    #: Every place mention, resolved where possible, in text order.
    places: list[ResolvedPlace] = field(default_factory=list)
    #: ISO alpha-2 country the article is mostly about, if one stands out.
    focus_country: str | None = None
    #: GeoNames admin1 code of the region of `focus_country` the article is mostly about.
    focus_admin1: str | None = None
