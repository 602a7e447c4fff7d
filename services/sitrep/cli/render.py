"""How messages look in a terminal, and `tail --json`'s record envelope (kcat -J's fields)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sitrep.client import Delivery, Message, casualty_total
from sitrep_contracts import (
    Article,
    ArticleEnrichment,
    CasualtyKind,
    DeadLetter,
    EnrichedEvent,
    Incident,
)


def _place(event: EnrichedEvent) -> str:
    place = event.location
    if place is None:
        return "-"
    where = place.name or place.text
    region = ", ".join(part for part in (place.admin1, place.country_code) if part)
    ident = f" (GeoNames {place.geonameid})" if place.geonameid else ""
    coords = (
        f" ({place.latitude:.4f}, {place.longitude:.4f})"
        if place.latitude is not None and place.longitude is not None
        else ""
    )
    return f"{where} ({region}){ident}{coords}" if region else f"{where}{ident}{coords}"


def event_panel(event: EnrichedEvent) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    kind = event.event_type.value + (
        f" / {event.sub_event_type.value}" if event.sub_event_type else ""
    )
    grid.add_row("what", kind)
    grid.add_row(
        "when", f"{event.occurred_on.date.isoformat()} ({event.occurred_on.precision.value})"
    )
    grid.add_row(
        "where", f'{_place(event)}  \u2190 "{event.location.text}"' if event.location else "-"
    )
    for actor in event.actors:
        who = escape(
            f"{actor.name} [{actor.actor_type.value}"
            f"{', ' + actor.country_iso3 if actor.country_iso3 else ''}]"
        )
        if actor.person:
            who += f" {actor.title + ' ' if actor.title else ''}{actor.person}"
        grid.add_row(actor.role.value, who)
    for casualty in event.casualties:
        low = "?" if casualty.min is None else casualty.min
        high = "?" if casualty.max is None else casualty.max
        figure = str(casualty.count) if casualty.count is not None else f"{low}-{high}"

        qualifier = "" if casualty.qualifier.value == "exact" else f" ({casualty.qualifier.value})"
        grid.add_row(casualty.kind.value, f"{figure}{qualifier} {casualty.victim_type.value}")
    for source in event.attributed_to:
        grid.add_row("source", source.source)
    grid.add_row("evidence", Text(event.summary, style="italic"))
    title = (
        f"{event.article_id} \u00b7 {event.event_id[:12]} \u00b7 confidence {event.confidence:.2f}"
    )
    return Panel(Group(grid), title=title, title_align="left", expand=True)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Columns:
    """A table printed one row at a time, so rows appear as messages arrive."""

    names: Sequence[str]
    widths: Sequence[int]  # the last column takes what is left

    def line(self, cells: Sequence[str]) -> str:
        parts = [
            (cell if len(cell) <= width else cell[: width - 1] + "\u2026").ljust(width)
            for cell, width in zip(cells[:-1], self.widths, strict=False)
        ]
        return "  ".join([*parts, cells[-1]])

    def header(self) -> str:
        return self.line([name.upper() for name in self.names])


EVENT_COLUMNS = Columns(
    ("date", "type", "where", "cc", "killed", "injured", "article"), (10, 28, 22, 2, 6, 7)
)
LETTER_COLUMNS = Columns(("failed", "reason", "from", "article", "error"), (16, 20, 9, 24))
ENRICHMENT_COLUMNS = Columns(("published", "places", "events", "article"), (16, 6, 6))
ARTICLE_COLUMNS = Columns(("published", "chars", "article", "title"), (16, 7, 32))
INCIDENT_COLUMNS = Columns(
    ("date", "type", "where", "cc", "killed", "injured", "reports", "rev", "status", "incident"),
    (10, 28, 22, 2, 6, 7, 7, 3, 9),
)


def columns_for(message: Message) -> Columns:
    match message:
        case EnrichedEvent():
            return EVENT_COLUMNS
        case DeadLetter():
            return LETTER_COLUMNS
        case ArticleEnrichment():
            return ENRICHMENT_COLUMNS
        case Article():
            return ARTICLE_COLUMNS
        case Incident():
            return INCIDENT_COLUMNS


def row(message: Message) -> list[str]:
    """One message's cells for its table (`columns_for`)."""
    match message:
        case EnrichedEvent() as event:
            place = event.location
            return [
                event.occurred_on.date.isoformat(),
                event.sub_event_type.value if event.sub_event_type else event.event_type.value,
                (place.name or place.text) if place else "-",
                (place.country_code or "-") if place else "-",
                str(casualty_total(event, CasualtyKind.KILLED)),
                str(casualty_total(event, CasualtyKind.INJURED)),
                event.article_id,
            ]
        case DeadLetter() as letter:
            return [
                _iso(letter.failed_at),
                letter.reason.value,
                f"{letter.source_partition}@{letter.source_offset}",  # of the source topic
                letter.article_id or "-",
                letter.error_message.splitlines()[0] if letter.error_message else "",
            ]
        case ArticleEnrichment() as enrichment:
            return [
                _iso(enrichment.published_at),
                str(len(enrichment.places)),
                str(len(enrichment.event_ids)),
                enrichment.article_id,
            ]
        case Article() as article:
            return [
                _iso(article.published_at),
                str(len(article.text)),
                article.article_id,
                article.title or article.text[:80].replace("\n", " "),
            ]
        case Incident() as incident:
            place = incident.place
            tolls = {toll.kind: toll.count for toll in incident.tolls}
            when = incident.date_from.isoformat()
            return [
                when if incident.date_to == incident.date_from else f"{when}+",
                incident.sub_event_type.value
                if incident.sub_event_type
                else incident.event_type.value,
                (place.name or place.text) if place else "-",
                (place.country_code or "-") if place else "-",
                str(tolls.get(CasualtyKind.KILLED, "-")),
                str(tolls.get(CasualtyKind.INJURED, "-")),
                str(sum(not report.withdrawn for report in incident.reports)),
                str(incident.revision),
                incident.status.value,
                incident.incident_id,
            ]


def panel(message: Message) -> RenderableType:
    """The pretty, multi-line view of any message."""
    if isinstance(message, EnrichedEvent):
        return event_panel(message)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    for name, value in zip(columns_for(message).names, row(message), strict=True):
        grid.add_row(name, escape(value))
    if isinstance(message, ArticleEnrichment):
        names = ", ".join(dict.fromkeys(p.name or p.text for p in message.places))
        grid.add_row("where", escape(names or "-"))
    title = type(message).__name__
    return Panel(grid, title=title, title_align="left", expand=True)


def envelope(delivery: Delivery[Message]) -> str:
    """One JSON line: the record's topic, partition, offset, time, key and headers (named
    as in kcat -J; headers as [name, value] pairs) and the message as `payload`."""
    return json.dumps(
        {
            "topic": delivery.topic,
            "partition": delivery.partition,
            "offset": delivery.offset,
            "tstype": "logappend" if delivery.timestamp_type == 1 else "create",
            "ts": delivery.timestamp_ms,
            "key": _text(delivery.key),
            "headers": [[name, _text(value)] for name, value in delivery.headers],
            "payload": delivery.value.model_dump(mode="json"),
        },
        ensure_ascii=False,
    )


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode("utf-8", "backslashreplace")
