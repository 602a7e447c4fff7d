"""Where a reader starts in each partition: kcat's `-o` forms, resolved against the broker.

The end of a partition is read from a Fetch response's high watermark, not only from
ListOffsets: Tansu (the embedded broker, v0.6) answers ListOffsets "latest" with the base
offset of the partition's newest record batch plus one, so a reader that starts there sees
the rest of that batch again. A Fetch from the record before that answer comes back at once
with the true high watermark; on Kafka both answers agree and the Fetch changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aiokafka import AIOKafkaConsumer, TopicPartition

StartKind = Literal["beginning", "end", "stored", "offset", "from_end", "time"]

#: How long to wait for the Fetch that reveals a partition's high watermark.
HIGH_WATERMARK_WAIT_S = 5.0

_KCAT_TIME = re.compile(r"s@(\d+)")
OFFSET_FORMS = "beginning, end, stored, N, -N, s@<epoch ms> or an ISO 8601 time"


@dataclass(frozen=True, slots=True)
class StartOffset:
    """One `-o` value: `offset` holds N for "offset", N for "from_end", epoch ms for "time"."""

    kind: StartKind
    offset: int = 0

    def __str__(self) -> str:
        if self.kind == "offset":
            return str(self.offset)
        if self.kind == "from_end":
            return f"-{self.offset}"
        if self.kind == "time":
            return f"s@{self.offset}"
        return self.kind


BEGINNING = StartOffset("beginning")
END = StartOffset("end")
STORED = StartOffset("stored")


def parse_offset(text: str) -> StartOffset:
    """kcat's `-o` syntax, plus an ISO 8601 time; raises ValueError naming the forms."""
    value = text.strip().lower()
    if value in ("beginning", "earliest", "oldest"):
        return BEGINNING
    if value in ("end", "latest", "newest"):
        return END
    if value == "stored":
        return STORED
    if re.fullmatch(r"\d+", value):
        return StartOffset("offset", int(value))
    if re.fullmatch(r"-\d+", value):
        return StartOffset("from_end", int(value[1:]))
    if match := _KCAT_TIME.fullmatch(value):
        return StartOffset("time", int(match.group(1)))
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an offset; use one of {OFFSET_FORMS}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return StartOffset("time", int(moment.timestamp() * 1000))


class OffsetProbe:
    """A short-lived, group-less consumer that answers offset questions for partitions."""

    def __init__(self, bootstrap_servers: str, security: Mapping[str, Any]) -> None:
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            enable_auto_commit=False,
            fetch_max_wait_ms=100,
            max_partition_fetch_bytes=64 * 1024,
            client_id="sitrep-offset-probe",
            **security,
        )

    async def __aenter__(self) -> OffsetProbe:
        await self._consumer.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._consumer.stop()

    async def beginnings(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        return dict(await self._consumer.beginning_offsets(list(partitions)))

    async def ends(self, partitions: Collection[TopicPartition]) -> dict[TopicPartition, int]:
        """Each partition's high watermark: the offset the next record will get."""
        listed: dict[TopicPartition, int] = dict(await self._consumer.end_offsets(list(partitions)))
        filled = [tp for tp, end in listed.items() if end > 0]  # 0: no batch at all
        if not filled:
            return listed
        self._consumer.assign(filled)
        for tp in filled:
            self._consumer.seek(tp, listed[tp] - 1)
        deadline = time.monotonic() + HIGH_WATERMARK_WAIT_S
        unknown = set(filled)
        while unknown and time.monotonic() < deadline:
            await self._consumer.getmany(*unknown, timeout_ms=200, max_records=1)
            unknown = {tp for tp in unknown if self._consumer.highwater(tp) is None}
        ends = dict(listed)
        for tp in filled:
            ends[tp] = max(listed[tp], self._consumer.highwater(tp) or 0)
        self._consumer.unsubscribe()
        return ends

    async def starts(
        self, partitions: Collection[TopicPartition], start: StartOffset
    ) -> dict[TopicPartition, int]:
        """Where to start reading each partition for `start` (not "stored": a group's own)."""
        if start.kind == "stored":
            raise ValueError("'stored' offsets belong to a consumer group: give --group")
        if start.kind == "beginning":
            return await self.beginnings(partitions)
        ends = await self.ends(partitions)
        if start.kind == "end":
            return ends
        beginnings = await self.beginnings(partitions)
        if start.kind == "offset":
            return {tp: min(max(start.offset, beginnings[tp]), ends[tp]) for tp in partitions}
        if start.kind == "from_end":
            return {tp: max(ends[tp] - start.offset, beginnings[tp]) for tp in partitions}
        found = await self._consumer.offsets_for_times({tp: start.offset for tp in partitions})
        starts: dict[TopicPartition, int] = {}
        for tp in partitions:
            answer = found.get(tp)
            # No record at or after the time: Kafka answers none, Tansu offset 0 with
            # timestamp -1. Either way the reader starts at the end.
            late = answer is None or answer.timestamp is None or answer.timestamp < 0
            starts[tp] = ends[tp] if late else min(answer.offset, ends[tp])
        return starts
