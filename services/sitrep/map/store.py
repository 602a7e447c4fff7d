"""The map's memory: the most recent items in arrival order, each numbered, for replay.

Every browser that connects gets what is here (the replay), then waits for what comes
next. Items are serialised once, when they arrive, not once per browser. Numbers start
afresh with each server process; `epoch` tells a reconnecting page that they did.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from collections import deque
from typing import Any


class MapStore:
    """Up to `max_items` items (oldest dropped first), each once by (layer, id)."""

    def __init__(self, max_items: int) -> None:
        if max_items < 1:
            raise ValueError(f"max_items must be at least 1, got {max_items}")
        self.max_items = max_items
        self.epoch = uuid.uuid4().hex[:12]
        self._items: deque[tuple[int, tuple[str, str], str]] = deque()
        self._keys: set[tuple[str, str]] = set()
        self._last_seq = 0
        self._arrived = asyncio.Event()

    def add(self, item: dict[str, Any]) -> int | None:
        """Store `item` (which has `layer` and `id`); its number, or None if already held."""
        key = (str(item["layer"]), str(item["id"]))
        if key in self._keys:
            return None
        self._last_seq += 1
        payload = json.dumps({**item, "seq": self._last_seq}, ensure_ascii=False)
        self._items.append((self._last_seq, key, payload))
        self._keys.add(key)
        if len(self._items) > self.max_items:
            _, dropped, _ = self._items.popleft()
            self._keys.discard(dropped)
        # Wake everyone waiting, and arm a fresh event for the next arrival.
        self._arrived.set()
        self._arrived = asyncio.Event()
        return self._last_seq

    @property
    def last_seq(self) -> int:
        return self._last_seq

    def __len__(self) -> int:
        return len(self._items)

    def since(self, after: int) -> list[tuple[int, str]]:
        """(number, JSON) of the items numbered above `after`, oldest first."""
        if not self._items or after >= self._last_seq:
            return []
        first = self._items[0][0]
        skip = max(0, after - first + 1)  # numbers are consecutive within the deque
        return [(seq, payload) for seq, _, payload in itertools.islice(self._items, skip, None)]

    async def wait_after(self, after: int) -> None:
        """Return once an item numbered above `after` exists (callers bound the wait)."""
        while self._last_seq <= after:
            await self._arrived.wait()
