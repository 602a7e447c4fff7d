"""Round 17 (issue #11): parliamentary politics and the entertainment pages, with the gate
forced open.

Their war words tell no incident (a past bombing as a period's start, a fighting negated,
an election's three-way battle, a weapon banned, a performer who storms a stage, a soap's
episode, a work about a war, an attack judged likely, a withdrawal planned); beside the
same words, and in the same sentence, real reports still do.
"""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from tests.unit.extraction.event_helpers import run

POLITICS_AND_SCREEN = [
    # a dated past incident as the start of a period
    "The agency said it had stopped four plots since the Ostrovka station bombings of March 2009.",
    "Airport checks have grown slower since the 2011 airport bombing in Lisna, travellers say.",
    "Security at stations in Lisna has been tightened since the 7 July bombings.",
    "The minister said the threat had grown since the Ostrovka train bombings.",
    # a fighting negated through "any" or "a single"
    "The new drama in Dubrava does not show any fighting at all.",
    "The documentary never shows a single battle, only the soldiers' letters home.",
    # a comparison's name
    (
        'The campaigners said the orders were "house arrest by another name" and had pushed '
        "young men towards the extremists."
    ),
    # an election's contest of so many sides
    (
        "The race in Lisna has become a three-way battle between Labour, the Greens and the "
        "Conservatives."
    ),
    "The by-election in Lisna has turned into a three-way battle between the main parties.",
    "The mayoral race in Dubrava is a three-way battle, pollsters say.",
    # a weapon banned by law or treaty
    "We outlawed landmines because they keep killing long after the guns fall silent.",
    "Dubrava's assembly voted to ban landmines and cluster bombs.",
    # bombarded with offers, letters or complaints
    "Customers in Dubrava have been bombarded with offers of cheap loans.",
    "Students bombarded the council with complaints about the bus timetable.",
    # a performer who storms a stage
    "The singer stormed the stage in Lisna to open the festival's last night.",
    "The band stormed onto the main stage and played their biggest hit.",
    # a performer who launches into a song, and a charity named after a weapon
    "The singer ran on and launched straight into the band's biggest hit, Grenade.",
    "The charity Landmine Action said it was encouraged by the vote.",
    # an attack judged likely, not reported
    (
        "Ms Harker said the threat from the militants was real and that an attack on Lisna "
        "was highly likely."
    ),
    "The chief constable said another bombing in Lisna was inevitable.",
    "Officials said a terrorist attack was only a matter of time.",
    # a firm's assault on its rivals, an arrest's suspicion, the inbox's gangs
    "The search engine launched a fresh assault on its rivals with a new mail service.",
    ("The singer was arrested on suspicion of assault after a fight with a photographer in Lisna."),
    "Phishing gangs targeted customers of three banks in Lisna this week.",
    # a party routed at the polls
    "Tory candidates were slaughtered in Lisna, losing all nine seats.",
    # a work about its subject, an actor's part, a bomb hoax
    "The documentary reveals how soldiers tortured prisoners at a camp near Lisna.",
    "The play, about a suicide bomber, opened in Lisna last night.",
    "The channel will show a documentary about the Lisna massacre on Sunday.",
    "The soldier-turned-author describes how rebels ambushed his patrol outside Lisna.",
    "The actor, who plays a sniper, spent weeks learning to fire a rifle.",
    "The concert in Lisna was evacuated after a bomb hoax.",
    # hearts and minds, a game called a murder simulator, a work's title, jokes about a war
    "Mr Kerr said the government had lost the battle for hearts and minds in Lisna.",
    "Critics called the game a murder simulator.",
    "Sniper Elite, the new game from the Lisna studio, sold 200,000 copies.",
    "The band's new single, Car Bomb, has been banned by radio stations in Lisna.",
    "The comedian was attacked by critics for his jokes about the bombings.",
    # a past bombing named by its victims' families, a withdrawal planned, a war on the cheap
    ("Families of the victims of the Lisna bombing have launched a civil action against five men."),
    "The government will publish its plans for the troops' withdrawal from Lisna next week.",
    "The Tories accused ministers of fighting a war on the cheap.",
    # a soap's or a drama's episode
    "Millions watched as the landlord of the Crown was shot dead in Monday's episode.",
    (
        "The character, played by Ian Moss for ten years, is killed off in a shoot-out with "
        "police in next week's episode."
    ),
    (
        "The soap's writers blew up the Lisna pub in a Christmas explosion that killed three "
        "characters."
    ),
    "The drama's final episode, in which the hero is shot by a sniper, drew 9 million viewers.",
]


