"""Where an event happened: one place among the article's resolved places.

Same sentence first (a place after "in", "near", "around", the most specific, the closest
to the trigger; "X, Donetsk" prefers X over its container), then the nearest earlier place
in the paragraph, then the article's focus country.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from sitrep.extraction.events.spans import Intervals
from sitrep.extraction.geo.gazetteer import demonyms
from sitrep.extraction.geo.normalize import fold
from sitrep_contracts import PlacePrecision, ResolvedPlace

_PRECISION = {
    PlacePrecision.POINT: 4.0,
    PlacePrecision.ADMIN2: 3.0,
    PlacePrecision.ADMIN1: 2.0,
    PlacePrecision.REGION: 1.5,
    PlacePrecision.COUNTRY: 0.0,
}
_STRONG_PREP = (
    "in",
    "near",
    "around",
    "at",
    "outside",
    "of",
    "on",
    "nearby",
    "into",
    "targeted",
    "shelled",
    "struck",
    "hit",
    "attacked",
    "recaptured",
    "captured",
    "liberated",
    "retook",
    "entered",
    "seized",
)
#: What stands between a place and the larger place it lies in: "Kramatorsk, Donetsk",
#: "Lisna town in the Dubrava steppe", "a village in the district of X", "the X frontline
#: in Y countryside".
_CONTAINER_GAP = re.compile(
    r"\s*(?:,|(?:,\s*(?:a|an|the)\s+(?:small\s+|remote\s+|nearby\s+)?)?"
    r"(?:city|town|village|district|camp|area|township|neighbou?rhood|hamlet|community|"
    r"frontline|front|axis)?\s*"
    r"(?:in|of)(?:\s+the)?(?:\s+(?:district|province|region|county|state|governorate))?"
    r"(?:\s+of)?)\s*"
)
#: Between two items of a list of places: "X, Y and Z".
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)\s*")
#: A region's possessive before a place inside it ("Dubrava Region's Lisna Township",
#: "Dubrava's Ostrovka"): the second is where, and takes the first's preposition.
_POSSESSIVE_GAP = re.compile(r"\s*'s\s+")
#: A kind word after a place named with "the" ("on the Lisna frontline", "in the Lisna
#: area"): the place is where, as after a bare preposition.
_KIND_AFTER = re.compile(r" (?:frontlines?|front|axis|area|village|town|camp|district)\b")
#: A bearing between "the" and such a place ("around the western Lisna district", "on the
#: southern Lisna front"): the place is where, as without it.
_BEARING_WORD = re.compile(r"northern|southern|(?:(?:north|south)-?)?(?:east|west)ern")
_BEARING_THE = re.compile(rf"\b(?:{'|'.join(_STRONG_PREP)}) the [a-z-]+ $")
#: A road or a trip named by where it starts ("the highway from X to Y", "on the way
#: from X"): the event on it is placed at its start, as coders do.
_ROUTE_FROM = ("exit", "road", "highway", "route", "way", "journey", "stretch", "section")
_WEAK_PREP = ("to", "towards", "toward", "direction", "across")
#: A distance and bearing before a place measure from it: the event is elsewhere, and the
#: place a fallback only ("an ambush 30 km south of Kabul", with no other place named).
_BEARING_FROM = re.compile(
    r"\b\d[\d,.]*\s?(?:km|kms|kilometers|kilometres|miles|mi)\b[^.;]{0,25}?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? (?:of|from) (?:the )?"
    r"(?:[a-z-]+ ){0,2}$"
)
#: A place whose possession is an act or a force stands for its government ("Moscow's
#: deployment", "Kyiv's counteroffensive"); "Aleppo's eastern districts" stays a place.
_ACTING_POSSESSIVE = re.compile(
    r"'s (?:[a-z-]+ )?(?:deployment|decision|offensive|counteroffensive|counter-offensive|"
    r"forces|troops|army|military|response|claims?|policy|government|leaders?|plans?|"
    r"strategy|invasion|war|demands?|ultimatum|refusal|withdrawal|retreat|advance|"
    r"envoy|ambassador|delegation|foreign ministry|defen[cs]e ministry)\b"
)
_REPORTING = ("said", "told", "announced", "reported", "wrote", "declared", "hailed")
#: Where a person was born or comes from is no event's place ("born in X, he grew up in Y").
_ORIGIN = re.compile(
    r"\b(?:born|raised|grew up|native|natives|hails|hailed|hailing|originally|originates)"
    r"(?: and raised| up)? (?:in|of|from) (?:the )?(?:(?:town|village|city) of )?"
    r"(?:[a-z'-]+(?: in|,) )?$"  # "born in Lisna in Dubrava": both
)
#: A town in an institution's name ("a student of the University of X was shot") is not
#: where its sentence's event happened, only the article-wide last resort (a university
#: need not lie in its namesake town, but a far place is worse).
_INSTITUTION_OF = re.compile(
    r"\b(?:university|college|polytechnic|institute|academy|seminary) of (?:the )?$"
)
#: A place that names an official's jurisdiction ("X police chief said the man was shot on
#: his way home") is a fallback only.
_OFFICE_AFTER = re.compile(
    r"(?:'s)? (?:provincial |district |state |regional |county |deputy )?"
    r"(?:police (?:chief|spokesman|spokesperson|spokeswoman|commander|commissioner)|"
    r"governor|mayor|spokesman|spokesperson|spokeswoman)\b"
)
#: A bare bearing after a comma measures from the place: "in the X desert, east of Y"
#: happened in X, not in Y (Y is a fallback, as with a distance).
_BEARING_AFTER_COMMA = re.compile(
    r",\s*(?:(?:just|some|about) )?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
    r" of (?:the )?$"
)

#: Between two parts of one address ("Xyz 11, Lisna, Dubrava Province", "Xyz, Lisna West
#: Area, Dubrava State"): a comma and a few words, no end of clause and no list's "and"
#: (`_address_gap`, which also takes the hyphen of one name read as two, "Xyz-Lisna").
_ADDRESS_GAP = re.compile(r"[^.;:!?\n]{0,60}")
_ADDRESS_PARTS = 4


#: The other side of a border is not where an event near it happened: "near the Syria
#: border with Xyz region", "on the border with Xyz" (a fallback only, as a bearing is).
_BORDER_WITH = re.compile(r"\bborders? with (?:the )?$")


def _differ(ours: str | None, theirs: str | None) -> bool:
    return ours is not None and theirs is not None and ours != theirs


def _address_gap(gap: str) -> bool:
    return gap == "-" or (
        "," in gap and " and " not in f" {gap} " and _ADDRESS_GAP.fullmatch(gap) is not None
    )


def _word_before(folded: str, start: int) -> tuple[str, str]:
    words = folded[max(0, start - 30) : start].split()
    if words and words[-1].endswith("-"):  # "near Al-Sukhnah": the article is the name's
        words.pop()
    last = words[-1] if words else ""
    prev = words[-2] if len(words) > 1 else ""
    return last, prev


def score_place(
    place: ResolvedPlace,
    folded: str,
    trigger_start: int,
    focus: str | None,
    after_comma_place: bool,
    last_resort: bool = False,
) -> float:
    """`last_resort`: the article-wide search for an event no sentence near it places."""
    score = _PRECISION.get(place.precision, 1.0)
    if place.geonameid is None and place.latitude is None:
        score -= 3
    last, prev = _word_before(folded, place.evidence.start)
    if (
        last in _STRONG_PREP
        or last in ("village", "town", "city", "settlement")
        or (
            last == "the" and prev in _STRONG_PREP and _KIND_AFTER.match(folded, place.evidence.end)
        )
        or (
            prev == "the"
            and _BEARING_WORD.fullmatch(last)
            and _KIND_AFTER.match(folded, place.evidence.end)
            and _BEARING_THE.search(folded, max(0, place.evidence.start - 40), place.evidence.start)
        )
    ):
        score += 2
    elif last in _WEAK_PREP:
        score += 1
    elif last == "from" and prev in _ROUTE_FROM:
        score += 2  # "at the exit from Lisna to Dubrava": the route starts in Lisna
    elif last == "from":
        if prev in _REPORTING:
            return -10.0  # "said from Brussels": where the speaker was
        score -= 1.5
    if _BEARING_FROM.search(
        folded, max(0, place.evidence.start - 60), place.evidence.start
    ) or _BEARING_AFTER_COMMA.search(
        folded, max(0, place.evidence.start - 40), place.evidence.start
    ):
        score -= 3  # "40 km northeast of Lisna", "..., east of Lisna": from it, not in it
    if _BORDER_WITH.search(folded, max(0, place.evidence.start - 20), place.evidence.start):
        score -= 3  # "the Lisna border with Dubrava": the other side
    if _INSTITUTION_OF.search(folded, max(0, place.evidence.start - 30), place.evidence.start):
        if not last_resort:
            return -10.0  # "a student of the University of Lisna was shot"
        score -= 1.5
    if _OFFICE_AFTER.match(folded, place.evidence.end):
        score -= 3  # "the Lisna police chief said": where the official serves
    if _ORIGIN.search(folded, max(0, place.evidence.start - 40), place.evidence.start):
        return -10.0  # "born in Lisna": where a person comes from
    if _ACTING_POSSESSIVE.match(folded, place.evidence.end):
        return -10.0  # "Moscow's deployment of reinforcements": the government, not a place
    if after_comma_place:
        score -= 2.5  # "Kramatorsk, Donetsk": the second is the region around the first
    distance = place.evidence.start - trigger_start
    score -= abs(distance) / 150
    if distance > 0:
        score += 0.5
    if focus and place.country_code and place.country_code != focus:
        score -= 1.5
    return score + place.confidence


#: A place is chosen only above this score.
_THRESHOLD = 1.0
#: The best score a place can reach before its distance to the trigger is taken off
#: (most precise, after "in", after the trigger, full confidence).
_MAX_SCORE = max(_PRECISION.values()) + 2 + 0.5 + 1.0
#: Characters from the trigger beyond which no place can score above the threshold
#: (distance costs 1 per 150 characters), plus a margin: only places this close matter.
REACH = int((_MAX_SCORE - _THRESHOLD) * 150) + 25
_LOOKBACK = 32


class PlaceIndex:
    """An article's places sorted by offset, so that choosing one for an event looks only
    at the places within `REACH` characters of its trigger (O(log n + window))."""

    def __init__(self, places: Sequence[ResolvedPlace]) -> None:
        order = sorted(range(len(places)), key=lambda k: places[k].evidence.start)
        self._places = [places[k] for k in order]
        self._order = order
        self._starts = [p.evidence.start for p in self._places]
        self._demonym = [is_demonym(p) for p in self._places]
        self._sorted = order == sorted(order)

    def __len__(self) -> int:
        return len(self._places)

    def at(self, start: int) -> ResolvedPlace | None:
        """The place mentioned from offset `start`, if any."""
        k = bisect_left(self._starts, start)
        if self._sorted and k < len(self._starts) and self._starts[k] == start:
            return self._places[k]
        return None

    def covers(self, start: int, end: int) -> bool:
        """Whether a place mention (a nationality too) overlaps [start, end)."""
        if not self._sorted:
            return any(p.evidence.start < end and start < p.evidence.end for p in self._places)
        k = bisect_left(self._starts, end) - 1
        while k >= 0 and self._starts[k] > start - 60:
            if self._places[k].evidence.end > start:
                return True
            k -= 1
        return False

    def _outside_its_address(self, k: int, folded: str) -> bool:
        """The town at k begins an address that ends in a region ("Xyz, Lisna, Dubrava
        Province") and is read in another region: a namesake, the address's own town
        being one the gazetteer lacks. Not a list ("X, Dubrava and Ostrovka", "X, Dubrava,
        Ostrovka"), whose items need not lie in one another."""
        place = self._places[k]
        if place.precision is not PlacePrecision.POINT:
            return False
        last = len(self._places) - 1
        for j in range(k, min(k + _ADDRESS_PARTS, last)):
            gap = folded[self._places[j].evidence.end : self._places[j + 1].evidence.start]
            if not _address_gap(gap):
                return False
            end = self._places[j + 1]
            if end.precision is PlacePrecision.POINT:
                continue
            if end.precision not in (PlacePrecision.ADMIN1, PlacePrecision.ADMIN2) or (
                end.country_code != place.country_code
            ):
                return False
            after = self._places[j + 2] if j + 2 <= last else None
            if (
                after is not None
                and after.precision is not PlacePrecision.COUNTRY
                and _LIST_GAP.fullmatch(folded, end.evidence.end, after.evidence.start)
            ):
                return False  # a list of regions and towns; "..., Dubrava Province, Kerel"
            if _differ(place.admin1_code, end.admin1_code):
                return True
            # A district-level region ("Lisna Province" where provinces are second-level)
            # unless it is named as the town's own first-level region ("Xyz, Lisna" with
            # Lisna read as a same-named district of the state of Lisna).
            return (
                end.precision is PlacePrecision.ADMIN2
                and not fold(place.admin1 or "").startswith(fold(end.text))
                and _differ(place.admin2_code, end.admin2_code)
            )
        return False

    def within(self, start: int, end: int, blocked: Intervals) -> list[ResolvedPlace]:
        """The places mentioned in [start, end), in text order, that may be an event's."""
        first = bisect_left(self._starts, start)
        stop = bisect_left(self._starts, end)
        return [
            self._places[k]
            for k in range(first, stop)
            if not self._demonym[k]
            and not blocked.overlaps(self._places[k].evidence.start, self._places[k].evidence.end)
        ]

    def choose(
        self,
        folded: str,
        start: int,
        end: int,
        trigger_start: int,
        blocked: Intervals | Sequence[tuple[int, int]],
        focus: str | None,
        extra_blocked: Sequence[tuple[int, int]] = (),
        *,
        last_resort: bool = False,
    ) -> ResolvedPlace | None:
        """The best place mentioned in folded[start:end], or None (see `choose_in_span`;
        `last_resort` as in `score_place`)."""
        if not isinstance(blocked, Intervals):
            blocked = Intervals(blocked)
        lo = max(start, trigger_start - REACH)
        hi = min(end, trigger_start + REACH)
        if lo >= hi:
            return None

        def eligible(k: int) -> bool:
            place = self._places[k]
            if self._demonym[k]:
                return False
            s, e = place.evidence.start, place.evidence.end
            return not blocked.overlaps(s, e) and not any(
                bs < e and s < be for bs, be in extra_blocked
            )

        if not self._sorted:  # not in text order: score every place in the span
            lo, hi = start, end
        first = bisect_left(self._starts, lo)
        stop = bisect_left(self._starts, hi)
        inside = [k for k in range(first, stop) if eligible(k)]
        if not inside:
            return None
        if not self._sorted:
            # The caller's order decides ties and "the previous place".
            inside.sort(key=lambda k: self._order[k])
        # The eligible place just before the window still decides "X, Donetsk" (a few
        # places back at most: further, text lies between them and no comma alone).
        prev: ResolvedPlace | None = None
        k = inside[0] - 1
        while self._sorted and k >= max(0, inside[0] - _LOOKBACK) and self._starts[k] >= start:
            if eligible(k):
                prev = self._places[k]
                break
            k -= 1
        scored: list[tuple[float, ResolvedPlace]] = []
        namesake: ResolvedPlace | None = None
        for k in inside:
            place = self._places[k]
            after_comma = (
                prev is not None
                and prev is not namesake  # "Xyz, Lisna, ..." with Xyz a namesake: Lisna is where
                and _PRECISION.get(place.precision, 1.0) <= _PRECISION.get(prev.precision, 1.0)
                and _CONTAINER_GAP.fullmatch(folded, prev.evidence.end, place.evidence.start)
                is not None
            )  # a country is in no city: "the Embassy of Chile in Lisna"
            s = score_place(place, folded, trigger_start, focus, after_comma, last_resort)
            if self._sorted and self._outside_its_address(k, folded):
                s = -10.0  # "Xyz, Lisna, Dubrava Province" with Xyz read in another province
                namesake = place
            if (
                prev is not None
                and scored
                and scored[-1][1] is prev
                and _PRECISION.get(place.precision, 1.0) > _PRECISION.get(prev.precision, 1.0)
                and _POSSESSIVE_GAP.fullmatch(folded, prev.evidence.end, place.evidence.start)
            ):
                last, _ = _word_before(folded, prev.evidence.start)
                if last in _STRONG_PREP:
                    s += 2
                scored[-1] = (scored[-1][0] - 2.5, prev)
            scored.append((s, place))
            prev = place
        best: tuple[float, ResolvedPlace] | None = None
        for s, place in scored:
            if best is None or s > best[0]:
                best = (s, place)
        return best[1] if best and best[0] > _THRESHOLD else None


def narrowed(
    index: PlaceIndex,
    folded: str,
    place: ResolvedPlace,
    start: int,
    end: int,
    blocked: Intervals,
) -> ResolvedPlace:
    """`place`, or the village inside it that folded[start:end] names with it ("shot dead at
    his home in Lisna town. The victim, 45, of Barangay Ostrovka, Lisna, ..."): the town
    named again as the container of a smaller place says where in the town."""
    if place.precision is not PlacePrecision.POINT:
        return place
    named = index.within(start, end, blocked)
    for k in range(len(named) - 1):
        inner, outer = named[k], named[k + 1]
        if (
            inner.precision is PlacePrecision.POINT
            and inner.country_code == place.country_code
            and inner.name != place.name
            and (outer.geonameid, outer.name) == (place.geonameid, place.name)
            and _CONTAINER_GAP.fullmatch(folded, inner.evidence.end, outer.evidence.start)
            and not _in_a_list(folded, named, k)
        ):
            return inner.model_copy(update={"confidence": round(inner.confidence * 0.8, 3)})
    return place


def _in_a_list(folded: str, named: Sequence[ResolvedPlace], k: int) -> bool:
    """named[k] and named[k + 1] are two items of a list of towns ("near X, Y, Z and W"):
    a town joined to them by a comma or "and" before or after."""
    before = named[k - 1] if k > 0 else None
    after = named[k + 2] if k + 2 < len(named) else None
    return (
        before is not None
        and before.precision is PlacePrecision.POINT
        and _LIST_GAP.fullmatch(folded, before.evidence.end, named[k].evidence.start) is not None
    ) or (
        after is not None
        and after.precision is PlacePrecision.POINT
        and _LIST_GAP.fullmatch(folded, named[k + 1].evidence.end, after.evidence.start) is not None
    )


def choose_in_span(
    places: Sequence[ResolvedPlace] | PlaceIndex,
    folded: str,
    start: int,
    end: int,
    trigger_start: int,
    blocked: Intervals | Sequence[tuple[int, int]],
    focus: str | None,
) -> ResolvedPlace | None:
    """The best place mentioned in folded[start:end], or None.

    Only places within `REACH` characters of the trigger can score above the threshold,
    so only those are scored; pass a `PlaceIndex` (built once per article) and
    `Intervals` to make each call O(log n)."""
    index = places if isinstance(places, PlaceIndex) else PlaceIndex(places)
    return index.choose(folded, start, end, trigger_start, blocked, focus)


def is_demonym(place: ResolvedPlace) -> bool:
    """ "Russian forces shelled X": the adjective says who, not where."""
    return (
        place.precision is PlacePrecision.COUNTRY
        and place.name is not None
        and place.text != place.name
        and place.text in _demonyms(place.name)
    )


@lru_cache(maxsize=1024)
def _demonyms(country: str) -> frozenset[str]:
    """`demonyms`, built once per country name: most articles name "Russian" and
    "Ukrainian" dozens of times. Names ending in "s" add their stem ("Honduran",
    "Philippine"): here only to tell an adjective from the country's name."""
    extra = {country[:-1], country[:-1] + "n"} if country.endswith("s") else set()
    return frozenset(demonyms(country) | extra)


def usable(place: ResolvedPlace) -> bool:
    return place.geonameid is not None or place.latitude is not None


#: Mentions that make a town the article's own: named at least this often, more than any other.
MAIN_TOWN_MENTIONS = 2


def main_town(places: Sequence[ResolvedPlace], focus: str | None) -> ResolvedPlace | None:
    """The town of the focus country the article names most, if it names one at least
    `MAIN_TOWN_MENTIONS` times and more often than any other: where an event no sentence
    places happened, more likely than "somewhere in the country" (a protest story that
    names its capital three times, in a caption, a quote and a statement)."""
    counts: dict[int, int] = {}
    first: dict[int, ResolvedPlace] = {}
    for place in places:
        if (
            place.precision is PlacePrecision.POINT
            and place.country_code == focus
            and place.geonameid is not None
            and place.confidence >= 0.5
        ):
            counts[place.geonameid] = counts.get(place.geonameid, 0) + 1
            first.setdefault(place.geonameid, place)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < MAIN_TOWN_MENTIONS or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    top = max(counts, key=counts.__getitem__)
    return first[top]


def only_region(places: Sequence[ResolvedPlace], focus: str | None) -> ResolvedPlace | None:
    """The one first-level region of the focus country the article names, if it names no
    other place inside the country: where an event no sentence places happened, nearer
    than the country ("the state of Lisna belongs to us", a message left with a body)."""
    region: ResolvedPlace | None = None
    for place in places:
        if place.country_code != focus or place.precision is PlacePrecision.COUNTRY:
            continue
        if place.precision is not PlacePrecision.ADMIN1 or not place.admin1_code:
            return None
        if region is None:
            region = place
        elif region.admin1_code != place.admin1_code:
            return None
    return region


#: One word of a place name: capitalised, its hyphened parts too ("Lon", "Al-Xyz", "Xyzé";
#: not "Taliban-controlled"); a lower-case article may lead it ("al-Xyz").
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|az)-)?[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[A-Z][^\W\d_]*)*"
#: A village, hamlet or front-line spot the sentence calls one ("the village of X", "X
#: village", "the X area", "the X frontline"): a small place, named whether or not the
#: gazetteer has it.
_SMALL_PLACE = re.compile(
    rf"\b[Vv]illage of (?P<of>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
    rf"|\b(?P<named>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
    r" (?P<kind>[Vv]illage|hamlet|area|frontlines?)\b"
)
#: Words one of which every _SMALL_PLACE match holds: a sentence with none needs no regex
#: (its second branch would try every capitalised word).
_SMALL_PLACE_WORDS = ("illage", "hamlet", "area", "frontline")
#: A town named as the area around it ("Lisna Township", "the Lisna district"): a village
#: the event's sentences name lies in it.
_AREA_AFTER = re.compile(
    r"\s+(?:[Tt]ownship|[Dd]istrict|[Mm]unicipality|[Cc]ounty|LGA|[Ll]ocal [Gg]overnment [Aa]rea"
    r"|[Ss]ub-?district|[Tt]ehsil|[Ww]oreda)\b"
)
#: Capitalised at a sentence's start, a preposition or article is no part of the name after it.
_LEADING = frozenset((*_STRONG_PREP, *_WEAK_PREP, "the", "a"))
#: Between a small place and the town or district it lies in: "X village in the Y
#: district", "X village, located in Y", "the village of X, Y".
_LIES_IN = re.compile(r"\s*(?:,\s*)?(?:(?:located|situated) )?(?:in (?:the )?)?")


