"""Compact storage for the gazetteer's ~700k places and ~1.2M folded names.

As Python objects (a named tuple per place, a str and a tuple per name, a dict over them)
they took about 585 MB of every worker's memory. Here a place is a row of typed arrays
(codes shared through one table, names in one UTF-8 blob) and the names are a MARISA trie
(marisa-trie) with their place ids in one array: about 60 MB, loaded in a fraction of a
second. A `Place` is built when asked for and kept in a bounded cache, so each article
pays only for the places its names can be.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple, cast, overload

import marisa_trie

PlaceKind = Literal["city", "admin2", "admin1", "region", "country", "continent"]


class Place(NamedTuple):
    """One gazetteer entry. `admin1` is the GeoNames-style code ('UA.07', 'US.TX').

    A named tuple, not a dataclass: articles build thousands of them (`PlaceTable`), and
    tuples build fastest."""

    index: int  # type: ignore[assignment]  # shadows tuple.index, never called on a Place
    geonameid: int | None
    name: str
    kind: PlaceKind
    feature_code: str
    latitude: float
    longitude: float
    country: str | None
    admin1: str | None
    population: int
    #: GeoNames admin2 code ('SY.10.169577') where known.
    admin2: str | None = None
    #: A village beyond cities500 (localities.tsv.gz): a reading only in the countries the
    #: article is about, so that thousands of small places add no false ones elsewhere.
    focus_only: bool = False
    #: Key of the place's own name, to prefer "Paris" the name over "Paris" an alias.
    main_key: str = ""


#: Places kept built at once; past this the cache starts afresh (a long-running worker
#: meets ever more names, and the cache must not grow back into the full table).
MAX_CACHED = 65_536
#: Array type codes: 4-byte unsigned for offsets and code numbers, 8-byte signed integers,
#: doubles (coordinates stay exactly as GeoNames gives them).
_U32, _I64, _F64, _U8 = "I", "q", "d", "B"


class _Blob:
    """Strings in one UTF-8 buffer; string k is bytes ends[k-1]:ends[k]."""

    __slots__ = ("data", "ends")

    def __init__(self, strings: Iterable[str]) -> None:
        parts = [s.encode() for s in strings]
        self.data = b"".join(parts)
        self.ends = array(_U32)
        end = 0
        for part in parts:
            end += len(part)
            self.ends.append(end)

    def __getitem__(self, k: int) -> str:
        return self.data[self.ends[k - 1] if k else 0 : self.ends[k]].decode()


class PlaceTable(Sequence[Place]):
    """Every gazetteer place as columns; `table[i]` is the `Place` with index i."""

    def __init__(self, places: Sequence[Place]) -> None:
        codes: dict[str | None, int] = {None: 0}

        def code(value: str | None) -> int:
            return codes.setdefault(value, len(codes))

        self._kind = array(_U32, (code(p.kind) for p in places))
        self._feature_code = array(_U32, (code(p.feature_code) for p in places))
        self._country = array(_U32, (code(p.country) for p in places))
        self._admin1 = array(_U32, (code(p.admin1) for p in places))
        self._admin2 = array(_U32, (code(p.admin2) for p in places))
        self._codes: list[str | None] = list(codes)
        self._geonameid = array(_I64, (-1 if p.geonameid is None else p.geonameid for p in places))
        self._latitude = array(_F64, (p.latitude for p in places))
        self._longitude = array(_F64, (p.longitude for p in places))
        self._population = array(_I64, (p.population for p in places))
        self._focus_only = array(_U8, (p.focus_only for p in places))
        self._names = _Blob(p.name for p in places)
        self._main_keys = _Blob(p.main_key for p in places)
        if any(p.index != i for i, p in enumerate(places)):
            raise ValueError("a place's index must be its position")
        self._cache: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._kind)

    @overload
    def __getitem__(self, index: int) -> Place: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Place]: ...

    def __getitem__(self, index: int | slice) -> Place | Sequence[Place]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        place = self._cache.get(index)
        if place is None:
            if not 0 <= index < len(self._kind):
                raise IndexError(index)
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            place = self._cache[index] = self._build(index)
        return place

    def __iter__(self) -> Iterator[Place]:
        """Every place, built one by one without filling the cache (a slow scan)."""
        return (self._build(i) for i in range(len(self)))

    def with_population(self, minimum: int) -> list[Place]:
        """Places of at least `minimum` inhabitants, found on the column alone."""
        return [self[i] for i, n in enumerate(self._population) if n >= minimum]

    def countries(self, *, focus_only: bool) -> frozenset[str]:
        """Countries with some place whose `focus_only` is as given."""
        wanted = int(focus_only)
        codes, country = self._codes, self._country
        found = {codes[country[i]] for i, f in enumerate(self._focus_only) if f == wanted}
        return frozenset(c for c in found if c)

    def _build(self, i: int) -> Place:
        codes = self._codes
        geonameid = self._geonameid[i]
        # tuple.__new__ is what Place() does once its defaults are filled in, faster.
        return tuple.__new__(
            Place,
            (
                i,
                None if geonameid < 0 else geonameid,
                self._names[i],
                cast(Any, codes[self._kind[i]]),
                cast(str, codes[self._feature_code[i]]),
                self._latitude[i],
                self._longitude[i],
                codes[self._country[i]],
                codes[self._admin1[i]],
                self._population[i],
                codes[self._admin2[i]],
                bool(self._focus_only[i]),
                self._main_keys[i],
            ),
        )

    def __getstate__(self) -> dict[str, object]:
        state = {name: getattr(self, name) for name in _TABLE_FIELDS}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._cache = {}


_TABLE_FIELDS = (
    "_kind",
    "_feature_code",
    "_country",
    "_admin1",
    "_admin2",
    "_codes",
    "_geonameid",
    "_latitude",
    "_longitude",
    "_population",
    "_focus_only",
    "_names",
    "_main_keys",
)


class NameIndex(Mapping[str, tuple[int, ...]]):
    """Folded name -> the indexes of the places it can name, in the order they were added."""

    def __init__(self, keys: Mapping[str, Sequence[int]]) -> None:
        self._trie = marisa_trie.Trie(keys)
        by_id: list[Sequence[int]] = [()] * len(self._trie)
        for key, ids in keys.items():
            by_id[self._trie[key]] = ids
        self._ids = array(_U32)
        self._ends = array(_U32)
        for ids in by_id:
            self._ids.extend(ids)
            self._ends.append(len(self._ids))

    def get(self, key: str, default: Any = None) -> Any:
        k = self._trie.get(key)
        if k is None:
            return default
        return tuple(self._ids[self._ends[k - 1] if k else 0 : self._ends[k]])

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found: tuple[int, ...] | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie)

    def __len__(self) -> int:
        return len(self._trie)

    def __getstate__(self) -> dict[str, object]:
        return {"trie": self._trie.tobytes(), "ids": self._ids, "ends": self._ends}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._trie = marisa_trie.Trie().frombytes(state["trie"])
        self._ids = state["ids"]
        self._ends = state["ends"]


class WordSet:
    """A static set of strings in a MARISA trie (the proper word prefixes of names)."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._trie = marisa_trie.Trie(words)

    def __contains__(self, word: object) -> bool:
        return word in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def __getstate__(self) -> bytes:
        return bytes(self._trie.tobytes())

    def __setstate__(self, state: bytes) -> None:
        self._trie = marisa_trie.Trie().frombytes(state)
