"""Whole-article regexes that start with one character class: `re` skips ahead to where
that class matches instead of trying the pattern at every character (round 15). Each
must find exactly what its plain form (`A|B`, a look-behind first) found."""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extraction.geo import mentions, sentences
from sitrep.extraction.relevance import gate

#: The forms before round 15, and the patterns that replaced them.
PLAIN = {
    "sentence boundary": (
        re.compile(r"""[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\s*\n\s*"""),
        sentences._BOUNDARY,
    ),
    "dotted abbreviation": (
        re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,4}\.[ ]?){1,2}(?![a-z])"),
        mentions._DOTTED_ABBREVIATION,
    ),
    "gate's sentence end": (
        re.compile(r"[.!?][\"'\u201d\u2019]?\s+|\n+"),
        gate._SENTENCE_END,
    ),
}

SAMPLES = [
    "The convoy left at dawn.  Nobody followed!\nA second line? Yes.",
    "Crews from Xon, N.D. and the S.C. patrol met (W. Va.) near Mt.Ovel.",
    'He said: "They left."\n\n  Then came rain. ok. 12 more?\t\n\nEnd',
    "e.g. Ab. Cd.ef and x.Y. Zz. Q.R.S. done\u2019 Next . \n",
    "",
    " \n ",
]

TEXTS = st.text(alphabet=st.sampled_from(list("aZbQ.!? \n\t'\"”’()[]Ce5_")), max_size=60)


@pytest.mark.parametrize("name", PLAIN)
def test_the_pattern_starts_with_one_character_class(name: str) -> None:
    pattern = PLAIN[name][1]
    first_op = sre_parser.parse(pattern.pattern, pattern.flags)[0][0]

    assert first_op is sre_constants.IN


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", PLAIN)
@pytest.mark.parametrize("text", SAMPLES)
def test_same_matches_as_the_plain_form(name: str, text: str) -> None:
    plain, pattern = PLAIN[name]

    assert _found(pattern, text) == _found(plain, text)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_same_matches_on_random_texts(text: str) -> None:
    for plain, pattern in PLAIN.values():
        assert _found(pattern, text) == _found(plain, text)
