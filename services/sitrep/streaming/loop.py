"""The consume -> process -> produce -> commit loop that every Sitrep stage runs on.

See the package docstring for the contract a stage fulfils. What the loop guarantees:

- **Every record ends as its output or its dead letter.** A `Rejected` from the stage
  becomes a dead letter with its reason; any other exception a `processing_error` one; a
  record the client cannot decode an `unreadable_record` one. Nothing a record holds can
  stop its partition.
- **Offsets are committed only after the output is acknowledged** (at-least-once), or in
  the same transaction as the output (`exactly_once`).
- **Produce errors are sorted by type** (`streaming.errors.classify`): transient ones are
  retried with backoff for as long as it takes, a record the broker refuses for good turns
  its input into a dead letter (`output_rejected`) without re-sending what was
  acknowledged, and fatal ones (permissions, fencing) stop the worker.
- **The group never loses this member to slow work.** While a batch is in hand, the
  partitions are paused and the loop keeps polling, so `max_poll_interval_ms` is never
  exceeded however long extraction or a broker outage takes.
- **Per-partition state** is opened on assignment and dropped on revocation; revocation
  waits (up to `revoke_wait_s`) for the batch in hand to be produced and committed.
  A stage reading several topics gets one state per partition number: its inputs must be
  co-partitioned (same partition count, keyed alike), and the loop assigns partition p of
  every input to the same member (range assignor).
- **Changelogged state** (`StreamConfig.changelog_topic`; see `changelog.py`): a
  partition's state is read back from its changelog partition before the partition's
  first record is processed, and each batch's changes are written there after its output
  is acknowledged and before its offsets are committed.
- **One produce and one commit per poll**: every partition's records of a poll are
  processed, then their output is sent and acknowledged, then their offsets committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, cast, runtime_checkable

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError
from aiokafka.structs import OffsetAndMetadata

from sitrep.observability.metrics import StreamMetrics
from sitrep.settings import Settings
from sitrep.streaming.changelog import ChangeloggedState, ChangelogReader, changelog_records
from sitrep.streaming.deadletters import DeadLetters
from sitrep.streaming.errors import Failure, Rejected, StageUnavailable, classify
from sitrep.streaming.records import InputRecord, OutputRecord
from sitrep.streaming.web import build_web_app, start_web
from sitrep_contracts import Reason, Stage

log = structlog.get_logger(__name__)

StateT = TypeVar("StateT")

#: Records taken per poll (the default of `StreamConfig.max_batch`).
MAX_BATCH = 50
#: How long a `DOUBTFUL` produce error (e.g. UnknownError) is retried before it counts
#: as a refusal of that record.
DOUBTFUL_RETRY_S = 30.0
#: Producer batch per partition (aiokafka's default is 16 KiB): an article's output is
#: ~60 KB, and aiokafka makes `send()` wait while a partition's batch is full.
PRODUCER_BATCH_BYTES = 256 * 1024


class StreamStage(Protocol[StateT]):
    """What a stage supplies to the loop: its per-partition state and its record handler."""

    def open_partition(self, partition: int) -> StateT:
        """Fresh state for a partition (number) just assigned; dropped when it is revoked."""
        ...

    async def process(self, record: InputRecord, state: StateT) -> list[OutputRecord]:
        """The records to produce for one input record; raise `Rejected` to dead-letter it."""
        ...


@runtime_checkable
class PrefetchingStage(StreamStage[StateT], Protocol[StateT]):
    """A stage that works on a poll's records together before `process` takes them one by
    one (the enricher reads their NER in one call). `prefetch` must raise for no record's
    sake: what fails there is left for `process`, which decides its fate as usual."""

    async def prefetch(self, records: list[tuple[InputRecord, StateT]]) -> None: ...


@dataclass(frozen=True, slots=True)
class StreamConfig:
    """Which topics and group one stage reads and writes, and its name in CloudEvents."""

    name: str  # e.g. "enricher": CloudEvents source urn:sitrep:enricher
    input_topics: tuple[str, ...]  # several: co-partitioned, one state per partition number
    dead_letter_topic: str
    group_id: str
    #: Set for a stage whose state implements `ChangeloggedState`: compacted, with as many
    #: partitions as the inputs.
    changelog_topic: str | None = None
    max_batch: int = MAX_BATCH
    #: How long the broker may hold a fetch that finds no data. The embedded broker holds
    #: it this long even when data arrives meanwhile, so it adds to each hop's latency.
    fetch_max_wait_ms: int = 100


class _Abandoned(Exception):
    """The batch in hand is given up (the worker is stopping): nothing of it is committed."""


class StreamLoop(Generic[StateT]):
    """Runs one stage until `stop()` (or SIGTERM/SIGINT): finishes the record in hand,
    produces and commits what is done, leaves the group and returns."""

    def __init__(
        self,
        stage: StreamStage[StateT],
        config: StreamConfig,
        settings: Settings,
        metrics: StreamMetrics,
        *,
        ready: Callable[[], bool] = lambda: True,
        observe: Callable[[Mapping[int, StateT]], None] | None = None,
        consumer: AIOKafkaConsumer | None = None,
        producer: AIOKafkaProducer | None = None,
        handle_signals: bool = True,
    ) -> None:
        self._stage = stage
        self._config = config
        self._settings = settings
        self._metrics = metrics
        self._ready = ready
        self._observe = observe  # sets the stage's gauges from its states, before a scrape
        self._handle_signals = handle_signals
        self._stopping = asyncio.Event()
        self._states: dict[int, StateT] = {}  # by partition number
        self._restored: set[int] = set()  # changelogged states read back
        self._next_offsets: dict[TopicPartition, int] = {}  # after the last record handed out
        self._in_hand: asyncio.Task[None] | None = None
        self._stash: dict[TopicPartition, list[InputRecord]] = {}
        self.revoke_wait_s = 0.8 * settings.session_timeout_s
        self._dead_letters = DeadLetters(
            topic=config.dead_letter_topic,
            worker=settings.worker_id,
            source=f"urn:sitrep:{config.name}",
            max_record_bytes=settings.max_record_bytes,
            metrics=metrics,
        )
        # Built here, inside the running loop; no I/O until `run()` starts them.
        self._consumer = consumer or kafka_consumer(
            settings,
            config.group_id,
            fetch_max_wait_ms=config.fetch_max_wait_ms,
            co_partitioned=len(config.input_topics) > 1,
        )
        self._producer = producer or kafka_producer(settings, config.group_id)
        self._changelog = (
            ChangelogReader(config.changelog_topic, settings, self._producer)
            if config.changelog_topic
            else None
        )

    def stop(self) -> None:
        self._stopping.set()

    # --- lifecycle ----------------------------------------------------------------------
    async def run(self) -> None:
        settings = self._settings
        web = await start_web(
            build_web_app(self._metrics, self._readiness, self._before_scrape),
            settings.web_host,
            settings.web_port,
        )
        if self._handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self.stop)
        try:
            await self._producer.start()
            await self._consumer.start()
            await self._check_co_partitioned()
            topics = list(self._config.input_topics)
            self._consumer.subscribe(topics, listener=_Rebalance(self))
            log.info("stream.started", group=self._config.group_id, topics=topics)
            await self._consume()
        finally:
            log.info("stream.stopping")
            await self._consumer.stop()  # leaves the group: partitions move at once
            await self._producer.stop()
            await web.cleanup()
            log.info("stream.stopped")

    async def _check_co_partitioned(self) -> None:
        """Several inputs share states by partition number: they must have as many."""
        topics = self._config.input_topics
        if self._config.changelog_topic:
            topics = (*topics, self._config.changelog_topic)
        if len(topics) < 2:
            return
        await self._consumer.topics()  # refreshes the metadata read below
        counts = {topic: len(self._consumer.partitions_for_topic(topic) or ()) for topic in topics}
        if len(set(counts.values())) > 1:
            raise ValueError(
                f"{self._config.name}: its topics must have the same number of partitions "
                f"(state is kept per partition number), found {counts}"
            )

    def _readiness(self) -> dict[str, Any]:
        partitions = len(self._states)
        return {
            "ready": partitions > 0 and self._ready() and not self._stopping.is_set(),
            "model_loaded": self._ready(),
            "assigned_partitions": partitions,
        }

    # --- the loop -----------------------------------------------------------------------
    async def _consume(self) -> None:
        while not self._stopping.is_set():
            batches = self._take_stash() or await self._poll(timeout_ms=500)
            if not batches:
                continue
            self._in_hand = asyncio.create_task(self._handle(batches))
            try:
                await self._keep_polling_until(self._in_hand)
                self._in_hand.result()
            except _Abandoned:
                break
            finally:
                self._in_hand = None
                self._consumer.resume(*self._consumer.assignment())

    async def _keep_polling_until(self, work: asyncio.Task[None]) -> None:
        """Pause every partition and keep polling while `work` runs: the member stays in the
        group (max_poll_interval_ms) and heartbeats, and no new record is taken."""
        while not work.done():
            self._consumer.pause(*self._consumer.assignment())
            poll = asyncio.ensure_future(self._poll(timeout_ms=1000))
            await asyncio.wait({work, poll}, return_when=asyncio.FIRST_COMPLETED)
            if not poll.done():
                poll.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poll
                continue
            for tp, records in poll.result().items():  # assigned since the pause: keep them
                self._stash.setdefault(tp, []).extend(records)

    def _take_stash(self) -> dict[TopicPartition, list[InputRecord]]:
        stash, self._stash = self._stash, {}
        return {tp: records for tp, records in stash.items() if tp.partition in self._states}

    async def _poll(self, timeout_ms: int) -> dict[TopicPartition, list[InputRecord]]:
        try:
            fetched = await self._consumer.getmany(
                timeout_ms=timeout_ms, max_records=self._config.max_batch
            )
        except KafkaError:
            raise
        except Exception as exc:  # noqa: BLE001 -- a record the client cannot decode
            log.warning("poll.unreadable_record", error=repr(exc))
            return await self._read_around_unreadable()
        batches = {tp: [InputRecord.of(r) for r in records] for tp, records in fetched.items()}
        for tp, records in batches.items():
            self._next_offsets[tp] = records[-1].offset + 1
        return batches

    async def _read_around_unreadable(self) -> dict[TopicPartition, list[InputRecord]]:
        """The client raised while decoding a fetched record (aiokafka decodes header keys as
        UTF-8) and lost the records of that fetch. Re-read each partition one record at a
        time from the last one handed out: the record that raises is dead-lettered as
        unreadable and skipped; what came before it is processed as usual."""
        consumer = self._consumer
        assignment = set(consumer.assignment())
        batches: dict[TopicPartition, list[InputRecord]] = {}
        for tp in assignment:
            consumer.seek(tp, await self._next_offset(tp))
        try:
            for tp in assignment:
                consumer.pause(*(assignment - {tp}))
                consumer.resume(tp)
                records: list[InputRecord] = []
                while len(records) < self._config.max_batch:
                    offset = await self._next_offset(tp)
                    try:
                        fetched = await consumer.getmany(tp, timeout_ms=1000, max_records=1)
                    except KafkaError:
                        raise
                    except Exception as exc:  # noqa: BLE001 -- this one is the unreadable record
                        records.append(
                            InputRecord(tp.topic, tp.partition, offset, None, None, [], exc)
                        )
                        consumer.seek(tp, offset + 1)
                        self._next_offsets[tp] = offset + 1
                        break
                    if not fetched.get(tp):
                        break
                    records.extend(InputRecord.of(r) for r in fetched[tp])
                    self._next_offsets[tp] = records[-1].offset + 1
                if records:
                    batches[tp] = records
        finally:
            consumer.resume(*assignment)
        return batches

    async def _next_offset(self, tp: TopicPartition) -> int:
        """Offset after the last record handed out; else the committed one; else the start."""
        if tp in self._next_offsets:
            return self._next_offsets[tp]
        committed = await self._consumer.committed(tp)
        if committed is None:
            committed = (await self._consumer.beginning_offsets([tp]))[tp]
        self._next_offsets[tp] = committed
        return int(committed)

    # --- one batch ----------------------------------------------------------------------
    async def _handle(self, batches: dict[TopicPartition, list[InputRecord]]) -> None:
        """Process every partition's records in order, produce the output (and the state's
        changes), then commit: one round of acknowledgements per poll, not per partition."""
        await self._restore({tp.partition for tp in batches})
        if isinstance(self._stage, PrefetchingStage):
            await self._stage.prefetch(
                [
                    (record, self._states[tp.partition])
                    for tp, records in batches.items()
                    if tp.partition in self._states
                    for record in records
                    if record.unreadable is None
                ]
            )
        done: list[tuple[InputRecord, list[OutputRecord]]] = []
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        touched: set[int] = set()
        for tp, records in batches.items():
            for record in records:
                state = self._states.get(tp.partition)
                if state is None or self._stopping.is_set():
                    break  # revoked (its new owner resumes from the last commit) or stopping
                done.append((record, await self._process(record, state)))
                offsets[tp] = OffsetAndMetadata(record.offset + 1, "")
                touched.add(tp.partition)
        structlog.contextvars.clear_contextvars()
        # A partition revoked mid-batch (after `revoke_wait_s`): its next owner replays it.
        done = [(record, outs) for record, outs in done if record.partition in self._states]
        offsets = {tp: offset for tp, offset in offsets.items() if tp.partition in self._states}
        if not done:
            return
        changes = self._take_changes(touched)
        if self._settings.exactly_once:
            await self._produce_in_transaction(done, offsets, changes)
        else:
            await self._produce(done)
            await self._write_changes(changes)
            await self._commit(offsets)

    async def _process(self, record: InputRecord, state: StateT) -> list[OutputRecord]:
        """The stage's output for one record, or its dead letter: never an exception."""
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(
            topic=record.topic, partition=record.partition, offset=record.offset
        )
        letters = self._dead_letters
        if record.unreadable is not None:
            return [
                letters.letter(record, Stage.CONSUME, Reason.UNREADABLE_RECORD, record.unreadable)
            ]
        try:
            return await self._stage.process(record, state)
        except Rejected as rejected:
            return [
                letters.letter(
                    record, rejected.stage, rejected.reason, rejected, rejected.article_id
                )
            ]
        except StageUnavailable:
            raise
        except Exception as exc:
            log.exception("record.processing_failed")
            return [letters.letter(record, Stage.PROCESS, Reason.PROCESSING_ERROR, exc)]

    # --- producing ----------------------------------------------------------------------
    async def _produce(self, done: list[tuple[InputRecord, list[OutputRecord]]]) -> None:
        """Send every record and wait for its ack. Transient failures re-send only what
        failed; an input whose output is refused for good is dead-lettered instead (what of
        it was acknowledged stays; nothing is sent twice)."""
        pending = [(index, 0, out) for index, (_, outs) in enumerate(done) for out in outs]
        retry = _Backoff(self._stopping)
        while pending:
            failures = await self._send([out for _, _, out in pending])
            if not failures:
                return
            pending = self._after_failures(done, pending, failures, retry)
            self._metrics.produce_retries.inc(len(pending))
            await retry.wait()

    def _after_failures(
        self,
        done: list[tuple[InputRecord, list[OutputRecord]]],
        pending: list[tuple[int, int, OutputRecord]],
        failures: dict[int, BaseException],
        retry: _Backoff,
    ) -> list[tuple[int, int, OutputRecord]]:
        """What to send next: failed records to retry, and dead letters for refused inputs.

        `level` is what a pending record is: 0 output, 1 dead letter, 2 minimal dead letter.
        """
        refused: dict[int, tuple[int, BaseException]] = {}
        again: list[tuple[int, int, OutputRecord]] = []
        for position, error in failures.items():
            index, level, out = pending[position]
            failure = classify(error)
            log.warning("produce.failed", error=repr(error)[:300], failure=failure.value)
            if failure is Failure.FATAL:
                raise error
            if failure is Failure.REFUSED or (
                failure is Failure.DOUBTFUL and retry.elapsed() > DOUBTFUL_RETRY_S
            ):
                refused.setdefault(index, (level, error))
            else:
                again.append((index, level, out))
        again = [item for item in again if item[0] not in refused]
        for index, (level, error) in refused.items():
            record = done[index][0]
            if level == 0:
                letter = self._dead_letters.letter(
                    record, Stage.PRODUCE, Reason.OUTPUT_REJECTED, error
                )
            elif level == 1:
                letter = self._dead_letters.minimal(
                    record, Stage.PRODUCE, Reason.OUTPUT_REJECTED, error
                )
            else:
                log.error("produce.minimal_dead_letter_refused", error=repr(error)[:300])
                continue
            again.append((index, level + 1, letter))
        return again

    async def _send(self, records: list[OutputRecord]) -> dict[int, BaseException]:
        """Send all, wait for every ack; the failures by position in `records`."""
        futures: list[asyncio.Future[Any]] = []
        for record in records:
            try:
                future = await self._producer.send(
                    record.topic,
                    key=record.key,
                    value=record.value,
                    headers=record.headers,
                    partition=record.partition,
                )
            except Exception as exc:  # noqa: BLE001 -- refused before sending (size, types)
                future = asyncio.get_running_loop().create_future()
                future.set_exception(exc)
            futures.append(future)
        results = await asyncio.gather(*futures, return_exceptions=True)
        return {i: r for i, r in enumerate(results) if isinstance(r, BaseException)}

    async def _produce_in_transaction(
        self,
        done: list[tuple[InputRecord, list[OutputRecord]]],
        offsets: dict[TopicPartition, OffsetAndMetadata],
        changes: list[OutputRecord],
    ) -> None:
        """Exactly-once: the output, the state's changes and the offsets commit together or
        not at all. A refused record aborts the transaction; it is tried again with that
        input dead-lettered."""
        pending = [(index, 0, out) for index, (_, outs) in enumerate(done) for out in outs]
        retry = _Backoff(self._stopping)
        while True:
            try:
                failures = await self._transaction([out for _, _, out in pending], offsets, changes)
            except KafkaError as exc:  # committing the transaction itself failed
                if classify(exc) is Failure.FATAL:
                    raise
                log.warning("transaction.failed", error=repr(exc)[:300])
                failures = {}
            else:
                if not failures:
                    return
            if failures:
                pending = self._after_failures(done, pending, failures, retry)
            await retry.wait()

    async def _transaction(
        self,
        records: list[OutputRecord],
        offsets: dict[TopicPartition, OffsetAndMetadata],
        changes: list[OutputRecord],
    ) -> dict[int, BaseException]:
        """One attempt: {} once committed, else the failed records (and nothing visible)."""
        producer = self._producer
        await producer.begin_transaction()
        try:
            failures = await self._send(records + changes)
            if not failures:
                await producer.send_offsets_to_transaction(offsets, self._config.group_id)
                await producer.commit_transaction()
                return {}
        except BaseException:
            await producer.abort_transaction()
            raise
        await producer.abort_transaction()
        for position, error in failures.items():
            if position >= len(records):
                raise error  # a change of state that cannot be saved: stop the worker
        return failures

    # --- changelogged state ---------------------------------------------------------------
    async def _restore(self, partitions: set[int]) -> None:
        """Read changelogged states back before their partitions' first records."""
        if self._changelog is None:
            return
        wanted = {p for p in partitions if p in self._states and p not in self._restored}
        if not wanted:
            return
        started = asyncio.get_running_loop().time()
        for partition, records in (await self._changelog.read(wanted)).items():
            state = self._states.get(partition)
            if state is None:
                continue  # revoked while reading
            cast(ChangeloggedState, state).restore(records)
            self._restored.add(partition)
            log.info("state.restored", partition=partition, keys=len(records))
        elapsed = asyncio.get_running_loop().time() - started
        self._metrics.restore_seconds.observe(elapsed)

    def _take_changes(self, partitions: set[int]) -> list[OutputRecord]:
        topic = self._config.changelog_topic
        if topic is None:
            return []
        records: list[OutputRecord] = []
        for partition in sorted(partitions & self._states.keys()):
            changes = cast(ChangeloggedState, self._states[partition]).take_changes()
            records += changelog_records(topic, partition, changes)
        return records

    async def _write_changes(self, changes: list[OutputRecord]) -> None:
        """Send the state's changes and wait for every ack; transient errors are retried.
        A change the broker refuses for good stops the worker: the state could not be
        saved, and the uncommitted batch is replayed by the partition's next owner."""
        retry = _Backoff(self._stopping)
        while changes:
            failures = await self._send(changes)
            for error in failures.values():
                if classify(error) in (Failure.FATAL, Failure.REFUSED):
                    raise error
            changes = [changes[position] for position in failures]
            if changes:
                log.warning("changelog.retry", records=len(changes))
                self._metrics.produce_retries.inc(len(changes))
                await retry.wait()

    async def _commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        try:
            await self._consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError) as exc:
            # The group rebalanced: the partition's owner replays from the last commit
            # (same ids; consumers drop the repeats).
            log.warning("commit.failed_after_rebalance", error=str(exc))

    # --- rebalances ---------------------------------------------------------------------
    async def on_revoked(self, revoked: set[TopicPartition]) -> None:
        work = self._in_hand
        if work is not None and not work.done():
            # Let the batch in hand be produced and committed while this member still owns it.
            await asyncio.wait({work}, timeout=self.revoke_wait_s)
            if not work.done():
                log.warning("partitions.revoked_with_batch_in_hand", wait_s=self.revoke_wait_s)
        for tp in revoked:
            self._states.pop(tp.partition, None)
            self._restored.discard(tp.partition)
            self._next_offsets.pop(tp, None)
            self._stash.pop(tp, None)
        self._metrics.assigned_partitions.set(len(self._states))
        log.info("partitions.revoked", partitions=sorted(tp.partition for tp in revoked))

    def on_assigned(self, assigned: set[TopicPartition]) -> None:
        for tp in assigned:
            if tp.partition not in self._states:
                self._states[tp.partition] = self._stage.open_partition(tp.partition)
        self._metrics.assigned_partitions.set(len(self._states))
        log.info("partitions.assigned", partitions=sorted(tp.partition for tp in assigned))

    async def _before_scrape(self) -> None:
        if self._observe is not None:
            self._observe(self._states)
        await self._update_lag()

    async def _update_lag(self) -> None:
        consumer = self._consumer
        for tp in list(self._consumer.assignment()):
            highwater = consumer.highwater(tp)
            try:
                position = await consumer.position(tp)
            except (KafkaError, IllegalStateError):
                continue
            if highwater is not None:
                self._metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(
                    max(0, highwater - position)
                )


