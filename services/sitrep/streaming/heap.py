"""Keeps CPython's full garbage collections off the path of a record.

A stateful stage holds its partitions' state in memory: hundreds of thousands of
long-lived objects. CPython's automatic full (oldest-generation) collection scans every one
of them each time the long-lived objects grow by a quarter, and the stage stops meanwhile:
in the incident stage at 420 events/s these pauses took 70-630 ms each and made most of
its p95 latency. So, between batches, the loop collects what the batch left behind in the
young generations (cheap: only this batch's objects) and moves the survivors to the
permanent generation (`gc.freeze()`), which automatic collections skip. Frozen objects are
still freed by reference counting; only garbage cycles among them wait for the full
collection that `when_idle` (a poll that found nothing) or a doubling of the frozen
objects runs, so memory stays bounded under sustained load too.
"""

from __future__ import annotations

import gc
import time

import structlog

log = structlog.get_logger(__name__)

#: A full collection once the frozen objects have grown by this factor since the last one.
GROWTH_BEFORE_FULL_COLLECTION = 2.0
#: Frozen objects below which a full collection is not worth scheduling.
MIN_FROZEN_FOR_FULL_COLLECTION = 100_000
#: An idle loop runs a full collection at most this often (the next record may wait on it).
IDLE_COLLECTION_INTERVAL_S = 60.0


class HeapKeeper:
    """Called by the stream loop: `after_batch()` once a batch is committed, `when_idle()`
    when a poll returns nothing."""

    def __init__(self) -> None:
        self._frozen_after_full = 0
        self._last_full = time.monotonic()

    def after_batch(self) -> None:
        gc.collect(1)
        gc.freeze()
        if gc.get_freeze_count() > max(
            MIN_FROZEN_FOR_FULL_COLLECTION,
            GROWTH_BEFORE_FULL_COLLECTION * self._frozen_after_full,
        ):
            self.collect_all()

    def when_idle(self) -> None:
        if (
            gc.get_freeze_count() > self._frozen_after_full
            and time.monotonic() - self._last_full > IDLE_COLLECTION_INTERVAL_S
        ):
            self.collect_all()

    def collect_all(self) -> None:
        """The full collection, frozen objects included, then freeze the survivors again."""
        started = time.perf_counter()
        gc.unfreeze()
        collected = gc.collect()
        gc.freeze()
        self._frozen_after_full = gc.get_freeze_count()
        self._last_full = time.monotonic()
        log.debug(
            "heap.full_collection",
            seconds=round(time.perf_counter() - started, 3),
            collected=collected,
            frozen=self._frozen_after_full,
        )
