"""Output messages as the worker sends them: topic, key, JSON value, CloudEvents headers."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from sitrep_contracts import ArticleEnrichment, DeadLetter, EnrichedEvent, Header

CE_SOURCE = "urn:sitrep:enricher"
CONTENT_TYPE = "application/json"

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class OutputRecord:
    topic: str
    key: bytes | None
    value: bytes
    headers: Headers


def cloudevent_headers(ce_id: str, ce_type: str, schema_version: int, time: dt.datetime) -> Headers:
    """CloudEvents 1.0 Kafka protocol binding, binary mode (the payload stays the contract)."""
    return [
        ("ce_specversion", b"1.0"),
        ("ce_id", ce_id.encode()),
        ("ce_source", CE_SOURCE.encode()),
        ("ce_type", ce_type.encode()),
        ("ce_time", time.isoformat().encode()),
        ("content-type", CONTENT_TYPE.encode()),
        ("sitrep_schema_version", str(schema_version).encode()),
    ]


def event_record(topic: str, event: EnrichedEvent) -> OutputRecord:
    return OutputRecord(
        topic=topic,
        key=event.article_id.encode(),
        value=event.model_dump_json().encode(),
        headers=cloudevent_headers(
            event.event_id, event.message_type, event.schema_version, event.extracted_at
        ),
    )


def enrichment_record(topic: str, enrichment: ArticleEnrichment) -> OutputRecord:
    return OutputRecord(
        topic=topic,
        key=enrichment.article_id.encode(),
        value=enrichment.model_dump_json().encode(),
        headers=cloudevent_headers(
            f"{enrichment.article_id}:{enrichment.article_revision}",
            enrichment.message_type,
            enrichment.schema_version,
            enrichment.extracted_at,
        ),
    )


def dead_letter_record(topic: str, letter: DeadLetter, key: bytes | None) -> OutputRecord:
    ce_id = f"{letter.source_topic}:{letter.source_partition}:{letter.source_offset}"
    return OutputRecord(
        topic=topic,
        key=key,
        value=letter.model_dump_json().encode(),
        headers=cloudevent_headers(
            ce_id, letter.message_type, letter.schema_version, letter.failed_at
        ),
    )


def b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def header_models(headers: Headers | None) -> list[Header]:
    return [Header(key=key, value_b64=b64(value)) for key, value in headers or []]
