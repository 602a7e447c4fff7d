"""One event per incident: the sentences that tell one happening become one event."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events import EventExtractor
from sitrep.extraction.events.casualties import FoundCasualty
from sitrep.extraction.events.event_types import Typing
from sitrep.extraction.events.incidents import IncidentRules, group_incidents
from sitrep.extraction.events.segment import Draft
from sitrep_contracts import (
    Article,
    Casualty,
    CasualtyKind,
    EventType,
    PlacePrecision,
    ResolvedPlace,
    SubEventType,
    TextSpan,
)
from tests.unit.extraction.event_helpers import INFO, NOW, PUBLISHED, analysis_for, run


def test_lead_and_follow_up_sentences_are_one_incident(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a checkpoint in Ostrovka on Monday.\n"
        "Two soldiers were killed and three wounded in the attack, the army said.\n"
        "The attackers looted a shop and abducted a driver before fleeing."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Ostrovka"
    tolls = {c.kind: c.count for c in event.casualties}
    assert tolls[CasualtyKind.KILLED] == 2 and tolls[CasualtyKind.INJURED] == 3


@pytest.mark.parametrize(
    "response",
    [
        " Reinforcements were rushed to the village and a curfew was imposed by the police.",
        "\n\nTroops and police were deployed in the village and a curfew was imposed.",
    ],
)
def test_the_forces_response_to_an_attack_is_no_development_of_its_own(
    extractor: EventExtractor, response: str
) -> None:
    text = "Gunmen shot dead three farmers in Ostrovka on Monday, villagers said." + response
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    assert {a.name for a in event.actors} == {
        "Unidentified Armed Group (Ukraine)",
        "Civilians (Ukraine)",
    }


def test_a_separate_incident_stays_separate(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a checkpoint in Ostrovka on Monday, killing two soldiers.\n"
        "In a separate incident, a roadside bomb wounded four civilians on Tuesday."
    )
    events = run(extractor, text)
    assert [e.occurred_on.date for e in events] == [dt.date(2023, 5, 15), dt.date(2023, 5, 16)]


def test_different_days_at_one_place_are_different_incidents(extractor: EventExtractor) -> None:
    text = (
        "Troops shelled Dubrava on Monday, killing a woman. "
        "Troops shelled Dubrava again on Tuesday, wounding two men."
    )
    assert len(run(extractor, text)) == 2


def test_distinct_places_close_together_are_distinct_incidents(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rebels ambushed an army convoy near Ostrovka on Monday. "
        "Airstrikes hit rebel positions in Lisna on Monday."
    )
    events = run(extractor, text)
    assert [e.location.name if e.location else None for e in events] == ["Ostrovka", "Lisna"]


def test_dead_of_an_attack_and_other_dead_of_a_landmine_are_two_incidents(
    extractor: EventExtractor,
) -> None:
    text = (
        "Five police officers were killed on Sunday in an attack in the north. "
        "Two women were killed on Sunday when their cart hit a landmine near Ostrovka."
    )
    events = run(extractor, text)
    killed = [[c.count for c in e.casualties if c.kind is CasualtyKind.KILLED] for e in events]
    assert killed == [[5], [2]]


def test_the_dead_of_an_airstrike_told_again_are_one_incident(extractor: EventExtractor) -> None:
    text = (
        "Nine insurgents were killed near Ostrovka on Sunday. "
        "A spokesman said the airstrikes targeted a rally near Ostrovka, killing nine insurgents."
    )
    events = run(extractor, text)
    killed = [[c.count for c in e.casualties if c.kind is CasualtyKind.KILLED] for e in events]
    assert killed == [[9]]


def test_the_same_dead_told_twice_are_counted_once(extractor: EventExtractor) -> None:
    text = (
        "Two soldiers were killed when rebels ambushed a patrol near Ostrovka on Monday. "
        "The two bodies were taken to the base."
    )
    (event,) = run(extractor, text)
    assert sum(c.count or 0 for c in event.casualties if c.kind is CasualtyKind.KILLED) == 2


def test_an_airstrike_and_a_landmine_nearby_are_two_incidents(extractor: EventExtractor) -> None:
    text = (
        "Three fighters were killed in a landmine explosion near Ostrovka on Monday. "
        "Jets carried out four airstrikes on Dubrava on Monday."
    )
    assert [e.sub_event_type.value for e in run(extractor, text) if e.sub_event_type] == [
        "Remote explosive/landmine/IED",
        "Air/drone strike",
    ]


def test_a_follow_up_paragraph_keeps_the_day_of_its_lead(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a police post in Ostrovka on Monday, killing two officers.\n"
        "Officials said the attackers fled on motorbikes.\n"
        "Later, soldiers clashed with the gunmen near Dubrava, killing three of them."
    )
    events = run(extractor, text)
    assert [e.occurred_on.date for e in events] == [dt.date(2023, 5, 15)] * 2


def test_a_recalled_year_and_this_years_month_are_two_incidents(
    extractor: EventExtractor,
) -> None:
    text = (
        "In February, the rebels attacked the town of Ostrovka. "
        "The fighting flared up in late 2022 when the rebels seized Dubrava."
    )
    assert len(run(extractor, text)) == 2


def test_one_act_at_listed_places_is_an_event_per_place(extractor: EventExtractor) -> None:
    text = (
        "Jets carried out airstrikes on Ostrovka, Dubrava and Lisna on Monday, killing 9 fighters."
    )
    events = run(extractor, text)
    assert [e.location.name if e.location else None for e in events] == [
        "Ostrovka",
        "Dubrava",
        "Lisna",
    ]
    assert len({e.event_id for e in events}) == 3
    # the toll given for all is split evenly, as ACLED splits it
    assert [c.count for e in events for c in e.casualties] == [3, 3, 3]


def test_the_gunmen_told_after_a_named_group_s_attack_are_no_other_side(
    extractor: EventExtractor,
) -> None:
    text = (
        "Two soldiers were killed and three wounded when Arakan Army fighters attacked an army "
        "post near Ostrovka on Monday, a source said. The gunmen used sniper fire and grenades "
        "before withdrawing into the hills, the source said. A sergeant and a private died on "
        "the spot.\n\nSeparately, the Kachin Independence Army said it had captured a hill "
        "post near Dubrava last week."
    )
    at_post = [e for e in run(extractor, text) if e.location and e.location.name == "Ostrovka"]
    assert len(at_post) == 1


def test_a_quarter_of_the_city_told_after_its_incident_is_that_incident(
    extractor: EventExtractor,
) -> None:
    text = (
        "Two people were shot dead and dozens hurt on Monday as police fired live rounds to "
        "break up protests in Ostrovka, a rights group said.\n\n"
        "Police blocked the main roads into the city centre with trucks from early morning. "
        "Groups of young protesters, some throwing stones, were chased through the streets "
        "of Dubrava. One of the dead, a 20-year-old rider, was shot in the chest near a "
        "roundabout, his brother said."
    )
    analysis = analysis_for(text)
    where = {"Ostrovka": ("PPLC", 48.10, 37.10), "Dubrava": ("PPL", 48.12, 37.12)}  # 2.7 km
    places = [
        p.model_copy(
            update=dict(zip(("feature_code", "latitude", "longitude"), where[p.name], strict=True))
        )
        for p in analysis.places
    ]
    article = Article(article_id="a-1", text=text, published_at=PUBLISHED)
    events = extractor.extract(
        article,
        replace(analysis, places=places),
        revision="rev1",
        extractor=INFO,
        extracted_at=NOW,
    )
    assert [e.location.name if e.location else None for e in events] == ["Ostrovka"]


def test_the_attackers_neutralised_in_the_answer_to_an_ambush_are_that_fight(
    extractor: EventExtractor,
) -> None:
    text = (
        "Ten guards were killed on Monday when their patrol was ambushed near Ostrovka, the "
        "ministry said in a statement.\n\nThe ministry said the attack was carried out by "
        "more than a hundred rebels on motorbikes and that the army's response, backed by "
        'aircraft, had "neutralised" 31 of them. Four guards were wounded.'
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES


def test_a_place_between_two_towns_is_one_event(extractor: EventExtractor) -> None:
    text = "A roadside bomb wounded four guards on the road between Ostrovka and Dubrava on Monday."
    (event,) = run(extractor, text)
    assert [c.count for c in event.casualties] == [4]


def test_a_toll_that_does_not_divide_still_adds_up(extractor: EventExtractor) -> None:
    """5 over two places is 3 and 2 (ACLED gives the rest to the first), not 2 and 2."""
    text = "At least five soldiers were killed in clashes in Ostrovka and Dubrava on Monday."
    events = run(extractor, text)
    assert [c.count for e in events for c in e.casualties] == [3, 2]


@pytest.mark.parametrize(
    "text",
    [
        "Troops shelled Ostrovka, Ukraine on Monday.",
        # a village and the town it lies in, both points
        "Troops raided a camp in Ostrovka, Lisna on Monday, killing four rebels.",
    ],
)
def test_a_place_and_its_container_are_no_list(extractor: EventExtractor, text: str) -> None:
    (event,) = run(extractor, text)
    assert all(c.count in (None, 4) for c in event.casualties)


def test_an_old_recap_without_a_place_takes_none_from_todays_story(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rebels shelled Ostrovka on Monday, killing two civilians.\n"
        "The rebels first seized control of the region's roads in January."
    )
    recap = next(e for e in run(extractor, text) if e.recap)
    assert recap.location is None or recap.location.name != "Ostrovka"


def test_history_is_no_event(extractor: EventExtractor) -> None:
    text = (
        "Rebels shelled Ostrovka on Monday, killing two civilians.\n"
        "The war began in 2014 when the rebels seized Dubrava.\n"
        "Bombers attacked the port of Lisna in 1944."
    )
    events = run(extractor, text)
    assert [e.location.name if e.location else None for e in events] == ["Ostrovka"]


def test_last_weeks_clashes_are_not_todays_killing(extractor: EventExtractor) -> None:
    text = (
        "Soldiers shot dead a farmer in Ostrovka on Tuesday night.\n"
        "The troops had taken up positions in the village after shootouts with rebels "
        "last week."
    )
    events = run(extractor, text)
    assert events[0].occurred_on.date == dt.date(2023, 5, 16)
    assert all(e.occurred_on.date != dt.date(2023, 5, 16) for e in events[1:])


def test_an_undated_incident_takes_the_day_a_later_sentence_gives_it(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen shot a shopkeeper dead in Ostrovka and set his car on fire.\n"
        "His name was not released.\n"
        "The attack took place on Monday near the market."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 5, 15)
    assert event.occurred_on.resolved_from != "publication"


def test_a_total_and_its_breakdown_are_counted_once(extractor: EventExtractor) -> None:
    text = (
        "On Monday, 11 soldiers were killed in clashes with rebels near Ostrovka, as six "
        "soldiers were killed at the bridge while five guards were killed at the depot."
    )
    events = run(extractor, text)
    killed = [
        sum(c.count or 0 for c in e.casualties if c.kind is CasualtyKind.KILLED) for e in events
    ]
    assert killed == [11]


def test_a_named_person_killed_is_one_dead(extractor: EventExtractor) -> None:
    text = (
        "Gunmen stormed Ostrovka on Monday. Ivan Petrenko, the head of the village council, "
        "was shot dead in front of his house."
    )
    (event,) = run(extractor, text, people=("Ivan Petrenko",))
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [1]


def test_a_named_person_taken_away_and_found_dead_is_one_dead(extractor: EventExtractor) -> None:
    text = (
        "Ivan Petrenko, relatives say, was taken away on Monday night by armed men from "
        "Ostrovka and was only found dead with bullet wounds this morning."
    )
    (event,) = run(extractor, text, people=("Ivan Petrenko",))
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [1]


def test_a_named_person_the_troops_killed_is_one_dead(extractor: EventExtractor) -> None:
    text = "Witnesses said the troops shot and killed Ivan Petrenko in his field near Ostrovka."
    (event,) = run(extractor, text, people=("Ivan Petrenko",))
    assert [c.count for c in event.casualties if c.kind is CasualtyKind.KILLED] == [1]


def test_a_named_person_who_died_long_ago_is_no_toll(extractor: EventExtractor) -> None:
    text = (
        "Police fired tear gas at a rally in Ostrovka on Monday honouring Ivan Petrenko, who "
        "died in prison last year."
    )
    events = run(extractor, text, people=("Ivan Petrenko",))
    assert all(c.kind is not CasualtyKind.KILLED for e in events for c in e.casualties)


def test_a_sentence_opening_with_another_day_starts_that_days_incidents(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen killed a shopkeeper in Ostrovka.\n"
        "The police recovered two rifles.\n"
        "On May 2, at least three people were killed in two separate gun attacks in the area.\n"
        "Police said gunmen ambushed a car travelling to Ostrovka, killing a woman."
    )
    events = run(extractor, text)
    assert [e.occurred_on.date for e in events] == [dt.date(2023, 5, 17), dt.date(2023, 5, 2)]


def test_a_sequel_hours_later_keeps_the_day_told_before_it(extractor: EventExtractor) -> None:
    text = (
        "On May 2, gunmen ambushed a bus near Ostrovka, killing the driver.\n"
        "The passengers fled into the fields.\n"
        "Officials closed the road for the night.\n"
        "Traders said the market stayed shut.\n"
        "Hours later, the gunmen opened fire on a lorry near Dubrava, killing two men."
    )
    events = run(extractor, text)
    assert [e.occurred_on.date for e in events] == [dt.date(2023, 5, 2)] * 2


def test_troops_fighting_back_are_the_same_battle(extractor: EventExtractor) -> None:
    text = (
        "Russian forces attacked Ukrainian positions near Ostrovka on May 2, killing six "
        "soldiers.\nUkrainian troops fought back while the villagers fled."
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES


def test_a_lists_heading_is_no_part_of_an_incident(extractor: EventExtractor) -> None:
    text = (
        "The following are reports of army attacks on villages in the province, where "
        "soldiers killed civilians.\nOn May 2, soldiers shelled Ostrovka, killing four villagers."
    )
    (event,) = run(extractor, text)
    assert event.summary.startswith("On May 2")


def test_a_toll_told_of_an_earlier_time_is_not_todays(extractor: EventExtractor) -> None:
    text = (
        "Soldiers opened fire on students in Ostrovka, wounding two. "
        "Last year, three students died after being shot by soldiers."
    )
    today, recalled = run(extractor, text)
    assert [c.kind for c in today.casualties] == [CasualtyKind.INJURED]
    assert recalled.occurred_on.date == dt.date(2022, 1, 1)
    assert [(c.kind, c.count) for c in recalled.casualties] == [(CasualtyKind.KILLED, 3)]


def test_later_deaths_from_wounds_stay_the_incidents(extractor: EventExtractor) -> None:
    text = (
        "Soldiers opened fire on students in Ostrovka on Monday, wounding five. "
        "On Tuesday, three of them died of their wounds."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 5, 15)


def test_a_reaction_naming_the_incident_again_is_that_incident(extractor: EventExtractor) -> None:
    text = (
        "Rebels ambushed an army patrol near Ostrovka on Monday.\n"
        "The commission in Lisna strongly condemned the incident, which killed one and "
        "injured another."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Ostrovka"
    assert [(c.kind, c.count) for c in event.casualties] == [
        (CasualtyKind.KILLED, 1),
        (CasualtyKind.INJURED, 1),
    ]


@pytest.mark.parametrize(
    "follow_up",
    ["The shootout occurred in Dubrava.", "The shootout occurred in a quiet neighbourhood."],
)
def test_the_incident_named_again_is_one_event_of_its_type(
    extractor: EventExtractor, follow_up: str
) -> None:
    text = f"Gunmen stormed a bar in Ostrovka on Friday and killed four people.\n{follow_up}"
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS


def test_a_reaction_to_the_fighting_is_no_event_of_its_own(extractor: EventExtractor) -> None:
    text = (
        "Warplanes struck a rebel camp near Ostrovka on Monday, killing six fighters.\n"
        "The rebels, active across Lisna province, have yet to comment on the fighting."
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
    assert event.location is not None and event.location.name == "Ostrovka"


def test_the_agent_of_a_passive_trigger_is_the_acting_side(extractor: EventExtractor) -> None:
    # "was shot dead by gunmen": the gunmen act, as in the report of the shots after it
    text = (
        "A police officer was shot dead by gunmen in Ostrovka on Sunday, officials said.\n"
        "He was named as Ivan Petrenko.\n"
        "At about 8 pm, gunmen fired upon the officer near his home in Ostrovka, the "
        "officials added."
    )
    (event,) = run(extractor, text)
    assert [(c.kind, c.count) for c in event.casualties] == [(CasualtyKind.KILLED, 1)]


def test_hours_later_starts_another_incident_of_that_day(extractor: EventExtractor) -> None:
    text = (
        "On May 2, gunmen ambushed a bus near Ostrovka, killing the driver.\n"
        "Hours later, the gunmen opened fire on a lorry near Ostrovka, killing two men."
    )
    first, second = run(extractor, text)
    assert first.occurred_on.date == second.occurred_on.date == dt.date(2023, 5, 2)


def test_a_dated_fight_that_displaces_people_is_still_reported(
    extractor: EventExtractor,
) -> None:
    text = "Fighting in Ostrovka on Monday forced 2,000 residents to flee as rebels attacked."
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 5, 15)


def test_a_quotation_tells_more_but_does_not_retype_the_incident(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen stormed a bar in Ostrovka on Friday and killed four people.\n"
        '"There was a fierce gun battle in the street," a witness in Ostrovka said.'
    )
    (event,) = run(extractor, text)
    assert event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS


@pytest.mark.parametrize(
    "text",
    [
        "Militants stormed an army base near Ostrovka on Tuesday. Residents say heavy "
        "fighting lasted for an hour. The army says its forces repulsed the attack and "
        "inflicted heavy losses on the militants.",
        "Rebels ambushed a convoy near Ostrovka on Monday, killing four soldiers. During the "
        "ensuing shootout near Lisna, eight rebels died, a spokesman told reporters on Tuesday.",
        "Insurgents stormed a police post in Ostrovka on Saturday, officials said. The army said "
        'its troops "firmly repelled a well-planned attack" and killed seven of the insurgents.',
    ],
)
def test_a_fight_that_answers_or_follows_the_one_told_is_the_same_incident(
    extractor: EventExtractor, text: str
) -> None:
    """'repulsed the attack', 'repelled a well-planned attack', 'the ensuing shootout': the
    incident told before, not a new one."""
    (event,) = run(extractor, text)
    assert event.event_type is EventType.BATTLES
    assert event.occurred_on.date < dt.date(2023, 5, 17)


def test_the_dead_of_the_strikes_named_again_elsewhere_are_no_new_incident(
    extractor: EventExtractor,
) -> None:
    text = (
        "Jets struck Ostrovka on Monday, killing four civilians and three fighters. A radio "
        "station in Dubrava reported on the fighters and the civilians killed in the strikes."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Ostrovka"


def test_a_withdrawal_right_after_a_capture_is_its_other_side(extractor: EventExtractor) -> None:
    """The losing side's view of a capture ("government forces withdrew") is no incident
    of its own: ACLED codes the capture once."""
    text = (
        "Rebels seized Lisna on Monday after two days of fighting.\n"
        "Government troops withdrew from the town."
    )
    (event,) = run(extractor, text)
    assert event.event_type is not EventType.STRATEGIC_DEVELOPMENTS  # the capture's type
    assert event.location is not None and event.location.name == "Lisna"


def test_a_withdrawal_days_after_a_capture_stays_its_own(extractor: EventExtractor) -> None:
    text = (
        "Rebels seized Lisna on Monday after two days of fighting.\n"
        "Government troops withdrew from Dubrava on Thursday."
    )
    assert len(run(extractor, text)) == 2


def test_the_same_dead_told_by_another_source_are_one_incident(extractor: EventExtractor) -> None:
    """A second source in the next sentence tells the same dead of the same strike and
    places it elsewhere (another spelling, a neighbouring town): still the lead's incident."""
    text = (
        "Shelling killed a boy and wounded five people in Ostrovka on Monday.\n"
        "A rescue worker told reporters that a boy was killed and a woman was wounded by "
        "artillery shelling on Dubrava."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Ostrovka"
    assert {c.kind: c.count for c in event.casualties}[CasualtyKind.KILLED] == 1


@pytest.mark.parametrize(
    "second",
    [
        # other dead: another incident
        "A rescue worker told reporters that three men were killed by shelling on Dubrava.",
        # no source retelling it: a list of incidents
        "Shelling killed a boy on Dubrava.",
    ],
)
def test_other_dead_or_an_untold_source_elsewhere_stay_apart(
    extractor: EventExtractor, second: str
) -> None:
    text = "Shelling killed a boy and wounded five people in Ostrovka on Monday.\n" + second
    assert len(run(extractor, text)) == 2


@pytest.mark.parametrize(
    "clause",
    [
        ", which was formed by local youths in March.",
        ", who had been trained abroad in April.",
    ],
)
def test_a_relative_clauses_date_is_no_new_day(extractor: EventExtractor, clause: str) -> None:
    """'the militia, which was formed in March': the militia's date, not the fight's."""
    text = (
        "Six soldiers were killed by rebels near Ostrovka on Monday.\n"
        "During the firefight, no rebels were hurt, according to a statement from the "
        "rebel militia" + clause
    )
    (event,) = run(extractor, text)
    assert event.occurred_on.date == dt.date(2023, 5, 15)


def test_a_day_in_the_sentence_itself_still_parts_incidents(extractor: EventExtractor) -> None:
    text = (
        "Six soldiers were killed by rebels near Ostrovka on Monday.\n"
        "A firefight broke out in Dubrava on Tuesday between the army and the militia, "
        "which was formed in March."
    )
    assert len(run(extractor, text)) == 2


def _attack_draft(anchor: int, place: str, district: str, casualty_only: bool) -> Draft:
    """A draft of one killed at `place` whose sentence starts at anchor * 100."""
    start = anchor * 100
    where = ResolvedPlace(
        text=place,
        name=place,
        geonameid=anchor + 2001,
        country_code="UA",
        admin1_code="UA.14",
        admin2_code=district,
        precision=PlacePrecision.POINT,
        confidence=0.9,
        evidence=TextSpan(start=start, end=start + len(place), text=place),
    )
    typing = Typing(
        EventType.VIOLENCE_AGAINST_CIVILIANS,
        SubEventType.ATTACK.value,
        start + 30,
        start + 35,
        10 if casualty_only else 50,
        casualty_only,
        "attack",
    )
    dead = Casualty(
        kind=CasualtyKind.KILLED,
        count=1,
        confidence=0.9,
        evidence=TextSpan(start=start, end=start + 3, text="one"),
    )
    draft = Draft(anchor, typing, [anchor], anchor, place=where, place_in_sentence=True)
    draft.casualties.append(FoundCasualty(dead, token=0, last=1, sentence=anchor))
    return draft


@pytest.mark.parametrize(
    ("second_district", "place"), [("UA.14.1", "Dubrava"), ("UA.14.2", "Ostrovka")]
)
def test_where_the_act_is_told_in_the_same_district_places_the_incident(
    second_district: str, place: str
) -> None:
    """'A civilian was killed in <town>.' then 'According to the police, gunmen shot him in
    <village>': the act's place, when both lie in one district; not one in another."""
    never = re.compile("(?!)")
    rules = IncidentRules((), never, never, re.compile("according to"), never, never, never)
    drafts = [
        _attack_draft(0, "Ostrovka", "UA.14.1", casualty_only=True),
        _attack_draft(1, "Dubrava", second_district, casualty_only=False),
    ]
    sentences = [Sentence(0, 50, "x" * 50), Sentence(100, 150, "x" * 50)]
    folded = " " * 100 + "according to the police".ljust(100)
    (incident,) = group_incidents(drafts, sentences, folded, rules)
    assert incident.place is not None and incident.place.name == place


def test_a_detail_told_far_down_is_the_only_incident_of_its_kind(
    extractor: EventExtractor,
) -> None:
    """A later report with no day, place or dead of its own retells the story's incident;
    with two earlier incidents of its kind it could be either, and stays apart."""
    story = (
        "A gunman shot dead a shopkeeper in Ostrovka on Monday, police said.\n"
        "The shopkeeper, 52, had run the store for twenty years.\n"
        "Neighbours described him as a quiet man who loved football.\n"
        "His family said he had received no threats.\n"
        "The mayor said the town was shocked.\n"
        "Police have opened an inquiry and are checking cameras.\n"
        "Residents said a man in a red jacket had waited outside for an hour.\n"
        "Witnesses said the man walked in, pulled out a pistol and shot him twice.\n"
    )
    (event,) = run(extractor, story)
    assert event.location is not None and event.location.name == "Ostrovka"
    two_before = story.replace(
        "The shopkeeper, 52,", "A gunman shot dead a teacher in Dubrava on Sunday. The shopkeeper"
    )
    assert len(run(extractor, two_before)) == 3


_SINGER_STORY = (
    "Ivan Kovalenko, a well-known folk singer, was shot dead at a wedding on Sunday.\n"
    "He had recorded eleven albums since 2001.\n"
    "His songs about village life were played on national radio.\n"
    "He toured abroad last year.\n"
    "Critics praised his voice and his humour.\n"
    "He leaves a wife and two daughters.\n"
    "Fans laid flowers outside his house.\n"
    "A concert in his memory is planned for June.\n"
)


def test_a_named_victim_s_killing_retold_far_down_is_one_incident(
    extractor: EventExtractor,
) -> None:
    text = _SINGER_STORY + (
        "On Sunday, armed men burst into the hall in Ostrovka and opened fire on Kovalenko as "
        "he sang."
    )
    events = run(extractor, text, people=("Ivan Kovalenko", "Kovalenko"))
    assert len(events) == 1


def test_a_report_naming_another_victim_too_is_not_the_named_one_s_incident(
    extractor: EventExtractor,
) -> None:
    text = _SINGER_STORY + "On Sunday, gunmen shot Kovalenko's cousin Petro Bondar in Dubrava."
    events = run(extractor, text, people=("Ivan Kovalenko", "Kovalenko", "Petro Bondar"))
    assert [e.location.name if e.location else None for e in events][-1] == "Dubrava"


def test_an_undated_new_attack_and_an_earlier_day_s_dead_are_two_incidents(
    extractor: EventExtractor,
) -> None:
    """Today's ambush and 'On May 12, ...' at the same place, each with its own dead: the
    earlier day is no date of today's ambush, nor its toll."""
    text = (
        "Fighting broke out near Ostrovka after an ambush on an army convoy. "
        "The attackers killed four soldiers before they fled. "
        "On May 12, nine soldiers were killed in clashes near Ostrovka."
    )
    events = run(extractor, text)
    killed = [sum(c.count or 0 for c in e.casualties if c.kind.value == "killed") for e in events]
    assert sorted(zip([str(e.occurred_on.date) for e in events], killed, strict=True)) == [
        ("2023-05-12", 9),
        ("2023-05-17", 4),
    ]


def test_a_sentence_opening_with_the_shelling_names_the_shelling_just_told(
    extractor: EventExtractor,
) -> None:
    # the second sentence tells where the fire came from, not a second shelling
    text = (
        "Artillery units shelled Ostrovka on Monday, wounding four residents.\n"
        "The shelling came from batteries dug in outside Dubrava, local officials said."
    )
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Ostrovka"


def test_a_new_shelling_told_without_the_article_stays_its_own(
    extractor: EventExtractor,
) -> None:
    text = (
        "Artillery units shelled Ostrovka on Monday, wounding four residents.\n"
        "Heavy shelling also hit Dubrava, local officials said."
    )
    events = run(extractor, text)
    assert {e.location.name for e in events if e.location} == {"Ostrovka", "Dubrava"}


def test_a_crowd_taking_to_the_streets_over_a_killing_is_its_own_event(
    extractor: EventExtractor,
) -> None:
    """The demonstration a killing stirred is ACLED's own event; the killing keeps its type."""
    text = (
        "A constable shot dead a taxi driver in Ostrovka on Monday, witnesses said.\n\n"
        "Angry residents later took to the streets of Ostrovka, burning tyres and hurling "
        "stones at officers, who fired tear gas."
    )
    killing, crowd = run(extractor, text)
    assert killing.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS
    assert crowd.event_type in (EventType.PROTESTS, EventType.RIOTS)


def test_a_rally_told_after_the_shots_fired_at_it_is_the_same_incident(
    extractor: EventExtractor,
) -> None:
    text = (
        "Police fired on marchers in Ostrovka on Monday, killing two.\n\n"
        "Hundreds of residents had taken to the streets demanding the arrest of a mayor."
    )
    assert len(run(extractor, text)) == 1
