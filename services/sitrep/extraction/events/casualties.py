"""Casualty counts: who was killed, injured, missing, captured or displaced, and how many.

A number is a casualty count only if it counts people (a person noun, or directly a
casualty word, follows it) and a casualty word of one kind governs it: before it
("killing 7", "death toll rose to 12") or after it within the same clause ("8 civilians
were killed"). "70,000 inhabitants", "1,000 km2", "two to three kilometres", "twenty
houses", dates, times, ages and money are never counts of victims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep_contracts import Casualty, CasualtyKind, Qualifier, VictimType

from sitrep.extraction.events.numbers import Count, numbers_in
from sitrep.extraction.events.text import Token, span

#: How far (tokens) a casualty word may follow the counted people.
_FORWARD = 8
_CLAUSE_BREAKS = {";", ":", "but", "while", "whereas", "although", "which", "who", "?", "!", "(", ")"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_MONEY = {"$", "€", "£", "usd", "uah", "eur"}
_SKIPPABLE = {"the", "other", "more", "another", "further", "additional", "local", "of",
              "them", "were", "was", "have", "has", "been", "had", "are", "being", "reportedly",
              "also", "all", "seriously", "severely", "critically", "slightly", "lightly",
              "fatally", "mortally", "later", "subsequently", "reported", "confirmed", "were",
              "in", "total", "and", "people's", "ukrainian", "russian", "young", "elderly",
              "unarmed", "innocent", "wounded", "injured", "dead", "killed"}
_SINGULAR_ONE = {"a", "an", "one", "another"}


def _age_part(words: list[str], j: int) -> bool:
    """'13-years-old' tokenises as '13', '-', 'years-old': all three are an age."""
    word = words[j]
    if word in ("year-old", "years-old", "-"):
        return word != "-" or (j + 1 < len(words) and words[j + 1].startswith("year"))
    return word.isdigit() and j + 2 < len(words) and words[j + 1] == "-" and (
        words[j + 2].startswith("year")
    )


@dataclass(frozen=True, slots=True)
class FoundCasualty:
    casualty: Casualty
    token: int  # index of the count's first token in the sentence
    last: int  # index one past the counted noun
    sentence: int = 0


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
        self._none = [" " + " ".join(p.split()) + " " for p in data["none_phrases"]]
        self._max_after = max(len(k) for k in self._after)
        self._max_before = max(len(k) for k in self._before)
        self._max_victim = max(len(k) for k in self._victims)

    # -- lookups ------------------------------------------------------------------------

    def _match(self, table: dict[tuple[str, ...], Any], longest: int, words: list[str],
               i: int) -> tuple[Any, int] | None:
        for size in range(longest, 0, -1):
            key = tuple(words[i : i + size])
            if len(key) == size and key in table:
                return table[key], size
        return None

    def says_none(self, words: list[str]) -> bool:
        """'Casualties unknown', 'no casualties': the text gives no number."""
        joined = " " + " ".join(words) + " "
        return any(phrase in joined for phrase in self._none)

    # -- main ---------------------------------------------------------------------------

    def find(self, text: str, tokens: list[Token], sentence: int = 0) -> list[FoundCasualty]:
        words = [t.text for t in tokens]
        counts = [c for c in numbers_in(tokens) if not self._is_not_a_head_count(words, c)]
        counts.extend(self._singular_people(words, tokens, counts))
        counts.sort(key=lambda c: c.first)
        found: list[FoundCasualty] = []
        for n, count in enumerate(counts):
            nxt = counts[n + 1].first if n + 1 < len(counts) else len(tokens)
            result = self._classify(words, count, nxt, found)
            if result is None:
                continue
            kind, victim, noun_end = result
            end_tok = max(count.last, noun_end)
            evidence = span(text, tokens[count.first].start, tokens[end_tok - 1].end)
            low, high = count.min, count.max
            casualty = Casualty(
                kind=kind,
                count=count.count,
                min=low,
                max=high,
                qualifier=count.qualifier,
                victim_type=victim,
                confidence=0.85 if count.qualifier is Qualifier.EXACT else 0.75,
                evidence=evidence,
            )
            found.append(FoundCasualty(casualty, count.first, end_tok, sentence))
        return found

    def _singular_people(self, words: list[str], tokens: list[Token],
                         counts: list[Count]) -> list[Count]:
        """'a civilian was killed', 'killing a man': an article plus a person noun is 1."""
        taken = {i for c in counts for i in range(c.first, c.last)}
        extra = []
        for i, word in enumerate(words[:-1]):
            if word not in _SINGULAR_ONE or word == "one" or i in taken:
                continue
            j = i + 1
            while j < len(words) and j < i + 6 and (
                words[j] in _SKIPPABLE or _age_part(words, j)
            ):
                j += 1
            victim = self._match(self._victims, self._max_victim, words, j)
            if victim is None:
                continue
            extra.append(Count(i, i + 1, tokens[i].start, tokens[i].end, 1, 1, 1,
                               Qualifier.EXACT, i))
        return extra

    def _classify(
        self, words: list[str], count: Count, next_count: int, found: list[FoundCasualty]
    ) -> tuple[CasualtyKind, VictimType, int] | None:
        first, last = count.first, count.last
        if self._is_not_a_head_count(words, count):
            return None
        # What is counted: skip modifiers ("Ukrainian", "other") up to a noun.
        victim: VictimType | None = None
        noun_end = last
        j = last
        steps = 0
        direct_kind: CasualtyKind | None = None
        while j < len(words) and steps < 6:
            word = words[j]
            if _age_part(words, j):
                j += 1
                steps += 1
                continue
            if word in self._not_people:
                return None
            hit = self._match(self._victims, self._max_victim, words, j)
            if hit is not None:
                victim, size = hit
                noun_end = j + size
                if noun_end < len(words) and words[noun_end] in self._not_people:
                    return None  # "civilian cars", "military vehicles"
                break
            after = self._match(self._after, self._max_after, words, j)
            if after is not None:
                direct_kind = after[0]
                break
            if word in _SKIPPABLE or word in ("civilian", "military", "pro-russian") or (
                _age_part(words, j)
            ):
                j += 1
                steps += 1
                continue
            break
        # The governing casualty word: just before the count...
        kind = self._kind_before(words, first)
        if kind is None:
            kind = direct_kind
        if kind is None and victim is not None:
            # ...or after the counted people, within the clause and before the next count.
            kind = self._kind_after(words, noun_end, next_count)
        if kind is None and victim is not None and first > 0 and words[first - 1] == "and" and (
            found and found[-1].last == first - 1
        ):
            kind = found[-1].casualty.kind  # "killing a mother and a child"
        if kind is None:
            return None
        if victim is None:
            if direct_kind is None and kind is not None:
                # "killing 7 and wounding 27 civilians": the noun comes after the next count.
                victim = self._victim_ahead(words, last)
            if victim is None:
                victim = VictimType.UNKNOWN
        if victim is VictimType.UNKNOWN and first < len(words) and any(
            words[k] == "others" for k in range(last, min(noun_end + 1, len(words)))
        ) and found:
            victim = found[-1].casualty.victim_type  # "17 others" are like the ones before
        return kind, victim, noun_end

    def _kind_before(self, words: list[str], first: int) -> CasualtyKind | None:
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
            if end - 1 >= 0 and words[end - 1] not in ("to", "at", "of", "another", "the",
                                                        "rose", "reached", "stands", "has",
                                                        "risen", "climbed", "is", "now"):
                return None
        return None

    def _kind_after(self, words: list[str], start: int, stop: int) -> CasualtyKind | None:
        limit = min(len(words), start + _FORWARD, max(stop, start))
        j = start
        while j < limit:
            if words[j] in _CLAUSE_BREAKS or words[j] in (".",):
                return None
            hit = self._match(self._after, self._max_after, words, j)
            if hit is not None:
                return hit[0]
            j += 1
        return None

    def _victim_ahead(self, words: list[str], start: int) -> VictimType | None:
        for j in range(start, min(len(words), start + 6)):
            if words[j] in _CLAUSE_BREAKS or words[j] == ".":
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
        if prev in (":", "aged", "age") or (prev == "of" and first > 1 and words[first - 2] == "age"):
            return True
        if nxt in ("years", "year", "year-old", "years-old", "-year-old") or (nxt == "-" and _age_part(words, last)):
            return True
        value = count.count
        return bool(
            value is not None
            and 1900 <= value <= 2100
            and count.qualifier is Qualifier.EXACT
            and words[count.number_first].isdigit()
            and len(words[count.number_first]) == 4
        )
