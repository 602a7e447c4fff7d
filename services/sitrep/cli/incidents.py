"""`sitrep incidents`: run the incident stage; `sitrep incidents export`: GeoJSON; and the
renderer behind `sitrep tail --incidents`."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sitrep.observability.logging import configure_logging
from sitrep.settings import Settings

if TYPE_CHECKING:  # the client loads aiokafka: only when a command needs it
    from sitrep_contracts import Incident

app = typer.Typer(
    help="Merge events from many articles into incidents that update as tolls rise.",
    invoke_without_command=True,
)


def _settings() -> Settings:
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    return settings


@app.callback()
def incidents(ctx: typer.Context) -> None:
    """Run the incident stage (scale by running more in the same consumer group)."""
    if ctx.invoked_subcommand is None:
        from sitrep.incidents.service import run_incidents

        run_incidents(_settings())


@app.command()
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    idle_timeout: Annotated[
        float, typer.Option(help="Done after this long with no message.")
    ] = 5.0,
) -> None:
    """The open, located incidents so far as one GeoJSON FeatureCollection."""
    from sitrep.client.incidents import IncidentConsumer
    from sitrep.client.incidents_geojson import incident_collection

    settings = _settings()

    async def read() -> list[Incident]:
        async with IncidentConsumer(settings=settings, idle_timeout_s=idle_timeout) as stream:
            return [incident async for incident in stream]

    collection = incident_collection(asyncio.run(read()))
    text = json.dumps(collection, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        Console(stderr=True).print(f"wrote {len(collection['features'])} incidents to {output}")


def incident_line(incident: Incident) -> str:
    """One line a person reads: what, where, when, toll, how many reports."""
    place = incident.place
    where = f"{place.name or place.text} ({place.country_code or '?'})" if place else "-"
    when = incident.date_from.isoformat()
    if incident.date_to != incident.date_from:
        when += f"..{incident.date_to.isoformat()}"
    tolls = ", ".join(f"{toll.kind.value} {toll.count}" for toll in incident.tolls) or "no toll"
    standing = sum(not report.withdrawn for report in incident.reports)
    return (
        f"{incident.incident_id} r{incident.revision} {incident.status.value}: "
        f"{incident.event_type.value}, {where}, {when}, {tolls}; {standing} report(s)"
    )


async def tail_incidents(
    settings: Settings,
    output: str,
    from_beginning: bool,
    group_id: str | None,
    max_events: int | None,
    idle_timeout_s: float | None,
) -> int:
    """`sitrep tail --incidents`: each new revision, as a line, JSON or a GeoJSON Feature."""
    from sitrep.client.incidents import IncidentConsumer
    from sitrep.client.incidents_geojson import incident_feature

    count = 0
    async with IncidentConsumer(
        settings=settings,
        group_id=group_id,
        from_beginning=from_beginning,
        idle_timeout_s=idle_timeout_s,
    ) as stream:
        async for incident in stream:
            count += 1
            if output == "json":
                sys.stdout.write(incident.model_dump_json() + "\n")
            elif output == "geojson":
                sys.stdout.write(json.dumps(incident_feature(incident)) + "\n")
            else:
                sys.stdout.write(incident_line(incident) + "\n")
            sys.stdout.flush()
            if max_events is not None and count >= max_events:
                break
    return count
