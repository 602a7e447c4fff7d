"""Date patterns `re` can skip ahead in, and gates that open only where a pattern can
match (round 16). Each rewritten pattern must find exactly what its plain form (`\\b`
first) found, and each gate must hold a cue of every match of its patterns."""

from __future__ import annotations

import re
from re import _compiler as sre_compiler  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extraction.events import dates

_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_YEAR = r"(?:,?\s+(\d{4}))?"

#: The forms before round 16, by their index in `dates._PATTERNS`.
PLAIN = {
    0: r"\b(\d{4})-(\d{2})-(\d{2})\b",
    3: rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}\b",
    5: rf"\b(early|mid|late|end of|beginning of|the end of|the beginning of|mid-)"
    rf"\s*-?{_MONTH}{_YEAR}\b",
    6: rf"\b(?:in|during|since|throughout)\s+{_MONTH}{_YEAR}\b",
    8: r"\b(a|an|the|its|their)\s+((?:19|20)\d{2})\s+(?=[a-z])",
}

SAMPLES = [
    "the depot at vrell was hit on 4 of june, 2019 and again in late-march",
    "2020-11-03 x2020-11-03 _1999-01-02 12th feb. 2001; 3rd dec",
    "during july the 1988 accord held; ahead of midjune, the 2004 talks",
    "since sept 1999, an 2015 truce; its 2011 charter; throughout october",
    "the beginning of may 2020, the end ofmay, 07 nov 1998 and 123 nov",
    "",
]

WORDS = st.sampled_from([
    "in", "during", "since", "the", "a", "an", "its", "end", "of", "beginning", "mid", "mid-",
    "late", "early", "x_", "4", "12", "123", "1999", "2021", "2021-03-04", "1-2-3", "june",
    "jun.", "may", "dec", "december", "3rd", "21st",
])  # fmt: skip
SEPARATORS = st.sampled_from([" ", "", "\n", ", ", "-", ".", "  "])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=8).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


def _found(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[object]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos)]


@pytest.mark.parametrize("index", PLAIN)
def test_the_pattern_starts_with_one_character_class(index: int) -> None:
    pattern = dates._PATTERNS[index][2]
    parsed = sre_parser.parse(pattern.pattern, pattern.flags)

    assert sre_compiler._get_charset_prefix(parsed, pattern.flags) is not None


@pytest.mark.parametrize("index", PLAIN)
@pytest.mark.parametrize("text", SAMPLES)
def test_same_matches_as_the_plain_form(index: int, text: str) -> None:
    plain = re.compile(PLAIN[index])
    pattern = dates._PATTERNS[index][2]

    for pos in range(min(len(text), 4)):
        assert _found(pattern, text, pos) == _found(plain, text, pos)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, pos=st.integers(0, 3))
def test_same_matches_on_random_texts(text: str, pos: int) -> None:
    for index, plain in PLAIN.items():
        assert _found(dates._PATTERNS[index][2], text, pos) == _found(re.compile(plain), text, pos)


GATED_SAMPLES = [
    "last may the clinic closed; this past june it reopened",
    "march of last year was calm",
    "for the third straight day the ferry stayed in port",
    "the market held its fifth days in a row of sales on monday",
    "for the 2nd consecutive day, sirens",
]


@pytest.mark.parametrize("text", GATED_SAMPLES)
def test_every_match_is_in_a_gated_pattern(text: str) -> None:
    searched = {id(pattern) for _, pattern in dates._gated(text)}

    for _, _, pattern in dates._PATTERNS:
        if pattern.search(text):
            assert id(pattern) in searched


def test_month_words_alone_open_no_last_month_or_in_a_row_gate() -> None:
    kinds = {kind for kind, _ in dates._gated("officials may meet on sunday in march")}

    assert {"month_day", "in_month", "weekday"} <= kinds
    assert not kinds & {"last_month_name", "consecutive"}


def test_no_weekday_search_without_a_day() -> None:
    kinds = {kind for kind, _ in dates._gated("guards patrolled through the night")}

    assert "yesterday" in kinds
    assert "weekday" not in kinds
