"""Drop events already seen, with bounded memory.

The worker delivers at least once and gives every event a deterministic id, so a replay or
a retried send shows up downstream as the same `event_id` again. Remembering the most
recent ids (least recently seen forgotten first) catches those, which arrive close together,
without growing forever on an endless stream.
"""

from __future__ import annotations

from collections import OrderedDict


class Deduplicator:
    """Remembers up to `max_size` keys; `seen(key)` says whether a key came before."""

    def __init__(self, max_size: int = 100_000) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        self.max_size = max_size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def seen(self, key: str) -> bool:
        """True if `key` is remembered; either way it becomes the most recently seen."""
        if key in self._keys:
            self._keys.move_to_end(key)
            return True
        self._keys[key] = None
        if len(self._keys) > self.max_size:
            self._keys.popitem(last=False)
        return False

    def __contains__(self, key: object) -> bool:
        """Membership without touching recency."""
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)
