"""Which sentences and triggers report a happening, and which only talk about one.

ACLED codes reported happenings: one event per place, day and actor pair. News also
carries running totals ("SOHR has documented 567 deaths since June 2019"), background
("the rebels usually attack in waves"), plans, threats, fears, denials and quotes. Those
sentences and triggers make no event, and their figures are no event's toll.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events.spans import Intervals
from sitrep.extraction.events.text import MAX_SENTENCE_CHARS
from sitrep.extraction.events.union import Alternation, Joined

#: How far back from a trigger, within its clause, a cue makes it unreal.
UNREAL_REACH = 60
#: A quotation of at least this many words is direct speech, not the reporter's account.
QUOTE_MIN_WORDS = 6
_CLAUSE_BREAKS = (",", ";", ":", "(", " - ")
_CLAUSE_MARK = re.compile(r"[,;:.!?]")
_LIST_ITEM = re.compile(r"\s*(?:[-•*·▪–]|\d{1,3}[.)])\s")


#: Verbs after which "to" + trigger was done ("tried to storm", "went on to kill"), and
#: words after which "to" is a preposition ("due to clashes", "subjected to shelling").
_DONE_TO = {
    "tried", "attempted", "managed", "began", "begun", "started", "continued", "continue",
    "continues", "on", "proceeded", "moved", "rushed", "came", "used", "able", "went",
    "sought", "failed", "forced", "allegedly", "reportedly",
    "due", "owing", "thanks", "subjected", "exposed", "led", "leading", "response",
    "addition", "related", "linked", "attributed", "close", "next", "prior",
}  # fmt: skip
#: A past participle right after one of these is an attribute: "a murdered policeman".
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "whose"}
#: What a defence is there (designed, bought...) to stop, its weapons described across
#: commas: no attack told. "Claimed/managed to intercept" tells one.
_DEFENCE_PURPOSE = re.compile(
    r"\b(?:there|designed|meant|intended|built|needed|deployed|purchased|bought) to "
    r"(?:intercept|shoot down|stop|deter|counter|repel|fend off|defend against|"
    r"protect against|guard against) "
    r"(?:(?!(?:which|that|who|and|but|before|after)\b)[\w'-]+,? ){0,6}$"
)


class Role(StrEnum):
    REPORT = "report"  # may report events
    AGGREGATE = "aggregate"  # a total or background over a long period
    LISTED = "listed"  # an item of a total's breakdown list
    GENERIC = "generic"  # what usually happens


#: Where a clause ends: an aggregate phrase ("the latest of dozens of deaths in three
#: weeks") spoils only its own clause of a sentence that also reports a dated happening.
_CLAUSE_END = re.compile(r"[,;:()]|\s[-–—]\s|\s[-–—]|[-–—]\s")


class RoleReader:
    def __init__(self, data: dict[str, Any]) -> None:
        self._aggregate = Alternation(data["aggregate"])
        self._generic = Alternation(data["generic"])
        #: Both in one scan of a sentence, whose role the one or the other decides (round 16).
        self._aggregate_or_generic = Joined([self._aggregate, self._generic])
        self._unreal = Alternation(data["unreal_before"])
        self._unreal_after = re.compile("|".join(f"(?:{p})" for p in data["unreal_after"]))
        self._describes = re.compile("|".join(f"(?:{p})" for p in data["describes_before"]))
        self._continues = tuple(data["continues_total"])
        self._campaign = Alternation(data["campaign"])  # its "[a-z]+ day-long" from "day-long"
        self._dates_back = re.compile("|".join(f"(?:{p})" for p in data["dates_back"]))
        self._same_day = re.compile(
            r"[\s\"'(-]*(?:and |but |then )?(?:" + "|".join(data["same_day_starts"]) + ")"
        )

    def roles(
        self, text: str, folded: str, sentences: list[Sentence], paragraph_of: list[int]
    ) -> list[Role]:
        """The role of each sentence. The list items after a total that ends in a colon
        ("...categorised as follows:") are part of that total."""
        read = self.sentence_roles(text, folded, sentences, paragraph_of)
        return [read[index] for index in range(len(sentences))]

    def sentence_roles(
        self, text: str, folded: str, sentences: list[Sentence], paragraph_of: list[int]
    ) -> SentenceRoles:
        """`roles`, each read when first asked for: the extractor asks only about the
        sentences with a trigger (about half of them), and the regexes are most of the cost."""
        return SentenceRoles(self, text, folded, sentences, paragraph_of)

    def campaign(self, folded: str, start: int, end: int) -> bool:
        """Whether folded[start:end] tells of a campaign or a course of action (a report
        only when it also dates a day)."""
        return (
            self._campaign.search(folded, start, min(end, start + MAX_SENTENCE_CHARS)) is not None
        )

    def dates_back(self, folded: str, start: int, end: int) -> bool:
        """Whether folded[start:end] dates an incident told before it ("the events
        occurred on Monday")."""
        return (
            self._dates_back.search(folded, start, min(end, start + MAX_SENTENCE_CHARS)) is not None
        )

    def same_day(self, folded: str, start: int) -> bool:
        """Whether the sentence at `start` opens as a sequel on the day told before it
        ("Hours later, ...")."""
        return self._same_day.match(folded, start) is not None

    def aggregate_clauses(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses of folded[start:end] that hold an aggregate phrase."""
        return _clauses_of(self._aggregate, folded, start, end)

    def generic_clauses(self, folded: str, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses of folded[start:end] that tell what usually happens."""
        return _clauses_of(self._generic, folded, start, end)

    def unreal(
        self,
        folded: str,
        sentence_start: int,
        trigger_start: int,
        trigger_end: int | None = None,
        *,
        purpose_ok: bool = False,
    ) -> bool:
        """Whether the clause before a trigger plans, threatens, fears, conditions, denies
        or negates it ("threatened to attack", "could strike", "no shelling"), a modal right
        after it says it may come ("an offensive would be a disaster"), makes it an
        infinitive of purpose ("stationed too far away to intercept"; `purpose_ok` for protests:
        "gathered to protest" is the protest), an attribute ("the coffin of a murdered
        policeman") or a description ("the coalition fighting in Yemen")."""
        lo = max(sentence_start, trigger_start - UNREAL_REACH)
        if _DEFENCE_PURPOSE.search(folded, lo, trigger_start):
            return True  # "there to intercept long-range missiles launched by"
        cut = max(folded.rfind(mark, lo, trigger_start) for mark in _CLAUSE_BREAKS)
        if cut >= 0:
            lo = cut + 1
        # Quotation marks part no words: 'want to reach "an effective truce"'.
        before = folded[lo:trigger_start].replace('"', "")
        if self._unreal.search(before) is not None:
            return True
        words = before.split()
        infinitive = words and words[-1] == "to" and (len(words) < 2 or words[-2] not in _DONE_TO)
        if infinitive and not purpose_ok:
            return True
        if trigger_end is None:
            return False
        if self._describes.search(folded, lo, trigger_end) is not None:
            return True  # "the coalition fighting in Yemen": who it is
        after = folded[trigger_end : trigger_end + UNREAL_REACH]
        mark = _CLAUSE_MARK.search(after)  # the clause after it only
        if self._unreal_after.match(after[: mark.start()] if mark else after) is not None:
            return True  # "an assault on the city could displace thousands"
        trigger = folded[trigger_start:trigger_end]
        # "a murdered policeman"; not an acronym that ends so ("an IED")
        attributive = " " not in trigger and trigger.endswith("ed") and len(trigger) > 4
        # "...the family of murdered soldier X": a participle after "of" and before a noun
        # describes someone, unless a figure is told ("of 12 murdered civilians").
        return attributive and bool(words) and (words[-1] in _DETERMINERS or words[-1] == "of")


class SentenceRoles:
    """The role of each sentence of an article (`RoleReader.roles`), read when first asked
    for and kept."""

    def __init__(
        self,
        reader: RoleReader,
        text: str,
        folded: str,
        sentences: list[Sentence],
        paragraph_of: list[int],
    ) -> None:
        self._reader = reader
        self._text = text
        self._folded = folded
        self._sentences = sentences
        self._paragraph_of = paragraph_of
        self._known: list[Role | None] = [None] * len(sentences)

    def __len__(self) -> int:
        return len(self._sentences)

    def __getitem__(self, index: int) -> Role:
        known = self._known
        role = known[index]
        if role is not None:
            return role
        # A list item or a sentence that may go on with a total needs the role of the
        # sentence before: read back to the nearest that needs none, then forward (a
        # loop, not recursion: a list may run to hundreds of items).
        first = index
        while first > 0 and known[first - 1] is None and self._leans_back(first):
            first -= 1
        for i in range(first, index):
            known[i] = self._read(i)
        role = known[index] = self._read(index)
        return role

    def _new_line(self, index: int) -> bool:
        return index == 0 or self._paragraph_of[index] != self._paragraph_of[index - 1]

    def _leans_back(self, index: int) -> bool:
        start = self._sentences[index].start
        return (
            self._new_line(index) and _LIST_ITEM.match(self._text, start) is not None
        ) or self._folded.startswith(self._reader._continues, start)

    def _read(self, index: int) -> Role:
        """The role of sentence `index`, the one before it known where it matters."""
        reader, folded, sent = self._reader, self._folded, self._sentences[index]
        previous = self._known[index - 1] if index > 0 else None
        if previous is Role.AGGREGATE:
            before = self._sentences[index - 1]
            listing = self._text[before.start : before.end].rstrip().endswith(":")
        else:
            listing = previous is Role.LISTED
        if listing and self._new_line(index) and _LIST_ITEM.match(self._text, sent.start):
            return Role.LISTED
        end = min(sent.end, sent.start + MAX_SENTENCE_CHARS)
        continued = previous is Role.AGGREGATE and folded.startswith(
            reader._continues, sent.start
        )  # "...1,242 soldiers were killed. All were killed in attacks by ..."
        if continued:
            return Role.AGGREGATE
        within = (sent.start, end)
        aggregate, generic = reader._aggregate_or_generic.scan(folded, sent.start, end)
        if reader._aggregate.search(folded, sent.start, end, hits=aggregate, within=within):
            return Role.AGGREGATE
        if reader._generic.search(folded, sent.start, end, hits=generic, within=within):
            return Role.GENERIC
        return Role.REPORT


def quotations(folded: str) -> Intervals:
    """Spans of direct speech: text between paired double quotes (typographic quotes are
    folded to '"'), of at least QUOTE_MIN_WORDS words; an unclosed quote runs to the end
    of its line."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(r'"|\n', folded):
        if match.group() == "\n":
            if opened is not None:
                _keep(folded, opened, match.start(), spans)
            opened = None
        elif opened is None:
            opened = match.end()
        else:
            _keep(folded, opened, match.start(), spans)
            opened = None
    if opened is not None:
        _keep(folded, opened, len(folded), spans)
    return Intervals(spans)


def _keep(folded: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if len(folded[start:end].split()) >= QUOTE_MIN_WORDS:
        spans.append((start, end))


def _clauses_of(pattern: Alternation, folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of folded[start:end] that hold a match of `pattern`, merged when adjacent."""
    end = min(end, start + MAX_SENTENCE_CHARS)
    bounds = [start] + [m.end() for m in _CLAUSE_END.finditer(folded, start, end)] + [end]
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded, start, end):
        lo = max(b for b in bounds if b <= match.start())
        hi = min((b for b in bounds if b >= match.end()), default=end)
        if not spans or lo > spans[-1][1]:
            spans.append((lo, hi))
        else:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
    return spans
