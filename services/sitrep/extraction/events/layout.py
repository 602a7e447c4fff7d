"""Which lines of a web-extracted article report nothing, and where its dateline is.

News text arrives with page furniture: the headline and section headings, related-story
headlines, bylines, captions, donation appeals, link lists. None of it reports an event
of its own (a headline repeats the lead; a related-story headline is another article), so
the event stage skips those lines. The dateline ("BAMAKO, Mali (AP) —", "NAIROBI,
Aug 5 (Reuters) -", "Maiduguri:") says where the story was filed, not where the event
happened: places in it are blocked as event places of the sentence they open, and its
date is the day the story was filed, not the day of its events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.extraction.analysis import Sentence

#: A line without final punctuation and shorter than this is a heading, not prose.
HEADING_MAX_WORDS = 20
_FINAL = (".", "!", "?", '"', "”", "’", "'", ":", ")", "]", "…")
#: A line shorter than this that ends with a photo credit is a caption.
CAPTION_MAX_WORDS = 30
#: Where a dateline may start: the first prose lines of the article.
_DATELINE_LINES = 3
#: "BAMAKO, Mali (AP) —", "NAIROBI, Aug 5 (Reuters) -", "Maiduguri:", "Goma (AFP)",
#: "Homs Province -": at most six capitalised words, an optional
#: date and agency, then a dash, a colon or the agency's closing bracket.
_DATELINE = re.compile(
    r"(?:[A-Z][\w'’.-]*[ ,]{1,2}){0,5}[A-Z][\w'’.-]*"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?"
    r"(?:\s*\([^()\n]{2,40}\))?"
    r"\s*(?:—|–|--|-|:|(?<=\)))[\s\u00a0¬†]"
)
_URL = re.compile(r"https?://|www\.")
#: A photo caption's credit at the end of its line ("Supporters at a rally in
#: Raleigh.Image: Jo Smith.", "Troops in the square. Photo: Reuters"): the caption tells
#: what a picture shows; the article's prose tells its news.
_CAPTION_CREDIT = re.compile(
    r"(?:^|[.!?\"”)\]]\s*|\s)\(?(?:Image|Photo|Photograph|Picture|Credit|IMAGE|PHOTO)s?\s?:\s?"
    r"[A-Z][^.:\n]{0,79}\.?\)?\s*$"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """What the event stage leaves out.

    `skipped`: indexes of sentences that can make no event (headings and furniture).
    `unplaced`: spans whose places are never an event's place: furniture lines (appeals,
    link lists) and datelines. Headings keep their places: a headline often names the
    village its story is about. `datelines`: the datelines' spans alone. `headline`: the
    sentences of the headings before the first prose line, and `lead` that line's paragraph
    (-1 without one): a headline says what its lead is about ("Evacuee tests positive for
    coronavirus" above "She was among those evacuated").
    """

    skipped: frozenset[int]
    unplaced: tuple[tuple[int, int], ...]
    datelines: tuple[tuple[int, int], ...] = ()
    headline: tuple[int, ...] = ()
    lead: int = -1


class LayoutReader:
    def __init__(self, data: dict[str, Any]) -> None:
        self._boilerplate = tuple(p.lower() for p in data["boilerplate_phrases"])
        self._tail = frozenset(p.lower() for p in data["tail_headings"])
        self._credits = tuple(p.lower() for p in data["credit_starts"])

    def read(self, text: str, sentences: list[Sentence], paragraph_of: list[int]) -> Layout:
        lines: dict[int, list[int]] = {}
        for index, para in enumerate(paragraph_of):
            lines.setdefault(para, []).append(index)
        skipped: set[int] = set()
        unplaced: list[tuple[int, int]] = []
        datelines: list[tuple[int, int]] = []
        in_tail = False
        prose_lines = 0
        headline: list[int] = []
        lead = -1
        for para, members in lines.items():
            start, end = sentences[members[0]].start, sentences[members[-1]].end
            line = text[start:end]
            folded = line.lower()
            in_tail = in_tail or folded.strip(" :.-") in self._tail
            if in_tail or self._furniture(line, folded):
                skipped.update(members)
                unplaced.append((start, end))
                continue
            if _caption(line):
                skipped.update(members)
                continue
            if _heading(line) or (not prose_lines and " | " in line):  # "Section | Title"
                skipped.update(members)
                if not prose_lines:
                    headline.extend(members)
                continue
            if not prose_lines:
                lead = para
            if prose_lines < _DATELINE_LINES:
                found = _DATELINE.match(line)
                if found is not None and found.end() < len(line):
                    unplaced.append((start, start + found.end()))
                    datelines.append((start, start + found.end()))
            prose_lines += 1
        return Layout(frozenset(skipped), tuple(unplaced), tuple(datelines), tuple(headline), lead)

    def _furniture(self, line: str, folded: str) -> bool:
        short = len(line.split()) < HEADING_MAX_WORDS
        if short and (_URL.search(folded) or folded.startswith(self._credits)):
            return True
        return any(phrase in folded for phrase in self._boilerplate)


def _caption(line: str) -> bool:
    """A short line that ends with a photo credit (the colon test first: most lines have
    none, and the credit pattern is tried at every character)."""
    return (
        ":" in line
        and len(line.split()) < CAPTION_MAX_WORDS
        and _CAPTION_CREDIT.search(line) is not None
    )


def _heading(line: str) -> bool:
    """A headline, section heading or related-story headline: short, no final stop. Or a
    digest of headlines, each told in full below it: no final stop, parts joined by
    semicolons ("Region: X raids a prison; Y kills troops; Z attacks a base")."""
    if line.rstrip().endswith(_FINAL):
        return False
    return len(line.split()) < HEADING_MAX_WORDS or line.count("; ") >= 1
