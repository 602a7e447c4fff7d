"""Drop events already seen, with bounded memory.

The worker delivers at least once and gives every event a deterministic id, so a replay or
a retried send shows up downstream as the same `event_id` again. Remembering the most
recent ids (least recently seen forgotten first) catches those, which arrive close together,
without growing forever on an endless stream.
"""

from __future__ import annotations

from collections import OrderedDict

from sitrep_contracts import EnrichedEvent


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


class Revisions:
    """Which revision of each article is current, so superseded events can be dropped.

    Events carry `article_sequence` (the article message's offset; the greater supersedes)
    and `article_revision` (a hash of what the extractor read). `dedupe_key(event)` gives
    None for an event of a revision older than one already seen, else the key to drop
    duplicates by: the event id, qualified by where the current revision began, so that a
    revert to an earlier revision (its events have the ids they had before) is new again,
    while a replay or an unchanged republication is a duplicate. Remembers up to
    `max_articles` articles, least recently seen forgotten first.
    """

    def __init__(self, max_articles: int = 100_000) -> None:
        self._max = max_articles
        # article id -> (greatest sequence seen, its revision, sequence where that began)
        self._current: OrderedDict[str, tuple[int, str, int]] = OrderedDict()

    def dedupe_key(self, event: EnrichedEvent) -> str | None:
        sequence = event.article_sequence
        if sequence is None:  # extracted offline or by an older worker: ids alone
            return event.event_id
        current = self._current.get(event.article_id)
        if current is not None:
            self._current.move_to_end(event.article_id)
            latest, revision, since = current
            if sequence < latest and event.article_revision != revision:
                return None  # superseded
            if sequence > latest:
                began = since if event.article_revision == revision else sequence
                current = (sequence, event.article_revision, began)
        else:
            current = (sequence, event.article_revision, sequence)
        self._current[event.article_id] = current
        while len(self._current) > self._max:
            self._current.popitem(last=False)
        return f"{event.event_id}@{current[2]}"
