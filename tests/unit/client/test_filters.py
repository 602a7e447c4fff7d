from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from sitrep.client.filters import EventFilter, casualty_total
from sitrep_contracts import CasualtyKind, EventType, VictimType


def test_empty_filter_accepts_every_event(build) -> None:
    unlocated = build.event(location=None)
    assert EventFilter().matches(build.event())
    assert EventFilter().matches(unlocated)


def test_event_types_keep_only_the_listed_types(build) -> None:
    only_battles = EventFilter(event_types={EventType.BATTLES})

    assert only_battles.matches(build.event(event_type=EventType.BATTLES))
    assert not only_battles.matches(build.event(event_type=EventType.PROTESTS))


def test_event_types_accept_acled_spelling_and_a_single_value() -> None:
    assert EventFilter(event_types=["Battles", "Riots"]).event_types == {
        EventType.BATTLES,
        EventType.RIOTS,
    }
    assert EventFilter(event_types="Protests").event_types == {EventType.PROTESTS}
    with pytest.raises(ValidationError):
        EventFilter(event_types={"Skirmishes"})


def test_country_codes_match_the_location_case_insensitively(build) -> None:
    ukraine = EventFilter(country_codes={"ua"})

    assert ukraine.matches(build.event(location=build.place("Kharkiv", country_code="UA")))
    assert not ukraine.matches(build.event(location=build.place("Belgorod", country_code="RU")))
    assert EventFilter(country_codes="UA").country_codes == {"UA"}  # not {"U", "A"}


def test_country_filter_rejects_events_without_a_known_country(build) -> None:
    ukraine = EventFilter(country_codes={"UA"})

    assert not ukraine.matches(build.event(location=None))
    assert not ukraine.matches(build.event(location=build.place("Donbas", country_code=None)))


def test_since_and_until_bound_the_occurrence_day_inclusively(build) -> None:
    september = EventFilter(since=dt.date(2022, 9, 1), until=dt.date(2022, 9, 30))

    assert september.matches(build.event(occurred_on=dt.date(2022, 9, 1)))
    assert september.matches(build.event(occurred_on=dt.date(2022, 9, 30)))
    assert not september.matches(build.event(occurred_on=dt.date(2022, 8, 31)))
    assert not september.matches(build.event(occurred_on=dt.date(2022, 10, 1)))


def test_since_looks_at_the_occurrence_day_not_the_publication(build) -> None:
    # Published 2022-09-09 about a strike on 2022-09-08.
    event = build.event(occurred_on=dt.date(2022, 9, 8))

    assert not EventFilter(since=dt.date(2022, 9, 9)).matches(event)


def test_min_killed_counts_only_deaths(build) -> None:
    event = build.event(casualties=[build.killed(2), build.injured(40)])

    assert EventFilter(min_killed=2).matches(event)
    assert not EventFilter(min_killed=3).matches(event)
    assert not EventFilter(min_killed=1).matches(build.event(casualties=[]))


def test_min_casualties_counts_killed_and_injured_together(build) -> None:
    event = build.event(casualties=[build.killed(2), build.injured(5)])

    assert EventFilter(min_casualties=7).matches(event)
    assert not EventFilter(min_casualties=8).matches(event)


def test_every_condition_must_hold(build) -> None:
    wanted = EventFilter(
        event_types={EventType.EXPLOSIONS_REMOTE_VIOLENCE},
        country_codes={"UA"},
        min_killed=1,
        since=dt.date(2022, 9, 1),
    )
    good = build.event(casualties=[build.killed(2)])

    assert wanted.matches(good)
    assert not wanted.matches(build.event(casualties=[]))
    assert not wanted.matches(
        build.event(casualties=[build.killed(2)], event_type=EventType.BATTLES)
    )
    assert not wanted.matches(
        build.event(casualties=[build.killed(2)], occurred_on=dt.date(2022, 8, 1))
    )


def test_negative_thresholds_are_rejected() -> None:
    with pytest.raises(ValidationError):
        EventFilter(min_killed=-1)


def test_casualty_total_adds_distinct_victim_groups(build) -> None:
    event = build.event(
        casualties=[
            build.killed(5, victim_type=VictimType.CIVILIANS),
            build.killed(3, victim_type=VictimType.MILITARY),
        ]
    )

    assert casualty_total(event, CasualtyKind.KILLED) == 8


def test_casualty_total_takes_the_largest_report_for_one_group(build) -> None:
    # "Two killed, officials said ... three killed, the governor said later."
    event = build.event(casualties=[build.killed(2), build.killed(3)])

    assert casualty_total(event, CasualtyKind.KILLED) == 3


def test_casualty_total_does_not_double_count_an_included_subgroup(build) -> None:
    # "12 people were killed, including 5 civilians."
    event = build.event(
        casualties=[build.killed(12), build.killed(5, victim_type=VictimType.CIVILIANS)]
    )

    assert casualty_total(event, CasualtyKind.KILLED) == 12


def test_casualty_total_uses_the_lower_bound_without_a_best_count(build) -> None:
    event = build.event(casualties=[build.killed(None, min=10, max=20), build.injured(None)])

    assert casualty_total(event, CasualtyKind.KILLED) == 10
    assert casualty_total(event, CasualtyKind.INJURED) == 0
    assert casualty_total(event, CasualtyKind.MISSING) == 0
