"""Choose one gazetteer entry per mention, using the rest of the article as context.

Score = prior (population, kind of place, whether the mention is the entry's main name)
+ context (share of the article's other places in the same country and admin1 region)
+ containment ("Springfield, Illinois", "Pampanga in Central Luzon": the child must lie in
the parent). Two passes: priors alone give a first reading of the article's geography,
then every mention is re-scored against the others' first readings.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import insort
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, TypeAlias

from sitrep.extraction.geo.gazetteer import Gazetteer, Place
from sitrep.extraction.geo.mentions import UNIT_OF, Mention
from sitrep.extraction.geo.normalize import fold, fold_token
from sitrep_contracts import PlacePrecision, ResolvedPlace, TextSpan

_PRECISION = {
    "city": PlacePrecision.POINT,
    "admin2": PlacePrecision.ADMIN2,
    "admin1": PlacePrecision.ADMIN1,
    "region": PlacePrecision.REGION,
    "continent": PlacePrecision.REGION,
    "country": PlacePrecision.COUNTRY,
}
# Mention keys are folded ("county" -> "cunty", "borough" -> "borugh").
_TYPED = re.compile(
    r"\b(?:county|cunty|co|parish|borough|borugh|district|raion|rayon|province|municipality)\b"
)
_TYPED_REGION = re.compile(r"\b(?:region|oblast|province|state|governorate|prefecture)\b")
_CITY = fold_token("city")
# Between a place and the larger place that contains it.
_CONTAINMENT_GAP = re.compile(
    r"^\s*(?:(?:village|town|city|community|settlement|camp|township|locality|area)\s+)?"
    r"(?:,|\bin\b|\bof\b)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
#: The same, told through the region's countryside ("X village in the southern countryside
#: of Y", "near X frontlines in Y countryside"): X lies in the region Y governs.
_COUNTRYSIDE_GAP = re.compile(
    r"^\s*(?:(?:village|town|area|region|frontlines?|front ?lines?|axis)\s+)?,?\s*"
    r"(?:in|on|of|near)\s+the\s+(?:(?:north|south|east|west)(?:ern)?\s+|"
    r"(?:north|south)-?(?:east|west)(?:ern)?\s+)?countryside\s+of\s*(?:the\s+)?$",
    re.IGNORECASE,
)

#: "in the capital" with no name after it ("the capital, X", "the capital of Y" name it):
#: the focus country's capital. "Capital" as money ("capital gains") is no place.
_UNNAMED_CAPITAL = re.compile(
    r"\b(?:in|near|around|outside|into|inside|across|throughout|of|at|to|from) (the capital)\b"
    r"(?! city of\b| of\b|'s? [A-Z]|,? [A-Z]|[ -](?:gains?|markets?|punishment|flight|"
    r"expenditure|investment|account)\b)"
)
#: What ends a sentence, for "no other capital is named in the sentence".
_SENTENCE_END = re.compile(r"[.!?]\s|\n")

#: Readings of one name kept beyond those in the regions the article names (see _pruned).
MAX_CANDIDATES = 12
#: A name with at most this many readings names its regions ("Kharkiv": city and oblast).
FEW_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class Weights:
    """Scoring weights; kept together so they can be tuned and documented in one place."""

    population: float = 0.55
    admin1_bonus: float = 1.5
    country_bonus: float = 2.5
    county_bonus: float = 3.0
    region_bonus: float = 5.0
    main_name: float = 1.2
    same_country: float = 2.0
    same_admin1: float = 4.0
    contained: float = 6.0
    #: A bare "Kharkiv" is the city, not the oblast named after it ("Kharkiv region" is).
    named_after_capital: float = 3.0
    #: A reading in one of the article's focus countries (a village there outranks a
    #: same-named province abroad).
    in_focus: float = 1.5
    #: More for a reading in the best-voted focus country: a Yemeni article that names
    #: Saudi Arabia reads a province name both countries have as Yemen's.
    in_primary: float = 0.5
    #: "the countryside of X", "rural X": the region, whatever the town's size.
    region_words: float = 6.0
    #: Local-news prior: the share of the article's other sub-national places (towns,
    #: counties, states) lying in a candidate's admin1, once they weigh at least
    #: `local_min_mass` mentions. Countries and demonyms do not dilute it, so an article
    #: about three towns in one state sends its ambiguous fourth name there too.
    local_admin1: float = 3.0
    local_min_mass: float = 2.5
    #: Nearness: towns and counties named in one article tend to lie together ("Alexandria"
    #: and "Douglas County" both exist in many states, but only in one are they neighbours).
    #: Per other name, its believed readings within `near_km` count, closer ones more.
    near: float = 1.5
    near_km: float = 75.0


class Resolver:
    """Ranks candidates with article context; pure function of mentions and gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self._gazetteer = gazetteer
        self._w = weights or Weights()

    def resolve(
        self,
        text: str,
        mentions: list[Mention],
        focus: frozenset[str] = frozenset(),
        primary: str | None = None,
    ) -> tuple[list[ResolvedPlace], str | None]:
        """One ResolvedPlace per mention (text order) and the article's focus country.
        Readings in the `focus` countries (see `focus.py`) start ahead, those in the
        best-voted one (`primary`) further."""
        if not mentions:
            return [], None
        mentions = self._pruned(mentions, focus, primary)
        mentions = [self._with_region_read(m) for m in mentions]
        # Repetitions of a name ("Kharkiv" forty times) share their readings: each distinct
        # (key, region words, candidates) is scored once per pass, not once per mention
        # ("X countryside" weighs the region where a bare "X" weighs the town: `_prior`).
        reading = [
            (m.key, "region words" in m.evidence, tuple(c.index for c in m.candidates))
            for m in mentions
        ]
        prior_of: dict[tuple[str, bool, tuple[int, ...]], dict[int, float]] = {}
        for m, r in zip(mentions, reading, strict=True):
            if r not in prior_of:
                prior_of[r] = {c.index: self._prior(m, c, focus, primary) for c in m.candidates}
        priors = [prior_of[r] for r in reading]
        # Every reading by its index: what the scoring passes look places up in.
        places = {c.index: c for m in mentions for c in m.candidates}
        contained = self._containment(text, mentions)
        children: dict[int, list[int]] = {}
        for child, parent in contained.items():
            children.setdefault(parent, []).append(child)
        scores = priors
        nearby = _Nearby.build(mentions, self._w.near_km)
        # What each reading votes for, and each name's weight: the same in every pass.
        where = {i: (p.country, p.admin1, p.kind in _REGIONAL_KINDS) for i, p in places.items()}
        demonyms = self._gazetteer.demonyms
        weights = {m.key: 0.3 if m.key in demonyms else 1.0 for m in mentions}
        # Containment bonuses depend on readings only, not on beliefs: counted once.
        bonuses: dict[tuple[object, ...], dict[int, int]] = {}
        for _ in range(3):
            beliefs: dict[int, dict[int, float]] = {}  # by id: repetitions share a dict
            for s in scores:
                if id(s) not in beliefs:
                    beliefs[id(s)] = _softmax(s)
            current = [beliefs[id(s)] for s in scores]
            votes = _Votes.collect(mentions, current, weights, where)
            nearby.believe(current)
            shared: dict[tuple[object, ...], dict[int, float]] = {}
            new_scores = []
            for i, m in enumerate(mentions):
                if len(priors[i]) == 1:
                    # One reading: its belief is 1 and its confidence 1 whatever it scores.
                    new_scores.append(priors[i])
                    continue
                # A mention's scores depend only on its reading, its container's and its
                # children's readings, and whether it reads as a container.
                kids = children.get(i, [])
                container = contained.get(i)
                key = (
                    reading[i],
                    "container" in m.evidence,
                    None if container is None else reading[container],
                    tuple(reading[c] for c in kids),
                )
                if key not in shared:
                    if key not in bonuses:
                        bonuses[key] = self._containment_bonuses(i, mentions, contained, kids)
                    shared[key] = self._scores(
                        i, mentions, priors, (votes, nearby, places), bonuses[key]
                    )
                new_scores.append(shared[key])
            scores = new_scores
        picks = [max(s, key=s.__getitem__) for s in scores]
        picks, scores = _regions_by_their_words(mentions, picks, scores, places)
        picks, scores = _one_reading_per_name(mentions, picks, scores, contained)
        # "Dubky, Donetsk region" where every known Dubky lies elsewhere: the village is
        # missing from the gazetteer and any reading of it would be wrong. A state or a
        # country before the comma is a list ("Missouri, New York and Ohio"), not a child.
        # "Dubky, Donetsk" reads Donetsk as the city, yet the pair names the oblast the city
        # governs: the region is the container either way.
        regions = {
            parent: region
            for parent in set(contained.values())
            if (region := self._container_region(mentions[parent], places[picks[parent]]))
        }
        wrong = {
            child
            for child, parent in contained.items()
            if parent in regions
            and "abbreviation" not in mentions[parent].evidence
            and places[picks[child]].kind not in ("admin1", "country")
            and not any(_inside(c, regions[parent]) for c in mentions[child].candidates)
        }
        if wrong:
            mentions = [m for k, m in enumerate(mentions) if k not in wrong]
            picks = [p for k, p in enumerate(picks) if k not in wrong]
            scores = [s for k, s in enumerate(scores) if k not in wrong]
        # Nationalities and blamed countries say who acted, not where; whose weapons they
        # were ("Turkish strikes"), not even who lives there.
        who = [m.key in demonyms or "blamed" in m.evidence for m in mentions]
        country = _focus(
            [places[p] for p, w in zip(picks, who, strict=True) if not w],
            [
                places[p]
                for p, w, m in zip(picks, who, mentions, strict=True)
                if w and "weapons of" not in m.evidence
            ],
        )
        resolved = [
            self._resolved(m, places[pick], s)
            for m, pick, s in zip(mentions, picks, scores, strict=True)
        ]
        return self._with_unnamed_capitals(text, resolved, country or primary), country

    def _with_unnamed_capitals(
        self, text: str, resolved: list[ResolvedPlace], country: str | None
    ) -> list[ResolvedPlace]:
        """`resolved` and, for each "in the capital" that no name follows, the capital of the
        article's focus country, unless its sentence names a capital (whose, then, is
        unclear)."""
        capital = self._capital(country) if country and "the capital" in text else None
        if capital is None:
            return resolved
        out = list(resolved)
        for match in _UNNAMED_CAPITAL.finditer(text):
            start, end = match.span(1)
            ends = _SENTENCE_END.search(text, end)
            right = ends.start() if ends else len(text)
            left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
            if any(left <= p.evidence.start < right and p.feature_code == "PPLC" for p in resolved):
                continue
            place = self._resolved_at(capital, match.group(1), start, end)
            insort(out, place, key=lambda p: p.evidence.start)
        return out

    def _capital(self, country: str) -> Place | None:
        name = _capital_names().get(country, "")
        readings = self._gazetteer.lookup(fold(name)) if name else []
        return next(
            (p for p in readings if p.country == country and p.feature_code == "PPLC"), None
        )

    def _resolved_at(self, place: Place, text: str, start: int, end: int) -> ResolvedPlace:
        """`place` named by a phrase rather than its name ("the capital")."""
        mention = Mention(start, end, text, fold(text), [place], 0, 0)
        resolved = self._resolved(mention, place, {place.index: 0.0})
        return resolved.model_copy(update={"confidence": 0.8})

    def _pruned(
        self,
        mentions: list[Mention],
        focus: frozenset[str] = frozenset(),
        primary: str | None = None,
    ) -> list[Mention]:
        """Mentions whose names are shared by dozens of villages ("Kalynivka") keep their
        MAX_CANDIDATES likeliest readings by prior, plus every reading in a region the
        article names (an oblast, a state, or a place with few readings): context can only
        pick those, and the three scoring passes cost per candidate."""
        if all(len(m.candidates) <= MAX_CANDIDATES for m in mentions):
            return mentions
        named = {
            c.admin1
            for m in mentions
            for c in m.candidates
            if c.kind == "admin1" or len(m.candidates) <= FEW_CANDIDATES
        }
        pruned: dict[tuple[str, tuple[int, ...]], list[Place]] = {}
        out = []
        for m in mentions:
            if len(m.candidates) <= MAX_CANDIDATES:
                out.append(m)
                continue
            reading = (m.key, tuple(c.index for c in m.candidates))
            kept = pruned.get(reading)
            if kept is None:
                ranked = sorted(m.candidates, key=lambda c: -self._prior(m, c, focus, primary))
                top = {c.index for c in ranked[:MAX_CANDIDATES]}
                kept = pruned[reading] = [
                    c for c in m.candidates if c.index in top or c.admin1 in named
                ]
            out.append(replace(m, candidates=kept))
        return out

    def _with_region_read(self, mention: Mention) -> Mention:
        """ "Raqqah countryside" where the gazetteer knows "Raqqah" only as the city
        ("Ar Raqqah" for the governorate): region words read the governorate the city is
        named after and governed from as well."""
        if "region words" not in mention.evidence or any(
            c.kind == "admin1" for c in mention.candidates
        ):
            return mention
        regions = []
        for city in mention.candidates:
            seat = self._gazetteer.seat(city.admin1) if city.kind == "city" else None
            name = self._gazetteer.admin1_name(city.admin1)
            if seat is None or seat.index != city.index or name is None:
                continue
            regions += [
                p
                for p in self._gazetteer.lookup(fold(name))
                if p.kind == "admin1" and p.admin1 == city.admin1
            ]
        if not regions:
            return mention
        return replace(mention, candidates=[*mention.candidates, *regions])

    def _container_region(self, mention: Mention, pick: Place) -> Place | None:
        """The region a container mention stands for: the picked admin1/admin2 itself, or
        the admin1 governed from the picked city when the name reads as both."""
        if pick.kind in ("admin1", "admin2"):
            return pick
        seat = self._gazetteer.seat(pick.admin1) if pick.kind == "city" else None
        if seat is not None and seat.index == pick.index:
            return next(
                (c for c in mention.candidates if c.kind == "admin1" and c.admin1 == pick.admin1),
                None,
            )
        return None

    def _prior(
        self,
        mention: Mention,
        place: Place,
        focus: frozenset[str] = frozenset(),
        primary: str | None = None,
    ) -> float:
        w = self._w
        score = w.population * math.log10(place.population + 10)
        if place.country in focus:
            score += w.in_focus
            if place.country == primary:
                score += w.in_primary
        if place.kind == "admin1":
            score += w.admin1_bonus
        elif place.kind == "country":
            score += w.country_bonus
        elif place.kind == "admin2":
            # "Harris County", "Kupiansk Raion" name the district; a bare "Paris" does not.
            score += w.county_bonus if _TYPED.search(mention.key) else -w.county_bonus
        elif place.kind in ("region", "continent"):
            score += w.region_bonus
        if place.main_key == mention.key:
            score += w.main_name
        if place.kind == "admin1" and "region words" in mention.evidence:
            score += w.region_words
        if (
            place.kind == "admin1"
            and not _TYPED_REGION.search(mention.key)
            and any(
                c.kind == "city"
                and not self._city_suffixed(mention.key, c)
                and (
                    (c.admin1 == place.admin1 and c.population >= 10_000)
                    or (
                        c.population >= 100_000
                        and (c.country == place.country or c.population >= place.population)
                        and c.main_key == mention.key
                    )
                )
                for c in mention.candidates
            )
        ):
            # A bare "Kharkiv" / "Moscow" is the city; "Kharkiv region" is not. A city
            # larger than a same-named province abroad wins the bare name too ("Gaza").
            score -= w.named_after_capital
        return score

    def _city_suffixed(self, key: str, city: Place) -> bool:
        """The city's own name is the state's plus "City" ("New York City", "Oklahoma
        City"): writers name it so, and leave the bare name to the state."""
        return city.main_key == f"{key} {_CITY}"

    def _containment(self, text: str, mentions: list[Mention]) -> dict[int, int]:
        """child mention index -> parent mention index, for "X, Y" and "X in Y"."""
        links: dict[int, int] = {}
        for i in range(len(mentions) - 1):
            child, parent = mentions[i], mentions[i + 1]
            gap = text[child.end : parent.start]
            if not (
                _CONTAINMENT_GAP.match(gap)
                or UNIT_OF.match(gap.strip())
                or _COUNTRYSIDE_GAP.match(gap)
            ):
                continue
            if any(c.kind in ("admin1", "country", "admin2") for c in parent.candidates):
                links[i] = i + 1
        return links

    def _containment_bonuses(
        self, i: int, mentions: list[Mention], contained: dict[int, int], children: list[int]
    ) -> dict[int, int]:
        """How many containment bonuses (0-2) each of mention i's candidates earns;
        `children` are the mentions it contains."""
        parent = mentions[contained[i]] if i in contained else None
        container = "container" in mentions[i].evidence
        counts: dict[int, int] = {}
        for place in mentions[i].candidates:
            count = 0
            if parent is not None and any(_inside(place, p) for p in parent.candidates):
                count += 1
            if (
                children
                and any(_inside(c, place) for child in children for c in mentions[child].candidates)
            ) or (not children and place.kind == "admin1" and container):
                # "Vilshanka, Luhansk": the second is the region holding the first.
                count += 1
            counts[place.index] = count
        return counts

    def _scores(
        self,
        i: int,
        mentions: list[Mention],
        priors: list[dict[int, float]],
        context: tuple[_Votes, _Nearby, Mapping[int, Place]],
        bonuses: dict[int, int],
    ) -> dict[int, float]:
        """Scores of mention i's candidates, given their containment bonus counts."""
        w = self._w
        votes, nearby, places = context
        key = mentions[i].key
        country_votes, admin1_votes, n = votes.excluding(key)
        local_mass = votes.local_mass(key)
        local = local_mass >= w.local_min_mass
        closeness = nearby.closeness
        scores: dict[int, float] = {}
        for index, prior in priors[i].items():
            place = places[index]
            score = prior
            score += w.same_country * country_votes[place.country] / n
            score += w.near * closeness(place, key)
            if place.admin1 and place.kind != "admin1":
                region_votes = admin1_votes[place.admin1]
                score += w.same_admin1 * region_votes / n
                if local:
                    score += w.local_admin1 * region_votes / local_mass
            elif place.kind == "admin1":
                score += w.same_admin1 * admin1_votes[place.admin1] / n / 2
            for _ in range(bonuses[index]):
                score += w.contained
            scores[index] = score
        return scores

    def _resolved(self, mention: Mention, place: Place, scores: dict[int, float]) -> ResolvedPlace:
        top = max(scores.values())
        total = sum(math.exp(s - top) for s in scores.values())
        return ResolvedPlace(
            text=mention.text,
            name=place.name,
            geonameid=place.geonameid,
            feature_code=place.feature_code,
            latitude=place.latitude,
            longitude=place.longitude,
            country_code=place.country,
            admin1=self._gazetteer.admin1_name(place.admin1),
            admin1_code=place.admin1,
            admin2=self._gazetteer.admin2_name(place.admin2),
            admin2_code=place.admin2,
            precision=_PRECISION[place.kind],
            # "Russian" names the country only loosely: keep it, but say so.
            confidence=round(
                min(1.0, 1.0 / total)
                * (0.6 if mention.doubts else 1.0)
                * (0.5 if mention.key in self._gazetteer.demonyms else 1.0),
                3,
            ),
            evidence=TextSpan(start=mention.start, end=mention.end, text=mention.text),
        )


