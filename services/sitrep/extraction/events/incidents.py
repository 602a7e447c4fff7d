"""One event per incident: the reports of one happening, gathered from every sentence.

ACLED codes one event per place, day and actor pair. An article reports an incident in
its lead and then adds the toll, the attackers, the victims, the arrests and the looting
in the sentences after; each of those sentences is a draft. Here drafts that tell of the
same incident become one: compatible dates and places, no different acting sides, types
that can be one event (violence with the arrests and looting of the same raid), close in
the text or at the very same place and day, and no "in a separate incident" between them.
A source retelling the same dead and the losing side's view of a capture are the incident
too (coders found them as duplicates: issue #14).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events.casualties import FoundCasualty
from sitrep.extraction.events.dates import DateMention
from sitrep.extraction.events.event_types import CAPTURE, TRANSFER
from sitrep.extraction.events.segment import Draft, compatible_places, names_again
from sitrep.extraction.geo.gazetteer import distance_km
from sitrep_contracts import CasualtyKind, EventType, PlacePrecision, ResolvedPlace, SubEventType

#: Sentences apart (from the incident's last sentence) within which a report may join it
#: without naming the same place.
NEAR_SENTENCES = 6
_VIOLENT = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
}
_DEMONSTRATIONS = {EventType.PROTESTS, EventType.RIOTS}
#: Strategic developments that are part of a violent incident when they happen at its
#: place and time (a raid's arrests, looting, destruction).
_PART_OF_RAID = {
    SubEventType.ARRESTS.value,
    SubEventType.LOOTING_PROPERTY_DESTRUCTION.value,
    SubEventType.ABDUCTION.value,
}
#: What forces do after a violent incident, told right after it at its place and day
#: ("reinforcements were rushed to the spot", "a curfew was imposed in the town"): the
#: response to it, no development of its own; its sentence adds no side to the incident.
_RESPONSE = {SubEventType.OTHER.value, SubEventType.CHANGE_TO_GROUP_ACTIVITY.value}
#: Sentences apart within which a source's retelling of the same dead is the incident,
#: wherever the source places it.
RETOLD_SENTENCES = 2
#: Captures by force: a withdrawal told right after one is the losing side's view of it.
_CAPTURES = {
    CAPTURE,
    SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value,
    SubEventType.GOVERNMENT_REGAINS_TERRITORY.value,
}
#: A suicide bombing told as a bomb detonated: the same blast.
_ONE_BOMB = {SubEventType.SUICIDE_BOMB.value, SubEventType.REMOTE_EXPLOSIVE.value}
#: Sentences apart within which a withdrawal is the other side of a capture.
OTHER_SIDE_SENTENCES = 2
_COARSE = {PlacePrecision.ADMIN1, PlacePrecision.REGION, PlacePrecision.COUNTRY}
#: Triggers of at least this priority name their weapon ("airstrike", "landmine"); below
#: it they are generic ("blast", "hit") or casualty words, and may tell of any incident.
SPECIFIC_PRIORITY = 40


@dataclass(frozen=True, slots=True)
class IncidentRules:
    new_incident_starts: tuple[str, ...]
    #: "the incident, which killed one": the incident told before, named again.
    told_again: re.Pattern[str]
    #: "its forces repulsed the attack": the fight that answered the incident told before.
    fought_again: re.Pattern[str]
    #: "a rescuer told reporters that ...": a source telling what comes after it.
    retold_by: re.Pattern[str]
    #: ", which was formed in May": a side clause about someone, whose date is not the
    #: incident's (matched on the text just before the date).
    clause_before_date: re.Pattern[str]
    #: "protesters", "a rally": a violent incident told with these may be the force used
    #: on a demonstration told after it.
    demonstration_told: re.Pattern[str]
    #: "residents took to the streets": a crowd reacting to an incident told before.
    crowd_reacting: re.Pattern[str]

    @classmethod
    def from_roles(cls, roles: dict[str, Any]) -> IncidentRules:
        """The rules from roles.yaml's sections of the same names."""

        def either(key: str) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{p})" for p in roles[key]))

        return cls(
            tuple(roles["new_incident_starts"]),
            either("told_again"),
            either("fought_again"),
            either("retold_by"),
            either("clause_before_date"),  # each pattern ends at the date: "...$"
            either("demonstration_told"),
            either("crowd_reacting"),
        )


