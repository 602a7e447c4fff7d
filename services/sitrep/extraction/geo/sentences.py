"""Sentence boundaries by rule: cheap enough to run on every article, unlike a parser.

A boundary is . ! ? (optionally closed by quotes or brackets) followed by space and an
upper-case letter, digit or opening quote, or any line break. Abbreviations and initials
("Gov.", "U.S.", "J. Smith") do not end a sentence.
"""

from __future__ import annotations

import re

from sitrep.extraction.analysis import Sentence

# `[.!?]+X|\s*\n\s*` written as one character class first, then which it was (a
# look-behind): `re` skips ahead to where a class that starts a pattern matches, while an
# alternation whose branch may start with nothing is tried at every character.
_BOUNDARY = re.compile(
    r"""[.!?\s](?:(?<=[.!?])[.!?]*["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])"""
    r"|(?<=\n)\s*|(?<=\s)\s*\n\s*)"
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Maj|Cmdr|Adm|St|Mt|Ft|Jr|Sr|"
    r"Inc|Corp|Co|Ltd|No|Vol|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    r"Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)|\b[A-Z]|\.[A-Za-z])\.$"
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with exact offsets; surrounding whitespace is left out of each span."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().strip() != "" and _ABBREVIATION.search(
            text[max(start, match.start() - 12) : match.start() + 1]
        ):
            continue
        _append(sentences, text, start, match.start() + len(match.group().rstrip()))
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start=start, end=end, text=text[start:end]))
