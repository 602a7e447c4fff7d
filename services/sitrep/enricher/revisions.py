"""Which revision of each article this worker last enriched (bounded, in memory)."""

from __future__ import annotations

from collections import OrderedDict


class RevisionCache:
    """LRU map article id -> revision. Same id and same text within its window: processed once.

    Across restarts and partition moves a replay is harmless: it yields the same event ids,
    which consumers drop (`sitrep.client.EventConsumer` does).
    """

    def __init__(self, max_size: int = 200_000) -> None:
        self._max_size = max_size
        self._entries: OrderedDict[str, str] = OrderedDict()

    def get(self, article_id: str) -> str | None:
        revision = self._entries.get(article_id)
        if revision is not None:
            self._entries.move_to_end(article_id)
        return revision

    def peek(self, article_id: str) -> str | None:
        """The revision, leaving the order of forgetting as it is."""
        return self._entries.get(article_id)

    def __setitem__(self, article_id: str, revision: str) -> None:
        self._entries[article_id] = revision
        self._entries.move_to_end(article_id)
        while len(self._entries) > self._max_size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