#: Belief-weighted (float) tallies, a `Counter` or a dict. Typed as Any: typeshed types a
#: Counter's values as int, which mypyc checks at run time in compiled code.
_Tally: TypeAlias = Any


@dataclass(slots=True)
class _Votes:
    """How strongly the article's mentions, taken together, point at each country and admin1.

    Each mention votes in proportion to how much it currently believes each of its
    readings: an unambiguous "Lac qui Parle County" votes fully for its state, a "Douglas
    County" (30 states) barely at all. Totals are kept per mention key so that a mention
    (and its repetitions) can be left out of its own context in O(1).
    """

    countries: _Tally
    admin1: _Tally
    by_key: dict[str, tuple[_Tally, _Tally, int]]
    total: int
    _excluded: dict[str, tuple[_Without, _Without, int]] = field(default_factory=dict)
    _mass: dict[str, float] = field(default_factory=dict)
    _positive: float | None = None

    @classmethod
    def collect(
        cls,
        mentions: list[Mention],
        beliefs: list[dict[int, float]],
        weights: Mapping[str, float],
        where: Mapping[int, tuple[str | None, str | None, bool]],
    ) -> _Votes:
        """`weights`: per name, how much its votes count ("Russian forces" says who
        fights, hardly where: 0.3); `where`: per reading, its country, its admin1 and
        whether it lies in that admin1 (a city, county or the region itself)."""
        countries: _Tally = Counter()
        admin1: _Tally = Counter()
        by_key: dict[str, tuple[_Tally, _Tally, int]] = {}
        for mention, belief in zip(mentions, beliefs, strict=True):
            own = by_key.get(mention.key)
            own_c: _Tally
            own_a: _Tally
            # A key's own tallies are plain dicts (only read where a key is known to be in
            # them), built many times an article: a Counter's __init__ is Python code.
            own_c, own_a, count = ({}, {}, 0) if own is None else own
            weight = weights[mention.key]
            c_get, a_get = own_c.get, own_a.get
            for index, p in belief.items():
                country, region, regional = where[index]
                own_c[country] = c_get(country, 0) + p * weight
                if regional:
                    own_a[region] = a_get(region, 0) + p
            by_key[mention.key] = (own_c, own_a, count + 1)
        # What `Counter.update` does with each key's tallies (its float sums included),
        # without its Python-level call and Mapping check per key.
        c_get, a_get = countries.get, admin1.get
        for own_c, own_a, _ in by_key.values():
            for country, tally in own_c.items():
                countries[country] = tally + c_get(country, 0)
            for region, tally in own_a.items():
                admin1[region] = tally + a_get(region, 0)
        return cls(countries, admin1, by_key, len(mentions))

    def local_mass(self, key: str) -> float:
        """Total admin1 belief of the other mentions: how many sub-national places they name."""
        mass = self._mass.get(key)
        if mass is None:
            own = self.by_key[key][1]
            if len(self.by_key) * len(self.admin1) <= _EXACT_MASS_BUDGET:
                # Summed in the totals' order, exactly as a copy minus the key would be.
                mass = sum(
                    v
                    for a, t in self.admin1.items()
                    if a
                    for v in ((t - own[a]) if a in own else t,)
                    if v > 0
                )
            else:
                # Many distinct names and regions: the total adjusted by this key's own
                # votes (O(own) instead of O(regions); equal up to float rounding).
                if self._positive is None:
                    self._positive = sum(v for a, v in self.admin1.items() if a and v > 0)
                mass = self._positive
                for a, o in own.items():
                    if not a:
                        continue
                    t = self.admin1[a]
                    mass += (t - o if t - o > 0 else 0.0) - (t if t > 0 else 0.0)
            self._mass[key] = mass
        return mass

    def excluding(self, key: str) -> tuple[_Without, _Without, int]:
        """The votes of every other mention (repetitions of `key` left out); cached.
        Views of the totals minus the key's own votes: O(1) to build, O(1) to read."""
        cached = self._excluded.get(key)
        if cached is None:
            own_c, own_a, count = self.by_key[key]
            cached = self._excluded[key] = (
                _Without(self.countries, own_c),
                _Without(self.admin1, own_a),
                max(self.total - count, 1),
            )
        return cached


