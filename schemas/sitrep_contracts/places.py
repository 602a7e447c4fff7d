"""A place as Sitrep resolves it to GeoNames; shared by events and article enrichments."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from sitrep_contracts.common import Confidence, Contract, TextSpan


class PlacePrecision(StrEnum):
    """How exact the coordinates are."""

    POINT = "point"  # a populated place (city, town, village)
    ADMIN2 = "admin2"  # district / county centroid
    ADMIN1 = "admin1"  # region, oblast, state, province centroid
    REGION = "region"  # informal region spanning admin units ("Donbass")
    COUNTRY = "country"  # country centroid


class ResolvedPlace(Contract):
    """A place mention resolved to a gazetteer entry. Unresolved mentions keep `geonameid=None`."""

    text: str = Field(description="The mention as written in the article ('Bakhmout').")
    name: str | None = Field(default=None, description="Gazetteer name ('Bakhmut').")
    geonameid: int | None = Field(
        default=None,
        description=(
            "GeoNames id; null for places that have none in the shipped gazetteer "
            "(informal regions, villages from the GeoNames postal-code dump)."
        ),
    )
    feature_code: str | None = Field(
        default=None, description="GeoNames feature code: PPL, ADM1..."
    )
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    country_code: str | None = Field(
        default=None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2."
    )
    admin1: str | None = Field(default=None, description="First-level region name ('Donetsk').")
    admin1_code: str | None = Field(
        default=None, description="GeoNames admin1 code ('UA.14' style)."
    )
    # Added 2026-12 (issue 14): the district, for every place that lies in a known one.
    admin2: str | None = Field(
        default=None, description="Second-level region name ('Bakhmut Raion', 'Mezam')."
    )
    admin2_code: str | None = Field(
        default=None, description="GeoNames admin2 code ('UA.14.1412' style)."
    )
    precision: PlacePrecision = PlacePrecision.POINT
    confidence: float = Confidence
    evidence: TextSpan
