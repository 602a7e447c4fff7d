"""Is an article about conflict? Decided first, from the words alone, so that the other
news (most of a real stream) costs a fraction of a conflict story and yields no event.

The score weighs two vocabularies (data/relevance/cues.yaml): conflict (armed actors,
weapons, violent acts, demonstrations) and other news (disease, disasters, markets,
sport, culture, science). Each distinct phrase counts once, so a story that says
"attack" ten times about a heart attack still has one weak cue. The decision, its score
and the cues that decided it go on the article's enrichment.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitrep.extraction.events.text import Hit, PhraseIndex, fold
from sitrep_contracts import Relevance, RelevanceLabel, TextSpan

#: Conflict weight an article needs at least, by length: a one-line report says what it
#: is about in a word or two; a strong word alone in 800 words is usually incidental.
MIN_CONFLICT_BY_WORDS = ((40, 1.5), (150, 3.0))
MIN_CONFLICT_LONG = 4.5
LONG_WORDS = 150
#: Share of the conflict weight in all cue weight an article needs (with a prior of
#: PRIOR weight on each side, so that short notes are judged on what they hold).
MIN_SHARE = 0.5
PRIOR = 1.5
#: Cues kept as evidence on the enrichment.
EVIDENCE = 6


@dataclass(frozen=True, slots=True)
class _Cue:
    side: str  # "conflict" | "other"
    weight: float
    phrase: str


class RelevanceGate:
    def __init__(self, data: dict[str, Any]) -> None:
        index: PhraseIndex[_Cue] = PhraseIndex()
        for side in ("conflict", "other"):
            for weight, phrases in data[side].items():
                for phrase in phrases:
                    index.add(str(phrase), _Cue(side, float(weight), fold(str(phrase))))
        self._index = index.build()

    @classmethod
    def load(cls) -> RelevanceGate:
        """With the shipped cue lists (data/relevance/cues.yaml)."""
        path = resources.files("sitrep.extraction") / "data" / "relevance" / "cues.yaml"
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def decide(self, text: str, folded: str | None = None) -> Relevance:
        folded = fold(text) if folded is None else folded
        hits = self._index.find(text, folded)
        first: dict[str, Hit[_Cue]] = {}
        for hit in hits:
            first.setdefault(hit.value.phrase, hit)
        conflict = sum(h.value.weight for h in first.values() if h.value.side == "conflict")
        other = sum(h.value.weight for h in first.values() if h.value.side == "other")
        share = (conflict + PRIOR) / (conflict + other + 2 * PRIOR)
        words = folded.count(" ") + 1
        needed = next((w for n, w in MIN_CONFLICT_BY_WORDS if words < n), MIN_CONFLICT_LONG)
        label = (
            RelevanceLabel.CONFLICT
            if conflict >= needed and share >= MIN_SHARE
            else RelevanceLabel.NOT_CONFLICT
        )
        deciding = "conflict" if label is RelevanceLabel.CONFLICT else "other"
        ranked = sorted(
            (h for h in first.values() if h.value.side == deciding),
            key=lambda h: (-h.value.weight, h.start),
        )[:EVIDENCE]
        return Relevance(
            label=label,
            score=round(share, 3),
            conflict_weight=conflict,
            other_weight=other,
            evidence=[
                TextSpan(start=h.start, end=h.end, text=text[h.start : h.end])
                for h in sorted(ranked, key=lambda h: h.start)
            ],
        )
