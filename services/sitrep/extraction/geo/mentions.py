"""Find place mentions: gazetteer hits over folded tokens, filtered for common words and
parts of person names, then merged with whatever spaCy NER saw.

The gazetteer finds transliterated places spaCy labels ORG ("Balakliïa"); spaCy tells
"Jackson said" (a person) from "Jackson, Miss." (a place). Neither alone is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo.gazetteer import Gazetteer, Place
from sitrep.extraction.geo.normalize import Token, fold, fold_token

# Lower-case words allowed inside a multi-word name ("Rostov-on-Don", "Isle of Man",
# "Kharkiv region", "Clay county").
_CONNECTORS = frozenset(
    {"of", "on", "upon", "de", "del", "la", "le", "du", "al", "el", "and", "region", "oblast",
     "province", "state", "governorate", "prefecture", "county", "parish"}
)
# Capitalised words before a place that do not make it a person's name.
_PLACE_PREFIXES = frozenset(
    {"in", "at", "from", "to", "near", "of", "north", "south", "east", "west", "northern",
     "southern", "eastern", "western", "central", "downtown", "greater", "outside", "across",
     "the", "and", "or", "via", "into", "towards", "toward", "around", "through", "between",
     "occupied", "liberated", "besieged", "embattled", "neighboring", "neighbouring", "rural",
     "suburban", "upstate", "metro", "both"}
)


@dataclass(slots=True)
class Mention:
    """A span of the article that names a place, with every gazetteer reading of it."""

    start: int
    end: int
    text: str
    key: str
    candidates: list[Place]
    first_token: int
    last_token: int
    ner_label: str | None = None
    #: Why the span is doubtful (a word that is rarely a place, a name-like neighbour).
    doubts: list[str] = field(default_factory=list)
    #: What makes it look like a place anyway ("in X", "X, Texas", a country name).
    evidence: list[str] = field(default_factory=list)

    @property
    def plausible(self) -> bool:
        """Keep without asking NER: no doubt, or only weak doubts outweighed by evidence."""
        if not self.doubts:
            return True
        if not self.evidence:
            return False
        return not self.strong_doubt or "contained" in self.evidence

    @property
    def strong_doubt(self) -> bool:
        """Doubts about the word itself, not just about its neighbours."""
        return bool(_STRONG_DOUBTS & set(self.doubts))


_PLURAL_COUNTIES = re.compile(
    r"(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?)*\s+((?i:counties|parishes))\b"
)
# ", Ill." / ", W.Va." / ", N. Dak." / ", IL" right after a place: a US state abbreviation.
_STATE_ABBREVIATION = re.compile(
    r",[ \t]*((?:[A-Z][a-z]{0,4}\.[ ]?){1,2}|[A-Z][a-z]{2,4}(?![\w'])|[A-Z]{2}(?![\w'.]))"
)
# Words after a person's name, not after a town's: "Ripley said", "Stevens, who".
_PERSON_AFTER = re.compile(
    r"(?:'s?\s+(?:wife|husband|son|daughter|mother|father|family|attorney|lawyer)\b|"
    r",?\s+(?:said|says|told|added|explained|testified|wrote|asked|replied|noted|who)\b|"
    r",\s+\d{1,3},)"
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "coach", "officer", "judge",
     "president", "sgt", "lt", "capt", "deputy", "detective", "sheriff", "chief", "mayor",
     "senator", "governor", "sir", "lady", "lord", "pastor", "rev", "father", "brother",
     "sister", "professor", "prof", "attorney", "councilman", "councilwoman", "commissioner",
     "trooper", "agent", "manager", "director", "superintendent", "principal", "minister"}
)
# Capitalised nouns that follow a place inside an institution's name ("Gainesville Police
# Department", "Walker County Fair"): they do not make the place a first name.
_PLACE_NOUNS = frozenset(
    {"police", "city", "county", "state", "high", "school", "schools", "university",
     "college", "department", "council", "hospital", "airport", "fire", "sheriff", "fair",
     "district", "public", "community", "area", "township", "region", "oblast", "river",
     "lake", "valley", "street", "road", "avenue", "regional", "national", "international",
     "memorial", "center", "centre", "museum", "library", "church", "court", "board",
     "commission", "chamber", "times", "post", "herald", "tribune", "news", "daily"}
)
_UNKNOWN_CHILD = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
_STRONG_DOUBTS = frozenset({"common word", "alias of a small place", "acronym", "person name"})
_LOCATIVES = frozenset(
    {"in", "at", "from", "near", "outside", "to", "into", "across", "toward", "towards",
     "through", "around", "downtown", "visit", "visited", "via"}
)


def mark_context(text: str, mentions: list[Mention]) -> None:
    """Evidence and doubts that need the neighbouring mentions.

    "X, Texas" / "X in Ohio" makes X a place. A single word already seen in the article as
    part of a longer capitalised name ("Scott" after "David Scott") is likely that person.
    """
    for mention, following in zip(mentions, mentions[1:], strict=False):
        gap = text[mention.end : following.start]
        if gap.strip() in (",", "in") and any(
            c.kind in ("admin1", "admin2", "country") for c in following.candidates
        ):
            if "contained" not in mention.evidence:
                mention.evidence.append("contained")
            if "container" not in following.evidence:
                following.evidence.append("container")
    for mention in mentions:
        # "near Dyliivka, Donetsk": a capitalised word the gazetteer lacks, a comma, then a
        # region: the region is the container even without a known child.
        if "container" not in mention.evidence and _UNKNOWN_CHILD.search(
            text, max(0, mention.start - 40), mention.start
        ) and any(c.kind == "admin1" for c in mention.candidates):
            mention.evidence.append("container")
    name_parts = {
        m.key for m in mentions if {"after a capitalised word", "before a capitalised word"}
        & set(m.doubts) and " " not in m.key and "major place" not in m.evidence
    }
    for mention in mentions:
        if mention.key in name_parts and "person name" not in mention.doubts:
            mention.doubts.append("person name")


class MentionFinder:
    """Gazetteer matching over an article's tokens, with the filters that keep it precise."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        stopwords: frozenset[str],
        *,
        lowercase_min_population: int = 1_000_000,
        alias_min_population: int = 20_000,
        function_words: frozenset[str] = frozenset(),
    ) -> None:
        self._alias_min_population = alias_min_population
        self._gazetteer = gazetteer
        self._stopwords = stopwords
        self._lowercase_min_population = lowercase_min_population
        self._function_words = function_words

    def find(self, text: str, tokens: list[Token]) -> list[Mention]:
        """Longest gazetteer match at each token, left to right; doubtful hits are flagged."""
        gazetteer = self._gazetteer
        folded = [fold_token(token.text) for token in tokens]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            if folded[i] not in gazetteer.first_words:
                i += 1
                continue
            mention = None
            for length in range(min(gazetteer.max_words, len(tokens) - i), 0, -1):
                key = " ".join(folded[i : i + length])
                if key in gazetteer.keys and self._contiguous(text, tokens, i, i + length):
                    # The longest reading may fail the case test ("Kharkiv Region" vs a
                    # lowercase word): a shorter one still counts.
                    mention = self._mention(text, tokens, i, i + length, key)
                    if mention is not None:
                        break
            if mention is None:
                i += 1
                continue
            mentions.append(mention)
            i = mention.last_token + 1
        self._plural_counties(text, mentions)
        return self._state_abbreviations(text, mentions)

    def _state_abbreviations(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Peoria, Ill.', 'Wheeling, W.Va.', 'Austin, TX': the abbreviation names the state
        the town lies in (newspaper style); it becomes a mention and a container."""
        table = self._gazetteer.state_abbreviations
        if not table:
            return mentions
        added: list[Mention] = []
        for mention in mentions:
            match = _STATE_ABBREVIATION.match(text, mention.end)
            if match is None:
                continue
            raw = match.group(1).rstrip()
            ids = table.get(raw.replace(" ", ""))
            if ids is None and not raw.endswith("."):
                continue
            if ids is None:  # "Calif." written without its period in the table
                ids = table.get(raw.replace(" ", "").rstrip("."))
            if not ids:
                continue
            places = [self._gazetteer.places[i] for i in ids]
            start = match.start(1)
            end = start + len(raw)
            added.append(
                Mention(
                    start=start, end=end, text=text[start:end], key=fold(places[0].name),
                    candidates=places, first_token=-1, last_token=-1,
                    evidence=["contained", "abbreviation"],
                )
            )
            if "contained" not in mention.evidence:
                mention.evidence.append("contained")
        if not added:
            return mentions
        kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in added)]
        return sorted(kept + added, key=lambda m: m.start)

    def _plural_counties(self, text: str, mentions: list[Mention]) -> None:
        """'Becker and Clay counties': each name reads as '<name> County' too."""
        for mention in mentions:
            match = _PLURAL_COUNTIES.match(text, mention.end)
            if match is None:
                continue
            noun = "county" if match.group(1).casefold() == "counties" else "parish"
            counties = self._gazetteer.lookup(f"{mention.key} {noun}")
            if counties:
                mention.candidates = counties
                mention.evidence.append("contained")

    def _contiguous(self, text: str, tokens: list[Token], first: int, stop: int) -> bool:
        """A name does not run across a sentence end or a comma ("Paris, Texas" is two)."""
        for left, right in zip(tokens[first : stop - 1], tokens[first + 1 : stop], strict=True):
            gap = text[left.end : right.start]
            if len(gap) > 3 or any(ch in gap for ch in ",;:!?()\n\"“”"):
                return False
        return True

    def _mention(
        self, text: str, tokens: list[Token], first: int, stop: int, key: str
    ) -> Mention | None:
        span = tokens[first:stop]
        if any(t.text.isdigit() for t in span):
            return None  # "28 May", "9/11": dates and numbers, not the odd place so named
        candidates = self._gazetteer.lookup(key)
        words = [t for t in span if fold_token(t.text) not in _CONNECTORS or t is span[0]]
        if not all(t.capitalized for t in words):
            big = max((c.population for c in candidates if c.kind == "city"), default=0)
            if big < self._lowercase_min_population or key in self._stopwords:
                return None
        mention = Mention(
            start=span[0].start,
            end=span[-1].end,
            text=text[span[0].start : span[-1].end],
            key=key,
            candidates=candidates,
            first_token=first,
            last_token=stop - 1,
        )
        if key in self._stopwords:
            if stop - first == 1 and (
                key in self._function_words or _after_capitalised(text, tokens, first)
            ):
                # "On 9 May", "The": a function word; "Zmiinyi Island": the tail of a
                # longer name the gazetteer does not know. No NER needed to reject either.
                return None
            mention.doubts.append("common word")
        if span[0].text.isupper() and len(span[0].text) <= 4 and stop - first == 1:
            mention.doubts.append("acronym")
        if stop - first == 1 and _sentence_start(text, span[0].start):
            mention.doubts.append("sentence start")
        main_keys = self._gazetteer.main_keys
        if all(
            c.kind == "city" and c.population < self._alias_min_population
            and main_keys[c.index] != key
            for c in candidates
        ):
            mention.doubts.append("alias of a small place")
        if first > 0:
            before = tokens[first - 1]
            gap = text[before.end : span[0].start]
            if (
                before.capitalized
                and gap == " "
                and fold_token(before.text) not in _PLACE_PREFIXES
                and not _sentence_start(text, before.start)
            ):
                mention.doubts.append("after a capitalised word")
        if first > 0 and fold_token(tokens[first - 1].text) in _LOCATIVES:
            mention.evidence.append("locative")
        if any(
            c.kind in ("country", "admin1", "region", "continent") or c.population >= 100_000
            for c in candidates
        ):
            mention.evidence.append("major place")
        if stop < len(tokens):
            after = tokens[stop]
            gap = text[span[-1].end : after.start]
            if (
                after.capitalized
                and gap == " "
                and not after.text.isdigit()
                and fold_token(after.text) not in _PLACE_NOUNS
            ):
                mention.doubts.append("before a capitalised word")
        if "major place" not in mention.evidence:
            # "Ripley said", "Mr. Stevens": a small town's name used as a person's.
            if _PERSON_AFTER.match(text, span[-1].end) or (
                first > 0 and fold_token(tokens[first - 1].text) in _TITLES
            ):
                mention.doubts.append("person name")
        return mention

    def from_entity(self, entity: Entity) -> Mention | None:
        """A place spaCy found that the gazetteer matcher missed, if the gazetteer knows it."""
        text = entity.text
        offset = 0
        for article in ("the ", "The "):
            if text.startswith(article):
                text, offset = text[len(article) :], len(article)
        key = fold(text)
        # NER says "the North", "the Act", "the Gulf": words, not the odd region so named.
        if key in self._stopwords or not text[:1].isupper() or len(key) < 3:
            return None
        candidates = self._gazetteer.lookup(key)
        if not candidates:
            return None
        if " " not in key and all(
            c.kind in ("admin1", "admin2") and self._gazetteer.main_keys[c.index] != key
            for c in candidates
        ):
            return None
        return Mention(
            start=entity.start + offset,
            end=entity.end,
            text=text,
            key=key,
            candidates=candidates,
            first_token=-1,
            last_token=-1,
            ner_label=entity.label,
        )


def _after_capitalised(text: str, tokens: list[Token], first: int) -> bool:
    if first == 0:
        return False
    before = tokens[first - 1]
    return (
        before.text[:1].isupper()
        and text[before.end : tokens[first].start] == " "
        and fold_token(before.text) not in _PLACE_PREFIXES
        and not _sentence_start(text, before.start)
    )


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip()
    return not before or before[-1] in ".!?\n\"“”:"