def group_incidents(
    drafts: list[Draft],
    sentences: Sequence[Sentence],
    folded: str,
    rules: IncidentRules,
    apart: Callable[[Draft, Draft], bool] | None = None,
    same_victim: Callable[[Draft, Draft], bool] | None = None,
) -> list[Draft]:
    """Fold drafts of the same incident into the first of them; keeps text order. What
    only quotations tell, joined to no incident the reporter reports, is dropped.
    `apart` as for `segment.merge`; `same_victim(prev, draft)`: whether both name the
    same person hurt, so that a violent act retold anywhere in the story is the one
    told before ("a singer was shot dead ... gunmen opened fire on Quintero")."""
    out: list[Draft] = []
    for draft in drafts:
        draft.dates = [d for d in draft.dates if not _in_side_clause(d, folded, rules)]
        anchor = sentences[draft.anchor]
        separate = (
            folded[anchor.start : anchor.start + 40]
            .lstrip(" \"'(-")
            .startswith(rules.new_incident_starts)
        )
        named_again = not separate and names_again(rules.told_again, folded, anchor, draft.typing)
        fought_again = not separate and names_again(
            rules.fought_again, folded, anchor, draft.typing
        )
        by_source = (
            not separate
            and rules.retold_by.search(folded, anchor.start, draft.typing.start) is not None
        )
        target = None
        other_side = False
        for prev in reversed(out):
            if _crowd_over_it(prev, draft, sentences, folded, rules):
                continue
            other_side = _other_side_of_capture(prev, draft)
            if (
                _same_incident(prev, draft, separate, named_again or fought_again or other_side)
                or (by_source and _retold(prev, draft))
                or (same_victim is not None and _victim_again(prev, draft, same_victim))
            ) and not (apart is not None and apart(prev, draft)):
                target = prev
                break
            if separate:
                break  # only the same place and day can join across "in a separate..."
        if target is None and not separate:
            target = _the_story_it_details(out, draft, apart)
        if target is None and not separate:
            target = _the_one_it_names(out, draft, sentences, folded, apart)
        if target is None:
            out.append(draft)
        elif not _responds(target, draft):
            _absorb(target, draft, retype=not (named_again or other_side))
    return [draft for draft in out if not draft.quoted]


def _crowd_over_it(
    prev: Draft, draft: Draft, sentences: Sequence[Sentence], folded: str, rules: IncidentRules
) -> bool:
    """ "Residents took to the streets, burning tyres" after a killing no demonstration was
    part of: the crowd's own event, not more of the killing."""
    return (
        draft.typing.event_type in _DEMONSTRATIONS
        and _violent_type(prev) in _VIOLENT
        and rules.crowd_reacting.search(
            folded, sentences[draft.anchor].start, sentences[draft.anchor].end
        )
        is not None
        and not any(
            rules.demonstration_told.search(folded, sentences[i].start, sentences[i].end)
            for i in prev.sentences
        )
    )


def _the_story_it_details(
    out: list[Draft], draft: Draft, apart: Callable[[Draft, Draft], bool] | None
) -> Draft | None:
    """ "As she reached for her phone, the man pulled out a handgun and shot her": a report
    far down the article that states no day, no place and no dead of its own, of the only
    earlier incident of its kind, tells more of that incident, not another one."""
    if draft.dates or draft.place_in_sentence or dead_figures(draft) or draft.side is not None:
        return None
    kin = [prev for prev in out if prev.typing.sub_event_type == draft.typing.sub_event_type]
    if len(kin) != 1 or (apart is not None and apart(kin[0], draft)):
        return None
    return kin[0]


