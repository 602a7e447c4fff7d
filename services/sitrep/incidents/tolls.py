"""An incident's toll per casualty kind: the latest credible report's figure, never a sum.

Reports of one incident repeat its dead; adding them counts the same people many times.
Tolls change as the day goes on ("at least 5", then "12"), so the latest report is the
best one; a figure from a doubtful report (low extraction confidence) counts only while no
credible report gives one. But tolls rise: a later figure below the standing one replaces
it only when its report says the toll was revised down. Otherwise it is a partial count
("at least 10", "so far"), an outlet behind the news, or a count of some of the victims,
and the higher figure stands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sitrep.incidents.facts import CASUALTY_KINDS, ReportFacts
from sitrep_contracts import CasualtyKind, IncidentToll, TollRule


def chosen_reports(
    reports: Sequence[ReportFacts], credible: Callable[[ReportFacts], bool]
) -> dict[CasualtyKind, tuple[ReportFacts, TollRule]]:
    """Per casualty kind any of `reports` (the standing ones) gives: the report whose figure
    is the incident's, and the rule that chose it."""
    chosen: dict[CasualtyKind, tuple[ReportFacts, TollRule]] = {}
    for kind in CASUALTY_KINDS:
        giving = [report for report in reports if kind in report.figures]
        if not giving:
            continue
        trusted = [report for report in giving if credible(report)]
        pool, rule = (
            (trusted, TollRule.LATEST_CREDIBLE) if trusted else (giving, TollRule.LATEST_ANY)
        )
        # In publication order (two at once: the lower figure first, tolls rise), each
        # report's figure replaces the standing one unless it is lower and not a revision.
        ordered = sorted(pool, key=lambda report: (report.published_at, report.figures[kind].count))
        standing = ordered[0]
        for report in ordered[1:]:
            if report.figures[kind].count >= standing.figures[kind].count or report.revises_down:
                standing = report
        chosen[kind] = (standing, rule)
    return chosen


def current_tolls(
    reports: Sequence[ReportFacts], credible: Callable[[ReportFacts], bool]
) -> list[IncidentToll]:
    """One toll per casualty kind any report gives, chosen from `reports` (standing ones)."""
    return [
        IncidentToll(
            kind=kind,
            count=report.figures[kind].count,
            qualifier=report.figures[kind].qualifier,
            rule=rule,
            event_id=report.event_id,
            reported_at=report.published_at,
        )
        for kind, (report, rule) in chosen_reports(reports, credible).items()
    ]
