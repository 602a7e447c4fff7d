"""Dead letters that can always be written: bounded in size, and a minimal one as last resort.

A letter keeps the original value whole when the letter stays under the record budget;
otherwise a prefix, with the original's size and SHA-256 (the whole message stays on the
input topic at its offset). If building or serialising the letter fails (a lone surrogate
in an error message, say), a minimal letter of ASCII text and numbers is written instead.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

import structlog

from sitrep.observability.metrics import StreamMetrics
from sitrep.streaming.records import InputRecord, OutputRecord, cloudevent_headers
from sitrep_contracts import DeadLetter, Header, Reason, Stage

log = structlog.get_logger(__name__)

#: Bytes of the original value kept when the whole of it does not fit.
ORIGINAL_PREFIX_BYTES = 64 * 1024
#: A minimal letter keeps this much, and at most this much of the original key.
MINIMAL_PREFIX_BYTES = 1024
ERROR_MESSAGE_CHARS = 4000


@dataclass(frozen=True, slots=True)
class DeadLetters:
    """Builds the dead-letter record for one input record; never raises."""

    topic: str
    worker: str
    source: str  # CloudEvents source, e.g. urn:sitrep:enricher
    max_record_bytes: int
    metrics: StreamMetrics

    def letter(
        self,
        record: InputRecord,
        stage: Stage,
        reason: Reason,
        error: BaseException,
        article_id: str | None = None,
    ) -> OutputRecord:
        self.metrics.dead_letters.labels(reason=reason.value).inc()
        log.warning(
            "record.dead_letter",
            reason=reason.value,
            stage=stage.value,
            error=ascii(str(error))[:300],
            article_id=ascii(article_id) if article_id else None,
        )
        try:
            built = self._whole(record, stage, reason, error, article_id)
            if built.size > self.max_record_bytes:
                built = self._whole(record, stage, reason, error, article_id, truncate=True)
        except Exception as failure:  # noqa: BLE001 -- the rule: a letter is always written
            return self.minimal(record, stage, reason, error, failure)
        return built

    def minimal(
        self,
        record: InputRecord,
        stage: Stage,
        reason: Reason,
        error: BaseException,
        failure: BaseException | None = None,
    ) -> OutputRecord:
        """ASCII text, numbers and a short prefix: nothing in it can fail to serialise."""
        value = record.value or b""
        note = f"{type(error).__name__}: {str(error)!a}"
        if failure is not None:
            note += f" (full dead letter failed: {type(failure).__name__}: {str(failure)!a})"
        letter = DeadLetter(
            stage=stage,
            reason=reason,
            error_class=ascii(type(error).__name__),
            error_message=note[:ERROR_MESSAGE_CHARS],
            source_topic=ascii(record.topic),
            source_partition=record.partition,
            source_offset=record.offset,
            original_value_b64=_b64(value[:MINIMAL_PREFIX_BYTES]),
            original_size=len(value) if record.unreadable is None else None,
            original_sha256=hashlib.sha256(value).hexdigest() if record.value else None,
            original_truncated=len(value) > MINIMAL_PREFIX_BYTES,
            failed_at=dt.datetime.now(dt.UTC),
            worker=ascii(self.worker),
        )
        key = record.key[:MINIMAL_PREFIX_BYTES] if record.key is not None else None
        return self._record(letter, key)

    def _whole(
        self,
        record: InputRecord,
        stage: Stage,
        reason: Reason,
        error: BaseException,
        article_id: str | None,
        *,
        truncate: bool = False,
    ) -> OutputRecord:
        value = record.value or b""
        kept = value[:ORIGINAL_PREFIX_BYTES] if truncate else value
        key = record.key
        if truncate and key is not None:
            key = key[:MINIMAL_PREFIX_BYTES]
        letter = DeadLetter(
            stage=stage,
            reason=reason,
            error_class=getattr(error, "error_class", None) or type(error).__name__,
            error_message=str(error)[:ERROR_MESSAGE_CHARS],
            article_id=article_id,
            source_topic=record.topic,
            source_partition=record.partition,
            source_offset=record.offset,
            original_key_b64=_b64(key) if key is not None else None,
            original_value_b64=_b64(kept),
            original_size=len(value),
            original_sha256=hashlib.sha256(value).hexdigest(),
            original_truncated=len(kept) < len(value),
            original_headers=[]
            if truncate
            else [
                Header(key=k, value_b64=_b64(v) if v is not None else None)
                for k, v in record.headers
            ],
            failed_at=dt.datetime.now(dt.UTC),
            worker=self.worker,
        )
        return self._record(letter, key)

    def _record(self, letter: DeadLetter, key: bytes | None) -> OutputRecord:
        ce_id = f"{letter.source_topic}:{letter.source_partition}:{letter.source_offset}"
        return OutputRecord(
            topic=self.topic,
            key=key,
            value=letter.model_dump_json().encode(),
            headers=cloudevent_headers(
                ce_id,
                letter.message_type,
                letter.schema_version,
                letter.failed_at,
                source=self.source,
            ),
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