#: Readings believed less than this share of their name's best reading do not pull their
#: neighbours (bounds the work).
_NEAR_MIN_BELIEF = 0.05
#: Kinds of place that lie in their admin1 (vote for it).
_REGIONAL_KINDS = frozenset({"admin1", "admin2", "city"})
#: Kinds of place whose point is a meaningful location for nearness.
_POINT_KINDS = frozenset({"city", "admin2"})


@dataclass(slots=True)
class _Nearby:
    """The article's town and county readings, and which of them lie within `radius_km`
    of one another. Each reading weighs its belief relative to its name's best reading:
    two names that are both ambiguous ("Alexandria", "Douglas County") still find the pair
    of readings that lie together.

    Distances do not change between the resolver's passes, only beliefs do: the pairs
    within the radius are found once per article (on a one-degree grid, so a candidate
    looks only at neighbouring cells) and each pass merely reweighs them.
    """

    #: Per reading (the first mention of each name, its point candidates in order): the
    #: name's key, the place, and the index of that first mention.
    readings: list[tuple[str, Place, int]]
    #: Per grid cell, its readings in order as (reading, latitude, longitude, place):
    #: flat tuples, so the neighbour search reads no attributes.
    cells: dict[tuple[int, int], list[tuple[int, float, float, Place]]]
    radius_km: float
    #: Per reading, this pass's belief relative to its name's best reading; None when
    #: believed too little to pull its neighbours.
    weights: list[float | None] = field(default_factory=list)
    #: (place index, own key) -> (other key, reading, 1 - km / radius) for the other
    #: names' readings within the radius, in grid order; filled as candidates ask.
    _pairs: dict[tuple[int, str], list[tuple[str, int, float]]] = field(default_factory=dict)
    #: This pass's closeness per (place index, own key): repetitions ask again.
    _memo: dict[tuple[int, str], float] = field(default_factory=dict)

    @classmethod
    def build(cls, mentions: list[Mention], radius_km: float) -> _Nearby:
        readings: list[tuple[str, Place, int]] = []
        cells: dict[tuple[int, int], list[tuple[int, float, float, Place]]] = {}
        seen: set[str] = set()
        for i, mention in enumerate(mentions):
            if mention.key in seen:
                continue
            seen.add(mention.key)
            # Candidates in the order of the mention's score dicts (first of duplicates).
            for place in {c.index: c for c in mention.candidates}.values():
                if place.kind in _POINT_KINDS:
                    cells.setdefault(_cell(place), []).append(
                        (len(readings), place.latitude, place.longitude, place)
                    )
                    readings.append((mention.key, place, i))
        return cls(readings, cells, radius_km)

    def believe(self, beliefs: list[dict[int, float]]) -> None:
        """Take this pass's beliefs (one dict per mention)."""
        tops: dict[int, float] = {}
        weights: list[float | None] = []
        for _, place, i in self.readings:
            belief = beliefs[i]
            top = tops.get(i)
            if top is None:
                top = tops[i] = max(belief.values())
            p = belief[place.index]
            weights.append(p / top if p >= _NEAR_MIN_BELIEF * top else None)
        self.weights = weights
        self._memo = {}

    def closeness(self, place: Place, own_key: str) -> float:
        """Sum over the other names of their best belief x (1 - distance / radius)."""
        if place.kind not in _POINT_KINDS:
            return 0.0
        memo_key = (place.index, own_key)
        value = self._memo.get(memo_key)
        if value is not None:
            return value
        pairs = self._pairs.get(memo_key)
        if pairs is None:
            readings = self.readings
            pairs = self._pairs[memo_key] = [
                (key, k, nearness)
                for k, nearness in self._near(place)
                if (key := readings[k][0]) != own_key
            ]
        weights = self.weights
        best: dict[str, float] = {}
        for key, k, nearness in pairs:
            weight = weights[k]
            if weight is None:
                continue
            pull = weight * nearness
            if pull > best.get(key, 0.0):
                best[key] = pull
        value = self._memo[memo_key] = sum(best.values(), 0.0)
        return value

    def _near(self, place: Place) -> list[tuple[int, float]]:
        """Readings of other places within the radius of `place`, with their nearness."""
        pairs: list[tuple[int, float]] = []
        row, col = _cell(place)
        lat_reach, lon_reach = _reach(place, self.radius_km)
        latitude, longitude = place.latitude, place.longitude
        radius = self.radius_km
        cells = self.cells
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for k, lat, lon, other in cells.get((row + dr, col + dc), ()):
                    if (
                        other.index == place.index
                        or abs(lat - latitude) > lat_reach
                        or abs(lon - longitude) > lon_reach
                    ):
                        continue  # outside the box around the circle: surely too far
                    km = _km(place, other)
                    if km < radius:
                        pairs.append((k, 1.0 - km / radius))
        return pairs


