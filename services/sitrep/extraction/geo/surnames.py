"""A person named again by surname is that person, not a place.

News gives a full name once ("a farmer, John Bade, was killed") and the surname after
("Bade was hacked to death"). A surname that is also a town in the gazetteer (or that NER
labels as one, read alone) would otherwise become a place and its sentence's victim
nobody. One word equal to the last word of a person of two or more words named earlier in
the article is read as that person; earlier mentions are left alone (a place may be named
before a person who shares its name). `name_runs` finds the words that look like a
person's name, for the NER to read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo.mentions import PERSON_AFTER, TITLES, Mention
from sitrep.extraction.geo.normalize import Token, fold_token


def surnames_as_people(entities: list[Entity], mentions: Sequence[Mention]) -> list[Entity]:
    """`entities` with later one-word mentions of a named person's surname as PERSON."""
    introduced: dict[str, int] = {}  # surname -> end of the first full name that has it
    for entity in entities:
        words = entity.text.split()
        if entity.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            introduced.setdefault(words[-1], entity.end)
    if not introduced:
        return entities

    def later(text: str, start: int) -> bool:
        return text in introduced and start >= introduced[text]

    out = [
        Entity(e.text, e.start, e.end, "PERSON") if later(e.text, e.start) else e for e in entities
    ]
    spans = {(e.start, e.end) for e in out}
    out.extend(
        Entity(m.text, m.start, m.end, "PERSON")
        for m in mentions
        if later(m.text, m.start) and (m.start, m.end) not in spans
    )
    out.sort(key=lambda e: e.start)
    return out


# Words right before a person's name, beyond the titles that veto a place reading.
_NAME_CUES = frozenset(
    fold_token(w)
    for w in TITLES
    | {
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "colonel",
        "col",
        "gen",
        "maj",
        "adm",
        "admiral",
        "ambassador",
        "chancellor",
        "premier",
        "envoy",
        "chairman",
        "chairwoman",
        "king",
        "queen",
        "prince",
        "pope",
    }
)
_SPEECH_VERBS = frozenset({"said", "says", "told", "added", "according", "by", "quoted"})
# "Ivan Petrenko, an official in ...", "Mark Ellison, US Secretary of Defense": apposition.
_APPOSITION = re.compile(r",\s+(?:(?:an?|the)\s+[a-z]|[A-Z]{2,3}\s+[A-Z][a-z])")


def name_runs(text: str, tokens: list[Token], first_names: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges that look like a person's name, for NER to confirm: capitalised
    words after a title ("governor Ivan Petrenko", "Mr. Warren"), two or more
    starting with a given name ("Karen Warren"), or followed by "said" / ", who"."""
    runs: list[tuple[int, int]] = []
    count = len(tokens)
    # Only capitalised words start a run: visit those alone (most of an article's words
    # are lower case).
    capitalised = [k for k, token in enumerate(tokens) if token.text[:1].isupper()]
    c = 0
    while c < len(capitalised):
        i = capitalised[c]
        j = i
        while j + 1 < count and tokens[j + 1].text[:1].isupper():
            gap = text[tokens[j].end : tokens[j + 1].start]
            if gap != " " and not (gap == ". " and len(tokens[j].text) == 1):
                break
            j += 1
        head = fold_token(tokens[i].text)
        # A title up to three words before ("US Secretary of State Mark Ellison"), or a
        # speech verb right before ("said Ivan Petrenko").
        titled = head in _NAME_CUES
        if not titled:
            for t in tokens[max(0, i - 3) : i]:
                if fold_token(t.text) in _NAME_CUES:
                    titled = True
                    break
        spoken = i > 0 and fold_token(tokens[i - 1].text) in _SPEECH_VERBS
        if (
            titled
            or (j > i and (head in first_names or spoken))
            or (j > i and PERSON_AFTER.match(text, tokens[j].end))
            or (j > i and _APPOSITION.match(text, tokens[j].end))
        ):
            runs.append((i, j))
        # The next run starts at the first capitalised word after this one.
        c += j - i + 1
    return runs
