"""The type an event's actors and hurt people settle, after its trigger proposed one.

A trigger word says what kind of act a sentence reports; who acted, who was hit and who
died decide which of ACLED's types it is: shots at soldiers are a battle, at civilians an
attack; only a government regains territory; people killed where arrests were reported
make the killing the event; an abduction that ends in death is an attack.
"""

from __future__ import annotations

import re

from sitrep.extraction.events.actors import ActorMention
from sitrep.extraction.events.casualties import SPEECH_VERBS
from sitrep.extraction.events.event_types import Typing
from sitrep.extraction.events.segment import Draft
from sitrep.extraction.events.sense import ArticleSense
from sitrep.extraction.events.spans import ByStart
from sitrep_contracts import (
    Actor,
    ActorRole,
    ActorType,
    CasualtyKind,
    EventType,
    SubEventType,
    VictimType,
)

#: The trigger group of shootings and targeted killings (triggers.yaml).
SHOOTING = "shooting"
STATE = {ActorType.MILITARY, ActorType.POLICE}
NON_STATE = {
    ActorType.REBELS,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.OTHER,
}
ARMED = STATE | NON_STATE

#: The agent of a passive, after "by" and at most a few words that qualify it ("by the
#: Taliban", "by one of 50 communist rebels"), none of them a preposition or a clause word
#: ("killed by a stray bullet near the army post": the army is no agent).
_AGENT_BEFORE = re.compile(
    r"\bby\s+(?:(?!(?:near|at|in|on|from|outside|inside|during|after|before|while|when|and"
    r"|or|to|into|with|as|who|which|that)\s)[\w'’-]+\s+){0,4}$"
)
_AGENT_REACH = 45
#: Who tells of an event, not who takes part in it: a side right before a verb of speech,
#: maybe through its officials ("police said", "police officials told reporters"), or
#: after "according to" ("according to police"). Who "claimed responsibility" did it.
_SPEAKS_AFTER = re.compile(
    # "police in Zamfara state confirmed", "the army in the north said"
    r"(?:\s+(?:in|of) (?:the )?[a-z'-]+(?: (?:state|province|region|district|county))?)?"
    r"(?:\s+(?:officials?|spokes(?:man|woman|person)|sources?|chiefs?|authorities|command"
    r"|headquarters|department|ministry))?\s+"
    rf"(?:{'|'.join(sorted(SPEECH_VERBS | {'say', 'tell', 'blamed', 'blames'}))})\b"
    r"(?! responsibility| credit)"
)
#: A side named in a speaker's title, the name then the speech verb ("Inspector General of
#: Police Ivan Petrenko said the grenade missed"): a source, as "police said" is.
_TITLE_OF_BEFORE = re.compile(
    r"\b(?:inspector[- ]general|commissioner|superintendent|director[- ]general|chief"
    r"|commander|spokes(?:man|woman|person)) of (?:the )?$"
)
_NAME_SPEAKS = re.compile(
    r"(?:\s+[a-z.'-]+){1,3},?\s+"
    rf"(?:{'|'.join(sorted(SPEECH_VERBS | {'say', 'tell'}))})\b"
)
_TOLD_BY_BEFORE = re.compile(
    r"\b(?:according to|citing|cited by|quoted by|reported by)\s+(?:the\s+)?(?:[\w-]+\s+)?$"
)
#: Text every `_TOLD_BY_BEFORE` match holds, and how every `_TITLE_OF_BEFORE` match ends
#: (`$` matches before one final newline): a window without them skips the regex, which
#: `re` tries at each of its characters (round 16).
_TOLD_BY_WORDS = ("according to", "citing", " by")
_TITLE_OF_ENDS = (" of ", " of the ", " of \n", " of the \n")
#: Who came after the event, not who took part: "police found the body", "soldiers who
#: arrived at the scene", "the army, accused of failing to intervene".
_CAME_AFTER = re.compile(
    # past a closing bracket or a name in brackets or quotes: "the Internal Security Forces
    # (Asayish) have found", 'members of the security forces "Xyz" found'
    r"(?:\s*,|\s*\)|\s+\([\w .-]{1,20}\)|\s+[\"“][\w .-]{1,20}[\"”]"
    r"|\s+(?:who|that|which|have|has|had|later|then|also|accused of|were|was))*\s+"
    r"(?:(?:found|discovered|recovered|retrieved|collected|identified|removed|buried) (?:the |a "
    r"|an |two |three |several |\w+ )?(?:body|bodies|corpse|corpses|remains)\b"
    r"|(?:arrived|arriving|rushed|were rushed|was rushed) (?:at|on|to) the scene|cordoned off"
    r"|sealed off|failed to intervene|failing to intervene|failed to respond|failing to respond)\b"
)
#: A toll owned by the side named right before it: "'s losses", "' latest casualties".
_LOSSES_AFTER = re.compile(
    r"(?:'s|')\s+(?:[a-z-]+\s+){0,2}?(?:casualties|losses|dead|death toll|toll|fatalities)\b"
)
#: Armed people who open a clause of their own after the trigger ("was shot when soldiers
#: opened fire") are its subject: who shot, not whom.
_CLAUSE_SUBJECT = re.compile(r"\b(?:when|as|while|after|because|where|until)\s+(?:the\s+)?$")
#: What someone is, not whom a shot hit ("the man charged with shooting a woman is a
#: soldier").
_PREDICATE = re.compile(r"\b(?:is|was|are|were)(?: not)? (?:a|an|the)?\s*$")
#: Air defence at work: a weapon or aircraft destroyed in the air.
_SHOT_DOWN = re.compile(r"shot down|shoots down|shooting down|downed|intercept(?:ed|s)?")
#: People freed right after "liberated" ("liberating the hostages", "liberated 12 captives").
_FREED_PEOPLE = re.compile(
    r"\s+(?:the\s+|\d+\s+|[a-z]+\s+)?(?:residents|villagers|hostages|civilians|captives"
    r"|prisoners|people|detainees|abductees|students|pupils|children|women|families)\b"
)
#: A demonstration right after the trigger: what the force was used on ("opened fire on
#: protesters", "fired live rounds at a peaceful rally").
_AT_PROTESTERS = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers)\b"
    r"|\b(?:a|the) (?:peaceful )?(?:protest|demonstration|rally|march|sit-in)\b"
)
#: Demonstrators hurt, told before the trigger ("two protesters were killed when police
#: opened fire", "a demonstrator shot by police").
_PROTESTERS_HIT_BEFORE = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers)\b(?: [a-z'-]+){0,2} (?:were|was) "
    r"(?:[a-z]+ )?(?:killed|shot|injured|wounded|hurt)\b[^.;]{0,40}$"
    # right before a passive trigger: "a demonstrator shot by security forces died"
    r"|\b(?:protesters?|protestors?|demonstrators?|marchers?)\s+$"
)
#: Demonstrators as the subject right before a trigger ("hundreds of protesters clashed").
_DEMONSTRATORS_BEFORE = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|rioters)"
    r"(?: (?!were\b|was\b|been\b|when\b|as\b|after\b|by\b)[a-z'-]+){0,5} $"
)
_SUBJECT_REACH = 60
#: Party followers as the subject right before a fighting word ("activists of two rival
#: parties clashed", "ruling party supporters fought"): ACLED's mob violence, no battle.
_PARTISANS_BEFORE = re.compile(
    r"(?:\b(?:activists|supporters|cadres|workers|followers|partisans) of (?:the |two |three )?"
    r"(?:rival |ruling |opposition )?(?:political )?(?:parties|party|groups|factions|camps)"
    r"|\bmembers of (?:the |two |three )?(?:rival )?political (?:parties|party|groups|factions)"
    r"|\bmembers of (?:two |three )?rival parties"
    r"|\b(?:rival|party|political) (?:activists|supporters|cadres|workers))"
    r"(?: (?!were\b|was\b|been\b|when\b|as\b|after\b|by\b)[a-z'-]+){0,4} $"
)
#: What turns a demonstration into a riot, told near its trigger.
_VIOLENT_ACTS = re.compile(
    r"\b(?:attacked|stormed|torched|set fire to|set ablaze|threw stones|threw rocks"
    r"|hurled stones|pelted|clashed|clashes|vandali[sz]ed|burned|burnt|looted|ransacked"
    r"|smashed)\b"
)
_VIOLENT_ACT_REACH = 120
_UNDERGONE = re.compile(r"\b(?:were|was|been|being|got)(?: [a-z]+ly)? $")
#: Handed over to the law: prosecutors, a court, the police ("handed over to the attorney
#: general's office").
_TO_THE_LAW = re.compile(
    r"(?:\s+[a-z]+){0,4}?\s+to\s+(?:the\s+)?(?:[a-z]+\s+)?(?:attorney|attorneys|prosecutor"
    r"|prosecutors|prosecution|court|courts|judge|judges|judiciary|police|investigators"
    r"|custody)\b"
)
#: Bombing words that name no aircraft (triggers.yaml lists them with the air strikes).
_GENERIC_BOMBING = re.compile(r"bomb(?:ed|ing|ings)\b")
#: What puts a bombing in the air.
_FROM_THE_AIR = re.compile(
    r"\b(?:air|aerial|aircraft|airplanes?|aeroplanes?|planes?|jets?|warplanes?|helicopters?"
    r"|drones?|uavs?|air ?force|air ?strikes?|from the sky|dropped)\b"
)
#: Positions hit from afar: shells, not a planted bomb ("bombed the positions of").
_POSITIONS = re.compile(
    r"\s+(?:the\s+)?(?:[a-z'-]+\s+){0,2}(?:positions|posts|bases|frontlines?)\b"
)
#: Fired from afar: a bombing told with these is shelling.
_SHELLS = re.compile(r"\b(?:missiles?|rockets?|shells?|shelling|artillery|mortars?)\b")
#: Where a sentence ends, for what follows a trigger.
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
#: How far after a trigger the armed people it was aimed at are looked for.
_OBJECT_REACH = 60