#: Degrees of latitude per km, a hair over so that rounding never drops a pair that
#: `_km` puts within the radius.
_DEGREES_PER_KM = math.degrees(1.0 / 6371.0) * 1.001


def _regions_by_their_words(
    mentions: list[Mention],
    picks: list[int],
    scores: list[dict[int, float]],
    places: dict[int, Place],
) -> tuple[list[int], list[dict[int, float]]]:
    """ "X countryside", "the countryside of X", "rural X" name the region, not its town X,
    however much the article's villages around the town pull towards it (nearness and
    local votes count for a town, never for a region): the region takes the town's score."""
    swapped: list[tuple[int, int, dict[int, float]]] = []
    for i, m in enumerate(mentions):
        town = places[picks[i]]
        if "region words" not in m.evidence or town.kind != "city":
            continue
        region = next(
            (c for c in m.candidates if c.kind == "admin1" and c.admin1 == town.admin1), None
        )
        if region is not None:
            own = dict(scores[i])
            own[region.index], own[town.index] = own[town.index], own[region.index]
            swapped.append((i, region.index, own))
    if not swapped:
        return picks, scores
    picks, scores = list(picks), list(scores)
    for i, pick, own in swapped:
        picks[i], scores[i] = pick, own
    return picks, scores


def _one_reading_per_name(
    mentions: list[Mention],
    picks: list[int],
    scores: list[dict[int, float]],
    contained: dict[int, int],
) -> tuple[list[int], list[dict[int, float]]]:
    """A name the article once qualifies ("Bali, North West Region") keeps that reading
    wherever it stands alone ("the Bali market"): one article, one Bali. A bare mention's
    reading leans on its sentence's neighbours, which can pull it abroad."""
    anchored: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if i in contained and m.key not in anchored:
            anchored[m.key] = i
    if not anchored:
        return picks, scores
    picks, scores = list(picks), list(scores)
    for i, m in enumerate(mentions):
        anchor = anchored.get(m.key)
        if anchor is None or i in contained or picks[i] == picks[anchor]:
            continue
        if ("region words" in m.evidence) != ("region words" in mentions[anchor].evidence):
            continue  # "X countryside" is the region whatever a qualified "X" is
        if any(c.index == picks[anchor] for c in m.candidates):
            picks[i], scores[i] = picks[anchor], scores[anchor]
    return picks, scores


