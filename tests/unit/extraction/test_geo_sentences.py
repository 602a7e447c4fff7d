"""Rule-based sentence splitting: exact offsets, abbreviations are not boundaries."""

from __future__ import annotations

from sitrep.extraction.geo.sentences import split_sentences


def test_sentences_have_exact_offsets() -> None:
    text = "Troops entered the town.  Residents fled!\nA third line? Yes."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Troops entered the town.",
        "Residents fled!",
        "A third line?",
        "Yes.",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Gov. Smith met U.S. envoys in St. Paul on Monday. They left."
    assert [s.text for s in split_sentences(text)] == [
        "Gov. Smith met U.S. envoys in St. Paul on Monday.",
        "They left.",
    ]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("  \n ") == []
