"""`sitrep`: broker, worker, incidents, publish, tail, extract, geoparse, eval, demo, config,
export, map.

Kafka options are named as in kcat and kafka-console-*: -b/--bootstrap-server, -t/--topic,
-G/--group, -o/--offset, -p/--partition, -c/--max-messages, -e/--exit, -k/--key.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from sitrep.cli import errors
from sitrep.cli.errors import USAGE, CliError, friendly_errors, stderr, warn, warn_assumed_times
from sitrep.cli.map import map_command
from sitrep.cli.options import Bootstrap, Group, command_settings, plural, topic_option

if TYPE_CHECKING:
    from sitrep.client import EventFilter, TopicConsumer
    from sitrep.settings import Settings

app = typer.Typer(
    name="sitrep",
    help="News articles in, structured conflict events out, over Kafka.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Debug logs, and tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    errors.debug = debug


PublishedAt = Annotated[
    dt.datetime | None,
    typer.Option(
        help="Publication time for .txt inputs and JSON Lines rows without one "
        "(default: date in file name, or mtime)."
    ),
]
Language = Annotated[str, typer.Option(help="Language of .txt inputs.")]
Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON Lines on stdout, nothing else.")]


def _reachable_topics(settings: Settings) -> set[str]:
    from sitrep.broker.admin import check_reachable

    return asyncio.run(check_reachable(settings))


def _topic(settings: Settings, given: str | None, default: str) -> str:
    from sitrep.cli.follow import topic_aliases

    name = given or default
    return topic_aliases(settings).get(name, name)


def _require_topic(settings: Settings, topic: str, existing: set[str]) -> None:
    if topic in existing:
        return
    from sitrep.broker.admin import sitrep_topics

    if topic in sitrep_topics(settings):
        hint = "Sitrep creates its topics when a worker starts or articles are published"
    elif topic == settings.incidents_topic:
        hint = "`sitrep incidents` creates it when it starts"
    else:
        names = sorted(name for name in existing if not name.startswith("__"))
        hint = f"topics there: {', '.join(names[:12]) or 'none'}"
    raise CliError(f"topic {topic!r} does not exist at {settings.bootstrap_servers} ({hint})")


@app.command()
@friendly_errors
def broker(port: Annotated[int | None, typer.Option(help="Listen port.")] = None) -> None:
    """Run the embedded Kafka-protocol broker (Tansu, memory storage) until interrupted."""
    from sitrep.broker.embedded import BrokerStartError, EmbeddedBroker

    settings = command_settings()
    embedded = EmbeddedBroker(port=port or settings.embedded_broker_port)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the broker as Ctrl-C does, child included

    signal.signal(signal.SIGTERM, stop)  # before the child starts: no moment leaves it orphaned
    try:
        embedded.start()
        stderr.print(
            f"broker listening on {embedded.bootstrap_servers} (in memory; Ctrl-C stops it)"
        )
        embedded.wait()  # returns when the broker ends (`wait` stops it on SIGTERM too)
    except BrokerStartError as exc:
        raise CliError(f"{exc}: is a broker running already? Choose another with --port") from exc
    except KeyboardInterrupt:
        pass
    finally:
        embedded.stop()
    stderr.print("broker stopped")


@app.command()
@friendly_errors
def worker(
    bootstrap: Bootstrap = None,
    topic: Annotated[str | None, topic_option("Articles topic to read.")] = None,
    group: Group = None,
) -> None:
    """Run one enrichment worker (scale by running more in the same consumer group)."""
    from sitrep.enricher.worker import run_worker

    settings = command_settings(
        interactive=False,
        kafka_bootstrap_servers=bootstrap,
        articles_topic=topic,
        consumer_group=group,
    )
    _reachable_topics(settings)  # before the models load: a missing broker is said at once
    run_worker(settings)


@app.command()
@friendly_errors
def publish(
    paths: Paths,
    bootstrap: Bootstrap = None,
    topic: Annotated[str | None, topic_option("Topic (default: the articles topic).")] = None,
    key: Annotated[
        str | None,
        typer.Option("-k", "--key", help="One key for every message (default: its article id)."),
    ] = None,
    published_at: PublishedAt = None,
    language: Language = "en",
) -> None:
    """Publish articles (JSON Lines of Article, or .txt files) to the articles topic."""
    from sitrep.broker.admin import ensure_topics
    from sitrep.inputs import read_articles
    from sitrep.publisher import publish_articles

    settings = command_settings(kafka_bootstrap_servers=bootstrap)
    settings = settings.model_copy(
        update={"articles_topic": _topic(settings, topic, settings.articles_topic)}
    )
    items = list(read_articles(paths, published_at=published_at, language=language))
    warn_assumed_times(items)
    if not items:
        warn(f"nothing to publish: no articles in {' '.join(paths)}")
        return
    existing = _reachable_topics(settings)
    if settings.articles_topic not in existing and topic is None:
        asyncio.run(ensure_topics(settings))
    else:
        _require_topic(settings, settings.articles_topic, existing)
    sent = 0

    def count(_: object) -> None:
        nonlocal sent
        sent += 1
        progress.advance(task)

    with Progress(
        TextColumn("publishing"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    ) as progress:
        task = progress.add_task("publish", total=len(items))
        try:
            asyncio.run(
                publish_articles(
                    settings,
                    [item.article for item in items],
                    key=key.encode() if key is not None else None,
                    on_sent=count,
                )
            )
        except KeyboardInterrupt:
            stderr.print(f"interrupted: {plural(sent, 'article')} of {len(items)} sent")
            raise typer.Exit(errors.INTERRUPTED) from None
    stderr.print(
        f"published {plural(sent, 'article')} to {settings.articles_topic} "
        f"at {settings.bootstrap_servers}"
    )


@app.command()
@friendly_errors
def extract(
    paths: Paths,
    as_json: AsJson = False,
    published_at: PublishedAt = None,
    language: Language = "en",
) -> None:
    """Extract events offline (no broker). With --json: one EnrichedEvent per line."""
    from sitrep.cli import offline

    command_settings()
    raise typer.Exit(
        offline.extract(paths, as_json=as_json, published_at=published_at, language=language)
    )


@app.command()
@friendly_errors
def geoparse(
    paths: Paths,
    as_json: AsJson = False,
    published_at: PublishedAt = None,
    language: Language = "en",
) -> None:
    """Every place in each article, resolved to GeoNames. With --json: ArticleEnrichment lines."""
    from sitrep.cli import offline

    command_settings()
    raise typer.Exit(
        offline.geoparse(paths, as_json=as_json, published_at=published_at, language=language)
    )


@app.command("eval")
@friendly_errors
def evaluate(
    paths: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    limit: Annotated[int | None, typer.Option(help="Only the first N rows of each file.")] = None,
    output: Annotated[Path | None, typer.Option(help="Also write the figures as JSON.")] = None,
) -> None:
    """Measure extraction on gold files (ACLED events, UCDP-AEC articles and incidents,
    non-conflict news, LGL toponyms) and print a table for each, in one run."""
    from sitrep.cli import offline

    command_settings()
    raise typer.Exit(offline.evaluate(paths, limit=limit, output=output))


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
    from pydantic import ValidationError

    from sitrep.client import EventFilter

    try:
        return EventFilter(
            event_types=frozenset(event_types) if event_types else None,
            country_codes=frozenset(code.upper() for code in countries) if countries else None,
            min_killed=min_killed,
            min_casualties=min_casualties,
            since=since.date() if since else None,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        option = "--" + str(error["loc"][0]).replace("_", "-").replace("-types", "-type")
        raise CliError(f"{option} {error['input']!r}: {error['msg']}", USAGE) from None


def _group_timeouts(settings: Settings) -> dict[str, int]:
    """As the worker's: how soon a member that vanished (kill -9) is replaced."""
    session_ms = int(settings.session_timeout_s * 1000)
    return {
        "session_timeout_ms": session_ms,
        "rebalance_timeout_ms": session_ms,
        "heartbeat_interval_ms": max(500, session_ms // 3),
    }


def _summary(consumer: TopicConsumer[Any], shown: int, noun: str) -> str:
    stats = consumer.stats
    notes = [
        plural(stats.duplicates, "duplicate") + " dropped" if stats.duplicates else "",
        f"{stats.malformed} malformed skipped; SITREP_LOG_LEVEL=WARNING shows them"
        if stats.malformed
        else "",
    ]
    extra = "; ".join(note for note in notes if note)
    return plural(shown, noun) + (f" ({extra})" if extra else "")


@app.command()
@friendly_errors
def tail(
    bootstrap: Bootstrap = None,
    topic: Annotated[
        str | None,
        topic_option(
            "Topic, or events | enrichments | dead-letters | articles | incidents. "
            "[default: events]"
        ),
    ] = None,
    group: Group = None,
    offset: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--offset",
            help="Start at: beginning | end | N | -N (N before the end) | s@<epoch ms> | an "
            "ISO time. With -G: where the group has no offset (beginning | end). "
            "[default: beginning]",
            show_default=False,
        ),
    ] = None,
    partition: Annotated[
        list[int] | None,
        typer.Option("-p", "--partition", help="Only this partition (repeatable; no -G)."),
    ] = None,
    exit_at_end: Annotated[
        bool, typer.Option("-e", "--exit", help="Stop at the end of the topic.")
    ] = False,
    max_messages: Annotated[
        int | None,
        typer.Option("-c", "--max-messages", help="Stop after this many messages.", min=1),
    ] = None,
    idle_timeout: Annotated[
        float | None, typer.Option(help="Stop after this many seconds with no message.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="--format json: one record per line, kcat -J style.")
    ] = False,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="pretty | table (a row per message) | json (topic, partition, offset, ts, "
            "key, headers, payload) | payload (the message alone) | geojson (one Feature).",
        ),
    ] = "pretty",
    event_type: EventTypes = None,
    country: Countries = None,
    min_killed: MinKilled = None,
    min_casualties: MinCasualties = None,
    since: Since = None,
    incidents: Annotated[
        bool, typer.Option("--incidents", help="Follow the incidents topic (-t incidents).")
    ] = False,
) -> None:
    """Follow a topic (events by default): pretty on a terminal, or a row or JSON line each."""
    from sitrep.cli.follow import NOUNS, OUTPUT_FORMATS, Tally, contract_of, reader
    from sitrep.cli.follow import tail as follow
    from sitrep.client import parse_offset

    output = "json" if as_json else output_format
    if output not in OUTPUT_FORMATS:
        raise CliError(f"--format {output!r}: use one of {', '.join(OUTPUT_FORMATS)}", USAGE)
    try:
        start = parse_offset(offset or ("stored" if group else "beginning"))
    except ValueError as exc:
        raise CliError(f"-o: {exc}", USAGE) from None
    if group is not None and partition:
        raise CliError("-p and -G do not mix: a group shares out the partitions itself", USAGE)
    if group is not None and start.kind not in ("beginning", "end", "stored"):
        raise CliError(f"-o {start} needs no group: drop -G (a group starts where it left)", USAGE)
    if group is None and start.kind == "stored":
        raise CliError("-o stored reads a group's committed offsets: give -G GROUP", USAGE)
    if incidents and topic is not None:
        raise CliError("--incidents is -t incidents: give one of them", USAGE)
    event_filter = _event_filter(event_type, country, min_killed, min_casualties, since)
    settings = command_settings(kafka_bootstrap_servers=bootstrap)
    name = _topic(settings, topic, "incidents" if incidents else "events")
    _require_topic(settings, name, _reachable_topics(settings))
    messages = reader(
        settings,
        name,
        event_filter,
        group_id=group,
        partitions=partition or None,
        offset=start,
        stop_at_end=exit_at_end,
        idle_timeout_s=idle_timeout,
        **(_group_timeouts(settings) if group else {}),
    )
    tally = Tally()
    noun = NOUNS.get(contract_of(settings, name), "message")
    try:
        asyncio.run(follow(messages, tally, output=output, max_messages=max_messages))
    except KeyboardInterrupt:
        stderr.print(f"interrupted: {_summary(messages, tally.shown, noun)}")
        raise typer.Exit(errors.INTERRUPTED) from None
    stderr.print(_summary(messages, tally.shown, noun))


