"""What one message becomes, with a stand-in extractor (pure logic, no broker)."""

from __future__ import annotations

import base64
import datetime as dt
import json

from sitrep.enricher.handler import ArticleHandler, IncomingMessage
from sitrep.extraction.extractor import Enrichment
from sitrep.settings import Settings
from sitrep_contracts import (
    Article,
    ArticleEnrichment,
    DeadLetter,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    TextSpan,
)

SETTINGS = Settings(kafka_bootstrap_servers="unused:9092")
INFO = ExtractorInfo(version="test")


class OneEventPerArticle:
    """Stands in for the extractor: one event whose id depends on the text."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls = 0
        self.fail_on = fail_on

    def enrich(self, article: Article, *, now: dt.datetime | None = None) -> Enrichment:
        self.calls += 1
        if self.fail_on and self.fail_on in article.text:
            raise ZeroDivisionError("boom")
        now = dt.datetime(2022, 9, 9, tzinfo=dt.UTC)
        span = TextSpan(start=0, end=len(article.text), text=article.text)
        event = EnrichedEvent(
            event_id=f"{article.article_id}:{hash(article.text) & 0xFFFF}",
            article_id=article.article_id,
            article_revision="r",
            published_at=article.published_at,
            event_type=EventType.BATTLES,
            event_type_evidence=span,
            summary=article.text,
            summary_evidence=span,
            occurred_on=EventDate(
                date=now.date(), precision="day", resolved_from="publication", confidence=0.3
            ),
            confidence=0.5,
            extractor=INFO,
            extracted_at=now,
        )
        enrichment = ArticleEnrichment(
            article_id=article.article_id,
            article_revision="r",
            published_at=article.published_at,
            language="en",
            event_ids=[event.event_id],
            extractor=INFO,
            extracted_at=now,
        )
        return Enrichment(events=[event], article=enrichment)


def message(text: str, offset: int = 0, article_id: str = "a1") -> IncomingMessage:
    value = json.dumps(
        {"article_id": article_id, "text": text, "published_at": "2022-09-09T10:00:00Z"}
    ).encode()
    return IncomingMessage("articles", 2, offset, article_id.encode(), value, [("h", b"v")])


def test_an_article_becomes_its_events_and_one_enrichment_keyed_by_article_id() -> None:
    outcome = ArticleHandler(OneEventPerArticle(), SETTINGS).handle(message("Fighting in Izium."))
    assert outcome.status == "enriched"
    assert [r.topic for r in outcome.records] == [SETTINGS.events_topic, SETTINGS.enrichments_topic]
    assert all(record.key == b"a1" for record in outcome.records)
    headers = dict(outcome.records[0].headers)
    assert headers["ce_type"] == b"sitrep.enriched_event"
    assert headers["content-type"] == b"application/json"


def test_same_id_and_same_text_is_processed_once() -> None:
    extractor = OneEventPerArticle()
    handler = ArticleHandler(extractor, SETTINGS)
    first = handler.handle(message("Fighting in Izium."))
    handler.mark_done(first)
    again = handler.handle(message("Fighting in Izium.", offset=1))
    assert again.status == "duplicate"
    assert again.records == []
    assert extractor.calls == 1


def test_same_id_with_new_text_is_a_new_revision() -> None:
    handler = ArticleHandler(OneEventPerArticle(), SETTINGS)
    handler.mark_done(handler.handle(message("Fighting in Izium.")))
    revised = handler.handle(message("Fighting in Izium; two soldiers killed.", offset=1))
    assert revised.status == "enriched"


def test_a_duplicate_is_not_remembered_before_its_output_is_acknowledged() -> None:
    handler = ArticleHandler(OneEventPerArticle(), SETTINGS)
    handler.handle(message("Fighting in Izium."))  # produced output never acknowledged
    assert handler.handle(message("Fighting in Izium.", offset=1)).status == "enriched"


def test_an_extraction_error_is_a_dead_letter_not_a_crash() -> None:
    handler = ArticleHandler(OneEventPerArticle(fail_on="boom"), SETTINGS)
    outcome = handler.handle(message("this will boom", offset=7))
    assert outcome.status == "dead_letter"
    (record,) = outcome.records
    assert record.topic == SETTINGS.dead_letter_topic
    letter = DeadLetter.model_validate_json(record.value)
    assert letter.reason.value == "extraction_error"
    assert letter.stage.value == "enrich"
    assert letter.error_class == "ZeroDivisionError"
    assert letter.article_id == "a1"
    assert (letter.source_partition, letter.source_offset) == (2, 7)
    assert base64.b64decode(letter.original_value_b64) == message("this will boom").value
    assert letter.original_headers[0].key == "h"
    # and the next message is processed normally
    assert handler.handle(message("Fighting in Izium.", offset=8)).status == "enriched"


def test_a_bad_message_keeps_its_original_key() -> None:
    bad = IncomingMessage("articles", 0, 3, b"k1", b"\xff", [])
    (record,) = ArticleHandler(OneEventPerArticle(), SETTINGS).handle(bad).records
    assert record.key == b"k1"
    assert DeadLetter.model_validate_json(record.value).reason.value == "invalid_utf8"


def test_output_the_broker_refuses_becomes_a_produce_stage_dead_letter() -> None:
    handler = ArticleHandler(OneEventPerArticle(), SETTINGS)
    outcome = handler.handle(message("Fighting in Izium.", offset=4))
    rejected = handler.output_rejected(outcome, ValueError("record too large"))
    (record,) = rejected.records
    letter = DeadLetter.model_validate_json(record.value)
    assert (letter.stage.value, letter.reason.value) == ("produce", "output_rejected")
    assert (letter.article_id, letter.source_offset) == ("a1", 4)
    assert base64.b64decode(letter.original_value_b64) == message("Fighting in Izium.").value
    assert rejected.status == "dead_letter"
