"""Follow-ups and corrections: what a report says of itself, and what the stage does with
it (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.incidents.cues import says_follow_up, says_revised_down
from sitrep.incidents.offline import OfflineIncidents
from sitrep_contracts import CasualtyKind, EnrichedEvent, Qualifier, TollRule
from tests.incidents_events import T0, event, hours


@pytest.mark.parametrize(
    ("summary", "follow_up"),
    [
        ("The death toll from Tuesday's market bombing in the town has risen to 31.", True),
        ("The casualty toll of the ferry attack now stands at 12, officials say.", True),
        ("A second guard wounded in the raid died of his injuries overnight.", True),
        ("A nurse hurt in the shelling succumbed to her wounds, raising the toll to six.", True),
        ("Artillery shelled the town, killing three and wounding seven.", False),
        ("Rebels attacked a checkpoint; a group later claimed responsibility.", False),
        ("The toll road to the border was closed after the clashes.", False),
    ],
)
def test_a_follow_up_is_told_from_a_first_report(summary: str, follow_up: bool) -> None:
    assert says_follow_up(summary) is follow_up


@pytest.mark.parametrize(
    ("summary", "revised"),
    [
        ("Officials revised the death toll down to nine after a recount.", True),
        ("The number of dead was corrected to 14 by the ministry.", True),
        ("The toll fell to 7 once duplicate names were removed.", True),
        ("Police said an earlier report of a child among the dead was wrong.", True),
        ("At least 10 bodies have been identified so far.", False),
        ("The death toll rose to 12 on Thursday.", False),
    ],
)
def test_a_correction_that_lowers_a_toll_is_recognised(summary: str, revised: bool) -> None:
    assert says_revised_down(summary) is revised


def said(report: EnrichedEvent, summary: str) -> EnrichedEvent:
    return report.model_copy(update={"summary": summary})


def killed(stage: OfflineIncidents, event_id: str) -> tuple[int, TollRule, str]:
    toll = next(t for t in stage.incident_of(event_id).tolls if t.kind is CasualtyKind.KILLED)
    return toll.count, toll.rule, toll.event_id


def test_an_undated_follow_up_days_later_joins_its_incident_an_undated_report_does_not() -> None:
    """ "A wounded guard died, raising the toll to 5" five days on, with no date of its own
    (dated to its publication), is the bombing's; a plain report then is news of its day."""
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
