"""Casualty counts: who was killed, injured, missing, captured or displaced, and how many.

A number is a casualty count only if it counts people (a person noun, or directly a
casualty word, follows it) and a casualty word of one kind governs it: before it
("killing 7", "death toll rose to 12") or after it within the same clause ("8 civilians
were killed"). "70,000 inhabitants", "1,000 km2", "two to three kilometres", "twenty
houses", dates, times, ages and money are never counts of victims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sitrep.extraction.events.numbers import TENS, UNITS, Count, numbers_in
from sitrep.extraction.events.text import Token, fold, span
from sitrep.extraction.events.union import Alternation
from sitrep_contracts import Casualty, CasualtyKind, Qualifier, TextSpan, VictimType

#: How far (tokens) a casualty word may follow the counted people.
_T = TypeVar("_T")
_FORWARD = 10
_CLAUSE_BREAKS = {
    ";",
    ":",
    "but",
    "while",
    "whereas",
    "although",
    "which",
    "who",
    "?",
    "!",
    "(",
    ")",
}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_MONEY = {"$", "€", "£", "usd", "uah", "eur"}
_SKIPPABLE = {
    "the",
    "other",
    "more",
    "another",
    "further",
    "additional",
    "local",
    "of",
    "them",
    "were",
    "was",
    "have",
    "has",
    "been",
    "had",
    "are",
    "being",
    "reportedly",
    "also",
    "all",
    "seriously",
    "severely",
    "critically",
    "slightly",
    "lightly",
    "fatally",
    "mortally",
    "later",
    "subsequently",
    "reported",
    "confirmed",
    "in",
    "total",
    "and",
    "people's",
    "ukrainian",
    "russian",
    "young",
    "elderly",
    "unarmed",
    "innocent",
    "wounded",
    "injured",
    "dead",
    "killed",
}
_SINGULAR_ONE = {"a", "an", "one", "another"}
#: Determiners that make 1 only before a singular person noun ("killing the driver",
#: "a woman and her child").
_DEFINITE_ONE = {"the", "his", "her", "their", "its"}
#: Person nouns that look singular but name a group or no one in particular.
#: Fates that before a noun tell a standing, not an event ("an arrested rebel", "a
#: displaced woman"); a wound or a death so told is one ("two wounded soldiers").
_STATUS_KINDS = frozenset({CasualtyKind.CAPTURED, CasualtyKind.DISPLACED, CasualtyKind.MISSING})
#: Nouns of a whole force: after "a" they describe a thing ("a military camp").
_INSTITUTIONS = frozenset({"military", "police"})
_NOT_SINGULAR = {
    "children",
    "people",
    "personnel",
    "staff",
    "military",
    "elderly",
    "crew",
    "family",
    "couple",
    "dead",
    "bodies",
    "more",
    "other",
    "others",
    "someone",
    "police",
    "pows",
    "kids",
    "local",
    "official",
    "member",
    "victim",
    "individual",
    "person",
    "separatist",
    "rebel",
}
#: Person nouns that name a group: "a militia" is not one person.
_GROUP_NOUNS = {"militia", "militias", "group", "unit", "force", "forces", "faction", "gang"}
#: Words before a count that make it a part of a figure already given.
_SUBSET_BEFORE = {"including", "incl", "among", "whom"}
#: Verbs of "claimed 3 lives", "cost two lives".
_LIVES_VERBS = {"claimed", "claiming", "claims", "took", "taking", "cost", "costing"}
_BE = {"was", "were", "been", "are", "is", "be", "being"}
#: Verbs of speech: counted people who speak are witnesses, not victims (and a government
#: that speaks is a source, not a side: extractor.py).
SPEECH_VERBS = frozenset({
    "said", "says", "told", "tells", "confirmed", "confirms", "reported", "reports",
    "claimed", "claims", "stated", "states", "added", "explained", "announced", "announces",
    "alleged", "recounted", "recalled", "described", "testified", "insisted", "denied",
})  # fmt: skip
_OBJECT_START = {
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "at",
    "more",
    "dozens",
    "several",
    "one",
}


#: Words right before a count that make its people more than those counted before.
_MORE = {"another", "further", "additional"}
#: Verbs a casualty's "also" stands right before ("were also killed", "also died").
_ALSO_VERBS = {"killed", "died", "wounded", "injured", "hurt", "slain", "perished", "shot"}
#: Words either side of a count within which its "also" is read.
ALSO_REACH = 4


def _told_as_more(words: list[str], found: FoundCasualty) -> bool:
    """Whether a figure is told as more people than those counted before: "another three
    soldiers", "a further two", "two more", "twelve rebels were also killed"."""
    if found.token > 0 and words[found.token - 1].lower() in _MORE:
        return True
    if found.token + 1 < len(words) and words[found.token + 1].lower() == "more":
        return True
    lo = max(0, found.token - ALSO_REACH)
    hi = min(len(words) - 1, found.last + ALSO_REACH)
    return any(
        words[i].lower() == "also" and words[i + 1].lower() in _ALSO_VERBS for i in range(lo, hi)
    )


def _age_part(words: list[str], j: int) -> bool:
    """'13-years-old' tokenises as '13', '-', 'years-old': all three are an age."""
    word = words[j]
    if word in ("year-old", "years-old", "-"):
        return word != "-" or (j + 1 < len(words) and words[j + 1].startswith("year"))
    return (
        word.isdigit()
        and j + 2 < len(words)
        and words[j + 1] == "-"
        and (words[j + 2].startswith("year"))
    )


@dataclass(frozen=True, slots=True)
class RankedName:
    """A name after a rank: its span and the kind of person the rank makes them."""

    start: int
    end: int
    victim_type: VictimType


def _rank_key(rank: str) -> str:
    return " ".join(rank.replace(".", " ").split()).lower()


@dataclass(frozen=True, slots=True)
class FoundCasualty:
    casualty: Casualty
    token: int  # index of the count's first token in the sentence
    last: int  # index one past the counted noun
    sentence: int = 0
    #: Part of a figure given elsewhere ("including 2 children", "3 of them"): it counts
    #: only when the event has no other figure of its kind.
    subset: bool = False
    #: Told as more people than those counted before ("another three soldiers", "twelve
    #: rebels were also killed"): added to an earlier sentence's figure, not compared.
    added: bool = False


