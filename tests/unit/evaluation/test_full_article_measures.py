"""The full-article measures: gold event among the events, every coded incident, and
non-conflict news. Made-up places and events only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.evaluation.common import Admin1Names, Extracted, same_name
from sitrep.evaluation.negatives import evaluate_negatives
from sitrep.evaluation.ucdp import _score_incidents, _score_ucdp, ucdp_country
from sitrep_contracts import (
    Article,
    ArticleEnrichment,
    Casualty,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    PlacePrecision,
    ResolvedPlace,
    TextSpan,
)

NOW = dt.datetime(2021, 6, 10, 12, 0, tzinfo=dt.UTC)
INFO = ExtractorInfo(version="test")
SPAN = TextSpan(start=0, end=1, text="x")


def event(
    day: str, place: str | None, country: str = "SY", killed: int | None = None, n: int = 0
) -> EnrichedEvent:
    location = (
        ResolvedPlace(
            text=place,
            name=place,
            country_code=country,
            precision=PlacePrecision.POINT,
            confidence=0.9,
            evidence=SPAN,
        )
        if place
        else None
    )
    casualties = (
        [Casualty(kind=CasualtyKind.KILLED, count=killed, confidence=0.9, evidence=SPAN)]
        if killed is not None
        else []
    )
    return EnrichedEvent(
        event_id=f"ev-{n}",
        article_id="a",
        article_revision="r",
        published_at=NOW,
        event_type=EventType.BATTLES,
        event_type_evidence=SPAN,
        summary="x",
        summary_evidence=SPAN,
        occurred_on=EventDate(
            date=dt.date.fromisoformat(day),
            precision=DatePrecision.DAY,
            resolved_from="explicit",
            confidence=0.9,
        ),
        confidence=0.9,
        location=location,
        casualties=casualties,
        extractor=INFO,
        extracted_at=NOW,
    )


def extracted(row: dict[str, Any], events: list[EnrichedEvent]) -> Extracted:
    enrichment = ArticleEnrichment(
        article_id="a",
        article_revision="r",
        published_at=NOW,
        language="en",
        extractor=INFO,
        extracted_at=NOW,
    )
    return Extracted(row, events, enrichment)


def incident(day: str, place: str, country: str = "SY", **extra: Any) -> dict[str, Any]:
    return {
        "date": day,
        "date_precision": "day",
        "place": place,
        "admin1": None,
        "country": country,
        "recap": False,
        "killed": None,
        **extra,
    }


@pytest.fixture(scope="module")
def regions() -> Admin1Names:
    return Admin1Names()


def test_each_incident_counts_once_and_a_second_event_is_a_duplicate(
    regions: Admin1Names,
) -> None:
    coded = {
        "1": [
            incident("2021-06-08", "Zarqa Village", killed=3),
            incident("2021-06-09", "Tell Abyad"),
        ]
    }
    events = [
        event("2021-06-08", "Zarqa", killed=3, n=1),  # the first incident, its toll right
        event("2021-06-09", "Zarqa", n=2),  # the first incident again: a duplicate
        event("2021-06-09", "Paris", country="FR", n=3),  # no incident, another country
    ]
    result = _score_incidents([extracted({"id": 1}, events)], coded, regions)
    assert result["incident_precision"] == pytest.approx(1 / 3)
    assert result["duplicate_share"] == pytest.approx(1 / 3)
    assert result["outside_article_countries"] == pytest.approx(1 / 3)
    assert result["recall_all"] == pytest.approx(1 / 2)
    assert result["killed_exact_on_matched"] == 1.0


def test_matched_incidents_compare_their_event_type(regions: Admin1Names) -> None:
    coded = {
        "1": [
            incident("2021-06-08", "Zarqa", event_type="Battles", sub_event_type="Armed clash"),
            incident(
                "2021-06-09",
                "Tell Abyad",
                event_type="Violence against civilians",
                sub_event_type="Attack",
            ),
        ]
    }
    events = [event("2021-06-08", "Zarqa", n=1), event("2021-06-09", "Tell Abyad", n=2)]
    result = _score_incidents([extracted({"id": 1}, events)], coded, regions)
    # both test events are Battles with no sub-event type: one type right, no sub-type
    assert result["event_type_exact_on_matched"] == pytest.approx(1 / 2)
    assert result["sub_event_type_exact_on_matched"] == 0.0


def test_matched_incidents_compare_their_recap_flag(regions: Admin1Names) -> None:
    coded = {
        "1": [
            incident("2021-06-08", "Zarqa"),
            incident("2021-05-01", "Tell Abyad", recap=True),
            incident("2021-04-02", "Tell Abyad", recap=True),
        ]
    }
    events = [
        event("2021-06-08", "Zarqa", n=1).model_copy(update={"recap": True}),  # flagged, new
        event("2021-05-01", "Tell Abyad", n=2).model_copy(update={"recap": True}),  # right
        event("2021-04-02", "Tell Abyad", n=3),  # a recalled incident not flagged
    ]
    result = _score_incidents([extracted({"id": 1}, events)], coded, regions)
    assert result["recap_flag_agrees_on_matched"] == pytest.approx(1 / 3)
    assert result["recap_flag_precision"] == pytest.approx(1 / 2)
    assert result["recap_flag_recall"] == pytest.approx(1 / 2)


def test_the_gold_event_is_the_best_agreeing_event(regions: Admin1Names) -> None:
    row = {
        "id": 7,
        "deaths_low": 4,
        "deaths_high": 5,
        "location_root_name": "Syria",
        "location_adm1_name": "",
        "location_where_name": "Zarqa village",
        "start_date": "2021-06-08",
        "end_date": "2021-06-08",
    }
    events = [
        event("2021-06-08", "Zarqa", killed=5, n=1),
        event("2020-01-01", "Tell Abyad", killed=600, n=2),  # a war-wide toll
    ]
    result = _score_ucdp([extracted(row, events)], {}, regions)
    assert result["gold_toll_among_events"] == 1.0
    assert result["place"] == 1.0
    assert result["date_within_a_day"] == 1.0
    assert result["toll_far_above_gold"] == 1.0


def test_country_and_place_names_compare_as_news_and_coders_write_them() -> None:
    assert ucdp_country("Myanmar (Burma)", {"Myanmar (Burma)": "MM"}) == "MM"
    assert ucdp_country("Syria", {}) == "SY"
    assert same_name("Al-Zarqa", "Zarqa town")
    assert not same_name("Zarqa", "Tell Abyad")


def test_admin1_names_compare_by_code_whatever_the_spelling(regions: Admin1Names) -> None:
    assert regions.same("SY.11", "Ḩimş", "SY", "Homs")
    assert not regions.same("SY.11", "Ḩimş", "SY", "Hama")


class _NoEvents:
    def enrich(self, article: Article) -> Any:
        enrichment = ArticleEnrichment(
            article_id=article.article_id,
            article_revision="r",
            published_at=article.published_at,
            language="en",
            extractor=INFO,
            extracted_at=NOW,
        )
        events = [event("2021-06-08", "Zarqa", killed=2)] if "shot" in article.text else []
        return type("Result", (), {"events": events, "article": enrichment})()


def test_non_conflict_news_counts_articles_with_events_and_deaths(tmp_path: Any) -> None:
    path = tmp_path / "negatives.jsonl"
    path.write_text(
        '{"id": "n1", "text": "The outbreak spread.", "expected_events": 0}\n'
        '{"id": "n2", "text": "A man was shot.", "expected_events": 0}\n',
        encoding="utf-8",
    )
    result = evaluate_negatives(path, _NoEvents())["negatives"]
    assert result["articles_with_event"] == 0.5
    assert result["events_with_deaths"] == 1


def test_non_conflict_news_reports_the_share_with_events_by_genre(tmp_path: Any) -> None:
    path = tmp_path / "other-news.jsonl"
    rows = [
        ("s1", "sport", "The team won the final."),
        ("s2", "sport", "A fan was shot outside the stadium."),
        ("p1", "politics", "The parliament passed the budget."),
    ]
    path.write_text(
        "".join(
            f'{{"id": "{i}", "text": "{text}", "genre": "{genre}", "expected_events": 0}}\n'
            for i, genre, text in rows
        ),
        encoding="utf-8",
    )
    assert evaluate_negatives(path, _NoEvents())["by_genre"] == {"politics": 0.0, "sport": 0.5}
