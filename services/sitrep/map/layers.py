"""The map's layers: which topic each reads and how its messages become map items.

A layer is a topic plus a function that follows it and yields items (dicts with `layer`,
`id`, `lat`, `lon` and whatever that layer's panel shows; `revision` and `removed` where
an item changes, see `MapStore`). To add one: write its item function beside
`event_item`, a follower like `follow_events` on its topic, add a `Layer` to `layers()`,
and give the page a style for it in `static/layers.js`. The store, the stream and the
server need no change.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from sitrep.client import EventConsumer
from sitrep.client.incidents import IncidentConsumer
from sitrep.map.items import event_item, incident_item
from sitrep.settings import Settings

Follow = Callable[[Settings], AsyncIterator[dict[str, Any]]]


@dataclass(frozen=True)
class Layer:
    name: str
    topic: str
    follow: Follow
    #: The topic is another stage's, made with its own settings (compaction): the map
    #: waits until it exists instead of creating it.
    wait_for_topic: bool = False


async def follow_events(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """Every event on the topic, oldest first, then new ones as they come (no group)."""
    async with EventConsumer(
        settings=settings,
        from_beginning=True,
        client_id="sitrep-map",
        dedupe_size=settings.map_max_events,
    ) as events:
        async for event in events:
            yield event_item(event)


async def follow_incidents(settings: Settings) -> AsyncIterator[dict[str, Any]]:
    """Each incident's revisions on the topic, never an older one after a newer (no group)."""
    async with IncidentConsumer(
        settings=settings, client_id="sitrep-map", max_incidents=settings.map_max_events
    ) as incidents:
        async for incident in incidents:
            yield incident_item(incident)


def layers(settings: Settings) -> list[Layer]:
    return [
        Layer("events", settings.events_topic, follow_events),
        Layer("incidents", settings.incidents_topic, follow_incidents, wait_for_topic=True),
    ]