class _Backoff:
    """Exponential backoff between produce attempts; gives up once the worker is stopping."""

    def __init__(self, stopping: asyncio.Event, first_s: float = 0.2, cap_s: float = 5.0) -> None:
        self._stopping = stopping
        self._delay = first_s
        self._cap = cap_s
        self._started = asyncio.get_running_loop().time()

    def elapsed(self) -> float:
        return asyncio.get_running_loop().time() - self._started

    async def wait(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), self._delay)
        if self._stopping.is_set():
            raise _Abandoned
        self._delay = min(self._delay * 2, self._cap)


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped
    def __init__(self, loop: StreamLoop[Any]) -> None:
        self._loop = loop

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self._loop.on_revoked(set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._loop.on_assigned(set(assigned))


def kafka_consumer(
    settings: Settings, group_id: str, *, fetch_max_wait_ms: int = 100, co_partitioned: bool = False
) -> AIOKafkaConsumer:
    """A stage's consumer: manual commits, from the earliest offset for a new group;
    `co_partitioned`: partition p of every subscribed topic goes to the same member."""
    session_ms = int(settings.session_timeout_s * 1000)
    return AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=group_id,
        client_id=settings.worker_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=session_ms,
        rebalance_timeout_ms=session_ms,
        heartbeat_interval_ms=max(500, session_ms // 3),
        # The loop polls (paused) while it works, so this only bounds a stuck event loop.
        max_poll_interval_ms=max(60_000, session_ms),
        fetch_max_wait_ms=fetch_max_wait_ms,
        partition_assignment_strategy=(
            (RangePartitionAssignor,) if co_partitioned else (RoundRobinPartitionAssignor,)
        ),
        max_partition_fetch_bytes=max(settings.max_article_bytes + 10_000, 1_048_576),
        isolation_level="read_committed" if settings.exactly_once else "read_uncommitted",
        **settings.aiokafka_security(),
    )


def kafka_producer(settings: Settings, group_id: str) -> AIOKafkaProducer:
    """A stage's producer: acks from all replicas, compressed, records bounded in size."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=settings.worker_id,
        acks="all",
        linger_ms=2,
        max_batch_size=PRODUCER_BATCH_BYTES,
        compression_type=settings.compression_type,
        # Slightly over the record budget: the budget, not the client, decides what fits.
        max_request_size=settings.max_record_bytes + 64 * 1024,
        transactional_id=(f"{group_id}-{settings.worker_id}" if settings.exactly_once else None),
        **settings.aiokafka_security(),
    )
