"""Coder notes that say how many deaths belong to this event.

Event descriptions written by coders (ACLED's notes, analysts' logs) often end with how a
reported toll was apportioned, and then the note, not the prose, gives the event's figure:
- "Unspecified fatalities coded as N", "fatalities split and coded as N",
  "10 fatalities coded": the event's toll, stated outright;
- "41 fatalities split between 4 events": the toll in the prose is shared evenly (ACLED
  rounds down);
- "(fatalities coded to the X event)": the deaths in the prose belong to another event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extraction.events.numbers import parse_number
from sitrep.extraction.events.text import span, tokenize
from sitrep_contracts import Casualty, CasualtyKind, Qualifier, VictimType

_NUMBER = r"(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)"
_DEATHS = r"(?:fatalit(?:y|ies)|deaths)"
_CODED_AS = re.compile(
    rf"\b{_DEATHS}\b[^.;:()\[\]]{{0,40}}?\bcoded\s+as\s+(?P<n>{_NUMBER})", re.IGNORECASE
)
_N_CODED = re.compile(rf"(?P<n>{_NUMBER})\s+{_DEATHS}\s+(?:were\s+|are\s+)?coded\b", re.I)
_SPLIT = re.compile(
    rf"\bsplit\s+(?:evenly\s+)?(?:between|among|across)\s+(?P<n>{_NUMBER})\s+(?:[a-z-]+\s+){{0,3}}?events?\b",
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(
    rf"\b{_DEATHS}\s+(?:were\s+|are\s+)?coded\s+(?:to|in|under)\s+(?:the\s+|an?\s+)?"
    rf"(?:other\s+|another\s+|separate\s+)?[^.;()\[\]]{{0,60}}?\bevents?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Note:
    start: int
    end: int
    value: int | None  # the event's own toll, or the number of events sharing it
    rule: str  # "stated", "split" or "elsewhere"


def _value(folded: str, start: int, end: int) -> int | None:
    tokens = tokenize(folded, start, end)
    count = parse_number(tokens, 0) if tokens else None
    return count.count if count is not None else None


def has_coding_note(folded: str, start: int, end: int) -> bool:
    """Whether a coder note in folded[start:end] decides the event's toll."""
    return _find(folded, start, end) is not None


def _find(folded: str, start: int, end: int) -> _Note | None:
    """The first note that decides the toll, in order of precedence."""
    for pattern, rule in ((_CODED_AS, "stated"), (_N_CODED, "stated"), (_SPLIT, "split")):
        match = pattern.search(folded, start, end)
        if match is not None:
            value = _value(folded, match.start("n"), match.end("n"))
            if value is not None and (rule != "split" or value > 1):
                return _Note(match.start(), match.end(), value, rule)
    match = _ELSEWHERE.search(folded, start, end)
    if match is not None:
        return _Note(match.start(), match.end(), None, "elsewhere")
    return None


def apply_coding_note(
    text: str, folded: str, start: int, end: int, casualties: list[Casualty]
) -> list[Casualty]:
    """`casualties` with the killed figure replaced by what a coder note in text[start:end]
    says, if there is one; unchanged otherwise."""
    if "coded" not in folded[start:end] and "split" not in folded[start:end]:
        return casualties
    note = _find(folded, start, end)
    if note is None:
        return casualties
    killed = [c for c in casualties if c.kind is CasualtyKind.KILLED]
    others = [c for c in casualties if c.kind is not CasualtyKind.KILLED]
    if note.rule == "elsewhere":
        return others
    if note.rule == "split":
        if not killed:
            return casualties
        total = sum(c.count if c.count is not None else (c.min or 0) for c in killed)
        toll = total // (note.value or 1)
    else:
        toll = note.value or 0
    victims = {c.victim_type for c in killed}
    return [
        *others,
        Casualty(
            kind=CasualtyKind.KILLED,
            count=toll,
            min=toll,
            max=toll,
            qualifier=Qualifier.EXACT,
            victim_type=victims.pop() if len(victims) == 1 else VictimType.UNKNOWN,
            confidence=0.7,
            evidence=span(text, note.start, note.end),
        ),
    ]
