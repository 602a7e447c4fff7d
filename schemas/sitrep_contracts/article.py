"""`Article` v1: what users publish to the articles topic."""

from __future__ import annotations

import unicodedata
from typing import Final, Literal

from pydantic import AwareDatetime, Field, JsonValue, field_validator

from sitrep_contracts.common import Contract

ARTICLE_TYPE: Final = "sitrep.article"

#: Characters that show nothing: separators, controls, format characters (zero-width
#: space, joiners, byte-order mark), unassigned and private-use code points.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs"})


def has_visible_text(value: str) -> bool:
    """Whether the text has at least one character a reader would see."""
    return any(
        not char.isspace() and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in value
    )


class Article(Contract):
    """One news article. The message key on the topic is `article_id`."""

    message_type: Literal["sitrep.article"] = ARTICLE_TYPE
    schema_version: Literal[1] = 1
    article_id: str = Field(
        min_length=1,
        max_length=256,
        description="Publisher-stable id. Same id and new text is a new revision of the article.",
    )
    url: str | None = Field(default=None, max_length=2048)
    source: str | None = Field(default=None, max_length=256, description="Outlet or feed name.")
    title: str | None = Field(default=None, max_length=2048)
    text: str = Field(description="Plain text body. HTML is stripped by the worker (see README).")
    language: str = Field(
        default="en",
        min_length=2,
        max_length=16,
        description="BCP 47 language tag. Articles in unsupported languages are dead-lettered.",
    )
    published_at: AwareDatetime = Field(
        description="Publication time, an ISO 8601 date-time string with a UTC offset; "
        "relative dates resolve against it."
    )
    ingested_at: AwareDatetime | None = None
    metadata: dict[str, JsonValue] = Field(default_factory=dict)

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not has_visible_text(value):
            raise ValueError("text is empty or only whitespace and invisible characters")
        return value

    @field_validator("published_at", "ingested_at", mode="before")
    @classmethod
    def _date_time_string(cls, value: object) -> object:
        # Lax pydantic would take an epoch number; the JSON Schema promises a string.
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError("must be an ISO 8601 date-time string, not a number")  # noqa: TRY004 -- pydantic reports ValueError, not TypeError
        return value

    @field_validator("language")
    @classmethod
    def _lowercase_language(cls, value: str) -> str:
        return value.strip().lower()
