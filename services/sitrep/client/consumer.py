"""Typed reading of Sitrep's topics, for services downstream of Sitrep.

Every reader of `sitrep.events.v1` needs the same things: validate each message against the
contract, survive the odd bad one, drop the duplicates that at-least-once delivery brings,
start where it was asked to (kcat's `-o` forms), and commit only what it has handled. This
does them once, on aiokafka: `TopicConsumer` for any contract topic, `EventConsumer` for
events (filters and duplicate dropping on top).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Collection, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord
from pydantic import BaseModel, TypeAdapter, ValidationError

from sitrep.client.dedupe import Deduplicator, Revisions
from sitrep.client.filters import ALL_EVENTS, EventFilter
from sitrep.client.offsets import BEGINNING, END, OffsetProbe, StartOffset, parse_offset
from sitrep.settings import Settings
from sitrep_contracts import Article, ArticleEnrichment, DeadLetter, EnrichedEvent, Incident

log = structlog.get_logger(__name__)

M = TypeVar("M", bound=BaseModel)

#: Any message Sitrep defines, told apart by its `message_type` field.
Message = Article | EnrichedEvent | ArticleEnrichment | DeadLetter | Incident
_ANY_MESSAGE: TypeAdapter[Message] = TypeAdapter(Message)

#: Bounds the commit made while leaving, so a vanished broker cannot hold up the exit.
EXIT_COMMIT_TIMEOUT_S = 10.0


class MalformedEventError(ValueError):
    """A record that is not a valid message of the expected contract."""


class UnknownTopicError(LookupError):
    """The topic to read does not exist on the cluster."""


def _validation_summary(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "<message>"
    return f"{exc.error_count()} error(s); {where}: {first['msg']}"


def parse_event(value: bytes | None) -> EnrichedEvent:
    """Validate one record value against the contract, or raise `MalformedEventError`."""
    event: EnrichedEvent = parse_message(value, EnrichedEvent)
    return event


def parse_message(value: bytes | None, contract: type[M] | None = None) -> Any:
    """One record value as `contract`, or as whichever Sitrep message its `message_type`
    names when `contract` is None; raises `MalformedEventError`."""
    if value is None:
        raise MalformedEventError("record has no value (tombstone)")
    try:
        if contract is None:
            return _ANY_MESSAGE.validate_json(value)
        return contract.model_validate_json(value)
    except ValidationError as exc:
        raise MalformedEventError(_validation_summary(exc)) from exc


@dataclass
class ConsumerStats:
    """What happened to the records read so far."""

    received: int = 0
    yielded: int = 0
    malformed: int = 0
    duplicates: int = 0
    superseded: int = 0  # events of an article revision older than one already seen
    filtered: int = 0


@dataclass(frozen=True, slots=True)
class Delivery(Generic[M]):
    """A message with the record it came in: where, when (`timestamp_ms`), key and headers."""

    value: M
    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    timestamp_type: int  # 0: set by the producer (CreateTime), 1: by the broker (LogAppendTime)
    key: bytes | None
    headers: tuple[tuple[str, bytes], ...]


class TopicConsumer(Generic[M]):
    """Async iterator over the valid messages of one topic.

        async with TopicConsumer(topic="sitrep.dead-letters.v1", contract=DeadLetter) as letters:
            async for letter in letters:
                alert(letter)

    Without a group, it reads `partitions` (default: all) from `offset`: "beginning",
    "end", N, -N (N before the end), or a time ("s@<epoch ms>" or ISO 8601), as kcat's `-o`.
    In a consumer group (`group_id`), each partition starts at the group's committed
    offset, or where there is none at the beginning or the end (`offset`); an offset is
    committed only once the caller asks for the next message or leaves the `async with`
    block, so a crash replays at most the messages of the last `commit_interval_s`
    (at-least-once). Malformed records are logged and skipped.

    The iteration ends after `idle_timeout_s` without a record (once partitions are
    assigned) or, with `stop_at_end`, at the end each partition had when it was assigned;
    otherwise it follows the topic forever. `deliveries()` yields the messages with their
    records' metadata.
    """

    def __init__(
        self,
        *,
        bootstrap_servers: str | None = None,
        topic: str | None = None,
        contract: type[M] | None = None,
        group_id: str | None = None,
        partitions: Collection[int] | None = None,
        offset: StartOffset | str = BEGINNING,
        stop_at_end: bool = False,
        idle_timeout_s: float | None = None,
        commit_interval_s: float = 1.0,
        security: Mapping[str, Any] | None = None,
        settings: Settings | None = None,
        client_id: str = "sitrep-consumer",
        **consumer_options: Any,
    ) -> None:
        def defaults() -> Settings:
            nonlocal settings
            settings = settings or Settings()  # read the environment only if needed
            return settings

        self.topic = topic or defaults().events_topic
        self.contract = contract
        self.group_id = group_id
        self.partitions = sorted(set(partitions)) if partitions is not None else None
        self.offset = parse_offset(offset) if isinstance(offset, str) else offset
        if group_id is not None and self.partitions is not None:
            raise ValueError("a consumer group shares out the partitions itself: drop partitions")
        if group_id is not None and self.offset.kind not in ("beginning", "end", "stored"):
            raise ValueError(
                f"in a consumer group, reading starts at the committed offsets, else at the "
                f"beginning or the end; {self.offset} needs no group"
            )
        if group_id is None and self.offset.kind == "stored":
            raise ValueError("'stored' offsets belong to a consumer group: give a group id")
        self.stop_at_end = stop_at_end
        self.stats = ConsumerStats()
        self._bootstrap_servers = bootstrap_servers or defaults().bootstrap_servers
        self._security = dict(security) if security is not None else defaults().aiokafka_security()
        self._client_id = client_id
        self._options = consumer_options
        self._idle_timeout_s = idle_timeout_s
        self._commit_interval_s = commit_interval_s
        self._consumer: AIOKafkaConsumer | None = None
        self._buffer: deque[ConsumerRecord[bytes, bytes]] = deque()
        # Where each partition ended when it was assigned (with `stop_at_end`).
        self._ends: dict[TopicPartition, int] = {}
        # Offsets safe to commit (the caller is done with everything before them), and the
        # record of the message the caller holds now, which becomes safe when it comes back.
        self._done: dict[TopicPartition, int] = {}
        self._in_hand: tuple[TopicPartition, int] | None = None
        self._last_commit = time.monotonic()
        self._assigned_at = 0.0  # when the latest partitions were assigned and positioned

    # --- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        """Connect, then assign and position (no group) or subscribe. `async with` does it."""
        if self._consumer is not None:
            raise RuntimeError(f"{type(self).__name__} is already started")
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap_servers,
            group_id=self.group_id,
            client_id=self._client_id,
            enable_auto_commit=False,
            auto_offset_reset="latest" if self.offset == END else "earliest",
            **self._security,
            **self._options,
        )
        try:
            await consumer.start()
            if self.group_id is None:
                await self._assign(consumer)
            else:
                consumer.subscribe([self.topic], listener=_GroupListener(self))
        except BaseException:
            await consumer.stop()
            raise
        self._consumer = consumer
        log.info("consumer.started", topic=self.topic, group_id=self.group_id)

    async def _assign(self, consumer: AIOKafkaConsumer) -> None:
        await consumer.topics()  # refreshes the metadata that partitions_for_topic reads
        known = consumer.partitions_for_topic(self.topic)
        if not known:
            raise UnknownTopicError(f"topic {self.topic!r} does not exist")
        wanted = set(self.partitions) if self.partitions is not None else known
        if missing := wanted - known:
            raise UnknownTopicError(
                f"topic {self.topic!r} has no partition {', '.join(map(str, sorted(missing)))} "
                f"(it has {len(known)}: 0-{max(known)})"
            )
        assigned = [TopicPartition(self.topic, partition) for partition in sorted(wanted)]
        consumer.assign(assigned)
        async with self._probe() as probe:
            starts = await probe.starts(assigned, self.offset)
            if self.stop_at_end:
                self._ends = starts if self.offset == END else await probe.ends(assigned)
        for tp, offset in starts.items():
            consumer.seek(tp, offset)

    def _probe(self) -> OffsetProbe:
        return OffsetProbe(self._bootstrap_servers, self._security)

    async def stop(self) -> None:
        """Leave the group and close connections (without committing)."""
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await consumer.stop()
        self._buffer.clear()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._release_in_hand()  # leaving cleanly: the last message was handled
            # Whatever ended the block (Ctrl-C included), what the caller came back from
            # was handled: keep it.
            if self._consumer is not None:
                await asyncio.wait_for(self.commit(), EXIT_COMMIT_TIMEOUT_S)
        except (KafkaError, TimeoutError) as error:
            log.warning("consumer.exit_commit_failed", error=repr(error))
        finally:
            await self.stop()

    # --- iteration ----------------------------------------------------------------------
    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> M:
        return (await self._next_delivery()).value

    async def deliveries(self) -> AsyncIterator[Delivery[M]]:
        """The messages with their records' topic, partition, offset, time, key and headers."""
        while True:
            try:
                yield await self._next_delivery()
            except StopAsyncIteration:
                return

    async def _next_delivery(self) -> Delivery[M]:
        consumer = self._running()
        self._release_in_hand()  # the caller is back: the previous message is done
        if time.monotonic() - self._last_commit >= self._commit_interval_s:
            await self.commit()
        while True:
            record = await self._next_record(consumer)
            if record is None:
                raise StopAsyncIteration
            self.stats.received += 1
            value = self._accept(record)
            position = (TopicPartition(record.topic, record.partition), record.offset + 1)
            if value is None:
                self._done[position[0]] = position[1]
                continue
            self._in_hand = position
            self.stats.yielded += 1
            return Delivery(
                value=value,
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                timestamp_ms=record.timestamp,
                timestamp_type=record.timestamp_type,
                key=record.key,
                headers=tuple(record.headers),
            )

    def _accept(self, record: ConsumerRecord[bytes, bytes]) -> M | None:
        """The record's message if the caller should see it; None to skip it."""
        try:
            return parse_message(record.value, self.contract)  # type: ignore[no-any-return]
        except MalformedEventError as exc:
            self.stats.malformed += 1
            log.warning(
                "consumer.malformed_skipped",
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                key=record.key.decode("utf-8", "replace") if record.key is not None else None,
                error=str(exc),
            )
            return None

    async def _next_record(self, consumer: AIOKafkaConsumer) -> ConsumerRecord[bytes, bytes] | None:
        idle_since = time.monotonic()
        while True:
            while self._buffer:
                record = self._buffer.popleft()
                tp = TopicPartition(record.topic, record.partition)
                # A rebalance may have taken the partition since the fetch: its new owner
                # reads these records. Past the end asked for, nothing is read.
                if tp in consumer.assignment() and not self._past_end(tp, record.offset):
                    return record
            if self.stop_at_end and await self._at_end(consumer):
                return None
            batches = await consumer.getmany(timeout_ms=200, max_records=500)
            for records in batches.values():
                self._buffer.extend(records)
            if self._buffer or self._idle_timeout_s is None:
                continue
            if not consumer.assignment() or consumer.paused():  # joining: not idle yet
                idle_since = time.monotonic()
            elif time.monotonic() - max(idle_since, self._assigned_at) >= self._idle_timeout_s:
                return None

    def _past_end(self, tp: TopicPartition, offset: int) -> bool:
        return self.stop_at_end and tp in self._ends and offset >= self._ends[tp]

    async def _at_end(self, consumer: AIOKafkaConsumer) -> bool:
        assigned = consumer.assignment()
        if not assigned or not assigned <= self._ends.keys():
            return False  # joining, or a fresh assignment's ends are not known yet
        for tp in assigned:
            if await consumer.position(tp) < self._ends[tp]:
                return False
        return True

    # --- offsets ------------------------------------------------------------------------
    async def commit(self) -> None:
        """Commit the offsets of every message handled so far (no-op without a group)."""
        consumer = self._running()
        self._last_commit = time.monotonic()
        if self.group_id is None or not self._done:
            return
        await self._commit(consumer, set(self._done))

    async def _commit(self, consumer: AIOKafkaConsumer, partitions: set[TopicPartition]) -> None:
        owned = partitions & consumer.assignment()
        offsets = {tp: self._done[tp] for tp in owned if tp in self._done}
        for tp in partitions:
            self._done.pop(tp, None)
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
        except KafkaError as exc:
            # The group moved on (rebalance): the partitions' new owners replay from the last
            # committed offset, which at-least-once delivery and event ids make harmless.
            log.warning("consumer.commit_failed", error=repr(exc), partitions=len(offsets))

    async def _on_assigned(self, consumer: AIOKafkaConsumer, assigned: set[TopicPartition]) -> None:
        """Start partitions the group has no offset for at the true end (see `offsets`),
        and note where each ends for `stop_at_end`."""
        self._assigned_at = time.monotonic()  # idleness counts from here
        if not assigned or (self.offset != END and not self.stop_at_end):
            return
        # aiokafka fetches while this runs: hold the partitions until they are positioned.
        consumer.pause(*assigned)
        try:
            async with self._probe() as probe:
                ends = await probe.ends(assigned)
            if self.stop_at_end:
                self._ends.update(ends)
            if self.offset == END:
                fresh = {tp: ends[tp] for tp in assigned if await consumer.committed(tp) is None}
                for tp, end in fresh.items():
                    consumer.seek(tp, end)
                if fresh:  # the group starts here, also where nothing arrives before it leaves
                    await consumer.commit(fresh)
        finally:
            consumer.resume(*(assigned & consumer.assignment()))
            self._assigned_at = time.monotonic()

    def _release_in_hand(self) -> None:
        if self._in_hand is not None:
            tp, offset = self._in_hand
            self._done[tp] = offset
            self._in_hand = None

    def _running(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError(
                f"use `async with {type(self).__name__}(...)` or await start() first"
            )
        return self._consumer


class EventConsumer(TopicConsumer[EnrichedEvent]):
    """Async iterator over the `EnrichedEvent`s on the events topic.

        async with EventConsumer(event_filter=EventFilter(country_codes={"UA"})) as events:
            async for event in events:
                store(event)

    Each event is yielded once per `dedupe_size` window of event ids, after the filter,
    and events of an article revision older than one already seen are dropped (a
    corrected article supersedes the earlier one; see `Revisions`).
    `from_beginning=False` is `offset="end"`; every other option is `TopicConsumer`'s.
    """

    def __init__(
        self,
        *,
        event_filter: EventFilter | None = None,
        from_beginning: bool = True,
        offset: StartOffset | str | None = None,
        dedupe_size: int = 100_000,
        client_id: str = "sitrep-event-consumer",
        **options: Any,
    ) -> None:
        super().__init__(
            contract=EnrichedEvent,
            offset=offset if offset is not None else (BEGINNING if from_beginning else END),
            client_id=client_id,
            **options,
        )
        self.event_filter = event_filter or ALL_EVENTS
        self._dedupe = Deduplicator(dedupe_size)
        self._revisions = Revisions(dedupe_size)

    def _accept(self, record: ConsumerRecord[bytes, bytes]) -> EnrichedEvent | None:
        event = super()._accept(record)
        if event is None:
            return None
        if not self.event_filter.matches(event):
            self.stats.filtered += 1
            return None
        # After the filter, so the window holds only ids the caller could see twice.
        key = self._revisions.dedupe_key(event)
        if key is None:
            self.stats.superseded += 1
            log.debug("events.superseded_dropped", event_id=event.event_id, offset=record.offset)
            return None
        if self._dedupe.seen(key):
            self.stats.duplicates += 1
            log.debug("events.duplicate_dropped", event_id=event.event_id, offset=record.offset)
            return None
        return event


class _GroupListener(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka is untyped
    """Commits handled offsets of partitions being taken away, so their next owner skips
    them; positions newly assigned partitions that have no committed offset."""

    def __init__(self, owner: TopicConsumer[Any]) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        consumer = self._owner._consumer
        if consumer is not None and revoked:
            await self._owner._commit(consumer, set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        consumer = self._owner._consumer
        if consumer is not None:
            await self._owner._on_assigned(consumer, set(assigned))
