"""Text helpers shared by the event modules: case folding that keeps offsets, tokens, spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

import ahocorasick

from sitrep_contracts import TextSpan

T = TypeVar("T")

#: Longest stretch of one sentence the pattern code looks at: bounds the cost of any
#: regex on hostile input (a "sentence" of 100k characters with no full stop).
MAX_SENTENCE_CHARS = 1500

#: Typographic quotes and dashes folded to their ASCII forms (one character for one).
_APOSTROPHES = {"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


def fold(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lowers to two code points
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # str.translate looks every character up in a dict (slow for non-ASCII text, and
    # slower than all the rest of folding); a replace() for each character present is not.
    for char, ascii_form in _APOSTROPHES.items():
        if char in lowered:
            lowered = lowered.replace(char, ascii_form)
    return lowered


def span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start=start, end=end, text=text[start:end])


# Numbers with thousands separators stay one token ("1,000"); "122mm" splits into "122", "mm".
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['\-][^\W\d_]+)*|\S")


class Token(NamedTuple):
    """A word of a sentence (a named tuple: a frozen dataclass takes several times as long
    to build, and a sentence's tokens are built for every casualty reading)."""

    text: str  # folded
    start: int  # offsets into the article
    end: int


def tokenize(folded: str, start: int, end: int) -> list[Token]:
    """Tokens of folded[start:end] (capped at MAX_SENTENCE_CHARS), offsets into the article."""
    end = min(end, start + MAX_SENTENCE_CHARS)
    new = tuple.__new__  # what Token() does, without its keyword handling
    tokens = []
    for match in _TOKEN.finditer(folded, start, end):
        first, last = match.span()
        tokens.append(new(Token, (folded[first:last], first, last)))
    return tokens


def words_of(folded: str, start: int, end: int) -> list[str]:
    """The texts of `tokenize(folded, start, end)`, without building tokens: enough to
    decide whether a sentence needs its tokens at all."""
    return _TOKEN.findall(folded, start, min(end, start + MAX_SENTENCE_CHARS))


class Hit(NamedTuple, Generic[T]):
    """A phrase found, with the value of its key (a named tuple, like `Token`: an article
    has hundreds of hits, and a frozen dataclass takes three times as long to build)."""

    start: int
    end: int
    value: T


class PhraseIndex(Generic[T]):
    """Whole-word phrase matcher: one Aho-Corasick pass over the folded text.

    Keys are matched case-insensitively unless they contain capitals (acronyms like "UN"),
    which then match only as written. A key ending in "*" matches any word ending.
    """

    def __init__(self) -> None:
        #: Keys as the automata hold them: folded, and as written (with capitals).
        self._folded_keys: dict[str, tuple[int, bool, T]] = {}
        self._exact_keys: dict[str, tuple[int, bool, T]] = {}
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        self._n_exact = 0
        self._n_folded = 0
        #: The scan this index shares with others, and its place in it (`share_scans`).
        self._shared: tuple[SharedScan, int] | None = None

    def add(self, key: str, value: T) -> None:
        prefix = key.endswith("*")
        key = key.rstrip("*").strip()
        if not key:
            return
        if key != key.lower():
            self._exact_keys[key] = (len(key), prefix, value)
        else:
            self._folded_keys[fold(key)] = (len(key), prefix, value)

    def build(self) -> PhraseIndex[T]:
        """The automata. A key with capitals is found in the folded text too, where it
        stands folded, then checked as written (one pass of the text where there were two):
        unless it is not ASCII (its folded form may read otherwise in a folded text) or
        another key reads the same folded (each folded string has one payload)."""
        exact_folds: dict[str, int] = {}
        for key in self._exact_keys:
            exact_folds[fold(key)] = exact_folds.get(fold(key), 0) + 1
        for key, (length, prefix, value) in self._folded_keys.items():
            self._folded.add_word(key, (length, prefix, value, None))
        for key, (length, prefix, value) in self._exact_keys.items():
            folded = fold(key)
            if key.isascii() and folded not in self._folded_keys and exact_folds[folded] == 1:
                self._folded.add_word(folded, (length, prefix, value, key))
            else:
                self._exact.add_word(key, (length, prefix, value, None))
        self._n_folded = len(self._folded)
        self._n_exact = len(self._exact)
        if self._n_folded:
            self._folded.make_automaton()
        if self._n_exact:
            self._exact.make_automaton()
        return self

    def find(self, text: str, folded: str) -> list[Hit[T]]:
        """Every whole-word hit, longest first among overlapping ones, in text order."""
        hits: list[Hit[T]] = []
        written: list[Hit[T]] = []  # after the folded keys' hits, as from a pass of its own
        if self._shared is not None:
            scan, k = self._shared
            in_folded, in_text = scan.matches(k, text, folded)
            hits.extend(self._iter(in_folded, folded, text, written))
            hits.extend(written)
            hits.extend(self._iter(in_text, text, text, written))
            return _longest_leftmost(hits)
        if self._n_folded:
            hits.extend(self._iter(self._folded.iter(folded), folded, text, written))
            hits.extend(written)
        if self._n_exact:
            hits.extend(self._iter(_matches(self._exact, text), text, text, written))
        return _longest_leftmost(hits)

    @staticmethod
    def _iter(
        matches: Iterable[tuple[int, Any]], haystack: str, text: str, written: list[Hit[T]]
    ) -> Iterator[Hit[T]]:
        """Whole-word hits among an automaton's matches (end offset, key payload); a key
        with capitals found folded counts where `text` holds it as written, and goes to
        `written` instead (the sort that follows keeps the folded keys' hits first)."""
        n = len(haystack)
        for last, (length, prefix, value, key) in matches:
            start = last - length + 1
            end = last + 1
            if key is not None and not text.startswith(key, start):
                continue
            # Whole words only: no word character on both sides of either edge.
            if start > 0 and haystack[start - 1].isalnum() and haystack[start].isalnum():
                continue
            if prefix:
                while end < n and haystack[end].isalpha():
                    end += 1
            elif end < n and haystack[end].isalnum() and haystack[end - 1].isalnum():
                continue
            if key is None:
                yield Hit(start, end, value)
            else:
                written.append(Hit(start, end, value))


class SharedScan:
    """One Aho-Corasick pass over an article for several phrase indexes (`share_scans`).

    A pass costs about the same whatever the index's size (over a 700-word article 0.05
    ms for 50 keys, 0.12 ms for 2,000); the event stage's actors, titles, sources,
    triggers and sense words took five, where one automaton of all their keys takes one.
    Each index gets exactly the matches its own automaton gives, in the same order (by
    end offset, the longest key first), so its hits are unchanged."""

    def __init__(self, indexes: Sequence[PhraseIndex[Any]]) -> None:
        self._size = len(indexes)
        self._folded = _merged([index._folded for index in indexes])
        self._exact = _merged([index._exact for index in indexes])
        #: The last article scanned: its folded text, its text, and each index's matches
        #: in the one and in the other (built whole, so a reader never sees a mix).
        self._last: tuple[str, str, list[list[Any]], list[list[Any]]] | None = None

    def matches(self, k: int, text: str, folded: str) -> tuple[list[Any], list[Any]]:
        """Index k's matches in `folded` and in `text`, from one pass of each, remembered
        for the next index that reads the same article."""
        last = self._last
        if last is None or last[0] != folded or last[1] != text:
            last = self._last = (
                folded,
                text,
                self._scan(self._folded, folded),
                self._scan(self._exact, text),
            )
        return last[2][k], last[3][k]

    def _scan(self, automaton: Any, haystack: str) -> list[list[Any]]:
        per_index: list[list[Any]] = [[] for _ in range(self._size)]
        if automaton is not None:
            for last, owners in _matches(automaton, haystack):
                for k, payload in owners:
                    per_index[k].append((last, payload))
        return per_index


#: An automaton of at most this many keys is searched key by key: `str.find` skips ahead
#: where a pass steps through every character (a 700-word article: ~2 us for five keys,
#: ~45 us for a pass).
FEW_KEYS = 8


def _matches(automaton: Any, haystack: str) -> Iterable[tuple[int, Any]]:
    """`automaton.iter(haystack)`: every (end offset, payload) of a key's occurrence, by
    end offset and, at one end, the longest key first."""
    if len(automaton) > FEW_KEYS:
        return automaton.iter(haystack)  # type: ignore[no-any-return]
    found: list[tuple[int, int, Any]] = []
    for key, payload in automaton.items():
        at = haystack.find(key)
        while at >= 0:
            found.append((at + len(key) - 1, -len(key), payload))
            at = haystack.find(key, at + 1)
    found.sort(key=lambda match: (match[0], match[1]))
    return [(last, payload) for last, _, payload in found]


def share_scans(indexes: Sequence[PhraseIndex[Any]]) -> SharedScan:
    """Let built `indexes` find their keys in one pass of the same article's text (what
    each finds is unchanged). An index shares at most one scan: a later call takes it."""
    scan = SharedScan(indexes)
    for k, index in enumerate(indexes):
        index._shared = (scan, k)
    return scan


def _merged(automata: list[Any]) -> Any:
    """One automaton of the keys of `automata`, each key's payloads tagged with the
    position of their automaton (None when none holds a key)."""
    owners: dict[str, list[tuple[int, Any]]] = {}
    for k, automaton in enumerate(automata):
        if len(automaton):
            for key, payload in automaton.items():
                owners.setdefault(key, []).append((k, payload))
    if not owners:
        return None
    merged = ahocorasick.Automaton()
    for key, found in owners.items():
        merged.add_word(key, tuple(found))
    merged.make_automaton()
    return merged


def _longest_leftmost(hits: list[Hit[T]]) -> list[Hit[T]]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit[T]] = []
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept
