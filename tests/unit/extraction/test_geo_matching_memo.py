"""The matcher's memo of what the gazetteer's tries answer changes speed, never matches."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo import TextAnalyzer, mentions
from sitrep.extraction.geo.normalize import tokenize

TEXT = (
    "Shelling hit New York City on Monday. In Kharkiv region and in Kyiv, Rostov-on-Don "
    "and New Delhi it was quiet; a new road was built."
)


def _found(analyzer: TextAnalyzer) -> list[tuple[str, int, int]]:
    finder = analyzer._finder
    return [(m.key, m.start, m.end) for m in finder.find(TEXT, tokenize(TEXT))]


def test_remembered_answers_find_what_the_tries_find(analyzer: TextAnalyzer) -> None:
    analyzer._finder._word_kinds.clear()
    cold = _found(analyzer)  # every word and run asked of the tries

    warm = _found(analyzer)  # every one answered from the memo

    assert warm == cold
    assert [key for key, _, _ in cold if " " in key] == [
        "new york city",
        "kharkiv region",
        "rostov on don",
        "new delhi",
    ]


def test_a_full_memo_starts_afresh_and_finds_the_same(
    analyzer: TextAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyzer._finder._word_kinds.clear()
    expected = _found(analyzer)
    monkeypatch.setattr(mentions, "MAX_CACHED", 3)
    analyzer._finder._word_kinds.clear()

    assert _found(analyzer) == expected
    assert len(analyzer._finder._word_kinds) <= 3
