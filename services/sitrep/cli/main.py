"""`sitrep`: broker, worker, publish, tail, extract, geoparse, eval, demo, config, export."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from sitrep.cli import incidents as incidents_cli
from sitrep.observability.logging import configure_logging

if TYPE_CHECKING:
    from sitrep.client import EventFilter
from sitrep.settings import Settings

app = typer.Typer(
    name="sitrep",
    help="News articles in, structured conflict events out, over Kafka.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
stderr = Console(stderr=True)

PublishedAt = Annotated[
    dt.datetime | None,
    typer.Option(help="Publication time for .txt inputs (default: date in file name, or mtime)."),
]
Language = Annotated[str, typer.Option(help="Language of .txt inputs.")]
Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON Lines on stdout, nothing else.")]


def _settings() -> Settings:
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    return settings


@app.command()
def broker(port: Annotated[int | None, typer.Option(help="Listen port.")] = None) -> None:
    """Run the embedded Kafka-protocol broker (Tansu, memory storage) until interrupted."""
    from sitrep.broker.embedded import EmbeddedBroker

    settings = _settings()
    embedded = EmbeddedBroker(port=port or settings.embedded_broker_port).start()
    stderr.print(f"broker listening on {embedded.bootstrap_servers} (in memory; Ctrl-C stops it)")
    try:
        embedded.wait()
    except KeyboardInterrupt:
        pass
    finally:
        embedded.stop()


@app.command()
def worker() -> None:
    """Run one enrichment worker (scale by running more in the same consumer group)."""
    from sitrep.enricher.worker import run_worker

    run_worker(_settings())


@app.command()
def publish(paths: Paths, published_at: PublishedAt = None, language: Language = "en") -> None:
    """Publish articles (JSON Lines of Article, or .txt files) to the articles topic."""
    from sitrep.inputs import InputError, read_articles
    from sitrep.publisher import publish_articles

    settings = _settings()
    try:
        articles = [
            item.article
            for item in read_articles(paths, published_at=published_at, language=language)
        ]
    except InputError as exc:
        stderr.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    with Progress(
        TextColumn("publishing"), BarColumn(), MofNCompleteColumn(), console=stderr
    ) as progress:
        task = progress.add_task("publish", total=len(articles))
        count = asyncio.run(
            publish_articles(settings, articles, on_sent=lambda _: progress.advance(task))
        )
    stderr.print(
        f"published {count} articles to {settings.articles_topic} at {settings.bootstrap_servers}"
    )


@app.command()
def extract(
    paths: Paths,
    as_json: AsJson = False,
    published_at: PublishedAt = None,
    language: Language = "en",
) -> None:
    """Extract events offline (no broker). With --json: one EnrichedEvent per line."""
    from sitrep.cli import offline

    _settings()
    raise typer.Exit(
        offline.extract(paths, as_json=as_json, published_at=published_at, language=language)
    )


@app.command()
def geoparse(
    paths: Paths,
    as_json: AsJson = False,
    published_at: PublishedAt = None,
    language: Language = "en",
) -> None:
    """Every place in each article, resolved to GeoNames. With --json: ArticleEnrichment lines."""
    from sitrep.cli import offline

    _settings()
    raise typer.Exit(
        offline.geoparse(paths, as_json=as_json, published_at=published_at, language=language)
    )


@app.command("eval")
def evaluate(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    limit: Annotated[int | None, typer.Option(help="Only the first N rows.")] = None,
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON.")] = None,
) -> None:
    """Measure extraction on a gold file (ACLED events or LGL toponyms) and print a table."""
    from sitrep.cli import offline

    _settings()
    raise typer.Exit(offline.evaluate(path, limit=limit, output=output))


EventTypes = Annotated[
    list[str] | None, typer.Option("--event-type", help="ACLED event type (repeatable).")
]
Countries = Annotated[
    list[str] | None, typer.Option("--country", help="ISO alpha-2 of the location (repeatable).")
]
MinKilled = Annotated[int | None, typer.Option(help="At least this many killed.")]
MinCasualties = Annotated[int | None, typer.Option(help="At least this many killed + injured.")]
Since = Annotated[dt.datetime | None, typer.Option(help="Occurred on or after this date.")]


def _event_filter(
    event_types: list[str] | None,
    countries: list[str] | None,
    min_killed: int | None,
    min_casualties: int | None,
    since: dt.datetime | None,
) -> EventFilter:
    from sitrep.client import EventFilter

    return EventFilter(
        event_types=frozenset(event_types) if event_types else None,
        country_codes=frozenset(code.upper() for code in countries) if countries else None,
        min_killed=min_killed,
        min_casualties=min_casualties,
        since=since.date() if since else None,
    )


@app.command()
def tail(
    as_json: AsJson = False,
    output_format: Annotated[
        str, typer.Option("--format", help="pretty | table | json | geojson (one per line).")
    ] = "pretty",
    event_type: EventTypes = None,
    country: Countries = None,
    min_killed: MinKilled = None,
    min_casualties: MinCasualties = None,
    since: Since = None,
    from_beginning: Annotated[bool, typer.Option(help="Start at the oldest event.")] = True,
    group: Annotated[str | None, typer.Option(help="Consumer group (commits progress).")] = None,
    max_events: Annotated[int | None, typer.Option(help="Stop after N events.")] = None,
    idle_timeout: Annotated[
        float | None, typer.Option(help="Stop after this many seconds with no event.")
    ] = None,
    incidents: Annotated[
        bool, typer.Option("--incidents", help="Follow the incidents topic instead.")
    ] = False,
) -> None:
    """Follow the events topic: pretty on a terminal, or --json / --format."""
    from sitrep.cli.follow import tail as follow

    output = "json" if as_json else output_format
    if output not in ("pretty", "table", "json", "geojson"):
        raise typer.BadParameter(f"unknown format {output!r}", param_hint="--format")
    settings = _settings()
    if incidents:
        from sitrep.cli.incidents import tail_incidents

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(
                tail_incidents(settings, output, from_beginning, group, max_events, idle_timeout)
            )
        return
    event_filter = _event_filter(event_type, country, min_killed, min_casualties, since)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            follow(
                settings,
                event_filter,
                output=output,  # type: ignore[arg-type]
                from_beginning=from_beginning,
                group_id=group,
                max_events=max_events,
                idle_timeout_s=idle_timeout,
            )
        )


@app.command()
def export(
    geojson: Annotated[bool, typer.Option("--geojson", help="A GeoJSON FeatureCollection.")] = True,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    event_type: EventTypes = None,
    country: Countries = None,
    min_killed: MinKilled = None,
    min_casualties: MinCasualties = None,
    since: Since = None,
    idle_timeout: Annotated[float, typer.Option(help="Done after this long with no event.")] = 5.0,
) -> None:
    """Every event on the topic so far as GeoJSON, for QGIS, kepler.gl or geojson.io."""
    from sitrep.cli.follow import export_geojson

    settings = _settings()
    event_filter = _event_filter(event_type, country, min_killed, min_casualties, since)
    collection = asyncio.run(export_geojson(settings, event_filter, idle_timeout_s=idle_timeout))
    text = json.dumps(collection, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        stderr.print(f"wrote {len(collection['features'])} features to {output}")  # type: ignore[arg-type]


@app.command()
def config() -> None:
    """Print the effective settings (secrets masked)."""
    settings = Settings()
    sys.stdout.write(json.dumps(settings.masked(), indent=2, default=str) + "\n")


@app.command()
def demo(
    timeout: Annotated[float, typer.Option(help="Give up after this many seconds.")] = 180.0,
) -> None:
    """Embedded broker + worker + sample articles, events printed as they arrive, then stop."""
    from sitrep.cli.demo import run_demo

    raise typer.Exit(run_demo(_settings(), timeout=timeout))


app.add_typer(incidents_cli.app, name="incidents")

if __name__ == "__main__":
    app()
