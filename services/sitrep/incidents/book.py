"""Step two, keyed by place: merge reports into incidents and say what changed.

The store holds each incident by id; the indexes (which incident has an event, which open
incidents a report could join) are rebuilt from it after a restore. Handling is
idempotent: a report already merged, or a withdrawal already applied (or older than the
report it names), changes nothing and produces nothing, so the replays of at-least-once
delivery are harmless.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sitrep.incidents.candidates import CandidateIndex
from sitrep.incidents.facts import ReportFacts
from sitrep.incidents.messages import Routed, Withdrawal
from sitrep.incidents.rules import MatchingRules, Profile, route_key
from sitrep.incidents.state import IncidentState, incident_id_for
from sitrep.incidents.store import PartitionStore
from sitrep_contracts import Incident

#: Look for incidents past the retention once per this many changes.
PRUNE_EVERY = 1000


class Change(StrEnum):
    CREATED = "created"
    MERGED = "merged"  # a report joined an existing incident
    WITHDRAWN = "withdrawn"  # a report was withdrawn, others stand
    RETRACTED = "retracted"  # the last standing report was withdrawn
    REINSTATED = "reinstated"  # a withdrawn report came back (its article was reverted)


@dataclass(frozen=True)
class Update:
    change: Change
    incident: Incident


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class IncidentBook:
    """One partition's incidents; `store` is what its changelog holds."""

    def __init__(self, rules: MatchingRules, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.rules = rules
        self.store: PartitionStore[IncidentState] = PartitionStore(IncidentState, b"i/")
        self._clock = clock
        self._by_event: dict[str, str] = {}
        self._profiles: dict[str, Profile] = {}  # open incidents that reports may join
        self._open: set[str] = set()
        self._candidates = CandidateIndex(rules.containing, max(rules.near_km.values()))
        self._watermark: dt.datetime | None = None
        self._since_prune = 0

    # --- indexes --------------------------------------------------------------------------
    def reindex(self) -> None:
        """Rebuild the indexes from the store (after a restore)."""
        self._by_event.clear()
        self._profiles.clear()
        self._open.clear()
        self._candidates = CandidateIndex(self.rules.containing, max(self.rules.near_km.values()))
        for state in self.store.values():
            self._index(state)

    def _index(self, state: IncidentState) -> None:
        incident_id = state.incident_id
        for report in state.reports:
            self._by_event[report.event_id] = incident_id
            if self._watermark is None or report.published_at > self._watermark:
                self._watermark = report.published_at
        if state.open:
            self._open.add(incident_id)
        else:
            self._open.discard(incident_id)
        profile = state.profile(self.rules)
        if profile is None or len(state.reports) >= self.rules.max_reports:
            self._profiles.pop(incident_id, None)
            self._candidates.remove(incident_id)
            return
        self._profiles[incident_id] = profile
        days = (profile.date_from, profile.date_to)
        self._candidates.file(incident_id, state.route, days, profile.place)

    @property
    def open_incidents(self) -> int:
        return len(self._open)

    # --- handling -------------------------------------------------------------------------
    def handle(self, message: Routed) -> list[Update]:
        if message.report is not None:
            return self.add(message.report)
        assert message.withdrawal is not None  # noqa: S101 -- Routed validates one of two
        return self.withdraw(message.withdrawal)

    def add(self, report: ReportFacts) -> list[Update]:
        incident_id = self._by_event.get(report.event_id)
        if incident_id is not None:
            return self._reinstate(incident_id, report)
        route = route_key(report.place)
        target = self._best_match(route, report)
        if target is None:
            state = IncidentState(
                incident_id=incident_id_for(report.event_id), route=route, reports=[report]
            )
            return [self._publish(state, Change.CREATED)]
        target.reports.append(report)
        return [self._publish(target, Change.MERGED)]

    def _reinstate(self, incident_id: str, report: ReportFacts) -> list[Update]:
        """A report already known: a replay (nothing to do), or its article reverted to
        the revision that had it, after a newer one withdrew it."""
        state = self.store.get(incident_id)
        if state is None or report.event_id not in state.withdrawn:
            return []
        withdrawn_at = state.withdrawn[report.event_id]
        sequence = report.article_sequence
        if sequence is None or withdrawn_at is None or sequence <= withdrawn_at:
            return []  # the report as it was before the withdrawal, replayed
        del state.withdrawn[report.event_id]
        state.replace(report)
        return [self._publish(state, Change.REINSTATED)]

    def withdraw(self, withdrawal: Withdrawal) -> list[Update]:
        event_id = withdrawal.event_id
        incident_id = self._by_event.get(event_id)
        state = self.store.get(incident_id) if incident_id else None
        if state is None or event_id in state.withdrawn:
            return []
        report = state.report(event_id)
        sequence = withdrawal.article_sequence
        reported = report.article_sequence if report is not None else None
        if sequence is not None and reported is not None and sequence <= reported:
            return []  # older than the report it names (a replay after a reinstatement)
        state.withdrawn[event_id] = sequence
        return [self._publish(state, Change.WITHDRAWN if state.open else Change.RETRACTED)]

    def _best_match(self, route: str, report: ReportFacts) -> IncidentState | None:
        if report.place is None or not self.rules.mergeable(report):
            return None
        best: tuple[float, int, str] | None = None
        window = self.rules.window(report)
        for incident_id in self._candidates.candidates(route, window, report.place):
            profile = self._profiles.get(incident_id)
            distance = self.rules.distance(profile, report, window) if profile else None
            if distance is None:
                continue
            rank = (*distance, incident_id)  # nearest place, then date; ties by id
            if best is None or rank < best:
                best = rank
        return self.store.get(best[2]) if best else None

    def _publish(self, state: IncidentState, change: Change) -> Update:
        state.revision += 1
        self.store.put(state.incident_id, state)
        self._index(state)
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:  # a pass over the whole store: not every time
            self._since_prune = 0
            self.prune()
        return Update(change, state.to_message(self.rules, self._clock()))

    # --- retention ------------------------------------------------------------------------
    def prune(self) -> int:
        """Forget incidents whose last day is more than the retention before the latest
        report seen (event time, so a replay prunes alike). Returns how many."""
        if self._watermark is None:
            return 0
        horizon = self._watermark.date() - dt.timedelta(days=self.rules.retention_days)
        old = [state for state in self.store.values() if state.last_day(self.rules) < horizon]
        for state in old:
            self.store.delete(state.incident_id)
            self._profiles.pop(state.incident_id, None)
            self._open.discard(state.incident_id)
            self._candidates.remove(state.incident_id)
            for report in state.reports:
                self._by_event.pop(report.event_id, None)
        return len(old)
