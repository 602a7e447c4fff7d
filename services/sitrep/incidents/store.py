"""One partition's store: values by key in memory, every change kept for the changelog.

The stream loop writes `take_changes()` to the partition's changelog topic (compacted)
after the batch's output is acknowledged and before its input offsets are committed, and
the partition's next owner rebuilds the store from it (`restore`). Values are pydantic
models; a deleted key becomes a tombstone. Both steps of the incident stage keep a store in
one changelog, told apart by a key prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from pydantic import BaseModel

from sitrep.streaming import StateChange

V = TypeVar("V", bound=BaseModel)


class PartitionStore(Generic[V]):
    def __init__(self, model: type[V], prefix: bytes) -> None:
        self._model = model
        self._prefix = prefix
        self._values: dict[str, V] = {}
        self._changed: set[str] = set()

    def get(self, key: str) -> V | None:
        return self._values.get(key)

    def put(self, key: str, value: V) -> None:
        """Store `value` (also after changing it in place: the change is logged)."""
        self._values[key] = value
        self._changed.add(key)

    def delete(self, key: str) -> None:
        if self._values.pop(key, None) is not None:
            self._changed.add(key)

    def items(self) -> Iterator[tuple[str, V]]:
        return iter(list(self._values.items()))

    def values(self) -> Iterator[V]:
        return iter(self._values.values())

    def __len__(self) -> int:
        return len(self._values)

    def take_changes(self) -> list[StateChange]:
        """The changed keys' values now (None: deleted), for the changelog."""
        changes: list[StateChange] = []
        for key in self._changed:
            value = self._values.get(key)
            encoded = None if value is None else value.model_dump_json().encode()
            changes.append((self._prefix + key.encode(), encoded))
        self._changed.clear()
        return changes

    def owns(self, changelog_key: bytes) -> bool:
        return changelog_key.startswith(self._prefix)

    def restore(self, changelog_key: bytes, value: bytes) -> None:
        """Apply one record read back from the changelog (not a change to log again)."""
        key = changelog_key[len(self._prefix) :].decode()
        self._values[key] = self._model.model_validate_json(value)
