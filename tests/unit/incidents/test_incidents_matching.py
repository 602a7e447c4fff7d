"""The matching rule and toll choice, on typed events with no broker."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitrep.incidents.offline import OfflineIncidents
from sitrep.incidents.rules import default_rules
from sitrep_contracts import (
    Casualty,
    CasualtyKind,
    DatePrecision,
    EnrichedEvent,
    EventType,
    IncidentStatus,
    PlacePrecision,
    Qualifier,
    TollRule,
)
from tests.incidents_events import (
    BAKHMUT,
    BELGOROD,
    DONETSK_OBLAST,
    KHARKIV,
    SOLEDAR,
    T0,
    event,
    hours,
    place,
    span,
)


def incident_count(stage: OfflineIncidents) -> int:
    return len(stage.latest)


def killed(stage: OfflineIncidents, event_id: str) -> tuple[int, TollRule, str]:
    toll = next(t for t in stage.incident_of(event_id).tolls if t.kind is CasualtyKind.KILLED)
    return toll.count, toll.rule, toll.event_id


def test_reports_through_the_day_make_one_incident_whose_toll_is_the_latest_not_a_sum() -> None:
    stage = OfflineIncidents()
    stage.feed(event("a", killed=5, qualifier=Qualifier.AT_LEAST))
    stage.feed(event("b", killed=12, published_at=T0 + hours(6)))
    stage.feed(event("c", killed=12, published_at=T0 + hours(24), occurred_on=dt.date(2022, 9, 8)))
    assert incident_count(stage) == 1
    incident = stage.incident_of("a")
    assert [r.event_id for r in incident.reports] == ["a", "b", "c"]
    assert killed(stage, "a") == (12, TollRule.LATEST_CREDIBLE, "c")
    assert incident.revision == 3
    assert incident.first_reported_at == T0
    assert incident.last_reported_at == T0 + hours(24)


def test_a_doubtful_later_report_does_not_replace_a_credible_toll() -> None:
    stage = OfflineIncidents()
    stage.feed(event("a", killed=7))
    stage.feed(event("b", killed=3, published_at=T0 + hours(2), confidence=0.3))
    assert killed(stage, "a") == (7, TollRule.LATEST_CREDIBLE, "a")


def test_without_a_credible_report_the_latest_figure_is_taken_and_said_so() -> None:
    stage = OfflineIncidents()
    stage.feed(event("a", killed=2, confidence=0.3))
    stage.feed(event("b", killed=4, published_at=T0 + hours(2), confidence=0.3))
    assert killed(stage, "a") == (4, TollRule.LATEST_ANY, "b")


def test_a_town_merges_with_its_region_but_not_with_another_region() -> None:
    stage = OfflineIncidents()
    stage.feed(event("town", location=BAKHMUT))
    stage.feed(event("oblast", location=DONETSK_OBLAST, published_at=T0 + hours(1)))
    stage.feed(event("elsewhere", location=KHARKIV, published_at=T0 + hours(2)))
    assert stage.incident_of("town") == stage.incident_of("oblast")
    assert stage.incident_of("town").place == BAKHMUT  # the most precise place is shown
    assert incident_count(stage) == 2


def test_never_across_countries_even_at_the_same_point() -> None:
    stage = OfflineIncidents()
    across = place(
        "Belgorod", BELGOROD.latitude, BELGOROD.longitude, country_code="UA", admin1_code=None
    )
    stage.feed(event("ru", location=BELGOROD))
    stage.feed(event("ua", location=across))
    assert incident_count(stage) == 2


def test_neighbouring_villages_are_separate_incidents_the_same_town_is_not() -> None:
    stage = OfflineIncidents()
    stage.feed(event("bakhmut-1", location=BAKHMUT))
    stage.feed(event("soledar", location=SOLEDAR))  # 12 km away
    near = place("Bakhmut outskirts", 48.62, 38.03)  # 3 km away, no GeoNames id
    stage.feed(event("outskirts", location=near))
    assert stage.incident_of("bakhmut-1") == stage.incident_of("outskirts")
    assert stage.incident_of("soledar") != stage.incident_of("bakhmut-1")


def test_dates_must_overlap_within_the_precision_window() -> None:
    stage = OfflineIncidents()
    stage.feed(event("d8", occurred_on=dt.date(2022, 9, 8)))
    stage.feed(event("d9", occurred_on=dt.date(2022, 9, 9)))  # a day off: overnight
    stage.feed(event("d11", occurred_on=dt.date(2022, 9, 11)))
    stage.feed(event("d10", occurred_on=dt.date(2022, 9, 10)))  # two days off: another
    stage.feed(event("week", occurred_on=dt.date(2022, 9, 5), precision=DatePrecision.WEEK))
    stage.feed(event("month", occurred_on=dt.date(2022, 9, 1), precision=DatePrecision.MONTH))
    assert stage.incident_of("d8") == stage.incident_of("d9") == stage.incident_of("week")
    assert stage.incident_of("d10") != stage.incident_of("d8")
    assert len(stage.incident_of("month").reports) == 1


def test_reports_without_any_figure_never_merge() -> None:
    """Nothing to count twice, nothing to tell two toll-less shellings of a town apart."""
    stage = OfflineIncidents()
    stage.feed(event("quiet-1", killed=None))
    stage.feed(event("quiet-2", killed=None, published_at=T0 + hours(1)))
    stage.feed(event("injured-only", killed=None, injured=4))
    stage.feed(event("injured-later", killed=None, injured=6, published_at=T0 + hours(2)))
    assert stage.incident_of("quiet-1") != stage.incident_of("quiet-2")
    assert stage.incident_of("injured-only") == stage.incident_of("injured-later")


def test_a_recap_days_later_joins_its_incident_not_today() -> None:
    stage = OfflineIncidents()
    stage.feed(event("strike", killed=4, occurred_on=dt.date(2022, 9, 8)))
    stage.feed(
        event("today", killed=1, occurred_on=dt.date(2022, 9, 16), published_at=T0 + hours(24 * 8))
    )
    stage.feed(
        event(
            "recap", killed=6, occurred_on=dt.date(2022, 9, 8), published_at=T0 + hours(24 * 8 + 1)
        )
    )
    assert stage.incident_of("recap") == stage.incident_of("strike")
    assert stage.incident_of("today") != stage.incident_of("strike")
    assert killed(stage, "strike")[0] == 6


def test_two_events_of_one_article_revision_are_two_incidents() -> None:
    stage = OfflineIncidents()
    stage.feed(event("first", article_id="one-article"))
    stage.feed(event("second", article_id="one-article"))
    assert incident_count(stage) == 2


def test_families_attackers_and_tolls_keep_incidents_apart() -> None:
    stage = OfflineIncidents()
    stage.feed(event("shelling", killed=1))
    stage.feed(event("arrests", event_type=EventType.STRATEGIC_DEVELOPMENTS))
    stage.feed(event("ukrainian-fire", attacker_iso3="UKR"))
    stage.feed(event("fifty", killed=50))
    assert incident_count(stage) == 4
    stage.feed(event("protest", event_type=EventType.PROTESTS))
    stage.feed(event("riot", event_type=EventType.RIOTS))
    assert stage.incident_of("protest") == stage.incident_of("riot")


def test_an_attacker_nobody_named_is_no_other_attacker() -> None:
    """ "Unidentified Armed Group (X)", ACLED's name for an attacker the report does not
    name, joins the incident another report gives a named attacker of another country."""
    stage = OfflineIncidents()
    stage.feed(event("named", attacker_iso3="RUS"))
    unnamed = event("unnamed", attacker_iso3="UKR")
    actor = unnamed.actors[0].model_copy(update={"name": "Unidentified Armed Group (Ukraine)"})
    stage.feed(unnamed.model_copy(update={"actors": [actor]}))
    assert stage.incident_of("unnamed") == stage.incident_of("named")


def test_one_attack_told_as_a_bombing_then_as_violence_against_civilians_is_one_incident() -> None:
    """Outlets code one attack on either side of the political-violence types' lines."""
    stage = OfflineIncidents()
    stage.feed(event("bombing", killed=9, event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE))
    later = T0 + hours(5)
    stage.feed(
        event(
            "massacre",
            killed=11,
            event_type=EventType.VIOLENCE_AGAINST_CIVILIANS,
            published_at=later,
        )
    )
    stage.feed(event("assault", killed=12, event_type=EventType.BATTLES, published_at=later))
    stage.feed(event("protest", killed=10, event_type=EventType.PROTESTS, published_at=later))
    assert stage.incident_of("bombing") == stage.incident_of("massacre")
    assert stage.incident_of("bombing") == stage.incident_of("assault")
    assert stage.incident_of("protest") != stage.incident_of("bombing")


