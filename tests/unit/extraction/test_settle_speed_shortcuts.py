"""The substring tests in front of `speaks`' window regexes (round 16) never turn away a
window the regex matches. Texts invented for these tests."""

from __future__ import annotations

import random

from sitrep.extraction.events.settle import (
    _TITLE_OF_BEFORE,
    _TOLD_BY_BEFORE,
    speaks,
    title_of_before,
    told_by_before,
)

_PIECES = [
    "according to ", "citing ", "cited by ", "quoted by ", "reported by ", "the ", "of ",
    "commander of ", "director-general of the ", "spokeswoman of ", "by", "ferry ", "\n",
    " ", "wardens ", "-", "chief of\n", "outlet ",
]  # fmt: skip


def _texts() -> list[str]:
    rng = random.Random(16)  # noqa: S311 - reproducible test texts, not secrets
    return ["".join(rng.choices(_PIECES, k=rng.randint(1, 8))) for _ in range(3000)]


def test_the_shortcuts_give_what_the_regexes_give() -> None:
    told = titled = 0
    for text in _texts():
        for start in range(len(text) + 1):
            window = (text, max(0, start - 40), start)
            expected_told = _TOLD_BY_BEFORE.search(*window) is not None
            expected_title = _TITLE_OF_BEFORE.search(*window) is not None
            assert told_by_before(text, start) is expected_told
            assert title_of_before(text, start) is expected_title
            told += expected_told
            titled += expected_title
    assert told > 1000
    assert titled > 1000  # the texts do exercise both regexes


def test_a_source_or_a_title_before_a_mention_still_speaks() -> None:
    text = "the ferry sank, according to the harbour wardens, and the commander of the navy said"
    wardens = text.index("harbour")
    navy = text.index("navy")

    assert speaks(text, wardens, wardens + len("harbour"))
    assert speaks(text, navy, navy + len("navy"))
    assert not speaks(text, text.index("ferry"), text.index("ferry") + len("ferry"))