class CasualtyFinder:
    def __init__(self, data: dict[str, Any]) -> None:
        self._after: dict[tuple[str, ...], CasualtyKind] = {}
        self._before: dict[tuple[str, ...], CasualtyKind] = {}
        for kind_name, forms in data["kinds"].items():
            kind = CasualtyKind(kind_name)
            for phrase in forms.get("after") or []:
                self._after.setdefault(tuple(phrase.split()), kind)
            for phrase in forms.get("before") or []:
                self._before.setdefault(tuple(phrase.split()), kind)
        self._victims: dict[tuple[str, ...], VictimType] = {}
        for victim_name, words in data["victims"].items():
            for phrase in words:
                self._victims.setdefault(tuple(phrase.split()), VictimType(victim_name))
        self._not_people = set(data["not_people"])
        ranks = {rank: VictimType(kind) for kind, words in data["ranks"].items() for rank in words}
        self._rank_types = {rank.lower(): kind for rank, kind in ranks.items()}
        alternatives = "|".join(
            re.escape(r).replace(r"\ ", r"\.?\s+") for r in sorted(ranks, key=len, reverse=True)
        )
        self._ranked = Alternation(  # tried where a rank stands, not at every place
            [
                rf"\b(?P<rank>{alternatives})\.?\s+"
                rf"(?P<name>(?:[A-Z][\w'’-]*\.?\s+){{0,3}}[A-Z][\w'’-]+)"
            ]
        )
        self._none = [" " + " ".join(p.split()) + " " for p in data["none_phrases"]]
        self._hedges = {tuple(p.split()) for p in data.get("hedges") or []}
        self._of_people_only = frozenset(data.get("of_people_only") or ())
        self._dead_nouns = frozenset(data.get("dead_nouns") or ())
        self._toll_heads = {
            tuple(phrase.split()): CasualtyKind(kind_name)
            for kind_name, phrases in data["toll_heads"].items()
            for phrase in phrases
        }
        self._toll_verbs = frozenset(data["toll_verbs"])
        self._toll_reach = int(data["toll_reach"])
        self._max_after = max(len(k) for k in self._after)
        self._max_before = max(len(k) for k in self._before)
        self._max_victim = max(len(k) for k in self._victims)
        # Every casualty kind is read from a phrase of `_after` or `_before`, "toll" or
        # "lives" (see `_classify`): a sentence holding none of these has no figure. One
        # word per phrase is enough to rule it out; the longest is the least common.
        self._kind_cues = {max(k, key=len) for k in (*self._after, *self._before)}
        self._kind_cues.update(("toll", "lives", "severed", "decapitated"))

    # -- lookups ------------------------------------------------------------------------

    def _match(
        self, table: dict[tuple[str, ...], _T], longest: int, words: list[str], i: int
    ) -> tuple[_T, int] | None:
        for size in range(longest, 0, -1):
            key = tuple(words[i : i + size])
            if len(key) == size and key in table:
                return table[key], size
        return None

    def may_count(self, words: list[str]) -> bool:
        """Whether `find` can find anything in a sentence of these words: a cheap set test
        that spares most sentences the parsing of numbers."""
        return not self._kind_cues.isdisjoint(words)

    def says_none(self, words: list[str]) -> bool:
        """'Casualties unknown', 'no casualties': the text gives no number."""
        joined = " " + " ".join(words) + " "
        return any(phrase in joined for phrase in self._none)

    # -- main ---------------------------------------------------------------------------

    def ranked_names(self, text: str, lo: int, hi: int) -> list[RankedName]:
        """Names written after a rank in text[lo:hi] ("Patrolman Juan Cruz"), which the
        NER often misses, with the kind of person the rank makes them."""
        return [
            RankedName(m.start("name"), m.end("name"), self._rank_types[_rank_key(m["rank"])])
            for m in self._ranked.finditer(text, lo, hi)
        ]

    def rank_of(self, text: str, name_start: int) -> VictimType | None:
        """The kind of person a rank right before a name makes them, if one stands there."""
        for found in self._ranked.finditer(text, max(0, name_start - 40), name_start + 80):
            if found.start("name") == name_start:
                return self._rank_types[_rank_key(found["rank"])]
        return None

    def find(self, text: str, tokens: list[Token], sentence: int = 0) -> list[FoundCasualty]:
        # Quotation marks part no words: 'for "firing and killing" a man' kills a man.
        tokens = [t for t in tokens if t.text != '"']
        words = [t.text for t in tokens]
        if not self.may_count(words):
            return []
        counts = [c for c in numbers_in(tokens) if not self._is_not_a_head_count(words, c)]
        counts = [_family_of(words, c) for c in counts]
        # "two of the four herders": the four are the group, not a figure of their own.
        ends = {c.last for c in counts}
        counts = [
            c for c in counts if not (c.first - 2 in ends and _of_a_group(words, c.first - 2))
        ]
        mods = _modifiers(text, tokens)
        counts.extend(self._singular_people(words, tokens, counts, mods))
        counts.sort(key=lambda c: c.first)
        # A part of a figure already given ("5 people, including 2 children", "3 of them
        # soldiers", "2 civilians were among the dead") is not another figure: skip it, and
        # let the total's casualty word be found past it.
        parts = [_subset(words, c, n > 0) for n, c in enumerate(counts)]
        found: list[FoundCasualty] = []
        waiting: list[tuple[Count, VictimType, int]] = []  # "a man, a woman and a child"
        for n, count in enumerate(counts):
            nxt = next(
                (
                    c.first
                    for c, part in zip(counts[n + 1 :], parts[n + 1 :], strict=True)
                    if not part
                ),
                len(tokens),
            )
            if parts[n]:
                nxt = counts[n + 1].first if n + 1 < len(counts) else len(tokens)
                result = self._classify(words, count, nxt, found, mods)
                if result is not None:
                    kind, victim, noun_end = result
                    item = self._found(text, tokens, count, kind, victim, noun_end, sentence)
                    found.append(replace(item, subset=True))
                continue
            result = self._classify(words, count, nxt, found, mods)
            if result is None:
                counted_end = self._counted_noun_end(words, count, mods)
                joint = _past_their_unit(words, counted_end)
                if (
                    counted_end is not None
                    and n + 1 < len(counts)
                    and joint < len(words)
                    and (words[joint] in _JOINING and nxt - joint <= 3)
                ):
                    waiting.append((count, self._victim_at(words, count.last), counted_end))
                else:
                    waiting.clear()
                continue
            kind, victim, noun_end = result
            for early, early_victim, early_end in waiting:
                found.append(
                    self._found(text, tokens, early, kind, early_victim, early_end, sentence)
                )
            waiting.clear()
            found.append(self._found(text, tokens, count, kind, victim, noun_end, sentence))
        found.extend(self._pronoun_victims(text, tokens, words, found, sentence))
        found.extend(_held_then_killed(words, found))
        found.extend(self._one_more(text, tokens, words, found, sentence))
        found.extend(_the_one_before_others(text, tokens, words, found, sentence))
        if not any(f.casualty.kind is CasualtyKind.KILLED for f in found):
            found.extend(_a_body_found(text, tokens, sentence))
        found.sort(key=lambda f: f.token)
        found = _dead_and_hurt_together(words, found)
        return [
            replace(f, added=True) if _told_as_more(words, f) else f
            for f in found
            if not _vague_aggregate(f.casualty)
        ]

    def _possessive_death(
        self, text: str, tokens: list[Token], words: list[str], sentence: int
    ) -> list[FoundCasualty]:
        """'causing his immediate death', 'her death': one person killed."""
        for i in range(len(words) - 1):
            if words[i] not in ("his", "her"):
                continue
            j = i + 1
            if j < len(words) - 1 and words[j] in (
                "immediate",
                "instant",
                "instantaneous",
                "violent",
            ):
                j += 1
            if words[j] == "death":
                count = Count(i, i + 1, tokens[i].start, tokens[i].end, 1, 1, 1, Qualifier.EXACT, i)
                return [
                    self._found(
                        text,
                        tokens,
                        count,
                        CasualtyKind.KILLED,
                        VictimType.UNKNOWN,
                        j + 1,
                        sentence,
                    )
                ]
        return []

    def _pronoun_victims(
        self,
        text: str,
        tokens: list[Token],
        words: list[str],
        found: list[FoundCasualty],
        sentence: int,
    ) -> list[FoundCasualty]:
        """'killing him', 'shot her dead': one person killed, where no figure was found."""
        if any(f.casualty.kind is CasualtyKind.KILLED for f in found):
            return []
        possessive = self._possessive_death(text, tokens, words, sentence)
        if possessive:
            return possessive
        subject = _dying_subject(words)
        if subject is not None:
            i, end = subject
            count = Count(i, i + 1, tokens[i].start, tokens[i].end, 1, 1, 1, Qualifier.EXACT, i)
            return [
                self._found(
                    text, tokens, count, CasualtyKind.KILLED, VictimType.UNKNOWN, end, sentence
                )
            ]
        for i in range(1, len(words)):
            if words[i] not in ("him", "her"):
                continue
            before = words[i - 1]
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in _KILLING_VERBS or (before in _DEAD_VERDICTS and after == "dead"):
                end = i + 2 if after == "dead" else i + 1
                count = Count(i, i + 1, tokens[i].start, tokens[i].end, 1, 1, 1, Qualifier.EXACT, i)
                return [
                    self._found(
                        text, tokens, count, CasualtyKind.KILLED, VictimType.UNKNOWN, end, sentence
                    )
                ]
        return []

    def _one_more(
        self,
        text: str,
        tokens: list[Token],
        words: list[str],
        found: list[FoundCasualty],
        sentence: int,
    ) -> list[FoundCasualty]:
        """A bare "another" after a casualty of the sentence is one more person: "killed a
        soldier and wounded another", "two were killed and another wounded", "the killing
        of a member of X and another of Y" (the kind of the verb around it, else the one
        it is joined to by "and")."""
        out: list[FoundCasualty] = []
        taken = {f.token for f in found}
        for i, word in enumerate(words):
            if word != "another" or i in taken:
                continue
            earlier = [f for f in found if f.last <= i]
            if not earlier:
                continue
            nxt = words[i + 1] if i + 1 < len(words) else "."
            elliptical = nxt in _AFTER_ANOTHER or (
                self._match(self._after, self._max_after, words, i + 1) is not None
            )
            if not elliptical:
                continue  # "another soldier", "another 3", "another attack"
            kind = self._before.get((words[i - 1],)) if i > 0 else None
            if kind is None:
                j = i + 1 + (nxt in _BE)
                after = self._match(self._after, self._max_after, words, j)
                kind = after[0] if after is not None else None
            if kind is None and i > 0 and words[i - 1] == "and" and nxt in ("of", "from"):
                kind = earlier[-1].casualty.kind
            if kind not in (CasualtyKind.KILLED, CasualtyKind.INJURED) or any(
                words[k] in (";", ":") for k in range(earlier[-1].last, i)
            ):
                continue  # "another fled": no casualty; after a semicolon, another story
            count = Count(i, i + 1, tokens[i].start, tokens[i].end, 1, 1, 1, Qualifier.EXACT, i)
            victim = earlier[-1].casualty.victim_type
            out.append(self._found(text, tokens, count, kind, victim, i + 1, sentence))
        return out

    def _found(
        self,
        text: str,
        tokens: list[Token],
        count: Count,
        kind: CasualtyKind,
        victim: VictimType,
        noun_end: int,
        sentence: int,
    ) -> FoundCasualty:
        end_tok = max(count.last, noun_end)
        evidence = span(text, tokens[count.first].start, tokens[end_tok - 1].end)
        casualty = Casualty(
            kind=kind,
            count=count.count,
            min=count.min,
            max=count.max,
            qualifier=count.qualifier,
            victim_type=victim,
            confidence=0.85 if count.qualifier is Qualifier.EXACT else 0.75,
            evidence=evidence,
        )
        return FoundCasualty(casualty, count.first, end_tok, sentence)

    def _counted_noun_end(self, words: list[str], count: Count, mods: frozenset[int]) -> int | None:
        """One past the person noun a count is followed by, or None."""
        j = count.last
        while (
            j < len(words)
            and j < count.last + _MODIFIER_REACH
            and (
                words[j] in _SKIPPABLE
                or words[j] in ("civilian", "military")
                or j in mods
                or _age_part(words, j)
            )
        ):
            j += 1
        hit = self._match(self._victims, self._max_victim, words, j)
        if hit is None and j < len(words):
            ahead = self._noun_ahead(words, j)  # "17 suspected jihadists and ..."
            if ahead is not None:
                j = ahead
                hit = self._match(self._victims, self._max_victim, words, j)
        return None if hit is None else j + hit[1]

    def _head_noun(
        self, words: list[str], j: int, mods: frozenset[int]
    ) -> tuple[VictimType, int] | None:
        """A person noun right after a person noun and names ("civilian [People's Defense
        Force] fighters"): the last one is what is counted."""
        k = j
        while k < len(words) and k in mods:
            k += 1
        hit = self._match(self._victims, self._max_victim, words, k)
        if hit is None or hit[0] is VictimType.UNKNOWN:
            return None
        return hit[0], k + hit[1]

    def _noun_ahead(self, words: list[str], j: int) -> int | None:
        """Where a person noun starts within the next `_UNKNOWN_MODIFIERS` plain words
        after `j` ("security force members"), or None: the words between must be plain
        lower-case words, not a verb of being or a casualty word."""
        for k in range(j + 1, min(len(words), j + 1 + _UNKNOWN_MODIFIERS)):
            fate = self._match(self._after, self._max_after, words, k - 1)
            if self._match(self._victims, self._max_victim, words, k) is not None:
                # not a noun inside a fate ("a motorcycle shot dead two soldiers")
                return None if fate is not None and fate[1] > 1 else k
            word = words[k - 1] if k - 1 >= j else words[j]
            if not word.isalpha() or word in _BE or word in self._not_people:
                return None
            if fate is not None:
                return None
        return None

    def _victim_at(self, words: list[str], j: int) -> VictimType:
        for k in range(j, min(len(words), j + 5)):
            hit = self._match(self._victims, self._max_victim, words, k)
            if hit is not None:
                return hit[0]
        return VictimType.UNKNOWN

    def _singular_people(
        self, words: list[str], tokens: list[Token], counts: list[Count], mods: frozenset[int]
    ) -> list[Count]:
        """'a civilian was killed', 'killing a man': an article plus a person noun is 1."""
        taken = {i for c in counts for i in range(c.first, c.last)}
        extra = []
        for i, word in enumerate(words[:-1]):
            definite = word in _DEFINITE_ONE
            if (word not in _SINGULAR_ONE and not definite) or word == "one" or i in taken:
                continue
            if definite and i in mods:
                continue  # "..., the armed wing of the party,": a description
            if i >= 1 and words[i - 1] == "by":
                continue  # "was shot by a gunman and died": the agent, not the victim
            if i >= 1 and words[i - 1] in _PREDICATE and not (i >= 2 and words[i - 2] == "there"):
                continue  # "settled there as a refugee", "who was a father": the same person
            if i >= 2 and words[i - 1] == "of" and (words[i - 2],) in self._victims:
                continue  # "six members of a family", "the son of the chief": not the chief
            j = i + 1
            while (
                j < len(words)
                and j < i + 1 + _MODIFIER_REACH
                and (
                    (words[j] in _SKIPPABLE and words[j] != "the")
                    or (
                        j in mods and self._match(self._victims, self._max_victim, words, j) is None
                    )
                    or _age_part(words, j)
                )
            ):
                j += 1
            victim = self._match(self._victims, self._max_victim, words, j)
            if victim is None and not definite:
                ahead = self._noun_ahead(words, j)  # "a former rebel commander"
                if ahead is not None:
                    j = ahead
                    victim = self._match(self._victims, self._max_victim, words, j)
            if victim is None:
                continue
            noun = words[j]
            if noun in _GROUP_NOUNS:
                continue  # "members of a militia": the article counts the group, not a person
            if (
                victim[1] == 1
                and noun in _INSTITUTIONS
                and self._match(self._victims, self._max_victim, words, j + 1) is None
            ):
                continue  # "a military camp", "a police station": no person
            after = words[j + victim[1]] if j + victim[1] < len(words) else ""
            if after in SPEECH_VERBS and not self._says_casualty(words, j + victim[1]):
                continue  # "three people, the mayor said, were killed": the mayor speaks
            if definite and (
                victim[1] > 1
                or noun.endswith(("s", "men"))  # "the gunmen", "the fishermen"
                or noun in _NOT_SINGULAR
                or after == "'s"  # "the soldier's wife": the wife
                or j in mods  # a name: "the Republican Guard"
            ):
                continue
            value = 1
            if noun == "couple" and after != "of":
                value = 2  # "killing a couple"
            elif noun in ("family", "families") and after == "of":
                continue  # "a family of three": the number counts
            extra.append(
                Count(
                    i,
                    i + 1,
                    tokens[i].start,
                    tokens[i].end,
                    value,
                    value,
                    value,
                    Qualifier.EXACT,
                    i,
                )
            )
        return extra

    def _classify(
        self,
        words: list[str],
        count: Count,
        next_count: int,
        found: list[FoundCasualty],
        mods: frozenset[int],
    ) -> tuple[CasualtyKind, VictimType, int] | None:
        first, last = count.first, count.last
        if self._is_not_a_head_count(words, count):
            return None
        # What is counted: skip modifiers ("Ukrainian", "other") up to a noun, and the
        # group it is part of ("two of the four herders": two herders).
        victim: VictimType | None = None
        noun_end = last
        j = last + 3 if _of_a_group(words, last) else last  # the group's count is one word
        steps = 0
        direct_kind: CasualtyKind | None = None
        described: CasualtyKind | None = None  # "an arrested rebel": a participle describes
        while j < len(words) and steps < _MODIFIER_REACH:
            word = words[j]
            if _age_part(words, j):
                j += 1
                steps += 1
                continue
            if word in self._not_people and not self._person_phrase_at(words, j):
                return None  # "four villages"; not "a village chief"
            after = self._match(self._after, self._max_after, words, j)
            if after is not None and after[0] is CasualtyKind.KILLED:
                direct_kind = after[0]  # "4 dead", "six bodies were found"
                noun_end = j + after[1]
                break
            if word == "lives" and _before_qualifier(words, count) in _LIVES_VERBS:
                direct_kind = CasualtyKind.KILLED  # "claimed two lives"
                noun_end = j + 1
                break
            hit = self._match(self._victims, self._max_victim, words, j)
            if hit is not None:
                victim, size = hit
                noun_end = j + size
                if noun_end < len(words) and words[noun_end] in self._not_people:
                    return None  # "civilian cars", "military vehicles"
                head = self._head_noun(words, noun_end, mods)
                if head is not None:  # "two civilian People's Defense Force fighters"
                    victim, noun_end = head
                break
            after = self._match(self._after, self._max_after, words, j)
            if after is not None:
                if (
                    described is None
                    and j == last
                    and after[0] in _STATUS_KINDS
                    and self._match(self._victims, self._max_victim, words, j + after[1])
                ):
                    # "three soldiers and an arrested rebel were injured": the participle
                    # before the noun says what they were, the verb after what befell them
                    described = after[0]
                    j += after[1]
                    steps += 1
                    continue
                direct_kind = after[0]
                break
            if (
                word in _SKIPPABLE
                or word in ("civilian", "military", "pro-russian")
                or j in mods
                or (_age_part(words, j))
            ):
                j += 1
                steps += 1
                continue
            ahead = self._noun_ahead(words, j)
            if ahead is not None:  # "5 security force members", "two regime soldiers"
                j = ahead
                steps += 1
                continue
            break
        # The governing casualty word: just before the count...
        kind = self._kind_before(words, first)
        if kind is not None and victim is None and direct_kind is None:
            k = last
            while k < len(words) and k in mods:
                k += 1
            if k < len(words) and words[k].isalpha() and words[k] not in _AFTER_A_BARE_COUNT:
                return None  # "executed four sorties": the count counts something else
            if first > 0 and words[first - 1] in self._of_people_only:
                return None  # "neutralized 26 Russian KOBE-3 bomblets": no person named
        if kind is None:
            kind = direct_kind
        if kind is None and victim is not None:
            # ...or after the counted people, within the clause and before the next count.
            kind = self._kind_after(words, noun_end, next_count, mods)
            resume = _past_inclusion(words, noun_end)
            if kind is None and resume is not None:
                # "four persons including a baby, two children and their mother have been
                # killed": the fate after the list the count includes
                kind = self._kind_after(words, resume, len(words), mods)
        if (
            kind is None
            and victim is not None
            and first > 0
            and found
            and (
                # "killing a farmer and a child", "a soldier, a nurse, and a child"
                (
                    words[first - 1] == "and"
                    and (
                        found[-1].last == first - 1
                        or (found[-1].last == first - 2 and words[first - 2] == ",")
                    )
                )
                # "killed a baby, two children and their mother", not "a farmer, a father
                # of three, ..." (an apposition: the same one)
                or (
                    words[first - 1] == ","
                    and found[-1].last == first - 1
                    and noun_end < len(words)
                    and words[noun_end] in ("and", ",")
                )
                or (
                    words[first - 1] == "and"
                    and _companions(words, found[-1].last, first, noun_end)
                )
            )
        ):
            kind = found[-1].casualty.kind
        if kind is None:
            kind = described
        if kind is None:
            return None
        if victim is None:
            if direct_kind is None and kind is not None:
                # "killing 4 and wounding 19 civilians": the noun comes after the next count.
                victim = self._victim_ahead(words, last)
            if victim is None:
                victim = VictimType.UNKNOWN
        if (
            victim is VictimType.UNKNOWN
            and first < len(words)
            and any(words[k] == "others" for k in range(last, min(noun_end + 1, len(words))))
            and found
        ):
            victim = found[-1].casualty.victim_type  # "17 others" are like the ones before
        if victim is VictimType.UNKNOWN and _of_an_armed_group(words, noun_end):
            victim = VictimType.MILITARY  # "seven people from the gang's group": fighters
        return kind, victim, noun_end

    def _person_phrase_at(self, words: list[str], j: int) -> bool:
        """Whether a person noun of several words starts at j ("village chief")."""
        hit = self._match(self._victims, self._max_victim, words, j)
        return hit is not None and hit[1] > 1

    def _kind_before(self, words: list[str], first: int) -> CasualtyKind | None:
        if words[max(0, first - 2) : first] == ["according", "to"]:
            return None  # "the toll, according to a local official, ...": the source
        first = _before_time_aside(words, first)  # "shot dead, today, a member"
        # "The death toll from the strike rose to 12": the toll governs across a phrase.
        if first > 0 and words[first - 1] in self._toll_verbs:
            for k in range(first - 2, max(-1, first - 2 - self._toll_reach), -1):
                if words[k] in _CLAUSE_BREAKS or words[k] == ".":
                    break
                head = self._toll_head_ending_at(words, k)
                if head is not None:
                    return head
        # "A commander was killed along with his five guards": the group after the verb.
        joined = self._kind_joined_after(words, first)
        if joined is not None:
            return joined
        # Allow "killing at least 7", "death toll rose to 12", "wounding another 3".
        for gap in range(0, 4):
            end = first - gap
            for size in range(self._max_before, 0, -1):
                start = end - size
                if start < 0:
                    continue
                key = tuple(words[start:end])
                if key in self._before:
                    return self._before[key]
            if end - 1 >= 0 and words[end - 1] not in (
                "to",
                "at",
                "of",
                "another",
                "the",
                "rose",
                "reached",
                "stands",
                "has",
                "risen",
                "climbed",
                "is",
                "now",
                "its",  # "killing its two occupants", "wounding their three sons"
                "their",
                "his",
                "her",
            ):
                return None
        return None

    def _kind_joined_after(self, words: list[str], first: int) -> CasualtyKind | None:
        """The kind of a casualty word right before "along with" / "together with" (and a
        possessive) before the count: "was killed along with his five guards"."""
        k = first - 1
        if k >= 0 and words[k] in ("his", "her", "their", "its"):
            k -= 1
        if k < 2 or words[k] != "with" or words[k - 1] not in ("along", "together"):
            return None
        return self._after.get((words[k - 2],))

    def _toll_head_ending_at(self, words: list[str], k: int) -> CasualtyKind | None:
        for phrase, kind in self._toll_heads.items():
            size = len(phrase)
            if k + 1 >= size and tuple(words[k + 1 - size : k + 1]) == phrase:
                return kind
        return None

    def _kind_after(
        self, words: list[str], start: int, stop: int, mods: frozenset[int] = frozenset()
    ) -> CasualtyKind | None:
        """The casualty word after the counted people, within the clause. Names and
        brackets ("militants of the Islamic State (IS) group were killed") do not count
        towards the reach."""
        reach = _FORWARD + sum(
            1 for k in range(start, min(len(words), start + 2 * _FORWARD)) if k in mods
        )
        limit = min(len(words), start + reach, max(stop, start))
        j = start
        aside_end = start  # past a relative clause set off by commas, if one is skipped
        while j < limit:
            if j in mods:
                j += 1
                continue
            if words[j] in ("who", "that") and j == start:
                main = _after_relative_clause(words, j)
                if main is not None:  # "five of the gunmen who stormed the base were killed"
                    j, limit = main, min(len(words), main + reach)
                    continue
            if j == start and words[j] == "," and words[j + 1 : j + 2] in (["who"], ["which"]):
                close = _aside_end(words, j + 1)
                if close is not None:  # "the leader, who was behind the attacks, was killed"
                    j, limit = close, min(len(words), close + reach)
                    aside_end = close
                    continue
            if words[j] in _CLAUSE_BREAKS or words[j] in (".",):
                return None
            if (
                words[j] in SPEECH_VERBS
                # ", police said,": an aside; not "a spokesman, Colonel X, denied that ..."
                and ("," not in words[aside_end:j] or words[j - 1] == ",")
                and not self._says_casualty(words, j)
            ):
                return None  # "two locals told reporters the troops killed him": witnesses
            hit = self._match(self._after, self._max_after, words, j)
            if hit is not None:
                if self._hedged(words, j):
                    return None  # "presumed killed": missing, not a reported death
                if (
                    " ".join(words[j : j + hit[1]]) in self._dead_nouns
                    and not set(words[start:j]) <= _WHOSE
                ):
                    return None  # "a reporter counted the bodies": the dead are others
                subject = j - 1 > start and (words[j - 1],) in self._victims
                if subject and "," in words[start : j - 1]:
                    return None  # "shooting at the singer, the attackers fled": they fled
                nxt = j + hit[1]
                if (
                    words[start : start + 1] == ["of"]
                    and words[j - 1] == "the"
                    and self._match(self._victims, self._max_victim, words, nxt) is not None
                ):
                    return None  # "a cousin of one of the dead guards": the dead are others
                passive = any(words[k] in _BE for k in range(start, j))
                if (
                    not passive
                    and nxt < len(words)
                    and (nxt == stop or words[nxt] in _OBJECT_START)
                    and not _at_a_place(words, nxt)
                ):
                    return None  # "two gunmen killed 5 civilians": they did the killing
                return hit[0]
            j += 1
        return None

    def _says_casualty(self, words: list[str], j: int) -> bool:
        """Whether the speech verb at j reports the counted people's fate ("were reported
        killed", "confirmed dead", "reported to have been killed") rather than their words."""
        k = j + 1
        if words[k : k + 2] in (["to", "have"], ["to", "be"]) or words[k : k + 1] == ["as"]:
            return True
        return self._match(self._after, self._max_after, words, k) is not None

    def _hedged(self, words: list[str], j: int) -> bool:
        return any(tuple(words[j - len(h) : j]) == h for h in self._hedges if j >= len(h))

    def _victim_ahead(self, words: list[str], start: int) -> VictimType | None:
        for j in range(start, min(len(words), start + 6)):
            if words[j] in _CLAUSE_BREAKS or words[j] in (".", "according"):
                return None
            hit = self._match(self._victims, self._max_victim, words, j)
            if hit is not None and hit[0] is not VictimType.UNKNOWN:
                return hit[0]
        return None

    def _is_not_a_head_count(self, words: list[str], count: Count) -> bool:
        first, last = count.first, count.last
        prev = words[first - 1] if first > 0 else ""
        nxt = words[last] if last < len(words) else ""
        if prev in _MONTHS or nxt in _MONTHS or prev in _MONEY or nxt in ("%", ":", "percent"):
            return True
        if (
            prev in ("aged", "age")
            or (prev == ":" and first > 1 and words[first - 2].isdigit())
            or (prev == "of" and first > 1 and words[first - 2] == "age")
        ):
            return True
        if nxt in ("years", "year", "year-old", "years-old", "-year-old", "yo", "yrs") or (
            nxt == "-" and _age_part(words, last)
        ):
            return True
        value = count.count
        return bool(
            value is not None
            and 1900 <= value <= 2100
            and count.qualifier is Qualifier.EXACT
            and words[count.number_first].isdigit()
            and len(words[count.number_first]) == 4
        )


