"""Actors: who acts, typed (ActorType + ACLED inter code) and tied to a country.

All from data files, the actor phrases found in one Aho-Corasick pass: a demonym or
country followed by a head noun ("Nigerien troops", "Ukraine's army", "US officials");
fixed names ("Kremlin", "NATO") and the armed groups of the world's conflicts
(armed_groups.yaml: "ISWAP", "Sinaloa Cartel", "Tatmadaw"); generic words ("militants",
"regime forces"), which are the actors of the article's own country; and officials'
titles next to a PERSON entity ("regional governor Pavlo Kyrylenko"). A group of another
country needs evidence in the text: its name, or, for names that are also other things
("KIA", "PDF"), its country.
Capital-city metonyms ("Moscow", "kyiv"), bare country names and "the regime" count as
actors only when they act: followed by a verb, or after "by"; never after "in", "near".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import pycountry

from sitrep.extraction.analysis import Entity
from sitrep.extraction.events import resources
from sitrep.extraction.events.spans import ByStart, Intervals, longest
from sitrep.extraction.events.text import Hit, PhraseIndex, fold
from sitrep_contracts import Actor, ActorRole, ActorType

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
    r"responded|admitted|acknowledged|refused|agreed|carried|hit|targeted|bombed|used|"
    r"violated|violates|resorted|opened|bombarded|raided|stormed|invaded|seized|killed)\b"
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


class _Reads(Enum):
    """How a phrase names an actor, which decides when it may."""

    NAME = "name"  # a name of its own: evidence in itself
    WEAK = "weak"  # a name that is also something else: needs the text to back it
    LOCAL = "local"  # a common word that means this actor in articles about its countries
    GENERIC = "generic"  # a common word for the article's own country's actor
    REFER = "refer"  # "the group": the one armed group named before, else nobody
    HEAD = "head"  # "forces", "army": the actor of the country named right before it
    COUNTRY = "country"  # a country's name or demonym: evidence of the country only


@dataclass(frozen=True, slots=True)
class _Reading:
    reads: _Reads
    #: The actor; a "{country}" in its name, and a country of None, are filled in per
    #: article (see `ActorFinder._localise`).
    spec: ActorSpec | None = None
    #: Where the phrase reads so (a group's countries, its home first).
    countries: tuple[str, ...] = ()
    #: The country the phrase itself names ("Syrian", "Syria").
    country_word: str | None = None
    #: The days it reads so: an actor whose standing changed ("Taliban" are Afghanistan's
    #: state forces since August 2021) has one entry for each period.
    since: dt.date | None = None
    until: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether it reads so on `day`; an undated text is read as of today (news)."""
        if day is None:
            return self.until is None
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


_READS_CONFIDENCE = {
    _Reads.NAME: 0.85,
    _Reads.WEAK: 0.75,
    _Reads.LOCAL: 0.75,
    _Reads.GENERIC: 0.7,
    _Reads.REFER: 0.6,
    _Reads.HEAD: 0.85,
}