def _the_one_it_names(
    out: list[Draft],
    draft: Draft,
    sentences: Sequence[Sentence],
    folded: str,
    apart: Callable[[Draft, Draft], bool] | None,
) -> Draft | None:
    """ "Troops shelled the town ... The shelling came from the hills north of it": a
    sentence that opens with its trigger told with "the" or "this", right after an
    incident of its type, with no day and no dead of its own, names that incident again,
    wherever it places it (the origin of the fire, a detail of the site)."""
    start = sentences[draft.anchor].start
    if (
        draft.dates
        or dead_figures(draft)
        or not _DEFINITE_OPENING.match(folded, start, draft.typing.start)
    ):
        return None
    for prev in reversed(out):
        if draft.anchor - max(prev.sentences) > ANAPHORA_SENTENCES:
            return None
        if prev.typing.sub_event_type == draft.typing.sub_event_type:
            return None if apart is not None and apart(prev, draft) else prev
    return None


_DEFINITE_OPENING = re.compile(r"\W*(?:(?:but|and|however|meanwhile),?\s+)?(?:the|this|that)\s+$")
#: Sentences apart within which "the shelling" names the shelling just told.
ANAPHORA_SENTENCES = 2


def _in_side_clause(date: DateMention, folded: str, rules: IncidentRules) -> bool:
    """ "the militia, which was formed in May": the date tells of the militia."""
    return rules.clause_before_date.search(folded, max(0, date.start - 80), date.start) is not None


def _retold(prev: Draft, draft: Draft) -> bool:
    """A source right after the incident tells its dead again ("a rescuer told reporters
    that a boy was killed by shelling on ..."): the same incident, although the source's
    place resolves elsewhere (another spelling, a homonym, a neighbouring town). Not when
    it tells other dead, another type or another day."""
    dead = dead_figures(draft)
    return (
        draft.anchor - max(prev.sentences) <= RETOLD_SENTENCES
        and prev.typing.sub_event_type == draft.typing.sub_event_type
        and bool(dead)
        and dead <= dead_figures(prev)
        and dates_agree(prev.dates, draft.dates)
        and (
            prev.place is None
            or draft.place is None
            or prev.place.country_code == draft.place.country_code
        )
    )


def _other_side_of_capture(prev: Draft, draft: Draft) -> bool:
    """ "Rebels captured the town ... Government forces withdrew": one capture told by both
    sides, when the withdrawal follows (or precedes) it within a sentence or two."""
    subs = {prev.typing.sub_event_type, draft.typing.sub_event_type}
    return (
        TRANSFER in subs
        and not subs.isdisjoint(_CAPTURES)
        and draft.anchor - max(prev.sentences) <= OTHER_SIDE_SENTENCES
    )


def _same_incident(prev: Draft, draft: Draft, separate: bool, named_again: bool = False) -> bool:
    if not _types_join(prev, draft) and not (
        # "police confirmed the attack": whatever weapon its sentence names, the one told
        named_again and prev.typing.event_type in _VIOLENT and draft.typing.event_type in _VIOLENT
    ):
        return False
    if (
        not named_again  # "its forces repulsed the attack": the other side may tell of it
        and prev.side is not None
        and draft.side is not None
        and prev.side != draft.side
    ):
        return False
    if not dates_agree(prev.dates, draft.dates):
        return False
    if _tolls_by_other_means(prev, draft) or _tolls_by_other_means(draft, prev):
        return False
    same_spot = (
        prev.place is not None
        and draft.place is not None
        and prev.place_in_sentence
        and draft.place_in_sentence
        and prev.place.precision not in _COARSE
        and _same_place(prev.place, draft.place)
        and own_day(prev.dates) is not None
        and own_day(prev.dates) == own_day(draft.dates)
    )
    if same_spot:
        return True
    if separate:
        return False
    near = draft.anchor - max(prev.sentences) <= NEAR_SENTENCES
    if not near:
        return False
    if named_again and prev.typing.event_type in _VIOLENT:
        return True  # "condemned the incident, which killed one": wherever it was said
    if not (prev.place_in_sentence and draft.place_in_sentence):
        return True
    return _nested_places(prev.place, draft.place)


def _victim_again(prev: Draft, draft: Draft, same_victim: Callable[[Draft, Draft], bool]) -> bool:
    return (
        prev.typing.event_type in _VIOLENT
        and draft.typing.event_type in _VIOLENT
        and dates_agree(prev.dates, draft.dates)
        and same_victim(prev, draft)
    )