#: Between the counted people and their bodies: "five soldiers' bodies", "men whose bodies".
_WHOSE = {"'", "'s", "\u2019", "\u2019s", "whose", "their"}
#: Words that join two counted groups sharing one casualty word ("5 soldiers and 3
#: civilians were killed", "a commander with his six colleagues were killed").
_JOINING = {"and", ",", "with", "along", "together", "plus"}

#: Words an "of" phrase after a counted noun may take before a joining word ("six
#: members of the District Reserve Guard (DRG) and their driver were killed").
UNIT_REACH = 10


def _past_their_unit(words: list[str], end: int | None) -> int:
    """Where a counted group's noun phrase ends: past the unit an "of" phrase names ("six
    members of the Border Guard and ..."), at the first "and" within reach."""
    if end is None or end >= len(words) or words[end] != "of":
        return end if end is not None else len(words)
    stop = min(len(words), end + UNIT_REACH)
    return next((k for k in range(end + 1, stop) if words[k] == "and"), end)


def _at_a_place(words: list[str], j: int) -> bool:
    """ "died at the scene", not "killed at least 5": "at" opens a place, not an object."""
    return words[j] == "at" and words[j + 1 : j + 2] not in (["least"], ["most"])


def _dying_subject(words: list[str]) -> tuple[int, int] | None:
    """ "He later died in hospital", "She succumbed to her wounds", "The victim was
    pronounced dead": one person, told before, dead. (The pronoun's token, and the end of
    the death words.)"""
    i = 0
    while i < len(words) and words[i] in ('"', "'", "(", "-"):
        i += 1
    if i >= len(words):
        return None
    if words[i] in ("he", "she"):
        j = i + 1
    elif words[i] == "the" and i + 1 < len(words) and words[i + 1] in _THE_ONE_HURT:
        j = i + 2
    else:
        # "stabbed a man and left him on the road, where he bled to death"
        opener = next(
            (
                k
                for k in range(1, len(words) - 1)
                if words[k] in ("he", "she") and words[k - 1] in _CLAUSE_OPENERS
            ),
            None,
        )
        if opener is None:
            return None
        i, j = opener, opener + 1
    while j < len(words) and words[j] in _DEATH_ADVERBS:
        j += 1
    for phrase in _DEATH_WORDS:
        if tuple(words[j : j + len(phrase)]) == phrase:
            return i, j + len(phrase)
    return None


