"""Client library for services that read Sitrep's output.

`EventConsumer` yields typed, filtered, de-duplicated `EnrichedEvent`s from the events
topic; `feature_collection` turns them into GeoJSON for maps.
"""

from sitrep.client.consumer import ConsumerStats, EventConsumer, MalformedEventError, parse_event
from sitrep.client.dedupe import Deduplicator
from sitrep.client.filters import EventFilter, casualty_total
from sitrep.client.geojson import feature_collection, to_feature

__all__ = [
    "ConsumerStats",
    "Deduplicator",
    "EventConsumer",
    "EventFilter",
    "MalformedEventError",
    "casualty_total",
    "feature_collection",
    "parse_event",
    "to_feature",
]
