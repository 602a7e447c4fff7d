"""The enricher's output messages: topic, key, JSON value, CloudEvents headers."""

from __future__ import annotations

import datetime as dt

from sitrep.streaming.records import Headers, OutputRecord
from sitrep.streaming.records import cloudevent_headers as _cloudevent_headers
from sitrep_contracts import ArticleEnrichment, EnrichedEvent

CE_SOURCE = "urn:sitrep:enricher"


def cloudevent_headers(ce_id: str, ce_type: str, schema_version: int, time: dt.datetime) -> Headers:
    """CloudEvents headers with the enricher as source (the publisher uses these too)."""
    return _cloudevent_headers(ce_id, ce_type, schema_version, time, source=CE_SOURCE)


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
