"""Whether a draft event is meant in the conflict sense.

A trigger word alone is not an event: "the outbreak has killed 12", "a tsunami hit the
coast", "to combat the disease", "seized 3,000 kilos of meat", "police arrested a drunk
driver". An event needs, in the sentences that report it, violence or political action
in the conflict sense (ACLED's scope):

- a casualty-only report ("three died") or a generic verb ("hit", "struck", "destroyed",
  "launched", "exploded") needs a weapon or an armed actor, or for deaths, an article that
  names a non-state armed group (a cartel, an insurgency) and no other cause;
- any violent trigger fails where another sense is named (a disease, an accident, a
  disaster, animals, sport, markets, courts) and no weapon or armed actor is;
- a capture needs a territorial object or an armed actor; an arrest an armed or
  political person; an agreement the terms of one between conflict actors (a ceasefire,
  prisoners, an evacuation); other strategic developments an armed actor;
- a trigger inside a phrase of another sense ("a cardiac arrest") is none;
- a trigger in a story told, not reported, is none: a film's, a novel's, a game's, from
  the sentence that opens it to the end of its paragraph ("In the finale, ..."), or in a
  whole article that tells a plot or a life ("The film follows ...", "who has died
  aged 99"); a battle, a bombing or an attack in an article that commemorates a
  distant past ("to mark the start of the 1944 uprising") is that past's;
- an explosion with no armed side in a paragraph that names fireworks is a display's;
- a report that fails alone is kept when a kept report soon after names its incident
  again ("Five were killed in an explosion at a teashop. ... Sunday's blast was a
  landmine"), and then belongs to that report.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events.event_types import CAPTURE
from sitrep.extraction.events.segment import Draft
from sitrep.extraction.events.text import Hit, PhraseIndex
from sitrep.extraction.events.union import Alternation, Joined
from sitrep_contracts import CasualtyKind, EventType, SubEventType

_VIOLENT = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
}
#: An incident named by its place, date or name just before its noun ("the Capitol riot",
#: "the Jan. 6 attack", "the 2016 mass shooting"): matched up to the noun's start.
_NAMED_INCIDENT = re.compile(
    r"\b(?:[Tt]he|[Aa]) (?:(?:[A-Z][\w.'’-]*|\d[\w./'’,-]*) ){1,3}(?:[a-z]+ )?$"
)
#: How far before its noun such a name may begin.
_NAMED_INCIDENT_REACH = 60
#: How far after a capture verb its object may be named.
_OBJECT_REACH = 60


@dataclass(frozen=True, slots=True)
class SentenceSense:
    """What one sentence names: weapons, armed actors, other senses, political persons."""

    weapon: bool
    armed: bool  # an armed actor other than police and security forces
    security: bool  # police, security forces
    other: bool
    political: bool
    protest: bool  # protest context: "against", "rally", "protesters"...
    accident: bool  # a cause of death that is no violence: "electrocuted", "crash"
    agreement: bool = False  # terms of an agreement between conflict actors: "ceasefire"
    names_again: bool = False  # an incident named again: "the blast", "Sunday's attack"
    #: A word of another sense that is no common cause of protest ("outbreak", "match").
    other_than_protest_cause: bool = False
    #: Opens a story told, not reported: "The novel is set in ...", "In the finale, ...".
    story: bool = False
    fireworks: bool = False  # "fireworks", "pyrotechnics"


#: One `SentenceSense` per reading: frozen, so sentences that read alike share it (its
#: dataclass `__init__` runs interpreted, ~3 us a sentence).
_SENTENCE_SENSES: dict[tuple[frozenset[str], bool], SentenceSense] = {}


def _sentence_sense(kinds: set[str], firm_other: bool) -> SentenceSense:
    """The sense of a sentence whose hits are of `kinds`."""
    key = (frozenset(kinds.intersection(_SENSE_KINDS)), firm_other)
    sense = _SENTENCE_SENSES.get(key)
    if sense is None:
        sense = SentenceSense(
            weapon="weapons" in kinds,
            armed="armed" in kinds,
            security="security" in kinds,
            other="other_sense" in kinds,
            political="political" in kinds,
            protest="protest_context" in kinds,
            accident="accident" in kinds,
            agreement="agreement_terms" in kinds,
            names_again="named_again" in kinds,
            other_than_protest_cause=firm_other,
            story="story" in kinds,
            fireworks="fireworks" in kinds,
        )
        _SENTENCE_SENSES[key] = sense
    return sense


#: The kinds a `SentenceSense` reads.
_SENSE_KINDS = frozenset(
    {
        "weapons",
        "armed",
        "security",
        "other_sense",
        "political",
        "protest_context",
        "accident",
        "agreement_terms",
        "named_again",
        "story",
        "fireworks",
    }
)


class SenseReader:
    def __init__(self, data: dict[str, Any]) -> None:
        kinds_of: dict[str, set[str]] = {}
        for kind in (
            "armed",
            "security",
            "weapons",
            "other_sense",
            "political",
            "territory",
            "protest_context",
            "accident",
            "people_of_other_words",
            "figures_of_speech",
            "not_triggers",
            "agreement_terms",
            "armed_only_triggers",
            "lone_violent_words",
            "bodies_found",
            "protest_causes",
            "fireworks",
            "attack_headline_words",
        ):
            for phrase in data[kind]:
                kinds_of.setdefault(str(phrase), set()).add(kind)
        index: PhraseIndex[frozenset[str]] = PhraseIndex()
        for phrase, kinds in kinds_of.items():  # a phrase may be of several kinds
            index.add(phrase, frozenset(kinds))
        self._index = index.build()
        nouns = "|".join(re.escape(str(noun)) for noun in data["incident_nouns"])
        self._named_again = Alternation(  # "the|...|[a-z]+'s" as two: found from their words
            [
                rf"\b(?:the|this|that|these|those) (?:[a-z-]+ )?(?:{nouns})\b",
                rf"\b[a-z]+'s (?:[a-z-]+ )?(?:{nouns})\b",
            ]
        )
        self._police_killing = Alternation(data["police_killing"])
        self._figurative = Alternation(data["figurative_acts"])
        self._story = Alternation(data["story_frames"])
        self._whole_story = Alternation(data["whole_story_frames"])
        self._remembrance = Alternation(data["remembrance_frames"])
        #: One pass over an article finds the words of all six unions.
        self._unions = Joined(
            [
                self._named_again,
                self._police_killing,
                self._figurative,
                self._story,
                self._whole_story,
                self._remembrance,
            ]
        )
        self._protest_words_of_other_senses = frozenset(data["protest_words_of_other_senses"])

    def phrase_indexes(self) -> list[PhraseIndex[Any]]:
        """The index `read` reads over a whole article (`share_scans`)."""
        return [self._index]

    def read(
        self,
        text: str,
        folded: str,
        sentences: list[Sentence],
        actors: Sequence[tuple[int, int, bool]] = (),
        *,
        named_group: bool = False,
    ) -> ArticleSense:
        """`actors`: (start, end, is-police) of the armed actors the actor finder named
        ("Russian air units", "the Arakan Army"): armed evidence beside the lexicon.
        `named_group`: the article names a non-state armed group (a cartel, an insurgency)."""
        hits = self._index.find(text, folded)
        figures = [(h.start, h.end) for h in hits if "figures_of_speech" in h.value]
        hits.extend(
            Hit(s, e, frozenset({"security" if police else "armed"}))
            for s, e, police in actors
            if not any(fs <= s and e <= fe for fs, fe in figures)  # "defended like soldiers"
        )
        named, police, figurative, story, whole_story, remembrance = self._unions.scan(folded)
        hits.extend(
            Hit(m.start(), m.end(), frozenset({"named_again"}))
            for m in self._named_again.finditer(folded, hits=named)
        )
        hits.extend(
            Hit(m.start(), m.end(), frozenset({"armed"}))
            for m in self._police_killing.finditer(folded, hits=police)
        )
        hits.extend(
            Hit(m.start(), m.end(), frozenset({"not_triggers"}))
            for m in self._figurative.finditer(folded, hits=figurative)
        )
        hits.extend(
            Hit(m.start(), m.end(), frozenset({"story"}))
            for m in self._story.finditer(folded, hits=story)
        )
        hits.sort(key=lambda h: h.start)
        return ArticleSense(
            hits,
            sentences,
            named_group,
            folded,
            self._protest_words_of_other_senses,
            text=text,
            told=self._whole_story.search(folded, hits=whole_story) is not None,
            remembers=self._remembrance.search(folded, hits=remembrance) is not None,
        )


class ArticleSense:
    """The sense words of one article, looked up per sentence."""

    def __init__(
        self,
        hits: list[Hit[frozenset[str]]],
        sentences: list[Sentence],
        named_group: bool = False,
        folded: str = "",
        protest_words_of_other_senses: frozenset[str] = frozenset(),
        *,
        text: str = "",
        told: bool = False,
        remembers: bool = False,
    ) -> None:
        self.named_group = named_group
        self._text = text
        self._told = told  # the whole article tells a plot or a life
        #: The article commemorates a distant past: its violence is that past's.
        self.remembers = remembers
        self._folded = folded
        self._protest_words_of_other_senses = protest_words_of_other_senses
        self._territory = [h.start for h in hits if "territory" in h.value]
        self._armed = [h.start for h in hits if h.value & {"armed", "security"}]
        self._people = [h.start for h in hits if h.value & {"armed", "security", "political"}]
        self._weapons = [h.start for h in hits if "weapons" in h.value]
        #: Somebody armed, a security force or a weapon named anywhere in the article:
        #: what a violent word of common other senses needs (`lone_word`).
        self.violence_named = named_group or bool(self._armed or self._weapons)
        #: Somebody armed (not police alone) named anywhere: an incident known by its name
        #: is then the article's own news ("... killed by troops. Photos of the Christmas
        #: Eve massacre spread"), not a reference in other news.
        self.armed_named = named_group or any("armed" in h.value for h in hits)
        self._lone_words = [(h.start, h.end) for h in hits if "lone_violent_words" in h.value]
        self._not_triggers = [(h.start, h.end) for h in hits if "not_triggers" in h.value]
        self._armed_only = [(h.start, h.end) for h in hits if "armed_only_triggers" in h.value]
        self._bodies_found = [(h.start, h.end) for h in hits if "bodies_found" in h.value]
        self._by_sentence: list[SentenceSense] = []
        #: Per sentence: a word of another sense that a headline over a fresh attack
        #: seldom carries (`headline_says_other`).
        self._headline_other: list[bool] = []
        h = 0
        for sent in sentences:
            kinds: set[str] = set()
            firm_other = False
            headline_other = False
            while h < len(hits) and hits[h].start < sent.start:
                h += 1
            k = h
            while k < len(hits) and hits[k].start < sent.end:
                value = hits[k].value
                kinds.update(value)
                if "other_sense" in value:
                    firm_other = firm_other or "protest_causes" not in value
                    headline_other = headline_other or "attack_headline_words" not in value
                k += 1
            self._by_sentence.append(_sentence_sense(kinds, firm_other))
            self._headline_other.append(headline_other)

    def of(self, index: int) -> SentenceSense:
        return self._by_sentence[index]

    def headline_says_other(self, headline: tuple[int, ...]) -> bool:
        """Whether the headline's sentences name another sense, beyond the words a headline
        over a fresh attack carries too ("Suspect held after bombing")."""
        return any(self._headline_other[i] for i in headline)

    def in_story(self, index: int, paragraph_of: list[int]) -> bool:
        """Whether sentence `index` is told in a story: the whole article tells one, or it
        or an earlier sentence of its paragraph opens one ("In the finale, ...")."""
        if self._told:
            return True
        i = index
        while i >= 0 and paragraph_of[i] == paragraph_of[index]:
            if self._by_sentence[i].story:
                return True
            i -= 1
        return False

    def fireworks_in_paragraph(self, index: int, paragraph_of: list[int]) -> bool:
        """Whether the paragraph of sentence `index` names fireworks: its rockets, shells
        and mortars are a display's ("Rockets and shells were fired from barges. ...
        12 tonnes of fireworks were used")."""
        return any(
            self._by_sentence[i].fireworks
            for i, paragraph in enumerate(paragraph_of)
            if paragraph == paragraph_of[index]
        )

    def protest_word_of_other_senses(self, start: int, end: int) -> bool:
        """Whether the protest trigger folded[start:end] has other senses ("rallied")."""
        return self._folded[start:end] in self._protest_words_of_other_senses

    def in_other_phrase(self, start: int, end: int) -> bool:
        """Whether the span lies inside a phrase of another sense ("cardiac arrest")."""
        return any(s <= start and end <= e for s, e in self._not_triggers)

    def overlaps_other_phrase(self, start: int, end: int) -> bool:
        """Whether the span shares text with a phrase of another sense ("the mother" of
        "the mother of a soldier killed in Basra")."""
        return _overlaps(self._not_triggers, start, end)

    def armed_only(self, start: int, end: int) -> bool:
        """Whether the trigger span is a word of common other senses ("the mayor clashed
        with her deputy", "he fought for open archives"), an event only beside armed people."""
        return _overlaps(self._armed_only, start, end)

    def named_incident(self, start: int) -> int | None:
        """Where the name of an incident begins when the trigger at `start` is its noun
        ("the Capitol riot", "the Jan. 6 attack"), else None."""
        found = _NAMED_INCIDENT.search(self._text, max(0, start - _NAMED_INCIDENT_REACH), start)
        return None if found is None else found.start()

    def lone_word(self, start: int, end: int) -> bool:
        """Whether the trigger span is a violent word of common other senses ("battle",
        "offensive", "assault"): conflict only in an article that names someone armed or
        a weapon (`violence_named`), or with its own dead or hurt."""
        return _overlaps(self._lone_words, start, end)

    def bodies_found(self, start: int, end: int) -> bool:
        """Whether the trigger span tells of a body found ("was found dead")."""
        return _overlaps(self._bodies_found, start, end)

    def territory_after(self, start: int) -> bool:
        """A territorial object ("the town", "positions") named soon after offset `start`."""
        return _soon_after(self._territory, start)

    def armed_after(self, start: int, stop: int | None = None) -> bool:
        """Armed people or security forces named soon after `start` ("fired on soldiers"),
        before `stop` (the end of the sentence) if given."""
        k = bisect_left(self._armed, start)
        if stop is not None and k < len(self._armed) and self._armed[k] >= stop:
            return False
        return _soon_after(self._armed, start)

    def captured(self, start: int, stop: int | None = None) -> str | None:
        """What a capture verb ending at `start` took, by the first object named soon after
        (before `stop`, the end of its sentence, if given): "territory", "weapons",
        "people", or None when none is named."""
        reach = start + _OBJECT_REACH if stop is None else min(stop, start + _OBJECT_REACH)
        found = [
            (starts[k], kind)
            for kind, starts in (
                ("territory", self._territory),
                ("weapons", self._weapons),
                ("people", self._people),
            )
            if (k := bisect_left(starts, start)) < len(starts) and starts[k] < reach
        ]
        return min(found)[1] if found else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _soon_after(starts: list[int], start: int) -> bool:
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < start + _OBJECT_REACH


#: Sentences after a kept draft, in its paragraph, within which a draft that fails the
#: test alone still tells more of it ("These strikes also damaged a school").
FOLLOW_UP = 2


def keep_conflict(
    drafts: list[Draft],
    sense: ArticleSense,
    paragraph_of: list[int],
    headline: tuple[int, ...] = (),
    lead: int = -1,
) -> list[Draft]:
    """The drafts in the conflict sense. One that fails alone but follows a kept draft
    closely in its paragraph, or is named again by one soon after, and names no other
    sense and is no trigger inside a phrase of another sense, is more of that draft. The
    dead and hurt told inside such a phrase are no casualties of a draft. The headline's
    other sense is the lead paragraph's too (`headline`, `lead`: see `layout.Layout`)."""
    headline_other = sense.headline_says_other(headline)
    kept: list[Draft] = []
    waiting: list[Draft] = []  # failed alone; a violent report named again may take them
    for draft in drafts:
        draft.casualties = [  # "the mother of a soldier killed in Basra": no victim
            c
            for c in draft.casualties
            if not sense.overlaps_other_phrase(c.casualty.evidence.start, c.casualty.evidence.end)
        ]
        lead_other = headline_other and paragraph_of[min(draft.sentences)] == lead
        if conflict_sense(draft, sense, paragraph_of, lead_other):
            if draft.typing.event_type in _VIOLENT and sense.of(draft.anchor).names_again:
                for earlier in waiting:
                    if draft.anchor - max(earlier.sentences) <= FOLLOW_UP:
                        _tell_more(draft, earlier)
            waiting.clear()
            kept.append(draft)
            continue
        if any(sense.of(i).other for i in draft.sentences) or sense.in_other_phrase(
            draft.typing.start, draft.typing.end
        ):
            continue  # no trigger ("the mother of a soldier killed in Basra") tells no more
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and paragraph_of[draft.anchor] == paragraph_of[max(prev.sentences)]
            and draft.anchor - max(prev.sentences) <= FOLLOW_UP
        ):
            _tell_more(prev, draft)
        elif draft.typing.event_type in _VIOLENT:
            waiting.append(draft)
    return kept


