"""Run one enrichment worker process: load the extractor, create topics, start faust."""

from __future__ import annotations

import asyncio

import faust
import structlog

from sitrep.broker.admin import ensure_topics
from sitrep.enricher.app import create_app
from sitrep.enricher.handler import Enricher
from sitrep.observability.logging import configure_logging
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings

log = structlog.get_logger(__name__)


def run_worker(settings: Settings, extractor: Enricher | None = None) -> None:
    """Blocks until SIGTERM/SIGINT; faust then stops the agent, commits, and exits 0."""
    configure_logging(settings.log_format, settings.log_level)
    log.info("worker.loading_models")
    if extractor is None:
        from sitrep.extraction import Extractor

        extractor = Extractor.load()
    asyncio.run(ensure_topics(settings))
    app = create_app(settings, extractor, WorkerMetrics())
    log.info(
        "worker.starting",
        bootstrap_servers=settings.bootstrap_servers,
        group=settings.consumer_group,
        topic=settings.articles_topic,
        web_port=settings.web_port,
    )
    worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        override_logging=False,
        redirect_stdouts=False,
        quiet=True,
    )
    worker.execute_from_commandline()
