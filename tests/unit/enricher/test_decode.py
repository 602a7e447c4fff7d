"""Every way an article message can be bad gets its own dead-letter reason."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.enricher.decode import decode_article
from sitrep.enricher.html import html_to_text
from sitrep.settings import HtmlPolicy, Settings
from sitrep.streaming import Rejected
from sitrep_contracts import Reason

SETTINGS = Settings(kafka_bootstrap_servers="unused:9092", max_article_bytes=20_000)


def payload(**overrides: object) -> bytes:
    values: dict[str, object] = {
        "article_id": "a1",
        "text": "Shelling hit Kharkiv on Monday.",
        "published_at": "2022-09-09T10:00:00+00:00",
    }
    values.update(overrides)
    return json.dumps(values).encode()


def reason_of(value: bytes | None, settings: Settings = SETTINGS) -> Reason:
    with pytest.raises(Rejected) as caught:
        decode_article(value, settings)
    return caught.value.reason


def test_a_valid_article_decodes() -> None:
    assert decode_article(payload(), SETTINGS).article_id == "a1"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"\xff\xfe", Reason.INVALID_UTF8),
        (b"{not json", Reason.NOT_JSON),
        (None, Reason.NOT_JSON),
        (b"[1, 2]", Reason.CONTRACT_VIOLATION),
        (payload(text=None), Reason.CONTRACT_VIOLATION),
        (payload(published_at="yesterday"), Reason.CONTRACT_VIOLATION),
        (payload(published_at="2022-09-09T10:00:00"), Reason.CONTRACT_VIOLATION),
        (payload(article_id=12), Reason.CONTRACT_VIOLATION),
        (payload(text=" \n\t "), Reason.EMPTY_TEXT),
        (payload(language="fr"), Reason.UNSUPPORTED_LANGUAGE),
        (payload(text="x" * 30_000), Reason.TOO_LARGE),
        # Lenient inputs that used to pass or crash (issue 15, items 1-3 and 12):
        (payload(published_at=1662717600), Reason.CONTRACT_VIOLATION),
        (
            b'{"article_id": "a1", "text": "x", "published_at": "2022-09-09T10:00:00Z", "n": 1'
            + b"9" * 4400
            + b"}",
            Reason.CONTRACT_VIOLATION,
        ),
        (payload(metadata={"x": float("nan")}), Reason.CONTRACT_VIOLATION),
        (payload().replace(b"}", b', "metadata": {"x": 1e999}}'), Reason.CONTRACT_VIOLATION),
        (payload().replace(b"}", b', "text": "again"}'), Reason.CONTRACT_VIOLATION),
        (payload(text="\u200b\u200c\ufeff \u2060"), Reason.EMPTY_TEXT),
        (payload(article_id="\ud800"), Reason.CONTRACT_VIOLATION),
        (payload(text="Shelling \udc80 hit Kharkiv."), Reason.CONTRACT_VIOLATION),
        (payload(text="<p>x</p><![ CDATA[x]]>" + "<b>" * 3000), Reason.HTML_REJECTED),
    ],
)
def test_bad_messages_are_rejected_with_a_typed_reason(value: bytes | None, reason: Reason) -> None:
    assert reason_of(value) is reason


def test_rejection_keeps_the_article_id_when_it_could_be_read() -> None:
    with pytest.raises(Rejected) as caught:
        decode_article(payload(language="de"), SETTINGS)
    assert caught.value.article_id == "a1"


def test_a_too_large_message_keeps_the_article_id_its_first_bytes_name() -> None:
    with pytest.raises(Rejected) as caught:
        decode_article(payload(text="x" * 30_000), SETTINGS)
    assert (caught.value.reason, caught.value.article_id) == (Reason.TOO_LARGE, "a1")


def test_a_lone_surrogate_id_is_not_carried_into_the_rejection() -> None:
    with pytest.raises(Rejected) as caught:
        decode_article(payload(article_id="\udc80"), SETTINGS)
    assert caught.value.article_id is None
    assert "article_id" in str(caught.value)


def test_html_marked_sections_are_read_not_a_crash() -> None:
    article = decode_article(payload(text="<p>Shelling hit Kharkiv.</p><![ CDATA[x]]>"), SETTINGS)
    assert article.text.startswith("Shelling hit Kharkiv.")


def test_html_is_stripped_by_default() -> None:
    html = "<html><body><p>Shelling hit <b>Kharkiv</b>.</p><script>x()</script></body></html>"
    article = decode_article(payload(text=html), SETTINGS)
    assert article.text == "Shelling hit Kharkiv."


def test_html_is_rejected_when_configured() -> None:
    strict = SETTINGS.model_copy(update={"html_policy": HtmlPolicy.REJECT})
    assert reason_of(payload(text="<p>Shelling</p>"), strict) is Reason.HTML_REJECTED


def test_html_with_no_text_is_empty() -> None:
    assert reason_of(payload(text="<div><script>only()</script></div>")) is Reason.EMPTY_TEXT


def test_html_to_text_decodes_entities_and_keeps_blocks_apart() -> None:
    assert html_to_text("<p>Kyiv &amp; Kharkiv</p><p>Sumy<br>Izium</p>") == (
        "Kyiv & Kharkiv\nSumy\nIzium"
    )


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_crash_the_decoder(value: bytes) -> None:
    with contextlib.suppress(Rejected):
        decode_article(value, SETTINGS)


@settings(max_examples=1500, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["article_id", "text", "published_at", "language", "metadata", "url", "x"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=50), st.lists(st.integers())),
    )
)
def test_random_json_objects_never_crash_the_decoder(values: dict[str, object]) -> None:
    with contextlib.suppress(Rejected):
        decode_article(json.dumps(values).encode(), SETTINGS)
