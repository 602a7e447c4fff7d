"""The matching rule: when a report belongs to an incident (thresholds in data/matching.yaml).

A report joins an incident when all hold:
- both can merge at all: a date finer than a year and a place finer than a country;
- same event family (ACLED's categories: political violence, demonstrations, strategic
  developments);
- dates finer than a month whose spans overlap, the new report's day-precision date widened
  by a day either way, a date taken from the publication time by the days before it that a
  wire might report late (more for a follow-up: "the death toll rose to 12");
- same country and first-level region, and either one place contains the other (a region
  and a town in it) or they lie within a few kilometres (same town, or a village nearby);
- no side named as attacker by both with different countries;
- both give a killed or injured figure, and killed figures are within a factor of ten of
  each other (tolls rise, not tenfold) unless one gives no number ("several killed");
- the incident has no standing report from the same article revision (the worker emits
  one event per incident per article, so two events of one revision are two incidents).

Among the incidents a report matches it joins the nearest (place, then date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sitrep.incidents.facts import Figure, ReportFacts
from sitrep_contracts import CasualtyKind, DatePrecision, EventType, PlacePrecision, ResolvedPlace


class Mismatch(StrEnum):
    """Which condition of the rule keeps a report out of an incident (in the order tried)."""

    UNMERGEABLE = "unmergeable"  # no place, or a place or date too vague to merge on
    FAMILY = "family"
    SAME_ARTICLE = "same_article"  # the incident has a report of the same article revision
    DATES = "dates"
    PLACE = "place"
    ATTACKERS = "attackers"
    TOLLS = "tolls"  # killed figures more than the ratio apart
    NO_COMMON_TOLL = "no_common_toll"  # no casualty kind that both give a figure for


@dataclass(frozen=True)
class Profile:
    """What an incident is matched on: the aggregate of its standing reports."""

    family: str
    date_from: dt.date
    date_to: dt.date
    place: ResolvedPlace
    actor1_countries: frozenset[str]
    killed: Figure | None
    injured: Figure | None
    revisions: frozenset[tuple[str, str]]  # (article_id, article_revision) of standing reports


@dataclass(frozen=True)
class MatchingRules:
    families: dict[EventType, str]
    span_days: dict[DatePrecision, int | None]  # None: to the end of the month
    unmergeable_dates: frozenset[DatePrecision]
    day_slack_days: int
    publication_lookback_days: int
    follow_up_lookback_days: int
    near_km: dict[PlacePrecision, float]
    containing: frozenset[PlacePrecision]
    unmergeable_places: frozenset[PlacePrecision]
    require_common_toll: bool
    max_toll_ratio: float
    credible_confidence: float
    retention_days: int
    max_reports: int

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> MatchingRules:
        return cls(
            families={EventType(name): family for name, family in data["families"].items()},
            span_days={
                DatePrecision(name): None if days == "month" else int(days)
                for name, days in data["date_span_days"].items()
            },
            unmergeable_dates=frozenset(map(DatePrecision, data["unmergeable_date_precisions"])),
            day_slack_days=int(data["day_slack_days"]),
            publication_lookback_days=int(data["publication_lookback_days"]),
            follow_up_lookback_days=int(data["follow_up_lookback_days"]),
            near_km={PlacePrecision(name): float(km) for name, km in data["near_km"].items()},
            containing=frozenset(map(PlacePrecision, data["containing_precisions"])),
            unmergeable_places=frozenset(map(PlacePrecision, data["unmergeable_place_precisions"])),
            require_common_toll=bool(data["require_common_toll"]),
            max_toll_ratio=float(data["max_toll_ratio"]),
            credible_confidence=float(data["credible_confidence"]),
            retention_days=int(data["retention_days"]),
            max_reports=int(data["max_reports_per_incident"]),
        )

    # --- one report -----------------------------------------------------------------------
    def window(self, report: ReportFacts, *, slack: bool = True) -> tuple[dt.date, dt.date]:
        """The days the report's date stands for (inclusive); with `slack`, the days it may
        stand for (a day either way, the days before a publication date)."""
        start = report.date
        span = self.span_days.get(report.date_precision, 1)
        if span is None:
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        else:
            end = start + dt.timedelta(days=span - 1)
        if not slack:
            return start, end
        if report.date_precision is DatePrecision.DAY:
            day_slack = dt.timedelta(days=self.day_slack_days)
            start, end = start - day_slack, end + day_slack
        if report.date_from_publication:
            lookback = (
                self.follow_up_lookback_days if report.follow_up else self.publication_lookback_days
            )
            start -= dt.timedelta(days=lookback)
        return start, end

    def mergeable(self, report: ReportFacts) -> bool:
        place = report.place
        return (
            report.date_precision not in self.unmergeable_dates
            and place is not None
            and place.country_code is not None
            and place.precision not in self.unmergeable_places
        )

    def credible(self, report: ReportFacts) -> bool:
        return report.confidence >= self.credible_confidence

    # --- a report against an incident -----------------------------------------------------
    def distance(
        self, profile: Profile, report: ReportFacts, window: tuple[dt.date, dt.date] | None = None
    ) -> tuple[float, int] | None:
        """How far the report is from the incident (km, days), or None if it cannot join it.
        `window` is `self.window(report)`, for callers that try many incidents."""
        found = self.match(profile, report, window)
        return None if isinstance(found, Mismatch) else found

    def match(
        self, profile: Profile, report: ReportFacts, window: tuple[dt.date, dt.date] | None = None
    ) -> tuple[float, int] | Mismatch:
        """The distance (km, days), or the first condition of the rule the report fails."""
        place = report.place
        if place is None or not self.mergeable(report):
            return Mismatch.UNMERGEABLE
        if self.families[report.event_type] != profile.family:
            return Mismatch.FAMILY
        if (report.article_id, report.article_revision) in profile.revisions:
            return Mismatch.SAME_ARTICLE
        date_from, date_to = window or self.window(report)
        if date_to < profile.date_from or profile.date_to < date_from:
            return Mismatch.DATES
        km = self.place_distance(profile.place, place)
        if km is None:
            return Mismatch.PLACE
        attackers = report.actor1_countries
        if attackers and profile.actor1_countries and not attackers & profile.actor1_countries:
            return Mismatch.ATTACKERS
        killed = report.figures.get(CasualtyKind.KILLED)
        injured = report.figures.get(CasualtyKind.INJURED)
        if not self.tolls_compatible(profile.killed, killed):
            return Mismatch.TOLLS
        common = (killed is not None and profile.killed is not None) or (
            injured is not None and profile.injured is not None
        )
        if self.require_common_toll and not common:
            return Mismatch.NO_COMMON_TOLL
        days = max(0, (date_from - profile.date_to).days, (profile.date_from - date_to).days)
        return km, days

    def place_distance(self, a: ResolvedPlace, b: ResolvedPlace) -> float | None:
        """0 for the same or a containing place, km between nearby places, None otherwise."""
        if a.country_code != b.country_code:
            return None
        if a.admin1_code and b.admin1_code and a.admin1_code != b.admin1_code:
            return None
        if a.geonameid is not None and a.geonameid == b.geonameid:
            return 0.0
        if a.precision in self.containing or b.precision in self.containing:
            # A region contains every place of its own first-level region (checked above);
            # without codes on both, nothing says it does.
            return 0.0 if a.admin1_code and b.admin1_code else None
        if None in (a.latitude, a.longitude, b.latitude, b.longitude):
            return 0.0 if a.name and a.name == b.name else None
        limit = max(self.near_km.get(a.precision, 0.0), self.near_km.get(b.precision, 0.0))
        km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        return km if km <= limit else None

    def tolls_compatible(self, a: Figure | None, b: Figure | None) -> bool:
        """Killed figures within the ratio; a missing or vague one ("several") bounds nothing."""
        if a is None or b is None or a.vague or b.vague:
            return True
        low, high = sorted((a.count, b.count))
        return (high + 1) <= self.max_toll_ratio * (low + 1)


@cache
def default_rules() -> MatchingRules:
    text = resources.files("sitrep.incidents").joinpath("data/matching.yaml").read_text("utf-8")
    return MatchingRules.from_mapping(yaml.safe_load(text))


def route_key(place: ResolvedPlace | None) -> str:
    """The repartition key: reports that may merge share country and first-level region
    (the rule never merges across them), so they meet in one partition."""
    if place is None or place.country_code is None:
        return "-|-"
    return f"{place.country_code}|{place.admin1_code or '-'}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), as the gazetteer measures it. Not imported from
    `sitrep.extraction`: importing that package loads the extractor's libraries (half a
    second and tens of MB), which the stage never uses."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
