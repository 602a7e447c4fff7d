"""Hand-built analyses for the event-stage tests: made-up towns resolved by name, so that
event logic is tested without the geoparser."""

from __future__ import annotations

import datetime as dt
import re

from sitrep.extraction.analysis import Entity, TextAnalysis
from sitrep.extraction.events import EventExtractor
from sitrep_contracts import (
    Article,
    EnrichedEvent,
    ExtractorInfo,
    PlacePrecision,
    ResolvedPlace,
    TextSpan,
)

PUBLISHED = dt.datetime(2023, 5, 17, 9, 0, tzinfo=dt.UTC)  # a Wednesday
INFO = ExtractorInfo(version="test")
NOW = dt.datetime(2023, 5, 17, 10, 0, tzinfo=dt.UTC)

# Made-up towns with made-up coordinates: only the offsets and ids matter here.
TOWNS = {
    "Ostrovka": (1001, 48.1, 37.1, "UA", PlacePrecision.POINT),
    "Dubrava": (1002, 48.6, 37.9, "UA", PlacePrecision.POINT),
    "Lisna": (1003, 49.2, 36.2, "UA", PlacePrecision.POINT),
    "Vienna": (1004, 48.2, 16.4, "AT", PlacePrecision.POINT),
    "Ukraine": (1005, 49.0, 32.0, "UA", PlacePrecision.COUNTRY),
}


def analysis_for(text: str, people: tuple[str, ...] = ()) -> TextAnalysis:
    places = []
    for name, (gid, lat, lon, cc, precision) in TOWNS.items():
        for m in re.finditer(rf"\b{name}\b", text):
            places.append(
                ResolvedPlace(
                    text=name,
                    name=name,
                    geonameid=gid,
                    latitude=lat,
                    longitude=lon,
                    country_code=cc,
                    precision=precision,
                    confidence=0.9,
                    evidence=TextSpan(start=m.start(), end=m.end(), text=name),
                )
            )
    places.sort(key=lambda p: p.evidence.start)
    entities = [
        Entity(p, m.start(), m.end(), "PERSON")
        for p in people
        for m in re.finditer(re.escape(p), text)
    ]
    return TextAnalysis(
        text=text, sentences=[], entities=entities, places=places, focus_country="UA"
    )


def run(
    extractor: EventExtractor,
    text: str,
    people: tuple[str, ...] = (),
    article_id: str = "a-1",
    revision: str = "rev1",
) -> list[EnrichedEvent]:
    article = Article(article_id=article_id, text=text, published_at=PUBLISHED)
    return extractor.extract(
        article, analysis_for(text, people), revision=revision, extractor=INFO, extracted_at=NOW
    )
