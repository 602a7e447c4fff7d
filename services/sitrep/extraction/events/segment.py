"""Which sentences report distinct events, and which ones tell more about the same event.

Every sentence with a strong trigger is a candidate. A sentence whose only trigger is a
casualty word ("8 civilians were killed") joins the nearest event in its paragraph. Two
candidates merge when they have the same type, compatible places and dates, and are
either close together (a few sentences apart) or at the very same place.
"""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.extraction.analysis import Sentence
from sitrep.extraction.events.casualties import FoundCasualty
from sitrep.extraction.events.dates import DateMention
from sitrep.extraction.events.event_types import Typing
from sitrep_contracts import EventType, ResolvedPlace

RETURN_FIRE = "return fire"
_VIOLENT = {EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE}
#: Sentences apart within which two same-type reports may be one event.
MERGE_WINDOW = 4
#: Sentences apart within which a casualty-only sentence joins an event.
ATTACH_WINDOW = 2
_ANAPHORA = re.compile(
    r"\b(these|this|the same|those) (?:[\w-]+ )?(strikes?|attacks?|shelling|bombardment"
    r"|fighting|clashes|battles?|deployments?|reinforcements)\b"
)


@dataclass(slots=True)
class Draft:
    """One event being assembled from one or more sentences."""

    anchor: int  # index of the sentence holding the deciding trigger
    typing: Typing
    sentences: list[int]
    paragraph: int
    place: ResolvedPlace | None = None
    place_in_sentence: bool = False
    casualties: list[FoundCasualty] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    #: The acting side named in the anchor sentence ("Military Forces of Russia"), if any:
    #: reports of different sides acting are different events.
    side: str | None = None
    #: Told only inside direct quotations: it may tell more of an incident the reporter
    #: reports, never an incident of its own.
    quoted: bool = False


def paragraphs(text: str, sentences: list[Sentence]) -> list[int]:
    """Paragraph number of each sentence (a newline starts a new paragraph)."""
    out = []
    para = 0
    prev_end = 0
    for sent in sentences:
        if "\n" in text[prev_end : sent.start]:
            para += 1
        out.append(para)
        prev_end = sent.end
    return out


def split_sentences(text: str) -> list[Sentence]:
    """A small fallback splitter for when no analyzer sentences are given (a heading ends
    at its line)."""
    out = []
    for m in re.finditer(r"[^\n.!?]+(?:[.!?]+[\"”’)]*|(?=\n)|$)", text):
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = m.start() + lead
        out.append(Sentence(start, start + len(stripped), stripped))
    return _join_abbreviations(text, out)


def _join_abbreviations(text: str, sentences: list[Sentence]) -> list[Sentence]:
    joined: list[Sentence] = []
    for sent in sentences:
        if joined and re.search(r"\b(Mr|Mrs|Ms|Dr|Gen|Col|Lt|St|U\.S|No)\.$", joined[-1].text):
            prev = joined.pop()
            joined.append(Sentence(prev.start, sent.end, text[prev.start : sent.end]))
        else:
            joined.append(sent)
    return joined


def compatible_places(a: ResolvedPlace | None, b: ResolvedPlace | None) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.name and b.name and a.name == b.name:
        return True
    coarse = ("admin1", "region", "country")
    if a.precision.value in coarse or b.precision.value in coarse:
        if a.precision.value == "country" or b.precision.value == "country":
            return a.country_code == b.country_code
        return bool(a.admin1_code and a.admin1_code == b.admin1_code)
    return False


def compatible_dates(a: list[DateMention], b: list[DateMention]) -> bool:
    da = next((d for d in a if not d.reporting and d.precision.value == "day"), None)
    db = next((d for d in b if not d.reporting and d.precision.value == "day"), None)
    return da is None or db is None or da.date == db.date


#: How many earlier drafts at the same place a draft is compared with, beyond the few
#: sentences of MERGE_WINDOW (bounds the work on pathological articles that report the
#: same place thousands of times; ordinary articles have a few dozen events in all).
SAME_PLACE_LOOKBACK = 256