@app.command()
@friendly_errors
def export(
    bootstrap: Bootstrap = None,
    topic: Annotated[str | None, topic_option("Events topic. [default: events]")] = None,
    geojson: Annotated[bool, typer.Option("--geojson", help="A GeoJSON FeatureCollection.")] = True,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    event_type: EventTypes = None,
    country: Countries = None,
    min_killed: MinKilled = None,
    min_casualties: MinCasualties = None,
    since: Since = None,
) -> None:
    """Every event on the topic so far as GeoJSON, for QGIS, kepler.gl or geojson.io."""
    from sitrep.cli.follow import Tally, collect
    from sitrep.client import EventConsumer, feature_collection

    event_filter = _event_filter(event_type, country, min_killed, min_casualties, since)
    settings = command_settings(kafka_bootstrap_servers=bootstrap)
    name = _topic(settings, topic, "events")
    _require_topic(settings, name, _reachable_topics(settings))
    events = EventConsumer(
        settings=settings, topic=name, event_filter=event_filter, stop_at_end=True
    )
    tally = Tally()
    interrupted = False
    try:
        asyncio.run(collect(events, tally))
    except KeyboardInterrupt:
        interrupted = True  # what was read is still written, and said to be partial
    collection = feature_collection(tally.messages)
    unlocated = len(tally.messages) - len(collection["features"])
    note = f"; {plural(unlocated, 'event')} without a location left out" if unlocated else ""
    _write_collection(collection, output, "event", note, interrupted=interrupted)


