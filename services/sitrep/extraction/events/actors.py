"""Actors: who acts, typed (ActorType + ACLED inter code) and tied to a country.

Three sources, all from data files: fixed names ("Kremlin", "DPR", "NATO"), a demonym or
country followed by a head noun ("Russian forces", "Ukraine's army", "US officials"), and
officials' titles next to a PERSON entity ("regional governor Pavlo Kyrylenko").
Capital-city metonyms ("Moscow", "kyiv") and bare country names count as actors only
when they act: followed by a verb, or after "by"; never after "in", "near", "to".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import pycountry

from sitrep.extraction.analysis import Entity
from sitrep.extraction.events.spans import ByStart, Intervals, longest
from sitrep.extraction.events.text import Hit, PhraseIndex
from sitrep_contracts import ActorType

_LOCATIVE = (
    "in",
    "near",
    "to",
    "from",
    "at",
    "around",
    "outside",
    "of",
    "towards",
    "toward",
    "into",
    "over",
    "across",
    "under",
    "on",
    "across",
    "via",
    "between",
    "and",
)
_VERB_AFTER = re.compile(
    r"\s*(?:'s\s+\w+\s+)?(?:also\s+|has\s+|have\s+|had\s+|is\s+|was\s+|will\s+|would\s+)?"
    r"(?:said|says|claimed|claims|announced|announces|reported|reports|sent|sends|deployed|"
    r"launched|launches|attacked|attacks|shelled|shells|fired|fires|struck|strikes|is|was|has|"
    r"had|will|would|accused|accuses|denied|denies|confirmed|confirms|recaptured|captured|"
    r"retook|regained|continues|continued|stated|told|warned|insisted|ordered|"
    r"responded|admitted|acknowledged|refused|agreed|carried|hit|targeted|bombed|used)\b"
)
#: After a demonym: "and [the] <one or two words> forces" ("Russian and DPR's forces").
_CONJUNCT_HEAD = re.compile(
    r"\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){1,2}?(?:armed\s+|military\s+)?"
    r"(?:forces|troops|army|armies|military|militaries|soldiers|servicemen|units|fighters)\b"
)
_FIGHTING = {
    ActorType.MILITARY,
    ActorType.POLICE,
    ActorType.REBELS,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.OTHER,
}


@dataclass(frozen=True, slots=True)
class ActorSpec:
    name: str
    actor_type: ActorType
    inter: int | None
    country: str | None
    metonym: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    spec: ActorSpec
    person: str | None = None
    title: str | None = None
    confidence: float = 0.8

    @property
    def fights(self) -> bool:
        return self.spec.actor_type in _FIGHTING and self.person is None


@dataclass(frozen=True, slots=True)
class _Title:
    title: str
    actor_type: ActorType


class ActorFinder:
    def __init__(self, data: dict[str, Any], demonyms: list[list[str]]) -> None:
        self._display: dict[str, str] = {}
        country_forms: dict[str, str] = {}
        for row in demonyms:
            iso3, display, forms = row[0], row[1], row[2]
            if pycountry.countries.get(alpha_3=iso3) is None:
                raise ValueError(f"unknown ISO3 code in demonyms.tsv: {iso3}")
            self._display[iso3] = display
            for form in forms.split(","):
                country_forms[form.strip()] = iso3
        # Every country's own names, from pycountry.
        names_only: dict[str, str] = {row[1].lower(): row[0] for row in demonyms}
        for country in pycountry.countries:
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    names_only.setdefault(value.lower(), country.alpha_3)
            self._display.setdefault(
                country.alpha_3, getattr(country, "common_name", None) or country.name
            )

        self.demonyms: PhraseIndex[str] = PhraseIndex()
        for form, iso3 in {**names_only, **country_forms}.items():
            self.demonyms.add(form, iso3)
        self.demonyms.build()

        self._military_name = data["heads"]["military"]["name"]
        index: PhraseIndex[ActorSpec] = PhraseIndex()
        for type_name, head in data["heads"].items():
            actor_type = ActorType(type_name)
            for form, iso3 in country_forms.items():
                name = head["name"].format(country=self._display[iso3])
                spec = ActorSpec(name, actor_type, head["inter"], iso3)
                for word in head["words"]:
                    index.add(f"{form} {word}", spec)
                    if not form.endswith("'s") and form[0].islower() and " " not in form:
                        # "the Russian side" is the same as "Russia's side"
                        pass
        for iso3_name, iso3 in names_only.items():
            display = self._display[iso3]
            index.add(
                iso3_name,
                ActorSpec(f"Government of {display}", ActorType.GOVERNMENT, 1, iso3, metonym=True),
            )
        for entry in data["fixed"]:
            spec = ActorSpec(
                entry["name"],
                ActorType(entry["type"]),
                entry.get("inter"),
                entry.get("country"),
                bool(entry.get("metonym", False)),
            )
            for phrase in entry["phrases"]:
                index.add(str(phrase), spec)
        self._index = index.build()

        titles: PhraseIndex[_Title] = PhraseIndex()
        for type_name, words in data["titles"].items():
            for word in words:
                titles.add(word, _Title(word, ActorType(type_name)))
        self._titles = titles.build()

        sources: PhraseIndex[str] = PhraseIndex()
        for word in data["sources"]:
            sources.add(word, word)
        self._sources = sources.build()

    def display_name(self, iso3: str) -> str:
        return self._display.get(iso3, iso3)

    def country_in(self, text: str, folded: str) -> str | None:
        hits = self.demonyms.find(text, folded)
        return hits[0].value if hits else None

    def sources(self, text: str, folded: str) -> list[Hit[str]]:
        return self._sources.find(text, folded)

    def find(
        self, text: str, folded: str, entities: list[Entity], focus_iso3: str | None
    ) -> list[ActorMention]:
        """Actor mentions in the whole article, in text order."""
        mentions: list[ActorMention] = []
        for hit in self._index.find(text, folded):
            spec = hit.value
            if spec.metonym and not _acts(folded, hit.start, hit.end):
                continue
            if spec.country == "focus":  # "government forces": whose depends on the article
                if focus_iso3 is None:
                    continue
                spec = replace(
                    spec,
                    country=focus_iso3,
                    name=spec.name.format(country=self.display_name(focus_iso3)),
                )
            mentions.append(
                ActorMention(hit.start, hit.end, spec, confidence=0.6 if spec.metonym else 0.85)
            )
        # Demonym hits serve both coordinated forces and officials' titles: found once,
        # and only when one of them can use them.
        title_hits = self._titles.find(text, folded)
        coordination = " and " in folded
        demonyms = self.demonyms.find(text, folded) if coordination or title_hits else []
        if coordination:
            mentions.extend(self._coordinated(folded, mentions, demonyms))
        mentions.sort(key=lambda m: m.start)
        people = [e for e in entities if e.label == "PERSON"]
        titled = self._officials(text, people, mentions, focus_iso3, title_hits, demonyms)
        if titled:
            covered = Intervals([(m.start, m.end) for m in titled])
            mentions = [m for m in mentions if not covered.covers(m.start, m.end)]
            mentions.extend(titled)
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _coordinated(
        self, folded: str, mentions: list[ActorMention], demonyms: list[Hit[str]]
    ) -> list[ActorMention]:
        """'Russian and Ukrainian forces', 'Russian and separatist forces': the first
        demonym shares the head noun of the second conjunct."""
        out = []
        covered = Intervals([(m.start, m.end) for m in mentions])
        for hit in demonyms:
            if covered.holds(hit.start):
                continue
            m = _CONJUNCT_HEAD.match(folded, hit.end, min(len(folded), hit.end + 60))
            if m is None:
                continue
            name = self._military_name.format(country=self.display_name(hit.value))
            spec = ActorSpec(name, ActorType.MILITARY, 1, hit.value)
            out.append(ActorMention(hit.start, hit.end, spec, confidence=0.7))
        return out

    def _officials(
        self,
        text: str,
        people: list[Entity],
        mentions: list[ActorMention],
        focus_iso3: str | None,
        title_hits: list[Hit[_Title]],
        demonyms: list[Hit[str]],
    ) -> list[ActorMention]:
        found: list[tuple[int, ActorMention]] = []
        # Offset indexes: each title looks only at what lies just around it.
        people_at, people_len = ByStart(people), longest(people)
        mentions_at, mentions_len = ByStart(mentions), longest(mentions)
        demonyms_at, demonyms_len = ByStart(demonyms), longest(demonyms)
        for title_hit in title_hits:
            person = _person_near(
                text,
                title_hit.start,
                title_hit.end,
                people_at.within(title_hit.start - 90 - people_len, title_hit.end + 121),
                bool(people),
            )
            if person is None:
                continue
            p_start, p_end, p_name = person
            start = min(title_hit.start, p_start)
            end = max(title_hit.end, p_end)
            # An organisation or demonym right before the title gives the country and type.
            near = (title_hit.start - 2 - mentions_len, title_hit.start + 1)
            org = next(
                (m for m in mentions_at.within(*near) if _adjacent(text, m.end, title_hit.start)),
                None,
            )
            near = (title_hit.start - 2 - demonyms_len, title_hit.start + 1)
            demonym = next(
                (h for h in demonyms_at.within(*near) if _adjacent(text, h.end, title_hit.start)),
                None,
            )
            actor_type = title_hit.value.actor_type
            country = None
            name = None
            confidence = 0.8
            title_start = title_hit.start
            if org is not None:
                country = org.spec.country
                actor_type = (
                    org.spec.actor_type
                    if org.spec.actor_type
                    in (
                        ActorType.MILITARY,
                        ActorType.GOVERNMENT,
                        ActorType.POLICE,
                        ActorType.REBELS,
                    )
                    else actor_type
                )
                name = org.spec.name
                start = min(start, org.start)
                title_start = org.start
            elif demonym is not None:
                country = demonym.value
                start = min(start, demonym.start)
            if country is None:
                country = focus_iso3
                confidence = 0.6
            if name is None:
                kind = "Military Forces" if actor_type is ActorType.MILITARY else "Government"
                name = f"{kind} of {self.display_name(country)}" if country else "Officials"
            title = text[title_start : title_hit.end]
            if org is not None and demonym is not None and demonym.start == org.start:
                title = text[demonym.end : title_hit.end].strip()
            spec = ActorSpec(
                name,
                actor_type,
                1
                if actor_type in (ActorType.MILITARY, ActorType.GOVERNMENT, ActorType.POLICE)
                else None,
                country,
            )
            found.append(
                (
                    p_start,
                    ActorMention(
                        start, end, spec, person=p_name, title=title.strip(), confidence=confidence
                    ),
                )
            )
        return _dedupe_people(found)


def _adjacent(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= 2 and not text[end:start].strip()


def _acts(folded: str, start: int, end: int) -> bool:
    if folded[end : end + 2] == "'s" or folded.startswith(" control", end):
        return True  # "Moscow's deployment", "under Moscow control"
    before = folded[max(0, start - 12) : start].split()
    if before and before[-1] in _LOCATIVE:
        return before[-1] == "by"
    if before and before[-1] == "by":
        return True
    if folded[end : end + 2] == "'s" or folded.startswith(" control", end):
        return True  # "Moscow's deployment", "under Moscow control"
    return _VERB_AFTER.match(folded, end, min(len(folded), end + 60)) is not None


_CAPWORDS = re.compile(r"\s+((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’-]+){0,3})")


def _person_near(
    text: str, t_start: int, t_end: int, people: list[Entity], any_people: bool | None = None
) -> tuple[int, int, str] | None:
    """A person named right after the title, or in apposition ("X, an official in Y").

    `people` may be only those near the title; `any_people` says whether the article has
    any (NER ran), which decides the fallback."""
    best: tuple[int, tuple[int, int, str]] | None = None
    for ent in people:
        if 0 <= ent.start - t_end <= 2:
            gap = ent.start - t_end
        elif 0 <= t_start - ent.end <= 90 and _apposition(text[ent.end : t_start]):
            gap = t_start - ent.end
        elif 0 <= ent.start - t_end <= 120 and _apposition(text[t_end : ent.start]):
            gap = ent.start - t_end
        else:
            continue
        if best is None or gap < best[0]:
            best = (gap, (ent.start, ent.end, ent.text))
    if best is not None:
        return best[1]
    if not (bool(people) if any_people is None else any_people):
        # no NER: take capitalised words right after the title
        m = _CAPWORDS.match(text, t_end, min(len(text), t_end + 60))
        if m:
            return m.start(1), m.end(1), m.group(1)
    return None


def _apposition(between: str) -> bool:
    return "," in between and "." not in between.replace("Mr.", "") and "\n" not in between


def _dedupe_people(found: list[tuple[int, ActorMention]]) -> list[ActorMention]:
    """One mention per named person occurrence: the tightest title wins."""
    by_person: dict[int, ActorMention] = {}
    for key, mention in found:
        old = by_person.get(key)
        if old is None or (mention.end - mention.start) < (old.end - old.start):
            by_person[key] = mention
    return sorted(by_person.values(), key=lambda m: m.start)


def as_military(mention: ActorMention, display: str) -> ActorMention:
    """'kyiv claimed to have regained...': the government's forces did the fighting."""
    spec = replace(
        mention.spec,
        name=f"Military Forces of {display}",
        actor_type=ActorType.MILITARY,
        inter=1,
        metonym=False,
    )
    return replace(mention, spec=spec, confidence=min(mention.confidence, 0.6))
