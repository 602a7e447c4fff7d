"""Contract rules that producers and consumers rely on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sitrep_contracts import Article, TextSpan


def article(**overrides: object) -> Article:
    values: dict[str, object] = {
        "article_id": "a1",
        "text": "Shelling hit Kharkiv.",
        "published_at": "2022-09-09T10:00:00+00:00",
    }
    values.update(overrides)
    return Article.model_validate(values)


def test_article_needs_a_timezone_aware_publication_time() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        article(published_at="2022-09-09T10:00:00")


def test_article_rejects_whitespace_only_text() -> None:
    with pytest.raises(ValidationError, match="empty"):
        article(text="  \n ")


def test_article_rejects_unknown_fields_so_typos_surface() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        article(titel="oops")


def test_article_round_trips_through_json() -> None:
    original = article(metadata={"desk": "europe", "tags": ["ua"]})
    assert Article.model_validate_json(original.model_dump_json()) == original
    assert original.message_type == "sitrep.article"
    assert original.schema_version == 1


def test_span_end_cannot_precede_start() -> None:
    with pytest.raises(ValidationError):
        TextSpan(start=5, end=2, text="")
