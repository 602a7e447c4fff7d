"""An incident's toll per casualty kind: the latest credible report's figure, never a sum.

Reports of one incident repeat its dead; adding them counts the same people many times.
Tolls change as the day goes on ("at least 5", then "12"), so the latest report is the
best one; a figure from a doubtful report (low extraction confidence) counts only while no
credible report gives one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sitrep.incidents.facts import CASUALTY_KINDS, ReportFacts
from sitrep_contracts import IncidentToll, TollRule


def current_tolls(
    reports: Sequence[ReportFacts], credible: Callable[[ReportFacts], bool]
) -> list[IncidentToll]:
    """One toll per casualty kind any report gives, chosen from `reports` (standing ones)."""
    tolls = []
    for kind in CASUALTY_KINDS:
        giving = [report for report in reports if kind in report.figures]
        if not giving:
            continue
        trusted = [report for report in giving if credible(report)]
        pool, rule = (
            (trusted, TollRule.LATEST_CREDIBLE) if trusted else (giving, TollRule.LATEST_ANY)
        )
        # Latest first; two reports published at once: the higher figure (tolls rise).
        chosen = max(pool, key=lambda report: (report.published_at, report.figures[kind].count))
        figure = chosen.figures[kind]
        tolls.append(
            IncidentToll(
                kind=kind,
                count=figure.count,
                qualifier=figure.qualifier,
                rule=rule,
                event_id=chosen.event_id,
                reported_at=chosen.published_at,
            )
        )
    return tolls
