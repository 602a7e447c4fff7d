"""Which open incidents a new report could join, without trying every one.

The rule merges only reports of one route key (country and first-level region) whose
dates overlap, and, unless one place contains the other, places a few kilometres apart.
So each incident is filed under every day of its date window and, when it has a located
place finer than a region, under the grid cell of that place; a report looks in the
cells around its own for the days it may stand for, plus the incidents filed as
region-wide. A busy region with hundreds of incidents open over the retention period
then offers a handful of candidates, not hundreds. The rule itself still decides.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from sitrep_contracts import ResolvedPlace

#: Grid cell side in degrees (latitude: ~28 km); must be at least the largest merge distance.
CELL_DEGREES = 0.25
KM_PER_DEGREE = 111.2

K = TypeVar("K")
NONE: frozenset[str] = frozenset()
Cell = tuple[int, int]
Day = tuple[str, dt.date]  # route, day
Slot = tuple[str, dt.date, Cell | None]  # cell None: region-wide (containing or unlocated)


class CandidateIndex:
    def __init__(self, containing: Iterable[object], max_km: float) -> None:
        if max_km > CELL_DEGREES * KM_PER_DEGREE:
            raise ValueError(f"merge distance {max_km} km is more than a grid cell")
        self._containing = frozenset(containing)
        self._max_km = max_km
        self._by_day: dict[Day, set[str]] = defaultdict(set)
        self._by_slot: dict[Slot, set[str]] = defaultdict(set)
        self._filed: dict[str, list[Slot]] = {}

    def file(
        self, incident_id: str, route: str, days: tuple[dt.date, dt.date], place: ResolvedPlace
    ) -> None:
        """File (or re-file) an open incident under its days and place."""
        self.remove(incident_id)
        cell = None if self._region_wide(place) else _cell(place)
        slots = [(route, day, cell) for day in _days(*days)]
        for slot in slots:
            self._by_slot[slot].add(incident_id)
            self._by_day[route, slot[1]].add(incident_id)
        self._filed[incident_id] = slots

    def remove(self, incident_id: str) -> None:
        for slot in self._filed.pop(incident_id, ()):
            _discard(self._by_slot, slot, incident_id)
            _discard(self._by_day, (slot[0], slot[1]), incident_id)

    def candidates(
        self, route: str, days: tuple[dt.date, dt.date], place: ResolvedPlace
    ) -> set[str]:
        """Every incident the report at `place` over `days` may join (and perhaps others)."""
        found: set[str] = set()
        cells = None if self._region_wide(place) else self._around(place)
        for day in _days(*days):
            if cells is None:
                found |= self._by_day.get((route, day), NONE)
                continue
            found |= self._by_slot.get((route, day, None), NONE)
            for cell in cells:
                found |= self._by_slot.get((route, day, cell), NONE)
        return found

    def __len__(self) -> int:
        return len(self._filed)

    def _region_wide(self, place: ResolvedPlace) -> bool:
        return (
            place.precision in self._containing or place.latitude is None or place.longitude is None
        )

    def _around(self, place: ResolvedPlace) -> tuple[Cell, ...]:
        """The cells within the merge distance of `place`'s cell (more of them far north,
        where a degree of longitude is shorter)."""
        row, column = _cell(place)
        return _cells_around(row, column, self._max_km)


@lru_cache(maxsize=4096)
def _cells_around(row: int, column: int, max_km: float) -> tuple[Cell, ...]:
    latitude = abs(row * CELL_DEGREES) + CELL_DEGREES  # the band's edge nearer the pole
    cell_km = CELL_DEGREES * KM_PER_DEGREE * max(math.cos(math.radians(min(latitude, 90))), 0.01)
    reach = math.ceil(max_km / cell_km)
    return tuple((row + dr, column + dc) for dr in (-1, 0, 1) for dc in range(-reach, reach + 1))


def _discard(index: dict[K, set[str]], key: K, incident_id: str) -> None:
    ids = index[key]
    ids.discard(incident_id)
    if not ids:
        del index[key]


def _cell(place: ResolvedPlace) -> Cell:
    return (
        math.floor((place.latitude or 0.0) / CELL_DEGREES),
        math.floor((place.longitude or 0.0) / CELL_DEGREES),
    )


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
