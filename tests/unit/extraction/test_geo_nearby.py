"""The resolver's nearness context: the box that spares most far pairs the distance, and
the pairs found once per article giving what a scan of the grid on every pass gave."""

from __future__ import annotations

import random

from sitrep.extraction.geo.gazetteer import Place
from sitrep.extraction.geo.resolve import _cell, _km, _Nearby, _reach


def town(index: int, latitude: float, longitude: float) -> Place:
    return Place(index, index, f"T{index}", "city", "PPL", latitude, longitude, "UA", "UA.14", 100)


def test_the_box_never_drops_a_pair_within_the_radius() -> None:
    rng = random.Random(7)  # noqa: S311 (test data)
    for radius in (1.0, 75.0, 200.0):
        for _ in range(20_000):
            a = town(0, rng.uniform(-88.5, 88.5), rng.uniform(-179.0, 179.0))
            b = town(1, a.latitude + rng.uniform(-3, 3), a.longitude + rng.uniform(-6, 6))
            lat_reach, lon_reach = _reach(a, radius)
            if _km(a, b) < radius:
                assert abs(b.latitude - a.latitude) <= lat_reach
                assert abs(b.longitude - a.longitude) <= lon_reach


def test_closeness_matches_a_scan_of_the_grid() -> None:
    """Every other name's best believed reading in the neighbouring cells, as before."""
    rng = random.Random(3)  # noqa: S311 (test data)
    # Seven names (mention i is name i's first), 60 readings among them in one region.
    firsts = [
        (f"name{n % 7}", town(n, rng.uniform(47.0, 49.0), rng.uniform(36.0, 39.0)), n % 7)
        for n in range(60)
    ]
    cells: dict[tuple[int, int], list[int]] = {}
    for k, (_, place, _) in enumerate(firsts):
        cells.setdefault(_cell(place), []).append(k)
    nearby = _Nearby(
        firsts,
        {
            cell: [(k, firsts[k][1].latitude, firsts[k][1].longitude, firsts[k][1]) for k in ks]
            for cell, ks in cells.items()
        },
        75.0,
    )
    beliefs = [{place.index: rng.random() for _, place, i in firsts if i == m} for m in range(7)]
    nearby.believe(beliefs)
    for key, place, _ in firsts:
        best: dict[str, float] = {}
        row, col = _cell(place)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for k in cells.get((row + dr, col + dc), ()):
                    other_key, other, i = firsts[k]
                    top = max(beliefs[i].values())
                    p = beliefs[i][other.index]
                    if other_key == key or other is place or p < 0.05 * top:
                        continue
                    km = _km(place, other)
                    if km < 75.0:
                        best[other_key] = max(best.get(other_key, 0.0), p / top * (1 - km / 75.0))
        assert nearby.closeness(place, key) == sum(best.values())
