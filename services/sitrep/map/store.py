"""The map's memory: the most recent items in arrival order, each numbered, for replay.

Every browser that connects gets what is here (the replay), then waits for what comes
next: each item without its `detail`, which a page asks for (`get`) when it opens one.
Items are serialised once, when they arrive, not once per browser. Numbers start afresh
with each server process; `epoch` tells a reconnecting page that they did.
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
        self._full: dict[tuple[str, str], str] = {}  # with `detail`, by (layer, id)
        self._last_seq = 0
        self._arrived = asyncio.Event()

    def add(self, item: dict[str, Any]) -> int | None:
        """Store `item` (with `layer`, `id`, maybe `detail`); its number, or None if held."""
        key = (str(item["layer"]), str(item["id"]))
        if key in self._full:
            return None
        self._last_seq += 1
        brief = {name: value for name, value in item.items() if name != "detail"}
        self._items.append((self._last_seq, key, _json({**brief, "seq": self._last_seq})))
        self._full[key] = _json({**item, "seq": self._last_seq})
        if len(self._items) > self.max_items:
            _, dropped, _ = self._items.popleft()
            del self._full[dropped]
        # Wake everyone waiting, and arm a fresh event for the next arrival.
        self._arrived.set()
        self._arrived = asyncio.Event()
        return self._last_seq

    def get(self, layer: str, item_id: str) -> str | None:
        """The whole item (JSON, `detail` included), if held."""
        return self._full.get((layer, item_id))

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


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)
