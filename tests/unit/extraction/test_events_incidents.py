"""One event per incident: the sentences that tell one happening become one event."""

from __future__ import annotations

import datetime as dt

from sitrep.extraction.events import EventExtractor
from sitrep_contracts import CasualtyKind
from tests.unit.extraction.event_helpers import run


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