def _tell_more(draft: Draft, more: Draft) -> None:
    """`more`'s sentences, casualties and dates join `draft`, in text order."""
    draft.sentences = sorted({*draft.sentences, *more.sentences})
    draft.casualties.extend(more.casualties)
    draft.dates.extend(more.dates)


def conflict_sense(
    draft: Draft, sense: ArticleSense, paragraph_of: list[int], lead_other: bool = False
) -> bool:
    """Whether a draft reports violence or political action in the conflict sense.

    A casualty-only report, or one whose trigger word has common other senses, is read
    with the sentence before it in its paragraph ("Gunmen stormed the village. Two people
    died."; "Army and navy raided the camp. It was executed on Sunday."). `lead_other`:
    the draft opens the lead under a headline of another sense ("Evacuee tests positive
    for coronavirus" above "She was among those evacuated")."""
    typing = draft.typing
    armed_only = typing.event_type in _VIOLENT and sense.armed_only(typing.start, typing.end)
    body_found = typing.event_type in _VIOLENT and sense.bodies_found(typing.start, typing.end)
    indexes = set(draft.sentences)
    first = min(indexes)
    if (
        (typing.casualty_only or armed_only or body_found)
        and first > 0
        and paragraph_of[first - 1] == paragraph_of[first]
    ):
        indexes.add(first - 1)
    sentences = [sense.of(i) for i in sorted(indexes)]
    weapon = any(s.weapon for s in sentences)
    armed = any(s.armed for s in sentences)
    security = any(s.security for s in sentences)
    other = lead_other or any(s.other for s in sentences)
    if sense.in_other_phrase(typing.start, typing.end) or sense.in_story(
        draft.anchor, paragraph_of
    ):
        return False
    if _names_a_known_incident(draft, sense, armed):
        return False
    if typing.event_type in _VIOLENT:
        if sense.remembers:
            return False
        if (
            typing.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
            and not armed
            and sense.fireworks_in_paragraph(draft.anchor, paragraph_of)
        ):
            return False
        if (
            sense.lone_word(typing.start, typing.end)
            and not (weapon or armed or sense.violence_named)
            and not _people_hurt(draft)
        ):
            return False  # "an offensive lineman", "a rap battle", "accused of assault"
        if typing.sub_event_type == CAPTURE:
            return armed or sense.territory_after(typing.end)
        if typing.violent_with_victims and not other and _people_hurt(draft):
            return True  # "42 people were killed in the attack on the airport"
        if armed_only:  # "five men were executed" has its victims
            return weapon or armed or security or (not other and _people_hurt(draft))
        if body_found:  # police report the dead of accidents and suicides too
            return weapon or armed or (sense.named_group and not other)
        if typing.casualty_only or typing.priority < 40:  # "died", "hit", "destroyed"
            # Not police alone (they report accidents too), nor soldiers dying of an
            # accident ("a guardsman was killed when the washer short-circuited").
            accident = any(s.accident for s in sentences)
            if (
                typing.casualty_only
                and sense.named_group
                and not (other or accident or draft.quoted)
            ):
                return True  # "two men were found dead" in a story a cartel signs
            return weapon or (armed and not accident)
        return weapon or armed or not other
    if typing.event_type in (EventType.PROTESTS, EventType.RIOTS):
        if not sense.protest_word_of_other_senses(typing.start, typing.end):
            # "traders protested the market's closure": a cause, not another story
            other = any(s.other_than_protest_cause for s in sentences)
        return any(s.protest for s in sentences) and (not other or armed or security)
    if typing.sub_event_type == SubEventType.ARRESTS.value:
        return armed or any(s.political for s in sentences)
    if typing.sub_event_type == SubEventType.AGREEMENT.value:
        return any(s.agreement for s in sentences)
    if typing.sub_event_type in (
        SubEventType.LOOTING_PROPERTY_DESTRUCTION.value,
        SubEventType.DISRUPTED_WEAPONS_USE.value,
    ):
        return armed or weapon or security
    if typing.group == "evacuation":  # out of harm's way, not out of a storm's
        # (soldiers who evacuate flood victims are no reason: only a weapon is)
        return weapon or not (lead_other or _other_sense_nearby(draft.anchor, sense, paragraph_of))
    return (armed or security or weapon) and not (other and not weapon)