def _reach(place: Place, radius_km: float) -> tuple[float, float]:
    """Latitude and longitude differences (degrees) beyond which `_km` from `place` is
    surely at least `radius_km`, so that most far pairs skip the trigonometry.

    `_km` is at least its north-south leg, and at least its east-west leg, which shrinks
    with the cosine of the pair's mean latitude, itself no further from the equator than
    |latitude| + the latitude reach (near the poles no bound is worth having)."""
    lat_reach = _DEGREES_PER_KM * radius_km
    highest = abs(place.latitude) + lat_reach
    lon_reach = lat_reach / math.cos(math.radians(highest)) if highest < 89.0 else math.inf
    return lat_reach, lon_reach


def _cell(place: Place) -> tuple[int, int]:
    return math.floor(place.latitude), math.floor(place.longitude)


def _km(a: Place, b: Place) -> float:
    """Equirectangular distance: exact enough within the ~100 km that nearness looks at."""
    x = math.radians(b.longitude - a.longitude) * math.cos(
        math.radians((a.latitude + b.latitude) / 2)
    )
    y = math.radians(b.latitude - a.latitude)
    return 6371.0 * math.hypot(x, y)


#: Distinct names x regions up to which the local mass is summed exactly per name.
_EXACT_MASS_BUDGET = 400_000


