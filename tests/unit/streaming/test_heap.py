"""HeapKeeper: survivors of a batch are frozen out of automatic collections, and the full
collection it runs still frees garbage cycles among them."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sitrep.streaming.heap import HeapKeeper


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_cycle_left_frozen_is_freed_by_the_full_collection() -> None:
    keeper = HeapKeeper()
    a, b = Node(), Node()
    a.other, b.other = b, a
    ref = weakref.ref(a)
    keeper.after_batch()  # the cycle is alive: frozen
    del a, b
    gc.collect()  # automatic-style collections skip frozen objects
    assert ref() is not None
    keeper.collect_all()
    assert ref() is None


def test_young_garbage_cycles_are_collected_before_freezing() -> None:
    ref = cycle()
    HeapKeeper().after_batch()
    assert ref() is None
