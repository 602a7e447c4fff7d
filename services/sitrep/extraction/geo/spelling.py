"""Names the gazetteer lacks only as the text spells them (an -eb where GeoNames writes
-ib): one-step spelling changes (`data/geo/text_spellings.tsv`) tried on the
capitalised words the text itself calls a place ("in X", "the village of X", "X village", a typed
region name such as "X Province", read as that region) that no mention covers, kept only
where a variant names a place in the article's focus countries (those of them with
villages in `localities.tsv.gz`, where romanisations vary).
Failing those, the whole name is compared by its consonant skeleton (`normalize.skeleton`:
"Al-Mazraa" and "Al Mazra'ah" share "mzr") with the towns and villages there, and a town
whose own name is also spelled much alike (`SKELETON_LIKENESS`) is a reading. Run after
the focus is decided, so the variants add no readings anywhere else.
"""

from __future__ import annotations

import csv
import difflib
import re
from importlib import resources

from sitrep.extraction.geo.gazetteer import REGION_TYPE_WORDS, Gazetteer
from sitrep.extraction.geo.mentions import (
    LOCATIVES,
    PERSON_AFTER,
    Mention,
    article_hyphen,
    pattern_mention,
    settlement_after,
    settlement_before,
)
from sitrep.extraction.geo.normalize import Token, fold, fold_token, skeleton, without_articles

#: Longest name (in words) a variant is tried for.
MAX_WORDS = 3
#: How alike (difflib's ratio, articles left out) a name and a town's own name must be
#: for a shared consonant skeleton to make the town a reading: "sanamin" / "sanamayn"
#: (0.80) are; "february" / "fubarah" (0.53) are not.
SKELETON_LIKENESS = 0.75
#: Names whose variants are kept at once; past this the memo starts afresh.
MAX_CACHED = 16_384
#: What a mention found by its spelling rests on.
_EVIDENCE = ("locative", "spelling variant")
#: A number after a capitalised word makes it a unit of something ("Block 4").
_NUMBER_AFTER = re.compile(r"\s+\d")
#: Capitalised words that say what kind of place the name before them is ("Xyz Village").
_KIND_AFTER = re.compile(
    r"^(?:village|town|city|area|camp|township|district|subdistrict|locality)$", re.IGNORECASE
)


def load_rules() -> list[tuple[re.Pattern[str], str]]:
    path = resources.files("sitrep.extraction") / "data" / "geo" / "text_spellings.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(re.compile(row["pattern"]), row["replacement"]) for row in rows]