def agent(folded: str, start: int) -> bool:
    """Whether the mention starting at `start` is the agent of a passive ("by ...")."""
    return _AGENT_BEFORE.search(folded, max(0, start - _AGENT_REACH), start) is not None


def speaks(folded: str, start: int, end: int) -> bool:
    """Whether the mention at folded[start:end] tells of the event ("..., police said")."""
    return (
        _SPEAKS_AFTER.match(folded, end) is not None
        or told_by_before(folded, start)
        or (title_of_before(folded, start) and _NAME_SPEAKS.match(folded, end) is not None)
    )


def told_by_before(folded: str, start: int) -> bool:
    """Whether a source names the mention at `start` ("according to police")."""
    lo = max(0, start - 40)
    return (
        any(folded.find(word, lo, start) >= 0 for word in _TOLD_BY_WORDS)
        and _TOLD_BY_BEFORE.search(folded, lo, start) is not None
    )


def title_of_before(folded: str, start: int) -> bool:
    """Whether a speaker's title ends before `start` ("the commander of the")."""
    lo = max(0, start - 40)
    return (
        folded.endswith(_TITLE_OF_ENDS, lo, start)
        and _TITLE_OF_BEFORE.search(folded, lo, start) is not None
    )


def came_after(folded: str, end: int) -> bool:
    """Whether the mention ending at `end` only came after the event ("police found the
    body", "soldiers who arrived at the scene", "the army, accused of failing to intervene"):
    no side of it."""
    return _CAME_AFTER.match(folded, end) is not None


