"""`DeadLetter` v1: a message a worker could not turn into output, with the reason.

Changes within v1 (all additive; older letters still validate):
- 2026-12: reasons `extraction_timeout`, `unreadable_record`, `processing_error`; stages
  `consume` and `process`;
  `original_size`, `original_sha256` and `original_truncated`, because a letter is bounded
  in size: a large original is kept as a prefix, with its size and hash.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import AwareDatetime, Field

from sitrep_contracts.common import Contract

DEAD_LETTER_TYPE: Final = "sitrep.dead_letter"


class Stage(StrEnum):
    DESERIALIZE = "deserialize"
    VALIDATE = "validate"
    ENRICH = "enrich"
    PRODUCE = "produce"
    CONSUME = "consume"  # the Kafka client could not read the record
    PROCESS = "process"  # any other failure while handling the message


class Reason(StrEnum):
    INVALID_UTF8 = "invalid_utf8"
    NOT_JSON = "not_json"
    CONTRACT_VIOLATION = "contract_violation"
    EMPTY_TEXT = "empty_text"
    TOO_LARGE = "too_large"
    HTML_REJECTED = "html_rejected"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    EXTRACTION_ERROR = "extraction_error"
    EXTRACTION_TIMEOUT = "extraction_timeout"  # over the per-article time budget
    OUTPUT_REJECTED = "output_rejected"  # the broker refused the enriched output for good
    UNREADABLE_RECORD = "unreadable_record"  # the Kafka client could not decode the record
    PROCESSING_ERROR = "processing_error"  # any other failure while handling the message


class Header(Contract):
    key: str
    value_b64: str | None


class DeadLetter(Contract):
    """Key on the dead-letter topic: the original key (article id when it could be read)."""

    message_type: Literal["sitrep.dead_letter"] = DEAD_LETTER_TYPE
    schema_version: Literal[1] = 1
    stage: Stage
    reason: Reason
    error_class: str = Field(description="Python exception class, e.g. 'ValidationError'.")
    error_message: str = Field(max_length=4000)
    article_id: str | None = None
    source_topic: str
    source_partition: int = Field(ge=0)
    source_offset: int = Field(ge=0)
    original_key_b64: str | None = None
    original_value_b64: str = Field(
        description="The message value as received, base64; only its first bytes when "
        "`original_truncated` (the whole message stays on the source topic at its offset)."
    )
    original_size: int | None = Field(
        default=None, ge=0, description="Bytes in the original value; null when unknown."
    )
    original_sha256: str | None = Field(
        default=None, description="SHA-256 (hex) of the whole original value."
    )
    original_truncated: bool = Field(
        default=False, description="`original_value_b64` holds a prefix, not the whole value."
    )
    original_headers: list[Header] = Field(default_factory=list)
    failed_at: AwareDatetime
    worker: str = Field(description="Worker id (host and pid) that rejected the message.")
