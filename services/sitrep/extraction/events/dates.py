"""When an event happened: explicit and relative dates resolved against publication time.

"on Thursday" is the most recent Thursday on or before publication (the same day
allowed); "yesterday", "last week", "in late March", "on 9 December 2022". Nothing found
falls back to the publication date (resolved_from="publication", lower confidence).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.extraction.events.text import MAX_SENTENCE_CHARS, span
from sitrep_contracts import DatePrecision, EventDate

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

#: The first day of "early", "mid" and "late" parts of a month.
_PART_DAY = {"early": 1, "beginning of": 1, "mid": 11, "late": 21, "end of": 21}
#: The first month of "early", "mid" and "late" parts of a year, and of its seasons.
_PART_MONTH = {
    "early": 1, "beginning of": 1, "mid": 5, "mid-": 5, "late": 9, "end of": 9,
    "spring of": 3, "summer of": 6, "autumn of": 9, "winter of": 1,
}  # fmt: skip
UNITS_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip


def _at_word_start(*alternatives: str) -> str:
    r"""`alternatives` joined as `\b(?:A|B)` matches them, each with the word-boundary test
    moved after its first character (a look-behind): a pattern that starts with one
    character `re` can skip ahead to it, where one that starts with `\b` is tried at every
    character (benchmarks/README.md, round 16). Each must start with a word character."""
    return "|".join(rf"{a[0]}(?<!\w.){a[1:]}" for a in alternatives)


_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec",
)  # fmt: skip
_MONTH = rf"({'|'.join(_MONTH_NAMES)})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
#: `\b{_DAY}`, the same way (a digit is a word character).
_WORD_DAY = r"(\d(?<!\w\d)\d?)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
#: Parts of a month ("late March").
_PARTS = (
    "early",
    "mid",
    "late",
    "end of",
    "beginning of",
    "the end of",
    "the beginning of",
    "mid-",
)
#: How every month name in `_MONTH` starts.
_MONTH_STARTS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
#: Text that every match of a gate's patterns holds: a sentence with none of a gate's
#: cues skips its patterns (a few substring tests instead of a regex scan each; most
#: sentences name no date). "day" cues are in every relative day ("yesterday", "last
#: night", "this morning"), weekday and "nth day in a row".
_CUES = {
    "dash": ("-",),
    "month_name": _MONTH_STARTS,
    "day": ("day", "night", "this ", "hours"),
    "weekday": ("day",),
    "last": ("last", "this past"),
    "in_a_row": ("consecutive", "straight", "in a row"),
    "week": ("week", "days"),
    "month": ("month",),
    "year": ("19", "20"),
    "year_word": ("year",),
    "ago": ("ago",),
    "slash": ("/",),
}
#: (kind, gates, pattern), in order of precedence: a pattern is searched for where all
#: its gates are open. Most start with one character (`_at_word_start`, `_WORD_DAY`).
_PATTERNS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    ("iso", ("dash",), re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})\b")),
    # 08/12/2020: day first, as most of the world writes it (and the US month first only
    # where the first number cannot be a month).
    ("numeric", ("slash",), re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    (
        "last_month_name",
        ("month_name", "last"),
        re.compile(rf"\b(?:last|this past)\s+{_MONTH}\b|\b{_MONTH}\s+(?:of\s+)?last\s+year\b"),
    ),
    ("day_month", ("month_name",), re.compile(rf"{_WORD_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b")),
    ("month_day", ("month_name",), re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")),
    (
        "part_month",
        ("month_name",),
        re.compile(rf"({_at_word_start(*_PARTS)})\s*-?{_MONTH}{_YEAR}\b"),
    ),
    (
        "in_month",
        ("month_name",),
        re.compile(
            rf"(?:{_at_word_start('in', 'during', 'since', 'throughout')})\s+{_MONTH}{_YEAR}\b"
        ),
    ),
    (
        "part_year",
        ("year",),
        re.compile(
            r"\b(early|mid|late|end of|beginning of|the end of|the beginning of|mid-|in|during"
            r"|spring of|summer of|autumn of|winter of)"
            r"\s*-?((?:19|20)\d{2})\b(?!\s*(?:-|/|\d))"
        ),
    ),
    (
        # "a 2016 peace agreement", "the 2014 offensive": the year of the thing named
        "part_year",
        ("year",),
        re.compile(
            rf"({_at_word_start('a', 'an', 'the', 'its', 'their')})"
            r"\s+((?:19|20)\d{2})\s+(?=[a-z])"
        ),
    ),
    (
        "ago",
        ("ago",),
        re.compile(
            r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
            r"\s+(day|days|week|weeks|month|months|year|years)\s+ago\b"
        ),
    ),
    (
        "yesterday",
        ("day",),
        re.compile(
            # "an overnight raid ... on Friday": a time of day, not a day of its own
            r"\b(yesterday|the day before|last night|(?<!\ban )(?<!\bthe )overnight|today"
            r"|this morning|this afternoon"
            r"|this evening|tonight|earlier today|a day earlier|the previous day"
            r"|the night before last|the day before yesterday"
            r"|(?:over|in|during|within) the (?:past|last|previous) (?:24|twenty-four) hours)\b"
        ),
    ),
    (
        "weekday",
        ("weekday",),
        re.compile(
            r"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?"
            r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
        ),
    ),
    (
        "week",
        ("week",),
        re.compile(
            r"\b(last week|this week|past week|previous week|earlier this week|in recent days"
            r"|over the past few days|over the weekend|last weekend"
            r"|(?:in|over) the (?:past|last) (?:\w+ )?days)\b"
        ),
    ),
    (
        "month",
        ("month",),
        re.compile(r"\b(last month|this month|earlier this month|previous month)\b"),
    ),
    (
        "year",
        ("year_word",),
        re.compile(r"\b(last year|the previous year|the year before|a year earlier)\b"),
    ),
    (
        "consecutive",
        ("in_a_row",),
        re.compile(
            r"\bfor the (second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
            r"|\d+(?:st|nd|rd|th)) (?:consecutive|straight) day\b"
            r"|\b(second|third|fourth|fifth|\w+) days? in a row\b"
        ),
    ),
]
_REPORTING = re.compile(
    r"\b(?:said|says|announced|claimed|claims|reported|reports|told|stated|added|confirmed|wrote"
    r"|noted|condemned|condemns|denounced|blamed|accused|warned|urged|called|tweeted"
    r"|posted|published|released)\s+(?:\w+\s+)?$"
    # "said in a statement Thursday", "told reporters at a news conference on Monday"
    r"|\b(?:said|says|announced|claimed|stated|added|confirmed|told \w+|wrote|noted|warned)"
    r"\s+(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+)?(?:statement|post"
    r"|message|tweet|video|interview|press release|briefing|news conference|press conference"
    r"|speech|address|communique)\s+$"
    # "claimed the attack on Tuesday", "claimed responsibility on Monday": when it was claimed
    r"|\bclaim(?:ed|s)\s+(?:(?:responsibility|credit)\s+(?:for\s+)?)?(?:(?:the|this|that)"
    r"\s+(?:[\w-]+\s+){1,2})?$"
    # "claimed the attack in a video posted on social media on Sunday": when it was posted
    r"|\b(?:posted|published|released|shared|circulated|broadcast|aired)\s+(?:on|to|via)"
    r"\s+(?:[\w-]+\s+){1,3}$"
)
#: "claimed the Kasa attack through its news agency on Tuesday": when it was claimed, told
#: further from the verb than `_REPORTING`'s 40 characters (matched on 100 before the date).
_CLAIMED_THROUGH = re.compile(
    r"\bclaim(?:ed|s)\s+(?:(?:responsibility|credit)\s+(?:for\s+)?)?(?:the|this|that)"
    r"\s+(?:[\w-]+\s+){1,3}(?:through|via|in|on)\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,3}"
    r"(?:agency|channel|channels|outlet|outlets|website|account|statement|app|media)\s+(?:on\s+)?$"
)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?\w+ed\b")
#: After a weekday: its weekly rite ("Friday prayers"), a day only when no other is told.
_RITE = re.compile(r"\s+(?:prayers?|sermons?|mass|services?|worship)\b")
#: In the clause before a weekday: it is the coming one ("will start on Tuesday").
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is scheduled|are scheduled|is set|are set|is expected"
    r"|are expected|plans?|planned|next)\b[^,;.]*$"
)
#: Relative days said of a day already named ("a day earlier"), and how many days back they
#: are: from publication when no day was named, else from that day (events/extractor.py).
DAYS_BEFORE_THE_LAST = {
    "the day before": 1,
    "a day earlier": 1,
    "the previous day": 1,
}
#: Days back from publication of the relative days ("yesterday": 1).
_DAYS_BACK = {
    "yesterday": 1,
    "last night": 1,
    "the night before last": 2,
    "the day before yesterday": 2,
    **DAYS_BEFORE_THE_LAST,
}
#: "over the past 24 hours" before a morning or midday publication: mostly the day before.
_LAST_24_HOURS_BACK = 1


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    precision: DatePrecision
    resolved_from: str
    reporting: bool  # "said on Friday": when it was said, not when it happened


def _year_for(month: int, day: int, published: dt.date, year: str | None) -> int:
    if year:
        return int(year)
    # A date later than publication without a year is last year's.
    guess = published.year
    try:
        if dt.date(guess, month, day) > published + dt.timedelta(days=1):
            guess -= 1
    except ValueError:
        pass
    return guess


def find_dates(
    text: str, folded: str, start: int, end: int, published: dt.date
) -> list[DateMention]:
    """Date expressions in folded[start:end], resolved; in text order."""
    end = min(end, start + MAX_SENTENCE_CHARS)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _gated(folded[start:end]):
        for m in pattern.finditer(folded, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            day, precision, source = resolved
            before = folded[max(start, m.start() - 40) : m.start()]
            if before.rstrip().endswith(("since", "until", "from", "before")) and kind not in (
                "weekday",
                "yesterday",
            ):
                continue
            if before.rstrip().endswith(("as of", "as at", "as on")):
                continue  # "as of Monday": when a running figure stood, not an event's day
            if m.group() == "overnight" and _PAST_PERFECT.search(folded, start, m.start()):
                continue  # "the gang had tried to advance overnight": the story's night, not
                # the one before publication; the day told before it holds
            if kind == "weekday" and _FUTURE.search(before):
                # "a curfew will start on Tuesday": the coming one, no event's day
                day = published + dt.timedelta(days=(day - published).days % 7 or 7)
            reporting = (
                _REPORTING.search(before) is not None
                or _CLAIMED_THROUGH.search(folded, max(start, m.start() - 100), m.start())
                is not None
            )
            if kind == "weekday" and _RITE.match(folded, m.end()):
                # "during Friday prayers": the weekly rite; another date told beside it wins
                reporting = True
            found.append(DateMention(m.start(), m.end(), day, precision, source, reporting))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def _gated(window: str) -> list[tuple[str, re.Pattern[str]]]:
    """The (kind, pattern) of `_PATTERNS` whose gates all have a cue in `window`."""
    open_gates = {gate for gate, cues in _CUES.items() if any(cue in window for cue in cues)}
    return [
        (kind, pattern)
        for kind, gates, pattern in _PATTERNS
        if all(gate in open_gates for gate in gates)
    ]


def _resolve(
    kind: str, m: re.Match[str], published: dt.date
) -> tuple[dt.date, DatePrecision, str] | None:
    try:
        if kind == "iso":
            return dt.date(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY, "explicit"
        if kind == "day_month":
            month, day = MONTHS[m[2]], int(m[1])
            year = _year_for(month, day, published, m[3])
            return dt.date(year, month, day), DatePrecision.DAY, "explicit"
        if kind == "month_day":
            month, day = MONTHS[m[1]], int(m[2])
            year = _year_for(month, day, published, m[3])
            return dt.date(year, month, day), DatePrecision.DAY, "explicit"
        if kind == "numeric":
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            day, month = (a, b) if b <= 12 else (b, a)
            return dt.date(year, month, day), DatePrecision.DAY, "explicit"
        if kind == "last_month_name":
            month = MONTHS[m[1] or m[2]]
            year = published.year - 1 if m[2] or month >= published.month else published.year
            return dt.date(year, month, 1), DatePrecision.MONTH, "relative"
        if kind == "part_month":
            month = MONTHS[m[2]]
            year = _year_for(month, 1, published, m[3])
            # early, mid, late: a ten-day span, dated by its first day at week precision
            day = _PART_DAY.get(m[1].removeprefix("the ").rstrip("-"), 1)
            return dt.date(year, month, day), DatePrecision.WEEK, "explicit"
        if kind == "in_month":
            month = MONTHS[m[1]]
            year = _year_for(month, 1, published, m[2])
            return dt.date(year, month, 1), DatePrecision.MONTH, "explicit"
        if kind == "part_year":
            year = int(m[2])
            if year > published.year or year < 1900:
                return None
            return dt.date(year, _PART_MONTH.get(m[1], 1), 1), DatePrecision.YEAR, "explicit"
    except ValueError:
        return None
    if kind == "ago":
        amount = 1 if m[1] in ("a", "an", "one") else UNITS_SMALL.get(m[1]) or int(m[1])
        unit = m[2].rstrip("s")
        days = amount * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        precision = {
            "day": DatePrecision.DAY,
            "week": DatePrecision.WEEK,
            "month": DatePrecision.MONTH,
            "year": DatePrecision.YEAR,
        }[unit]
        return published - dt.timedelta(days=days), precision, "relative"
    if kind == "yesterday":
        word = m[1]
        back = _LAST_24_HOURS_BACK if word.endswith("hours") else _DAYS_BACK.get(word, 0)
        return published - dt.timedelta(days=back), DatePrecision.DAY, "relative"
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[m[1]]) % 7
        if back == 0 and m[0].startswith("last"):
            back = 7
        return published - dt.timedelta(days=back), DatePrecision.DAY, "relative"
    if kind == "week":
        phrase = m[1]
        if phrase.startswith(("last week", "previous week")):
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return monday, DatePrecision.WEEK, "relative"
        if phrase.startswith(("this week", "earlier this week")):
            return (
                published - dt.timedelta(days=published.weekday()),
                DatePrecision.WEEK,
                "relative",
            )
        return published - dt.timedelta(days=6), DatePrecision.WEEK, "relative"
    if kind == "month":
        if m[1] in ("last month", "previous month"):
            first = published.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=1), DatePrecision.MONTH, "relative"
        return published.replace(day=1), DatePrecision.MONTH, "relative"
    if kind == "year":
        return dt.date(published.year - 1, 1, 1), DatePrecision.YEAR, "relative"
    if kind == "consecutive":
        # Still going on at publication: the day it is reported for.
        return published, DatePrecision.DAY, "relative"
    return None


def choose_date(text: str, mentions: list[DateMention], published: dt.date) -> EventDate:
    """The event's date: the first non-reporting date, else a reporting one, else publication."""
    usable = [d for d in mentions if d.date <= published + dt.timedelta(days=1)]
    pick = next((d for d in usable if not d.reporting), None)
    confidence = 0.85
    if pick is None and usable:
        pick = usable[0]
        confidence = 0.65
    if pick is None:
        return EventDate(
            date=published,
            precision=DatePrecision.DAY,
            resolved_from="publication",
            confidence=0.35,
        )
    if pick.precision is not DatePrecision.DAY:
        confidence -= 0.1
    return EventDate(
        date=pick.date,
        precision=pick.precision,
        resolved_from=pick.resolved_from,
        confidence=confidence,
        evidence=span(text, pick.start, pick.end),
    )
