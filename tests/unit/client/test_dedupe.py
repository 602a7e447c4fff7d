from __future__ import annotations

import pytest

from sitrep.client.dedupe import Deduplicator, Revisions


def test_first_sighting_is_new_and_every_later_one_is_a_duplicate() -> None:
    dedupe = Deduplicator(max_size=10)

    assert dedupe.seen("evt-a") is False
    assert dedupe.seen("evt-a") is True
    assert dedupe.seen("evt-a") is True
    assert dedupe.seen("evt-b") is False
    assert len(dedupe) == 2


def test_least_recently_seen_key_is_forgotten_beyond_max_size() -> None:
    dedupe = Deduplicator(max_size=2)
    dedupe.seen("a")
    dedupe.seen("b")

    dedupe.seen("c")  # evicts "a", the oldest

    assert "a" not in dedupe
    assert "b" in dedupe and "c" in dedupe
    assert dedupe.seen("a") is False  # forgotten, so new again


def test_seeing_a_key_again_makes_it_most_recent() -> None:
    dedupe = Deduplicator(max_size=2)
    dedupe.seen("a")
    dedupe.seen("b")

    assert dedupe.seen("a") is True  # "a" is now newer than "b"
    dedupe.seen("c")  # so "b" is the one evicted

    assert "a" in dedupe
    assert "b" not in dedupe


def test_membership_check_does_not_refresh_recency() -> None:
    dedupe = Deduplicator(max_size=2)
    dedupe.seen("a")
    dedupe.seen("b")

    assert "a" in dedupe
    dedupe.seen("c")

    assert "a" not in dedupe


def test_memory_stays_bounded_on_an_endless_stream() -> None:
    dedupe = Deduplicator(max_size=100)

    for number in range(10_000):
        dedupe.seen(f"evt-{number}")

    assert len(dedupe) == 100
    assert "evt-9999" in dedupe and "evt-9900" in dedupe
    assert "evt-9899" not in dedupe


def test_replayed_burst_within_the_window_is_caught_entirely() -> None:
    dedupe = Deduplicator(max_size=50)
    ids = [f"evt-{number}" for number in range(50)]

    first_pass = [dedupe.seen(event_id) for event_id in ids]
    replay = [dedupe.seen(event_id) for event_id in ids]

    assert not any(first_pass)
    assert all(replay)


@pytest.mark.parametrize("size", [0, -1])
def test_max_size_must_be_positive(size: int) -> None:
    with pytest.raises(ValueError, match="max_size"):
        Deduplicator(max_size=size)


def revision_event(build, event_id: str, revision: str, sequence: int | None):
    return build.event(event_id).model_copy(
        update={"article_revision": revision, "article_sequence": sequence}
    )


def test_a_replay_of_the_current_revision_is_a_duplicate(build) -> None:
    revisions = Revisions()
    first = revisions.dedupe_key(revision_event(build, "e1", "r1", 10))
    assert revisions.dedupe_key(revision_event(build, "e1", "r1", 10)) == first


def test_a_corrected_revision_supersedes_and_the_older_one_is_dropped(build) -> None:
    revisions = Revisions()
    revisions.dedupe_key(revision_event(build, "e1", "r1", 10))
    assert revisions.dedupe_key(revision_event(build, "e2", "r2", 12)) is not None
    assert revisions.dedupe_key(revision_event(build, "e1", "r1", 10)) is None, "superseded"


def test_a_revert_to_an_earlier_revision_is_new_again(build) -> None:
    # r1 at 10, r2 at 12, r1 published again at 14: its events have r1's ids, and are current.
    revisions = Revisions()
    dedupe = Deduplicator()
    keys = [
        revisions.dedupe_key(revision_event(build, eid, rev, seq))
        for eid, rev, seq in [("e1", "r1", 10), ("e2", "r2", 12), ("e1", "r1", 14)]
    ]
    assert [dedupe.seen(key) for key in keys if key is not None] == [False, False, False]


def test_the_same_revision_republished_later_is_still_a_duplicate(build) -> None:
    revisions = Revisions()
    first = revisions.dedupe_key(revision_event(build, "e1", "r1", 10))
    assert revisions.dedupe_key(revision_event(build, "e1", "r1", 20)) == first


def test_events_without_a_sequence_dedupe_by_id_alone(build) -> None:
    assert Revisions().dedupe_key(revision_event(build, "e1", "r1", None)) == "e1"
