"""Builders of the events the incident stage merges (unit, integration and benchmark use)."""

from __future__ import annotations

import datetime as dt

from sitrep_contracts import (
    Actor,
    ActorRole,
    ActorType,
    ArticleEnrichment,
    Attribution,
    Casualty,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    PlacePrecision,
    Qualifier,
    ResolvedPlace,
    TextSpan,
)

T0 = dt.datetime(2022, 9, 8, 9, 0, tzinfo=dt.UTC)
EXTRACTOR = ExtractorInfo(version="test")


def span(text: str) -> TextSpan:
    return TextSpan(start=0, end=len(text), text=text)


def place(
    name: str,
    latitude: float | None,
    longitude: float | None,
    *,
    geonameid: int | None = None,
    country_code: str = "UA",
    admin1_code: str | None = "UA.14",
    precision: PlacePrecision = PlacePrecision.POINT,
) -> ResolvedPlace:
    return ResolvedPlace(
        text=name,
        name=name,
        geonameid=geonameid,
        latitude=latitude,
        longitude=longitude,
        country_code=country_code,
        admin1_code=admin1_code,
        precision=precision,
        confidence=0.9,
        evidence=span(name),
    )


BAKHMUT = place("Bakhmut", 48.5956, 38.0003, geonameid=705812)
DONETSK_OBLAST = place("Donetsk", 48.0, 37.8, geonameid=709716, precision=PlacePrecision.ADMIN1)
SOLEDAR = place("Soledar", 48.6833, 38.0889, geonameid=694216)  # 12 km from Bakhmut
KHARKIV = place("Kharkiv", 49.98081, 36.25272, geonameid=706483, admin1_code="UA.07")
BELGOROD = place(
    "Belgorod", 50.61074, 36.58015, geonameid=578072, country_code="RU", admin1_code="RU.09"
)


def event(
    event_id: str,
    *,
    article_id: str | None = None,
    revision: str = "r1",
    sequence: int | None = None,
    published_at: dt.datetime = T0,
    event_type: EventType = EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    occurred_on: dt.date = dt.date(2022, 9, 8),
    precision: DatePrecision = DatePrecision.DAY,
    resolved_from: str = "explicit",
    location: ResolvedPlace | None = BAKHMUT,
    killed: int | None = 3,
    injured: int | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
    attacker_iso3: str | None = "RUS",
    confidence: float = 0.8,
    source: str | None = "Ukrainian authorities",
) -> EnrichedEvent:
    casualties = [
        Casualty(
            kind=kind,
            count=count,
            qualifier=qualifier,
            confidence=0.9,
            evidence=span(f"{count} {kind.value}"),
        )
        for kind, count in ((CasualtyKind.KILLED, killed), (CasualtyKind.INJURED, injured))
        if count is not None
    ]
    actors = (
        [
            Actor(
                text="Russian forces",
                name=f"Military Forces of {attacker_iso3}",
                actor_type=ActorType.MILITARY,
                acled_inter=1,
                country_iso3=attacker_iso3,
                role=ActorRole.ACTOR1,
                confidence=0.9,
                evidence=span("Russian forces"),
            )
        ]
        if attacker_iso3
        else []
    )
    return EnrichedEvent(
        event_id=event_id,
        article_id=article_id or f"article-{event_id}",
        article_revision=revision,
        article_sequence=sequence,
        published_at=published_at,
        event_type=event_type,
        event_type_evidence=span("shelled"),
        summary="Russian forces shelled the town.",
        summary_evidence=span("Russian forces shelled the town."),
        occurred_on=EventDate(
            date=occurred_on, precision=precision, resolved_from=resolved_from, confidence=0.9
        ),  # type: ignore[arg-type]
        location=location,
        actors=actors,
        casualties=casualties,
        attributed_to=[Attribution(source=source, evidence=span(source))] if source else [],
        confidence=confidence,
        extractor=EXTRACTOR,
        extracted_at=published_at,
    )


def enrichment(
    article_id: str,
    revision: str,
    event_ids: list[str],
    published_at: dt.datetime = T0,
    sequence: int | None = None,
) -> ArticleEnrichment:
    return ArticleEnrichment(
        article_id=article_id,
        article_revision=revision,
        article_sequence=sequence,
        published_at=published_at,
        language="en",
        event_ids=event_ids,
        extractor=EXTRACTOR,
        extracted_at=published_at,
    )


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)
