"""An event whose sentences name only the country sits at the town the article keeps
naming, not "somewhere in the country"."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.events.location import main_town, only_region
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


def _region(admin1: str, start: int, country: str = "MX") -> ResolvedPlace:
    return _town(0, start, country).model_copy(
        update={"precision": PlacePrecision.ADMIN1, "admin1_code": admin1}
    )


def test_the_one_region_the_article_names_is_the_fallback() -> None:
    one = [_region("MX.11", 0), _region("MX.11", 40)]
    assert only_region(one, "MX") == one[0]
    # Two regions, a town too, or only abroad: the country stays.
    assert only_region([_region("MX.11", 0), _region("MX.14", 40)], "MX") is None
    assert only_region([_region("MX.11", 0), _town(1, 40, "MX")], "MX") is None
    assert only_region([_region("MX.11", 0)], "GT") is None


def test_an_event_placed_only_in_the_country_takes_the_one_named_state(
    extractor: Extractor,
) -> None:
    filler = "The area was cordoned off while forensic staff worked at the scene. " * 16
    text = (
        "Gunmen shot dead a shopkeeper outside a clinic on Monday, Mexican police said.\n"
        f"{filler}\n"
        "A message left beside the body read: the state of Puebla belongs to us."
    )
    article = Article(
        article_id="one-region-1",
        text=text,
        published_at=dt.datetime(2023, 3, 2, 12, tzinfo=dt.UTC),
    )
    (event,) = extractor.extract(article)
    assert event.location is not None
    assert (event.location.text, event.location.precision) == ("Puebla", PlacePrecision.ADMIN1)
