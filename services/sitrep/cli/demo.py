"""`sitrep demo`: the whole pipeline on one machine, from articles to printed events.

Starts the embedded broker (unless `-b` or `KAFKA_BOOTSTRAP_SERVERS` names a cluster),
creates the topics, runs one worker process, publishes the bundled sample articles and
prints each event as it arrives on the events topic, then stops everything. On a cluster
it works in topics of its own (`sitrep-demo-<id>.*`, deleted afterwards): a worker of the
demo must never read a real articles topic or write into real output topics.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from rich.console import Console

from sitrep.broker.admin import check_reachable, delete_topics, ensure_topics, sitrep_topics
from sitrep.broker.embedded import EmbeddedBroker, free_port
from sitrep.cli.errors import stderr, warn
from sitrep.cli.options import plural
from sitrep.cli.progress import loading_message, spinner
from sitrep.cli.render import event_panel
from sitrep.inputs import read_articles
from sitrep.publisher import publish_articles
from sitrep.settings import Settings
from sitrep_contracts import ArticleEnrichment, EnrichedEvent

stdout = Console()


def sample_paths() -> list[str]:
    folder = resources.files("sitrep") / "samples"
    return sorted(str(Path(str(item))) for item in folder.iterdir() if item.name.endswith(".txt"))


@contextlib.contextmanager
def demo_broker(settings: Settings) -> Iterator[Settings]:
    """An embedded broker on a free port for the demo's lifetime, or, on a configured
    cluster, topics and a group of the demo's own there (removed afterwards)."""
    if settings.uses_embedded_broker:
        with EmbeddedBroker(port=free_port()) as broker:
            stderr.print(f"[green]embedded broker[/green] (Tansu) on {broker.bootstrap_servers}")
            yield settings.model_copy(update={"kafka_bootstrap_servers": broker.bootstrap_servers})
        return
    asyncio.run(check_reachable(settings))
    own = settings.namespaced(f"sitrep-demo-{uuid.uuid4().hex[:8]}")
    stderr.print(
        f"on {settings.bootstrap_servers}, the demo uses topics of its own "
        f"({own.articles_topic.rsplit('.', 1)[0]}.*, deleted afterwards); "
        f"{settings.articles_topic} and the other configured topics are not touched"
    )
    try:
        yield own
    finally:
        try:
            asyncio.run(delete_topics(own, sitrep_topics(own)))
        except KafkaError as exc:
            warn(f"could not delete the demo topics ({exc}); remove them by hand")


@contextlib.contextmanager
def worker_process(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    # Its broker, topics, group, web port and log level: all set on `settings`.
    env = {**os.environ, **settings.as_environment()}
    process = subprocess.Popen([sys.executable, "-m", "sitrep.cli.main", "worker"], env=env)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(30)
            stderr.print(f"worker stopped (exit code {code})")
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            stderr.print("[yellow]worker did not stop in 30 s; killed[/yellow]")


async def _publish_and_follow(
    settings: Settings, wait_s: float, worker: subprocess.Popen[bytes]
) -> int:
    articles = [item.article for item in read_articles(sample_paths())]
    wanted = {article.article_id for article in articles}
    consumer = AIOKafkaConsumer(
        settings.events_topic,
        settings.enrichments_topic,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="latest",
        enable_auto_commit=False,
        **settings.aiokafka_security(),
    )
    await consumer.start()
    try:
        # Position at the end before publishing, so only this run's events are shown.
        while not consumer.assignment():  # noqa: ASYNC110 -- aiokafka offers no assignment event
            await asyncio.sleep(0.05)
        await consumer.seek_to_end()
        for tp in consumer.assignment():
            await consumer.position(tp)
        await publish_articles(settings, articles)
        stderr.print(
            f"published {plural(len(articles), 'sample article')} to {settings.articles_topic}"
        )
        return await _print_events(consumer, settings, wanted, wait_s, worker)
    finally:
        await consumer.stop()


async def _print_events(
    consumer: AIOKafkaConsumer,
    settings: Settings,
    wanted: set[str],
    wait_s: float,
    worker: subprocess.Popen[bytes],
) -> int:
    expected: dict[str, set[str]] = {}
    seen: set[str] = set()
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            stderr.print(
                f"[red]the worker exited (code {worker.returncode})[/red]; see its log above"
            )
            return 1
        batches = await consumer.getmany(timeout_ms=500)
        for records in batches.values():
            for record in records:
                try:
                    if record.topic == settings.events_topic:
                        event = EnrichedEvent.model_validate_json(record.value)
                        if event.article_id in wanted and event.event_id not in seen:
                            seen.add(event.event_id)
                            stdout.print(event_panel(event))
                    else:
                        enrichment = ArticleEnrichment.model_validate_json(record.value)
                        if enrichment.article_id in wanted:
                            expected[enrichment.article_id] = set(enrichment.event_ids)
                except ValidationError as exc:
                    stderr.print(
                        f"[yellow]skipping a message that is not a contract: {exc}[/yellow]"
                    )
        if expected.keys() == wanted and all(ids <= seen for ids in expected.values()):
            stderr.print(
                f"[green]done[/green]: {plural(len(seen), 'event')} from "
                f"{plural(len(wanted), 'article')} (every article enriched)"
            )
            return 0
    stderr.print(
        f"[red]timed out[/red] after {wait_s:.0f} s: {plural(len(seen), 'event')}, "
        f"{len(expected)} of {len(wanted)} articles enriched"
    )
    return 1


def wait_until_ready(worker: subprocess.Popen[bytes], port: int, timeout: float) -> bool:
    """Poll the worker's readiness probe while it loads its models (False: it died or hung)."""
    deadline = time.monotonic() + timeout
    probe = f"http://127.0.0.1:{port}/health/ready"
    while time.monotonic() < deadline and worker.poll() is None:
        # Not listening yet, or 503 while joining the group.
        with contextlib.suppress(OSError), urllib.request.urlopen(probe, timeout=1):
            return True
        time.sleep(0.25)
    return False


#: The worker may build the gazetteer index first; its progress is on screen meanwhile.
WORKER_START_LIMIT_S = 900.0


def run_demo(settings: Settings, *, timeout: float = 180.0) -> int:
    """`timeout` bounds the wait for events, once the worker is ready."""
    with demo_broker(settings) as live:
        # A group of its own: on a shared cluster the demo must not steal real workers' partitions.
        live = live.model_copy(
            update={
                "consumer_group": f"sitrep-demo-{uuid.uuid4().hex[:8]}",
                "web_port": free_port(),
            }
        )
        asyncio.run(ensure_topics(live))
        with worker_process(live) as worker:
            with spinner(f"worker: {loading_message(live)}"):
                ready = wait_until_ready(worker, live.web_port, WORKER_START_LIMIT_S)
            if not ready:
                stderr.print(f"[red]the worker did not start[/red] (exit code {worker.poll()})")
                return 1
            return asyncio.run(_publish_and_follow(live, timeout, worker))