#: Words before a "he" or "she" that open a clause of its own ("..., where he died").
_CLAUSE_OPENERS = {"where", "and", "but", "until", "when"}
#: Who a follow-up sentence says died, told before ("the victim later died").
_THE_ONE_HURT = {"victim", "deceased", "injured", "wounded"}
_DEATH_ADVERBS = {"later", "subsequently", "eventually", "also", "then", "reportedly", "soon"}
_DEATH_WORDS = [
    tuple(phrase.split())
    for phrase in (
        "died",
        "succumbed",
        "lost his life",
        "lost her life",
        "passed away",
        "was pronounced dead",
        "was declared dead",
        "was confirmed dead",
        "did not survive",
        "didn't survive",
        "bled to death",
    )
]
#: Verbs before "him dead" or "her dead": "shot him dead", "doctors declared her dead".
_DEAD_VERDICTS = {"shot", "declared", "pronounced", "confirmed", "found", "left"}
#: Before a person noun that tells what someone already counted was, not another person.
_PREDICATE = {"as", "was", "is", "became", "becomes", "become"}
#: Verbs after which "him" or "her" is one person killed.
_KILLING_VERBS = {
    "killing", "killed", "kill", "kills", "murdered", "murdering", "executed", "executing",
    "beheaded", "assassinated", "assassinating", "slaughtered", "strangled", "lynched",
}  # fmt: skip


