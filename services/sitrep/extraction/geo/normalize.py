"""One folding of place names, applied alike to the gazetteer and to article text.

Lookup is exact on folded keys, so every spelling variant we want to survive must fold to
the same string: case, diacritics ("Balakliïa"), apostrophes ("Kam'ianske"), hyphens,
and a few romanisation habits (French "ou" for "u", -iia/-iya/-ia endings, -yi/-yy, a
doubled "zhzh" written once).
Folding is lossy on purpose; ranking sorts out the collisions it creates.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# A token is a run of letters/digits, apostrophes inside it kept ("Kam'ianske", "O'Fallon").
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`‘][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`‘")
_FINAL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:iia|iya|ija)$"), "ia"),  # Balakliia / Balakliya / Balakliia
    (re.compile(r"(?:yi|yy|iy|ii)$"), "i"),  # Kryvyi / Kryvyy
)


class Token(NamedTuple):
    """A word of the article with its character offsets (a named tuple: an article makes
    thousands, and a frozen dataclass takes nearly twice as long to build)."""

    start: int
    end: int
    text: str

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


#: The words with what lies between them, alternating: offsets are running lengths, and
#: no match object is built per word (a third less time than `finditer`).
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


def tokenize(text: str) -> list[Token]:
    """Words of `text`, punctuation and hyphens dropped, offsets kept."""
    new = tuple.__new__  # what Token() does, without its keyword handling: a third faster
    parts = iter(_TOKEN_SPLIT.split(text))  # gap, word, gap, word, ..., gap
    start = len(next(parts))
    tokens = []
    for word, gap in zip(parts, parts, strict=True):
        end = start + len(word)
        tokens.append(new(Token, (start, end, word)))
        start = end + len(gap)
    return tokens


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold_token(word: str) -> str:
    """The comparison form of one word: 'Bakhmout' -> 'bakhmut', 'Balakliïa' -> 'balaklia'."""
    folded = strip_diacritics(word).casefold().translate(_APOSTROPHES)
    folded = folded.replace("ou", "u").replace("zhzh", "zh")  # Zaporizhzhia / Zaporizhia
    for pattern, replacement in _FINAL_RULES:
        folded = pattern.sub(replacement, folded)
    return folded


def fold(name: str) -> str:
    """Comparison key of a whole name: folded tokens joined by one space."""
    return " ".join([fold_token(word) for word in _TOKEN.findall(name)])


def is_latin(name: str) -> bool:
    """True when `name` is written in Latin letters (alternate names in other scripts are noise
    for English text and only bloat the index)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in strip_diacritics(name))


@lru_cache(maxsize=1)
def _skeleton_rules() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    path = resources.files("sitrep.extraction") / "data" / "geo" / "skeletons.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(
            csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        )
    articles = frozenset(r["text"] for r in rows if r["kind"] == "article")
    letters = tuple((r["text"], r["replacement"]) for r in rows if r["kind"] == "letters")
    return articles, letters


_VOWELS = re.compile("[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")
#: Shorter skeletons name too many places to tell one from another.
MIN_SKELETON = 3


def without_articles(key: str) -> str:
    """A folded key's words without the Arabic article, joined: "al sukhnah" -> "sukhnah"."""
    articles, _ = _skeleton_rules()
    return "".join(word for word in key.split(" ") if word not in articles)


def skeleton(key: str) -> str:
    """The consonants of a folded key as `data/geo/skeletons.tsv` keeps them ("al sanamin"
    and "as sanamayn" -> "snmn"); "" when fewer than MIN_SKELETON remain."""
    _, letters = _skeleton_rules()
    text = without_articles(key)
    for group, replacement in letters:
        text = text.replace(group, replacement)
    text = text[:1] + _VOWELS.sub("", text[1:]) if text[:1] in ("y", "w") else _VOWELS.sub("", text)
    text = _DOUBLED.sub(r"\1", text)
    if len(text) > 1:
        text = text.removesuffix("h")
    return text if len(text) >= MIN_SKELETON else ""
