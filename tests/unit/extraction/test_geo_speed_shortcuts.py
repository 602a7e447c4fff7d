"""Speed-only shortcuts of the geoparser and the event places (benchmarks/README.md, round
12): each cheap test in front of a regex or a computation must never turn away what the
full one would find, and the rewritten loops must give what the plain ones gave. Texts
invented for these tests."""

from __future__ import annotations

import difflib
import itertools
import random
import re
from collections import Counter

from sitrep.extraction.events.location import _SMALL_PLACE, _SMALL_PLACE_WORDS
from sitrep.extraction.geo import TextAnalyzer
from sitrep.extraction.geo.mentions import (
    _AGED_NAME,
    _AGED_WORD,
    _UNIT_KNOWN_AS,
    PERSON_AFTER,
    Mention,
    _may_name_a_unit,
)
from sitrep.extraction.geo.normalize import Token, fold_token, tokenize
from sitrep.extraction.geo.resolve import _Votes
from sitrep.extraction.geo.spelling import SKELETON_LIKENESS, _alike
from sitrep.extraction.geo.surnames import _APPOSITION, _NAME_CUES, _SPEECH_VERBS, name_runs


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - reproducible test texts, not secrets


_UNIT_WORDS = ["forces", "Troops", "units", "SQUAD", "brigades", "militia", "cartel", "cells"]
_NAMING = [" known as ", " called ", " Dubbed ", " nicknamed ", " NAMED ", " (", " are known as "]
_TAILS = ["", "\n", " ", "x", "  ", "\n\n"]


def _windows() -> list[str]:
    """Windows a mention may follow: unit words and naming words, spaced, cased and ended
    every which way (a final newline, which `$` matches before; non-ASCII letters)."""
    lead = ["", "the ", "a ſhadow ", "Kelvin \u212a ", "rebel "]
    found = [
        f"{a}{w}{n}{t}" for a, w, n, t in itertools.product(lead, _UNIT_WORDS, _NAMING, _TAILS)
    ]
    found += ["shelling hit the town of ", "residents of ", "as ", "(", "\n", ""]
    # re's case-insensitive "s" also matches the long s (U+017F), which str.lower keeps
    found += ["the forces known a\u017f ", "squads \u212anown as ", "the gang na\u017fed "]
    return found


def test_the_unit_slice_test_keeps_every_window_the_regex_matches() -> None:
    windows = _windows()
    matched = [w for w in windows if _UNIT_KNOWN_AS.search(w, max(0, len(w) - 40))]
    assert len(matched) > 100  # the windows do exercise the regex
    assert all(_may_name_a_unit(w) for w in matched)
    # and it spares the regex where no naming word ends the window
    assert not _may_name_a_unit("shelling hit the town of ")
    assert not _may_name_a_unit("troops advanced towards\n")


def test_the_age_word_is_in_every_aged_name_match() -> None:
    rng = _rng(12)
    pieces = ["years old ", "year-old ", "Old ", "old ", "Xyz ", "Lisna ", "the ", "-", "\n"]
    texts = ["".join(rng.choices(pieces, k=rng.randint(1, 6))) for _ in range(4000)]
    matched = [t for t in texts if _AGED_NAME.search(t)]
    assert matched
    assert all(_AGED_WORD in t for t in matched)


def test_a_small_place_word_is_in_every_small_place_match() -> None:
    rng = _rng(7)
    pieces = [
        "the village of ", "Village of ", "Lon ", "Xyz ", "al-Xyz ", "village", "Village",
        " hamlet", " area", " frontline", " frontlines", ", ", "in ", "Al-Qarn ", "areas",
    ]  # fmt: skip
    texts = ["".join(rng.choices(pieces, k=rng.randint(1, 7))) for _ in range(4000)]
    matched = [t for t in texts if _SMALL_PLACE.search(t)]
    assert len(matched) > 100
    assert all(any(word in t for word in _SMALL_PLACE_WORDS) for t in matched)


