"""Building blocks shared by every Sitrep message."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Contract(BaseModel):
    """Base of every message: strict about unknown fields, immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TextSpan(Contract):
    """Where a value came from: character offsets into the article's `text` (end exclusive)."""

    start: int = Field(ge=0, description="Offset of the first character, in Python str indices.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The characters text[start:end], for readers and audits.")

    @model_validator(mode="after")
    def _ordered(self) -> TextSpan:
        if self.end < self.start:
            raise ValueError("span end must not precede its start")
        return self


class ExtractorInfo(Contract):
    """Which code produced a message, so consumers can re-run or filter by version."""

    name: str = Field(default="sitrep-extractor")
    version: str


Confidence = Field(ge=0.0, le=1.0, description="Extractor's confidence in [0, 1].")