def _tolls_by_other_means(bomb: Draft, other: Draft) -> bool:
    """ "Five police officers were killed in an attack ... two women were killed when their
    cart hit a landmine": each tells its own dead (other figures), one by a named
    explosive, the other by no explosion at all; two incidents, as ACLED codes them. "Nine
    insurgents were killed ... the airstrikes killed nine" tells the same dead twice."""
    if not (
        bomb.typing.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
        and bomb.typing.priority >= SPECIFIC_PRIORITY
        and other.typing.event_type is not EventType.EXPLOSIONS_REMOTE_VIOLENCE
    ):
        return False
    bomb_dead, other_dead = dead_figures(bomb), dead_figures(other)
    return bool(bomb_dead and other_dead and bomb_dead.isdisjoint(other_dead))


def dead_figures(draft: Draft) -> set[int]:
    """The killed figures a draft's own sentences state."""
    return killed_figures(draft.casualties)


def killed_figures(found: Iterable[FoundCasualty]) -> set[int]:
    """The killed figures among casualties found (a part of another figure is none)."""
    return {
        item.casualty.count or item.casualty.min or 0
        for item in found
        if item.casualty.kind is CasualtyKind.KILLED and not item.subset
    }


def _types_join(a: Draft, b: Draft) -> bool:
    ta, tb = _violent_type(a), _violent_type(b)
    if _other_side_of_capture(a, b):
        return True
    if (
        ta is tb is EventType.EXPLOSIONS_REMOTE_VIOLENCE
        and a.typing.sub_event_type != b.typing.sub_event_type
        and min(a.typing.priority, b.typing.priority) >= SPECIFIC_PRIORITY
        # a suicide bomber "detonated her explosives": one bomb told twice
        and {a.typing.sub_event_type, b.typing.sub_event_type} != _ONE_BOMB
    ):
        return False  # an airstrike and a landmine are two incidents
    if ta in _VIOLENT and tb in _VIOLENT:
        return True
    if _intercepted(a, b) or _intercepted(b, a):
        return True
    if ta in _DEMONSTRATIONS and (tb in _DEMONSTRATIONS or tb in _VIOLENT):
        return True
    if tb in _DEMONSTRATIONS and ta in _VIOLENT:
        return True
    raid_part = (ta in _VIOLENT and b.typing.sub_event_type in _PART_OF_RAID) or (
        tb in _VIOLENT and a.typing.sub_event_type in _PART_OF_RAID
    )
    return raid_part or _responds(a, b) or (ta == tb and a.typing.group == b.typing.group)


def _violent_type(draft: Draft) -> EventType:
    """ "The army neutralised 31 of them": what neutralises people kills them, a fight (the
    type is settled so later); bombs neutralised stay a disrupted weapon."""
    if draft.typing.sub_event_type == SubEventType.DISRUPTED_WEAPONS_USE.value and any(
        item.casualty.kind is CasualtyKind.KILLED for item in draft.casualties
    ):
        return EventType.BATTLES
    return draft.typing.event_type


def _responds(incident: Draft, later: Draft) -> bool:
    """Whether `later`, a development told after a violent `incident`, is the response to it."""
    return (
        incident.typing.event_type in _VIOLENT
        and later.typing.sub_event_type in _RESPONSE
        and later.anchor > incident.anchor
    )


def _intercepted(disrupted: Draft, strike: Draft) -> bool:
    """ "Air defences intercepted a drone ... The drone had been fired at the airport": the
    strike that was stopped, told again with no one hurt, is the interception."""
    return (
        disrupted.typing.sub_event_type == SubEventType.DISRUPTED_WEAPONS_USE.value
        and strike.typing.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
        and not any(not item.subset for item in strike.casualties)
    )


def own_day(dates: list[DateMention]) -> dt.date | None:
    """The first day (not of the report) among a draft's dates."""
    return next((d.date for d in dates if not d.reporting and d.precision.value == "day"), None)