def settle_type(
    event_type: EventType,
    sub: str,
    draft: Draft,
    actors: list[Actor],
    folded: str,
    sense: ArticleSense,
    mentions: ByStart[ActorMention],
) -> tuple[EventType, str]:
    """The event type and sub-event type (a SubEventType value) of a built event."""
    typing = draft.typing
    killed = any(c.casualty.kind is CasualtyKind.KILLED for c in draft.casualties)
    if sub == SubEventType.GOVERNMENT_REGAINS_TERRITORY.value and _actor1_in(actors, NON_STATE):
        # "the rebels retook the town": only a government regains; anyone else overtakes
        sub = SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value
    elif folded.startswith("liberat", typing.start) and _FREED_PEOPLE.match(folded, typing.end):
        # "liberating the hostages held at the farm": people freed, no territory retaken
        event_type, sub = EventType.STRATEGIC_DEVELOPMENTS, SubEventType.OTHER.value
    if (
        sub == SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY.value
        and folded.startswith("hand", typing.start)
        and _TO_THE_LAW.match(folded, typing.end) is not None
    ):
        # "the marines were handed over to the attorney general": people, not a territory
        event_type, sub = EventType.STRATEGIC_DEVELOPMENTS, SubEventType.ARRESTS.value
    if (
        sub == SubEventType.AIR_DRONE_STRIKE.value
        and _GENERIC_BOMBING.match(folded, typing.start)
        and (_actor1_in(actors, NON_STATE) or not any(a.role is ActorRole.ACTOR1 for a in actors))
        and _FROM_THE_AIR.search(folded, max(0, typing.start - 120), typing.end + 120) is None
    ):
        # "gunmen bombed a police station", "the rebels bombed army positions": a group
        # with no aircraft plants bombs or fires shells, whatever the verb; so does a
        # bombing no one is named for and nothing puts in the air ("a car bombing")
        from_afar = (
            _POSITIONS.match(folded, typing.end) is not None
            or _SHELLS.search(folded, max(0, typing.start - 120), typing.end + 120) is not None
        )
        sub = (
            SubEventType.SHELLING_ARTILLERY_MISSILE.value
            if from_afar
            else SubEventType.REMOTE_EXPLOSIVE.value
        )
    victims = {c.casualty.victim_type for c in draft.casualties}
    armed_victims = VictimType.MILITARY in victims and VictimType.CIVILIANS not in victims
    if event_type in (
        EventType.PROTESTS,
        EventType.BATTLES,
        EventType.VIOLENCE_AGAINST_CIVILIANS,
    ) and _demonstrators_act_violently(folded, typing):
        # "protesters stormed the police station", "demonstrators clashed with police":
        # a demonstration turned violent is ACLED's riot
        return EventType.RIOTS, SubEventType.VIOLENT_DEMONSTRATION.value
    if (
        event_type is EventType.BATTLES
        and typing.both_sides
        and _PARTISANS_BEFORE.search(folded, max(0, typing.start - _SUBJECT_REACH), typing.start)
    ):
        # "supporters of two rival parties clashed": unarmed partisans fighting each other
        return EventType.RIOTS, SubEventType.MOB_VIOLENCE.value
    if (
        event_type in (EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.BATTLES)
        and not typing.both_sides
        and not armed_victims
        and _actor1_in(actors, STATE)
        and (
            _AT_PROTESTERS.search(folded, typing.end, typing.end + _OBJECT_REACH) is not None
            or _PROTESTERS_HIT_BEFORE.search(folded, max(0, typing.start - 90), typing.start)
            is not None
        )
    ):
        # "police opened fire on protesters, killing one": ACLED codes the force used on
        # a demonstration under the demonstration
        return EventType.PROTESTS, SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS.value
    aimed_at_armed = _armed_object(folded, sense, mentions, typing.end)
    if typing.casualty_only and VictimType.CIVILIANS not in victims and _losses_of(actors, folded):
        # "the rebels' casualties exceeded 100": the side named is the one that lost them
        return EventType.BATTLES, SubEventType.ARMED_CLASH.value
    if typing.casualty_only and armed_victims:
        # Soldiers killed with no other trigger: ACLED codes fighting.
        return EventType.BATTLES, SubEventType.ARMED_CLASH.value
    if typing.group == SHOOTING and (armed_victims or armed_target(actors) or aimed_at_armed):
        # Shots at soldiers, police or fighters: ACLED codes an armed clash.
        return EventType.BATTLES, SubEventType.ARMED_CLASH.value
    if typing.weaponless and _actor1_in(actors, NON_STATE):
        # "the militants struck again and killed four soldiers": no weapon named, an armed
        # group's attack is a clash with soldiers, police or fighters, else an attack on
        # the people it hurt
        if armed_victims or armed_target(actors) or aimed_at_armed:
            return EventType.BATTLES, SubEventType.ARMED_CLASH.value
        if _actor2_in(actors, {ActorType.CIVILIANS}) or _hurt_no_side(
            draft, actors, aimed_at_armed
        ):
            return EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK.value
    if (
        sub == SubEventType.ARMED_CLASH.value
        and not typing.both_sides
        and (
            _actor2_in(actors, {ActorType.CIVILIANS})
            or (typing.victims_decide and _hurt_no_side(draft, actors, aimed_at_armed))
        )
    ):
        # An armed group shooting at civilians, no armed opponent: violence against them.
        return EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK.value
    if (
        sub == SubEventType.ARMED_CLASH.value
        and typing.violent_with_victims
        and not typing.both_sides
        and _hurt_no_side(draft, actors, aimed_at_armed)
        and (_hurt_types(draft) == {VictimType.CIVILIANS} or _actor1_in(actors, NON_STATE))
    ):
        # "gunmen attacked a house, killing a farmer": an attack that hurt only civilians;
        # "gunmen attacked a village, killing ten people": an armed group's, that hurt
        # people no one says were armed, with no armed side hit
        return EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK.value
    if sub == SubEventType.ABDUCTION.value and killed:
        # taken away and later found dead: ACLED codes the killing, an attack
        return event_type, SubEventType.ATTACK.value
    if (
        event_type is EventType.STRATEGIC_DEVELOPMENTS
        and killed
        and not _SHOT_DOWN.fullmatch(folded, typing.start, typing.end)
    ):
        # People killed where arrests, seized weapons, a truce or a handover were reported
        # ("two gang members died and seven were arrested in the raid"): the violence is
        # the event, as ACLED codes it; civilians alone killed were attacked, anyone else
        # fought. (A drone shot down that kills with its debris stays what it is.)
        if victims <= {VictimType.CIVILIANS} and not armed_target(actors):
            return EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK.value
        return EventType.BATTLES, SubEventType.ARMED_CLASH.value
    return event_type, sub


