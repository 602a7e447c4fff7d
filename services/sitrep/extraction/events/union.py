"""A union of regex alternatives that finds exactly what the compiled union finds, faster.

The rule tables join dozens of alternatives into one regex, each starting with `\\b`. Such
a union gives Python's `re` no first character or prefix to skip by, so it tries every
alternative at every position of the text (the 44 figurative acts: ~2.3 ms of a 700-word
article). Most alternatives start with literal words ("fired", "attacked", "funeral") or a
digit: one Aho-Corasick pass finds where those words stand, one class regex the digits;
an alternative that starts with a run of a few known characters ("\\b[a-z]+ later in the
war"), or of at most so many of any but a few ("[^.;]{0,99}?\\bfrom"), is matched only in
the run before the words that follow it; a union of the other
alternatives is searched for the rest. The union is tried only at those places, in text
order, as `search` and `finditer` move along the text, each place first with a union of
just the alternatives that may start there. A match can only start where its alternative
could, so the matches are the same, span for span. A union whose parts read otherwise
alone (flags, group numbers) is run as it is.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any

import ahocorasick

#: Most first-word strings read from one union: past this, the words read so far stand.
_MAX_STARTS = 512
#: A character class is read as its characters when it has at most this many.
_MAX_CLASS = 8
#: Most characters a lead may hold ("[a-z ]": 27).
_MAX_LEAD = 64
#: Longest a lead of any character but a few may be ("[^.;]{0,120}"): its run is walked.
_MAX_WIDTH = 256
#: Most unions of some of the alternatives kept (`Alternation._match`); past it, the whole.
_MAX_PARTS = 4096
#: Most strings a union's `needs` may hold: past it, looking for each costs more than
#: the search it would spare.
_MAX_NEEDS = 3
#: Shortest string worth looking for (a space or "in" stands in nearly every text).
_MIN_NEED = 3
#: Most places a match is tried at one by one, near where needed strings stand.
_MAX_TRIES = 256


#: Where a union's words stand in a text: (start, alternatives it starts, leads it follows).
Hits = list[tuple[int, int, tuple[int, ...]]]


class Alternation:
    """`re.compile("|".join(f"(?:{p})" for p in alternatives))`, with the same `search`
    and `finditer`."""

    def __init__(self, alternatives: Sequence[str]) -> None:
        self.pattern = _union(alternatives)
        #: "\\b(?:A|B)" read as "\\bA" and "\\bB": the same match at any place, and
        #: each branch may have first words of its own.
        alternatives = [part for alternative in alternatives for part in _branches(alternative)]
        self._alternatives = tuple(alternatives)
        #: Word -> (the alternatives it starts, as a bit mask; the indexes in `_leads` of
        #: the leads it follows).
        self.words: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._automaton: ahocorasick.Automaton | None = None  # of `words`
        #: Per alternative that starts with a lead: the characters the lead may hold (or,
        #: negated, may not), whether any digit too, its greatest length, the alternative
        #: alone, its bit.
        self._leads: list[tuple[str, bool, bool, int, re.Pattern[str], int]] = []
        self._rest: re.Pattern[str] | None = None
        self._classes: re.Pattern[str] | None = None
        self._class_mask = 0  # the alternatives a first class may start
        self._rest_mask = 0  # the alternatives of `_rest`
        #: The union of only the alternatives that may start at a place, by their mask.
        self._parts: dict[int, re.Pattern[str]] = {}
        self._fast = False  # where a match may start is known
        #: Strings one of which every match holds, and how far before one a match may
        #: start (`_needs`): a match is tried only there ("march" for the not-cues "in
        #: March", "since March", "3 March", which would be tried at every "in" and digit).
        self.needs, self._reach = _needs(alternatives)
        if self.pattern.flags != re.UNICODE or _BACKREFERENCE.search(self.pattern.pattern):
            return  # flags or group numbers that mean otherwise in a part: run as it is
        rest: list[str] = []
        starts: dict[str, int] = {}
        anchors: dict[str, list[int]] = {}
        classes: set[str] = set()
        for index, alternative in enumerate(alternatives):
            bit = 1 << index
            first, first_classes = _first_words(alternative)
            for word in first:
                starts[word] = starts.get(word, 0) | bit
            if first_classes:
                classes |= first_classes
                self._class_mask |= bit
            if first or first_classes:
                continue
            chars, negated, digits, width, after = _lead(alternative)
            if after:  # "\b[a-z]+ later in the war": found from "later in the war"
                for word in after:
                    anchors.setdefault(word, []).append(len(self._leads))
                lead = (chars, negated, digits, width, re.compile(alternative), bit)
                self._leads.append(lead)
            else:
                rest.append(alternative)
                self._rest_mask |= bit
        self._fast = bool(starts or classes or anchors)
        if not self._fast:
            return  # no alternative tells where it starts: run as it is
        for word in starts.keys() | anchors.keys():
            self.words[word] = (starts.get(word, 0), tuple(anchors.get(word, ())))
        if self.words:
            self._automaton = _automaton({w: (len(w), *v) for w, v in self.words.items()})
        if classes:  # one class of them all: a class first lets re skip to where one stands
            self._classes = re.compile(f"[{''.join(c[1:-1] for c in sorted(classes))}]")
        self._rest = _union(rest) if rest else None

    def _candidates(
        self, string: str, pos: int, endpos: int, hits: Hits | None, within: tuple[int, int] | None
    ) -> list[tuple[int, int]]:
        """Where a match may start in string[pos:endpos], in text order, each with the
        alternatives (a bit mask) that may start there: where a first word or a character
        of a first class stands, where a lead's alternative matches before the words that
        follow its lead, and where an alternative of none of these matches. `hits`: where
        `words` stand in string[within] (`Joined.scan`; the whole string when `within` is
        None), if found already: used when that is the part searched."""
        found: dict[int, int] = {}
        if hits is None or (within or (0, len(string))) != (pos, endpos):
            hits = []
            if self._automaton is not None:
                for last, (length, mask, leads) in self._automaton.iter(string, pos, endpos):
                    hits.append((last - length + 1, mask, leads))
        for start, mask, _ in hits:
            if mask:
                found[start] = found.get(start, 0) | mask
        if self._classes is not None:
            mask = self._class_mask
            for match in self._classes.finditer(string, pos, endpos):
                found[match.start()] = found.get(match.start(), 0) | mask
        for at, _, leads in hits:
            if leads:
                for lead in leads:
                    chars, negated, digits, width, alone, bit = self._leads[lead]
                    start = at  # the lead is a run of its characters right before `at`
                    first = max(pos, at - width)
                    while start > first and (
                        (string[start - 1] in chars) != negated
                        or (digits and string[start - 1].isdigit())  # a superset of "\\d"
                    ):
                        start -= 1
                    for place in range(start, at + 1):
                        if alone.match(string, place, endpos) is not None:
                            found[place] = found.get(place, 0) | bit
        if self._rest is not None:
            search = self._rest.search
            mask = self._rest_mask
            at = pos
            while (rest := search(string, at, endpos)) is not None:
                found[rest.start()] = found.get(rest.start(), 0) | mask
                at = rest.start() + 1
        return sorted(found.items())

    def _near_needs(self, string: str, pos: int, endpos: int) -> list[int] | None:
        """Where in string[pos:endpos] a match may start, in text order: at most
        `_reach` before where a needed string stands; None past `_MAX_TRIES` places."""
        places: set[int] = set()
        for need in self.needs:
            at = string.find(need, pos, endpos)
            while at >= 0:
                places.update(range(max(pos, at - self._reach), at + 1))
                if len(places) > _MAX_TRIES:
                    return None
                at = string.find(need, at + 1, endpos)
        return sorted(places)

    def _match(self, string: str, start: int, mask: int, endpos: int) -> re.Match[str] | None:
        """`pattern.match` at `start`, tried first with only the alternatives in `mask`
        (no other can start there; a union's match is its first alternative that
        matches, so both find one or neither does)."""
        part = self._parts.get(mask)
        if part is None:
            if len(self._parts) >= _MAX_PARTS:
                return self.pattern.match(string, start, endpos)
            alternatives = self._alternatives
            part = _union([alternatives[i] for i in range(len(alternatives)) if mask >> i & 1])
            self._parts[mask] = part
        if part.match(string, start, endpos) is None:
            return None
        return self.pattern.match(string, start, endpos)  # its groups are the union's

    def search(
        self,
        string: str,
        pos: int = 0,
        endpos: int = sys.maxsize,
        *,
        hits: Hits | None = None,
        within: tuple[int, int] | None = None,
    ) -> re.Match[str] | None:
        """`pattern.search`; `hits`: where `words` stand in the whole string, or in
        string[within[0]:within[1]], as `Joined.scan` finds them (used when that is the
        part searched)."""
        starts = self._near_needs(string, pos, endpos) if self.needs else None
        if starts is not None:
            for start in starts:
                found = self.pattern.match(string, start, endpos)
                if found is not None:
                    return found
            return None
        if not self._fast:
            return self.pattern.search(string, pos, endpos)
        endpos = min(endpos, len(string))
        for start, mask in self._candidates(string, pos, endpos, hits, within):
            found = self._match(string, start, mask, endpos)
            if found is not None:
                return found
        return None

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize, *, hits: Hits | None = None
    ) -> list[re.Match[str]]:
        """The matches `pattern.finditer` yields, as a list; `hits` as for `search`."""
        starts = self._near_needs(string, pos, endpos) if self.needs else None
        if starts is None and not self._fast:
            return list(self.pattern.finditer(string, pos, endpos))
        endpos = min(endpos, len(string))
        places = (
            [(start, -1) for start in starts]
            if starts is not None
            else self._candidates(string, pos, endpos, hits, None)
        )
        matches: list[re.Match[str]] = []
        after = pos
        for start, mask in places:
            if start < after:
                continue  # inside the match before: finditer goes on from its end
            found = (
                self.pattern.match(string, start, endpos)
                if mask < 0
                else self._match(string, start, mask, endpos)
            )
            if found is not None:
                if found.end() == start:  # an empty match: leave it to re
                    return list(self.pattern.finditer(string, pos, endpos))
                matches.append(found)
                after = found.end()
        return matches


class Joined:
    """The words of several unions in one Aho-Corasick automaton: one pass over a text
    finds where each union's words stand (a pass costs about the same whatever the
    number of words), for their `finditer` and `search` over that whole text."""

    def __init__(self, unions: Sequence[Alternation]) -> None:
        entries: dict[str, list[tuple[int, int, tuple[int, ...]]]] = {}
        for index, union in enumerate(unions):
            for word, (mask, leads) in union.words.items():
                entries.setdefault(word, []).append((index, mask, leads))
        self._size = len(unions)
        self._automaton = (
            _automaton({w: (len(w), tuple(e)) for w, e in entries.items()}) if entries else None
        )

    def scan(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Hits]:
        """Per union, where its words stand in string[pos:endpos]: (start, mask, leads) as
        `Alternation.words` gives them."""
        hits: list[Hits] = [[] for _ in range(self._size)]
        if self._automaton is not None:
            for last, (length, entries) in self._automaton.iter(
                string, pos, min(endpos, len(string))
            ):
                start = last - length + 1
                for index, mask, leads in entries:
                    hits[index].append((start, mask, leads))
        return hits


def _automaton(values: dict[str, Any]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in values.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _union(alternatives: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in alternatives))


#: A backreference or a conditional on a group: its group number moves in a union of fewer
#: parts.
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _first_words(alternative: str) -> tuple[set[str], set[str]]:
    """Strings and character classes (regex sources) one of which every match of
    `alternative` starts with; neither when it may start otherwise."""
    parser: Any = importlib.import_module("re._parser")
    parsed = parser.parse(alternative)
    if parsed.state.flags != re.UNICODE:
        return set(), set()
    words, classes, _ = _starts_of(parsed.data)
    return (set(), set()) if "" in words else (words, classes)


def _needs(alternatives: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """At most `_MAX_NEEDS` strings one of which every match of the union holds, and how
    far before where one stands a match may start: each alternative's longest run of
    literal characters outside any group or repeat (kept only where no shorter one kept
    stands in it); ((), 0) when an alternative has none of `_MIN_NEED` characters, may
    start more than `_MAX_WIDTH` before it, or there are more."""
    parser: Any = importlib.import_module("re._parser")
    constants: Any = importlib.import_module("re._constants")
    runs: set[str] = set()
    reach = 0
    for alternative in alternatives:
        parsed = parser.parse(alternative)
        if parsed.state.flags != re.UNICODE:
            return (), 0
        longest, end = "", 0  # the run, and the index of the item after it
        run = ""
        for k, (op, arg) in enumerate(parsed.data):
            run = run + chr(arg) if op is constants.LITERAL else ""
            if len(run) > len(longest):
                longest, end = run, k + 1
        if len(longest) < _MIN_NEED:
            return (), 0
        before = parser.SubPattern(parsed.state, list(parsed.data)[: end - len(longest)])
        width = before.getwidth()[1] + len(longest)  # from a match's start to its run's end
        if width > _MAX_WIDTH:
            return (), 0
        runs.add(longest)
        reach = max(reach, width)
    kept: list[str] = []
    for run in sorted(runs, key=len):
        if not any(shorter in run for shorter in kept):
            kept.append(run)
    return (tuple(kept), reach) if len(kept) <= _MAX_NEEDS else ((), 0)


def _branches(alternative: str) -> list[str]:
    """`\\b(?:A|B)C` (no group) as ["\\bAC", "\\bBC"] (the same first match at any
    place: the branches are tried in the same order); any other alternative alone."""
    prefix = "\\b(?:"
    if not alternative.startswith(prefix):
        return [alternative]
    cuts: list[int] = []  # where the group's "|" and its ")" stand
    end = -1
    depth = 1
    in_class = False
    k = len(prefix)
    while k < len(alternative):
        char = alternative[k]
        if char == "\\":
            k += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            k += 1
            if alternative[k : k + 1] == "^":
                k += 1
            if alternative[k : k + 1] == "]":  # "[]...]": a first "]" is a character
                k += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and end < 0:
                end = k
        elif char == "|" and depth == 0:
            return [alternative]  # "\\b(?:a|b)c|d": left as it is
        elif char == "|" and depth == 1 and end < 0:
            cuts.append(k)
        k += 1
    if depth != 0 or not cuts or _union([alternative]).groups:
        return [alternative]
    if alternative[end + 1 : end + 2] in ("?", "*", "+", "{"):
        return [alternative]  # "\\b(?:a|b)?c": the group is repeated
    starts = [len(prefix) - 1, *cuts]
    suffix = alternative[end + 1 :]
    return [
        "\\b" + alternative[start + 1 : stop] + suffix
        for start, stop in zip(starts, [*cuts, end], strict=True)
    ]


def _lead(alternative: str) -> tuple[str, bool, bool, int, set[str]]:
    """For an alternative that starts with a run of a few known characters (and digits),
    or of at most `_MAX_WIDTH` of any but a few, and then one of some words ("\\b[a-z]+
    later in the war", "[^.;]{0,99}?\\bfrom 19"): those characters, whether they are the
    ones it may not hold, whether any digit too, the run's greatest length, and the words;
    ("", False, False, 0, set()) otherwise."""
    parser: Any = importlib.import_module("re._parser")
    parsed = parser.parse(alternative)
    none: tuple[str, bool, bool, int, set[str]] = ("", False, False, 0, set())
    if parsed.state.flags != re.UNICODE:
        return none
    items = list(parsed.data)
    held: Held = (set(), False, False)
    for k in range(len(items)):
        part = _chars_of(items[k : k + 1])
        if part is None:
            break
        held = _either(held, part)
        width = parser.SubPattern(parsed.state, items[: k + 1]).getwidth()[1]
        if held[1] and width > _MAX_WIDTH:
            break
        words, classes, _ = _starts_of(items[k + 1 :])
        if words and "" not in words and not classes:
            return "".join(sorted(held[0])), held[1], held[2], width, words
    return none


#: Characters a lead may hold: (some characters, whether they are the ones it may not
#: hold instead, whether any digit too).
Held = tuple[set[str], bool, bool]


def _chars_of(items: Any) -> Held | None:
    """The characters a match of the parsed sequence `items` may hold; None when they
    are neither a few known ones (and digits) nor all but a few."""
    constants: Any = importlib.import_module("re._constants")
    held: Held = (set(), False, False)
    for op, arg in items:
        parts: list[Held | None]
        if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
            continue  # zero width
        if op is constants.LITERAL:
            parts = [({chr(arg)}, False, False)]
        elif op is constants.IN and arg == [(constants.CATEGORY, constants.CATEGORY_DIGIT)]:
            parts = [(set(), False, True)]  # "\d"
        elif op is constants.IN and arg and arg[0][0] is constants.NEGATE:
            negated = _class_set(arg[1:], constants)  # "[^.;]"
            parts = [None if negated is None else (negated, True, False)]
        elif op is constants.IN:
            chars = _class_set(arg, constants)
            parts = [None if chars is None else (chars, False, False)]
        elif op is constants.SUBPATTERN and not arg[1] and not arg[2]:
            parts = [_chars_of(arg[3].data)]
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            parts = [_chars_of(arg[2].data)]
        elif op is constants.BRANCH:
            parts = [_chars_of(branch.data) for branch in arg[1]]
        else:
            return None
        for part in parts:
            if part is None:
                return None
            held = _either(held, part)
        if len(held[0]) > _MAX_LEAD:
            return None
    return held


def _either(one: Held, other: Held) -> Held:
    """The characters either of two readings allows, as one."""
    digits = one[2] or other[2]
    if not one[1] and not other[1]:
        return one[0] | other[0], False, digits
    if one[1] and other[1]:
        return one[0] & other[0], True, digits
    allowed, barred = (one[0], other[0]) if other[1] else (other[0], one[0])
    return barred - allowed, True, digits


def _class_set(items: Any, constants: Any) -> set[str] | None:
    """The characters of the character class `items` (of an IN): literals and short
    ranges; None when it holds others."""
    chars: set[str] = set()
    for kind, value in items:
        part = _class_chars(kind, value, constants)
        if part is None:
            return None
        chars |= part
    return chars


def _class_chars(kind: Any, value: Any, constants: Any) -> set[str] | None:
    """The characters of one item of a character class: a literal or a short range."""
    if kind is constants.LITERAL:
        return {chr(value)}
    if kind is constants.RANGE and value[1] - value[0] < _MAX_LEAD:
        return {chr(code) for code in range(value[0], value[1] + 1)}
    return None


def _starts_of(items: Any) -> tuple[set[str], set[str], bool]:
    """The strings and the character classes a match of the parsed sequence `items`
    starts with, and whether the strings are the whole of it (so what follows the
    sequence may extend them)."""
    constants: Any = importlib.import_module("re._constants")
    found = {""}
    classes: set[str] = set()
    for op, arg in items:
        if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
            continue  # \b, ^, lookarounds: zero width, they only narrow where a match stands
        inner_classes: set[str] = set()
        if op is constants.LITERAL:
            inner, whole = {chr(arg)}, True
        elif (
            op is constants.IN
            and (literal := _class_set(arg, constants)) is not None
            and len(literal) <= _MAX_CLASS
        ):
            inner, whole = literal, True  # "[bc]", "[2-9]"
        elif op is constants.IN and (source := _rare_class(arg, constants)):
            inner, inner_classes, whole = set(), {source}, False  # "\d"
        elif op is constants.SUBPATTERN and not arg[1] and not arg[2]:  # no inline flags
            inner, inner_classes, whole = _starts_of(arg[3].data)
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and arg[0] <= 1 and arg[1] >= 1:
            inner, inner_classes, whole = _starts_of(arg[2].data)
            if arg[0] == 0:
                inner.add("")  # optional: "(?:at least )?"
            if arg[1] != 1:
                whole = False  # "\d{1,3}": what follows need not come next
        elif op is constants.BRANCH:
            parts = [_starts_of(branch.data) for branch in arg[1]]
            inner = set().union(*(words for words, _, _ in parts))
            inner_classes = set().union(*(sources for _, sources, _ in parts))
            whole = all(complete for _, _, complete in parts)
        else:
            return found, classes, False
        if len(found) * len(inner) > _MAX_STARTS:
            return found, classes, False
        if inner_classes:  # a class next: the strings so far stand; with none, the class
            if "" in found:
                classes |= inner_classes
            found = {head for head in found if head} | {
                head + tail for head in found for tail in inner
            }
        else:
            found = {head + tail for head in found for tail in inner}
        if not whole:
            return found, classes, False
    return found, classes, True


#: Letters and space: a class that holds any of them stands nearly everywhere.
_COMMON = "etaoinsr "


def _rare_class(items: Any, constants: Any) -> str:
    """The regex source of the character class `items` (of an IN), or "" when it holds
    common letters (no help finding where a match starts) or cannot be written back."""
    categories = {
        constants.CATEGORY_DIGIT: r"\d",
        constants.CATEGORY_NOT_DIGIT: r"\D",
        constants.CATEGORY_SPACE: r"\s",
        constants.CATEGORY_NOT_SPACE: r"\S",
        constants.CATEGORY_WORD: r"\w",
        constants.CATEGORY_NOT_WORD: r"\W",
    }
    parts = []
    for kind, value in items:
        if kind is constants.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is constants.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is constants.CATEGORY and value in categories:
            parts.append(categories[value])
        else:
            return ""
    source = f"[{''.join(parts)}]"
    return "" if re.search(source, _COMMON) else source
