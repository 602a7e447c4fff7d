"""Phrase indexes that share one Aho-Corasick pass (`share_scans`) find exactly what each
finds alone: the same hits, values and order, keys of one index inside another's, keys
shared by several, prefixes ("kill*"), case-sensitive keys, and texts read in turns.
Texts invented for these tests."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extraction.events import EventExtractor
from sitrep.extraction.events.text import PhraseIndex, fold, share_scans


def _index(keys: dict[str, str]) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for key, value in keys.items():
        index.add(key, value)
    return index.build()


_KEYS = [
    {"kill*": "kill", "kille*": "kille", "killed in": "killed in", "shelling": "shell", "UN": "un"},
    {"shell": "shell", "in": "in", "led in": "led in", "the town": "town"},
    {"kill*": "kill again", "town of lisna": "place", "IS": "is", "Lisna": "Lisna"},
    {"xyz": "never"},
    {},
]
_WORDS = ["killed", "in", "shelling", "the", "town", "of", "Lisna", "UN", "IS", "led", "kil"]


def _plain_and_shared() -> tuple[list[PhraseIndex[str]], list[PhraseIndex[str]]]:
    shared = [_index(keys) for keys in _KEYS]
    share_scans(shared)
    return [_index(keys) for keys in _KEYS], shared


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, " ", ", ", "-", ".", "\n"]), max_size=30))
def test_shared_indexes_find_what_each_finds_alone(parts: list[str]) -> None:
    text = " ".join(parts)
    plain, shared = _plain_and_shared()
    for alone, together in zip(plain, shared, strict=True):
        assert together.find(text, fold(text)) == alone.find(text, fold(text))


def test_texts_read_in_turns_keep_their_own_hits() -> None:
    plain, shared = _plain_and_shared()
    rng = random.Random(4)  # noqa: S311 - reproducible test texts, not secrets
    texts = [" ".join(rng.choices(_WORDS, k=25)) for _ in range(6)]
    # every text once, then again in another order: the remembered scan and fresh ones
    for text in [*texts, *reversed(texts)]:
        for alone, together in zip(plain, shared, strict=True):
            assert together.find(text, fold(text)) == alone.find(text, fold(text))
    text = texts[0]
    assert shared[0].find(text, fold(text))  # the texts do hold keys


def test_the_event_stage_shares_one_scan_among_its_whole_article_indexes(
    extractor: EventExtractor,
) -> None:
    shared = [index._shared for index in extractor.phrase_indexes()]
    assert len(shared) == 5
    assert all(s is not None for s in shared)
    assert len({id(s[0]) for s in shared if s is not None}) == 1
