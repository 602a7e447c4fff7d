"""Dates resolve against the article's publication time."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extraction.events import EventExtractor
from sitrep.extraction.events.dates import choose_date, find_dates
from sitrep.extraction.events.text import fold
from sitrep_contracts import DatePrecision
from tests.unit.extraction.event_helpers import run

#: A Wednesday.
PUBLISHED = dt.date(2023, 5, 17)


def resolve(text: str) -> tuple[dt.date, DatePrecision, str]:
    mentions = find_dates(text, fold(text), 0, len(text), PUBLISHED)
    date = choose_date(text, mentions, PUBLISHED)
    return date.date, date.precision, date.resolved_from


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones hit the depot on Monday.", (dt.date(2023, 5, 15), DatePrecision.DAY, "relative")),
        ("Drones hit the depot on Wednesday.", (PUBLISHED, DatePrecision.DAY, "relative")),
        (
            "Drones hit the depot on Thursday.",
            (dt.date(2023, 5, 11), DatePrecision.DAY, "relative"),
        ),
        ("Drones hit the depot yesterday.", (dt.date(2023, 5, 16), DatePrecision.DAY, "relative")),
        (
            "On 3 February 2023, drones hit the depot.",
            (dt.date(2023, 2, 3), DatePrecision.DAY, "explicit"),
        ),
        (
            "Drones hit the depot on April 30.",
            (dt.date(2023, 4, 30), DatePrecision.DAY, "explicit"),
        ),
        (
            # early, mid and late: ten-day spans from the 1st, 11th and 21st
            "Drones hit the depot in late March.",
            (dt.date(2023, 3, 21), DatePrecision.WEEK, "explicit"),
        ),
        (
            "Rebels seized the town at the end of April.",
            (dt.date(2023, 4, 21), DatePrecision.WEEK, "explicit"),
        ),
        (
            "Rebels seized the town in late 2014.",
            (dt.date(2014, 9, 1), DatePrecision.YEAR, "explicit"),
        ),
        ("Rebels seized the town in 2019.", (dt.date(2019, 1, 1), DatePrecision.YEAR, "explicit")),
        (
            # the year of the thing named: "a 2016 peace agreement"
            "The dissidents reject a 2016 peace agreement.",
            (dt.date(2016, 1, 1), DatePrecision.YEAR, "explicit"),
        ),
        (
            "Rebels seized the town last September.",
            (dt.date(2022, 9, 1), DatePrecision.MONTH, "relative"),
        ),
        (
            "Rebels seized the town in July last year.",
            (dt.date(2022, 7, 1), DatePrecision.MONTH, "relative"),
        ),
        (
            "Rebels seized the town three days ago.",
            (dt.date(2023, 5, 14), DatePrecision.DAY, "relative"),
        ),
        (
            "The officer was killed on 08/12/2020.",
            (dt.date(2020, 12, 8), DatePrecision.DAY, "explicit"),
        ),
        ("Drones hit the depot last week.", (dt.date(2023, 5, 8), DatePrecision.WEEK, "relative")),
        (
            # before a morning publication, mostly the day before
            "Nine fighters were killed over the past 24 hours.",
            (dt.date(2023, 5, 16), DatePrecision.DAY, "relative"),
        ),
        (
            "Last year, three students died after being shot.",
            (dt.date(2022, 1, 1), DatePrecision.YEAR, "relative"),
        ),
        (
            "The city has had no power for the third consecutive day.",
            (PUBLISHED, DatePrecision.DAY, "relative"),
        ),
        (
            "In the spring of 1944 his company fought at Kohima for sixteen days.",
            (dt.date(1944, 3, 1), DatePrecision.YEAR, "explicit"),
        ),
    ],
)
def test_dates_resolve_against_publication(text: str, expected: tuple[object, ...]) -> None:
    assert resolve(text) == expected


def test_a_day_after_publication_without_year_is_last_year() -> None:
    assert resolve("Drones hit the depot on 20 December.")[0] == dt.date(2022, 12, 20)


def test_no_date_falls_back_to_publication_with_low_confidence() -> None:
    text = "Drones hit the depot."
    date = choose_date(text, find_dates(text, fold(text), 0, len(text), PUBLISHED), PUBLISHED)
    assert (date.date, date.resolved_from) == (PUBLISHED, "publication")
    assert date.confidence < 0.5
    assert date.evidence is None


def test_event_date_preferred_over_reporting_date() -> None:
    text = "The mayor said on Tuesday that drones hit the depot on Sunday."
    assert resolve(text)[0] == dt.date(2023, 5, 14)


def test_date_evidence_offsets_are_exact() -> None:
    text = "Shelling resumed on Saturday morning."
    date = choose_date(text, find_dates(text, fold(text), 0, len(text), PUBLISHED), PUBLISHED)
    assert date.evidence is not None
    assert text[date.evidence.start : date.evidence.end] == date.evidence.text == "on Saturday"


def test_a_weekday_after_will_is_the_coming_one() -> None:
    text = "A two-day curfew will start on Tuesday at dawn."
    (mention,) = find_dates(text, fold(text), 0, len(text), PUBLISHED)
    assert mention.date == dt.date(2023, 5, 23)
    assert resolve(text)[2] == "publication"  # no event's day


def test_recalled_is_no_reporting_verb() -> None:
    # "recalled" ends like "called": the date is the clash's, not when something was said
    text = "It will be recalled that in October 2020 a clash killed many residents."
    (mention,) = find_dates(text, fold(text), 0, len(text), PUBLISHED)
    assert (mention.date, mention.reporting) == (dt.date(2020, 10, 1), False)


def test_the_day_of_a_statement_is_when_it_was_said() -> None:
    text = "The firefight lasted for an hour, the army said in a statement Thursday."
    (mention,) = find_dates(text, fold(text), 0, len(text), PUBLISHED)
    assert mention.reporting


@pytest.mark.parametrize(
    "claim", ["The rebels claimed the ambush on Tuesday.", "A rebel group claims the attack today."]
)
def test_the_day_an_attack_is_claimed_is_not_its_day(extractor: EventExtractor, claim: str) -> None:
    text = (
        "Rebels ambushed a convoy near Ostrovka on Monday, killing four guards, officials said."
        "\n\n" + claim
    )
    (event,) = run(extractor, text)
    assert event.occurred_on is not None and str(event.occurred_on.date) == "2023-05-15"


def test_overnight_in_a_past_perfect_sequel_keeps_the_day_told_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Two guards were shot dead on Monday during a gunfight with rebels in Ostrovka, "
        "officials said. The rebels had tried to advance toward the bridge overnight, "
        "residents said."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on is not None and str(event.occurred_on.date) == "2023-05-15"