def dates_agree(a: list[DateMention], b: list[DateMention]) -> bool:
    """Two reports' days, if both give one, are the same; and whatever precision their
    first dates have, the spans they name overlap (February is not late 2014)."""
    da, db = own_day(a), own_day(b)
    if da is not None and db is not None:
        return da == db
    sa, sb = date_span(a), date_span(b)
    return sa is None or sb is None or (sa[0] <= sb[1] and sb[0] <= sa[1])


def date_span(dates: list[DateMention]) -> tuple[dt.date, dt.date] | None:
    first = next((d for d in dates if not d.reporting), None)
    if first is None:
        return None
    start = first.date
    match first.precision.value:
        case "day":
            return start, start
        case "week" if first.resolved_from == "relative":
            return start, start + dt.timedelta(days=6)  # "last week": Monday to Sunday
        case "week":
            return start, start + dt.timedelta(days=9)  # the ten days of "late March"
        case "month":
            return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, dt.date(start.year, 12, 31)


def _same_place(a: ResolvedPlace, b: ResolvedPlace) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return bool(a.name and a.name == b.name and a.country_code == b.country_code)


def _nested_places(a: ResolvedPlace | None, b: ResolvedPlace | None) -> bool:
    """Same place, or one inside the other (a village and its region, a city's quarter and
    the city)."""
    if a is None or b is None:
        return True
    if _same_place(a, b):
        return True
    if a.precision in _COARSE or b.precision in _COARSE:
        return compatible_places(a, b)
    return _quarter_of(a, b) or _quarter_of(b, a)


#: Seats whose quarters the gazetteer lists as places of their own ("Moi Avenue" in Nairobi).
_CITIES = {"PPLC", "PPLA", "PPLA2"}
#: How far from a city's point its quarters lie.
QUARTER_KM = 6.0


def _quarter_of(part: ResolvedPlace, city: ResolvedPlace) -> bool:
    if city.feature_code not in _CITIES or part.country_code != city.country_code:
        return False
    if part.latitude is None or part.longitude is None:
        return False
    if city.latitude is None or city.longitude is None:
        return False
    return distance_km(part.latitude, part.longitude, city.latitude, city.longitude) <= QUARTER_KM


def _absorb(target: Draft, draft: Draft, retype: bool = True) -> None:
    """`retype`: whether the draft's trigger may type the incident (a report that only
    names the incident again, "the shootout occurred in ...", says nothing of its type)."""
    target.sentences.extend(i for i in draft.sentences if i not in target.sentences)
    target.casualties.extend(draft.casualties)
    target.dates.extend(draft.dates)
    if target.place is None or (
        draft.place is not None
        and draft.place_in_sentence
        and (not target.place_in_sentence or target.place.precision in _COARSE)
        and draft.place.precision not in _COARSE
    ):
        target.place, target.place_in_sentence = draft.place, draft.place_in_sentence
    elif _tells_where_in_district(target, draft):
        target.place = draft.place
    target.quoted = target.quoted and draft.quoted
    if target.side is None:
        target.side = draft.side
    if retype and not draft.quoted and _outranks(draft, target):
        target.typing = draft.typing
        target.anchor = draft.anchor


def _tells_where_in_district(target: Draft, draft: Draft) -> bool:
    """ "A civilian was killed in <town> ... the gunmen shot him in <village>": where the
    act is told, not where its dead were counted, when both lie in one district."""
    return (
        target.typing.casualty_only
        and not draft.typing.casualty_only
        and target.place is not None
        and draft.place is not None
        and target.place_in_sentence
        and draft.place_in_sentence
        and draft.place.precision not in _COARSE
        and draft.place.admin2_code is not None
        and draft.place.admin2_code == target.place.admin2_code
    )


def _outranks(draft: Draft, target: Draft) -> bool:
    """The incident's type: ACLED's more specific violent type wins over a strategic
    development (a raid's arrests), otherwise the higher trigger priority."""
    if draft.typing.casualty_only:
        return False
    if _intercepted(target, draft):
        return False  # stopped before it hurt anyone: the interception it stays
    if target.typing.event_type in _VIOLENT and draft.typing.event_type not in _VIOLENT:
        return False
    if draft.typing.event_type in _VIOLENT and target.typing.event_type not in _VIOLENT:
        return True
    return draft.typing.priority > target.typing.priority
