"""The enrichment worker's consume -> enrich -> produce -> commit loop, on aiokafka.

One consumer in the group `consumer_group` reads articles; for each batch the worker asks
`ArticleHandler` what to produce, sends it, waits until the broker has acknowledged every
record, and only then commits the batch's offsets. A crash therefore replays at most the
uncommitted batch (at-least-once); event ids are deterministic, so replays are harmless.

Why not a faust agent: faust's stream drops fetched messages when its flow control pauses
(start-up recovery, rebalances, shutdown) and still commits past them (faust-streaming
issues #216, #221, #604). Our fault tests lost articles that way; here every committed
offset is one whose output is in Kafka.
"""

from __future__ import annotations

import asyncio
import signal
import time
from typing import Any

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError
from aiokafka.structs import ConsumerRecord, OffsetAndMetadata

from sitrep.enricher.handler import ArticleHandler, IncomingMessage, Outcome
from sitrep.enricher.records import OutputRecord
from sitrep.enricher.web import build_web_app, start_web
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings

log = structlog.get_logger(__name__)

#: Delivery is retried (the partition waits) for this long before the worker gives up.
PRODUCE_RETRY_SECONDS = 300.0
#: Records taken per poll; a batch is committed once all its output is acknowledged.
MAX_BATCH = 50
#: Producer batch per partition (aiokafka's default is 16 KiB). An article yields ~20-25
#: records of ~2.5 KB (~60 KB); aiokafka keeps one request in flight per broker and makes
#: `send()` wait while a partition's batch is full, so 16 KiB batches turn one article's
#: output into several round trips. 256 KiB stays well under a broker's default
#: message.max.bytes (~1 MB); a single larger record still goes out in a batch of its own.
PRODUCER_BATCH_BYTES = 256 * 1024