def _held_then_killed(words: list[str], found: list[FoundCasualty]) -> list[FoundCasualty]:
    """ "abducted four farmers and killed them", "caught two thieves and beat them to death":
    the people held, told before "them", are the dead."""
    if any(f.casualty.kind is CasualtyKind.KILLED for f in found):
        return []
    for i in range(1, len(words) - 1):
        if words[i] != "them":
            continue
        after = words[i + 1 : i + 3]
        if not (
            words[i - 1] in _KILLING_VERBS
            or (words[i - 1] in _DEAD_VERDICTS and after[:1] == ["dead"])
            or after == ["to", "death"]
        ):
            continue
        held = [f for f in found if f.casualty.kind is CasualtyKind.CAPTURED and f.last <= i - 1]
        if held:
            dead = held[-1].casualty.model_copy(update={"kind": CasualtyKind.KILLED})
            return [replace(held[-1], casualty=dead)]
    return []


#: A vague killed figure this large ("hundreds", "thousands") is a war's toll, not an
#: incident's.
_VAGUE_AGGREGATE_MIN = 200


#: How many words a list after "including" may run before the verb of its head count.
_INCLUSION_REACH = 20


def _past_inclusion(words: list[str], j: int) -> int | None:
    """Where the verb of a count resumes after the list it includes ("four people,
    including two children and their mother, were"), or None."""
    k = j + (j < len(words) and words[j] == ",")
    if words[k : k + 2] == ["among", "them"]:
        k += 1  # "three people, among them a child, were killed"
    elif k >= len(words) or words[k] != "including":
        return None
    for m in range(k + 1, min(len(words), k + _INCLUSION_REACH)):
        if words[m] in (".", ";", ":"):
            return None
        if words[m] in _BE or words[m] in ("have", "has", "had"):
            return m
    return None


