"""Stop 29 (issue #11): a politician who rallies voters, a protest or a clash still to
come, a politician's "combat", missiles fired in an exercise or a test and a peace deal
known by its year or standing tell no incident, nor does a lead under a headline of
another sense, a prisoner's execution or the bombing a court sentenced someone for, nor
spaceflight, shelled nuts, weapons owned and an office regained; beside the same words,
real reports still do."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from tests.unit.extraction.event_helpers import run

NO_INCIDENT = [
    # rallying people is gathering support, not a crowd protesting
    "The senator rallied hundreds of cheering supporters in Lisna on Saturday.",
    "Party strategists fear the campaign is failing to rally younger voters in Ostrovka.",
    "The premier rallied her MPs behind the budget before the vote in Dubrava.",
    # a protest or a clash still to come
    "Shopkeepers in Lisna said they would close early because of the upcoming protest march.",
    "Police in Ostrovka are preparing for possible clashes at the weekend march.",
    "Organisers of a planned protest in Dubrava met the mayor on Monday.",
    # a politician's fight
    (
        "The ruling in Lisna shows the limits of the governor's power to directly combat "
        "attacks on voting rights."
    ),
    "Combat between the two parties in Lisna has grown bitter.",
    # an exercise's or a test's launches
    (
        "Cruise missiles struck targets at sea and on land near Lisna as part of the annual "
        "strategic exercises, the ministry said."
    ),
    "The army fired rockets at targets near Dubrava during a live-fire drill on Monday.",
    (
        "The north fired what appeared to be the longest-range missile it has tested in years "
        "from near Lisna on Tuesday."
    ),
    # an existing deal, named
    (
        "In the first election in Lisna since the 2016 peace deal with the rebels, the "
        "president promised to revise it."
    ),
    (
        "The comments pointed to the first hitch in implementing the fragile peace deal "
        "between the government and the rebels in Lisna."
    ),
    # a lead under a headline of another sense
    (
        "Evacuee at Lisna base tests positive for coronavirus\n\n"
        "The woman was among a group recently evacuated from Ostrovka."
    ),
    (
        "Man who filed lawsuit against Lisna police wins damages\n\n"
        "The shooting left him paralysed from the waist down."
    ),
    # the death penalty, and a trial's cause
    "An Ostrovka inmate who spent 11 years on death row had pleaded for his execution.",
    (
        "The man, 48, who was on death row in Lisna, was the 13th and final person executed "
        "during the governor's term."
    ),
    "A court in Lisna sentenced two militants to death for the bombing of a market in Dubrava.",
    "Three soldiers were jailed for life for the killings of six villagers in Ostrovka.",
    # spaceflight, food, weapons owned and offices regained
    (
        "A rocket company in Lisna launched its first crewed mission on Saturday, with two "
        "astronauts aboard."
    ),
    "The army launched a spy satellite from Lisna on Tuesday.",
    "Soldiers at the Lisna base were served shelled pistachios on Monday.",
    "Police in Lisna said the militants had been found to possess a chemical weapon.",
    "A man from Lisna was convicted at trial of attempting to possess a chemical weapon.",
    "Troops in Lisna backed the general, who regained the presidency on Monday.",
    "Smugglers caught in Lisna could be sentenced to death by firing squad, officials said.",
    # soldiers who evacuate people from a flood
    "Soldiers rushed to evacuate thousands of people from Lisna on Monday as the floods spread.",
    (
        "The army had been disarmed by 2010, when the opposition leader regained the prime "
        "ministry of Lisna."
    ),
]


@pytest.mark.parametrize("text", NO_INCIDENT)
def test_rallies_plans_and_political_fights_make_no_event(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of supporters rallied in Lisna on Saturday to denounce the new law.",
        "Protesters rallied against the fuel tax outside the town hall in Ostrovka on Monday.",
        "A carefully planned attack on the police post in Dubrava killed three officers.",
        "Police clashed with protesters in Lisna on Tuesday.",
        "Government troops fought rebels in combat near Dubrava on Sunday.",
        "Rebels fired rockets at the army base near Dubrava during the night, killing two.",
        "Militants fired rockets at Ostrovka during a visit by the minister on Monday.",
        "The government and the rebels signed a peace deal in Lisna on Tuesday.",
        "The rebels and the army agreed to a ceasefire in Dubrava on Monday.",
        # a headline over a fresh attack may name its suspect or the hospital
        (
            "Bombing suspect held in Lisna\n\n"
            "A bomb killed five people at a market in Lisna on Monday, police said."
        ),
        (
            "Hospital overwhelmed after Dubrava attack\n\n"
            "Gunmen shot dead six villagers in Dubrava on Monday."
        ),
        "Rebels publicly executed two men accused of spying in Lisna on Friday.",
        "Rebels launched rockets at Lisna on Monday, killing two.",
        "Militants executed five captives by firing squad in Lisna on Monday.",
        "The army evacuated residents of Lisna on Monday after rebels shelled the town.",
        "The army regained control of Ostrovka on Monday after heavy fighting.",
        "Troops shelled rebel positions near Dubrava on Monday.",
        ("Rebels used a chemical weapon against troops in Lisna on Monday, killing four soldiers."),
        "Police arrested two men over the bombing of a market in Dubrava on Monday.",
        (
            "A bomb exploded at a market in Dubrava on Monday, killing four. Two men were "
            "later convicted for the bombing."
        ),
        # the lead only: a headline of another sense says nothing of later paragraphs
        (
            "Lisna lawsuit over flood defences goes to trial\n\n"
            "The trial opened in Lisna on Monday.\n\n"
            "Separately, gunmen shot dead two farmers in Dubrava on Tuesday."
        ),
    ],
)
def test_beside_those_words_real_reports_stay(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) != []
