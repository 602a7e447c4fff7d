"""The one narrow interface the worker and the CLI call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep import __version__
from sitrep.extraction import compiled
from sitrep.extraction.analysis import TextAnalysis
from sitrep.extraction.events import EventExtractor
from sitrep.extraction.geo import TextAnalyzer, analyze_together
from sitrep.extraction.relevance import RelevanceGate
from sitrep.extraction.revision import article_revision
from sitrep.settings import Settings
from sitrep_contracts import (
    Article,
    ArticleEnrichment,
    EnrichedEvent,
    ExtractorInfo,
    PlacePrecision,
    Relevance,
    RelevanceLabel,
)

EXTRACTOR_NAME = "sitrep-extractor"


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything extracted from one article."""

    events: list[EnrichedEvent]
    article: ArticleEnrichment


class Extractor:
    """Loads models once, then turns articles into events and place lists."""

    def __init__(
        self,
        analyzer: TextAnalyzer,
        events: EventExtractor,
        relevance: RelevanceGate,
        other_news: TextAnalyzer | None = None,
    ) -> None:
        """`other_news`: the analyzer for articles that are not about conflict (by default
        the same one): the worker gives them a cheaper one without NER."""
        self._analyzer = analyzer
        self._events = events
        self._relevance = relevance
        self._other_news = other_news or analyzer
        self.info = ExtractorInfo(name=EXTRACTOR_NAME, version=__version__)

    @classmethod
    def load(cls, settings: Settings | None = None) -> Extractor:
        """Build with the installed spaCy pipeline and gazetteer (a few seconds, once).

        The worker and `sitrep extract` both pass the one `Settings`, so they extract alike.
        """
        settings = settings or Settings()
        cache_dir = Path(settings.cache_dir) if settings.cache_dir else None
        analyzer = TextAnalyzer.load(ner=settings.ner_mode, cache_dir=cache_dir)
        other_ner = settings.other_news_ner if settings.ner_mode != "off" else "off"
        compiled.report()
        return cls(
            analyzer=analyzer,
            events=EventExtractor.load(analyzer),
            relevance=RelevanceGate.load(),
            other_news=analyzer.with_ner(other_ner),
        )

    def geoparsing_alike(self) -> Extractor:
        """This extractor with every article geoparsed alike, conflict or not (what
        `sitrep geoparse` promises); shares the loaded models."""
        return Extractor(self._analyzer, self._events, self._relevance)

    @property
    def analyzer(self) -> TextAnalyzer:
        """The text analyzer alone (the geoparsing evaluation reads its analyses)."""
        return self._analyzer

    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment:
        return self.enrich_many([article], now=now)[0]

    def enrich_many(
        self, articles: Sequence[Article], *, now: dt.datetime | None = None
    ) -> list[Enrichment]:
        """`enrich` for each article, with the NER of all of them in one call (cheaper per
        article; see `analyze_together`): the same output as one at a time."""
        extracted_at = now or dt.datetime.now(dt.UTC)
        decisions = [self._relevance.decide(article.text) for article in articles]
        conflicts = [decision.label is RelevanceLabel.CONFLICT for decision in decisions]
        analyses = analyze_together(
            [
                (self._analyzer if conflict else self._other_news, article.text)
                for article, conflict in zip(articles, conflicts, strict=True)
            ]
        )
        return [
            self._enrichment(article, relevance, conflict, analysis, extracted_at)
            for article, relevance, conflict, analysis in zip(
                articles, decisions, conflicts, analyses, strict=True
            )
        ]

    def _enrichment(
        self,
        article: Article,
        relevance: Relevance,
        conflict: bool,
        analysis: TextAnalysis,
        extracted_at: dt.datetime,
    ) -> Enrichment:
        revision = article_revision(article)
        events = (
            [
                self._at_region_seat(event)
                for event in self._events.extract(
                    article,
                    analysis,
                    revision=revision,
                    extractor=self.info,
                    extracted_at=extracted_at,
                )
            ]
            if conflict
            else []
        )
        enrichment = ArticleEnrichment(
            article_id=article.article_id,
            article_revision=revision,
            published_at=article.published_at,
            language=article.language,
            places=analysis.places,
            entities=self._analyzer.entity_mentions(analysis),
            relevance=relevance,
            event_ids=[event.event_id for event in events],
            extractor=self.info,
            extracted_at=extracted_at,
        )
        return Enrichment(events=events, article=enrichment)

    def _at_region_seat(self, event: EnrichedEvent) -> EnrichedEvent:
        """An event known only to its region ("shelling in Sumy region") is placed at the
        city the region is named after and governed from, as ACLED codes such events
        (geo-precision 3), rather than at the region's centre; precision stays admin1."""
        place = event.location
        if place is None or place.precision is not PlacePrecision.ADMIN1:
            return event
        seat = self._analyzer.gazetteer.seat(place.admin1_code)
        if seat is None:
            return event
        pinned = place.model_copy(update={"latitude": seat.latitude, "longitude": seat.longitude})
        return event.model_copy(update={"location": pinned})

    def extract(self, article: Article) -> list[EnrichedEvent]:
        return self.enrich(article).events

    def geoparse(self, article: Article) -> ArticleEnrichment:
        return self.enrich(article).article
