"""What flows through a stream loop: records read, records to produce, their headers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from aiokafka import TopicPartition

CONTENT_TYPE = "application/json"

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One record of the input topic, as the stage sees it.

    `unreadable` is set (and key, value and headers are empty) when the Kafka client could
    not decode the record at all, e.g. a header key that is not UTF-8: the loop
    dead-letters it without asking the stage.
    """

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers = field(default_factory=list)
    unreadable: BaseException | None = None

    @property
    def tp(self) -> TopicPartition:
        return TopicPartition(self.topic, self.partition)

    @classmethod
    def of(cls, record: Any) -> InputRecord:
        """From an aiokafka `ConsumerRecord`."""
        return cls(
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key,
            value=record.value,
            headers=list(record.headers or []),
        )


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """A record to produce; `partition` None lets the producer choose by key."""

    topic: str
    key: bytes | None
    value: bytes | None  # None: a tombstone (a deleted key on a compacted topic)
    headers: Headers
    partition: int | None = None

    @property
    def size(self) -> int:
        """Bytes of key, value and headers: what counts against a record size limit."""
        header_bytes = sum(len(key.encode("utf-8", "replace")) + len(v) for key, v in self.headers)
        return len(self.key or b"") + len(self.value or b"") + header_bytes


def cloudevent_headers(
    ce_id: str, ce_type: str, schema_version: int, time: dt.datetime, *, source: str
) -> Headers:
    """CloudEvents 1.0 Kafka protocol binding, binary mode (the payload stays the contract)."""
    return [
        ("ce_specversion", b"1.0"),
        ("ce_id", ce_id.encode("utf-8", "backslashreplace")),
        ("ce_source", source.encode()),
        ("ce_type", ce_type.encode()),
        ("ce_time", time.isoformat().encode()),
        ("content-type", CONTENT_TYPE.encode()),
        ("sitrep_schema_version", str(schema_version).encode()),
    ]
