"""The article's geographic focus, and the readings it rules out.

Before any name is resolved, the article's place names vote for the countries they can lie
in: a country's name fully, a region's or a town's name in proportion to how likely each of
its readings is, and a pair "X, Y" for the country where X lies in Y. The article's *focus*
is the best-voted country, any country named outright, and any other country that at least
two different names point at with a whole vote and a quarter of the first country's votes
between them, or that has half the first country's votes (one small foreign town that
shares a common word's spelling is not enough). Towns and regions of the focus countries'
neighbours and of a people the article names ("Jordanian") stay readings too (a town
there of fewer than `NEAR_TOWN` people only on the text's evidence); villages only inside
the focus. A small town or village of a focus country other than the best-voted one needs
another of the article's names there, or the text's evidence: a country named only
outright or through its people ("Russian strikes") brings no villages of its own.

Once the first country has a few votes (`DECIDED_VOTES`; before that every town and region
stays a reading), a reading outside the focus survives only on strong evidence: the text
places it ("X, Country", "Ann Keller of X"; "X province" for a region, not a town; "the town
of X" says nothing of the country), or it is a capital ("Peking" too)
or a city of half a million called by its own name. A name of compass and position words
only ("Central Province", `generic_region_words.txt`) is read abroad only where the text
places it, and a neighbour's town not by a doubted alternate name of it. So a common word
or a name that matches a small foreign town (a carmaker's name, a US town called "Hope") is
not read as one in an article about Iraq or Burkina Faso, and the villages beyond cities500
(`Place.focus_only`) are readings only inside the focus. "The X neighborhood" is a part of
a town of the focus countries: no region, no town abroad.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from sitrep.extraction.geo.gazetteer import Gazetteer, Place
from sitrep.extraction.geo.mentions import (
    BINDING_EVIDENCE,
    QUARTER_WORD,
    TOWN_WORD,
    Mention,
    containing_countries,
)
from sitrep.extraction.geo.normalize import fold
from sitrep_contracts import PlacePrecision, ResolvedPlace

#: Votes a country needs to be in focus (one unambiguous town or region).
FOCUS_VOTES = 1.0
#: Votes the first country needs before readings elsewhere need evidence.
DECIDED_VOTES = 3.0
#: What a mention's vote weighs, by the kind of its likeliest reading.
_KIND_VOTES = {"country": 3.0, "admin1": 2.0, "region": 2.0, "admin2": 1.5, "city": 1.0}
#: Votes of a pair "X, Y" (or "X in Y") for the country where X lies in Y.
PAIR_VOTES = 3.0
#: A name counts towards a country's distinct names when this share of it lies there.
NAME_SHARE = 0.2
#: A second country is in focus with at least this share of the first one's votes.
SECONDARY_SHARE = 0.25
#: A country with half the first one's votes is in focus even from a single name.
RIVAL_SHARE = 0.5
#: A nationality ("Syrian forces") says who, hardly where.
DEMONYM_VOTE = 0.3
#: Repetitions of one name count up to this many times.
MAX_REPEATS = 3
#: Names with a type word name the district or region whatever the article's focus (keys
#: are folded: "county" is "cunty").
_TYPED = re.compile(r" (?:province|governorate|region|state|oblast|prefecture|cunty|district)$")
#: Towns of a neighbour or of a people the article names this big need no evidence.
NEAR_TOWN = 20_000
#: Out-of-focus towns this big (or capitals) need no evidence in the text.
METROPOLIS = 500_000
#: Evidence that places a name abroad: it binds the name to a place, or to another place
#: the text names. "The town of X" says X is a town, not in which country: a Syrian
#: article's "the town of X" is no town of Oman that shares the name.
_PLACING_EVIDENCE = BINDING_EVIDENCE - {"settlement of"}


@cache
def _generic_words() -> frozenset[str]:
    """Folded words of `generic_region_words.txt` ("suth", "central")."""
    path = resources.files("sitrep.extraction") / "data" / "geo" / "generic_region_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        word for line in lines if line and not line.startswith("#") for word in fold(line).split()
    )


def generic_name(key: str) -> bool:
    """A folded name made only of compass and position words, a type word aside ("central
    province", "north east"): many countries have a region so named."""
    words = _TYPED.sub("", key).split()
    return bool(words) and all(word in _generic_words() for word in words)


@dataclass(frozen=True, slots=True)
class Focus:
    """Votes per country; `countries` are those in focus, `primary` the best voted."""

    votes: dict[str, float]
    countries: frozenset[str]
    primary: str | None

    #: Countries whose people the article names ("Jordanian"): their towns stay readings.
    peoples: frozenset[str] = frozenset()
    #: The first country has enough votes: readings elsewhere need evidence.
    decided: bool = True
    #: Neighbours of the focus countries: their towns and regions stay readings.
    near: frozenset[str] = frozenset()
    #: The sub-national names (folded) that vote for each country.
    names: dict[str, frozenset[str]] = field(default_factory=dict)

    def admits(self, place: Place, mention: Mention, main_name: bool) -> bool:
        """Whether `place` may be a reading of `mention` in this article; `main_name`:
        the mention is the place's own name, not one of its alternate names."""
        if place.kind in ("country", "continent"):
            return True
        if place.country in self.countries:
            return self._admits_in_focus(place, mention)
        if place.focus_only:
            return False
        if not self.decided:
            return True  # too little to go by: every town and region stays a reading
        if _PLACING_EVIDENCE & set(mention.evidence):
            return True  # "X, Country", "Ann Keller of Newton", a dateline
        if generic_name(mention.key):
            return False  # "Central Province" abroad: the article's own, or unplaced
        if place.country in self.peoples or place.country in self.near:
            # A neighbour's or a named people's region or town, but not a small town
            # that shares a common word or a local name ("Camino" in a Mexican article),
            # nor a town that a doubted word is only another name of ("Xyz" of "Lon Xyz
            # District" is no spelling of a town across the border).
            return place.kind != "city" or (
                place.population >= NEAR_TOWN
                and (main_name or not set(mention.doubts) - {"sentence start"})
            )
        if _TYPED.search(mention.key):
            # "X province" names a region abroad, not a town there ("Xyz district" in an
            # Afghan article is no town of Kyrgyzstan).
            return place.kind != "city"
        return place.kind == "city" and (
            (
                place.feature_code == "PPLC"
                and (main_name or not {"settlement of", TOWN_WORD} & set(mention.evidence))
            )
            or (main_name and place.population >= METROPOLIS)
        )  # "the village of Xyz" is no capital abroad that Xyz is another name of

    def _admits_in_focus(self, place: Place, mention: Mention) -> bool:
        """A small town of a focus country other than the first: only if another of the
        article's names lies in that country too, or the text places it there. A country
        named only outright or through its people ("Russian strikes" in a Syrian article)
        does not make "near Xyz" its village."""
        if (
            not self.decided
            or place.country == self.primary
            or place.kind != "city"
            or (place.population >= NEAR_TOWN and not place.focus_only)
            or _PLACING_EVIDENCE & set(mention.evidence)
        ):
            return True
        return bool(self.names.get(place.country or "", frozenset()) - {mention.key})


def document_focus(mentions: list[Mention], gazetteer: Gazetteer) -> Focus:
    """Country votes of the article's plausible mentions (see the module docstring)."""
    votes: defaultdict[str, float] = defaultdict(float)
    names: defaultdict[str, set[str]] = defaultdict(set)
    named: set[str] = set()
    peoples: set[str] = set()
    repeats: Counter[str] = Counter()
    for mention in mentions:
        if not mention.plausible or repeats[mention.key] >= MAX_REPEATS:
            continue
        readings = [c for c in mention.candidates if not c.focus_only and c.country]
        if not readings:
            continue
        repeats[mention.key] += 1
        if mention.key in gazetteer.demonyms or "blamed" in mention.evidence:
            for country in {c.country for c in readings if c.kind == "country" and c.country}:
                if "weapons of" not in mention.evidence:
                    votes[country] += DEMONYM_VOTE
                peoples.add(country)
            continue
        countries = [c for c in readings if c.kind == "country"]
        if countries:
            for country in {c.country for c in countries if c.country}:
                named.add(country)
                votes[country] += _KIND_VOTES["country"]
            continue
        shares = _shares(readings)
        best = max(readings, key=_weight)
        weight = _KIND_VOTES.get(best.kind, 1.0)
        for country, share in shares.items():
            votes[country] += weight * share
            if share >= NAME_SHARE:
                names[country].add(mention.key)
    # "X, North West Region": the pair names the one country where the first lies in the
    # second, whatever else either name could be.
    for child, parent in itertools.pairwise(mentions):
        if "contained" in child.evidence:
            for country in containing_countries(child, parent):
                votes[country] += PAIR_VOTES
    primary = max(votes, key=votes.__getitem__) if votes else None
    floor = max(FOCUS_VOTES, SECONDARY_SHARE * votes[primary]) if primary else FOCUS_VOTES
    chosen = {
        c
        for c, v in votes.items()
        if v >= floor and (len(names[c]) >= 2 or (primary and v >= RIVAL_SHARE * votes[primary]))
    }
    chosen |= named | ({primary} if primary else set())
    decided = primary is not None and votes[primary] >= DECIDED_VOTES
    near = frozenset().union(*(gazetteer.neighbours.get(c, frozenset()) for c in chosen))
    return Focus(
        dict(votes),
        frozenset(chosen),
        primary,
        frozenset(peoples),
        decided,
        near,
        {country: frozenset(keys) for country, keys in names.items()},
    )


def constrain(
    mentions: list[Mention], focus: Focus, gazetteer: Gazetteer, *, villages_only: bool = False
) -> list[Mention]:
    """Mentions with only the readings the focus admits; those left with none dropped.
    Nationalities ("Texans", "Swiss") say who, not where the article is: never ruled out.
    `villages_only`: rule out only villages (before NER has found every container)."""
    out: list[Mention] = []
    for mention in mentions:
        if mention.key in gazetteer.demonyms:
            out.append(mention)
            continue
        kept = [
            c
            for c in mention.candidates
            if (villages_only and not c.focus_only)
            or focus.admits(c, mention, c.main_key == mention.key)
        ]
        if not villages_only and _names_the_primary(mention, focus):
            # A story about Chad that names "Chad": the country, not a neighbour's state
            # or its own province of that name (a typed "Chad State" keeps it).
            kept = [c for c in kept if c.kind not in ("admin1", "admin2")]
        if TOWN_WORD in mention.evidence and any(c.kind == "city" for c in kept):
            kept = [c for c in kept if c.kind == "city"]  # "Xyz town": not the Xyz region
        if QUARTER_WORD in mention.evidence:
            # "the Xyz neighborhood": part of a town of the story, no region nor small town
            # abroad; "a Baghdad neighborhood" is still the capital's.
            kept = [
                c
                for c in kept
                if c.kind == "city"
                and (
                    c.country in focus.countries
                    or c.feature_code == "PPLC"
                    or c.population >= METROPOLIS
                )
            ]
        if len(kept) == len(mention.candidates):
            out.append(mention)
        elif kept:
            out.append(replace(mention, candidates=kept))
    return out


def _names_the_primary(mention: Mention, focus: Focus) -> bool:
    """The untyped mention is the own name of the article's best-voted country."""
    return (
        focus.decided
        and focus.primary is not None
        and not _TYPED.search(mention.key)
        and any(
            c.kind == "country" and c.country == focus.primary and c.main_key == mention.key
            for c in mention.candidates
        )
    )


def without_doubtful_villages(mentions: list[Mention]) -> list[Mention]:
    """Drop names that only villages bear when the words around them doubt them and say
    nothing of a place ("Kafr Said announced ..."): NER would cost more than they bring."""
    return [
        m
        for m in mentions
        if m.plausible or m.textual_evidence or not all(c.focus_only for c in m.candidates)
    ]


def _weight(place: Place) -> float:
    """How likely a reading is before context: bigger places, and regions, more so."""
    bonus = 2.0 if place.kind == "admin1" else 0.0
    return 0.55 * math.log10(place.population + 10) + bonus


def _shares(readings: list[Place]) -> dict[str, float]:
    """Each country's share of a name's readings, weighted as `_weight` (softmax)."""
    top = max(_weight(p) for p in readings)
    mass: defaultdict[str, float] = defaultdict(float)
    for place in readings:
        mass[place.country or ""] += math.exp(_weight(place) - top)
    total = sum(mass.values())
    return {country: value / total for country, value in mass.items()}


def focus_admin1(places: list[ResolvedPlace], country: str | None) -> str | None:
    """The first-level region of `country` the resolved places name most (a region's own
    name counts twice); ties go to the first named."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.country_code == country and place.admin1_code and place.confidence >= 0.5:
            counts[place.admin1_code] += 2 if place.precision is PlacePrecision.ADMIN1 else 1
    if not counts:
        return None
    top = max(counts.values())
    return next(code for code in counts if counts[code] == top)
