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
