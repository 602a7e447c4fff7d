"""How events look in a terminal; JSON output is the contract itself and needs no renderer."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sitrep_contracts import EnrichedEvent


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


def events_table(events: list[EnrichedEvent]) -> Table:
    table = Table(show_lines=False)
    for column in ("date", "type", "where", "country", "killed", "injured", "article"):
        table.add_column(column)
    for event in events:
        killed = sum(c.count or c.min or 0 for c in event.casualties if c.kind.value == "killed")
        injured = sum(c.count or c.min or 0 for c in event.casualties if c.kind.value == "injured")
        table.add_row(
            event.occurred_on.date.isoformat(),
            event.sub_event_type.value if event.sub_event_type else event.event_type.value,
            (event.location.name or event.location.text) if event.location else "-",
            (event.location.country_code or "-") if event.location else "-",
            str(killed),
            str(injured),
            event.article_id,
        )
    return table
