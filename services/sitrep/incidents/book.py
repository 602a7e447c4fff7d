"""Step two, keyed by place: merge reports into incidents and say what changed.

The store holds each incident by id; the indexes (which incident has an event, which open
incidents share a route key) are rebuilt from it after a restore. Handling is idempotent:
a report already merged, or a withdrawal already applied, changes nothing and produces
nothing, so the replays of at-least-once delivery are harmless.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sitrep.incidents.facts import ReportFacts
from sitrep.incidents.messages import Routed
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


@dataclass(frozen=True)
class Update:
    change: Change
    incident: Incident


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class IncidentBook:
    """One input partition's incidents; `store` is what its changelog holds."""

    def __init__(self, rules: MatchingRules, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.rules = rules
        self.store: PartitionStore[IncidentState] = PartitionStore(IncidentState)
        self._clock = clock
        self._by_event: dict[str, str] = {}
        self._open_by_route: dict[str, set[str]] = defaultdict(set)
        self._profiles: dict[str, Profile] = {}  # open incidents that reports may join
        self._watermark: dt.datetime | None = None
        self._since_prune = 0

    # --- indexes --------------------------------------------------------------------------
    def reindex(self) -> None:
        """Rebuild the indexes from the store (after a restore)."""
        self._by_event.clear()
        self._open_by_route.clear()
        self._profiles.clear()
        for incident_id, state in self.store.items():
            self._index(incident_id, state)

    def _index(self, incident_id: str, state: IncidentState) -> None:
        for report in state.reports:
            self._by_event[report.event_id] = incident_id
            if self._watermark is None or report.published_at > self._watermark:
                self._watermark = report.published_at
        profile = state.profile(self.rules)
        if profile is not None:
            self._profiles[incident_id] = profile
        else:
            self._profiles.pop(incident_id, None)
        if state.open:
            self._open_by_route[state.route].add(incident_id)
        else:
            self._open_by_route[state.route].discard(incident_id)

    @property
    def open_incidents(self) -> int:
        return sum(len(ids) for ids in self._open_by_route.values())

    # --- handling -------------------------------------------------------------------------
    def handle(self, message: Routed) -> list[Update]:
        if message.report is not None:
            return self.add(message.report)
        assert message.withdraw_event_id is not None  # noqa: S101 -- Routed validates one of two
        return self.withdraw(message.withdraw_event_id)

    def add(self, report: ReportFacts) -> list[Update]:
        if report.event_id in self._by_event:
            return []  # merged already (a replay)
        route = route_key(report.place)
        target = self._best_match(route, report)
        if target is None:
            state = IncidentState(
                incident_id=incident_id_for(report.event_id), route=route, reports=[report]
            )
            change = Change.CREATED
        else:
            state = target.model_copy(update={"reports": [*target.reports, report]})
            change = Change.MERGED
        return [self._publish(state, change)]

    def withdraw(self, event_id: str) -> list[Update]:
        incident_id = self._by_event.get(event_id)
        state = self.store.get(incident_id) if incident_id else None
        if state is None or event_id in state.withdrawn:
            return []
        state = state.model_copy(update={"withdrawn": [*state.withdrawn, event_id]})
        return [self._publish(state, Change.WITHDRAWN if state.open else Change.RETRACTED)]

    def _best_match(self, route: str, report: ReportFacts) -> IncidentState | None:
        best: tuple[float, int, str] | None = None
        window = self.rules.window(report)
        for incident_id in self._open_by_route.get(route, ()):
            profile = self._profiles.get(incident_id)
            distance = self.rules.distance(profile, report, window) if profile else None
            if distance is None:
                continue
            rank = (*distance, incident_id)  # nearest place, then date; ties by id
            if best is None or rank < best:
                best = rank
        return self.store.get(best[2]) if best else None

    def _publish(self, state: IncidentState, change: Change) -> Update:
        state = state.model_copy(update={"revision": state.revision + 1})
        self.store.put(state.incident_id, state)
        self._index(state.incident_id, state)
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
        old = [
            incident_id
            for incident_id, state in self.store.items()
            if state.last_day(self.rules) < horizon
        ]
        for incident_id in old:
            state = self.store.get(incident_id)
            assert state is not None  # noqa: S101 -- listed from the store just now
            self.store.delete(incident_id)
            self._open_by_route[state.route].discard(incident_id)
            self._profiles.pop(incident_id, None)
            for report in state.reports:
                self._by_event.pop(report.event_id, None)
        return len(old)
