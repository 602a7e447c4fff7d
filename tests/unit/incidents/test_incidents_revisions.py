"""Withdrawal by article revision, replays, reordering and rebuilding state from a changelog."""

from __future__ import annotations

from sitrep.incidents.book import Change
from sitrep.incidents.facts import report_facts
from sitrep.incidents.messages import Routed, Withdrawal
from sitrep.incidents.offline import OfflineIncidents
from sitrep.incidents.rules import default_rules
from sitrep.incidents.stage import IncidentPartition
from sitrep_contracts import IncidentStatus
from tests.incidents_events import KHARKIV, T0, enrichment, event, hours


def test_an_incident_whose_every_report_is_withdrawn_is_retracted() -> None:
    stage = OfflineIncidents()
    stage.feed(event("e1", article_id="a", revision="r1"))
    stage.feed(enrichment("a", "r1", ["e1"]))
    updates = stage.feed(enrichment("a", "r2", []))  # republished without the event
    assert [u.change for u in updates] == [Change.RETRACTED]
    incident = stage.incident_of("e1")
    assert incident.status is IncidentStatus.RETRACTED
    assert incident.revision == 2
    assert incident.reports[0].withdrawn


def test_withdrawing_one_report_keeps_the_incident_open_with_the_others() -> None:
    stage = OfflineIncidents()
    stage.feed(event("e1", article_id="a", killed=3))
    stage.feed(enrichment("a", "r1", ["e1"]))
    stage.feed(event("e2", article_id="b", killed=9, published_at=T0 + hours(1)))
    stage.feed(enrichment("a", "r2", []))
    incident = stage.incident_of("e1")
    assert incident.status is IncidentStatus.OPEN
    assert [t.count for t in incident.tolls] == [9]
    assert [r.withdrawn for r in incident.reports] == [True, False]


def test_a_revised_article_moves_its_report_without_retracting_the_incident() -> None:
    """The new revision's enrichment may arrive before its events: the old report is
    withdrawn only once the new one is in, so the incident never closes and keeps its id."""
    stage = OfflineIncidents()
    stage.feed(event("old", article_id="a", revision="r1", killed=2))
    stage.feed(enrichment("a", "r1", ["old"]))
    first_id = stage.incident_of("old").incident_id
    assert stage.feed(enrichment("a", "r2", ["new"])) == []  # waits for "new"
    updates = stage.feed(event("new", article_id="a", revision="r2", killed=4))
    assert [u.change for u in updates] == [Change.MERGED, Change.WITHDRAWN]
    incident = stage.incident_of("new")
    assert incident.incident_id == first_id
    assert incident.status is IncidentStatus.OPEN
    assert [t.count for t in incident.tolls] == [4]


def test_duplicated_and_stale_inputs_change_nothing() -> None:
    stage = OfflineIncidents()
    stage.feed(event("e1", article_id="a", revision="r1"))
    assert stage.feed(event("e1", article_id="a", revision="r1")) == []  # replayed
    stage.feed(enrichment("a", "r2", []))
    assert stage.feed(enrichment("a", "r2", [])) == []  # replayed
    assert stage.feed(event("late", article_id="a", revision="r1")) == []  # of a replaced revision
    assert stage.feed(enrichment("a", "r1", ["e1"])) == []  # reordered: r1 was replaced
    assert len(stage.latest) == 1


def test_state_rebuilt_from_the_changelog_goes_on_exactly_as_before() -> None:
    """A partition's state (router and book) written to its changelog and read back by a
    fresh owner, which then meets the uncommitted inputs again (at-least-once)."""
    rules = default_rules()
    feed = [
        event("a1", killed=2),
        event("a2", location=KHARKIV),
        event("a3", killed=5, published_at=T0 + hours(3)),
    ]
    later = [event("a4", killed=8, published_at=T0 + hours(5)), event("a5", location=KHARKIV)]

    def run(restart: bool) -> list[tuple[str, int, str]]:
        state = IncidentPartition(rules, clock=lambda: T0)
        out = []
        for item in feed:
            for _, routed in state.router.on_event(item):
                out += state.book.handle(routed)
        if restart:
            changelog = state.take_changes()
            state = IncidentPartition(rules, clock=lambda: T0)
            state.restore(changelog)
            assert state.take_changes() == []  # reading back is not a change
        for item in [*feed, *later]:  # the uncommitted inputs come again after a crash
            for _, routed in state.router.on_event(item):
                out += state.book.handle(routed)
        return [(u.incident.incident_id, u.incident.revision, u.change.value) for u in out]

    assert run(restart=True) == run(restart=False)
    assert len(run(restart=False)) == 5


def test_pruning_forgets_incidents_past_the_retention_in_event_time() -> None:
    stage = OfflineIncidents()
    stage.feed(event("old"))
    later = T0 + hours(24 * 60)
    stage.feed(event("new", location=KHARKIV, published_at=later, occurred_on=later.date()))
    stage.book.store.take_changes()
    assert stage.book.prune() == 1
    assert [key for key, value in stage.book.store.take_changes() if value is None] == [
        b"i/" + stage.incident_of("old").incident_id.encode()
    ]
    assert stage.book.open_incidents == 1


def test_with_sequences_the_newest_revision_wins_whatever_the_order_read() -> None:
    """article_sequence orders revisions: events and enrichments of an older revision read
    after a newer one are stale, even before the newer one's enrichment is read."""
    stage = OfflineIncidents()
    stage.feed(event("new", article_id="a", revision="r2", sequence=9, killed=4))
    assert stage.feed(event("old", article_id="a", revision="r1", sequence=5)) == []
    assert stage.feed(enrichment("a", "r1", ["old"], sequence=5)) == []
    assert stage.feed(enrichment("a", "r2", ["new"], sequence=9)) == []  # nothing to withdraw
    assert [r.event_id for r in stage.incident_of("new").reports] == ["new"]


def test_a_revert_to_an_earlier_text_reinstates_its_report() -> None:
    """r1 -> r2 (r1's event withdrawn) -> r1 again: the same event id at a greater sequence
    comes back; a replay of the old withdrawal then changes nothing."""
    stage = OfflineIncidents()
    stage.feed(event("e1", article_id="a", revision="r1", sequence=5, killed=3))
    stage.feed(enrichment("a", "r1", ["e1"], sequence=5))
    stage.feed(event("e2", article_id="b", killed=6, published_at=T0 + hours(1)))  # another
    updates = stage.feed(enrichment("a", "r2", [], sequence=9))
    assert [u.change for u in updates] == [Change.WITHDRAWN]
    withdrawal = stage.router.store.get("a")
    assert withdrawal is not None and withdrawal.routes == {}
    updates = stage.feed(event("e1", article_id="a", revision="r1", sequence=12, killed=3))
    assert [u.change for u in updates] == [Change.REINSTATED]
    assert stage.feed(enrichment("a", "r1", ["e1"], sequence=12)) == []
    incident = stage.incident_of("e1")
    assert [r.withdrawn for r in incident.reports] == [False, False]
    # The old messages replayed (at-least-once) change nothing now.
    old_report = report_facts(event("e1", article_id="a", revision="r1", sequence=5, killed=3))
    assert stage.book.handle(Routed(withdrawal=Withdrawal(event_id="e1", article_sequence=9))) == []
    assert stage.book.handle(Routed(report=old_report)) == []
