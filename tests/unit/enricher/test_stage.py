"""What one message becomes, with a stand-in extractor (pure logic, no broker).

Dead letters are the stream loop's job (tests/unit/streaming); here a bad message is a
`Rejected` with its reason.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from aiokafka import TopicPartition

from sitrep.enricher.isolation import InProcessExtraction
from sitrep.enricher.revisions import RevisionCache
from sitrep.enricher.stage import ArticleStage
from sitrep.extraction.extractor import Enrichment
from sitrep.extraction.revision import article_revision
from sitrep.observability.metrics import WorkerMetrics
from sitrep.settings import Settings
from sitrep.streaming import InputRecord, Rejected
from sitrep_contracts import (
    Article,
    ArticleEnrichment,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    TextSpan,
)

SETTINGS = Settings(kafka_bootstrap_servers="unused:9092")
TP = TopicPartition("articles", 2)
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
            event_id=f"{article.article_id}:{article_revision(article)}",
            article_id=article.article_id,
            article_revision=article_revision(article),
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
            article_revision=article_revision(article),
            published_at=article.published_at,
            language="en",
            event_ids=[event.event_id],
            extractor=INFO,
            extracted_at=now,
        )
        return Enrichment(events=[event], article=enrichment)


def message(
    text: str,
    offset: int = 0,
    article_id: str = "a1",
    published_at: str = "2022-09-09T10:00:00Z",
    partition: int = 2,
) -> InputRecord:
    value = json.dumps(
        {"article_id": article_id, "text": text, "published_at": published_at}
    ).encode()
    return InputRecord("articles", partition, offset, article_id.encode(), value, [("h", b"v")])


def stage_with(extractor: OneEventPerArticle) -> ArticleStage:
    return ArticleStage(InProcessExtraction(extractor, SETTINGS), WorkerMetrics())


async def test_an_article_becomes_its_events_and_one_enrichment_keyed_by_article_id() -> None:
    stage = stage_with(OneEventPerArticle())
    records = await stage.process(
        message("Fighting in Izium.", offset=9), stage.open_partition(TP.partition)
    )
    assert [r.topic for r in records] == [SETTINGS.events_topic, SETTINGS.enrichments_topic]
    assert all(record.key == b"a1" for record in records)
    headers = dict(records[0].headers)
    assert headers["ce_type"] == b"sitrep.enriched_event"
    assert headers["content-type"] == b"application/json"
    event = EnrichedEvent.model_validate_json(records[0].value)
    enrichment = ArticleEnrichment.model_validate_json(records[1].value)
    assert event.article_sequence == enrichment.article_sequence == 9, "the input offset"


async def test_same_id_and_same_content_is_processed_once_even_within_one_batch() -> None:
    extractor = OneEventPerArticle()
    stage = stage_with(extractor)
    revisions = stage.open_partition(TP.partition)
    assert await stage.process(message("Fighting in Izium."), revisions)
    assert await stage.process(message("Fighting in Izium.", offset=1), revisions) == []
    assert extractor.calls == 1


async def test_same_id_with_new_text_is_a_new_revision() -> None:
    stage = stage_with(OneEventPerArticle())
    revisions = stage.open_partition(TP.partition)
    await stage.process(message("Fighting in Izium."), revisions)
    revised = await stage.process(message("Fighting in Izium; two soldiers killed.", 1), revisions)
    assert revised


async def test_a_corrected_publication_date_is_a_new_revision_with_new_event_ids() -> None:
    stage = stage_with(OneEventPerArticle())
    revisions = stage.open_partition(TP.partition)
    first = await stage.process(message("Fighting in Izium."), revisions)
    corrected = await stage.process(
        message("Fighting in Izium.", offset=1, published_at="2022-09-08T10:00:00Z"), revisions
    )
    assert corrected, "not skipped as a duplicate"
    old, new = (EnrichedEvent.model_validate_json(r[0].value) for r in (first, corrected))
    assert old.event_id != new.event_id
    assert old.article_revision != new.article_revision
    assert new.article_sequence > old.article_sequence  # type: ignore[operator]


async def test_revision_memory_is_per_partition_so_a_revoked_partition_starts_afresh() -> None:
    stage = stage_with(OneEventPerArticle())
    before_move = stage.open_partition(TP.partition)
    await stage.process(message("Revision one."), before_move)
    await stage.process(message("Revision two.", offset=1), before_move)
    # The partition moved away and came back: a fresh state; a revert to revision one
    # (published again) must reach the output.
    after_move = stage.open_partition(TP.partition)
    assert await stage.process(message("Revision one.", offset=2), after_move)


async def test_an_extraction_error_is_rejected_with_its_cause_and_the_next_goes_on() -> None:
    stage = stage_with(OneEventPerArticle(fail_on="boom"))
    revisions = stage.open_partition(TP.partition)
    with pytest.raises(Rejected) as caught:
        await stage.process(message("this will boom", offset=7), revisions)
    assert caught.value.reason.value == "extraction_error"
    assert caught.value.stage.value == "enrich"
    assert caught.value.error_class == "ZeroDivisionError"
    assert caught.value.article_id == "a1"
    assert await stage.process(message("Fighting in Izium.", offset=8), revisions)


async def test_a_bad_message_is_rejected_with_a_typed_reason() -> None:
    stage = stage_with(OneEventPerArticle())
    bad = InputRecord("articles", 0, 3, b"k1", b"\xff", [])
    with pytest.raises(Rejected) as caught:
        await stage.process(bad, stage.open_partition(TP.partition))
    assert caught.value.reason.value == "invalid_utf8"


class TogetherToo(OneEventPerArticle):
    """Also enriches several articles in one call, as the real extractor does."""

    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__(fail_on)
        self.groups: list[int] = []

    def enrich_many(self, articles: list[Article]) -> list[Enrichment]:
        self.groups.append(len(articles))
        return [self.enrich(article) for article in articles]


async def poll(stage: ArticleStage, records: list[InputRecord], revisions: RevisionCache) -> list:
    """What the stream loop does with one poll: prefetch, then each record in order."""
    await stage.prefetch([(record, revisions) for record in records])
    outcomes: list[object] = []
    for record in records:
        try:
            outcomes.append(await stage.process(record, revisions))
        except Rejected as rejected:
            outcomes.append(rejected.reason.value)
    return outcomes


def a_poll() -> list[InputRecord]:
    return [
        message("Fighting in Izium.", offset=0, article_id="a1"),
        InputRecord("articles", 2, 1, b"k", b"\xff", []),
        message("Shelling in Kharkiv.", offset=2, article_id="a2"),
        message("Fighting in Izium.", offset=3, article_id="a1"),  # the same revision again
        message("Fighting in Izium; two killed.", offset=4, article_id="a1"),  # a new one
        message("Protest in Lviv.", offset=5, article_id="a3"),
    ]


async def test_a_poll_is_extracted_in_one_call_with_the_output_of_one_at_a_time() -> None:
    one_by_one = stage_with(OneEventPerArticle())
    revisions = one_by_one.open_partition(TP.partition)
    expected = []
    for record in a_poll():
        try:
            expected.append(await one_by_one.process(record, revisions))
        except Rejected as rejected:
            expected.append(rejected.reason.value)
    extractor = TogetherToo()
    together = stage_with(extractor)
    outcomes = await poll(together, a_poll(), together.open_partition(TP.partition))
    assert outcomes == expected
    assert outcomes[1] == "invalid_utf8"
    assert outcomes[3] == [], "the repeated revision is skipped, not extracted"
    assert extractor.groups == [4], "every article to extract, in one call"
    assert extractor.calls == 4


async def test_one_failing_article_of_a_poll_fails_alone() -> None:
    extractor = TogetherToo(fail_on="Kharkiv")
    stage = stage_with(extractor)
    outcomes = await poll(stage, a_poll(), stage.open_partition(TP.partition))
    assert outcomes[2] == "extraction_error"
    assert [bool(outcomes[k]) for k in (0, 3, 4, 5)] == [True, False, True, True]
    assert extractor.groups == [4], "tried together first, then one at a time"


async def test_a_revision_remembered_from_an_earlier_poll_is_not_extracted_again() -> None:
    extractor = TogetherToo()
    stage = stage_with(extractor)
    revisions = stage.open_partition(TP.partition)
    await poll(stage, [message("Fighting in Izium.", offset=0)], revisions)
    calls = extractor.calls
    outcomes = await poll(
        stage,
        [message("Fighting in Izium.", offset=1), message("Other news.", 2, article_id="b")],
        revisions,
    )
    assert outcomes[0] == []
    assert outcomes[1]
    assert extractor.calls == calls + 1
