"""Builders for the typed events the client tests filter, de-duplicate and map."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep_contracts import (
    Casualty,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    ResolvedPlace,
    TextSpan,
)

PUBLISHED = dt.datetime(2022, 9, 9, 12, 0, tzinfo=dt.UTC)


def span(text: str) -> TextSpan:
    return TextSpan(start=0, end=len(text), text=text)


def killed(count: int | None, **fields: Any) -> Casualty:
    return Casualty(
        kind=CasualtyKind.KILLED, count=count, confidence=0.9, evidence=span("killed"), **fields
    )


def injured(count: int | None, **fields: Any) -> Casualty:
    return Casualty(
        kind=CasualtyKind.INJURED, count=count, confidence=0.9, evidence=span("injured"), **fields
    )


def place(
    name: str | None = "Kharkiv",
    *,
    latitude: float | None = 49.98081,
    longitude: float | None = 36.25272,
    country_code: str | None = "UA",
    **fields: Any,
) -> ResolvedPlace:
    return ResolvedPlace(
        text=fields.pop("text", name or "somewhere"),
        name=name,
        latitude=latitude,
        longitude=longitude,
        country_code=country_code,
        confidence=0.9,
        evidence=span(name or "somewhere"),
        **fields,
    )


def build_event(
    event_id: str = "evt-1",
    *,
    article_id: str = "afp-kharkiv-2022-09-09",
    event_type: EventType = EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    occurred_on: dt.date = dt.date(2022, 9, 8),
    location: ResolvedPlace | None = None,
    casualties: list[Casualty] | None = None,
    **fields: Any,
) -> EnrichedEvent:
    summary = fields.pop("summary", "Russian strikes on Kharkiv killed two people.")
    return EnrichedEvent(
        event_id=event_id,
        article_id=article_id,
        article_revision="0123456789abcdef",
        published_at=PUBLISHED,
        event_type=event_type,
        event_type_evidence=span("strikes"),
        summary=summary,
        summary_evidence=span(summary),
        occurred_on=EventDate(
            date=occurred_on, precision=DatePrecision.DAY, resolved_from="explicit", confidence=0.9
        ),
        location=location,
        casualties=casualties or [],
        confidence=fields.pop("confidence", 0.75),
        extractor=ExtractorInfo(version="test"),
        extracted_at=PUBLISHED,
        **fields,
    )


class Builders:
    """Test-data builders, reached through the `build` fixture (conftest is not importable)."""

    span = staticmethod(span)
    killed = staticmethod(killed)
    injured = staticmethod(injured)
    place = staticmethod(place)

    @staticmethod
    def event(event_id: str = "evt-1", **overrides: Any) -> EnrichedEvent:
        """A valid EnrichedEvent, located in Kharkiv unless `location` is given."""
        overrides.setdefault("location", place())
        return build_event(event_id, **overrides)


@pytest.fixture
def build() -> type[Builders]:
    return Builders
