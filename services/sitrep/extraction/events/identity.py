"""Deterministic event ids: same article revision and same event anchor -> same id."""

from __future__ import annotations

import hashlib


def event_id(
    article_id: str,
    revision: str,
    event_type: str,
    anchor_start: int,
    anchor_end: int,
    place_start: int | None = None,
) -> str:
    """Hash of the article id, its revision and the event's trigger span and type.

    The revision pins the text, so the trigger's offsets identify the event within it; a
    replay of the same revision yields the same ids and consumers can drop duplicates.
    `place_start` tells apart the events one report makes for several places.
    """
    parts = [article_id, revision, event_type, str(anchor_start), str(anchor_end)]
    if place_start is not None:
        parts.append(str(place_start))
    key = "\x1f".join(parts)
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