def test_vague_places_and_unlocated_events_stay_incidents_of_their_own() -> None:
    stage = OfflineIncidents()
    ukraine = place("Ukraine", 49.0, 32.0, admin1_code=None, precision=PlacePrecision.COUNTRY)
    stage.feed(event("country-1", location=ukraine))
    stage.feed(event("country-2", location=ukraine))
    stage.feed(event("nowhere-1", location=None))
    stage.feed(event("nowhere-2", location=None))
    assert incident_count(stage) == 4
    assert stage.incident_of("nowhere-1").place is None
    assert stage.incident_of("nowhere-1").status is IncidentStatus.OPEN


def test_incident_ids_are_stable_and_the_same_when_replayed() -> None:
    runs = []
    for _ in range(2):
        stage = OfflineIncidents()
        for name in ("a", "b", "c"):
            stage.feed(event(name))
        runs.append(sorted(stage.latest))
    assert runs[0] == runs[1] and len(runs[0]) == 1


def test_a_full_incident_takes_no_more_reports_so_its_records_stay_bounded() -> None:
    rules = dataclasses.replace(default_rules(), max_reports=3)
    stage = OfflineIncidents(rules)
    for n in range(5):
        stage.feed(event(f"r{n}", killed=3 + n, published_at=T0 + hours(n)))
    first, second = stage.incident_of("r0"), stage.incident_of("r3")
    assert [r.event_id for r in first.reports] == ["r0", "r1", "r2"]
    assert [r.event_id for r in second.reports] == ["r3", "r4"]


