"""One incident as the stage keeps it, and the `Incident` message made from it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import TypeVar

from pydantic import BaseModel, Field

from sitrep.incidents.facts import ReportFacts
from sitrep.incidents.rules import MatchingRules, Profile
from sitrep.incidents.tolls import chosen_reports, current_tolls
from sitrep_contracts import (
    CasualtyKind,
    DatePrecision,
    Incident,
    IncidentActor,
    IncidentReport,
    IncidentStatus,
    PlacePrecision,
)

T = TypeVar("T")

#: Finer first: which place or date of several reports the incident shows.
PLACE_ORDER = list(PlacePrecision)
DATE_ORDER = list(DatePrecision)


def incident_id_for(first_event_id: str) -> str:
    """Stable, and the same after a replay: the stage sees reports in partition order."""
    return "inc-" + hashlib.sha256(first_event_id.encode()).hexdigest()[:20]


class IncidentState(BaseModel):
    """An incident's reports and its last published revision. Changed in place by the
    book (which stores it again after each change)."""

    incident_id: str
    route: str
    revision: int = 0
    reports: list[ReportFacts]
    #: withdrawn event id -> the article_sequence of the revision that withdrew it
    withdrawn: dict[str, int | None] = Field(default_factory=dict)

    def standing(self) -> list[ReportFacts]:
        withdrawn = self.withdrawn
        return [report for report in self.reports if report.event_id not in withdrawn]

    def report(self, event_id: str) -> ReportFacts | None:
        return next((report for report in self.reports if report.event_id == event_id), None)

    def replace(self, report: ReportFacts) -> None:
        """The same event again at a newer sequence (a revert reinstates it)."""
        self.reports = [report if r.event_id == report.event_id else r for r in self.reports]

    @property
    def open(self) -> bool:
        return bool(self.standing())

    def profile(self, rules: MatchingRules) -> Profile | None:
        """What new reports are matched on; None when nothing can join the incident."""
        standing = [report for report in self.standing() if rules.mergeable(report)]
        if not standing:
            return None
        best = _best_placed(standing)
        date_from, date_to = _window(standing, rules)
        tolls = {
            kind: report.figures[kind]
            for kind, (report, _) in chosen_reports(standing, rules.credible).items()
        }
        return Profile(
            family=rules.families[best.event_type],
            date_from=date_from,
            date_to=date_to,
            place=best.place,  # type: ignore[arg-type]  # mergeable reports have one
            actor1_countries=frozenset().union(*(r.actor1_countries for r in standing)),
            killed=tolls.get(CasualtyKind.KILLED),
            injured=tolls.get(CasualtyKind.INJURED),
            revisions=frozenset((r.article_id, r.article_revision) for r in standing),
        )

    def last_day(self, rules: MatchingRules) -> dt.date:
        return max(rules.window(report)[1] for report in self.reports)

    def to_message(self, rules: MatchingRules, now: dt.datetime) -> Incident:
        standing = self.standing()
        shown = standing or self.reports  # a retracted incident keeps its last description
        best = _best_placed(shown)
        finest = min(shown, key=lambda r: DATE_ORDER.index(r.date_precision))
        date_from, date_to = _window(shown, rules)
        actors: dict[tuple[str, str], IncidentActor] = {}
        for report in shown:
            for actor in report.actors:
                actors.setdefault((actor.name, actor.role.value), actor)
        withdrawn = self.withdrawn
        return Incident(
            incident_id=self.incident_id,
            revision=self.revision,
            status=IncidentStatus.OPEN if standing else IncidentStatus.RETRACTED,
            event_type=Counter(r.event_type for r in shown).most_common(1)[0][0],
            sub_event_type=_most_common([r.sub_event_type for r in shown]),
            place=best.place,
            date_from=date_from,
            date_to=date_to,
            date_precision=finest.date_precision,
            actors=list(actors.values()),
            tolls=current_tolls(standing, rules.credible),
            reports=[
                IncidentReport(
                    event_id=r.event_id,
                    article_id=r.article_id,
                    article_revision=r.article_revision,
                    published_at=r.published_at,
                    sources=r.sources,
                    withdrawn=r.event_id in withdrawn,
                )
                for r in self.reports
            ],
            first_reported_at=min(r.published_at for r in shown),
            last_reported_at=max(r.published_at for r in shown),
            updated_at=now,
        )


def _best_placed(reports: list[ReportFacts]) -> ReportFacts:
    """The first report with the finest place (a located one before an unlocated one)."""
    return min(
        reports,
        key=lambda r: PLACE_ORDER.index(r.place.precision) if r.place else len(PLACE_ORDER),
    )


def _window(reports: list[ReportFacts], rules: MatchingRules) -> tuple[dt.date, dt.date]:
    """The days every report allows; when they share none, the finest report's days."""
    windows = [rules.window(report, slack=False) for report in reports]
    start, end = max(w[0] for w in windows), min(w[1] for w in windows)
    if start <= end:
        return start, end
    finest = min(range(len(reports)), key=lambda i: DATE_ORDER.index(reports[i].date_precision))
    return windows[finest]


def _most_common(values: list[T | None]) -> T | None:
    present = [value for value in values if value is not None]
    return Counter(present).most_common(1)[0][0] if present else None
