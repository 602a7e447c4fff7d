"""A thin aiokafka loop for one stateful step: consume -> handle -> produce -> changelog ->
commit, with a store per input partition rebuilt from its changelog on assignment.

Stop-gap: the worker's loop is being lifted into a shared `sitrep.streaming` package; this
adapter keeps the same contract (each committed offset has its output in Kafka) so it can
be swapped for the shared one. What it adds is state:

- one handler (and store) per input partition number, made on assignment and dropped on
  revocation; the inputs are co-partitioned and assigned by range, so partition p of every
  input topic belongs to the same member and the same store;
- per poll: produce the outputs and wait for every ack, then each store's changes to its
  changelog partition and wait, then commit the inputs. A crash before the commit replays
  the batch against a store that may already hold it: handlers are idempotent (a report or
  withdrawal already applied changes nothing), so nothing is lost or doubled. Outputs go
  first so that a change in the changelog always has its output in Kafka;
- recovery writes a marker to the changelog partition and reads the partition from its
  start up to that marker. It does not trust the high watermark, which the embedded broker
  reports as the start of the last batch rather than its end.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.errors import CommitFailedError, KafkaError
from aiokafka.structs import ConsumerRecord, OffsetAndMetadata

from sitrep.enricher.handler import IncomingMessage
from sitrep.enricher.records import Headers
from sitrep.incidents.handlers import StepHandler
from sitrep.incidents.metrics import IncidentMetrics
from sitrep.settings import Settings

log = structlog.get_logger(__name__)

MARKER_KEY = b"__sitrep_restore_marker__"
MAX_BATCH = 500
#: The embedded broker answers a fetch when its max wait expires, even with data waiting
#: (benchmarks/common.py, WATCHER_FETCH_WAIT_MS): each of the stage's two hops adds up to
#: this much latency. 20 ms keeps that small at a few idle fetches per second.
FETCH_MAX_WAIT_MS = 20
RESTORE_TIMEOUT_S = 120.0
PRODUCE_RETRY_SECONDS = 300.0

#: topic, partition (None: by key), key, value (None: a tombstone), headers
Send = tuple[str, int | None, bytes | None, bytes | None, Headers]


class _Partitions(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped
    def __init__(self, loop: StatefulLoop) -> None:
        self._loop = loop

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self._loop.drop({tp.partition for tp in revoked})

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._loop.assigned = {tp.partition for tp in assigned}
        self._loop.metrics.assigned_partitions.labels(step=self._loop.step).set(
            len(self._loop.assigned)
        )
        log.info("incidents.assigned", step=self._loop.step, partitions=sorted(self._loop.assigned))


class StatefulLoop:
    def __init__(
        self,
        settings: Settings,
        *,
        step: str,
        group_id: str,
        inputs: list[str],
        changelog: str,
        new_handler: Callable[[], StepHandler],
        producer: AIOKafkaProducer,
        metrics: IncidentMetrics,
    ) -> None:
        self.settings = settings
        self.step = step
        self.inputs = inputs
        self.changelog = changelog
        self.metrics = metrics
        self.assigned: set[int] = set()
        self.handlers: dict[int, StepHandler] = {}
        self._new_handler = new_handler
        self._producer = producer
        session_ms = int(settings.session_timeout_s * 1000)
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=settings.bootstrap_servers,
            group_id=group_id,
            client_id=f"{settings.worker_id}-{step}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            partition_assignment_strategy=(RangePartitionAssignor,),
            session_timeout_ms=session_ms,
            rebalance_timeout_ms=session_ms,
            heartbeat_interval_ms=max(500, session_ms // 3),
            fetch_max_wait_ms=FETCH_MAX_WAIT_MS,
            **settings.aiokafka_security(),
        )

    @property
    def ready(self) -> bool:
        return bool(self.assigned) and self.assigned <= set(self.handlers)

    def drop(self, partitions: set[int]) -> None:
        for partition in partitions:
            self.handlers.pop(partition, None)
        self.assigned -= partitions

    async def run(self, stopping: asyncio.Event) -> None:
        self._consumer.subscribe(self.inputs, listener=_Partitions(self))
        await self._consumer.start()
        log.info("incidents.step_started", step=self.step, inputs=self.inputs)
        try:
            while not stopping.is_set():
                batches = await self._consumer.getmany(timeout_ms=200, max_records=MAX_BATCH)
                for partition in sorted(self.assigned - set(self.handlers)):
                    await self._restore(partition)
                if batches:
                    await self._process(batches)
                self._update_gauges()
        finally:
            await self._consumer.stop()

    async def _process(
        self, batches: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]]
    ) -> None:
        """Handle one poll's records (every partition), then produce, changelog, commit once:
        three round trips per poll, not per partition."""
        outputs: list[Send] = []
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        touched: dict[int, StepHandler] = {}
        for tp, records in batches.items():
            handler = self.handlers.get(tp.partition)
            if handler is None or tp.partition not in self.assigned:
                continue  # revoked since the fetch: the new owner reads these
            for record in records:
                for out in handler.handle(
                    IncomingMessage(
                        topic=record.topic,
                        partition=record.partition,
                        offset=record.offset,
                        key=record.key,
                        value=record.value,
                        headers=list(record.headers or []),
                    )
                ):
                    outputs.append((out.topic, None, out.key, out.value, out.headers))
                await asyncio.sleep(0)
            offsets[tp] = OffsetAndMetadata(records[-1].offset + 1, "")
            touched[tp.partition] = handler
        await self._produce(outputs)
        await self._produce(
            [
                (self.changelog, partition, key.encode(), value, [])
                for partition, handler in touched.items()
                for key, value in handler.take_changes()
            ]
        )
        if not offsets:
            return
        try:
            await self._consumer.commit(offsets)
        except CommitFailedError as exc:
            log.warning("incidents.commit_failed_after_rebalance", step=self.step, error=str(exc))

    async def _produce(self, records: list[Send]) -> None:
        """Send and wait for every ack; retriable failures (broker away) are retried."""
        deadline = time.monotonic() + PRODUCE_RETRY_SECONDS
        while True:
            try:
                futures = [
                    await self._producer.send(
                        topic, key=key, value=value, headers=headers, partition=partition
                    )
                    for topic, partition, key, value, headers in records
                ]
                await asyncio.gather(*futures)
            except KafkaError as exc:
                if not exc.retriable or time.monotonic() > deadline:
                    raise
                log.warning("incidents.produce_retry", step=self.step, error=repr(exc))
                await asyncio.sleep(1.0)
            else:
                return

    async def _restore(self, partition: int) -> None:
        started = time.monotonic()
        handler = self._new_handler()
        marker = uuid.uuid4().hex.encode()
        await self._producer.send_and_wait(
            self.changelog, key=MARKER_KEY, value=marker, partition=partition
        )
        reader = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            enable_auto_commit=False,
            **self.settings.aiokafka_security(),
        )
        await reader.start()
        try:
            tp = TopicPartition(self.changelog, partition)
            reader.assign([tp])
            await reader.seek_to_beginning(tp)
            while not await self._read_until_marker(reader, tp, handler, marker):
                if time.monotonic() - started > RESTORE_TIMEOUT_S:
                    raise TimeoutError(f"changelog {tp} not read back in {RESTORE_TIMEOUT_S}s")
        finally:
            await reader.stop()
        handler.restored()
        self.handlers[partition] = handler
        elapsed = time.monotonic() - started
        self.metrics.restore_seconds.observe(elapsed)
        log.info(
            "incidents.restored", step=self.step, partition=partition, seconds=round(elapsed, 3)
        )

    @staticmethod
    async def _read_until_marker(
        reader: AIOKafkaConsumer, tp: TopicPartition, handler: StepHandler, marker: bytes
    ) -> bool:
        batches: dict[Any, list[ConsumerRecord[bytes, bytes]]] = await reader.getmany(
            tp, timeout_ms=500
        )
        for record in batches.get(tp, []):
            if record.key == MARKER_KEY:
                if record.value == marker:
                    return True
                continue
            if record.key is not None:
                handler.restore(record.key.decode(), record.value)
        return False

    def _update_gauges(self) -> None:
        self.metrics.state_entries.labels(store=self.step).set(
            sum(handler.size() for handler in self.handlers.values())
        )
        if self.step == "book":
            self.metrics.open_incidents.set(
                sum(handler.open_incidents() for handler in self.handlers.values())
            )