def _names_a_known_incident(draft: Draft, sense: ArticleSense, armed: bool) -> bool:
    """Whether the draft only names an incident known by its name ("senators say little
    has changed since the Capitol riot", "after the 2016 mass shooting"): no one armed in
    the article, no dead or hurt, and no date beyond the name's own tell anything new."""
    typing = draft.typing
    begins = sense.named_incident(typing.start)
    if begins is None or armed or sense.armed_named or _people_hurt(draft):
        return False
    return not any(d.end <= begins or d.start >= typing.end for d in draft.dates)


#: Sentences either side of an evacuation, in its paragraph, that may name its cause.
EVACUATION_CAUSE_REACH = 3


def _other_sense_nearby(index: int, sense: ArticleSense, paragraph_of: list[int]) -> bool:
    """Another sense (a cyclone, a gas leak) named near sentence `index` in its paragraph:
    "Mandatory evacuations have been carried out" tells its cause sentences away."""
    lo = max(index - EVACUATION_CAUSE_REACH, 0)
    hi = min(index + EVACUATION_CAUSE_REACH + 1, len(paragraph_of))
    return any(sense.of(i).other for i in range(lo, hi) if paragraph_of[i] == paragraph_of[index])


def _people_hurt(draft: Draft) -> bool:
    return any(
        c.casualty.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED) for c in draft.casualties
    )
