"""The map store: numbered, bounded, each item once, and waiters woken by new items."""

from __future__ import annotations

import asyncio
import json

import pytest

from sitrep.map.store import MapStore


def item(n: int, layer: str = "events") -> dict[str, object]:
    return {"layer": layer, "id": f"e{n}", "lat": 1.0, "lon": 2.0}


def ids(pairs: list[tuple[int, str]]) -> list[str]:
    return [json.loads(payload)["id"] for _, payload in pairs]


def test_items_are_numbered_in_arrival_order_and_replayed_after_a_number() -> None:
    store = MapStore(10)
    numbers = [store.add(item(n)) for n in range(4)]

    assert numbers == [1, 2, 3, 4]
    assert ids(store.since(0)) == ["e0", "e1", "e2", "e3"]
    assert ids(store.since(2)) == ["e2", "e3"]
    assert store.since(4) == []
    assert json.loads(store.since(3)[0][1])["seq"] == 4


def test_the_same_item_is_stored_once_per_layer() -> None:
    store = MapStore(10)

    assert store.add(item(1)) == 1
    assert store.add(item(1)) is None
    assert store.add(item(1, layer="incidents")) == 2
    assert len(store) == 2


def test_oldest_items_go_first_when_full_and_may_come_again() -> None:
    store = MapStore(3)
    for n in range(5):
        store.add(item(n))

    assert ids(store.since(0)) == ["e2", "e3", "e4"]
    assert ids(store.since(3)) == ["e3", "e4"]
    assert store.add(item(0)) == 6  # forgotten, so new again


def test_bound_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        MapStore(0)


async def test_waiters_wake_when_an_item_arrives() -> None:
    store = MapStore(10)
    store.add(item(0))
    waiter = asyncio.create_task(store.wait_after(1))
    await asyncio.sleep(0.01)
    assert not waiter.done()

    store.add(item(1))

    await asyncio.wait_for(waiter, 1)
    await asyncio.wait_for(store.wait_after(0), 0.1)  # already there: returns at once


def test_replay_leaves_the_detail_out_and_get_answers_the_whole_item() -> None:
    store = MapStore(2)
    for n in range(3):
        store.add({**item(n), "detail": {"summary": f"text {n}"}})

    (_, brief), _ = store.since(1)

    assert "detail" not in json.loads(brief)
    whole = json.loads(store.get("events", "e1") or "{}")
    assert whole["detail"] == {"summary": "text 1"}
    assert whole["seq"] == 2
    assert store.get("events", "e0") is None  # dropped when the store was full
    assert store.get("incidents", "e1") is None


def incident(n: int, revision: int, **extra: object) -> dict[str, object]:
    return {"layer": "incidents", "id": f"i{n}", "revision": revision, **extra}


def held(store: MapStore, after: int = 0) -> list[tuple[str, object, bool]]:
    """(id, revision, removed) of what the stream sends a page that read up to `after`."""
    messages = [json.loads(payload) for _, payload in store.since(after)]
    return [(m["id"], m.get("revision"), m.get("removed", False)) for m in messages]


def test_a_higher_revision_replaces_the_held_item_under_a_new_number() -> None:
    store = MapStore(10)
    store.add(incident(1, 1, killed=5))
    store.add(item(0))

    assert store.add(incident(1, 2, killed=12)) == 3

    assert held(store) == [("e0", None, False), ("i1", 2, False)]  # one entry, the new one
    assert held(store, after=2) == [("i1", 2, False)]  # a page holding revision 1 gets 2
    assert len(store) == 2
    assert json.loads(store.get("incidents", "i1") or "{}")["killed"] == 12


def test_the_same_or_an_older_revision_changes_nothing() -> None:
    store = MapStore(10)
    store.add(incident(1, 3))

    assert store.add(incident(1, 3)) is None
    assert store.add(incident(1, 2)) is None
    assert held(store) == [("i1", 3, False)]


def test_a_removal_takes_the_item_out_and_tells_only_pages_that_may_hold_it() -> None:
    store = MapStore(10)
    store.add(incident(1, 1))  # 1
    store.add(item(0))  # 2
    store.add(incident(1, 2))  # 3

    assert store.add(incident(1, 3, removed=True)) == 4

    assert len(store) == 1
    assert store.get("incidents", "i1") is None
    assert held(store) == [("e0", None, False)]  # a new page: nothing to remove
    assert held(store, after=1) == [("e0", None, False), ("i1", 3, True)]  # holds revision 1
    assert held(store, after=3) == [("i1", 3, True)]
    assert store.add(incident(1, 2)) is None  # a replay of an older revision stays out
    assert store.add(incident(1, 4)) == 5  # a later revision brings it back
    assert held(store, after=4) == [("i1", 4, False)]


def test_a_removal_of_an_item_not_held_changes_nothing() -> None:
    store = MapStore(10)

    assert store.add(incident(1, 2, removed=True)) is None
    assert store.last_seq == 0


def test_a_dropped_tombstone_is_remembered_so_late_pages_start_afresh() -> None:
    store = MapStore(2)
    store.add(incident(1, 1))  # 1
    store.add(incident(1, 2, removed=True))  # 2
    assert store.forgotten == 0

    store.add(item(0))  # 3
    store.add(item(1))  # 4: the tombstone is the oldest of three

    assert store.forgotten == 2
    assert held(store) == [("e0", None, False), ("e1", None, False)]


def test_many_revisions_keep_the_replay_right_and_the_memory_bounded() -> None:
    store = MapStore(3)
    for revision in range(1, 200):
        store.add(incident(revision % 2, revision))
    store.add(item(0))

    assert held(store) == [("i0", 198, False), ("i1", 199, False), ("e0", None, False)]
    assert held(store, after=198) == [("i1", 199, False), ("e0", None, False)]
    assert len(store._entries) <= 2 * 3 + 2  # holes are compacted away
