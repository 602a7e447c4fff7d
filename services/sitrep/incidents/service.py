"""`sitrep incidents`: both steps in one process, with metrics and health on the web port.

Run as many processes as there are partitions; each step's consumer group shares its
partitions among them (the router in `<group>-router`, the book in `<group>`).
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any, cast

import structlog
from aiokafka import AIOKafkaProducer

from sitrep.enricher.service import PRODUCER_BATCH_BYTES
from sitrep.enricher.web import build_web_app, start_web
from sitrep.incidents.handlers import BookHandler, RouterHandler
from sitrep.incidents.loop import StatefulLoop
from sitrep.incidents.metrics import IncidentMetrics
from sitrep.incidents.rules import MatchingRules, default_rules
from sitrep.incidents.topics import IncidentTopics, ensure_incident_topics
from sitrep.observability.logging import configure_logging
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings

log = structlog.get_logger(__name__)


class IncidentService:
    """Runs until `stop()` (SIGTERM/SIGINT): finishes the batches in hand, commits, leaves."""

    def __init__(self, settings: Settings, rules: MatchingRules | None = None) -> None:
        self.settings = settings
        self.topics = IncidentTopics.from_settings(settings)
        self.metrics = IncidentMetrics()
        self._rules = rules or default_rules()
        self._stopping = asyncio.Event()
        self._producer = AIOKafkaProducer(
            bootstrap_servers=settings.bootstrap_servers,
            client_id=f"{settings.worker_id}-incidents",
            acks="all",
            linger_ms=2,
            # As the worker: aiokafka keeps one request in flight per broker, so its default
            # 16 KiB batches would split a poll's output (~2 KB a record) into many round trips.
            max_batch_size=PRODUCER_BATCH_BYTES,
            **settings.aiokafka_security(),
        )
        common: dict[str, Any] = {"producer": self._producer, "metrics": self.metrics}
        worker_id = settings.worker_id
        self.router = StatefulLoop(
            settings,
            step="router",
            group_id=f"{settings.incidents_group}-router",
            inputs=[self.topics.events, self.topics.enrichments],
            changelog=self.topics.router_changelog,
            new_handler=lambda: RouterHandler(self.topics, self.metrics, worker_id),
            **common,
        )
        self.book = StatefulLoop(
            settings,
            step="book",
            group_id=settings.incidents_group,
            inputs=[self.topics.reports],
            changelog=self.topics.book_changelog,
            new_handler=lambda: BookHandler(self.topics, self.metrics, worker_id, self._rules),
            **common,
        )

    def stop(self) -> None:
        self._stopping.set()

    def readiness(self) -> dict[str, Any]:
        ready = self.router.ready and self.book.ready and not self._stopping.is_set()
        return {
            "ready": ready,
            "router_partitions": sorted(self.router.assigned),
            "book_partitions": sorted(self.book.assigned),
        }

    async def run(self) -> None:
        await ensure_incident_topics(self.settings, self.topics)
        # build_web_app reads only `.registry`; the shared streaming package will take one.
        web = await start_web(
            build_web_app(cast(WorkerMetrics, self.metrics), self.readiness),
            self.settings.web_host,
            self.settings.web_port,
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        await self._producer.start()
        log.info("incidents.started", group=self.settings.incidents_group, topics=self.topics)
        try:
            steps = [
                asyncio.ensure_future(step.run(self._stopping)) for step in (self.router, self.book)
            ]
            await asyncio.wait(steps, return_when=asyncio.FIRST_EXCEPTION)
            self.stop()
            await asyncio.gather(*steps)  # the other step finishes its batch; errors surface
        finally:
            await self._producer.stop()
            await web.cleanup()
            log.info("incidents.stopped")


def run_incidents(settings: Settings) -> None:
    """Blocks until SIGTERM/SIGINT."""
    configure_logging(settings.log_format, settings.log_level)

    async def serve() -> None:  # aiokafka clients are built inside the running loop
        await IncidentService(settings).run()

    asyncio.run(serve())