def _demonstrators_act_violently(folded: str, typing: Typing) -> bool:
    """Demonstrators do a violent act: told right after a protest word ("protesters
    stormed the station"), or in the trigger of a sentence they open ("hundreds of
    protesters clashed with police")."""
    start, end = typing.start, typing.end
    if typing.event_type is EventType.PROTESTS:
        act = _VIOLENT_ACTS.search(folded, end, end + _VIOLENT_ACT_REACH)
        # "protesters were attacked by gunmen": a blow they took, not one they dealt
        return act is not None and not _UNDERGONE.search(folded, end, act.start())
    if _DEMONSTRATORS_BEFORE.search(folded, max(0, start - _SUBJECT_REACH), start) is None:
        return False
    return _VIOLENT_ACTS.search(folded, start, end + _VIOLENT_ACT_REACH) is not None


def _losses_of(actors: list[Actor], folded: str) -> bool:
    """An armed side named as the owner of the toll ("the Huthis' latest casualties", "the
    army's losses")."""
    return any(a.actor_type in ARMED and owns_losses(folded, a.evidence.end) for a in actors)


def owns_losses(folded: str, end: int) -> bool:
    """Whether the mention ending at `end` owns the toll told after it: the side that lost."""
    return _LOSSES_AFTER.match(folded, end) is not None


