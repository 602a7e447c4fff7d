"""Keys with capitals ("UN", "NLF-K") are found in the one pass of the folded text and
checked as written (round 17): the same hits as a pass of the text as written would give.
Keys, values and texts invented for these tests."""

from __future__ import annotations

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extraction.events.text import FEW_KEYS, Hit, PhraseIndex, _matches, fold, share_scans

KEYS = {
    "NLF": "front",
    "NLF-K": "front k",
    "Kord*": "kord",
    "kordan": "town",
    "UN": "un",
    "un envoy": "envoy",
    "Ärmo": "not ascii",  # stays in a pass of the text as written
    "ZAR": "zar upper",
    "Zar": "zar title",  # two keys that read alike folded: both stay so too
    "zebra": "animal",
    "ZEBRA": "cased zebra",  # reads as a folded key: stays so too
}
WORDS = [
    "NLF", "nlf", "NLF-K", "Nlf-K", "Kordan", "KORDAN", "kordan", "Kordi", "UN", "un",
    "Un", "envoy", "Ärmo", "ärmo", "ZAR", "Zar", "zar", "zebra", "ZEBRA", "Zebra", "the",
]  # fmt: skip


def index_of(keys: dict[str, str]) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for key, value in keys.items():
        index.add(key, value)
    return index.build()


def reference(keys: dict[str, str], text: str) -> list[Hit[str]]:
    """What the index finds, key by key: lower-case keys in the folded text, keys with
    capitals as written, whole words, longest first among overlapping ones (folded hits
    before as-written ones of the same span)."""
    folded = fold(text)
    found: list[tuple[int, int, int, str]] = []
    for key, value in keys.items():
        prefix = key.endswith("*")
        word = key.rstrip("*")
        cased = word != word.lower()
        haystack, needle = (text, word) if cased else (folded, fold(word))
        at = haystack.find(needle)
        while at >= 0:
            end = at + len(needle)
            if not (at > 0 and haystack[at - 1].isalnum() and haystack[at].isalnum()):
                if prefix:
                    while end < len(haystack) and haystack[end].isalpha():
                        end += 1
                    found.append((at, -(end - at), int(cased), value))
                elif not (
                    end < len(haystack) and haystack[end].isalnum() and haystack[end - 1].isalnum()
                ):
                    found.append((at, -(end - at), int(cased), value))
            at = haystack.find(needle, at + 1)
    kept: list[Hit[str]] = []
    last_end = -1
    for start, width, _, value in sorted(found, key=lambda f: f[:3]):
        if start >= last_end:
            kept.append(Hit(start, start - width, value))
            last_end = start - width
    return kept


def test_cased_ascii_keys_are_found_in_the_folded_pass() -> None:
    index = index_of(KEYS)
    exact = set(index._exact.keys())
    assert exact == {"Ärmo", "ZAR", "Zar", "ZEBRA"}  # not ASCII, or read alike folded
    assert index_of({"NLF": "front", "UN": "un"})._n_exact == 0  # one pass of the text
    text = "The NLF-K and the nlf met the UN envoy in Kordan; the Un envoy, ZAR and Zar."
    assert [(text[h.start : h.end], h.value) for h in index.find(text, fold(text))] == [
        ("NLF-K", "front k"),
        ("UN envoy", "envoy"),
        ("Kordan", "town"),  # the folded key first where a cased one spans the same
        ("Un envoy", "envoy"),
        ("ZAR", "zar upper"),
        ("Zar", "zar title"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", ", ", "-", ".", "\n"]), max_size=30))
def test_same_hits_as_key_by_key(parts: list[str]) -> None:
    text = " ".join(parts)
    assert index_of(KEYS).find(text, fold(text)) == reference(KEYS, text)
    alone, shared = index_of(KEYS), index_of(KEYS)
    share_scans([index_of({"the": "the", "UN": "other un"}), shared])
    assert shared.find(text, fold(text)) == alone.find(text, fold(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["AB", "ABA", "BA", "A", "ABAB", "B-A", "Zq", "BAB"]), min_size=1),
    st.text(alphabet="ABZq -", max_size=40),
)
def test_a_few_keys_are_found_key_by_key_as_a_pass_finds_them(keys: list[str], text: str) -> None:
    automaton = ahocorasick.Automaton()
    for number, key in enumerate(keys):
        automaton.add_word(key, (key, number))
    automaton.make_automaton()
    assert len(automaton) <= FEW_KEYS
    found = _matches(automaton, text)
    assert isinstance(found, list)  # key by key, no pass
    assert found == list(automaton.iter(text))  # by end offset, the longest first at one