def merge(
    drafts: list[Draft],
    sentences: list[Sentence],
    folded: str,
    separate_starts: tuple[str, ...] = (),
    apart: Callable[[Draft, Draft], bool] | None = None,
    told_again: re.Pattern[str] | None = None,
) -> list[Draft]:
    """Fold same-event drafts into the earlier one; keeps text order. A draft whose
    sentence starts with one of `separate_starts` ("In a separate incident") joins only a
    draft at the very same place. `apart(prev, draft)`: whether the text tells the two of
    different times although their own dates do not disagree (the extractor's
    `_told_apart`); such drafts never join. A draft whose trigger names the incident
    again (`told_again`, see `names_again`) joins without retyping it.

    A draft can join an earlier one only when it is close (within MERGE_WINDOW sentences)
    or at the very same place, so only those are compared: the drafts touched in the last
    few sentences and the drafts at the same GeoNames id (indexed), most recent first."""
    out: list[Draft] = []
    recent: set[int] = set()  # indexes into out whose last sentence may still be close
    by_place: dict[int, list[int]] = {}  # geonameid -> indexes into out (ascending)

    def index_place(k: int) -> None:
        place = out[k].place
        if place is not None and place.geonameid is not None and out[k].place_in_sentence:
            bucket = by_place.setdefault(place.geonameid, [])
            if not bucket or bucket[-1] < k:
                bucket.append(k)
            elif k not in bucket:
                insort(bucket, k)

    for draft in drafts:
        target = None
        sent = sentences[draft.anchor]
        anaphora = _ANAPHORA.search(folded, sent.start, sent.end) is not None
        recent = {k for k in recent if draft.anchor - out[k].sentences[-1] <= MERGE_WINDOW}
        if separate_starts and folded[sent.start : sent.start + 40].lstrip(" \"'(-").startswith(
            separate_starts
        ):
            recent = set()  # "In a separate incident": only the same place can join
        candidates = set(recent)
        if draft.place is not None and draft.place.geonameid is not None:
            candidates.update(by_place.get(draft.place.geonameid, [])[-SAME_PLACE_LOOKBACK:])
        for k in sorted(candidates, reverse=True):
            prev = out[k]
            if (
                draft.typing.group == RETURN_FIRE
                and prev.typing.event_type in _VIOLENT
                and (draft.anchor - prev.sentences[-1] <= ATTACH_WINDOW)
            ):
                target = prev  # "... fired back": the exchange makes it one battle
                break
            if prev.typing.event_type != draft.typing.event_type:
                continue
            if prev.side is not None and draft.side is not None and prev.side != draft.side:
                continue
            same_sub = prev.typing.group == draft.typing.group
            gap = draft.anchor - prev.sentences[-1]
            same_place = (
                prev.place is not None
                and draft.place is not None
                and prev.place.geonameid is not None
                and prev.place.geonameid == draft.place.geonameid
                and prev.place_in_sentence
                and draft.place_in_sentence
            )
            # A casualty figure in another paragraph is another incident's, but at one place.
            close = gap <= MERGE_WINDOW and (
                prev.paragraph == draft.paragraph
                or not (prev.typing.casualty_only or draft.typing.casualty_only)
            )
            if not compatible_dates(prev.dates, draft.dates):
                continue
            if apart is not None and apart(prev, draft):
                continue
            if same_place and same_sub:
                target = prev
                break
            if close and anaphora:
                target = prev
                break
            if (
                close
                and compatible_places(prev.place, draft.place)
                and (same_sub or anaphora)
                and (
                    draft.place is None
                    or prev.place is None
                    or gap <= 1
                    or anaphora
                    or _same_named(prev.place, draft.place)
                )
            ):
                target = prev
                break
        if target is None:
            out.append(draft)
            recent.add(len(out) - 1)
            index_place(len(out) - 1)
            continue
        target.sentences.append(draft.anchor)
        target.casualties.extend(draft.casualties)
        target.dates.extend(draft.dates)
        if target.place is None and draft.place is not None:
            target.place, target.place_in_sentence = draft.place, draft.place_in_sentence
        elif (
            target.place is not None
            and draft.place is not None
            and target.place.precision.value in ("admin1", "region", "country")
            and draft.place.precision.value == "point"
        ):
            target.place = draft.place  # a village inside the region is more precise
        target.quoted = target.quoted and draft.quoted
        if (
            draft.typing.priority > target.typing.priority
            and not draft.typing.casualty_only
            and not draft.quoted  # a quotation's words do not retell the incident
            and not names_again(told_again, folded, sent, draft.typing)
        ):
            target.typing = draft.typing
            target.anchor = draft.anchor
        k = next(i for i in candidates if out[i] is target)
        recent.add(k)
        index_place(k)
    return out


def names_again(
    told_again: re.Pattern[str] | None, folded: str, sent: Sentence, typing: Typing
) -> bool:
    """Whether the trigger names an incident already told ("the shootout occurred in ...",
    "condemned the incident, which killed one"): the phrase starts at or before it."""
    if told_again is None:
        return False
    found = told_again.search(folded, sent.start, min(sent.end, typing.end + 40))
    return found is not None and found.start() <= typing.start


def _same_named(a: ResolvedPlace, b: ResolvedPlace) -> bool:
    return compatible_places(a, b)