def test_alike_is_difflibs_ratio_test() -> None:
    names = ["", "a", "snmn", "sanamin", "sanamayn", "fubarah", "february", "ruhaybah", "x" * 12]
    for name, other in itertools.product(names, repeat=2):
        ratio = difflib.SequenceMatcher(None, name, other).ratio()
        assert _alike(name, other) is (ratio >= SKELETON_LIKENESS), (name, other)


def test_vote_totals_are_what_counter_update_gives() -> None:
    rng = _rng(3)
    keys = ["xyz", "lisna", "qarn", "dubrava"]
    mentions = [Mention(0, 3, "Xyz", rng.choice(keys), [], 0, 0) for _ in range(12)]
    where = {i: (rng.choice(["UA", "SY", None]), rng.choice(["UA.1", "SY.2", None]), i % 3 > 0)
             for i in range(9)}  # fmt: skip
    beliefs = [{i: rng.random() for i in rng.sample(range(9), 4)} for _ in mentions]
    weights = {key: rng.choice([0.3, 1.0]) for key in keys}
    votes = _Votes.collect(mentions, beliefs, weights, where)
    countries: Counter[str | None] = Counter()
    admin1: Counter[str | None] = Counter()
    for own_c, own_a, _ in votes.by_key.values():
        countries.update(own_c)
        admin1.update(own_a)
    assert list(votes.countries.items()) == list(countries.items())
    assert list(votes.admin1.items()) == list(admin1.items())
    assert isinstance(votes.admin1, Counter)  # a region nobody voted for reads 0


def _name_runs_plainly(
    text: str, tokens: list[Token], first_names: frozenset[str]
) -> list[tuple[int, int]]:
    """`TextAnalyzer._name_runs` as it read before the speed edit: a visit of every word."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper():
            gap = text[tokens[j].end : tokens[j + 1].start]
            if gap != " " and not (gap == ". " and len(tokens[j].text) == 1):
                break
            j += 1
        head = fold_token(tokens[i].text)
        titled = head in _NAME_CUES or any(
            fold_token(t.text) in _NAME_CUES for t in tokens[max(0, i - 3) : i]
        )
        spoken = i > 0 and fold_token(tokens[i - 1].text) in _SPEECH_VERBS
        if (
            titled
            or (j > i and (head in first_names or spoken))
            or (j > i and PERSON_AFTER.match(text, tokens[j].end))
            or (j > i and _APPOSITION.match(text, tokens[j].end))
        ):
            runs.append((i, j))
        i = j + 1
    return runs


def test_name_runs_visit_capitalised_words_alone_with_the_same_runs(
    analyzer: TextAnalyzer,
) -> None:
    rng = _rng(5)
    words = [
        "Governor", "Ivan", "Petrenko", "said", "the", "Lisna", "Xyz", "Mr.", "J.", "Doe",
        "Karen", "Warren", "told", "reporters", "in", "Dubrava", ",", "who", "an", "official",
        "US", "Secretary", "of", "State", "Mark", "Ellison", ".", "Ostrowski", "\n", "K.",
    ]  # fmt: skip
    texts = [" ".join(rng.choices(words, k=rng.randint(1, 40))) for _ in range(400)]
    texts.append("Governor Ivan Petrenko said Karen Warren, an official in Lisna, told Mr. J. Doe")
    found = 0
    for text in texts:
        tokens = tokenize(text)
        runs = analyzer._name_runs(text, tokens)
        assert runs == _name_runs_plainly(text, tokens, analyzer._first_names), text
        # the analyzer's method is the (compiled) module function's
        assert runs == name_runs(text, tokens, analyzer._first_names)
        found += len(runs)
    assert found > 100


def test_the_regexes_behind_the_shortcuts_are_still_what_they_test() -> None:
    # A guard for the tests above: should a pattern change, its shortcut must be revisited.
    assert _UNIT_KNOWN_AS.flags & re.IGNORECASE
    assert _AGED_NAME.pattern.endswith("$")
