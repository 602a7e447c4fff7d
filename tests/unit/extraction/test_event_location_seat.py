"""Events known only to their region sit at the region's seat, as ACLED codes them."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.extractor import Extractor
from sitrep_contracts import Article, PlacePrecision


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def location_of(extractor: Extractor, text: str) -> tuple[PlacePrecision, float, float]:
    article = Article(
        article_id="seat-1", text=text, published_at=dt.datetime(2023, 3, 2, 12, tzinfo=dt.UTC)
    )
    (event,) = extractor.extract(article)
    place = event.location
    assert place is not None and place.latitude is not None and place.longitude is not None
    return place.precision, place.latitude, place.longitude


def test_region_named_after_its_city_is_placed_at_that_city(extractor: Extractor) -> None:
    precision, lat, lon = location_of(
        extractor, "Russian forces shelled villages in the Sumy region on Tuesday."
    )
    _, city_lat, city_lon = location_of(extractor, "Russian forces shelled Sumy on Tuesday.")
    assert precision is PlacePrecision.ADMIN1  # still says: somewhere in the region
    assert (lat, lon) == (city_lat, city_lon)


def test_region_without_a_namesake_city_keeps_its_own_point(extractor: Extractor) -> None:
    analyzer_point = next(
        (p.latitude, p.longitude)
        for p in extractor.geoparse(
            Article(
                article_id="seat-2",
                text="Drones struck Zakarpattia Oblast overnight.",
                published_at=dt.datetime(2023, 3, 2, 12, tzinfo=dt.UTC),
            )
        ).places
        if p.precision is PlacePrecision.ADMIN1
    )
    _, lat, lon = location_of(extractor, "Drones struck Zakarpattia Oblast overnight.")
    assert (lat, lon) == analyzer_point