def armed_target(actors: list[Actor]) -> bool:
    return _actor2_in(actors, ARMED)


def _actor1_in(actors: list[Actor], types: set[ActorType]) -> bool:
    actor1 = next((a for a in actors if a.role is ActorRole.ACTOR1), None)
    return actor1 is not None and actor1.actor_type in types


def _actor2_in(actors: list[Actor], types: set[ActorType]) -> bool:
    actor2 = next((a for a in actors if a.role is ActorRole.ACTOR2), None)
    return actor2 is not None and actor2.actor_type in types


def _hurt_types(draft: Draft) -> set[VictimType]:
    """The victim types of the people a draft counts killed or hurt."""
    return {
        c.casualty.victim_type
        for c in draft.casualties
        if c.casualty.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED)
    }


def _hurt_no_side(draft: Draft, actors: list[Actor], aimed_at_armed: bool) -> bool:
    """People were killed or hurt, none of them soldiers, police or fighters, and no armed
    side is the target ("gunmen stormed a wedding and killed three guests")."""
    hurt = _hurt_types(draft)
    return (
        bool(hurt)
        and hurt <= {VictimType.CIVILIANS, VictimType.UNKNOWN}
        and not armed_target(actors)
        and not aimed_at_armed
    )


def _armed_object(
    folded: str, sense: ArticleSense, mentions: ByStart[ActorMention], end: int
) -> bool:
    """Armed people named soon after a trigger that ends at `end` ("fired on soldiers"), not
    as its agent ("shot by the police", "shot dead near the market by the rebels"), nor in
    the next sentence ("shot dead a refugee. A day earlier, gunmen ...")."""
    stop = _SENTENCE_END.search(folded, end, end + _OBJECT_REACH)
    reach = stop.start() if stop else end + _OBJECT_REACH
    if not sense.armed_after(end, reach):
        return False
    if folded[max(0, end - 3) : end] == " by":
        return False  # the trigger ends in its agent's "by": "shot by"
    armed = [a for a in mentions.within(end, reach) if a.fights]
    first = next(
        (a for a in armed if not speaks(folded, a.start, a.end) and not came_after(folded, a.end)),
        None,
    )
    if first is None:
        # armed words but no side named; or only the side that tells of it or came after
        return not armed
    return (
        not agent(folded, first.start)
        and not _CLAUSE_SUBJECT.search(folded, max(0, first.start - 16), first.start)
        and not _PREDICATE.search(folded, max(0, first.start - 12), first.start)
    )
