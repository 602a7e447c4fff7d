"""Synthetic `EnrichedEvent`s for the map's tests and benchmark.

Invented places on a grid, invented actors and sources: every evidence span points at the
characters it names in the summary, as the extractor's do, so highlights can be checked.
"""

from __future__ import annotations

import datetime as dt
import random

from sitrep_contracts import (
    Actor,
    ActorRole,
    ActorType,
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
    VictimType,
)

PUBLISHED = dt.datetime(2024, 5, 2, 9, 0, tzinfo=dt.UTC)
#: The summary starts this far into its (imaginary) article, as real summaries do.
ARTICLE_OFFSET = 120


class _Writer:
    """Builds a summary piece by piece and records where each named piece sits."""

    def __init__(self) -> None:
        self.text = ""

    def plain(self, text: str) -> None:
        self.text += text

    def span(self, text: str) -> TextSpan:
        start = ARTICLE_OFFSET + len(self.text)
        self.text += text
        return TextSpan(start=start, end=start + len(text), text=text)


def make_event(
    event_id: str,
    *,
    place: str = "Northbrook",
    lat: float | None = 48.5,
    lon: float | None = 35.0,
    country: str = "UA",
    event_type: EventType = EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    killed: int = 3,
    injured: int = 0,
    actor: str = "Military Forces of Ruritania",
    actor_text: str = "Ruritanian forces",
    source: str = "regional officials",
    day: dt.date = dt.date(2024, 5, 1),
    precision: PlacePrecision = PlacePrecision.POINT,
    article_id: str | None = None,
) -> EnrichedEvent:
    """One event whose summary reads like a wire sentence and whose spans all line up."""
    w = _Writer()
    killed_span = w.span(f"{killed} civilians were killed")
    injured_span = None
    if injured:
        w.plain(" and ")
        injured_span = w.span(f"{injured} injured")
    w.plain(" when ")
    actor_span = w.span(actor_text)
    w.plain(" ")
    trigger = w.span("shelled")
    w.plain(" ")
    place_span = w.span(place)
    w.plain(" on ")
    date_span = w.span(day.strftime("%d %B"))
    w.plain(", ")
    source_span = w.span(source)
    w.plain(" said.")
    casualties = [
        Casualty(
            kind=CasualtyKind.KILLED,
            count=killed,
            victim_type=VictimType.CIVILIANS,
            confidence=0.9,
            evidence=killed_span,
        )
    ]
    if injured_span is not None:
        casualties.append(
            Casualty(
                kind=CasualtyKind.INJURED,
                count=injured,
                min=injured,
                qualifier=Qualifier.AT_LEAST,
                confidence=0.8,
                evidence=injured_span,
            )
        )
    location = None
    if lat is not None and lon is not None:
        location = ResolvedPlace(
            text=place,
            name=place,
            latitude=lat,
            longitude=lon,
            country_code=country,
            admin1="Eastland",
            precision=precision,
            confidence=0.9,
            evidence=place_span,
        )
    summary_span = TextSpan(start=ARTICLE_OFFSET, end=ARTICLE_OFFSET + len(w.text), text=w.text)
    return EnrichedEvent(
        event_id=event_id,
        article_id=article_id or f"article-{event_id}",
        article_revision="0123456789abcdef",
        published_at=PUBLISHED,
        event_type=event_type,
        event_type_evidence=trigger,
        summary=w.text,
        summary_evidence=summary_span,
        occurred_on=EventDate(
            date=day,
            precision=DatePrecision.DAY,
            resolved_from="explicit",
            confidence=0.9,
            evidence=date_span,
        ),
        location=location,
        actors=[
            Actor(
                text=actor_text,
                name=actor,
                actor_type=ActorType.MILITARY,
                acled_inter=8,
                role=ActorRole.ACTOR1,
                confidence=0.8,
                evidence=actor_span,
            )
        ],
        casualties=casualties,
        attributed_to=[Attribution(source=source, evidence=source_span)],
        confidence=0.82,
        extractor=ExtractorInfo(version="test"),
        extracted_at=PUBLISHED,
    )


def many_events(count: int, seed: int = 7) -> list[EnrichedEvent]:
    """`count` events spread over Europe and the Middle East, all types, a year of days.

    Built by copying one validated event per toll (building 10,000 from scratch takes
    seconds): each copy has its own id, place, type, day and precision.
    """
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    types = list(EventType)
    precisions = [PlacePrecision.POINT] * 4 + [PlacePrecision.ADMIN1, PlacePrecision.ADMIN2]
    templates: dict[tuple[int, int], EnrichedEvent] = {}
    events = []
    for i in range(count):
        toll = (rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40]), rng.choice([0, 0, 1, 4, 9]))
        if toll not in templates:
            templates[toll] = make_event("template", killed=toll[0], injured=toll[1])
        template = templates[toll]
        assert template.location is not None
        location = template.location.model_copy(
            update={
                "name": f"Place {i}",
                "latitude": round(rng.uniform(30.0, 60.0), 4),
                "longitude": round(rng.uniform(-10.0, 50.0), 4),
                "country_code": rng.choice(["UA", "PL", "TR", "SY", "FR", "DE"]),
                "precision": rng.choice(precisions),
            }
        )
        day = dt.date(2023, 5, 1) + dt.timedelta(days=rng.randrange(365))
        events.append(
            template.model_copy(
                update={
                    "event_id": f"bulk-{i:05d}",
                    "article_id": f"article-bulk-{i:05d}",
                    "event_type": rng.choice(types),
                    "location": location,
                    "occurred_on": template.occurred_on.model_copy(update={"date": day}),
                }
            )
        )
    return events