class SpellingVariants:
    """Finds the mentions the matcher missed for a spelling difference alone."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        rules: list[tuple[re.Pattern[str], str]],
        stopwords: frozenset[str] = frozenset(),
    ) -> None:
        self._gazetteer = gazetteer
        self._rules = rules
        self._stopwords = stopwords
        #: The conflict countries with villages beyond cities500: their names are the
        #: romanisations that vary (not Ukraine's or the US's).
        self._varying = gazetteer.village_countries
        self._known_variants: dict[str, tuple[str, ...]] = {}

    def added(
        self, text: str, tokens: list[Token], mentions: list[Mention], countries: frozenset[str]
    ) -> list[Mention]:
        """`mentions` plus those found by a spelling variant, in text order."""
        countries = countries & self._varying
        if not countries:
            return mentions
        # Which characters a mention covers: a token overlaps one iff it covers one of its
        # characters (one slice per token instead of a scan of every mention).
        taken = bytearray(len(text))
        for m in mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        regions = _regions_named(mentions, countries)
        found: list[Mention] = []
        for k in range(len(tokens)):
            token = tokens[k]
            if not token.text[:1].isupper():
                continue
            if 1 in taken[token.start : token.end]:
                continue
            last = k
            while (
                last + 1 < len(tokens)
                and last + 1 - k < MAX_WORDS + 1
                and tokens[last + 1].text[:1].isupper()
                and text[tokens[last].end : tokens[last + 1].start] in (" ", "-")
            ):
                last += 1
            # "Deir Ezzor Province": a typed region name calls itself a place.
            typed = last > k and fold_token(tokens[last].text) in REGION_TYPE_WORDS
            if not typed:
                last = min(last, k + MAX_WORDS - 1)
                if k == 0 or not (
                    _placed(text, tokens, k)
                    or (
                        _settlement_named(text, tokens, k, last) and _starts_a_name(text, tokens, k)
                    )
                ):
                    continue
            mention = self._variant(text, tokens, k, last, countries, typed) or (
                None if typed else self._skeleton(text, tokens, k, last, countries, regions)
            )
            if mention is not None:
                found.append(mention)
                taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions

    def _variant(
        self,
        text: str,
        tokens: list[Token],
        first: int,
        last: int,
        countries: frozenset[str],
        typed: bool = False,
    ) -> Mention | None:
        """A reading of a variant of tokens[first..last] (a town's; a region's for a typed
        name, which is tried whole only)."""
        kind = "admin1" if typed else "city"
        # The longest name first: "Tall Hamra" before "Tall"; never the head of a name
        # its next word joins ("Marj" of "Marj Al-Sultan").
        for end in range(last, (last if typed else first) - 1, -1):
            if end < last and article_hyphen(text, tokens, end + 1):
                continue
            start, stop = tokens[first].start, tokens[end].end
            key = fold(text[start:stop])
            for variant in self._variants(key):
                readings = [
                    p
                    for p in self._gazetteer.lookup(variant)
                    if p.country in countries and p.kind == kind
                ]
                if readings:
                    return pattern_mention(text, start, stop, variant, readings, list(_EVIDENCE))
        return None

    def _skeleton(
        self,
        text: str,
        tokens: list[Token],
        first: int,
        last: int,
        countries: frozenset[str],
        regions: frozenset[str],
    ) -> Mention | None:
        """The whole capitalised run ("Al-Xyz", not "Al"; "Xyz" of "Xyz Village") read by
        its consonant skeleton, as a town of a first-level region the article names: a
        skeleton is loose, and a like-sounding village elsewhere in the country is a worse
        answer than none. A common word, a run ending in an article, a person's name ("Xyz,
        who", "Xyz said") or a unit before its number ("Block 4") is no name."""
        if last > first and _KIND_AFTER.match(tokens[last].text):
            last -= 1
        start, stop = tokens[first].start, tokens[last].end
        key = fold(text[start:stop])
        if (
            key in self._stopwords
            or without_articles(key.rsplit(" ", 1)[-1]) == ""
            or PERSON_AFTER.match(text, stop)
            or _NUMBER_AFTER.match(text, stop)
        ):
            return None
        shape = skeleton(key)
        if not shape:
            return None
        bare = without_articles(key)
        places = self._gazetteer.places
        readings = [
            place
            for place in (places[i] for i in self._gazetteer.skeletons.get(shape, ()))
            if place.country in countries
            and place.admin1 in regions
            and _alike(bare, without_articles(place.main_key))
        ]
        if not readings:
            return None
        return pattern_mention(text, start, stop, key, readings, list(_EVIDENCE))

    def _variants(self, key: str) -> tuple[str, ...]:
        """One rule at one position, in the rules' order; duplicates and the key dropped.
        Remembered per name: `match.expand` parses its template on every call."""
        known = self._known_variants.get(key)
        if known is None:
            if len(self._known_variants) >= MAX_CACHED:
                self._known_variants.clear()
            known = self._known_variants[key] = tuple(self._spell_variants(key))
        return known

    def _spell_variants(self, key: str) -> list[str]:
        seen = {key}
        out: list[str] = []
        for pattern, replacement in self._rules:
            for match in pattern.finditer(key):
                variant = key[: match.start()] + match.expand(replacement) + key[match.end() :]
                if variant not in seen:
                    seen.add(variant)
                    out.append(variant)
        return out


def _alike(name: str, other: str) -> bool:
    """difflib's ratio of the two is at least SKELETON_LIKENESS. Its bound from the lengths
    alone (`real_quick_ratio`, the same formula) is tried before building a matcher: names
    of one skeleton often differ much in length."""
    total = len(name) + len(other)
    if total and 2.0 * min(len(name), len(other)) / total < SKELETON_LIKENESS:
        return False
    return difflib.SequenceMatcher(None, name, other).ratio() >= SKELETON_LIKENESS


def _regions_named(mentions: list[Mention], countries: frozenset[str]) -> frozenset[str]:
    """First-level regions of `countries` the article names: a region by its name, or the
    region of a place with one reading there."""
    regions: set[str] = set()
    for mention in mentions:
        inside = [p for p in mention.candidates if p.country in countries and p.admin1]
        for place in inside:
            if place.kind == "admin1" or len(inside) == 1:
                regions.add(place.admin1)  # type: ignore[arg-type]
    return frozenset(regions)


def _placed(text: str, tokens: list[Token], k: int) -> bool:
    """The words before token k call it a place: a locative or "the town of" (before its
    hyphened article, if any: "in al-X")."""
    if k >= 2 and article_hyphen(text, tokens, k - 1):
        k -= 1
    before = fold_token(tokens[k - 1].text)
    if before in LOCATIVES and text[tokens[k - 1].end : tokens[k].start] == " ":
        return True
    return settlement_before(text, tokens[k].start)


def _settlement_named(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """The run tokens[first..last] is followed by a settlement word ("Xyz village") or
    ends in a capitalised one ("Xyz Township", "Xyz Village")."""
    return settlement_after(text, tokens[last].end) or (
        last > first and _KIND_AFTER.match(tokens[last].text) is not None
    )


def _starts_a_name(text: str, tokens: list[Token], k: int) -> bool:
    """Token k opens its capitalised run ("Lon" of "Lon Xyz village", not "Xyz"); a
    possessive before it ends the run before ("Mandalay Region's Xyz Township")."""
    before = tokens[k - 1]
    if before.text.endswith(("'s", "’s")):
        return True
    return not (before.text[:1].isupper() and text[before.end : tokens[k].start] in (" ", "-"))
