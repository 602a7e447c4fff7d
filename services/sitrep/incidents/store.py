"""State of one input partition: values by key in memory, every change kept for its changelog.

The loop writes `take_changes()` to the partition's changelog topic (compacted, keyed like
the store) before it commits the input offsets, and a new owner of the partition rebuilds
the store by `restore()`-ing that changelog from its start. Values are pydantic models;
a deleted key becomes a tombstone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from pydantic import BaseModel

V = TypeVar("V", bound=BaseModel)

Change = tuple[str, bytes | None]


class PartitionStore(Generic[V]):
    def __init__(self, model: type[V]) -> None:
        self._model = model
        self._values: dict[str, V] = {}
        self._changed: dict[str, V | None] = {}

    def get(self, key: str) -> V | None:
        return self._values.get(key)

    def put(self, key: str, value: V) -> None:
        self._values[key] = value
        self._changed[key] = value

    def delete(self, key: str) -> None:
        if self._values.pop(key, None) is not None:
            self._changed[key] = None

    def items(self) -> Iterator[tuple[str, V]]:
        return iter(list(self._values.items()))

    def __len__(self) -> int:
        return len(self._values)

    def take_changes(self) -> list[Change]:
        """Changes since the last call, one per key (the latest), for the changelog."""
        changes = [
            (key, None if value is None else value.model_dump_json().encode())
            for key, value in self._changed.items()
        ]
        self._changed.clear()
        return changes

    def restore(self, key: str, value: bytes | None) -> None:
        """Apply one changelog record (recovery: not a change to log again)."""
        if value is None:
            self._values.pop(key, None)
        else:
            self._values[key] = self._model.model_validate_json(value)