@pytest.mark.parametrize("text", POLITICS_AND_SCREEN)
def test_politics_and_screen_words_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        (
            "Gunmen attacked a bus station in Ostrovka on Monday, killing six, the worst attack "
            "since the bombings of March 2009."
        ),
        "Rebels shelled Lisna on Monday, killing five, a week since the last attack on the town.",
        (
            "Rebels shelled Dubrava on Monday, killing two, the heaviest fire since the "
            "attacks in the north last month."
        ),
        "Residents said soldiers did not show any mercy when they shelled Lisna on Monday.",
        "Soldiers placed the opposition leader under house arrest in Dubrava on Monday.",
        (
            "A three-way battle between rebels, the army and a militia raged in Lisna on "
            "Monday, killing nine."
        ),
        "Rebels laid landmines on the road to Ostrovka on Monday, killing two farmers.",
        "Soldiers bombarded Dubrava with rockets on Monday, killing three civilians.",
        (
            "Protesters stormed the stage at the governor's rally in Lisna on Monday, and "
            "police fired tear gas."
        ),
        "Gunmen stormed the theatre in Ostrovka on Monday and took 40 people hostage.",
        "Rebels launched rockets into Lisna on Monday, killing four.",
        "A landmine planted by rebels killed two soldiers near Lisna on Monday, the charity said.",
        "In the latest episode of violence in Lisna, gunmen killed five villagers on Monday.",
        (
            "Rebels shot dead four teachers in Lisna on Monday, in an episode the army called "
            "a massacre."
        ),
        "During the episode, police fired tear gas at protesters in Lisna on Monday.",
        "The attack was expected, residents said, after rebels massed outside Lisna on Sunday.",
        "Gunmen launched an attack on rival gang members in Lisna on Monday, killing four.",
        # a real incident in the sentence that holds one of the round's phrases
        (
            "Rebels attacked a training centre in Lisna on Monday that housed a combat "
            "simulator, killing four guards."
        ),
        (
            "Protesters stormed the stage at a concert in Lisna on Monday and police fired "
            "tear gas at the crowd."
        ),
        (
            "Police raided six homes in Lisna on Monday and arrested three militants, the "
            "biggest raid since the 7 July bombings."
        ),
        (
            "Rebels bombed the market in Lisna on Monday, killing six, though officials said "
            "no fighting took place."
        ),
        "Rebels attacked Lisna on Monday, killing six; officials said further attacks were likely.",
        (
            "Soldiers shelled Lisna on Monday, killing six, in what critics called internment "
            "by another name."
        ),
        (
            "Rebels ambushed a convoy near Lisna on Monday, killing six, in the latest battle "
            "for hearts and minds."
        ),
        (
            "Gunmen killed six people at a comedy club in Lisna on Monday after a comedian's "
            "jokes about the war."
        ),
        (
            "Militants bombarded Lisna with rockets on Monday after residents were bombarded "
            "with leaflets, killing six."
        ),
        "Rebels shot dead the singer in Lisna on Monday as he launched into his biggest hit.",
        (
            "Rebels bombed the market in Lisna on Monday, and families of the victims of the "
            "bombing gathered at the hospital."
        ),
        (
            "A suicide bomber killed 12 people in Lisna on Monday; relatives of those killed in "
            "the attack blocked the main road in protest."
        ),
        "Rebels completed their withdrawal from Lisna on Monday, handing the town to the army.",
        (
            "Soldiers withdrew from Lisna on Monday under a deal, despite calls for a withdrawal "
            "from the whole province."
        ),
        "A witness described how rebels ambushed the bus outside Lisna on Monday, killing six.",
        "A bombing in Lisna on Monday that killed six was likely planned by rebels, police said.",
        (
            "A report by the monitors reveals how soldiers tortured prisoners at a camp near "
            "Lisna last week."
        ),
        ("Rebels shelled Lisna on Monday, hitting a cinema that was showing a film about the war."),
        ("The market in Lisna was evacuated on Monday after rebels planted a bomb near the gate."),
        "Police said the bomb that exploded in Lisna on Monday was not a hoax, and it killed two.",
        (
            "Two candidates were massacred by gunmen in Lisna on Monday, weeks before they "
            "lost their chance to stand."
        ),
        (
            "The militia launched an assault on its rivals in Dubrava on Monday, killing nine "
            "fighters."
        ),
        (
            "Soldiers in Lisna were charged with assault after beating protesters at a "
            "checkpoint on Monday."
        ),
        (
            "Rebels attacked Lisna on Monday, killing six. A new assault on Dubrava is likely, "
            "the army said."
        ),
    ],
)
def test_beside_politics_and_screen_words_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []
