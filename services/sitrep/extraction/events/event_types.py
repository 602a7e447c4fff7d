"""Event type and sub-event type from trigger words (ACLED codebook).

Each sentence's trigger hits are ranked by priority; only strong triggers make an event.
A refinable generic trigger ("attacked", "struck") takes the type of the most specific
weapon noun in the sentence ("attacked ... with drones" -> Air/drone strike).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.extraction.events.text import Hit, PhraseIndex
from sitrep_contracts import EventType, SubEventType

CAPTURE = "@capture"
TRANSFER = SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY.value
#: Words just before a trigger that make it background, not news ("since the withdrawal").
_BACKGROUND = (
    "since the",
    "since",
    "before the",
    "prior to",
    "ahead of",
    "threat of",
    "risk of",
    "fear of",
    "fears of",
    "could",
    "may",
    "might",
    "plans to",
    "plan to",
    "threatened to",
    "no ",
    "not ",
)
#: Cues that put a trigger in a subordinate clause ("in response to a breakthrough"): the
#: main clause's trigger decides the type when it has one.
SUBORDINATE = re.compile(
    r"\b(in response to|following|after|amid|despite|as a sign of|in addition to|since"
    r"|as a result of|due to|because of)\b"
)
#: Manned aircraft: shooting one down is an attack, not a disrupted weapon (ACLED codebook).
_MANNED = re.compile(
    r"\b(plane|planes|airplane|airplanes|aircraft|helicopters?|jets?|fighter|bomber|su-\d+|ka-\d+|mi-\d+|k-\d+)\b"
)
_INTERVENTION = ("dispersed", "detained", "arrested", "tear gas", "water cannon", "broke up")
#: What a demonstration is about ("over the killing of three students", "despite the
#: killing of 11 a day earlier", "to denounce the deaths of five miners"): its dead are the
#: cause, neither its toll nor force used on it. Matched up to the counted people.
PROTEST_CAUSE = re.compile(
    r"\b(?:over|against|after|following|despite|denounc\w*|condemn\w*|decry\w*|mourn\w*|"
    r"justice for|in memory of|anniversary of|outrage at|anger (?:at|over))"
    r"(?: the| a| an)?(?: [a-z'-]+){0,3}? "
    r"(?:killings?|deaths?|murders?|shootings?|massacre|killed|dead)\b(?: of)?"
)
#: Force that hurt protesters; not "photographs of their dead" (the dead of long ago).
_EXCESSIVE = re.compile(
    r"shot|killed|died|(?<!their)(?<!the) dead|deaths|beaten|beat|live ammunition"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: EventType
    sub_event_type: str  # a SubEventType value or CAPTURE
    priority: int
    strong: bool
    refinable: bool
    casualty_only: bool
    group: str
    violent_with_victims: bool = False
    victims_decide: bool = False
    both_sides: bool = False
    #: The act's object must be people ("shot a farmer", not "shot a video"): the pattern
    #: that must follow the trigger word, or None.
    person_object: re.Pattern[str] | None = None
    #: What, a few words on, makes the word no act of violence ("launched a manhunt").
    not_with: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Typing:
    """The type decided for one sentence, with the trigger that decided it."""

    event_type: EventType
    sub_event_type: str
    start: int
    end: int
    priority: int
    casualty_only: bool
    group: str  # reports merge into one event only within a group
    #: With people killed or wounded in its sentences the trigger is violence, no weapon
    #: or armed actor named ("42 people were killed in the attack on the airport").
    violent_with_victims: bool = False
    #: A fighting word that one side can do alone ("stormed a wedding"): with no armed target
    #: and only civilians or people of unknown side hurt, ACLED codes an attack on them.
    victims_decide: bool = False
    #: A word that says both sides fought ("exchange of gunfire"): a battle whoever was hit.
    both_sides: bool = False
    #: A generic verb no weapon refined ("the militants struck again"): who struck whom
    #: decides the type (events/settle.py).
    weaponless: bool = False


class EventTyper:
    def __init__(self, rules: list[dict[str, Any]], people: Iterable[str] = ()) -> None:
        """`people`: person nouns (casualties.yaml victims), the objects of the acts that
        need one (`person_object` rules)."""
        index: PhraseIndex[Trigger] = PhraseIndex()
        people = list(people)
        #: Words whose trigger is another when no weapon is near (`people_sense_of`).
        self._people_sense: dict[str, Trigger] = {}
        for rule in rules:
            sub = rule["sub_event_type"]
            if sub != CAPTURE:
                SubEventType(sub)  # fail at load on a misspelt type
            trigger = Trigger(
                event_type=EventType(rule["event_type"]),
                sub_event_type=sub,
                priority=int(rule["priority"]),
                strong=rule.get("strength", "strong") == "strong",
                refinable=bool(rule.get("refinable", False)),
                casualty_only=bool(rule.get("casualty_only", False)),
                group=str(rule.get("group") or sub),
                violent_with_victims=bool(rule.get("violent_with_victims", False)),
                victims_decide=bool(rule.get("victims_decide", False)),
                both_sides=bool(rule.get("both_sides", False)),
                person_object=_object_of(rule, people),
                not_with=_not_with_pattern(rule["not_with"]) if "not_with" in rule else None,
            )
            for phrase in rule["phrases"]:
                index.add(str(phrase), trigger)
            for word in rule.get("people_sense_of", ()):
                self._people_sense[str(word)] = trigger
        self._index = index.build()

    def phrase_indexes(self) -> list[PhraseIndex[Any]]:
        """The index `hits` reads over a whole article (`share_scans`)."""
        return [self._index]

    def hits(self, text: str, folded: str) -> list[Hit[Trigger]]:
        """All trigger hits in the article, in text order."""
        return [
            self._people_sensed(folded, h)
            for h in self._index.find(text, folded)
            if not _background(folded, h.start)
            and not _not_this_sense(folded, h)
            and (h.value.person_object is None or h.value.person_object.match(folded, h.end))
            and (h.value.not_with is None or not h.value.not_with.match(folded, h.end))
        ]

    def _people_sensed(self, folded: str, hit: Hit[Trigger]) -> Hit[Trigger]:
        """ "Troops neutralised 11 gunmen": with no weapon near, people were the target."""
        if not self._people_sense:
            return hit
        other = self._people_sense.get(folded[hit.start : hit.end])
        if other is None:
            return hit
        lo, hi = max(0, hit.start - _INTERCEPT_REACH), hit.end + _INTERCEPT_REACH
        if _INTERCEPTED.search(folded, lo, hi) or _DISARMED.search(folded, lo, hi):
            return hit
        return Hit(hit.start, hit.end, other)

    def decide(
        self, folded: str, hits: list[Hit[Trigger]], sentence_start: int = 0
    ) -> Typing | None:
        """The event type of a sentence given its hits, or None if nothing happens in it."""
        strong = [h for h in hits if h.value.strong]
        if not strong:
            return None
        main = [
            h
            for h in strong
            if not h.value.casualty_only and not subordinate(folded, h.start, sentence_start)
        ]
        if main:
            strong = main + [h for h in strong if h.value.casualty_only]
        else:
            # All in subordinate phrases ("two men died after artillery hit the market amid
            # weeks of clashes"): the act that caused it decides, not the background.
            acts = [h for h in strong if not _amid(folded, h.start, sentence_start)]
            strong = acts or strong
        best = max(strong, key=lambda h: (h.value.priority, -h.start))
        if best.value.sub_event_type == SubEventType.OTHER.value:
            # "reinforcements sent to the town were killed": the deaths are what happened
            deaths = [
                h
                for h in strong
                if h.value.casualty_only and not subordinate(folded, h.start, sentence_start)
            ]
            best = deaths[0] if deaths else best
        trig = best.value
        event_type, sub = trig.event_type, trig.sub_event_type
        weaponless = False
        if trig.refinable:
            weak = [h for h in hits if not h.value.strong or h.value.refinable]
            weapons = [
                h
                for h in weak
                if h.value.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE and not h.value.strong
            ]
            if weapons:
                top = max(weapons, key=lambda h: (h.value.priority, -h.start))
                event_type, sub = top.value.event_type, top.value.sub_event_type
            else:
                weaponless = event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
        elif event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE and sub == (
            SubEventType.SHELLING_ARTILLERY_MISSILE.value
        ):
            # "shelled ... with drones": the weapon says it was an air/drone strike.
            air = [
                h
                for h in hits
                if not h.value.strong
                and h.value.sub_event_type == SubEventType.AIR_DRONE_STRIKE.value
            ]
            if air and best.value.priority <= 60 and _near(air[0], best):
                sub = SubEventType.AIR_DRONE_STRIKE.value
        if sub == SubEventType.DISRUPTED_WEAPONS_USE.value and _MANNED.search(
            folded, best.end, best.end + 60
        ):
            event_type = EventType.EXPLOSIONS_REMOTE_VIOLENCE
            sub = SubEventType.SHELLING_ARTILLERY_MISSILE.value
        if sub in (SubEventType.GOVERNMENT_REGAINS_TERRITORY.value, CAPTURE):
            withdrawal = any(h.value.sub_event_type == TRANSFER for h in hits)
            fighting = any(
                h.value.sub_event_type == SubEventType.ARMED_CLASH.value
                and h.value.strong
                and not h.value.refinable
                for h in hits
            )
            if withdrawal and not fighting:  # "regained control following the withdrawal"
                event_type = EventType.STRATEGIC_DEVELOPMENTS
                sub = TRANSFER
        if event_type is EventType.PROTESTS:
            # what befell the protest is told in its own sentence, not the next one ("held a
            # rally. Speakers included the mother of a soldier killed in Basra")
            last = max(h.end for h in hits)
            stop = folded.find(". ", last, last + 120)
            window = folded[min(h.start for h in hits) : stop if stop >= 0 else last + 120]
            if _EXCESSIVE.search(PROTEST_CAUSE.sub(" ", window)):
                sub = SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS.value
            elif any(w in window for w in _INTERVENTION):
                sub = SubEventType.PROTEST_WITH_INTERVENTION.value
        group = trig.group if sub == trig.sub_event_type else sub
        return Typing(
            event_type,
            sub,
            best.start,
            best.end,
            trig.priority,
            trig.casualty_only,
            group,
            trig.violent_with_victims,
            trig.victims_decide and sub == trig.sub_event_type,
            trig.both_sides and sub == trig.sub_event_type,
            weaponless,
        )


#: What may open the object: a determiner or a count ("shot two policemen").
_OBJECT_OPENING = (
    r"(?:(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|both|several|\d+|dozens of|scores of)\s+)?"
)
#: Up to two modifiers before the person noun, none a word that ends the object ("shot a
#: video of the man" has no person object).
_OBJECT_MODIFIERS = (
    r"(?:(?!(?:of|with|in|on|at|for|to|from|about|and|or|by|into|as|that|which|who|while)\b)"
    r"[a-z][a-z'-]*\s+){0,2}?"
)


def _object_of(rule: dict[str, Any], people: list[str]) -> re.Pattern[str] | None:
    """The object a rule's word needs: people (`person_object`), or one of the rule's own
    `place_object` nouns ("gunmen invaded the community"); None if any will do."""
    if "place_object" in rule:
        return _object_pattern({**rule, "person_object": True}, list(rule["place_object"]))
    if "person_object" in rule:
        return _object_pattern(rule, people)
    return None


def _object_pattern(rule: dict[str, Any], people: list[str]) -> re.Pattern[str]:
    """The person object a `person_object` rule needs after its word, then the words its
    `person_object` value asks for when it is text ("hacked two herders to death")."""
    people = [p for p in people if p not in set(rule.get("not_objects", ()))]
    nouns = "|".join(re.escape(p) for p in sorted(people, key=len, reverse=True))
    not_before = "|".join(re.escape(w) for w in rule.get("not_followed_by", ()))
    tail = rf"(?!\s+(?:{not_before})\b)" if not_before else ""
    then = rule["person_object"]
    if isinstance(then, str):
        tail += rf"(?:\s+[a-z'-]+){{0,4}}?\s+{re.escape(then)}\b"
    return re.compile(rf"\s+{_OBJECT_OPENING}{_OBJECT_MODIFIERS}(?:{nouns})(?![\w']){tail}")


#: How many words may stand between a trigger and a `not_with` phrase ("launched a
#: massive search operation").
_NOT_WITH_REACH = 3


def _not_with_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?:\s+[a-z'-]+){{0,{_NOT_WITH_REACH}}}?\s+(?:{alternatives})\b")


def subordinate(folded: str, start: int, sentence_start: int) -> bool:
    """Whether offset `start` sits in a subordinate phrase opened by a cue in its clause."""
    window_start = max(sentence_start, start - 50)
    # A cue counts only with no comma between it and `start`: look after the last comma.
    after_comma = folded.rfind(",", window_start, start) + 1
    return SUBORDINATE.search(folded, max(window_start, after_comma), start) is not None


#: Subordinate cues that set a scene rather than tell a cause.
_SCENE = re.compile(r"\b(?:amid|despite|since)\b")


def _amid(folded: str, start: int, sentence_start: int) -> bool:
    """Whether offset `start` sits in a scene-setting phrase ("amid weeks of clashes")."""
    window_start = max(sentence_start, start - 50)
    after_comma = folded.rfind(",", window_start, start) + 1
    return _SCENE.search(folded, max(window_start, after_comma), start) is not None


def _near(a: Hit[Trigger], b: Hit[Trigger]) -> bool:
    return abs(a.start - b.start) < 60


#: What `_background` looks for at the end of the text before a trigger: each cue and a
#: space, and a cue that ends in a space as it is. One `str.endswith` call for all.
_BACKGROUND_ENDINGS = tuple(w + " " for w in _BACKGROUND) + tuple(
    w for w in _BACKGROUND if w.endswith(" ")
)


def _background(folded: str, start: int) -> bool:
    return folded[max(0, start - 16) : start].endswith(_BACKGROUND_ENDINGS)


#: A side that "withdrew towards the hills" or "retreated and fled" moves away after a
#: fight; it hands over no territory (ACLED's non-violent transfer is a withdrawal from a
#: place).
_MOVES_AWAY = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:towards?|to|into|in the direction|and fled|and escaped)\b"
)
#: What air defence intercepts: a weapon or an aircraft. Police who intercept a car or
#: suspects disrupt no weapon.
_INTERCEPTED = re.compile(
    r"\b(?:drones?|missiles?|rockets?|projectiles?|uavs?|shells?|bombs?|munitions?|warheads?"
    r"|shaheds?|aircraft|planes?|helicopters?|jets?|air targets?|targets)\b"
)
#: Weapons on the ground that are neutralised or defused.
_DISARMED = re.compile(
    r"\b(?:ieds?|explosives?|(?:land)?mines?|devices?|ordnance|booby[- ]traps?|weapons?"
    r"|(?:sub)?munitions?|sappers?|deminers?|bomb squads?|controlled (?:explosion|detonation))\b"
)
_WITHDRAWAL_WORDS = ("withdrew", "withdrawing", "retreated", "retreat", "pulled back")
_INTERCEPT_WORDS = ("intercept", "intercepted", "intercepts")
_INTERCEPT_REACH = 100


def _not_this_sense(folded: str, hit: Hit[Trigger]) -> bool:
    """A withdrawal that is a retreat after a fight, or an interception of no weapon."""
    word = folded[hit.start : hit.end]
    if hit.value.sub_event_type == TRANSFER and word in _WITHDRAWAL_WORDS:
        return _MOVES_AWAY.match(folded, hit.end) is not None
    if word in _INTERCEPT_WORDS:
        lo, hi = max(0, hit.start - _INTERCEPT_REACH), hit.end + _INTERCEPT_REACH
        return _INTERCEPTED.search(folded, lo, hi) is None
    return False