class _Without:
    """`total - own` read per key, as `Counter.subtract` on a copy would give it. A plain
    class, not a frozen dataclass: its `__init__` compiled (~75 a 700-word article)."""

    def __init__(self, total: _Tally, own: _Tally) -> None:
        self.total = total
        self.own = own

    def __getitem__(self, key: str | None) -> float:
        tally: float = (
            self.total.get(key, 0) - self.own[key] if key in self.own else self.total[key]
        )
        return tally


def _focus(named: list[Place], demonyms: list[Place]) -> str | None:
    """The country most named places lie in. "Ukrainian forces shelled X" says who fought,
    not where: nationality adjectives decide only when no place is named at all."""
    countries = Counter(p.country for p in named if p.country)
    if countries:
        ranked = countries.most_common(2)
        country, count = ranked[0]
        # A clear plurality; a tie goes to the first-named country (the lead's place).
        if len(ranked) == 1 or count > ranked[1][1]:
            return country
        return next(p.country for p in named if p.country in (country, ranked[1][0]))
    by_demonym = Counter(p.country for p in demonyms if p.country)
    if len(by_demonym) == 1:
        return next(iter(by_demonym))
    return None


def _softmax(scores: dict[int, float]) -> dict[int, float]:
    top = max(scores.values())
    weights = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def _inside(child: Place, parent: Place) -> bool:
    if parent.kind == "country":
        return child.country == parent.country and child.kind != "country"
    if parent.kind in ("admin1", "admin2"):
        return (
            child.admin1 == parent.admin1
            and child.kind in ("city", "admin2")
            and child.index != parent.index
        )
    return False


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Country ISO code -> its capital's name (countries.tsv)."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "countries.tsv"
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["iso"]: row["capital"] for row in csv.DictReader(lines, delimiter="\t")}
