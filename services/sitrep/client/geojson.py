"""Events as GeoJSON (RFC 7946), the format every map library and GIS tool reads.

Pure functions over `EnrichedEvent`: no I/O, so exports, tests and notebooks share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitrep.client.filters import casualty_total
from sitrep_contracts import CasualtyKind, EnrichedEvent

#: RFC 7946 section 11.2: six decimals (about 10 cm) is more than any gazetteer centroid holds.
COORDINATE_DECIMALS = 6


def to_feature(event: EnrichedEvent) -> dict[str, Any]:
    """One GeoJSON Feature for `event`, with `[longitude, latitude]` coordinates.

    An event without coordinates becomes an unlocated Feature (`"geometry": null`, which
    RFC 7946 section 3.2 allows); `feature_collection` leaves such events out.
    """
    location = event.location
    geometry: dict[str, Any] | None = None
    if location is not None and location.latitude is not None and location.longitude is not None:
        geometry = {
            "type": "Point",
            # RFC 7946 section 3.1.1: longitude first.
            "coordinates": [
                round(location.longitude, COORDINATE_DECIMALS),
                round(location.latitude, COORDINATE_DECIMALS),
            ],
        }
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": geometry,
        "properties": {
            "event_id": event.event_id,
            "article_id": event.article_id,
            "event_type": event.event_type.value,
            "sub_event_type": event.sub_event_type.value if event.sub_event_type else None,
            "date": event.occurred_on.date.isoformat(),
            "date_precision": event.occurred_on.precision.value,
            "place": (location.name or location.text) if location else None,
            "admin1": location.admin1 if location else None,
            "country_code": location.country_code if location else None,
            "location_precision": location.precision.value if location else None,
            "killed": casualty_total(event, CasualtyKind.KILLED),
            "injured": casualty_total(event, CasualtyKind.INJURED),
            "confidence": event.confidence,
            "summary": event.summary,
        },
    }


def feature_collection(events: Iterable[EnrichedEvent]) -> dict[str, Any]:
    """A FeatureCollection of the located events, in the order given."""
    features = [to_feature(event) for event in events]
    return {
        "type": "FeatureCollection",
        "features": [feature for feature in features if feature["geometry"] is not None],
    }
