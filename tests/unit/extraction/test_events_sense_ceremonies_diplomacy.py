"""Round 18 (issue #11): the defence desk's ceremonies and the diplomacy around a war,
with the gate forced open.

A salute, a parade, a drill's mock target, a flag handed over, an envoy summoned, a call
for a truce or a truce that holds, a war told by a span of years and the open questions
of a settlement tell no incident; beside the same words, real reports still do.
"""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from tests.unit.extraction.event_helpers import run

CEREMONIES_AND_DIPLOMACY = [
    # a salute fired with blanks, units on parade
    "The ceremony in Lisna closed with a salute of 21 guns fired from the castle walls.",
    "A salute of guns was fired as the new president of Dubrava took the oath.",
    "Soldiers fired with blanks as the column passed the town hall in Dubrava.",
    "The paratroopers marched past the stand in Dubrava on Sunday.",
    # a drill's pretend target, a vehicle named by its role, a range's targets
    "Troops in Ostrovka launched an assault on a mock village built of shipping containers.",
    "Soldiers in infantry fighting vehicles drove through Dubrava on Monday.",
    "Army gunners fired live rounds onto target areas near Ostrovka on Monday.",
    "The hillside near Dubrava, fenced off by the army for decades, was declared free of "
    "landmines on Thursday.",
    # a capability, a flag handed over, a handover still to come
    "Officials in Lisna would not say what offensive capability the new army unit has.",
    "At the ceremony in Dubrava, the regiment's flag was handed over to its new commander.",
    "The plan calls for three army bases near Ostrovka to be handed over to the police by June.",
    # an envoy summoned, a protest lodged, demonstrations banned in general
    "The ministry in Lisna summoned the ambassador to protest against the remarks.",
    "The government in Dubrava lodged a formal protest with its neighbour over the remarks.",
    (
        "Opposition leaders in Lisna accuse a government that has banned demonstrations of "
        "fearing the vote."
    ),
    # a call for a truce, a truce that holds, the time since one
    "The council passed a resolution on Lisna calling for an immediate humanitarian truce.",
    "A year on, the truce in Dubrava is holding and the schools have reopened.",
    "Two years after the ceasefire in Ostrovka, families are rebuilding their homes.",
    # an attack not mentioned
    "The envoy complained that the statement did not mention the rebel attack on Lisna.",
    # a war told by a span of years, years of fighting, a settlement's open questions
    "The war between the army and the rebels killed about 40,000 people between 1975 and 1992.",
    "The law covers rebels who fought the army around Lisna between 2009 and 2016.",
    "The accord ended six years of fighting between the army and the rebels around Lisna.",
    "The sticking points include the withdrawal of troops from Dubrava and the release of "
    "prisoners.",
    "The law would not cover war crimes, crimes against humanity and sexual violence by "
    "soldiers in Lisna.",
]


@pytest.mark.parametrize("text", CEREMONIES_AND_DIPLOMACY)
def test_ceremonies_and_diplomacy_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Police fired live rounds at protesters in Dubrava on Monday, killing two.",
        "Rebels fired rockets at military targets in Lisna on Monday, killing three soldiers.",
        "Soldiers fired on protesters who defied a ban on rallies in Ostrovka on Sunday.",
        "The two sides agreed to a ceasefire in Dubrava on Monday after the UN called for a truce.",
        (
            "Rebels who had fought the army between 2009 and 2016 attacked Lisna on Monday, "
            "killing five soldiers."
        ),
        "Rebels handed over the town of Ostrovka to the army on Monday under the deal.",
        "The ministry condemned the rebel attack on Lisna on Monday, which killed six soldiers.",
        "Troops launched an assault on the rebel-held village of Dubrava on Monday, killing four.",
        "Thousands of protesters marched through Ostrovka on Sunday against the new tax.",
        (
            "The ministry summoned the ambassador after rebels attacked the embassy in Lisna, "
            "killing two guards."
        ),
        "A salute of 21 guns had begun when gunmen opened fire on the crowd in Dubrava.",
        (
            "The marchers' demands include fresh elections, and police fired tear gas at "
            "them in Lisna on Monday."
        ),
        (
            "Police fired tear gas at a march in Ostrovka on Sunday, a week after the junta "
            "banned demonstrations."
        ),
    ],
)
def test_beside_ceremonies_and_diplomacy_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []
