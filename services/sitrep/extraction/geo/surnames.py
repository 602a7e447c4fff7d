"""A person named again by surname is that person, not a place.

News gives a full name once ("a farmer, John Bade, was killed") and the surname after
("Bade was hacked to death"). A surname that is also a town in the gazetteer (or that NER
labels as one, read alone) would otherwise become a place and its sentence's victim
nobody. One word equal to the last word of a person of two or more words named earlier in
the article is read as that person; earlier mentions are left alone (a place may be named
before a person who shares its name).
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo.mentions import Mention


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
