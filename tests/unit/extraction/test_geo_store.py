"""The gazetteer's compact store gives back exactly the places and names put in."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from sitrep.extraction.geo import store
from sitrep.extraction.geo.gazetteer import Place
from sitrep.extraction.geo.store import NameIndex, PlaceTable, WordSet


def _copied(value: Any) -> Any:
    """Through the pickle the gazetteer cache is written with (our own bytes)."""
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301


PLACES = [
    Place(
        0,
        703448,
        "Kyiv",
        "city",
        "PPLC",
        50.45466,
        30.5238,
        "UA",
        "UA.12",
        2_797_553,
        "UA.12.703447",
        main_key="kyiv",
    ),
    Place(
        1,
        None,
        "Nova Xyzivka",
        "city",
        "PPL",
        48.1,
        37.25,
        "UA",
        "UA.05",
        0,
        None,
        True,
        "nova xyzivka",
    ),
    Place(2, 290557, "Ash Shamāl", "region", "RGN", -0.5, 1e-7, None, None, 10**9),
    Place(
        3,
        6255148,
        "Europe",
        "continent",
        "CONT",
        48.69,
        9.14,
        None,
        None,
        10**12,
        main_key="europe",
    ),
]


def test_every_field_of_every_place_comes_back() -> None:
    table = PlaceTable(PLACES)

    assert len(table) == len(PLACES)
    assert list(table) == PLACES
    assert [table[i] for i in range(len(PLACES))] == PLACES
    assert table[1].focus_only and table[1].geonameid is None and table[1].admin2 is None


def test_a_pickled_table_is_the_same_table() -> None:
    table = _copied(PlaceTable(PLACES))

    assert list(table) == PLACES


def test_an_index_out_of_range_is_an_error() -> None:
    with pytest.raises(IndexError):
        PlaceTable(PLACES)[len(PLACES)]


def test_a_full_cache_starts_afresh_with_the_same_places(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_CACHED", 2)
    table = PlaceTable(PLACES)

    first = [table[i] for i in range(len(PLACES))]

    assert len(table._cache) <= 2
    assert [table[i] for i in range(len(PLACES))] == first == PLACES


def test_places_are_found_by_population_and_villages_by_country() -> None:
    table = PlaceTable(PLACES)

    assert [p.name for p in table.with_population(1_000_000)] == ["Kyiv", "Ash Shamāl", "Europe"]
    assert table.countries(focus_only=True) == {"UA"}


def test_a_place_out_of_its_position_is_refused() -> None:
    with pytest.raises(ValueError, match="position"):
        PlaceTable(PLACES[1:])


def test_names_give_their_places_in_the_order_they_were_added() -> None:
    keys = {"kyiv": [0, 3], "kiev": [0], "nova xyzivka": [1], "ash shamal": [2]}
    index = NameIndex(keys)

    assert {key: index[key] for key in keys} == {k: tuple(v) for k, v in keys.items()}
    assert index.get("kyiv") == (0, 3)
    assert index.get("kyi") is None and index.get("kyi", ()) == ()
    assert "kiev" in index and "nova" not in index
    assert sorted(index) == sorted(keys) and len(index) == 4
    with pytest.raises(KeyError):
        index["paris"]
    copied = _copied(index)
    assert {key: copied[key] for key in keys} == {k: tuple(v) for k, v in keys.items()}


def test_a_word_set_answers_membership_after_pickling() -> None:
    words = _copied(WordSet(["nova", "new", "new york"]))

    assert "new york" in words and "nova" in words
    assert "york" not in words and "" not in words
    assert len(words) == 3