def _write_collection(
    collection: dict[str, Any], output: Path | None, noun: str, note: str, *, interrupted: bool
) -> None:
    """Write a FeatureCollection to `output` (or stdout) and say how many features."""
    text = json.dumps(collection, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    located = len(collection["features"])
    where = f" to {output}" if output is not None else ""
    if interrupted:
        warn(f"interrupted: wrote the {plural(located, noun)} read so far{where}{note}")
        raise typer.Exit(errors.INTERRUPTED)
    stderr.print(f"wrote {plural(located, noun)}{where}{note}")


@app.command()
@friendly_errors
def config(bootstrap: Bootstrap = None) -> None:
    """Print the effective settings (secrets masked)."""
    settings = command_settings(kafka_bootstrap_servers=bootstrap)
    sys.stdout.write(json.dumps(settings.masked(), indent=2, default=str) + "\n")


@app.command()
@friendly_errors
def demo(
    bootstrap: Bootstrap = None,
    timeout: Annotated[
        float, typer.Option(help="Give up when events take longer, once the worker is ready.")
    ] = 180.0,
) -> None:
    """Embedded broker + worker + sample articles, events printed as they arrive, then stop.

    With a cluster (-b or KAFKA_BOOTSTRAP_SERVERS) it uses topics of its own, never yours."""
    from sitrep.cli.demo import run_demo

    raise typer.Exit(run_demo(command_settings(kafka_bootstrap_servers=bootstrap), timeout=timeout))


app.command("map")(map_command)

incidents_app = typer.Typer(
    help="Merge events from many articles into incidents that update as tolls rise.",
    invoke_without_command=True,
)
app.add_typer(incidents_app, name="incidents")


@incidents_app.callback()
@friendly_errors
def incidents(
    ctx: typer.Context,
    bootstrap: Bootstrap = None,
    group: Annotated[
        str | None,
        typer.Option(
            "-G", "--group", help="The stage's consumer group (also names its internal topics)."
        ),
    ] = None,
) -> None:
    """Run the incident stage (scale by running more in the same group); `export` writes
    the incidents as GeoJSON."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = bootstrap  # `sitrep incidents -b HOST export` reads that broker too
        return
    from sitrep.incidents.service import run_incidents

    settings = command_settings(
        interactive=False, kafka_bootstrap_servers=bootstrap, incidents_group=group
    )
    _reachable_topics(settings)
    run_incidents(settings)


@incidents_app.command("export")
@friendly_errors
def incidents_export(
    ctx: typer.Context,
    bootstrap: Bootstrap = None,
    topic: Annotated[str | None, topic_option("Incidents topic. [default: incidents]")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """The open, located incidents so far (latest revisions) as a GeoJSON FeatureCollection."""
    from sitrep.cli.follow import Tally, collect
    from sitrep.client.incidents import IncidentConsumer
    from sitrep.client.incidents_geojson import incident_collection

    settings = command_settings(kafka_bootstrap_servers=bootstrap or ctx.obj)
    name = _topic(settings, topic, "incidents")
    _require_topic(settings, name, _reachable_topics(settings))
    tally = Tally()
    interrupted = False
    try:
        asyncio.run(
            collect(IncidentConsumer(settings=settings, topic=name, stop_at_end=True), tally)
        )
    except KeyboardInterrupt:
        interrupted = True  # what was read is still written, and said to be partial
    collection = incident_collection(tally.messages)
    incidents = len({incident.incident_id for incident in tally.messages})
    left = incidents - len(collection["features"])
    note = f"; {plural(left, 'incident')} retracted or without a location left out" if left else ""
    _write_collection(collection, output, "incident", note, interrupted=interrupted)


if __name__ == "__main__":
    app()
