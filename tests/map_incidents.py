"""Synthetic `Incident` revisions for the map's tests: invented places, sources and tolls."""

from __future__ import annotations

import datetime as dt

from sitrep_contracts import (
    ActorRole,
    ActorType,
    CasualtyKind,
    DatePrecision,
    EventType,
    Incident,
    IncidentActor,
    IncidentReport,
    IncidentStatus,
    IncidentToll,
    PlacePrecision,
    Qualifier,
    ResolvedPlace,
    TextSpan,
    TollRule,
)

FIRST_REPORT = dt.datetime(2024, 6, 3, 8, 0, tzinfo=dt.UTC)


def make_incident(
    incident_id: str,
    *,
    revision: int = 1,
    killed: int = 4,
    reports: int = 1,
    place: str = "Westmarsh",
    source: str = "Desk",
    lat: float = 47.2,
    lon: float = 33.1,
    precision: PlacePrecision = PlacePrecision.POINT,
    status: IncidentStatus = IncidentStatus.OPEN,
) -> Incident:
    """Revision `revision` of an incident with `reports` reports, one article each; the
    killed figure is the latest report's (rule `latest_credible`)."""
    published = [FIRST_REPORT + dt.timedelta(hours=3 * n) for n in range(reports)]
    return Incident(
        incident_id=incident_id,
        revision=revision,
        status=status,
        event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE,
        place=ResolvedPlace(
            text=place,
            name=place,
            latitude=lat,
            longitude=lon,
            country_code="UA",
            admin1="Southvale",
            precision=precision,
            confidence=0.9,
            evidence=TextSpan(start=0, end=len(place), text=place),
        ),
        date_from=dt.date(2024, 6, 2),
        date_to=dt.date(2024, 6, 3),
        date_precision=DatePrecision.DAY,
        actors=[
            IncidentActor(
                name="Ruritanian forces", actor_type=ActorType.MILITARY, role=ActorRole.ACTOR1
            )
        ],
        tolls=[
            IncidentToll(
                kind=CasualtyKind.KILLED,
                count=killed,
                qualifier=Qualifier.AT_LEAST,
                rule=TollRule.LATEST_CREDIBLE,
                event_id=f"{incident_id}-r{reports - 1}",
                reported_at=published[-1],
            )
        ],
        reports=[
            IncidentReport(
                event_id=f"{incident_id}-r{n}",
                article_id=f"{incident_id}-article-{n}",
                article_revision="v1",
                published_at=at,
                sources=[f"{source} {chr(65 + n % 2)}"],
                withdrawn=status is IncidentStatus.RETRACTED,
            )
            for n, at in enumerate(published)
        ],
        first_reported_at=published[0],
        last_reported_at=published[-1],
        updated_at=published[-1] + dt.timedelta(minutes=5),
    )
