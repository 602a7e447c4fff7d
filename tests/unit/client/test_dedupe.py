from __future__ import annotations

import pytest

from sitrep.client.dedupe import Deduplicator


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
