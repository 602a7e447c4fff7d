"""`DeadLetter` v1: a message the worker could not turn into output, kept whole with the reason."""

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


class Reason(StrEnum):
    INVALID_UTF8 = "invalid_utf8"
    NOT_JSON = "not_json"
    CONTRACT_VIOLATION = "contract_violation"
    EMPTY_TEXT = "empty_text"
    TOO_LARGE = "too_large"
    HTML_REJECTED = "html_rejected"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    EXTRACTION_ERROR = "extraction_error"
    OUTPUT_REJECTED = "output_rejected"  # the broker refused the enriched output for good


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
    original_value_b64: str = Field(description="The message value exactly as received, base64.")
    original_headers: list[Header] = Field(default_factory=list)
    failed_at: AwareDatetime
    worker: str = Field(description="Worker id (host and pid) that rejected the message.")
