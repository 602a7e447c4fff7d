"""Where an event happened: one place among the article's resolved places.

Same sentence first (a place after "in", "near", "around", the most specific, the closest
to the trigger; "X, Donetsk" prefers X over its container), then the nearest earlier place
in the paragraph, then the article's focus country.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep_contracts import PlacePrecision, ResolvedPlace

from sitrep.extraction.geo.gazetteer import demonyms

_PRECISION = {
    PlacePrecision.POINT: 4.0,
    PlacePrecision.ADMIN2: 3.0,
    PlacePrecision.ADMIN1: 2.0,
    PlacePrecision.REGION: 1.5,
    PlacePrecision.COUNTRY: 0.0,
}
_STRONG_PREP = ("in", "near", "around", "at", "outside", "of", "on", "nearby", "into",
                "targeted", "shelled", "struck", "hit", "attacked", "recaptured", "captured",
                "liberated", "retook", "entered", "seized")
_WEAK_PREP = ("to", "towards", "toward", "direction", "across")
_REPORTING = ("said", "told", "announced", "reported", "wrote", "declared", "hailed")


def _word_before(folded: str, start: int) -> tuple[str, str]:
    words = folded[max(0, start - 30) : start].split()
    last = words[-1] if words else ""
    prev = words[-2] if len(words) > 1 else ""
    return last, prev


def score_place(place: ResolvedPlace, folded: str, trigger_start: int,
                focus: str | None, after_comma_place: bool) -> float:
    score = _PRECISION.get(place.precision, 1.0)
    if place.geonameid is None and place.latitude is None:
        score -= 3
    last, prev = _word_before(folded, place.evidence.start)
    if last in _STRONG_PREP or last in ("village", "town", "city", "settlement"):
        score += 2
    elif last in _WEAK_PREP:
        score += 1
    elif last == "from":
        if prev in _REPORTING:
            return -10.0  # "said from Brussels": where the speaker was
        score -= 1.5
    if after_comma_place:
        score -= 2.5  # "Kramatorsk, Donetsk": the second is the region around the first
    distance = place.evidence.start - trigger_start
    score -= abs(distance) / 150
    if distance > 0:
        score += 0.5
    if focus and place.country_code and place.country_code != focus:
        score -= 1.5
    return score + place.confidence


def choose_in_span(places: Sequence[ResolvedPlace], folded: str, start: int, end: int,
                   trigger_start: int, blocked: list[tuple[int, int]],
                   focus: str | None) -> ResolvedPlace | None:
    """The best place mentioned in folded[start:end], or None."""
    inside = [p for p in places if start <= p.evidence.start < end and not is_demonym(p)
              and not any(s < p.evidence.end and p.evidence.start < e for s, e in blocked)]
    if not inside:
        return None
    best: tuple[float, ResolvedPlace] | None = None
    for i, place in enumerate(inside):
        prev = inside[i - 1] if i else None
        after_comma = prev is not None and folded[prev.evidence.end : place.evidence.start].strip() in (",",)
        s = score_place(place, folded, trigger_start, focus, after_comma)
        if best is None or s > best[0]:
            best = (s, place)
    return best[1] if best and best[0] > 1.0 else None


def is_demonym(place: ResolvedPlace) -> bool:
    """"Russian forces shelled X": the adjective says who, not where."""
    return (
        place.precision is PlacePrecision.COUNTRY
        and place.name is not None
        and place.text != place.name
        and place.text in demonyms(place.name)
    )


def usable(place: ResolvedPlace) -> bool:
    return place.geonameid is not None or place.latitude is not None
