"""Per-article lookups by character offset, so that per-event work stays O(log n).

An article of 1 MB has thousands of actors, people and places; scanning all of them for
every event or sentence made extraction quadratic in the text length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


class _HasSpan(_HasStart, Protocol):
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_HasStart)


class ByStart(Generic[T]):
    """Items with a `start` offset; `within(lo, hi)` returns those with lo <= start < hi
    in their original order (exactly what a filtering scan of the list would give)."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = list(items)
        order = sorted(range(len(self.items)), key=lambda k: self.items[k].start)
        self._in_order = order == list(range(len(order)))
        self._order = order
        self._starts = [self.items[k].start for k in order]

    def within(self, lo: int, hi: int) -> list[T]:
        a = bisect_left(self._starts, lo)
        b = bisect_left(self._starts, hi)
        if self._in_order:
            return self.items[a:b]
        return [self.items[k] for k in sorted(self._order[a:b])]


class Intervals:
    """Character spans (actors, dates) to test offsets against; O(log n) queries."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self._max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span (s, e) has s < end and start < e."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._max_end[k - 1] > start

    def holds(self, offset: int) -> bool:
        """Some span (s, e) has s <= offset < e."""
        k = bisect_right(self._starts, offset)
        return k > 0 and self._max_end[k - 1] > offset

    def covers(self, start: int, end: int) -> bool:
        """Some span (s, e) has s <= start and end <= e."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._max_end[k - 1] >= end


def longest(items: Sequence[_HasSpan]) -> int:
    """The longest item's length (end - start), 0 for none."""
    return max((i.end - i.start for i in items), default=0)
