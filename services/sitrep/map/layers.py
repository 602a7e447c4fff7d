"""The map's layers: which topic each reads and how its messages become map items.

A layer is a topic plus a function that follows it and yields items (dicts with `layer`,
`id`, `lat`, `lon` and whatever that layer's panel shows). To add one, say incidents:
write its item function beside `event_item`, a follower like `follow_events` on its topic,
add `Layer("incidents", ...)` to `layers()`, and give the page a style for it in
`static/layers.js`. The store, the stream and the server need no change.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from sitrep.client import EventConsumer
from sitrep.map.items import event_item
from sitrep.settings import Settings

Follow = Callable[[Settings], AsyncIterator[dict[str, Any]]]


@dataclass(frozen=True)
class Layer:
    name: str
    topic: str
    follow: Follow


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


def layers(settings: Settings) -> list[Layer]:
    return [Layer("events", settings.events_topic, follow_events)]