class _Assignment(ConsumerRebalanceListener):  # type: ignore[misc]
    """Tracks assigned partitions for readiness and metrics."""

    def __init__(self, metrics: WorkerMetrics) -> None:
        self.partitions: set[TopicPartition] = set()
        self._metrics = metrics

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self.partitions -= set(revoked)
        self._metrics.assigned_partitions.set(len(self.partitions))
        log.info("partitions.revoked", partitions=sorted(tp.partition for tp in revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.partitions = set(assigned)
        self._metrics.assigned_partitions.set(len(self.partitions))
        log.info("partitions.assigned", partitions=sorted(tp.partition for tp in assigned))


class EnrichmentService:
    """Runs until `stop()` (SIGTERM/SIGINT): finishes the batch in hand, commits, leaves."""

    def __init__(self, settings: Settings, handler: ArticleHandler, metrics: WorkerMetrics) -> None:
        self._settings = settings
        self._handler = handler
        self._metrics = metrics
        self._stopping = asyncio.Event()
        self._assignment = _Assignment(metrics)
        # Built here, inside the running loop; no I/O until `run()` starts them.
        self._consumer, self._producer = _kafka_clients(settings)

    def stop(self) -> None:
        self._stopping.set()

    # --- lifecycle ----------------------------------------------------------------------
    async def run(self) -> None:
        settings = self._settings
        web = await start_web(
            build_web_app(self._metrics, self._readiness, self._update_lag),
            settings.web_host,
            settings.web_port,
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        try:
            await self._producer.start()
            self._consumer.subscribe([settings.articles_topic], listener=self._assignment)
            await self._consumer.start()
            log.info("worker.started", group=settings.consumer_group, topic=settings.articles_topic)
            await self._consume()
        finally:
            log.info("worker.stopping")
            await self._consumer.stop()  # leaves the group: partitions move at once
            await self._producer.stop()
            await web.cleanup()
            log.info("worker.stopped")

    def _readiness(self) -> dict[str, Any]:
        partitions = len(self._assignment.partitions)
        return {
            "ready": partitions > 0 and not self._stopping.is_set(),
            "model_loaded": True,
            "assigned_partitions": partitions,
        }

    # --- the loop -----------------------------------------------------------------------
    async def _consume(self) -> None:
        while not self._stopping.is_set():
            poll = asyncio.ensure_future(
                self._consumer.getmany(timeout_ms=500, max_records=MAX_BATCH)
            )
            stop = asyncio.ensure_future(self._stopping.wait())
            await asyncio.wait({poll, stop}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if not poll.done():
                poll.cancel()
                break
            for tp, records in poll.result().items():
                await self._process_partition_batch(tp, records)

    async def _process_partition_batch(
        self, tp: TopicPartition, records: list[ConsumerRecord[bytes, bytes]]
    ) -> None:
        """Enrich, produce and commit one partition's records, in order."""
        outcomes: list[Outcome] = []
        last_offset: int | None = None
        for record in records:
            if tp not in self._assignment.partitions:
                break  # revoked while we worked: the new owner resumes from the last commit
            structlog.contextvars.clear_contextvars()
            structlog.contextvars.bind_contextvars(
                topic=record.topic, partition=record.partition, offset=record.offset
            )
            outcome = self._handler.handle(
                IncomingMessage(
                    topic=record.topic,
                    partition=record.partition,
                    offset=record.offset,
                    key=record.key,
                    value=record.value,
                    headers=list(record.headers or []),
                )
            )
            structlog.contextvars.bind_contextvars(article_id=outcome.article_id)
            log.debug("article.handled", status=outcome.status, records=len(outcome.records))
            outcomes.append(outcome)
            last_offset = record.offset
            await asyncio.sleep(0)  # let heartbeats and the web server run between articles
        if last_offset is None:
            return
        offsets = {tp: OffsetAndMetadata(last_offset + 1, "")}
        if self._settings.exactly_once:
            await self._produce_transaction(outcomes, offsets)
        else:
            outcomes = await self._produce_batch(outcomes)
            await self._commit(offsets)
        for outcome in outcomes:
            self._handler.mark_done(outcome)
        structlog.contextvars.clear_contextvars()

    async def _send_all(self, records: list[OutputRecord]) -> None:
        futures = [
            await self._producer.send(
                record.topic, key=record.key, value=record.value, headers=record.headers
            )
            for record in records
        ]
        await asyncio.gather(*futures)

    async def _produce_batch(self, outcomes: list[Outcome]) -> list[Outcome]:
        """Produce every outcome's records; an article whose output the broker refuses for
        good (not retriable) is dead-lettered in its place. Returns what was produced."""
        try:
            await self._produce_until_acknowledged(
                [record for outcome in outcomes for record in outcome.records]
            )
        except KafkaError as exc:
            if exc.retriable:
                raise
            log.warning("produce.rejected_in_batch", error=repr(exc))
        else:
            return outcomes
        produced = []
        for outcome in outcomes:  # find which article's output is refused
            try:
                await self._produce_until_acknowledged(outcome.records)
            except KafkaError as exc:
                if exc.retriable:
                    raise
                outcome = self._handler.output_rejected(outcome, exc)
                await self._produce_until_acknowledged(outcome.records)
            produced.append(outcome)
        return produced

    async def _produce_until_acknowledged(self, records: list[OutputRecord]) -> None:
        """Retry retriable failures (broker away) until acknowledged; the partition waits."""
        deadline = time.monotonic() + PRODUCE_RETRY_SECONDS
        delay = 0.2
        while True:
            try:
                await self._send_all(records)
            except KafkaError as exc:
                if not exc.retriable or time.monotonic() > deadline:
                    raise
                log.warning("produce.retry", error=repr(exc), delay=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            else:
                return

    async def _produce_transaction(
        self, outcomes: list[Outcome], offsets: dict[TopicPartition, OffsetAndMetadata]
    ) -> None:
        """Exactly-once: the batch's output and its offsets commit atomically, or not at all."""
        async with self._producer.transaction():
            await self._send_all([record for outcome in outcomes for record in outcome.records])
            await self._producer.send_offsets_to_transaction(offsets, self._settings.consumer_group)

    async def _commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        try:
            await self._consumer.commit(offsets)
        except CommitFailedError as exc:
            # The group rebalanced: the partition's new owner replays from the last commit.
            log.warning("commit.failed_after_rebalance", error=str(exc))

    async def _update_lag(self) -> None:
        consumer = self._consumer
        for tp in list(self._assignment.partitions):
            highwater = consumer.highwater(tp)
            try:
                position = await consumer.position(tp)
            except KafkaError:
                continue
            if highwater is not None:
                self._metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(
                    max(0, highwater - position)
                )


def _kafka_clients(settings: Settings) -> tuple[AIOKafkaConsumer, AIOKafkaProducer]:
    """The worker's consumer (manual commits) and producer (acks from all replicas)."""
    security = settings.aiokafka_security()
    session_ms = int(settings.session_timeout_s * 1000)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=settings.consumer_group,
        client_id=settings.worker_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=session_ms,
        rebalance_timeout_ms=session_ms,
        heartbeat_interval_ms=max(500, session_ms // 3),
        max_poll_interval_ms=max(300_000, session_ms),
        fetch_max_wait_ms=100,
        max_partition_fetch_bytes=max(settings.max_article_bytes + 10_000, 1_048_576),
        isolation_level="read_committed" if settings.exactly_once else "read_uncommitted",
        **security,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=settings.worker_id,
        acks="all",
        linger_ms=2,
        max_request_size=max(settings.max_article_bytes * 2, 1_048_576),
        transactional_id=(
            f"{settings.consumer_group}-{settings.worker_id}" if settings.exactly_once else None
        ),
        **security,
    )
    return consumer, producer
