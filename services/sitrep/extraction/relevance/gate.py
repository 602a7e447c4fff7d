"""Is an article about conflict? Decided first, from the words alone, so that the other
news (most of a real stream) costs a fraction of a conflict story and yields no event.

The score weighs two vocabularies (data/relevance/cues.yaml): conflict (armed actors,
weapons, violent acts, demonstrations) and other news (disease, disasters, markets,
sport, culture, science). Each distinct phrase counts once, so a story that says
"attack" ten times about a heart attack still has one weak cue; a cue word used as
something else ("in March") is none. Where a full article's cues are placed matters
too: a war told in passing, after a lead about something else or in a sentence or two of
a report in other news's words, does not make the article conflict news; nor does one
filed under another section's kicker ("Opinion") or argued in an editorial's own voice
("we do not believe"), whatever war it names. The decision, its score and the cues that
decided it go on the article's enrichment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitrep.extraction.events.roles import quotations
from sitrep.extraction.events.text import Hit, PhraseIndex, fold
from sitrep.extraction.events.union import Alternation
from sitrep.extraction.relevance.model import RelevanceModel
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
#: Below this length a text is a one-paragraph note ("On 4 May, forces shelled X."): its
#: cues say what it is about, and the model (trained on longer summaries) is not asked.
SHORT_NOTE_WORDS = 40
#: The model's doubt is overruled by a lexicon this many times as confident as needed,
#: with this many distinct strong cues, down to this probability (armed crime in Mexico
#: reads between crime and war; a bar fight has weak cues only).
CONFIDENT_LEXICON = 1.5
CONFIDENT_STRONG_CUES = 2
DOUBTFUL_PROBABILITY = 0.3
#: Weight of a strong cue (the vocabulary of armed conflict) in cues.yaml.
STRONG = 3.0
#: The lead (an article's first sentence, or its headline) says what a full article is
#: about: one whose lead speaks other news (this much other-news weight, or at least as
#: much as its conflict weight) tells a war or an attack in passing, unless the model is
#: this sure of conflict. Calibrated on the invented probes and the dev halves only.
LEAD_OTHER = STRONG
SURE_PROBABILITY = 0.9
#: Nor is a full article that speaks other news (this much other-news weight) conflict
#: news, the model unsure, when its war sits in few sentences: a strong cue in at most
#: this many, any conflict cue in under this share (a crime told as police news, with
#: no other news's words, stays conflict news however sparse its cues).
PASSING_OTHER = STRONG
PASSING_STRONG_SENTENCES = 1
PASSING_SHARE = 0.4
#: Nor is a full article, the model unsure, that argues in an editorial's or a columnist's
#: own voice: this many distinct phrases of it outside quotation marks ("we believe").
VOICE_PHRASES = 2
#: A sentence's end, or a line break (after a headline or a paragraph). One character class
#: first, then which it was (a look-behind): `re` skips ahead to where the class matches,
#: where `A|B` would be tried at every character.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"'\u201d\u2019]?\s+|(?<=\n)\n*)")
#: Cues kept as evidence on the enrichment.
EVIDENCE = 6


#: Armed-group types whose names count as conflict evidence of their own (state forces
#: are named in every kind of news).
_NON_STATE = {"rebels", "political_militia", "identity_militia", "other"}


@dataclass(frozen=True, slots=True)
class _Cue:
    side: str  # "conflict" | "other" | "group"
    weight: float
    phrase: str


def _lead_is_other_news(text: str, first: Iterable[Hit[_Cue]]) -> bool:
    """Whether the lead's cues (each phrase where it first occurs) are other news's."""
    end = _SENTENCE_END.search(text)
    lead_end = end.start() if end else len(text)
    conflict = other = 0.0
    for hit in first:
        if hit.start < lead_end:
            if hit.value.side == "other":
                other += hit.value.weight
            else:
                conflict += hit.value.weight
    return other > 0 and (other >= LEAD_OTHER or other >= conflict)


def _told_in_passing(text: str, hits: Sequence[Hit[_Cue]]) -> bool:
    """Whether the conflict cues sit in few of the text's sentences."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    with_cue: set[int] = set()
    with_strong: set[int] = set()
    for hit in hits:
        if hit.value.side != "other":
            sentence = bisect_right(ends, hit.start)
            with_cue.add(sentence)
            if hit.value.weight >= STRONG:
                with_strong.add(sentence)
    return len(with_strong) <= PASSING_STRONG_SENTENCES and len(with_cue) < PASSING_SHARE * (
        len(ends) + 1
    )


