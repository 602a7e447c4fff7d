"""An event whose sentences name only the country sits at the town the article keeps
naming, not "somewhere in the country"."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.events.location import main_town
from sitrep.extraction.extractor import Extractor
from sitrep_contracts import Article, PlacePrecision, ResolvedPlace, TextSpan


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _town(geonameid: int, start: int, country: str = "UA") -> ResolvedPlace:
    return ResolvedPlace(
        text="Xyz",
        name="Xyz",
        geonameid=geonameid,
        latitude=50.0,
        longitude=30.0,
        country_code=country,
        precision=PlacePrecision.POINT,
        confidence=1.0,
        evidence=TextSpan(start=start, end=start + 3, text="Xyz"),
    )


def test_the_main_town_is_named_more_than_any_other() -> None:
    assert main_town([_town(1, 0), _town(2, 10), _town(1, 20)], "UA") == _town(1, 0)
    # Once each, or a tie, or only abroad: no town is the article's own.
    assert main_town([_town(1, 0), _town(2, 10)], "UA") is None
    assert main_town([_town(1, 0), _town(2, 10), _town(1, 20), _town(2, 30)], "UA") is None
    assert main_town([_town(1, 0), _town(1, 20)], "SY") is None


def test_an_event_placed_only_in_the_country_takes_the_main_town(extractor: Extractor) -> None:
    text = (
        "Paramedics treated protesters in Sumy on Monday.\n"
        "A demonstrator was shot dead by police in Ukraine on Tuesday, a union said.\n"
        "Officials in Sumy said the talks would resume."
    )
    article = Article(
        article_id="main-town-1", text=text, published_at=dt.datetime(2023, 3, 2, 12, tzinfo=dt.UTC)
    )
    (event,) = [e for e in extractor.extract(article) if "shot dead" in e.summary]
    assert event.location is not None
    assert event.location.text == "Sumy"
    assert event.location.precision is PlacePrecision.POINT
