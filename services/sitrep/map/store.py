"""The map's memory: the current version of each item, numbered in arrival order, for replay.

Every browser that connects gets what is here (the replay), then waits for what comes
next: each item without its `detail`, which a page asks for (`get`) when it opens one.
Items are serialised once, when they arrive, not once per browser. Numbers start afresh
with each server process; `epoch` tells a reconnecting page that they did.

An item is held once per (layer, id). One with a `revision` (an incident) is replaced by a
higher revision: the new version gets a new number and the old one leaves the replay, so a
page following the stream receives it and swaps it in. An item with `removed` set (a
retracted incident) takes the held one out and leaves a tombstone, `{layer, id, seq,
revision, removed: true}`, which pages that may hold the item receive in turn.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import uuid
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class _Entry:
    seq: int
    key: tuple[str, str]
    revision: int
    first: int  # the number the key has been held under since (its first version's)
    brief: str | None  # what the stream sends; None once replaced or dropped (a hole)
    full: str | None  # the whole item (`detail` included); None for a tombstone


class MapStore:
    """Up to `max_items` items and tombstones (oldest dropped first), each once by (layer, id)."""

    def __init__(self, max_items: int) -> None:
        if max_items < 1:
            raise ValueError(f"max_items must be at least 1, got {max_items}")
        self.max_items = max_items
        self.epoch = uuid.uuid4().hex[:12]
        #: Entries in number order. Replaced and dropped ones stay as holes (all of those
        #: before `_head` are), until more than half are holes and the list is compacted.
        self._entries: list[_Entry] = []
        self._head = 0
        self._holes = 0
        self._held: dict[tuple[str, str], _Entry] = {}  # the current entry of each key
        self._tombstones = 0
        self._last_seq = 0
        #: The newest number of a dropped tombstone: a page that read no further may still
        #: show the item it removed, so the stream starts that page afresh.
        self.forgotten = 0
        self._arrived = asyncio.Event()

    def add(self, item: dict[str, Any]) -> int | None:
        """Store `item` (with `layer`, `id`, maybe `revision`, `removed` and `detail`); its
        number, or None when it changes nothing (held already, or an older revision)."""
        key = (str(item["layer"]), str(item["id"]))
        revision = int(item.get("revision", 0))
        removed = bool(item.get("removed", False))
        held = self._held.get(key)
        if held is not None and revision <= held.revision:
            return None
        if removed and (held is None or held.full is None):
            return None  # nothing held to take out, so no page holds it either
        self._last_seq += 1
        seq = self._last_seq
        first = held.first if held is not None and held.full is not None else seq
        brief = _json({**{k: v for k, v in item.items() if k != "detail"}, "seq": seq})
        full = None if removed else _json({**item, "seq": seq})
        entry = _Entry(seq, key, revision, first, brief, full)
        if held is not None:
            self._drop(held)
        self._held[key] = entry
        self._entries.append(entry)
        self._tombstones += removed
        while len(self._held) > self.max_items:
            self._evict_oldest()
        if self._holes > len(self._entries) // 2:
            self._entries = [kept for kept in self._entries if kept.brief is not None]
            self._head = self._holes = 0
        # Wake everyone waiting, and arm a fresh event for the next arrival.
        self._arrived.set()
        self._arrived = asyncio.Event()
        return seq

    def _drop(self, entry: _Entry) -> None:
        """Make `entry` a hole; forget its key if it is that key's current entry."""
        if self._held.get(entry.key) is entry:
            del self._held[entry.key]
        self._tombstones -= entry.full is None
        entry.brief = entry.full = None
        self._holes += 1

    def _evict_oldest(self) -> None:
        while self._entries[self._head].brief is None:
            self._head += 1
        oldest = self._entries[self._head]
        if oldest.full is None:
            self.forgotten = oldest.seq
        self._drop(oldest)

    def get(self, layer: str, item_id: str) -> str | None:
        """The whole item (JSON, `detail` included), if held and not removed."""
        entry = self._held.get((layer, item_id))
        return entry.full if entry is not None else None

    @property
    def last_seq(self) -> int:
        return self._last_seq

    def __len__(self) -> int:
        """Items held (tombstones not counted)."""
        return len(self._held) - self._tombstones

    def since(self, after: int) -> list[tuple[int, str]]:
        """(number, JSON) of the current items numbered above `after`, oldest first, with the
        tombstones of items a page that read up to `after` may hold."""
        start = bisect.bisect_right(self._entries, after, lo=self._head, key=lambda e: e.seq)
        return [
            (entry.seq, entry.brief)
            for entry in self._entries[start:]
            if entry.brief is not None and (entry.full is not None or entry.first <= after)
        ]

    async def wait_after(self, after: int) -> None:
        """Return once an item numbered above `after` exists (callers bound the wait)."""
        while self._last_seq <= after:
            await self._arrived.wait()


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)