class ActorFinder:
    """Actor mentions from data tables; the actor phrases in one pass over the article.

    `data` is actors.yaml (head nouns, fixed names, generic words, titles, sources),
    `demonyms` the rows of demonyms.tsv, `groups` armed_groups.yaml (read from the package
    when not given). Which actor an ambiguous phrase is depends on the article: see
    `find`."""

    def __init__(
        self,
        data: dict[str, Any],
        demonyms: list[list[str]],
        groups: dict[str, Any] | None = None,
    ) -> None:
        if groups is None:
            groups = resources.load_yaml("armed_groups.yaml")
        self._display: dict[str, str] = {}
        country_forms: dict[str, str] = {}
        for row in demonyms:
            iso3, display, forms = row[0], row[1], row[2]
            if pycountry.countries.get(alpha_3=iso3) is None:
                raise ValueError(f"unknown ISO3 code in demonyms.tsv: {iso3}")
            self._display[iso3] = display
            for form in forms.split(","):
                if form.strip():
                    country_forms[form.strip()] = iso3
        # Every country's own names, from pycountry, and the table's display names.
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
        #: `_localise` answers by spec and country (bounded: table specs times countries).
        self._localised: dict[tuple[ActorSpec, str | None], ActorSpec | None] = {}
        readings: dict[str, list[_Reading]] = {}

        def add(phrase: str, reading: _Reading) -> None:
            phrase = str(phrase).strip()
            key = phrase if phrase != phrase.lower() else fold(phrase)
            readings.setdefault(key, []).append(reading)

        for form, iso3 in {**names_only, **country_forms}.items():
            add(form, _Reading(_Reads.COUNTRY, country_word=iso3))
        for name, iso3 in names_only.items():
            government = f"Government of {self._display[iso3]}"
            spec = ActorSpec(government, ActorType.GOVERNMENT, 1, iso3, metonym=True)
            add(name, _Reading(_Reads.NAME, spec, (iso3,), country_word=iso3))
        for type_name, head in data["heads"].items():
            spec = ActorSpec(head["name"], ActorType(type_name), head["inter"], None)
            for word in [*head["words"], *head.get("places", [])]:
                add(word, _Reading(_Reads.HEAD, spec))
        for entry in [*data["fixed"], *groups["groups"]]:
            for phrase, reading in _entry_readings(entry):
                add(phrase, reading)
        #: ACLED's actor for armed men nobody names: the first generic armed group.
        self._unidentified = next(
            _entry_spec(e) for e in data["generic"] if e["type"] == "political_militia"
        )
        places_of = {t: h.get("places", []) for t, h in data["heads"].items()}
        for entry in data["generic"]:
            spec = _entry_spec(entry)
            # a head's places stand alone for the article's own actor of its type (the
            # first generic row of that type that is no metonym)
            places = places_of.pop(entry["type"], []) if not entry.get("metonym") else []
            for word in [*entry["words"], *places]:
                add(word, _Reading(_Reads.GENERIC, spec))
        for word in data.get("refer", ()):
            add(word, _Reading(_Reads.REFER, self._unidentified))
        #: Whether any phrase reads differently by date (see `_as_of`).
        self._dated = any(r.since or r.until for found in readings.values() for r in found)
        index: PhraseIndex[tuple[_Reading, ...]] = PhraseIndex()
        for key, found in readings.items():
            index.add(key, tuple(found))
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

    def unidentified(self, country: str | None) -> ActorSpec:
        """ACLED's "Unidentified Armed Group (X)": who struck when the text names nobody."""
        spec = self._localise(self._unidentified, country)
        return spec if spec is not None else self._unidentified

    def country_in(self, text: str, folded: str) -> str | None:
        hits = self.demonyms.find(text, folded)
        return hits[0].value if hits else None

    def phrase_indexes(self) -> list[PhraseIndex[Any]]:
        """The indexes `find` and `sources` read over a whole article (`share_scans`);
        not the demonyms, which `country_in` reads over shorter texts."""
        return [self._index, self._titles, self._sources]

    def sources(self, text: str, folded: str) -> list[Hit[str]]:
        return self._sources.find(text, folded)

    def find(
        self,
        text: str,
        folded: str,
        entities: list[Entity],
        focus_iso3: str | None,
        published: dt.date | None = None,
    ) -> list[ActorMention]:
        """Actor mentions in the whole article, in text order.

        A phrase may read several ways; the first that holds, in this order, is taken:
        what it means in the article's own country (`focus_iso3`: "separatists" in
        Cameroon, "IS" in Nigeria); a name of its own (a group named abroad is of its
        home country); a name that is also something else ("KIA", "PDF"), when the text
        names one of its countries or names the group outright; a generic word ("militants",
        "security forces"): the article's own country's actor. A head noun right after a
        country ("Syrian troops", "Iran's army") is that country's; never after "pro-" or
        "anti-". An actor whose standing changed is read as it stood when the article
        was `published` (today when not given)."""
        hits = self._index.find(text, folded)
        if self._dated:
            hits = [_as_of(hit, published) for hit in hits]
        mentioned: set[str] = set()  # countries the text names
        named: set[str] = set()  # actors the text names by a name of their own
        countries: list[Hit[str]] = []
        for hit in hits:
            for reading in hit.value:
                if reading.country_word is not None:
                    mentioned.add(reading.country_word)
                if reading.reads is _Reads.NAME and reading.spec is not None:
                    named.add(reading.spec.name)
                    if reading.spec.actor_type in _STATE and (
                        reading.spec.country or reading.countries
                    ):
                        # a state's own forces named ("Ukrainian forces", "Tatmadaw") name it
                        mentioned.add(reading.spec.country or reading.countries[0])
            word = _country_word(hit)
            if word is not None:
                countries.append(Hit(hit.start, hit.end, word))
        mentions = _refer_back(
            folded, self._mentions(folded, hits, focus_iso3, frozenset(mentioned), frozenset(named))
        )
        # Country hits serve both coordinated forces and officials' titles.
        title_hits = self._titles.find(text, folded)
        if " and " in folded:
            mentions.extend(self._coordinated(folded, mentions, countries))
        mentions.sort(key=lambda m: m.start)
        people = [e for e in entities if e.label == "PERSON"]
        titled = self._officials(text, people, mentions, focus_iso3, title_hits, countries)
        if titled:
            covered = Intervals([(m.start, m.end) for m in titled])
            mentions = [m for m in mentions if not covered.covers(m.start, m.end)]
            mentions.extend(titled)
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _mentions(
        self,
        folded: str,
        hits: list[Hit[tuple[_Reading, ...]]],
        focus: str | None,
        mentioned: frozenset[str],
        named: frozenset[str],
    ) -> list[tuple[ActorMention, _Reads]]:
        """Each hit read as one actor (or none), with how it was read."""
        out: list[tuple[ActorMention, _Reads]] = []
        country: Hit[str] | None = None  # a country word whose head noun comes next
        for k, hit in enumerate(hits):
            word = _country_word(hit)
            following = hits[k + 1] if k + 1 < len(hits) else None
            if (
                word is not None
                and following is not None
                and not _against(folded, hit.start)
                and _joins(folded, hit.end, following.start)
                and any(r.reads is _Reads.HEAD for r in following.value)
                and not any(r.reads is _Reads.NAME and word in r.countries for r in following.value)
            ):
                country = Hit(hit.start, hit.end, word)
                continue  # "Syrian troops": the head makes the mention
            head = next((r for r in hit.value if r.reads is _Reads.HEAD), None)
            if country is not None and head is not None and head.spec is not None:
                spec = self._localise(head.spec, country.value)
                if spec is not None:
                    out.append(
                        (ActorMention(country.start, hit.end, spec, confidence=0.85), _Reads.HEAD)
                    )
                country = None
                continue
            country = None
            if _against(folded, hit.start):
                continue
            chosen = self._read(hit.value, focus, mentioned, named)
            if chosen is None:
                continue
            spec, reads = chosen
            if spec.metonym and not _acts(folded, hit.start, hit.end):
                continue
            if out and reads is _Reads.GENERIC and _extends(folded, out[-1], spec, hit.start):
                # "Taliban fighters", "BIR soldiers": one mention of the named actor
                last, last_reads = out[-1]
                out[-1] = (replace(last, end=hit.end), last_reads)
                continue
            if out and reads is _Reads.NAME and _affiliates(folded, out[-1], spec, hit.start):
                # "gunmen believed to belong to X", "militants linked to X": X's own men
                last, _ = out[-1]
                out[-1] = (replace(last, end=hit.end, spec=spec), reads)
                continue
            confidence = 0.6 if spec.metonym else _READS_CONFIDENCE[reads]
            out.append((ActorMention(hit.start, hit.end, spec, confidence=confidence), reads))
        return out

    def _read(
        self,
        readings: tuple[_Reading, ...],
        focus: str | None,
        mentioned: frozenset[str],
        named: frozenset[str],
    ) -> tuple[ActorSpec, _Reads] | None:
        """The actor a phrase names in this article (the order is `find`'s docstring)."""
        chosen: tuple[_Reading, str | None] | None = None
        if focus is not None:
            chosen = next(((r, focus) for r in readings if r.spec and focus in r.countries), None)
        if chosen is None:
            chosen = next(
                ((r, _home(r)) for r in readings if r.spec and r.reads is _Reads.NAME), None
            )
        if chosen is None:
            for r in readings:
                if r.spec is None or r.reads is not _Reads.WEAK:
                    continue
                seen = [c for c in r.countries if c in mentioned]
                if seen or r.spec.name in named:
                    chosen = (r, seen[0] if seen else _home(r))
                    break
        if chosen is None:
            chosen = next(
                (
                    (r, focus)
                    for r in readings
                    if r.spec and r.reads in (_Reads.GENERIC, _Reads.REFER)
                ),
                None,
            )
        if chosen is None or chosen[0].spec is None:
            return None
        spec = self._localise(chosen[0].spec, chosen[1])
        return (spec, chosen[0].reads) if spec is not None else None

    def _localise(self, spec: ActorSpec, country: str | None) -> ActorSpec | None:
        """The spec for one country: its own fixed country, else `country`; "{country}" in
        the name becomes that country's display name. A name that needs a country and has
        none ("Military Forces of {country}") names nobody; "Civilians ({country})" becomes
        "Civilians"."""
        key = (spec, country)
        if key not in self._localised:
            self._localised[key] = self._localised_spec(spec, country)
        return self._localised[key]

    def _localised_spec(self, spec: ActorSpec, country: str | None) -> ActorSpec | None:
        country = spec.country or country
        name = spec.name
        if "{country}" in name:
            if country is not None:
                name = name.replace("{country}", self.display_name(country))
            elif "({country})" in name:
                name = name.replace("({country})", "").strip()
            else:
                return None
        if name == spec.name and country == spec.country:
            return spec
        return replace(spec, name=name, country=country)

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
            if org is None and demonym is None:
                # "an official of the occupation administration", "a spokesman for the army"
                org = next(
                    (
                        m
                        for m in mentions_at.within(title_hit.end, title_hit.end + 16)
                        if _OF_THE.fullmatch(text, title_hit.end, m.start)
                    ),
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
                title_start = min(title_start, org.start)
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


def _entry_spec(entry: dict[str, Any]) -> ActorSpec:
    return ActorSpec(
        entry["name"],
        ActorType(entry["type"]),
        entry.get("inter"),
        entry.get("country"),
        bool(entry.get("metonym", False)),
    )


def _entry_readings(entry: dict[str, Any]) -> Iterator[tuple[str, _Reading]]:
    """The phrases of one fixed actor or armed group (actors.yaml, armed_groups.yaml)."""
    spec = _entry_spec(entry)
    countries = tuple(entry.get("countries") or ())
    for iso3 in countries:
        if pycountry.countries.get(alpha_3=iso3) is None:
            raise ValueError(f"{entry['name']}: unknown ISO3 code {iso3}")
    since, until = _day(entry.get("since")), _day(entry.get("until"))
    for field_name, reads in (
        ("names", _Reads.NAME),
        ("weak", _Reads.WEAK),
        ("local", _Reads.LOCAL),
    ):
        for phrase in entry.get(field_name) or ():
            yield str(phrase), _Reading(reads, spec, countries, since=since, until=until)


def _day(value: object) -> dt.date | None:
    """A `since` / `until` of the tables (YAML reads an ISO date as a date)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _as_of(hit: Hit[tuple[_Reading, ...]], published: dt.date | None) -> Hit[tuple[_Reading, ...]]:
    """The hit with only the readings that hold on the day the article was published."""
    kept = tuple(r for r in hit.value if r.holds_on(published))
    return hit if len(kept) == len(hit.value) else Hit(hit.start, hit.end, kept)


def _country_word(hit: Hit[tuple[_Reading, ...]]) -> str | None:
    return next((r.country_word for r in hit.value if r.reads is _Reads.COUNTRY), None)


_STATE_FORCES = frozenset({ActorType.MILITARY, ActorType.POLICE})
_STATE = _STATE_FORCES | {ActorType.GOVERNMENT}
_ARMED_GROUPS = frozenset(
    {ActorType.REBELS, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA}
)


def _extends(folded: str, last: tuple[ActorMention, _Reads], spec: ActorSpec, start: int) -> bool:
    """A generic noun right after a named actor of its kind ("al-Shabaab militants"), or
    forces of a state after a named armed group: its own ("Houthi security forces", "Houthi
    police"), where a group holds ground and polices it."""
    mention, reads = last
    if reads in _UNNAMED or folded[mention.end : start] != " ":
        return False
    kinds = (mention.spec.actor_type, spec.actor_type)
    return all(k in _STATE_FORCES for k in kinds) or (
        kinds[0] in _ARMED_GROUPS and kinds[1] in _ARMED_GROUPS | _STATE_FORCES
    )


def _affiliates(
    folded: str, last: tuple[ActorMention, _Reads], spec: ActorSpec, start: int
) -> bool:
    """Armed men of no name told as a named armed group's ("gunmen believed to belong to
    Islamic State cells", "militants affiliated with al-Shabaab"): that group's own."""
    mention, reads = last
    return (
        reads is _Reads.GENERIC
        and mention.spec.actor_type in _ARMED_GROUPS
        and spec.actor_type in _ARMED_GROUPS
        and _AFFILIATED.fullmatch(folded, mention.end, start) is not None
    )


#: Between armed men of no name and the named group they belong to.
_AFFILIATED = re.compile(
    r",? (?:(?:who (?:are|were) )?(?:believed|thought|suspected|said|reported|alleged) to "
    r"(?:belong to|be (?:members|fighters|part) of|be (?:linked|affiliated|allied) (?:to|with)"
    r"|be from)|affiliated (?:with|to)|linked to|loyal to|belonging to|allied (?:with|to)"
    r"|suspected of (?:links|ties) (?:to|with)|with (?:links|ties) to|members of|fighters of)"
    r" (?:the )?"
)


def _refer_back(folded: str, found: list[tuple[ActorMention, _Reads]]) -> list[ActorMention]:
    """Generic words after the one armed group an article names are that group ("the
    militants"): news names a group once and then calls it by what it is; so are those of
    the sentences just before its name (`_named_soon`). Not when the article names several
    groups, and never words that say the men are unknown ("unknown gunmen"). "The group"
    is that group when it comes after its name, and nobody otherwise ("the group of
    pilgrims")."""
    found = _apposed(folded, found)
    groups = [
        m for m, reads in found if reads not in _UNNAMED and m.spec.actor_type in _ARMED_GROUPS
    ]
    group = groups[0] if groups and len({m.spec.name for m in groups}) == 1 else None
    out = []
    for mention, reads in found:
        if reads is _Reads.REFER:
            if (
                group is None
                or mention.start < group.start
                or folded.startswith(" of ", mention.end)
            ):
                continue
            mention = replace(mention, spec=group.spec)
        elif (
            group is not None
            and reads is _Reads.GENERIC
            and (mention.start > group.start or _named_soon(folded, mention, group))
            and mention.spec.actor_type is ActorType.POLITICAL_MILITIA
            and not folded.startswith(_UNKNOWN, mention.start)
        ):
            mention = replace(mention, spec=group.spec, confidence=0.6)
        out.append(mention)
    return out


#: Readings that name no group of their own.
_UNNAMED = frozenset({_Reads.GENERIC, _Reads.REFER})
_UNKNOWN = ("unknown", "unidentified", "masked", "suspected")
#: How far (characters, a few sentences) before a group's first name a generic word may
#: already mean it.
_NAMED_SOON = 800
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s|\n")


def _named_soon(folded: str, mention: ActorMention, group: ActorMention) -> bool:
    """A lead tells "militants" what the next sentences name ("Militants shelled a post.
    X said it ..."); within one sentence a group named after the generic word is another
    party to it ("gunmen, X said, attacked")."""
    return (
        group.start - _NAMED_SOON < mention.start
        and _SENTENCE_BREAK.search(folded, mention.end, group.start) is not None
    )


#: Between a generic noun and the group's name in apposition: "the armed group X",
#: "the militant group X", "the rebel group the X", "a criminal group known as X", "the
#: criminal group "X"", "the criminal group "Y" / "X"" (one group's two names).
_APPOSITION_GAP = re.compile(
    r"(?: groups?)?(?:,? (?:known as|called|calling itself|named))?"
    r"(?:, from)?"  # "the attackers, from the X coalition"
    r" (?:the )?[\"“]?"
    r"(?:[^\"“”\n/]{1,40}[\"”] ?/ ?[\"“]?)?"
)


def _apposed(
    folded: str, found: list[tuple[ActorMention, _Reads]]
) -> list[tuple[ActorMention, _Reads]]:
    """A generic word right before an armed group's name is that group ("the armed group
    Kachin Independence Army", "the militant group Boko Haram", "the attackers, from the
    Arakan Army"), not an unidentified one."""
    out = list(found)
    for k in range(len(out) - 1):
        (mention, reads), (name, name_reads) = out[k], out[k + 1]
        if (
            reads in _UNNAMED
            and name_reads not in _UNNAMED
            and mention.spec.actor_type in _ARMED_GROUPS
            and name.spec.actor_type in _ARMED_GROUPS
            and _APPOSITION_GAP.fullmatch(folded, mention.end, name.start) is not None
        ):
            out[k] = (replace(mention, spec=name.spec, confidence=0.6), name_reads)
    return out


def _home(reading: _Reading) -> str | None:
    return reading.countries[0] if reading.countries else None


def _joins(folded: str, end: int, start: int) -> bool:
    """A country word and the head noun after it make one phrase: "Syrian troops",
    "Syria's army", "Saudi-led airstrikes" (the leading country's: a coalition's strikes
    are coded to the state that leads it)."""
    gap = folded[end:start]
    return gap == " " or gap == "'s " or gap == "-led "


def _against(folded: str, start: int) -> bool:
    """After "pro-" or "anti-" ("pro-Russian forces") a phrase names the other side."""
    return (
        start > 0
        and folded[start - 1] == "-"
        and folded.endswith(("pro-", "anti-"), max(0, start - 5), start)
    )


#: Between a title and the body it serves: "official of the", "spokesperson for".
_OF_THE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?", re.IGNORECASE)


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


def armed_other_side(actors: list[Actor]) -> list[Actor]:
    """A battle is fought between armed sides (ACLED): when its actor2 is civilians and the
    incident names another armed actor than actor1, that one is actor2 and the civilians
    are associated ("clashes with separatists ... residents said")."""
    roles = {a.role: a for a in actors if a.role in (ActorRole.ACTOR1, ActorRole.ACTOR2)}
    actor2 = roles.get(ActorRole.ACTOR2)
    if actor2 is None or actor2.actor_type is not ActorType.CIVILIANS:
        return actors
    actor1 = roles.get(ActorRole.ACTOR1)
    armed = next(
        (
            a
            for a in actors
            if a.role is ActorRole.ASSOCIATED
            and a.actor_type in _FIGHTING
            and a.person is None
            and (actor1 is None or a.name != actor1.name)
        ),
        None,
    )
    if armed is None:
        return actors
    swapped = {
        id(actor2): actor2.model_copy(update={"role": ActorRole.ASSOCIATED}),
        id(armed): armed.model_copy(update={"role": ActorRole.ACTOR2}),
    }
    out = [swapped.get(id(a), a) for a in actors]
    # actor2 stays right after actor1, as the extractor lists them
    out.sort(key=lambda a: (a.role is not ActorRole.ACTOR1, a.role is not ActorRole.ACTOR2))
    return out
