"""`Alternation` finds exactly the matches of the plain compiled union, span for span."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extraction.events import resources
from sitrep.extraction.events.union import Alternation, Joined, _first_words

#: Invented alternatives: shared first words, optional leads, a class, ones with no
#: first words (a number, a lead of letters, a word), and ones whose matches overlap or touch.
ALTERNATIVES = [
    r"\b(?:fired|fires|firing) (?:the |a )?(?:coach|manager)\b",
    r"\b(?:at least |some )?\d+ (?:goals|points)\b",
    r"\bthe coach\b[^.]{0,30}\bfired\b",
    r"\bcoach (?:fired|sacked)",
    r"\b[bc]oat race\b",
    r"\b[a-z]oat race\b",  # no first words: a class of common letters, then "oat race"
    r"\b\w+ race\b",  # no first words and no lead of a few known characters
    r"\bfired up\b|\bfire(?!works)",
    r"\bup(?= the)",
    r"d the\b",  # starts inside a word, one character before the end of "coach fired"
]
WORDS = [
    "fired", "fires", "firing", "the", "a", "coach", "manager", "at", "least", "some", "12",
    "3", "goals", "points", "sacked", "boat", "coat", "goat", "race", "up", "fireworks", ".", "x",
]  # fmt: skip


def spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in matches]


def assert_same(alternation: Alternation, text: str, pos: int = 0, endpos: int = 10**9) -> None:
    plain = alternation.pattern
    assert spans(alternation.finditer(text, pos, endpos)) == spans(
        list(plain.finditer(text, pos, endpos))
    )
    fast, slow = alternation.search(text, pos, endpos), plain.search(text, pos, endpos)
    assert (fast and fast.span()) == (slow and slow.span())


def assert_same_from_every_place(alternation: Alternation, text: str, step: int = 1) -> None:
    """`assert_same` from each place of `text` on, and up to each place."""
    for pos in range(0, len(text) + 1, step):
        assert_same(alternation, text, pos)
        assert_same(alternation, text, 0, pos)


def test_first_words_are_used_and_the_rest_is_searched() -> None:
    alternation = Alternation(ALTERNATIVES)
    assert alternation._fast  # the fast way is taken
    assert alternation._classes is not None  # "\d+ goals" starts with a digit
    assert alternation._leads  # "[a-z]oat race": found from "oat race"
    assert alternation._rest is not None  # "\w+ race": searched for
    text = "the coach fired the coach fired up the fireworks. some 12 goals, 3 points."
    found = [m.group() for m in alternation.finditer(text)]
    assert "some 12 goals" in found and "3 points" in found  # found by the class
    assert "fire" not in found  # "fire(?!works)" before "works"
    assert_same(alternation, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "fired the coach fired the manager",  # adjacent matches
        "the coach was fired, the coach fired the coach",  # overlapping candidates
        "coach fired up the coach",
        "misfired the coach; refired a manager",  # first words inside words
        "at least 12 goals and some 3 points, 12 goals",
        "up the boat race coat race goat race",
    ],
)
def test_same_matches_as_the_plain_union(text: str) -> None:
    alternation = Alternation(ALTERNATIVES)
    assert_same_from_every_place(alternation, text)


def test_words_under_a_case_flag_are_no_first_words() -> None:
    alternation = Alternation([r"\b(?i:fired)\b", r"\bcoach\b"])
    assert alternation._rest is not None
    assert_same(alternation, "FIRED the Coach, Fired the coach")


def test_a_union_with_a_backreference_runs_as_it_is() -> None:
    alternation = Alternation([r"\bcoach\b", r"\b(\w)\1"])  # \1 is group 1 of the union only
    assert not alternation._fast
    assert_same(alternation, "the coach, the boss")
    conditional = Alternation([r"\bcoach\b", r"(b)?(?(1)oss|x)"])  # on group 1 of the union
    assert not conditional._fast
    assert_same(conditional, "the coach, the boss")


def test_a_union_of_no_first_words_runs_as_it_is() -> None:
    alternation = Alternation([r"\b\w+ goals", r"\b\w+ race"])
    assert not alternation._fast
    assert_same(alternation, "12 goals at the boat race")


TABLES = [
    ("sense.yaml", "figurative_acts"),
    ("sense.yaml", "story_frames"),
    ("sense.yaml", "whole_story_frames"),
    ("sense.yaml", "remembrance_frames"),
    ("sense.yaml", "police_killing"),
    ("roles.yaml", "aggregate"),
    ("roles.yaml", "generic"),
    ("roles.yaml", "unreal_before"),
    ("roles.yaml", "describes_before"),
    ("roles.yaml", "campaign"),
    ("roles.yaml", "dates_back"),
    ("../relevance/cues.yaml", "not_cues"),
]


@pytest.mark.parametrize(("table", "key"), TABLES)
def test_same_matches_with_the_rule_tables(table: str, key: str) -> None:
    """Invented texts made of the tables' own first words, so that many alternatives
    start and some finish, near and over each other."""
    alternatives = [str(p) for p in resources.load_yaml(table)[key]]
    alternation = Alternation(alternatives)
    assert alternation._fast
    pieces = [
        "the", "film", "fired", "his", "coach", "attacked", "the", "plan", "since", "the",
        "start", "of", "the", "war", "more", "than", "1,200", "people", "have", "been",
        "killed", "every", "year", "in", "the", "novel", "marked", "the", "80th",
        "anniversary", "of", "the", "battle", "police", "officer", "shot", "dead", "a",
        "man", "threatened", "to", "attack", "usually", "month-long", "offensive", ".",
        "shots", "fired", "into", "the", "air", "at", "a", "funeral", ",", "called",
        "it", "an", "attack", "on", "democracy", "two-part", "drama", "in", "march", "3rd",
        "bombed", "later", "during", "troubles", "cold", "uncle's", "follows", "blast",
    ]  # fmt: skip
    rng = random.Random(key)  # noqa: S311 (invented texts, reproducible)
    for _ in range(200):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        start = rng.randint(0, max(0, len(text) - 1))
        assert_same(alternation, text)
        assert_same(alternation, text, start, start + rng.randint(0, 200))


def test_a_lookbehind_before_the_first_words_still_finds_where_matches_start() -> None:
    alternatives = [r"(?<!paper's )\b(?:owner|driver) was held\b", r"\bmock attack\b"]
    union = Alternation(alternatives)
    words, _ = _first_words(alternatives[0])  # the lookbehind is zero width: "owner ..."
    assert words and all(w.startswith(("owner", "driver")) for w in words)
    text = "the paper's owner was held; the ferry's driver was held after a mock attack"
    plain = re.compile("|".join(f"(?:{a})" for a in alternatives))
    assert [m.span() for m in union.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in union.finditer(text)] == ["driver was held", "mock attack"]


#: Invented alternatives that start with a run of letters (and spaces) before their words.
LEADS = [
    r"\b[a-z]+ (?:earlier|later) in the match\b",
    r"\b[a-z]+(?: [a-z]+){0,2} (?:during|in) the (?:final|cup final)\b[^.]*",
    r"\b[a-z]+'s (?:[a-z]+ ){0,2}(?:goal|save) (?:won|lost)\b",
    r"\b(?:the|a) (?:late )?goal\b",
]
LEAD_WORDS = [
    "scored", "saved", "later", "earlier", "in", "the", "match", "during", "final", "cup",
    "a", "late", "goal", "save", "won", "lost", "keeper's", "striker's", "early", ".", "it",
]  # fmt: skip


def test_a_lead_of_letters_is_found_from_the_words_after_it() -> None:
    alternation = Alternation(LEADS)
    assert alternation._rest is None  # nothing is searched at every place
    assert len(alternation._leads) == 3
    text = (
        "he scored later in the match. she saved it early in the cup final, a late goal. "
        "the keeper's late save won it; the striker's goal lost."
    )
    found = [m.group() for m in alternation.finditer(text)]
    assert found == [
        "scored later in the match",
        "saved it early in the cup final, a late goal",  # three words at most before "in"
        "keeper's late save won",
        "striker's goal lost",
    ]
    assert_same(alternation, text)
    assert_same_from_every_place(alternation, text)


def test_each_place_is_tried_with_the_alternatives_that_may_start_there() -> None:
    alternation = Alternation(ALTERNATIVES)
    text = "the coach fired the manager at the boat race"
    assert_same(alternation, text)
    # one union per set of alternatives met at a place, each smaller than the whole
    assert alternation._parts
    assert all(
        part.pattern.count("(?:") < alternation.pattern.pattern.count("(?:")
        for part in alternation._parts.values()
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + LEAD_WORDS), max_size=50))
def test_unions_joined_in_one_scan_find_what_each_finds_alone(words: list[str]) -> None:
    unions = [Alternation(ALTERNATIVES), Alternation(LEADS), Alternation([r"\bthe coach\b"])]
    text = " ".join(words)
    hits = Joined(unions).scan(text)
    assert len(hits) == 3
    for union, found in zip(unions, hits, strict=True):
        assert spans(union.finditer(text, hits=found)) == spans(list(union.pattern.finditer(text)))
        fast, slow = union.search(text, hits=found), union.pattern.search(text)
        assert (fast and fast.span()) == (slow and slow.span())
        # a scan of the whole text is no use within a part of it: the union scans its own
        assert spans(union.finditer(text, 3, len(text) - 2, hits=found)) == spans(
            list(union.pattern.finditer(text, 3, len(text) - 2))
        )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + LEAD_WORDS), max_size=50), st.integers(0, 40))
def test_unions_joined_in_one_scan_of_a_part_find_what_each_finds_alone(
    words: list[str], cut: int
) -> None:
    unions = [Alternation(ALTERNATIVES), Alternation(LEADS), Alternation([r"\bthe coach\b"])]
    text = " ".join(words)
    pos, endpos = min(cut, len(text)), max(0, len(text) - cut // 2)
    hits = Joined(unions).scan(text, pos, endpos)
    for union, found in zip(unions, hits, strict=True):
        fast = union.search(text, pos, endpos, hits=found, within=(pos, endpos))
        slow = union.pattern.search(text, pos, endpos)
        assert (fast and fast.span()) == (slow and slow.span())
        # hits of another part are no use: the union scans its own
        other = union.search(text, 0, endpos, hits=found, within=(pos, endpos))
        assert (other and other.span()) == (
            (m := union.pattern.search(text, 0, endpos)) and m.span()
        )


def test_a_short_range_is_read_as_its_characters() -> None:
    words, classes = _first_words(r"\b[2-4]-(?:hour|day)\b")
    assert words == {f"{d}-{u}" for d in "234" for u in ("hour", "day")}
    assert not classes  # no class scan over the text
    union = Alternation([r"\b[2-4]-(?:hour|day) (?:walk|ride)\b", r"\b\d+ goals\b"])
    text = "a 2-hour walk, 12 goals, a 5-day ride, a 4-day ride and 3 goals"
    assert [m.group() for m in union.finditer(text)] == [
        "2-hour walk",
        "12 goals",
        "4-day ride",
        "3 goals",
    ]
    assert_same(union, text)


#: Invented: a bounded run of any character but a few stops, then a season range.
BOUNDED = [
    r"(?:[^.;!,\n]|(?<=\d)[.,](?=\d)){0,40}?\bseasons? (?:of|from) 19\d\d (?:to|and) 20\d\d\b",
    r"\bthe (?:coach|keeper)\b",
]
BOUNDED_WORDS = [
    "the", "coach", "kept", "2.5", "goals", "seasons", "season", "of", "from", "1998", "to",
    "2004", "and", "1,000", "keeper", ".", ",", ";", "a", "long", "spell", "over",
]  # fmt: skip


def test_a_bounded_lead_of_all_but_a_few_characters_is_found_from_the_words_after_it() -> None:
    alternation = Alternation(BOUNDED)
    assert alternation._rest is None  # not searched for at every place of the text
    text = (
        "a long spell, the coach kept 2.5 goals over seasons from 1998 to 2004. "
        "a very long spell over many and many and many years of seasons of 1998 and 2004"
    )
    found = [m.group() for m in alternation.finditer(text)]
    assert found == [
        " the coach kept 2.5 goals over seasons from 1998 to 2004",
        "ll over many and many and many years of seasons of 1998 and 2004",  # 40 before
    ]
    assert_same_from_every_place(alternation, text, step=3)


#: Invented: one alternative of branches, one of them a run of digits or letters first.
BRANCHED = [
    r"\b(?:(?:\d+|[a-z]+)-goal (?:win|wins)|hat tricks?|clean sheets? kept)\b",
    r"\b(?:late|early) (?:goal|save)\b",
]
BRANCHED_WORDS = [
    "a", "3-goal", "win", "wins", "five-goal", "12-goal", "hat", "trick", "tricks", "clean",
    "sheet", "sheets", "kept", "late", "early", "goal", "save", "-goal", "x3-goal", ".",
]  # fmt: skip


def test_an_alternative_of_branches_is_found_from_each_branchs_words() -> None:
    alternation = Alternation(BRANCHED)
    assert alternation._rest is None  # "(?:\d+|[a-z]+)-goal": a lead of digits and letters
    assert {"hat trick", "late goal"} <= set(alternation.words)
    text = "a 3-goal win, then five-goal wins; a hat trick and clean sheets kept. a late save"
    found = [m.group() for m in alternation.finditer(text)]
    assert found == ["3-goal win", "five-goal wins", "hat trick", "clean sheets kept", "late save"]
    assert_same_from_every_place(alternation, text)


@pytest.mark.parametrize(("table", "key"), TABLES)
def test_no_rule_union_is_searched_for_at_every_place(table: str, key: str) -> None:
    """An alternative with no first word and no lead is searched for at every place of
    every sentence (one such cost a third of a conflict article's time): start it with a
    word, or a run of a few known characters (or a bounded run of all but a few) and then
    words."""
    alternatives = [str(p) for p in resources.load_yaml(table)[key]]
    assert Alternation(alternatives)._rest is None


#: Invented alternatives every match of which holds "harvest" (round 17).
HARVEST = [
    r"\b(?:\d{1,2}(?:st|nd|rd|th)? (?:of )?harvest|harvest \d{1,4}|(?:in|after|before) harvest)\b",
]
HARVEST_WORDS = ["in", "after", "the", "harvest", "harvests", "12", "3rd", "of", "fair", "."]


def test_a_union_none_of_whose_needed_strings_stands_in_the_text_is_not_searched() -> None:
    alternation = Alternation(HARVEST)
    assert alternation.needs == ("harvest",)  # each branch's run holds it: the shortest kept
    assert alternation._reach == len("12th of harvest")  # a match starts at most this far before
    text = "in 1990, after 12 fairs in the 3rd week of the fair, in the end"
    assert alternation._near_needs(text, 0, len(text)) == []  # no place to try
    assert alternation.search(text) is None
    assert alternation.finditer(text) == []
    # the string before `pos` or after `endpos` is not the part searched
    assert alternation._near_needs("harvest in 1990", 7, 15) == []
    assert alternation.search("harvest in 1990", 7) is None
    assert alternation.finditer("in 1990 harvest", 0, 8) == []


def test_needed_strings_only_where_every_alternative_has_a_run_of_its_own() -> None:
    both = Alternation([r"\bharvest \d+", r"\b\w{1,9} fair\b"])
    assert set(both.needs) == {"harvest ", " fair"} and both._reach == len("123456789 fair")
    assert Alternation([r"\bharvest \d+", r"\b\w+ fair\b"]).needs == ()  # may start far before
    assert Alternation([r"\bharvest \d+", r"\b\w+ (?:fair|show)\b"]).needs == ()
    assert Alternation([r"\b(?i:harvest)\b"]).needs == ()  # a case flag: no run outside it
    assert Alternation(["alpha", "beta", "gamma", "delta"]).needs == ()  # too many to look for


def test_a_match_is_tried_only_near_where_a_needed_string_stands() -> None:
    alternation = Alternation(HARVEST)
    text = "in 1990 the fair opened in may; after the 12th of harvest, in the 3rd harvest 2024"
    starts = alternation._near_needs(text, 0, len(text))
    assert starts is not None and starts[0] == text.index("harvest") - alternation._reach
    assert [m.group() for m in alternation.finditer(text)] == ["12th of harvest", "3rd harvest"]
    assert_same(alternation, text)
    many = "in harvest, " * 40  # too many places to try one by one: searched as before
    assert alternation._near_needs(many, 0, len(many)) is None
    assert_same(alternation, many)


#: Each invented family of alternatives above, with the words its random texts are made of.
FAMILIES = {
    "first words": (ALTERNATIVES, WORDS),
    "leads": (LEADS, LEAD_WORDS),
    "bounded lead": (BOUNDED, BOUNDED_WORDS),
    "branches": (BRANCHED, BRANCHED_WORDS),
    "needed strings": (HARVEST, HARVEST_WORDS),
}


@pytest.mark.parametrize("family", FAMILIES)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_same_matches_on_random_texts(family: str, data: st.DataObject) -> None:
    alternatives, words = FAMILIES[family]
    text = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=40)))
    pos = data.draw(st.integers(min_value=0, max_value=60))
    endpos = data.draw(st.integers(min_value=0, max_value=400))
    alternation = Alternation(alternatives)
    assert_same(alternation, text)
    assert_same(alternation, text, pos, endpos)
