"""Attacks told with their victim as the object, and deaths told in the next sentence."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from sitrep_contracts import CasualtyKind, EnrichedEvent, SubEventType
from tests.unit.extraction.event_helpers import run


def killed(event: EnrichedEvent) -> int:
    return sum(c.count or c.min or 0 for c in event.casualties if c.kind is CasualtyKind.KILLED)


@pytest.mark.parametrize(
    "text",
    [
        "Masked men shot an elderly farmer outside Ostrovka on Monday.",
        "Two riders on a scooter shot the young teacher near the school in Dubrava.",
        "Unknown attackers shot three policemen at a roadblock near Lisna on Friday.",
        "Gunmen shot a shop owner in the market of Dubrava late on Sunday.",
    ],
)
def test_shot_with_a_person_as_object_is_an_event(extractor: EventExtractor, text: str) -> None:
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The students shot a short film about farmers in Ostrovka last summer.",
        "She shot footage of the villagers dancing at the fair in Dubrava.",
        "He shot a family video at the lake near Lisna on Sunday.",
        "A hacker hacked the council's website in Ostrovka on Monday.",
    ],
)
def test_shot_or_hacked_with_no_person_object_is_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Raiders hacked a herder to death near Ostrovka on Tuesday night.", 1),
        ("Armed youths hacked nine villagers to death in Lisna on Sunday.", 9),
        ("Militiamen clubbed a trader to death in Dubrava on Friday.", 1),
    ],
)
def test_an_act_told_around_its_victims_to_death_kills_them(
    extractor: EventExtractor, text: str, dead: int
) -> None:
    (event,) = run(extractor, text)
    assert killed(event) == dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "Gunmen attacked a bank in Ostrovka on Monday. Both guards died before they "
            "reached hospital.",
            2,
        ),
        (
            "Raiders stabbed a trader in Lisna on Monday. Doctors at the hospital declared "
            "him dead an hour later.",
            1,
        ),
        ("Raiders stabbed a trader in Lisna on Monday. He bled to death on the pavement.", 1),
        (
            "Militants attacked a hamlet near Dubrava on Monday. Twelve villagers lost their "
            "lives.",
            12,
        ),
    ],
)
def test_a_death_told_in_the_next_sentence_is_the_attack_s_toll(
    extractor: EventExtractor, text: str, dead: int
) -> None:
    (event,) = run(extractor, text)
    assert killed(event) == dead


def test_both_joining_two_groups_counts_nobody(extractor: EventExtractor) -> None:
    text = "Shelling hit Ostrovka on Monday; both soldiers and civilians were killed."
    (event,) = run(extractor, text)
    assert killed(event) == 0


def test_a_lobbed_grenade_is_a_grenade_attack(extractor: EventExtractor) -> None:
    text = "A man lobbed a grenade into a bar in Dubrava on Saturday, wounding four drinkers."
    (event,) = run(extractor, text)
    assert event.sub_event_type == SubEventType.GRENADE.value


def test_a_manhunt_launched_after_an_attack_is_no_strike(extractor: EventExtractor) -> None:
    text = (
        "Two militants opened fire on a trader in Lisna on Tuesday. His brother spoke at "
        "the funeral on Wednesday. Security forces have launched a massive search operation "
        "in the area."
    )
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Soldiers neutralised 7 bandits in a forest near Ostrovka on Friday, the army said.", 7),
        (
            "Troops ambushed a column of insurgents near Lisna on Thursday, neutralising 9 of "
            "them and seizing four rifles.",
            9,
        ),
    ],
)
def test_fighters_neutralised_are_killed_in_a_battle(
    extractor: EventExtractor, text: str, dead: int
) -> None:
    (event,) = run(extractor, text)
    assert event.event_type.value == "Battles"
    assert killed(event) == dead


def test_munitions_neutralised_are_a_disrupted_weapon_and_no_toll(
    extractor: EventExtractor,
) -> None:
    text = "Deminers neutralized 14 Russian PTM-1 cluster submunitions near Dubrava on Monday."
    (event,) = run(extractor, text)
    assert event.sub_event_type == SubEventType.DISRUPTED_WEAPONS_USE.value
    assert killed(event) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Bandits raided a farm near Ostrovka on Monday. Three workers died at the scene.",
        (
            "Bandits raided a farm near Ostrovka on Monday. Three workers died before they "
            "could be taken to a clinic."
        ),
    ],
)
def test_dying_at_a_place_or_before_help_came_is_a_toll(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = run(extractor, text)
    assert killed(event) == 3


def test_a_death_in_a_later_clause_of_the_same_sentence_is_the_toll(
    extractor: EventExtractor,
) -> None:
    text = (
        "Robbers knifed a cobbler in Dubrava on Sunday night and dumped him behind a garage, "
        "where he bled to death."
    )
    (event,) = run(extractor, text)
    assert killed(event) == 1


def test_rebels_torching_machines_destroy_property(extractor: EventExtractor) -> None:
    text = "Rebels torched two tractors of a road builder near Lisna on Wednesday."
    (event,) = run(extractor, text)
    assert event.sub_event_type == SubEventType.LOOTING_PROPERTY_DESTRUCTION.value


def test_a_winger_torching_a_defence_destroys_nothing(extractor: EventExtractor) -> None:
    assert run(extractor, "The young winger torched the visitors' defence in Lisna.") == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Three guards were martyred when raiders attacked a post near Lisna on Monday.", 3),
        (
            "Militiamen raided Dubrava on Monday. Two old women who could not run were burned "
            "alive in their huts.",
            2,
        ),
        ("Raiders stormed Ostrovka on Sunday, rounding up men and executing six of them.", 6),
    ],
)
def test_deaths_told_by_their_manner_are_the_toll(
    extractor: EventExtractor, text: str, dead: int
) -> None:
    (event,) = run(extractor, text)
    assert killed(event) == dead


def test_a_cordon_launched_after_a_gunfight_is_no_strike(extractor: EventExtractor) -> None:
    text = (
        "Two rebels were killed in a gunfight with troops in Lisna on Thursday. Acting on a "
        "tip, soldiers had launched a cordon in the orchards late on Wednesday."
    )
    assert len(run(extractor, text)) == 1


def test_gunmen_invading_a_village_attack_it(extractor: EventExtractor) -> None:
    text = "Gunmen invaded a hill village near Lisna on Sunday night and carted away cattle."
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Jubilant fans invaded the pitch in Lisna after the final whistle on Sunday.",
        "Weeds have invaded the old railway yards of Dubrava.",
    ],
)
def test_invading_what_is_no_settlement_is_no_attack(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        (
            "Bandits kidnapped four traders on the road to Lisna on Monday. The regional "
            "police in Dubrava confirmed the abduction."
        ),
        (
            "Rebels hacked seven fishermen to death in Ostrovka overnight. The army in "
            "Dubrava confirmed the attack but gave no toll."
        ),
    ],
)
def test_an_incident_confirmed_later_is_the_same_incident(
    extractor: EventExtractor, text: str
) -> None:
    assert len(run(extractor, text)) == 1


@pytest.mark.parametrize(
    ("text", "dead", "sub_event"),
    [
        (
            "Insurgents planted a bomb on the road to Lisna that killed two gendarmes on Monday.",
            2,
            SubEventType.REMOTE_EXPLOSIVE,
        ),
        (
            "Raiders slit the throat of a herder near Dubrava on Friday.",
            1,
            SubEventType.ATTACK,
        ),
        ("Gunmen killed a village elder in Ostrovka on Monday.", 1, SubEventType.ATTACK),
        (
            "A drone struck a van near Lisna on Monday, killing its three occupants.",
            3,
            SubEventType.AIR_DRONE_STRIKE,
        ),
    ],
)
def test_more_ways_to_tell_an_attack_and_its_dead(
    extractor: EventExtractor, text: str, dead: int, sub_event: SubEventType
) -> None:
    (event,) = run(extractor, text)
    assert event.sub_event_type == sub_event.value
    assert killed(event) == dead
