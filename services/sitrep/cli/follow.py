"""`sitrep tail` and `sitrep export`: read a topic through the typed client."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.console import Console

from sitrep.cli.errors import USAGE, CliError
from sitrep.cli.render import columns_for, envelope, panel, row
from sitrep.client import EventConsumer, EventFilter, Message, TopicConsumer, to_feature
from sitrep.client.filters import ALL_EVENTS
from sitrep.client.incidents import IncidentConsumer
from sitrep.client.incidents_geojson import incident_feature
from sitrep.settings import Settings
from sitrep_contracts import Article, ArticleEnrichment, DeadLetter, EnrichedEvent, Incident

OutputFormat = Literal["pretty", "table", "json", "payload", "geojson"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("pretty", "table", "json", "payload", "geojson")


def topic_aliases(settings: Settings) -> dict[str, str]:
    """`-t events` etc. name the configured topics."""
    return {
        "events": settings.events_topic,
        "enrichments": settings.enrichments_topic,
        "dead-letters": settings.dead_letter_topic,
        "articles": settings.articles_topic,
        "incidents": settings.incidents_topic,
    }


NOUNS: dict[type[Message] | None, str] = {
    EnrichedEvent: "event",
    ArticleEnrichment: "enrichment",
    DeadLetter: "dead letter",
    Article: "article",
    Incident: "incident revision",
}


def contract_of(settings: Settings, topic: str) -> type[Message] | None:
    """The contract of a configured topic; None for others (told by `message_type`)."""
    contracts: dict[str, type[Message]] = {
        settings.events_topic: EnrichedEvent,
        settings.enrichments_topic: ArticleEnrichment,
        settings.dead_letter_topic: DeadLetter,
        settings.articles_topic: Article,
        settings.incidents_topic: Incident,
    }
    return contracts.get(topic)


def reader(
    settings: Settings, topic: str, event_filter: EventFilter, **options: Any
) -> TopicConsumer[Any]:
    """An `EventConsumer` for events (filtered, each once), an `IncidentConsumer` for
    incidents (each revision once, never an older one), a `TopicConsumer` otherwise."""
    contract = contract_of(settings, topic)
    filtered = event_filter != ALL_EVENTS
    if contract is EnrichedEvent or (contract is None and filtered):
        return EventConsumer(settings=settings, topic=topic, event_filter=event_filter, **options)
    if filtered and contract is not None:
        raise CliError(f"filters apply to events; {topic} holds {contract.__name__}s", USAGE)
    if contract is Incident:
        return IncidentConsumer(settings=settings, topic=topic, **options)
    return TopicConsumer(settings=settings, topic=topic, contract=contract, **options)


@dataclass
class Tally:
    """What a run has shown so far (kept by the caller, so Ctrl-C does not lose it)."""

    shown: int = 0
    header_printed: bool = False
    messages: list[Any] = field(default_factory=list)  # what `collect` read


async def tail(
    messages: TopicConsumer[Any],
    tally: Tally,
    *,
    output: OutputFormat,
    max_messages: int | None,
) -> None:
    """Print each message as it arrives: one JSON object per line for json/payload/geojson."""
    console = Console()
    async with messages:
        async for delivery in messages.deliveries():
            message: Message = delivery.value
            if output == "json":
                _line(envelope(delivery))
            elif output == "payload":
                _line(message.model_dump_json())
            elif output == "geojson":
                feature = _feature(message)
                if feature is None or feature["geometry"] is None:
                    continue  # unlocated events (and other messages) have no place on a map
                _line(json.dumps(feature))
            elif output == "table":
                columns = columns_for(message)
                if not tally.header_printed:
                    _row(console, columns.header())
                    tally.header_printed = True
                _row(console, columns.line(row(message)))
            else:
                console.print(panel(message))
            tally.shown += 1
            if max_messages is not None and tally.shown >= max_messages:
                break


def _feature(message: Message) -> dict[str, Any] | None:
    if isinstance(message, EnrichedEvent):
        return to_feature(message)
    if isinstance(message, Incident):
        return incident_feature(message)
    return None


def _row(console: Console, text: str) -> None:
    """A table row: cut at the terminal's edge, whole when piped."""
    if console.is_terminal:
        console.print(text, markup=False, highlight=False, no_wrap=True, overflow="ellipsis")
    else:
        _line(text)


def _line(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def collect(messages: TopicConsumer[Any], tally: Tally) -> None:
    """Every message the reader yields (up to the end of the topic), into `tally.messages`."""
    async with messages:
        async for message in messages:
            tally.messages.append(message)
