"""Who reports an event: "according to X", "X said", "said X", "X told Russian television"."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from sitrep.extraction.analysis import Entity
from sitrep.extraction.events.actors import ActorMention
from sitrep.extraction.events.text import Hit

_ACCORDING = re.compile(
    r"\b(?:according to|citing|cited by|quoted by|as reported by|reported by)\s+"
    r"((?:(?:mr|mrs|ms|dr|gen|col)\.\s)?[^,.;:()\"\n]{2,80}?)(?=\s+(?:on|in|at|who|which|as)\b|[,.;:()\"\n]|$)"
)
#: Text every `_ACCORDING` match holds: a sentence without any is not scanned for it.
_ACCORDING_CUES = ("according to", "citing", "cited by", "quoted by", "reported by")
_VERB = re.compile(
    r"\b(said|says|told|claimed|claims|reported|reports|announced|announces|stated|"
    r"confirmed|added|noted|wrote|posted|declared|insisted|warned)\b"
)


@dataclass(frozen=True, slots=True)
class Source:
    start: int
    end: int
    text: str
    country: str | None


def find_sources(
    text: str,
    folded: str,
    start: int,
    end: int,
    actors: list[ActorMention],
    people: list[Entity],
    source_words: list[Hit[str]],
) -> list[Source]:
    """Attributions in text[start:end] (one sentence), in text order, without duplicates."""
    found: list[Source] = []
    window = folded[start:end]
    if any(cue in window for cue in _ACCORDING_CUES):
        for m in _ACCORDING.finditer(folded, start, end):
            s, e = m.start(1), m.end(1)
            actor = next((a for a in actors if s <= a.start < e), None)
            found.append(Source(s, e, text[s:e], actor.spec.country if actor else None))
    verbs = list(_VERB.finditer(folded, start, end))
    if not verbs:  # nobody says anything: no subjects to look for
        return _dedupe(found)
    candidates: list[tuple[int, int, str | None]] = []
    for a in actors:
        if start <= a.start < end:
            candidates.append((a.start, a.end, a.spec.country))
    for p in people:
        if start <= p.start < end:
            candidates.append((p.start, p.end, None))
    for h in source_words:
        if start <= h.start < end:
            candidates.append((h.start, h.end, None))
    near = _Near(candidates)
    for m in verbs:
        subject = _subject(text, folded, m.start(), m.end(), candidates, near)
        if subject is not None:
            s, e, country = subject
            found.append(Source(s, e, text[s:e], country))
    return _dedupe(found)


class _Near:
    """Candidates by start offset: each verb looks only at those within reach of it (a
    sentence with no full stop may hold thousands), in the candidates' own order."""

    def __init__(self, candidates: list[tuple[int, int, str | None]]) -> None:
        self.candidates = candidates
        self._order = sorted(range(len(candidates)), key=lambda k: candidates[k][0])
        self._starts = [candidates[k][0] for k in self._order]
        self.longest = max((c[1] - c[0] for c in candidates), default=0)

    def within(self, lo: int, hi: int) -> list[tuple[int, int, str | None]]:
        """Candidates with lo <= start < hi."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return [self.candidates[k] for k in sorted(self._order[a:b])]


def _subject(
    text: str,
    folded: str,
    v_start: int,
    v_end: int,
    candidates: list[tuple[int, int, str | None]],
    near: _Near | None = None,
) -> tuple[int, int, str | None] | None:
    if near is None:
        near = _Near(candidates)
    # Inverted: ', said Vitali Gantchev' / 'noted an AFP team'.
    after = [c for c in near.within(v_end, v_end + 6) if 0 <= c[0] - v_end <= 5]
    before_text = folded[max(0, v_start - 3) : v_start]
    if after and (
        "," in before_text
        or '"' in before_text
        or "'" in before_text
        or folded[v_start:v_end] in ("said", "noted", "added", "wrote")
    ):
        best = min(after, key=lambda c: c[0])
        if "," in before_text or '"' in before_text or "'" in before_text:
            return _widest_at(best, near.within(best[0] - near.longest, best[1]))
    # Normal order: the nearest candidate ending shortly before the verb, same clause.
    before = [
        c
        for c in near.within(v_start - 90 - near.longest, v_start + 1)
        if c[1] <= v_start and v_start - c[1] <= 90
    ]
    for cand in sorted(before, key=lambda c: v_start - c[1]):
        between = text[cand[1] : v_start]
        if "." in between.replace("Mr.", "") or '"' in between or "“" in between or "”" in between:
            continue
        if between.count(",") == 1:  # "X, who ..., said" needs two commas or none
            continue
        return _widest_at(cand, near.within(cand[0] - near.longest, cand[1]))
    return None


def _widest_at(
    cand: tuple[int, int, str | None], candidates: list[tuple[int, int, str | None]]
) -> tuple[int, int, str | None]:
    """Prefer the longest candidate overlapping this one (title + name over name alone)."""
    overlapping = [c for c in candidates if c[0] < cand[1] and cand[0] < c[1]]
    best = max(overlapping, key=lambda c: (c[1] - c[0], c[2] is not None))
    return best[0], best[1], best[2] or next((c[2] for c in overlapping if c[2]), None)


def _dedupe(found: list[Source]) -> list[Source]:
    # In start order every kept source starts at or before this one: it lies inside one
    # of them exactly when it starts before the furthest end kept so far.
    reach = -1
    out = []
    for src in sorted(found, key=lambda s: s.start):
        if src.start < reach:
            continue
        reach = max(reach, src.end)
        out.append(src)
    return out
