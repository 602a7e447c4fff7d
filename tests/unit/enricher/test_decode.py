"""Every way an article message can be bad gets its own dead-letter reason."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.enricher.decode import Rejected, decode_article, strip_html
from sitrep.settings import HtmlPolicy, Settings
from sitrep_contracts import Reason

SETTINGS = Settings(kafka_bootstrap_servers="unused:9092", max_article_bytes=2_000)


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
        (payload(text="x" * 3_000), Reason.TOO_LARGE),
    ],
)
def test_bad_messages_are_rejected_with_a_typed_reason(value: bytes | None, reason: Reason) -> None:
    assert reason_of(value) is reason


def test_rejection_keeps_the_article_id_when_it_could_be_read() -> None:
    with pytest.raises(Rejected) as caught:
        decode_article(payload(language="de"), SETTINGS)
    assert caught.value.article_id == "a1"


def test_html_is_stripped_by_default() -> None:
    html = "<html><body><p>Shelling hit <b>Kharkiv</b>.</p><script>x()</script></body></html>"
    article = decode_article(payload(text=html), SETTINGS)
    assert article.text == "Shelling hit Kharkiv."


def test_html_is_rejected_when_configured() -> None:
    strict = SETTINGS.model_copy(update={"html_policy": HtmlPolicy.REJECT})
    assert reason_of(payload(text="<p>Shelling</p>"), strict) is Reason.HTML_REJECTED


def test_html_with_no_text_is_empty() -> None:
    assert reason_of(payload(text="<div><script>only()</script></div>")) is Reason.EMPTY_TEXT


def test_strip_html_decodes_entities() -> None:
    assert strip_html("<p>Kyiv &amp; Kharkiv</p>") == "Kyiv & Kharkiv"


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
