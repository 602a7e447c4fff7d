"""`sitrep tail` and `sitrep export`: read the events topic through the typed client."""

from __future__ import annotations

import json
import sys
from typing import Literal

from rich.console import Console

from sitrep.cli.render import event_panel, events_table
from sitrep.client import EventConsumer, EventFilter, feature_collection, to_feature
from sitrep.settings import Settings
from sitrep_contracts import EnrichedEvent

OutputFormat = Literal["pretty", "table", "json", "geojson"]


async def tail(
    settings: Settings,
    event_filter: EventFilter,
    *,
    output: OutputFormat,
    from_beginning: bool,
    group_id: str | None,
    max_events: int | None,
    idle_timeout_s: float | None,
) -> int:
    """Follow the events topic. `json` and `geojson` write one object per line (NDJSON)."""
    console = Console()
    count = 0
    batch: list[EnrichedEvent] = []
    async with EventConsumer(
        settings=settings,
        group_id=group_id,
        event_filter=event_filter,
        from_beginning=from_beginning,
        idle_timeout_s=idle_timeout_s,
    ) as events:
        async for event in events:
            count += 1
            if output == "json":
                sys.stdout.write(event.model_dump_json() + "\n")
                sys.stdout.flush()
            elif output == "geojson":
                feature = to_feature(event)
                if feature["geometry"] is not None:  # unlocated events have no place on a map
                    sys.stdout.write(json.dumps(feature) + "\n")
                    sys.stdout.flush()
            elif output == "table":
                batch.append(event)
                if len(batch) >= 20:
                    console.print(events_table(batch))
                    batch.clear()
            else:
                console.print(event_panel(event))
            if max_events is not None and count >= max_events:
                break
    if batch:
        console.print(events_table(batch))
    return count


async def export_geojson(
    settings: Settings, event_filter: EventFilter, *, idle_timeout_s: float
) -> dict[str, object]:
    """Every event on the topic so far (deduplicated, filtered) as one FeatureCollection."""
    events: list[EnrichedEvent] = []
    async with EventConsumer(
        settings=settings,
        event_filter=event_filter,
        from_beginning=True,
        idle_timeout_s=idle_timeout_s,
    ) as stream:
        async for event in stream:
            events.append(event)
    return feature_collection(events)
