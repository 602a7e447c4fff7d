"""`sitrep demo`: the whole pipeline on one machine, from articles to printed events.

Starts the embedded broker (unless `KAFKA_BOOTSTRAP_SERVERS` names a cluster), creates the
topics, runs one worker process, publishes the bundled sample articles and prints each
event as it arrives on the events topic, then stops everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError
from rich.console import Console

from sitrep.broker.admin import ensure_topics
from sitrep.broker.embedded import EmbeddedBroker, free_port
from sitrep.cli.render import event_panel
from sitrep.inputs import read_articles
from sitrep.publisher import publish_articles
from sitrep.settings import Settings
from sitrep_contracts import ArticleEnrichment, EnrichedEvent

stdout = Console()
stderr = Console(stderr=True)


def sample_paths() -> list[str]:
    folder = resources.files("sitrep") / "samples"
    return sorted(str(Path(str(item))) for item in folder.iterdir() if item.name.endswith(".txt"))


@contextlib.contextmanager
def demo_broker(settings: Settings) -> Iterator[Settings]:
    """The configured cluster, or an embedded broker on a free port for the demo's lifetime."""
    if not settings.uses_embedded_broker:
        yield settings
        return
    with EmbeddedBroker(port=free_port()) as broker:
        stderr.print(f"[green]embedded broker[/green] (Tansu) on {broker.bootstrap_servers}")
        yield settings.model_copy(update={"kafka_bootstrap_servers": broker.bootstrap_servers})


@contextlib.contextmanager
def worker_process(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
        "SITREP_CONSUMER_GROUP": settings.consumer_group,
        "SITREP_WEB_PORT": str(free_port()),
        "SITREP_LOG_LEVEL": os.environ.get("SITREP_LOG_LEVEL", "WARNING"),
    }
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
        stderr.print(f"published {len(articles)} sample articles to {settings.articles_topic}")
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
                f"[green]done[/green]: {len(seen)} events from {len(wanted)} articles "
                f"(every article enriched)"
            )
            return 0
    stderr.print(
        f"[red]timed out[/red] after {wait_s:.0f} s: {len(seen)} events, "
        f"{len(expected)} of {len(wanted)} articles enriched"
    )
    return 1


def run_demo(settings: Settings, *, timeout: float = 180.0) -> int:
    with demo_broker(settings) as live:
        # A group of its own: on a shared cluster the demo must not steal real workers' partitions.
        live = live.model_copy(update={"consumer_group": f"sitrep-demo-{uuid.uuid4().hex[:8]}"})
        asyncio.run(ensure_topics(live))
        with worker_process(live) as worker:
            stderr.print("worker starting (loads the NLP pipeline and gazetteer)...")
            return asyncio.run(_publish_and_follow(live, timeout, worker))
