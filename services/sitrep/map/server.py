"""Run the map: follow each layer's topic into the store, serve the page, stop on a signal."""

from __future__ import annotations

import asyncio
import signal
import time
from typing import Any

import structlog
from aiohttp import web
from aiokafka.errors import KafkaError

from sitrep.broker.admin import BrokerUnreachableError, check_reachable, ensure_topics
from sitrep.client import UnknownTopicError
from sitrep.map.app import create_app
from sitrep.map.layers import Layer, layers
from sitrep.map.metrics import MapMetrics
from sitrep.map.security import is_loopback
from sitrep.map.store import MapStore
from sitrep.settings import Settings

log = structlog.get_logger(__name__)

#: Wait before following a layer again after its consumer failed (broker away, topic gone),
#: or before looking again for a topic that does not exist yet.
RETRY_S = 2.0


async def prepare_topic(layer: Layer, settings: Settings) -> None:
    """Create the layer's topic; or, if it is another stage's, raise `UnknownTopicError`
    while it does not exist."""
    if not layer.wait_for_topic:
        await ensure_topics(settings, [layer.topic])
    elif layer.topic not in await check_reachable(settings):
        raise UnknownTopicError(f"topic {layer.topic!r} does not exist yet")


async def feed(
    layer: Layer,
    settings: Settings,
    store: MapStore,
    metrics: MapMetrics,
    following: set[str],
    waiting: set[str],
) -> None:
    """Copy a layer's items into the store for ever, starting over after Kafka errors.

    Starting over re-reads the topic from the beginning; the store keeps each item once.
    A layer whose topic is another stage's waits, quietly, until that stage creates it.
    """
    while True:
        try:
            await prepare_topic(layer, settings)
            if layer.name in waiting:
                waiting.discard(layer.name)
                log.info("map.topic_found", layer=layer.name, topic=layer.topic)
            following.add(layer.name)
            async for item in layer.follow(settings):
                if store.add(item) is not None:
                    metrics.items.labels(layer.name).inc()
        except UnknownTopicError:
            following.discard(layer.name)
            if layer.name not in waiting:
                waiting.add(layer.name)
                log.info("map.waiting_for_topic", layer=layer.name, topic=layer.topic)
        except (KafkaError, BrokerUnreachableError) as exc:
            following.discard(layer.name)
            metrics.feed_errors.labels(layer.name).inc()
            log.warning("map.feed_failed", layer=layer.name, topic=layer.topic, error=repr(exc))
        await asyncio.sleep(RETRY_S)


async def serve(settings: Settings) -> None:
    """Serve until SIGTERM or SIGINT."""
    store = MapStore(settings.map_max_events)
    metrics = MapMetrics()
    wanted = layers(settings)
    following: set[str] = set()
    waiting: set[str] = set()  # layers whose topic does not exist yet

    def readiness() -> dict[str, Any]:
        names = sorted(layer.name for layer in wanted)
        return {
            "ready": following | waiting >= set(names),
            "layers": names,
            "waiting": sorted(waiting),
            "held": len(store),
        }

    app = create_app(settings, store, metrics, readiness)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    await web.TCPSite(runner, settings.map_host, settings.map_port).start()
    if settings.map_token is None and not is_loopback(settings.map_host):
        log.warning(
            "map.exposed_without_token",
            host=settings.map_host,
            hint="anyone who can reach this port sees the events: set SITREP_MAP_TOKEN",
        )
    log.info(
        "map.listening",
        url=f"http://{settings.map_host}:{settings.map_port}/",
        token=settings.map_token is not None,
    )

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopped.set)
    feeds = [
        asyncio.create_task(feed(layer, settings, store, metrics, following, waiting))
        for layer in wanted
    ]
    signalled = asyncio.create_task(stopped.wait())
    try:
        done, _ = await asyncio.wait([signalled, *feeds], return_when=asyncio.FIRST_COMPLETED)
        for task in done - {signalled}:
            task.result()  # a feed ends only on an error other than Kafka's: stop with it
    finally:
        for task in [signalled, *feeds]:
            task.cancel()
        started = time.monotonic()
        await asyncio.gather(runner.cleanup(), signalled, *feeds, return_exceptions=True)
        log.info("map.stopped", seconds=round(time.monotonic() - started, 2))


def run_map(settings: Settings) -> None:
    asyncio.run(serve(settings))