#: Where fire came from ("hit by shells from X", "fired from the direction of X"): not
#: where it fell, which a village the event's sentences name is.
_FIRED_FROM = re.compile(
    r"(?:\b(?:shells?|shelling|fire|fired|rockets?|missiles?|mortars?|launched)\b[^.]{0,30}"
    r"\bfrom (?:the )?|\bfrom the direction of )(?:[\w-]+ )?$"
)


def unlocated_village(
    text: str,
    sentences: Sequence[tuple[int, int]],
    place: ResolvedPlace | None,
    index: PlaceIndex,
) -> ResolvedPlace | None:
    """The village the event's sentences (text[start:end] each) name that no gazetteer place
    covers, when the event's `place` is only its region (or its country, or the town it
    lies in, named right after it; or the town fire came from, "shells from Lisna"): the
    village's name as written, at `place`'s point and admin codes with no GeoNames id, and
    the precision of what it is known by (a town's district for a town). "Shelling hit the
    village of Xyz in Lisna countryside" happened in Xyz, not in a whole governorate. A
    name the article's places cover (a resolved place, a nationality) or made only of
    common words is no lacking village."""
    if place is None or place.precision is PlacePrecision.REGION or not usable(place):
        return None
    common = _common_words()
    at = place.evidence.start
    origin = _FIRED_FROM.search(text[max(0, at - 80) : at].lower()) is not None
    for start, end in sentences:
        if not any(text.find(word, start, end) >= 0 for word in _SMALL_PLACE_WORDS):
            continue
        for match in _SMALL_PLACE.finditer(text, start, end):
            group = "of" if match.group("of") else "named"
            s, e = match.span(group)
            while s < e and text[s:e].split(" ", 1)[0].lower() in _LEADING:
                s = text.find(" ", s, e) + 1 or e  # "In Xyz village": not "In"
            if (
                s >= e
                or index.covers(s, e)
                or all(fold(word) in common for word in text[s:e].split())
            ):
                continue  # a resolved name, a nationality; "the Government area"
            if place.precision is PlacePrecision.POINT and not origin:
                # A town is the village's place only as its container: "Xyz village in
                # the Lisna district", "the village of Xyz, Lisna"; an area in it ("the
                # Xyz area in Lisna city") is a quarter or the desert around, coded as
                # the town.
                if (match.group("kind") or "village").lower() not in ("village", "hamlet"):
                    continue
                gap = _LIES_IN.match(text, match.end() if group == "named" else e)
                town = index.at(gap.end()) if gap else None
                if (town is None or town.geonameid != place.geonameid) and not (
                    _AREA_AFTER.match(text, place.evidence.end)
                ):
                    continue  # nor is the town's own area named ("in Lisna Township")
            name = text[s:e]
            return place.model_copy(
                update={
                    "text": name,
                    "name": None,
                    "geonameid": None,
                    "feature_code": None,
                    "precision": PlacePrecision.ADMIN2
                    if place.precision is PlacePrecision.POINT
                    else place.precision,
                    "confidence": round(place.confidence * 0.8, 3),
                    "evidence": place.evidence.model_copy(
                        update={"start": s, "end": e, "text": name}
                    ),
                }
            )
    return None


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from sitrep.extraction.geo.analyzer import load_stopwords

    return load_stopwords()
