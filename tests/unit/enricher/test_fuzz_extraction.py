"""Whatever text an article carries, the real extractor returns, and its evidence is true.

Hostile and random texts go through `Extractor.enrich` (the worker's call): random unicode,
real paragraphs mutated, very long tokens, runs of digits, "killed killed ...", nested
brackets, one 50k-character word. Extraction must not raise, and every `TextSpan` anywhere
in the output must satisfy `text[start:end] == span.text`.

Bytes to the decoder are fuzzed in test_decode.py; this module starts after decoding.
The extractor loads once for the module (a few seconds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sitrep.extraction import Enrichment, Extractor
from sitrep_contracts import Article, TextSpan
from sitrep_contracts.article import has_visible_text

SAMPLES = Path(__file__).resolve().parents[3] / "services" / "sitrep" / "samples"
PARAGRAPHS = [
    line
    for path in sorted(SAMPLES.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if len(line.split()) > 8
]
PUBLISHED = dt.datetime(2022, 9, 9, 12, tzinfo=dt.UTC)
NOW = dt.datetime(2022, 9, 10, tzinfo=dt.UTC)
WORDS = [
    "killed",
    "killed",
    "wounded",
    "shelling",
    "Kharkiv",
    "Ukraine",
    "police",
    "protest",
    "12",
    "1,000",
    "three",
    "dozens",
    "at least",
    "(",
    ")",
    "[",
    "]",
    "\u200b",
    "--",
    ".",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def spans(value: object) -> Iterator[TextSpan]:
    """Every TextSpan inside a contract model, however deeply nested."""
    if isinstance(value, TextSpan):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans(item)


def enrich(extractor: Extractor, text: str) -> Enrichment:
    article = Article(article_id="fuzz", text=text, published_at=PUBLISHED, source="fuzz")
    return extractor.enrich(article, now=NOW)


def assert_evidence_is_true(text: str, enrichment: Enrichment) -> int:
    found = 0
    for model in [*enrichment.events, enrichment.article]:
        for span in spans(model):
            assert 0 <= span.start <= span.end <= len(text), span
            assert text[span.start : span.end] == span.text, span
            found += 1
    assert enrichment.article.event_ids == [event.event_id for event in enrichment.events]
    return found


@st.composite
def mutated_paragraph(draw: st.DrawFn) -> str:
    """A real paragraph with random insertions, deletions and duplications."""
    text = draw(st.sampled_from(PARAGRAPHS))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "digits"]))
        if action == "insert":
            text = text[:at] + draw(st.text(min_size=1, max_size=20)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
        elif action == "duplicate":
            text = text[:at] + text[at : at + 40] * draw(st.integers(2, 6)) + text[at:]
        else:
            text = (
                text[:at] + draw(st.from_regex(r"[0-9][0-9,.]{0,30}", fullmatch=True)) + text[at:]
            )
    return text


word_soup = st.lists(st.sampled_from(WORDS), min_size=1, max_size=300).map(" ".join)
long_token = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=3),
    st.integers(1_000, 50_000 // 3),
)
many_digits = st.lists(
    st.from_regex(r"[0-9]{1,25}([,.][0-9]{1,3})*", fullmatch=True), min_size=1, max_size=200
).map(" ".join)
nested_brackets = st.builds(
    lambda depth, inner, opener, closer: opener * depth + inner + closer * depth,
    st.integers(1, 2_000),
    st.sampled_from(PARAGRAPHS),
    st.sampled_from(["(", "[", "{", "<", "\u00ab", '"']),
    st.sampled_from([")", "]", "}", ">", "\u00bb", '"']),
)
killed_killed = st.builds(
    lambda times, count: f"Shelling killed {count} " + "killed " * times + "people in Kharkiv.",
    st.integers(1, 3_000),
    st.integers(0, 10**12),
)

TEXTS = st.one_of(
    st.text(min_size=1, max_size=2_000),
    mutated_paragraph(),
    word_soup,
    long_token,
    many_digits,
    nested_brackets,
    killed_killed,
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=TEXTS)
def test_any_text_extracts_without_error_and_every_span_quotes_the_text(
    extractor: Extractor, text: str
) -> None:
    assume(has_visible_text(text))  # the contract refuses text with nothing visible
    enrichment = enrich(extractor, text)
    assert_evidence_is_true(text, enrichment)


def test_a_50k_character_single_word_is_handled(extractor: Extractor) -> None:
    text = "Kharkiv" + "a" * 50_000 + " shelling killed 3 civilians in Kharkiv."
    enrichment = enrich(extractor, text)
    assert_evidence_is_true(text, enrichment)


# The bound: a 1 MB article (the worker's max message size) must finish, and in bounded
# time. Asserted as a hard timeout (pytest-timeout), not as a timing ratio. Once ~78 s
# (every mention compared with every other); with offset indexes and per-name scoring
# ~11 s on the 2-core dev machine, so 60 s leaves room for a loaded CI runner. Linearity
# itself is tested by counting work in tests/unit/extraction/test_linear_work.py.
@pytest.mark.timeout(60)
def test_a_1mb_pathological_article_completes_in_bounded_time(extractor: Extractor) -> None:
    unit = (
        "Russian shelling killed killed killed 1,234,567 ((([[[{{{ civilians }}}]]]))) in "
        "Kharkiv, Kharkiv Oblast, Ukraine on 12/12/2022, 3 4 5 6 7 8 9 10 11 12, and "
        "wounded dozens. "
    )
    text = (unit * (999_000 // len(unit) + 1))[:999_000]
    enrichment = enrich(extractor, text)
    assert assert_evidence_is_true(text, enrichment) > 0
    assert enrichment.events, "a million characters of shelling reports yield events"
