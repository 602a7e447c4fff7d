"""What the page gets for one event or incident: the GeoJSON properties plus the detail
panel's fields.

Pure functions over `EnrichedEvent` and `Incident`. Highlight offsets are computed here,
in code points relative to the event's summary, because the contract's offsets are Python
`str` indices into the whole article; the page slices `Array.from(summary)` (code points
too) and never parses markup.
"""

from __future__ import annotations

from typing import Any

from sitrep.client import to_feature
from sitrep.client.incidents_geojson import incident_feature
from sitrep_contracts import EnrichedEvent, Incident, IncidentStatus, TextSpan

#: What each highlight marks; the page styles `mark.hl-<kind>` and says the kind in words.
PLACE, ACTOR, NUMBER, TRIGGER, DATE, SOURCE = (
    "place",
    "actor",
    "number",
    "trigger",
    "date",
    "source",
)
#: Which kind is marked where spans overlap: the figures first, as readers check them first.
PRIORITY = (NUMBER, PLACE, TRIGGER, ACTOR, DATE, SOURCE)


def event_item(event: EnrichedEvent) -> dict[str, Any]:
    """The map item for `event` (JSON-ready; `lat`/`lon` are None for unlocated events).

    The top level is what the map, the list and the filters need for every event; `detail`
    holds what only the open panel shows, fetched when a reader opens the event, so a page
    loading 10,000 events parses a fifth of the bytes.
    """
    feature = to_feature(event)
    properties = feature["properties"]
    coordinates = feature["geometry"]["coordinates"] if feature["geometry"] else (None, None)
    return {
        "layer": "events",
        "id": event.event_id,
        "article_id": event.article_id,
        "type": properties["event_type"],
        "sub_type": properties["sub_event_type"],
        "date": properties["date"],
        "published_at": event.published_at.isoformat(),
        "lon": coordinates[0],
        "lat": coordinates[1],
        "place": properties["place"],
        "country": properties["country_code"],
        "precision": properties["location_precision"],
        "killed": properties["killed"],
        "injured": properties["injured"],
        "detail": {
            "date_precision": properties["date_precision"],
            "admin1": properties["admin1"],
            "confidence": properties["confidence"],
            "actors": [
                {
                    "name": actor.name,
                    "text": actor.text,
                    "type": actor.actor_type.value,
                    "role": actor.role.value,
                    "person": actor.person,
                    "title": actor.title,
                    "country": actor.country_iso3,
                }
                for actor in event.actors
            ],
            "casualties": [
                {
                    "kind": casualty.kind.value,
                    "count": casualty.count,
                    "min": casualty.min,
                    "max": casualty.max,
                    "qualifier": casualty.qualifier.value,
                    "victims": casualty.victim_type.value,
                }
                for casualty in event.casualties
            ],
            "sources": [attribution.source for attribution in event.attributed_to],
            "summary": event.summary,
            "highlights": highlights(event),
        },
    }


def highlights(event: EnrichedEvent) -> list[dict[str, Any]]:
    """Non-overlapping spans of the summary to mark, in order, as summary code-point offsets.

    A span outside the summary, or whose recorded text is not what the summary holds at
    that place, is left out rather than marking the wrong characters. Where two overlap
    ("At least 12 people" as actor and as casualty figure), the kind first in `PRIORITY`
    is marked, then the longer span.
    """
    candidates: list[tuple[str, str, TextSpan]] = []
    if event.location is not None:
        name = event.location.name or event.location.text
        candidates.append((PLACE, name, event.location.evidence))
    candidates += [(ACTOR, actor.name, actor.evidence) for actor in event.actors]
    candidates += [
        (NUMBER, casualty.kind.value, casualty.evidence) for casualty in event.casualties
    ]
    candidates.append((TRIGGER, event.event_type.value, event.event_type_evidence))
    if event.occurred_on.evidence is not None:
        candidates.append((DATE, event.occurred_on.date.isoformat(), event.occurred_on.evidence))
    candidates += [(SOURCE, source.source, source.evidence) for source in event.attributed_to]

    base = event.summary_evidence.start
    placed: list[tuple[int, int, str, str]] = []
    for kind, label, span in candidates:
        start, end = span.start - base, span.end - base
        if 0 <= start < end <= len(event.summary) and event.summary[start:end] == span.text:
            placed.append((start, end, kind, label))
    placed.sort(key=lambda mark: (PRIORITY.index(mark[2]), mark[0] - mark[1], mark[0]))
    kept: list[tuple[int, int, str, str]] = []
    for mark in placed:
        if all(mark[1] <= other[0] or mark[0] >= other[1] for other in kept):
            kept.append(mark)
    return [
        {"start": start, "end": end, "kind": kind, "label": label}
        for start, end, kind, label in sorted(kept)
    ]


def incident_item(incident: Incident) -> dict[str, Any]:
    """The map item for one revision of `incident`; a retracted one is a removal.

    `revision` lets the store replace the incident's earlier item; `removed` takes it out.
    `date` is the last day of the incident's window (the list sorts and the filters match
    on it, with `date_from`), `published_at` its latest report.
    """
    if incident.status is IncidentStatus.RETRACTED:
        return {
            "layer": "incidents",
            "id": incident.incident_id,
            "revision": incident.revision,
            "removed": True,
        }
    feature = incident_feature(incident)
    properties = feature["properties"]
    coordinates = feature["geometry"]["coordinates"] if feature["geometry"] else (None, None)
    standing = [report for report in incident.reports if not report.withdrawn]
    return {
        "layer": "incidents",
        "id": incident.incident_id,
        "revision": incident.revision,
        "type": properties["event_type"],
        "sub_type": properties["sub_event_type"],
        "date": properties["date_to"],
        "date_from": properties["date_from"],
        "published_at": properties["last_reported_at"],
        "lon": coordinates[0],
        "lat": coordinates[1],
        "place": properties["place"],
        "country": properties["country_code"],
        "precision": properties["location_precision"],
        "killed": properties["killed"],
        "injured": properties["injured"],
        "reports": properties["reports"],
        "detail": {
            "admin1": properties["admin1"],
            "date_precision": incident.date_precision.value,
            "tolls": [
                {
                    "kind": toll.kind.value,
                    "count": toll.count,
                    "qualifier": toll.qualifier.value,
                    "rule": toll.rule.value,
                    "reported_at": toll.reported_at.isoformat(),
                }
                for toll in incident.tolls
            ],
            "actors": [
                {"name": actor.name, "type": actor.actor_type.value, "role": actor.role.value}
                for actor in incident.actors
            ],
            "articles": properties["articles"],
            "withdrawn": len(incident.reports) - len(standing),
            "sources": sorted({source for report in standing for source in report.sources}),
            "first_reported_at": properties["first_reported_at"],
            "updated_at": incident.updated_at.isoformat(),
        },
    }