def _in_inclusion_list(words: list[str], first: int) -> bool:
    """Whether the word at `first` continues a list opened by "including" (no verb or
    clause break since it)."""
    for m in range(first - 1, max(-1, first - _INCLUSION_REACH), -1):
        word = words[m]
        if word == "including" or (word == "them" and words[m - 1] == "among"):
            return True
        if word in (".", ";", ":") or word in _BE or word in ("have", "has", "had"):
            return False
        if (
            word == "and"
            and words[m - 1] == ","
            and m + 1 < first
            and words[m + 1] not in _OBJECT_START
            and words[m + 1] not in ("her", "one")
        ):
            return False  # "..., and wounded two civilians": a clause of its own
    return False


def _companions(words: list[str], previous_end: int, first: int, noun_end: int) -> bool:
    """'killed a commander of the outfit, John Doe, and two others during a gunbattle':
    "N others" ending the object of the casualty before it, with words between, and then
    the sentence's circumstances, not a fate of their own ("and two others taken away")."""
    return (
        words[noun_end - 1] in ("others", "more")
        and first - previous_end <= _COMPANION_GAP
        and not any(words[k] in (";", ":", ".") for k in range(previous_end, first))
        and (noun_end >= len(words) or words[noun_end] in _COMPANION_NEXT)
    )


