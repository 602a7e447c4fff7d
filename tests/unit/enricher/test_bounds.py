"""Per-article output bounds: records fit the budget; what is cut is counted."""

from __future__ import annotations

import datetime as dt

from sitrep.enricher.bounds import bounded_output
from sitrep.settings import Settings
from sitrep_contracts import ArticleEnrichment, ExtractorInfo, ResolvedPlace, TextSpan

NOW = dt.datetime(2022, 9, 9, tzinfo=dt.UTC)


def enrichment_with(places: int) -> ArticleEnrichment:
    place = ResolvedPlace(
        text="Kyiv",
        name="Kyiv",
        geonameid=703448,
        confidence=0.9,
        evidence=TextSpan(start=0, end=4, text="Kyiv"),
    )
    return ArticleEnrichment(
        article_id="a1",
        article_revision="r",
        published_at=NOW,
        language="en",
        places=[place] * places,
        extractor=ExtractorInfo(version="test"),
        extracted_at=NOW,
    )


def test_places_over_the_limit_are_counted_as_omitted() -> None:
    settings = Settings(kafka_bootstrap_servers="x:1", max_places_per_article=100)
    output = bounded_output([], enrichment_with(20_000), settings)
    (record,) = output.records
    kept = ArticleEnrichment.model_validate_json(record.value)
    assert len(kept.places) == 100
    assert kept.omitted.places == 19_900 == output.omitted.places


def test_an_enrichment_over_the_record_budget_is_cut_until_it_fits() -> None:
    settings = Settings(
        kafka_bootstrap_servers="x:1", max_record_bytes=100_000, max_places_per_article=20_000
    )
    output = bounded_output([], enrichment_with(20_000), settings)
    (record,) = output.records
    kept = ArticleEnrichment.model_validate_json(record.value)
    assert record.size <= 100_000
    assert len(kept.places) > 0 and kept.omitted.places == 20_000 - len(kept.places)
