"""Counts written as digits or words: "1,000", "eight", "twenty-three", "a dozen", "dozens".

`parse_number(tokens, i)` reads one count starting at token i, with its qualifier
("at least", "up to", "about") and ranges ("two to three", "5-7", "between 10 and 15").
Language constants (number words) live here; they are grammar, not a domain dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.extraction.events.dates import MONTHS
from sitrep.extraction.events.text import Token
from sitrep_contracts import Qualifier

UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
#: Vague plurals: (min, max) of what they can mean; the min as ACLED codes a vague toll,
#: the most conservative figure ("dozens" 12, "hundreds" 100: ACLED's fatality FAQ).
VAGUE = {
    "dozens": (12, 99), "scores": (20, 99), "hundreds": (100, 999),
    "thousands": (1000, 9999), "several": (2, 9), "a few": (2, 5), "few": (2, 5),
    "a number of": (2, 9), "a couple of": (2, 3), "many": (2, None), "numerous": (2, None),
}  # fmt: skip

QUALIFIERS: dict[tuple[str, ...], Qualifier] = {
    ("at", "least"): Qualifier.AT_LEAST,
    ("more", "than"): Qualifier.AT_LEAST,
    ("over",): Qualifier.AT_LEAST,
    ("upwards", "of"): Qualifier.AT_LEAST,
    ("no", "fewer", "than"): Qualifier.AT_LEAST,
    ("at", "minimum"): Qualifier.AT_LEAST,
    ("up", "to"): Qualifier.AT_MOST,
    ("as", "many", "as"): Qualifier.AT_MOST,
    ("no", "more", "than"): Qualifier.AT_MOST,
    ("fewer", "than"): Qualifier.AT_MOST,
    ("less", "than"): Qualifier.AT_MOST,
    ("about",): Qualifier.ABOUT,
    ("some",): Qualifier.ABOUT,
    ("nearly",): Qualifier.ABOUT,
    ("almost",): Qualifier.ABOUT,
    ("around",): Qualifier.ABOUT,
    ("approximately",): Qualifier.ABOUT,
    ("roughly",): Qualifier.ABOUT,
    ("an", "estimated"): Qualifier.ABOUT,
    ("close", "to"): Qualifier.ABOUT,
    ("approx",): Qualifier.ABOUT,
    ("circa",): Qualifier.ABOUT,
}
_MAX_QUALIFIER = max(len(k) for k in QUALIFIERS)
#: VAGUE as word tuples, in the same order (split once, not on every parse).
_VAGUE_WORDS = [(tuple(phrase.split()), bounds) for phrase, bounds in VAGUE.items()]
_MAX_VAGUE = max(len(words) for words, _ in _VAGUE_WORDS)


@dataclass(frozen=True, slots=True)
class Count:
    """A parsed count: token range [first, last) in the sentence and its character span."""

    first: int
    last: int
    start: int
    end: int
    count: int | None
    min: int | None
    max: int | None
    qualifier: Qualifier
    number_first: int  # token index where the number itself (not the qualifier) starts


#: Longer digit runs are identifiers or noise, never head counts (and int() refuses > 4300).
_MAX_DIGITS = 9


def _digits(text: str) -> int | None:
    if not text[0].isdigit():
        return None
    cleaned = text.replace(",", "")
    # ASCII only: str.isdigit() also accepts "¹" or "②", which int() rejects.
    if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= _MAX_DIGITS:
        return int(cleaned)
    return None  # decimals are not head counts


def _word_value(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Value of a number written in words starting at token i -> (value, next index)."""
    total = 0
    current = 0
    j = i
    seen = False
    scaled = False  # "and" joins only after a scale: "two hundred and five", not "one and two"
    while j < len(tokens):
        word = tokens[j].text
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:  # "twenty-three"
            current += TENS[parts[0]] + UNITS[parts[1]]
        elif word in UNITS and word != "no":
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and seen:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0
        elif (
            word == "and" and scaled and j + 1 < len(tokens) and _is_word_number(tokens[j + 1].text)
        ):
            j += 1
            continue
        else:
            break
        scaled = word in SCALES
        seen = True
        j += 1
        if word in UNITS and j < len(tokens) and tokens[j].text in UNITS:
            break  # "two three" is not one number
    if not seen:
        return None
    return total + current, j


def _is_word_number(word: str) -> bool:
    return word in UNITS or word in TENS or word.split("-")[0] in TENS