def test_a_toll_first_given_in_words_may_rise_past_the_ratio() -> None:
    """ "Several killed" at dawn is a floor, not a count: "more than 140" by night is the
    same bombing; a counted 2 and 140 stay apart."""
    several = Casualty(
        kind=CasualtyKind.KILLED,
        min=2,
        max=9,
        qualifier=Qualifier.RANGE,
        confidence=0.9,
        evidence=span("several people are killed"),
    )
    stage = OfflineIncidents()
    stage.feed(event("dawn", killed=None).model_copy(update={"casualties": [several]}))
    stage.feed(event("two", killed=2, location=KHARKIV))
    night = T0 + hours(12)
    stage.feed(event("night", killed=140, qualifier=Qualifier.AT_LEAST, published_at=night))
    stage.feed(event("kharkiv-night", killed=140, location=KHARKIV, published_at=night))
    assert stage.incident_of("night") == stage.incident_of("dawn")
    assert killed(stage, "dawn") == (140, TollRule.LATEST_CREDIBLE, "night")
    assert stage.incident_of("kharkiv-night") != stage.incident_of("two")


def said(report: EnrichedEvent, summary: str) -> EnrichedEvent:
    return report.model_copy(update={"summary": summary})


def test_an_undated_follow_up_days_later_joins_its_incident_an_undated_report_does_not() -> None:
    """A wounded guard's death "raising the toll to 5", reported five days on with no date
    of its own (so dated to its publication), is the bombing's; a plain report then is news
    of its day."""
    stage = OfflineIncidents()
    stage.feed(event("bombing", killed=4))
    later, day = T0 + hours(24 * 5), dt.date(2022, 9, 13)
    follow_up = event(
        "follow-up", killed=5, published_at=later, occurred_on=day, resolved_from="publication"
    )
    stage.feed(
        said(follow_up, "A guard wounded in the bombing died of his wounds, raising the toll to 5.")
    )
    stage.feed(
        event("new", killed=5, published_at=later, occurred_on=day, resolved_from="publication")
    )
    assert stage.incident_of("follow-up") == stage.incident_of("bombing")
    assert stage.incident_of("new") != stage.incident_of("bombing")
    assert killed(stage, "bombing") == (5, TollRule.LATEST_CREDIBLE, "follow-up")


def test_a_lower_later_figure_stands_only_when_its_report_says_the_toll_was_revised() -> None:
    stage = OfflineIncidents()
    stage.feed(event("first", killed=12))
    stage.feed(
        event("partial", killed=10, qualifier=Qualifier.AT_LEAST, published_at=T0 + hours(2))
    )
    assert killed(stage, "first") == (12, TollRule.LATEST_CREDIBLE, "first")
    stage.feed(event("behind", killed=8, published_at=T0 + hours(3)))  # an outlet behind the news
    assert killed(stage, "first") == (12, TollRule.LATEST_CREDIBLE, "first")
    stage.feed(
        said(
            event("recount", killed=9, published_at=T0 + hours(4)),
            "Officials revised the death toll down to nine after a recount.",
        )
    )
    assert killed(stage, "first") == (9, TollRule.LATEST_CREDIBLE, "recount")
    stage.feed(event("rise", killed=11, published_at=T0 + hours(5)))
    assert killed(stage, "first") == (11, TollRule.LATEST_CREDIBLE, "rise")
