"""Client library for services that read Sitrep's output.

`EventConsumer` yields typed, filtered, de-duplicated `EnrichedEvent`s from the events
topic (`TopicConsumer` any other contract topic), from kcat-style start offsets;
`feature_collection` turns events into GeoJSON for maps.
"""

from sitrep.client.consumer import (
    ConsumerStats,
    Delivery,
    EventConsumer,
    MalformedEventError,
    Message,
    TopicConsumer,
    UnknownTopicError,
    parse_event,
    parse_message,
)
from sitrep.client.dedupe import Deduplicator
from sitrep.client.filters import EventFilter, casualty_total
from sitrep.client.geojson import feature_collection, to_feature
from sitrep.client.offsets import StartOffset, parse_offset

__all__ = [
    "ConsumerStats",
    "Deduplicator",
    "Delivery",
    "EventConsumer",
    "EventFilter",
    "MalformedEventError",
    "Message",
    "StartOffset",
    "TopicConsumer",
    "UnknownTopicError",
    "casualty_total",
    "feature_collection",
    "parse_event",
    "parse_message",
    "parse_offset",
    "to_feature",
]