class RelevanceGate:
    """Two signals must agree that a full article is about conflict: the cue lexicon, and
    either the learned model (`RelevanceModel`, trained on other news too: sport, markets,
    courts, disasters), or the name of a non-state armed group (a cartel, an insurgency)
    that ordinary crime and other news do not use, or a lexicon far more confident than
    needed where the model is in doubt. A one-paragraph note is judged by its cues."""

    def __init__(
        self,
        data: dict[str, Any],
        model: RelevanceModel | None = None,
        armed_groups: Sequence[dict[str, Any]] = (),
    ) -> None:
        index: PhraseIndex[_Cue] = PhraseIndex()
        for side in ("conflict", "other"):
            for weight, phrases in data[side].items():
                for phrase in phrases:
                    index.add(str(phrase), _Cue(side, float(weight), fold(str(phrase))))
        for group in armed_groups:
            if group.get("type") in _NON_STATE:
                for name in group.get("names", ()):
                    index.add(str(name), _Cue("group", STRONG, str(name)))
        self._index = index.build()
        # where a cue word is something else ("in March"); "(?!)" matches nothing
        self._not_cues = Alternation([str(p) for p in data.get("not_cues", ())] or ["(?!)"])
        # a first line that is only a section's kicker, or two joined ("Books | Review")
        kicker = "|".join(re.escape(str(k)) for k in data.get("section_kickers", ()))
        self._kicker = re.compile(
            rf"[ \t]*((?:{kicker})(?:[ \t]*[|/:][ \t]*(?:{kicker}))?)[ \t]*(?:\n|$)"
            if kicker
            else "(?!)"
        )
        # "\b(?:we believe|...)\b" as one alternative a phrase: found from its words
        voice = [rf"\b{re.escape(str(p))}\b" for p in data.get("editorial_voice", ())]
        self._voice = Alternation(voice or ["(?!)"])
        self._model = model
        self._model_threshold = model.threshold if model is not None else 0.0

    @classmethod
    def load(cls) -> RelevanceGate:
        """With the shipped cue lists (data/relevance/cues.yaml), model and group names."""
        path = resources.files("sitrep.extraction") / "data" / "relevance" / "cues.yaml"
        groups = resources.files("sitrep.extraction") / "data" / "events" / "armed_groups.yaml"
        return cls(
            yaml.safe_load(path.read_text(encoding="utf-8")),
            RelevanceModel.load(),
            yaml.safe_load(groups.read_text(encoding="utf-8"))["groups"],
        )

    def _argues(self, folded: str) -> bool:
        """Whether the text speaks in an editorial's own voice, outside its quotations."""
        quoted = quotations(folded)
        own = {m.group() for m in self._voice.finditer(folded) if not quoted.holds(m.start())}
        return len(own) >= VOICE_PHRASES

    def decide(self, text: str, folded: str | None = None) -> Relevance:
        folded = fold(text) if folded is None else folded
        hits = self._index.find(text, folded)
        elsewhere = [(m.start(), m.end()) for m in self._not_cues.finditer(folded)]
        first: dict[str, Hit[_Cue]] = {}
        kept: list[Hit[_Cue]] = []
        for hit in hits:
            if not any(s <= hit.start and hit.end <= e for s, e in elsewhere):
                first.setdefault(hit.value.phrase, hit)
                kept.append(hit)
        conflict = sum(h.value.weight for h in first.values() if h.value.side != "other")
        other = sum(h.value.weight for h in first.values() if h.value.side == "other")
        share = (conflict + PRIOR) / (conflict + other + 2 * PRIOR)
        words = folded.count(" ") + 1
        needed = next((w for n, w in MIN_CONFLICT_BY_WORDS if words < n), MIN_CONFLICT_LONG)
        lexicon = conflict >= needed and share >= MIN_SHARE
        named = any(h.value.side == "group" for h in first.values())
        strong = sum(
            1 for h in first.values() if h.value.side != "other" and h.value.weight >= STRONG
        )
        probability = None
        if lexicon and self._model is not None and words >= SHORT_NOTE_WORDS and not named:
            probability = self._model.probability(text)
        agreed = lexicon and (
            probability is None  # no model, a short note, or a named armed group
            or probability >= self._model_threshold
            or (
                probability >= DOUBTFUL_PROBABILITY
                and conflict >= CONFIDENT_LEXICON * needed
                and strong >= CONFIDENT_STRONG_CUES
            )
        )
        if (
            agreed
            and words >= LONG_WORDS
            and (probability is not None or (named and self._model is not None))
            and (probability is None or probability < SURE_PROBABILITY)
            and (
                _lead_is_other_news(text, first.values())
                or (other >= PASSING_OTHER and _told_in_passing(text, kept))
                or self._argues(folded)
            )
        ):
            if probability is None and self._model is not None:
                # a named armed group overrules the model's doubt, not where a full
                # article tells it: a war in passing is told in passing whoever fights it
                probability = self._model.probability(text)
            agreed = probability is not None and probability >= SURE_PROBABILITY
        # filed under another section: a column, a review, an obituary
        kicker = self._kicker.match(folded) if agreed else None
        agreed = agreed and kicker is None
        label = RelevanceLabel.CONFLICT if agreed else RelevanceLabel.NOT_CONFLICT
        deciding = ("conflict", "group") if label is RelevanceLabel.CONFLICT else ("other",)
        ranked = sorted(
            (h for h in first.values() if h.value.side in deciding),
            key=lambda h: (-h.value.weight, h.start),
        )[:EVIDENCE]
        return Relevance(
            label=label,
            score=round(share, 3),
            conflict_weight=conflict,
            other_weight=other,
            model_probability=round(probability, 3) if probability is not None else None,
            evidence=[
                TextSpan(start=s, end=e, text=text[s:e])
                for s, e in ([kicker.span(1)] if kicker else [])
                + sorted((h.start, h.end) for h in ranked)
            ],
        )