def _the_one_before_others(
    text: str, tokens: list[Token], words: list[str], found: list[FoundCasualty], sentence: int
) -> list[FoundCasualty]:
    """'Abdul X, the group's chief, and seven other fighters were killed': "N other(s)"
    after "and" counts N besides someone named before it, who is one more of that kind
    (unless a figure before already counts them, whatever their fate)."""
    out: list[FoundCasualty] = []
    for item in found:
        i = item.token
        if i < 2 or words[i - 1] != "and" or item.subset:
            continue
        if not any(
            words[k] in ("other", "others") for k in range(i + 1, min(item.last + 1, len(words)))
        ):
            continue
        if any(f.last <= i for f in found):
            continue  # "arrested the driver and two others were killed": counted already
        subject = i - 2  # the word before "and" ("Zubair," / "commander")
        casualty = item.casualty.model_copy(
            update={
                "count": 1,
                "min": 1,
                "max": 1,
                "qualifier": Qualifier.EXACT,
                "evidence": span(text, tokens[subject].start, tokens[i - 1].end),
            }
        )
        out.append(FoundCasualty(casualty, subject, subject + 1, sentence))
    return out


def _a_body_found(text: str, tokens: list[Token], sentence: int) -> list[FoundCasualty]:
    """'A dismembered body was found in the streets', 'soldiers found a charred body', 'the
    severed head of a man': one dead, where no figure counts any (a body that is found,
    discovered, dumped...; not "a governing body")."""
    if not tokens:
        return []
    start, end = tokens[0].start, tokens[-1].end
    match = _BODY_FOUND.search(fold(text[start:end]))
    if match is None:
        return []
    body = next(name for name in ("body", "found", "head") if match.group(name))
    first = next(k for k, t in enumerate(tokens) if t.start >= start + match.start(body))
    evidence = span(text, start + match.start(body), start + match.end(body))
    return [one_dead(evidence, sentence, first)]


def one_dead(
    evidence: TextSpan,
    sentence: int,
    token: int = 0,
    victim_type: VictimType = VictimType.UNKNOWN,
) -> FoundCasualty:
    """One person killed, of unknown kind unless told, without a figure ("a body was
    found", "Ivan Petrenko ... has died")."""
    casualty = Casualty(
        kind=CasualtyKind.KILLED,
        count=1,
        min=1,
        max=1,
        qualifier=Qualifier.EXACT,
        victim_type=victim_type,
        confidence=0.7,
        evidence=evidence,
    )
    return FoundCasualty(casualty, token, token + 1, sentence)


#: A dead body, not an institution ("found a new governing body").
_BODY = (
    r"(?:a|an|another) (?!(?:[a-z-]+ )?(?:governing|advisory|regulatory|oversight|"
    r"coordinating|umbrella|legislative|representative|statutory|independent|joint|new) )"
    r"(?:[a-z-]+ ){0,2}(?:body|corpse|cadaver)\b(?! of)"
)
_BODY_FOUND = re.compile(
    rf"\b(?P<body>{_BODY})[^.;]{{0,40}}?\b(?:was|were|had been|has been) (?:[a-z]+ )?"
    r"(?:found|discovered|located|recovered|dumped|left|abandoned|pulled)\b"
    rf"|\b(?:found|discovered|located|recovered|discovery of|finding of) (?P<found>{_BODY})"
    # "a backpack contained the severed head of a person": the head is the dead
    r"|\b(?P<head>(?:a|the) (?:severed|decapitated) head)\b"
)


#: Words after a bare "another" that leave it elliptical ("...and wounded another.").
_AFTER_ANOTHER = {".", ",", ";", "of", "from", "was", "were", "is", "in", "during", "and"}
#: Words between a casualty and the "and N others" that share its verb.
_COMPANION_GAP = 12
#: Words that may follow "and N others" sharing the casualty's verb: its circumstances.
_COMPANION_NEXT = {
    ".", ",", "during", "in", "at", "on", "near", "when", "after", "while", "as", "with",
    "inside", "outside", "before", "overnight", "yesterday", "today", "last", "early",
    "late", "who", "from", "and",
}  # fmt: skip


def _vague_aggregate(casualty: Casualty) -> bool:
    return (
        casualty.kind is CasualtyKind.KILLED
        and casualty.count is None
        and (casualty.min or 0) >= _VAGUE_AGGREGATE_MIN
    )


#: Plain words that may stand between a count and its noun ("5 security force members").
_UNKNOWN_MODIFIERS = 3
#: How many modifier tokens may stand between a count and its noun ("nine Afghan army
#: soldiers", "a New People's Army (NPA) rebel").
_MODIFIER_REACH = 8
#: Words that may follow a bare count governed by a casualty word before it ("killing 7
#: and wounding 27", "killed 5 in the attack"): any other word is what the count counts.
_AFTER_A_BARE_COUNT = {
    "and", "or", "in", "on", "at", "near", "during", "after", "when", "while", "as",
    "including", "of", "from", "with", "by", "since", "but", "before", "across", "inside",
    "outside", "around", "last", "yesterday", "overnight", "today", "others", "people",
    "more", "so", "far", "according", "said", "says", "the", "a", "an", "this",
    "that", "were", "was", "are", "is", "had", "have", "has", "among", "within", "between",
}  # fmt: skip


def _modifiers(text: str, tokens: list[Token]) -> frozenset[int]:
    """Tokens that modify a counted noun without naming it: proper names and demonyms
    ("Afghan", "Houthi", "NPA"), hyphenated modifiers ("anti-government",
    "regime-backed"), bracketed asides and a name's apposition ("members of the Red Hand,
    the armed wing of the party, were killed": its "the" counts no one)."""
    out: set[int] = set()
    depth = 0
    for j, token in enumerate(tokens):
        word = token.text
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        elif not depth and not (
            ("-" in word and word[0].isalpha()) or (j > 0 and text[token.start].isupper())
        ):
            continue
        out.add(j)
    out.update(_appositions(text, tokens))
    return frozenset(out)


#: Words an apposition after a name may hold between its commas.
_APPOSITION_WORDS = 8
#: Asides between commas that hold no casualty word of the sentence's own ("two people,
#: according to local sources, were killed"; "..., identified as X and Y, were killed").
_ASIDE_OPENERS = {"according": "to", "identified": "as"}


def _appositions(text: str, tokens: list[Token]) -> list[int]:
    """The tokens of ", the ... ," / ", a ... ," / ", ACRONYM ," right after a capitalised
    name (or its bracketed acronym) and of ", according to ... ," / ", identified as ... ,",
    commas included ("the armed wing of the party" describes; "one element of the Rapid
    Battalion, RB, an elite unit, has died": the verb is past both asides)."""
    out: list[int] = []
    for j in range(1, len(tokens) - 2):
        if tokens[j].text != ",":
            continue
        aside = _ASIDE_OPENERS.get(tokens[j + 1].text.lower())
        after_name = text[tokens[j - 1].start].isupper() or (
            tokens[j - 1].text == ")" and j > 1 and _acronym(text, tokens[j - 2])
        )
        named = after_name and (
            tokens[j + 1].text in ("the", "a", "an") or _acronym(text, tokens[j + 1])
        )
        if not named and not (aside and j + 2 < len(tokens) and tokens[j + 2].text == aside):
            continue
        close = next(
            (
                k
                for k in range(j + 2, min(len(tokens), j + 2 + _APPOSITION_WORDS))
                if tokens[k].text in (",", ".", ";")
            ),
            None,
        )
        if (
            close is not None
            and tokens[close].text == ","
            and not any(tokens[k].text in _BE for k in range(j + 1, close))
        ):  # ", a shepherd was wounded,": a clause, not an aside
            out.extend(range(j, close + 1))
    return out