def _plain_number(tokens: list[Token], i: int) -> tuple[int, int] | None:
    if i >= len(tokens):
        return None
    value = _digits(tokens[i].text)
    if value is not None:
        j = i + 1
        if j < len(tokens) and tokens[j].text in SCALES and tokens[j].text != "hundred":
            value *= SCALES[tokens[j].text]
            j += 1
        return value, j
    if tokens[i].text == "a" and i + 1 < len(tokens) and tokens[i + 1].text == "dozen":
        return 12, i + 2
    if tokens[i].text == "dozen":
        return 12, i + 1
    if tokens[i].text == "both":
        # "Both officers died", opening a sentence: the two just told. Elsewhere it joins
        # ("both soldiers and civilians", "fighters from both sides"): it counts nothing.
        after = {t.text for t in tokens[i + 1 : i + 1 + _BOTH_REACH]}
        return None if i > 0 or "and" in after or "of" in after else (2, i + 1)
    return _word_value(tokens, i)


#: How far "and" may follow "both" for the two to join words rather than count people.
_BOTH_REACH = 4


def _texts(tokens: list[Token], i: int, size: int) -> tuple[str, ...]:
    """The texts of up to `size` tokens from token i."""
    return tuple(t.text for t in tokens[i : i + size])


def parse_number(tokens: list[Token], i: int) -> Count | None:
    """Parse a count starting at token i (its qualifier included), or None."""
    qualifier = Qualifier.EXACT
    k = i
    head = _texts(tokens, i, _MAX_QUALIFIER)
    for size in range(_MAX_QUALIFIER, 0, -1):
        key = head[:size]
        if len(key) == size and key in QUALIFIERS:
            qualifier = QUALIFIERS[key]
            k = i + size
            break
    # Vague plurals: "dozens", "several", "a few".
    head = _texts(tokens, k, _MAX_VAGUE)
    for words, (vague_low, vague_high) in _VAGUE_WORDS:
        if head[: len(words)] == words:
            if k > 0 and tokens[k - 1].text == "how":
                return None  # "it is unclear how many were killed": a question, no count
            end = k + len(words)
            end_tok = end + 1 if end < len(tokens) and tokens[end].text == "of" else end
            return Count(
                i,
                end_tok,
                tokens[i].start,
                tokens[end - 1].end,
                None,
                vague_low,
                vague_high,
                Qualifier.RANGE,
                k,
            )
    first = _plain_number(tokens, k)
    if first is None:
        if qualifier is not Qualifier.EXACT:
            return None
        return None
    value, j = first
    # Ranges: "two to three", "5-7", "10 or 12", "between 10 and 15"; but "rose from 14 to
    # 50" is a change, its second figure a count of its own.
    between = i > 0 and tokens[i - 1].text == "between"
    changed = i > 1 and tokens[i - 1].text == "from" and tokens[i - 2].text in _CHANGE_VERBS
    # "NIAMEY, Oct 8 - Ten soldiers": a dateline's day, then the lead's own count
    day = k > 0 and tokens[k - 1].text.rstrip(".") in MONTHS
    if not (changed or day) and (
        (j + 1 < len(tokens) and tokens[j].text in ("to", "-", "or"))
        or (between and j + 1 < len(tokens) and tokens[j].text == "and")
    ):
        second = _plain_number(tokens, j + 1)
        if second is not None and second[0] > value:
            return Count(
                i,
                second[1],
                tokens[i].start,
                tokens[second[1] - 1].end,
                value,
                value,
                second[0],
                Qualifier.RANGE,
                k,
            )
    low: int | None = value
    high: int | None = value
    if qualifier is Qualifier.AT_LEAST:
        high = None
    elif qualifier is Qualifier.AT_MOST:
        low = None
    elif qualifier is Qualifier.ABOUT:
        low = high = None
    return Count(i, j, tokens[i].start, tokens[j - 1].end, value, low, high, qualifier, k)


#: Verbs after which "from X to Y" is a figure that changed, not a range.
_CHANGE_VERBS = frozenset({
    "rose", "rises", "risen", "rising", "climbed", "climbs", "climbing", "increased",
    "increases", "increasing", "jumped", "jumps", "soared", "grew", "grown", "revised",
    "raised", "up", "fell", "falls", "dropped",
})  # fmt: skip

#: Words a count can start with; other tokens are skipped without parsing (hot path).
_STARTS = frozenset(
    [
        *UNITS,
        *TENS,
        "a",
        "dozen",
        "both",
        *(k[0] for k in QUALIFIERS),
        *(v.split()[0] for v in VAGUE),
    ]
)


def _may_start_count(word: str) -> bool:
    """Whether a count can start at this word ("twenty-three": tens before a hyphen)."""
    return (
        word[0].isdigit()
        or word in _STARTS
        or ("-" in word and word.split("-")[0] in TENS)  # unhyphenated tens: in _STARTS
    )


def numbers_in(tokens: list[Token]) -> list[Count]:
    """Every count in a token list, left to right, without overlaps."""
    found: list[Count] = []
    i = 0
    while i < len(tokens):
        if not _may_start_count(tokens[i].text):
            i += 1
            continue
        parsed = parse_number(tokens, i)
        if parsed is not None:
            found.append(parsed)
            i = parsed.last
        else:
            i += 1
    return found