#: Tokens a relative clause of the counted people may hold before the main verb.
_RELATIVE_REACH = 15


def _after_relative_clause(words: list[str], j: int) -> int | None:
    """Where the main predicate starts after "who <active verb> ..." at j (its first verb
    of being), or None: "who were wounded ..." hides its end, and punctuation other than
    a comma ends the search."""
    nxt = words[j + 1] if j + 1 < len(words) else "."
    if nxt in _BE or nxt in ("had", "have", "has") or not nxt.isalpha():
        return None
    for k in range(j + 2, min(len(words), j + 2 + _RELATIVE_REACH)):
        if words[k] in _BE or words[k] in ("have", "has", "had"):
            return k
        if not words[k].isalnum() and words[k] not in ("-", ","):
            return None  # a comma may join a place to its region inside the clause
    return None


def _aside_end(words: list[str], j: int) -> int | None:
    """Just past the comma that closes a relative clause opened at j (", who ..., "), or
    None when another stop comes first."""
    for k in range(j + 1, min(len(words), j + 1 + 2 * _RELATIVE_REACH)):
        if words[k] == ",":
            return k + 1
        if words[k] in (".", ";", ":"):
            return None
    return None


#: The armed groups people may be "of" or "from" ("seven people from the rebels' group").
_ARMED_GROUP_NOUNS = {"group", "faction", "gang", "cartel", "militia", "band", "cell"}


def _of_an_armed_group(words: list[str], j: int) -> bool:
    """Whether words[j:] read "from/of (the) (X's) group/faction/gang..." ("from the
    leader's group"): the counted people belong to an armed group."""
    if j >= len(words) or words[j] not in ("from", "of"):
        return False
    for k in range(j + 1, min(len(words), j + 4)):
        word = words[k]
        if word in _ARMED_GROUP_NOUNS:
            return words[k + 1 : k + 2] != ["of"]  # "a group of hikers" is no armed group
        if word not in ("the", "a", "an", "his", "their", "its") and not word.endswith("'s"):
            return False
    return False


def _acronym(text: str, token: Token) -> bool:
    word = text[token.start : token.end]
    return word.isupper() and word.isalpha()


def _before_qualifier(words: list[str], count: Count) -> str:
    return words[count.first - 1] if count.first > 0 else ""


def _of_a_group(words: list[str], k: int) -> bool:
    """Whether words[k:] read "of the N ..." (a part of a group of N)."""
    return (
        words[k : k + 2] == ["of", "the"]
        and k + 2 < len(words)
        and (words[k + 2][:1].isdigit() or words[k + 2] in UNITS or words[k + 2] in TENS)
    )


#: Words naming the dead or hurt of a toll already told ("one of the victims").
_THE_DEAD = {"dead", "killed", "victims", "slain", "deceased", "wounded", "injured"}


def _subset(words: list[str], count: Count, after_a_count: bool) -> bool:
    """'including 2 children', 'among them 3 soldiers', '3 of them', '2 were among the dead'."""
    first, last = count.first, count.last
    before = words[max(0, first - 2) : first]
    lead = words[max(0, first - 3) : first]
    if lead and lead[-1] == "the":
        lead = lead[:-1]
    if lead[-2:] in (["was", "among"], ["were", "among"]):
        return False  # "a girl was among (the) three people killed": the three are the toll
    if after_a_count and any(w in _SUBSET_BEFORE for w in before):
        return True
    if after_a_count and _in_inclusion_list(words, first):
        return True  # "four people including a baby, two children and their mother"
    after = words[last : last + 9]  # past an age: "a 14-year-old girl was among ..."
    if after[:2] in (["of", "them"], ["of", "whom"], ["of", "those"]):
        return True
    if after[:2] == ["of", "the"] and any(
        w in _THE_DEAD and after[k - 1] not in _BE for k, w in enumerate(after[2:5], 2)
    ):
        # "one of the people killed was a teacher": told in the toll already; not "four of
        # the raiders were killed" (their own fate)
        return True
    return "among" in after and any(
        w in ("dead", "killed", "victims", "casualties") for w in after[after.index("among") :]
    )


#: Words of a time aside set off by commas between a verb and its object ("gunmen shot
#: dead, on Monday evening, a local official").
_TIME_ASIDE = {
    "today", "yesterday", "tonight", "on", "last", "this", "early", "late", "night",
    "morning", "afternoon", "evening", "dawn", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip


def _before_time_aside(words: list[str], first: int) -> int:
    """Where the words before `first` end once a time aside (", today,") right before it is
    skipped; `first` itself when there is none."""
    if first < 3 or words[first - 1] != ",":
        return first
    for k in range(first - 2, max(0, first - 6), -1):
        if words[k] == ",":
            aside = words[k + 1 : first - 1]
            return k if aside and all(w in _TIME_ASIDE for w in aside) else first
    return first


_DEAD_WORDS = {"killed", "dead", "killing"}
_HURT_WORDS = {"wounded", "injured", "wounding", "injuring"}
#: Words between a figure and the "killed and wounded" that counts it.
_TOGETHER_GAP = 3


def _dead_and_hurt_together(words: list[str], found: list[FoundCasualty]) -> list[FoundCasualty]:
    """ "Ten soldiers were killed and wounded", "killing and wounding 10": one figure of
    the dead and the hurt together says only that some were (of the kind the figure was
    read as), no more than the figure."""
    joined = [
        k
        for k in range(len(words) - 2)
        if words[k + 1] in ("and", "or")
        and (
            (words[k] in _DEAD_WORDS and words[k + 2] in _HURT_WORDS)
            or (words[k] in _HURT_WORDS and words[k + 2] in _DEAD_WORDS)
        )
    ]
    if not joined:
        return found
    out = []
    for item in found:
        c = item.casualty
        if c.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED) and any(
            0 <= k - item.last <= _TOGETHER_GAP or 0 <= item.token - (k + 3) <= 1 for k in joined
        ):
            most = c.count if c.count is not None else c.max
            c = c.model_copy(
                update={"count": None, "min": 1, "max": most, "qualifier": Qualifier.RANGE}
            )
            item = replace(item, casualty=c)
        out.append(item)
    return out


def _family_of(words: list[str], count: Count) -> Count:
    """'a family of three': the count starts at the family, so the verb before governs."""
    first = count.first
    if first >= 2 and words[first - 2] in ("family", "families") and words[first - 1] == "of":
        start = first - 2
        if start > 0 and words[start - 1] in ("a", "the", "whole", "entire"):
            start -= 1
        return replace(count, first=start)
    return count
