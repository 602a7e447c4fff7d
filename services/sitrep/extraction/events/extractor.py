"""`EventExtractor`: article text + `TextAnalysis` in, `EnrichedEvent`s out.

Cheap by design: one Aho-Corasick pass each for triggers and actors over the whole text,
then token-level rules only on the sentences that hold a trigger.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pycountry

from sitrep.extraction.analysis import Sentence, TextAnalysis
from sitrep.extraction.events import resources
from sitrep.extraction.events.actors import (
    ActorFinder,
    ActorMention,
    armed_other_side,
    as_military,
)
from sitrep.extraction.events.attribution import Source, find_sources
from sitrep.extraction.events.casualties import (
    SPEECH_VERBS,
    CasualtyFinder,
    FoundCasualty,
    one_dead,
)
from sitrep.extraction.events.coding_notes import apply_coding_note, has_coding_note
from sitrep.extraction.events.dates import (
    DAYS_BEFORE_THE_LAST,
    DateMention,
    choose_date,
    find_dates,
)
from sitrep.extraction.events.event_types import (
    CAPTURE,
    PROTEST_CAUSE,
    EventTyper,
    Trigger,
    Typing,
    subordinate,
)
from sitrep.extraction.events.identity import event_id
from sitrep.extraction.events.incidents import (
    IncidentRules,
    date_span,
    dead_figures,
    group_incidents,
    killed_figures,
    own_day,
)
from sitrep.extraction.events.layout import LayoutReader
from sitrep.extraction.events.location import (
    PlaceIndex,
    is_demonym,
    main_town,
    narrowed,
    only_region,
    unlocated_village,
    usable,
)
from sitrep.extraction.events.roles import Role, RoleReader, SentenceRoles, quotations
from sitrep.extraction.events.segment import (
    ATTACH_WINDOW,
    Draft,
    merge,
    names_again,
    paragraphs,
    split_sentences,
)
from sitrep.extraction.events.sense import ArticleSense, SenseReader, keep_conflict
from sitrep.extraction.events.settle import (
    NON_STATE,
    STATE,
    agent,
    came_after,
    owns_losses,
    settle_type,
    speaks,
)
from sitrep.extraction.events.spans import ByStart, Intervals
from sitrep.extraction.events.split import listed_places, split_by_place
from sitrep.extraction.events.text import (
    MAX_SENTENCE_CHARS,
    Hit,
    PhraseIndex,
    fold,
    share_scans,
    span,
    tokenize,
    words_of,
)
from sitrep_contracts import (
    Actor,
    ActorRole,
    ActorType,
    Article,
    Attribution,
    Casualty,
    CasualtyKind,
    EnrichedEvent,
    EventDate,
    EventType,
    ExtractorInfo,
    PlacePrecision,
    Qualifier,
    ResolvedPlace,
    SubEventType,
    TextSpan,
    VictimType,
    names_nobody,
)

_VIOLENT = {
    EventType.BATTLES,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE,
    EventType.VIOLENCE_AGAINST_CIVILIANS,
}
_DEMONSTRATIONS = {EventType.PROTESTS, EventType.RIOTS}
#: How far after a capture verb a place may start to be what was captured.
_OBJECT_GAP = 15


@lru_cache(maxsize=512)
def _iso3(iso2: str | None) -> str | None:
    if not iso2:
        return None
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


def _home(doc: _Article, place: ResolvedPlace | None) -> str | None:
    """The ISO3 country of an event: its place's, else the article's focus."""
    return _iso3(place.country_code if place else doc.focus)


def _implied_actor(
    evidence: TextSpan,
    name: str,
    actor_type: ActorType,
    inter: int | None,
    country: str | None,
    role: ActorRole,
    confidence: float,
) -> Actor:
    """An actor the event implies with no mention of its own (the civilians hurt, the
    protesters, an unnamed attacker), told by the words that imply it."""
    return Actor(
        text=evidence.text,
        name=name,
        actor_type=actor_type,
        acled_inter=inter,
        country_iso3=country,
        role=role,
        confidence=confidence,
        evidence=evidence,
    )


@dataclass(frozen=True, slots=True)
class _Article:
    """Everything computed once per article and shared by its events."""

    text: str
    folded: str
    sentences: list[Sentence]
    paragraph_of: list[int]
    triggers: list[Hit[Trigger]]
    actors: list[ActorMention]
    people: list[Any]
    source_words: list[Hit[str]]
    focus: str | None
    places: list[ResolvedPlace]
    published: dt.date
    # Offset indexes over the lists above, built once: per-event lookups stay O(log n).
    place_index: PlaceIndex = field(default_factory=lambda: PlaceIndex([]))
    #: Spans whose places are never an event's place: actors, page furniture, datelines.
    no_place: Intervals = field(default_factory=lambda: Intervals([]))
    #: Datelines ("NIAMEY, Oct 8 -"): their date is when the story was filed.
    datelines: Intervals = field(default_factory=lambda: Intervals([]))
    #: Sentences that make no event (headings, page furniture).
    skipped: frozenset[int] = frozenset()
    #: The headline's sentences and the lead's paragraph (see `layout.Layout`).
    headline: tuple[int, ...] = ()
    lead: int = -1
    #: What each sentence does: report, total up, generalise (see `roles`).
    roles: SentenceRoles | list[Role] = field(default_factory=list)
    #: Direct speech: triggers inside it are someone's words, not the reporter's account.
    quoted: Intervals = field(default_factory=lambda: Intervals([]))
    #: Weapons, armed actors and other senses per sentence (see `sense`).
    sense: ArticleSense = field(default_factory=lambda: ArticleSense([], []))
    actors_at: ByStart[ActorMention] = field(default_factory=lambda: ByStart([]))
    people_at: ByStart[Any] = field(default_factory=lambda: ByStart([]))
    sources_at: ByStart[Hit[str]] = field(default_factory=lambda: ByStart([]))
    #: Per-sentence memos for the walks back through a paragraph (place, date).
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)


class EventExtractor:
    """Finds the events an article reports. Build once with `load()`; `extract()` is pure."""

    def __init__(
        self,
        typer: EventTyper,
        casualties: CasualtyFinder,
        actors: ActorFinder,
        layout: LayoutReader,
        roles: RoleReader,
        incident_rules: IncidentRules,
        sense: SenseReader,
    ) -> None:
        self._typer = typer
        self._casualties = casualties
        self._actors = actors
        self._layout = layout
        self._roles = roles
        self._incident_rules = incident_rules
        self._sense = sense
        # The phrases of actors, triggers and sense words in one pass over the article
        # (the same hits as a pass per index; see `SharedScan`).
        share_scans(self.phrase_indexes())

    @classmethod
    def load(cls, analyzer: object | None = None) -> EventExtractor:
        """Read the dictionaries and compile the automata (about a tenth of a second).

        `analyzer` is accepted for symmetry with the facade; events need only its output.
        """
        roles = resources.load_yaml("roles.yaml")
        casualty_words = resources.load_yaml("casualties.yaml")
        people = [w for words in casualty_words["victims"].values() for w in words]
        return cls(
            typer=EventTyper(resources.load_yaml("triggers.yaml"), people),
            casualties=CasualtyFinder(casualty_words),
            actors=ActorFinder(
                resources.load_yaml("actors.yaml"), resources.load_tsv("demonyms.tsv")
            ),
            layout=LayoutReader(resources.load_yaml("layout.yaml")),
            roles=RoleReader(roles),
            incident_rules=IncidentRules.from_roles(roles),
            sense=SenseReader(resources.load_yaml("sense.yaml")),
        )

    # -- public -----------------------------------------------------------------------

    def phrase_indexes(self) -> list[PhraseIndex[Any]]:
        """The phrase indexes `extract` reads over the whole article (`share_scans`)."""
        return [
            *self._actors.phrase_indexes(),
            *self._typer.phrase_indexes(),
            *self._sense.phrase_indexes(),
        ]

    def extract(
        self,
        article: Article,
        analysis: TextAnalysis,
        *,
        revision: str,
        extractor: ExtractorInfo,
        extracted_at: dt.datetime,
    ) -> list[EnrichedEvent]:
        doc = self._prepare(article, analysis)
        drafts = keep_conflict(
            self._drafts(doc), doc.sense, doc.paragraph_of, doc.headline, doc.lead
        )

        def apart(prev: Draft, draft: Draft) -> bool:
            return self._told_apart(doc, prev, draft)

        rules = self._incident_rules
        drafts = merge(
            drafts, doc.sentences, doc.folded, rules.new_incident_starts, apart, rules.told_again
        )

        def same_victim(prev: Draft, draft: Draft) -> bool:
            # every person the later report names was named before: it tells no one else
            later = self._named_people(doc, draft)
            return bool(later) and later <= self._named_people(doc, prev)

        drafts = group_incidents(drafts, doc.sentences, doc.folded, rules, apart, same_victim)
        events = []
        for draft, note_end in zip(drafts, _note_scopes(doc, drafts), strict=True):
            event = self._build(doc, draft, article, revision, extractor, extracted_at, note_end)
            if event is None:
                continue
            listed = self._listed_places(doc, draft, event.location)
            if listed:
                anchor = (draft.typing.start, draft.typing.end)
                noted = has_coding_note(
                    doc.folded, doc.sentences[min(draft.sentences)].start, note_end
                )
                events.extend(split_by_place(event, listed, anchor, divide=not noted))
            else:
                events.append(event)
        return _without_stale_background(events, doc.published)

    # -- steps ------------------------------------------------------------------------

    def _prepare(self, article: Article, analysis: TextAnalysis) -> _Article:
        text = article.text
        folded = fold(text)
        sentences = analysis.sentences or split_sentences(text)
        focus = analysis.focus_country
        actors = self._actors.find(
            text, folded, analysis.entities, _iso3(focus), article.published_at.date()
        )
        people = [e for e in analysis.entities if e.label == "PERSON"]
        source_words = self._actors.sources(text, folded)
        places = [p for p in analysis.places if usable(p)]
        paragraph_of = paragraphs(text, sentences)
        layout = self._layout.read(text, sentences, paragraph_of)
        return _Article(
            text=text,
            folded=folded,
            sentences=sentences,
            paragraph_of=paragraph_of,
            triggers=self._typer.hits(text, folded),
            actors=actors,
            people=people,
            source_words=source_words,
            focus=focus,
            places=places,
            published=article.published_at.date(),
            place_index=PlaceIndex(places),
            no_place=Intervals([(a.start, a.end) for a in actors] + list(layout.unplaced)),
            datelines=Intervals(layout.datelines),
            skipped=layout.skipped,
            headline=layout.headline,
            lead=layout.lead,
            roles=self._roles.sentence_roles(text, folded, sentences, paragraph_of),
            quoted=quotations(folded),
            sense=self._sense.read(
                text, folded, sentences, _armed_spans(actors), named_group=_names_a_group(actors)
            ),
            actors_at=ByStart(actors),
            people_at=ByStart(people),
            sources_at=ByStart(source_words),
        )

    def _drafts(self, doc: _Article) -> list[Draft]:
        drafts: list[Draft] = []
        pending: list[tuple[int, list[FoundCasualty]]] = []  # casualty-only sentences
        t = 0
        triggers = doc.triggers
        for index, sent in enumerate(doc.sentences):
            while t < len(triggers) and triggers[t].start < sent.start:
                t += 1
            hits = []
            k = t
            limit = min(sent.end, sent.start + MAX_SENTENCE_CHARS)
            while k < len(triggers) and triggers[k].start < limit:
                hits.append(triggers[k])
                k += 1
            if not hits or index in doc.skipped or _heading(sent.text) or _question(sent.text):
                continue
            role = doc.roles[index]
            if role is Role.LISTED:
                continue
            totals: list[tuple[int, int]] = []
            if (
                self._roles.campaign(doc.folded, sent.start, sent.end)
                and not _dated_outside(self._sentence_dates(doc, index), [])
                and not self._tells_a_toll(doc, sent)
            ):
                continue  # a campaign or a course of action, dated to no day or toll
            if role in (Role.AGGREGATE, Role.GENERIC):
                # A total or a habit spoils the whole sentence, unless the sentence also
                # dates a happening to a day outside it ("...killed on Sunday, the latest
                # of dozens of deaths in three weeks"; "...attacked on Monday; it is not
                # the first time"): then only its own clause.
                clauses = (
                    self._roles.aggregate_clauses
                    if role is Role.AGGREGATE
                    else self._roles.generic_clauses
                )
                totals = clauses(doc.folded, sent.start, sent.end)
                if not _dated_outside(self._sentence_dates(doc, index), totals):
                    continue
            hits = [
                h
                for h in hits
                if not _inside(h.start, totals)
                # a weapon word of another sense types nothing ("reconnaissance drones"),
                # nor one that is a place's name ("a police station in Tank district")
                and (
                    h.value.strong
                    or not (
                        doc.sense.in_other_phrase(h.start, h.end)
                        or doc.place_index.covers(h.start, h.end)
                    )
                )
                and not self._roles.unreal(
                    doc.folded,
                    sent.start,
                    h.start,
                    h.end,
                    purpose_ok=h.value.event_type in _DEMONSTRATIONS,
                )
            ]
            if not hits:
                continue
            # An act the reporter tells types the sentence before what a quotation in it
            # says ("lifted placards which read 'every soldier will be shelled'"); a bare
            # toll outside the quotation does not ("sources say one was killed: '...'").
            if any(doc.quoted.holds(h.start) for h in hits):
                told = [h for h in hits if not (h.value.casualty_only or doc.quoted.holds(h.start))]
                hits = told or hits
            typing = self._typer.decide(doc.folded, hits, sent.start)
            if typing is None:
                continue
            words = words_of(doc.folded, sent.start, sent.end)
            found = (
                self._casualties.find(doc.text, tokenize(doc.folded, sent.start, sent.end), index)
                if self._casualties.may_count(words) and not self._casualties.says_none(words)
                else []
            )
            found = [f for f in found if not _inside(f.casualty.evidence.start, totals)]
            if not any(f.casualty.kind is CasualtyKind.KILLED for f in found):
                found += self._named_victims(doc, sent, index)
            dates = self._sentence_dates(doc, index)
            para = doc.paragraph_of[index]
            if typing.casualty_only:
                target = next(
                    (
                        d
                        for d in reversed(drafts)
                        if d.paragraph == para and index - d.sentences[-1] <= ATTACH_WINDOW
                    ),
                    None,
                )
                sense = doc.sense.of(index)
                # "the flu outbreak has caused 89 deaths": another story's dead; but
                # "Gunmen stabbed a farmer. He died in hospital": the victim just told
                if (
                    sense.other
                    and not (sense.weapon or sense.armed)
                    and not (
                        target is not None
                        and index - target.sentences[-1] == 1
                        and target.typing.event_type in _VIOLENT
                        and not target.typing.casualty_only
                        and _follow_up_death(found, doc.folded, sent)
                    )
                ):
                    continue
                if target is not None and _toll_of_another_time(
                    dates, self._dates_of(doc, target), doc.published
                ):
                    target = None  # "Last year, three students died": another incident's
                if target is not None:
                    target.sentences.append(index)
                    target.casualties.extend(found)
                    continue
                if not found:
                    continue
                pending.append((index, found))
            draft = Draft(
                anchor=index,
                typing=typing,
                sentences=[index],
                paragraph=para,
                casualties=found,
                dates=dates,
                quoted=doc.quoted.holds(typing.start),
            )
            if typing.event_type in _VIOLENT and not typing.casualty_only:
                draft.side = _acting_side(doc, sent, typing.start)
            dated = [(d.start, d.end) for d in dates]
            place = doc.place_index.choose(
                doc.folded, sent.start, sent.end, typing.start, doc.no_place, doc.focus, dated
            )
            if place is not None and index + 1 < len(doc.sentences):
                after = doc.sentences[index + 1]  # "... of Barangay X, <the town>, ..."
                place = narrowed(
                    doc.place_index, doc.folded, place, after.start, after.end, doc.no_place
                )
            draft.place, draft.place_in_sentence = place, place is not None
            if place is None and index > 0 and doc.paragraph_of[index - 1] == para:
                # "the fighting there": the place named just before, in the paragraph.
                prev = doc.sentences[index - 1]
                draft.place = doc.place_index.choose(
                    doc.folded, prev.start, prev.end, prev.end, doc.no_place, doc.focus, dated
                )
            if typing.casualty_only:
                # Keep it only if no real event follows right after in the paragraph;
                # then that event absorbs these casualties (see below).
                pass
            drafts.append(draft)
        return _absorb_casualty_only(drafts)

    def _build(
        self,
        doc: _Article,
        draft: Draft,
        article: Article,
        revision: str,
        extractor: ExtractorInfo,
        extracted_at: dt.datetime,
        note_end: int,
    ) -> EnrichedEvent | None:
        """`note_end`: where this event's text ends for coder notes (see `_note_scopes`)."""
        text = doc.text
        anchor = doc.sentences[draft.anchor]
        place = draft.place or self._fallback_place(doc, draft)
        if place is not None and place.precision is PlacePrecision.COUNTRY:
            # Nearer than the country: the town the article keeps naming (`main_town`), else
            # the town named just before the story of the event (a report's heading line).
            town = (
                main_town(doc.places, doc.focus)
                or self._town_before(doc, draft)
                or only_region(doc.places, doc.focus)
            )
            place = town.model_copy(update={"confidence": 0.3}) if town else place
        actors = self._event_actors(doc, draft, place)
        sub = draft.typing.sub_event_type
        event_type = draft.typing.event_type
        if sub == CAPTURE:
            event_type, sub = self._capture_type(actors, place, doc, draft.typing)
        event_type, sub = settle_type(
            event_type, sub, draft, actors, doc.folded, doc.sense, doc.actors_at
        )
        if event_type is EventType.BATTLES:
            actors = armed_other_side(actors)
        if event_type not in (EventType.PROTESTS, EventType.RIOTS):
            # "activists have documented the airstrike": they tell of it, nobody demonstrates
            actors = [
                a
                for a in actors
                if a.actor_type is not ActorType.PROTESTERS
                or a.role in (ActorRole.ACTOR1, ActorRole.ACTOR2)
            ]
        dates = _date_candidates(draft.dates, anchor, draft.typing.start, doc.folded)
        occurred = choose_date(text, dates, doc.published)
        occurred = self._day_before_the_last(doc, draft, occurred)
        if occurred.resolved_from == "publication":
            earlier = (
                self._date_stated_after(doc, draft)
                or self._paragraph_date(doc, draft)
                or self._later_report_date(doc, draft)
            )
            if earlier is not None:
                occurred = choose_date(text, [earlier], doc.published).model_copy(
                    update={"confidence": 0.6}
                )
        if occurred.resolved_from != "publication" and occurred.date < doc.published - HISTORY:
            return None  # history, not news: "the 1944 raid", "the city's fall in 2016"
        if (
            not draft.place_in_sentence
            and occurred.resolved_from != "publication"
            and occurred.date < doc.published - RECALLED_STORY
        ):
            # A recalled old incident with no place of its own: the places of today's story
            # around it are not its places, but those of its own heading are.
            place = self._town_before(doc, draft, occurred.date) or self._focus_place(doc)
        if event_type in (
            EventType.EXPLOSIONS_REMOTE_VIOLENCE,
            EventType.VIOLENCE_AGAINST_CIVILIANS,
        ):
            actors = self._civilian_target(doc, draft, actors, place)
        if event_type in _VIOLENT and sub not in _STATE_WEAPONS:
            actors = self._unknown_attacker(doc, draft, actors, place)
        if sub == SubEventType.PEACEFUL_PROTEST.value:
            actors = self._protesters_act(doc, draft, actors, place)
        elif sub in _BROKEN_UP or event_type is EventType.RIOTS:
            crowd = ActorType.PROTESTERS if sub in _BROKEN_UP else ActorType.RIOTERS
            actors = self._crowd_acts(doc, draft, actors, place, crowd)
        sources_of: dict[int, list[Source]] = {}
        # The sentences of its figures too: a toll told alone joins a neighbouring event.
        for index in sorted({*draft.sentences, *(c.sentence for c in draft.casualties)}):
            sent = doc.sentences[index]
            sources_of[index] = find_sources(
                text,
                doc.folded,
                sent.start,
                sent.end,
                doc.actors_at.within(sent.start, sent.end),
                doc.people_at.within(sent.start, sent.end),
                doc.sources_at.within(sent.start, sent.end),
            )
        sources = [source for index in sorted(set(draft.sentences)) for source in sources_of[index]]
        speakers = {
            index: frozenset(fold(source.text) for source in found)
            for index, found in sources_of.items()
        }
        updates = {
            index
            for index in sources_of
            if _TOLL_UPDATE.search(doc.folded, doc.sentences[index].start, doc.sentences[index].end)
        }
        casualties = apply_coding_note(
            text,
            doc.folded,
            doc.sentences[min(draft.sentences)].start,
            note_end,
            _merge_casualties(
                [
                    c
                    for c in draft.casualties
                    if event_type not in _DEMONSTRATIONS
                    or not _cause_of_protest(doc.folded, c.casualty.evidence.start)
                ],
                speakers,
                updates,
                doc.folded,
            ),
        )
        attributed = [
            Attribution(source=s.text, country_iso3=s.country, evidence=span(text, s.start, s.end))
            for s in sources
        ]
        actors = _mark_sources(actors, sources)
        first, last = self._summary_range(draft)
        start, end = doc.sentences[first].start, doc.sentences[last].end
        confidence = 0.45 + 0.1 * (draft.typing.priority >= 30)
        confidence += 0.1 * any(a.role is ActorRole.ACTOR1 for a in actors)
        confidence += 0.1 * draft.place_in_sentence
        confidence += 0.1 * (occurred.resolved_from != "publication")
        if draft.typing.casualty_only:
            confidence -= 0.15
        return EnrichedEvent(
            event_id=event_id(
                article.article_id, revision, event_type.value, draft.typing.start, draft.typing.end
            ),
            article_id=article.article_id,
            article_revision=revision,
            published_at=article.published_at,
            event_type=event_type,
            sub_event_type=SubEventType(sub),
            event_type_evidence=span(text, draft.typing.start, draft.typing.end),
            summary=text[start:end],
            summary_evidence=span(text, start, end),
            occurred_on=occurred,
            recap=_recalled(occurred, doc.published),
            location=unlocated_village(
                text, self._own_sentences(doc, draft), place, doc.place_index
            )
            or place,
            actors=actors,
            casualties=casualties,
            attributed_to=attributed,
            confidence=round(min(confidence, 0.95), 3),
            extractor=extractor,
            extracted_at=extracted_at,
        )

    # -- helpers ----------------------------------------------------------------------

    def _listed_places(
        self, doc: _Article, draft: Draft, place: ResolvedPlace | None
    ) -> list[ResolvedPlace]:
        """The places listed with the event's own in the sentence that reports it."""
        if place is None or not draft.place_in_sentence:
            return []
        sent = doc.sentences[draft.anchor]
        candidates = doc.place_index.within(sent.start, sent.end, doc.no_place)
        return listed_places(candidates, doc.folded, place)

    def _own_sentences(self, doc: _Article, draft: Draft) -> list[tuple[int, int]]:
        """The spans of the sentences that tell the event, its trigger's first."""
        order = [draft.anchor, *sorted(i for i in set(draft.sentences) if i != draft.anchor)]
        return [(doc.sentences[i].start, doc.sentences[i].end) for i in order]

    def _summary_range(self, draft: Draft) -> tuple[int, int]:
        ordered = sorted(set(draft.sentences))
        first = ordered.index(draft.anchor) if draft.anchor in ordered else 0
        lo = hi = ordered[first]
        for i in ordered[first + 1 :]:
            if i == hi + 1:
                hi = i
        for i in reversed(ordered[:first]):
            if i == lo - 1:
                lo = i
        return lo, hi

    def _civilian_target(
        self, doc: _Article, draft: Draft, actors: list[Actor], place: ResolvedPlace | None
    ) -> list[Actor]:
        """Civilians hurt in a strike or attack with no other target named are its actor2
        (ACLED codes them so), whether or not the text says who struck: the first casualty
        figure about civilians, or about people of unknown kind, is the mention. Violence
        against civilians with no one counted has civilians for its target by definition
        (an abduction): its trigger is the mention then."""
        actor1 = next((a for a in actors if a.role is ActorRole.ACTOR1), None)
        if (actor1 is not None and actor1.actor_type is ActorType.CIVILIANS) or any(
            a.role is ActorRole.ACTOR2 for a in actors
        ):
            return actors
        victims = [
            c
            for c in draft.casualties
            if not c.subset
            and c.casualty.victim_type is not VictimType.MILITARY
            and not self._members_of_a_side(doc, c.casualty.evidence)
        ]
        if victims:
            evidence = victims[0].casualty.evidence
        elif draft.typing.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS and not any(
            not c.subset for c in draft.casualties
        ):  # no one counted: not armed members hurt either
            evidence = span(doc.text, draft.typing.start, draft.typing.end)
        else:
            return actors
        home = _home(doc, place)
        target = _implied_actor(
            evidence,
            self._of_home("Civilians", home),
            ActorType.CIVILIANS,
            7,
            home,
            ActorRole.ACTOR2,
            0.6,
        )
        index = int(actor1 is not None)  # actor1 comes first when there is one
        return [*actors[:index], target, *actors[index:]]

    def _unknown_attacker(
        self, doc: _Article, draft: Draft, actors: list[Actor], place: ResolvedPlace | None
    ) -> list[Actor]:
        """Someone hurt in an attack the text names nobody for ("a man was killed in an
        old landmine's explosion", "a member of X was shot dead"): ACLED codes the
        unnamed perpetrator "Unidentified Armed Group (X)" as actor1. Not for airstrikes
        and shelling (`_STATE_WEAPONS`), which are armies' weapons."""
        if any(a.role is ActorRole.ACTOR1 for a in actors) or not any(
            c.casualty.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED) for c in draft.casualties
        ):
            return actors
        spec = self._actors.unidentified(_home(doc, place))
        attacker = _implied_actor(
            span(doc.text, draft.typing.start, draft.typing.end),
            spec.name,
            spec.actor_type,
            spec.inter,
            spec.country,
            ActorRole.ACTOR1,
            0.4,
        )
        return [attacker, *actors]

    def _of_home(self, kind: str, home: str | None) -> str:
        """ACLED's name of a kind of people of a country ("Civilians (Ukraine)")."""
        return f"{kind} ({self._actors.display_name(home)})" if home else kind

    def _members_of_a_side(self, doc: _Article, evidence: TextSpan) -> bool:
        """Whether the people counted belong to an armed side ("several members of the
        militia were killed", "two rebel fighters"): they are that side, not civilians."""
        end = _members_end(doc.folded, evidence.end)
        return any(a.fights for a in doc.actors_at.within(evidence.start, end))

    def _protesters_act(
        self, doc: _Article, draft: Draft, actors: list[Actor], place: ResolvedPlace | None
    ) -> list[Actor]:
        """A peaceful protest is its protesters' act (ACLED's actor1 "Protesters (X)"), named
        or not ("protests against the coup continued"); anyone else named beside it is
        associated with it."""
        if any(a.role is ActorRole.ACTOR1 and a.actor_type is ActorType.PROTESTERS for a in actors):
            return actors
        home = _home(doc, place)
        protesters = _implied_actor(
            span(doc.text, draft.typing.start, draft.typing.end),
            self._of_home("Protesters", home),
            ActorType.PROTESTERS,
            6,
            home,
            ActorRole.ACTOR1,
            0.5,
        )
        others = [
            a.model_copy(update={"role": ActorRole.ASSOCIATED})
            if a.role in (ActorRole.ACTOR1, ActorRole.ACTOR2)
            else a
            for a in actors
        ]
        return [protesters, *others]

    def _crowd_acts(
        self,
        doc: _Article,
        draft: Draft,
        actors: list[Actor],
        place: ResolvedPlace | None,
        crowd: ActorType,
    ) -> list[Actor]:
        """A demonstration the police broke up, and a riot, are the crowd's act, with the
        forces that met it as actor2 (ACLED: "Protesters (X)" or "Rioters (X)" against
        "Police Forces of X"): "police fired tear gas at the marchers" puts the police
        second, and a crowd that no name tells is implied."""
        sides = [a for a in actors if a.role in (ActorRole.ACTOR1, ActorRole.ACTOR2)]
        named = next((a for a in sides if a.actor_type is crowd), None)
        if named is not None and named.role is ActorRole.ACTOR1:
            return actors
        force = next((a for a in sides if a.actor_type in _FORCES and a is not named), None)
        if named is None:
            home = _home(doc, place)
            label, inter = ("Protesters", 6) if crowd is ActorType.PROTESTERS else ("Rioters", 5)
            first = _implied_actor(
                span(doc.text, draft.typing.start, draft.typing.end),
                self._of_home(label, home),
                crowd,
                inter,
                home,
                ActorRole.ACTOR1,
                0.5,
            )
        else:
            first = named.model_copy(update={"role": ActorRole.ACTOR1})
        out = [first]
        for a in actors:
            if a is named or a.actor_type in (ActorType.PROTESTERS, ActorType.RIOTERS):
                continue  # the same crowd ("protesters stormed ...": the rioters)
            if a is force:
                out.append(a.model_copy(update={"role": ActorRole.ACTOR2}))
            elif a.role in (ActorRole.ACTOR1, ActorRole.ACTOR2):
                out.append(a.model_copy(update={"role": ActorRole.ASSOCIATED}))
            else:
                out.append(a)
        return out

    def _fallback_place(self, doc: _Article, draft: Draft) -> ResolvedPlace | None:
        # The nearest earlier sentence in the paragraph that names a place.
        index = self._earlier_place_sentence(doc, min(draft.sentences), draft.paragraph)
        if index is not None:
            place = self._sentence_place(doc, index)
            if place is None:  # the sentence was chosen for naming a place
                raise RuntimeError("sentence without the place it was chosen for")
            return place.model_copy(update={"confidence": round(place.confidence * 0.7, 3)})
        # Any place the article names, closest to the event first.
        anchor = doc.sentences[draft.anchor]
        place = doc.place_index.choose(
            doc.folded, 0, len(doc.text), anchor.start, doc.no_place, doc.focus, last_resort=True
        )
        if place is not None:
            return place.model_copy(update={"confidence": round(place.confidence * 0.5, 3)})
        return self._focus_place(doc) or self._nearest_focus_place(doc, anchor.start)

    def _town_before(
        self, doc: _Article, draft: Draft, day: dt.date | None = None
    ) -> ResolvedPlace | None:
        """The last town of the focus country named in the `TOWN_BEFORE` characters before
        the event's first sentence, with no other country named between: where an event its
        sentences place only in the country happened ("5 November, near X village, Y
        township: ... The Burma Army advanced on their position"). With `day`, only a town
        named beside that day (the heading of a recalled incident)."""
        start = doc.sentences[min(draft.sentences)].start
        for p in reversed(doc.places):
            if p.evidence.start >= start:
                continue
            if p.evidence.start < start - TOWN_BEFORE or p.country_code != doc.focus:
                return None
            if day is not None and not self._day_near(doc, p.evidence.start, start, day):
                continue
            if p.precision in (PlacePrecision.POINT, PlacePrecision.ADMIN2) and not is_demonym(p):
                return p
        return None

    def _day_near(self, doc: _Article, offset: int, limit: int, day: dt.date) -> bool:
        """Whether `day` is named in the line holding `offset`, before `limit`."""
        start = doc.text.rfind("\n", 0, offset) + 1
        end = doc.text.find("\n", offset)
        end = limit if end < 0 else min(end, limit)
        found = find_dates(doc.text, doc.folded, start, end, doc.published)
        return any(d.date == day for d in found)

    def _day_before_the_last(self, doc: _Article, draft: Draft, occurred: EventDate) -> EventDate:
        """ "A day earlier", "the previous day" count back from the day the story last named
        ("On February 11, ... A day earlier, ..."), not from publication; only a day named
        explicitly in the sentences just before the event's counts."""
        evidence = occurred.evidence
        back = (
            DAYS_BEFORE_THE_LAST.get(doc.folded[evidence.start : evidence.end])
            if evidence
            else None
        )
        if back is None:
            return occurred
        first = min(draft.sentences)
        for index in range(first - 1, max(-1, first - 1 - _DAY_BEFORE_REACH), -1):
            named = [
                d
                for d in self._sentence_dates(doc, index)
                if d.resolved_from == "explicit" and d.precision.value == "day" and not d.reporting
            ]
            if named:
                return occurred.model_copy(
                    update={"date": named[-1].date - dt.timedelta(days=back)}
                )
        return occurred

    def _nearest_focus_place(self, doc: _Article, offset: int) -> ResolvedPlace | None:
        """The last resort of an event no sentence places in an article that never names
        its country: the place of the focus country named nearest to it ("Tijuana had 64
        homicides this month", at the end of a story told by its street corners)."""
        named = [
            p for p in doc.places if p.country_code == doc.focus and doc.focus and not is_demonym(p)
        ]
        if not named:
            return None
        nearest = min(named, key=lambda p: abs(p.evidence.start - offset))
        return nearest.model_copy(update={"confidence": 0.25})

    def _focus_place(self, doc: _Article) -> ResolvedPlace | None:
        """The article's focus country, if the analyzer resolved a mention of it."""
        if not doc.focus:
            return None
        key: tuple[Any, ...] = ("focus",)
        if key not in doc.memo:
            doc.memo[key] = next(
                (
                    p
                    for p in doc.places
                    if p.precision is PlacePrecision.COUNTRY and p.country_code == doc.focus
                ),
                None,
            )
        focus_place: ResolvedPlace | None = doc.memo[key]
        return focus_place.model_copy(update={"confidence": 0.3}) if focus_place else None

    def _sentence_place(self, doc: _Article, index: int) -> ResolvedPlace | None:
        """The place a sentence names, read from its end (memoised per sentence)."""
        key = ("place", index)
        if key not in doc.memo:
            sent = doc.sentences[index]
            doc.memo[key] = doc.place_index.choose(
                doc.folded, sent.start, sent.end, sent.end, doc.no_place, doc.focus
            )
        chosen: ResolvedPlace | None = doc.memo[key]
        return chosen

    def _sentence_dates(self, doc: _Article, index: int) -> list[DateMention]:
        """The dates a sentence names (memoised per sentence: an event's sentence is often
        the earlier sentence another event walks back to). A new list: drafts extend it."""
        key = ("dates", index)
        if key not in doc.memo:
            sent = doc.sentences[index]
            doc.memo[key] = [
                replace(d, reporting=True) if doc.datelines.holds(d.start) else d
                for d in find_dates(doc.text, doc.folded, sent.start, sent.end, doc.published)
            ]
        return list(doc.memo[key])

    def _named_people(self, doc: _Article, draft: Draft) -> set[str]:
        """The surnames of the people a draft's sentences name who are neither one of its
        actors (an official, a commander) nor a speaker ("..., Lopez said")."""
        key = ("named_people", *sorted(set(draft.sentences)))
        known: set[str] | None = doc.memo.get(key)
        if known is not None:
            return known
        officials = doc.memo.get(("officials",))
        if officials is None:
            officials = doc.memo[("officials",)] = {
                word.lower() for a in doc.actors if a.person for word in a.person.split()
            }
        names = set()
        for index in set(draft.sentences):
            sent = doc.sentences[index]
            for person in doc.people_at.within(sent.start, sent.end):
                surname = person.text.split()[-1]
                if (
                    len(surname) < 3
                    or not surname[0].isupper()
                    or surname.lower() in officials
                    or _SPEAKER_AFTER.match(doc.folded, person.end)
                    or _SPEAKER_BEFORE.search(doc.folded, max(0, person.start - 30), person.start)
                ):
                    continue
                names.add(surname.lower())
        doc.memo[key] = names
        return names

    def _told_apart(self, doc: _Article, prev: Draft, draft: Draft) -> bool:
        """Whether `draft` tells of another time than the earlier `prev` although their own
        dates do not disagree: it names an older time while `prev` names none ("Last
        year, three students died"), or it names no day while a sentence between them
        opens with a day other than `prev`'s ("On July 31, ..."): the story moved on. An
        undated report with its own dead (today's news) and one that opens with an earlier
        day and other dead ("On February 15, 11 soldiers were killed") are two incidents."""
        if _toll_of_another_time(draft.dates, self._dates_of(doc, prev), doc.published):
            return True
        if own_day(draft.dates) is not None:
            return self._earlier_day_other_dead(doc, prev, draft)
        told = self._incident_rules.told_again
        if names_again(told, doc.folded, doc.sentences[draft.anchor], draft.typing):
            return False  # "the group claimed the Kasa attack": the story came back to it
        day = own_day(prev.dates)
        for index in range(prev.sentences[-1] + 1, draft.anchor):
            other = self._fronted_day(doc, index)
            if other is not None and other != day:
                return True
        return False

    def _earlier_day_other_dead(self, doc: _Article, prev: Draft, draft: Draft) -> bool:
        fronted = self._fronted_day(doc, draft.anchor)
        if fronted is None or fronted >= doc.published - dt.timedelta(days=1):
            return False
        if any(not d.reporting for d in self._dates_of(doc, prev)):
            return False
        after = dead_figures(draft)
        if not after:
            return False
        # today's dead: of the earlier report, or told in the sentences up to this one
        before = dead_figures(prev)
        for index in range(prev.anchor + 1, draft.anchor):
            before |= self._dead_told(doc, index)
        return bool(before) and before.isdisjoint(after)

    def _dead_told(self, doc: _Article, index: int) -> set[int]:
        """The killed figures sentence `index` states (read once per article)."""
        key = ("dead-told", index)
        if key not in doc.memo:
            sent = doc.sentences[index]
            doc.memo[key] = killed_figures(
                self._casualties.find(doc.text, tokenize(doc.folded, sent.start, sent.end))
            )
        told: set[int] = doc.memo[key]
        return told

    def _dates_of(self, doc: _Article, draft: Draft) -> list[DateMention]:
        """A draft's own dates, else the date its paragraphs give it (`_paragraph_date`)."""
        if any(not d.reporting for d in draft.dates):
            return draft.dates
        earlier = self._paragraph_date(doc, draft)
        return [earlier] if earlier is not None else []

    def _fronted_day(self, doc: _Article, index: int) -> dt.date | None:
        """The day sentence `index` opens with ("On July 31, ...", "Earlier on Monday"):
        a fronted date sets the day of what the following sentences tell."""
        start = doc.sentences[index].start
        for mention in self._sentence_dates(doc, index):
            if mention.reporting or mention.precision.value != "day":
                continue
            if _DATE_LEAD.fullmatch(doc.folded, start, mention.start):
                return mention.date
            break
        return None

    def _earlier_place_sentence(self, doc: _Article, first: int, para: int) -> int | None:
        """The nearest sentence before `first` in its paragraph that names a place. The
        answer is memoised for every sentence walked past, so that all events of a long
        paragraph together walk it once."""
        walked: list[int] = []
        found: int | None = None
        index = first - 1
        while index >= 0 and doc.paragraph_of[index] == para:
            key = ("earlier-place", index, para)
            if key in doc.memo:
                found = doc.memo[key]
                break
            walked.append(index)
            if self._sentence_place(doc, index) is not None:
                found = index
                break
            index -= 1
        for k in walked:
            doc.memo[("earlier-place", k, para)] = found
        return found

    def _tells_a_toll(self, doc: _Article, sent: Sentence) -> bool:
        """Whether a sentence counts its dead or wounded as a happening ("in a series of
        airstrikes that killed four"): a report, not a course of action. A toll in the
        present perfect ("have been killed in multiple airstrikes") is a tally."""
        words = words_of(doc.folded, sent.start, sent.end)
        if not self._casualties.may_count(words) or _TALLY_TENSE.search(
            doc.folded, sent.start, sent.end
        ):
            return False
        found = self._casualties.find(doc.text, tokenize(doc.folded, sent.start, sent.end))
        return any(f.casualty.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED) for f in found)

    def _named_victims(self, doc: _Article, sent: Sentence, index: int) -> list[FoundCasualty]:
        """A named person the sentence says was killed ("Ivan Petrenko, the village head, has
        reportedly died after he was shot", "Pavlo was hacked to death", "the troops
        shot and killed Ivan Petrov"): one dead, where the sentence gives no number; of the
        kind a rank before the name makes them ("Patrolman Juan Cruz")."""
        people: list[Any] = list(doc.people_at.within(sent.start, sent.end))
        for ranked in self._casualties.ranked_names(doc.text, sent.start, sent.end):
            if not any(p.start <= ranked.end and ranked.start <= p.end for p in people):
                people.append(ranked)  # "Patrolman Juan Cruz": a name the NER missed
        for person in sorted(people, key=lambda p: p.start):
            victim = self._casualties.rank_of(doc.text, person.start) or VictimType.UNKNOWN
            killed = _NAMED_KILLED.match(doc.folded, person.end, sent.end)
            if killed is not None:
                evidence = span(doc.text, person.start, killed.end())
                return [one_dead(evidence, index, victim_type=victim)]
            killer = _KILLED_NAMED.search(
                doc.folded, max(sent.start, person.start - 40), person.start
            )
            if killer is not None:
                evidence = span(doc.text, killer.start(), person.end)
                return [one_dead(evidence, index, victim_type=victim)]
        return []

    def _date_stated_after(self, doc: _Article, draft: Draft) -> DateMention | None:
        """The date of a sentence among or soon after the incident's own that dates it by
        reference ("The events occurred on Monday at the bridge"), for an incident whose
        sentences state none."""
        first, last = min(draft.sentences), max(draft.sentences)
        for index in range(first + 1, min(len(doc.sentences), last + 1 + DATES_BACK_SENTENCES)):
            sent = doc.sentences[index]
            if index in draft.sentences or not self._roles.dates_back(
                doc.folded, sent.start, sent.end
            ):
                continue
            dates = [d for d in self._sentence_dates(doc, index) if not d.reporting]
            if dates:
                return dates[0]
        return None

    def _paragraph_date(self, doc: _Article, draft: Draft) -> DateMention | None:
        """The date of the nearest earlier sentence that has one: any date in the event's
        own paragraph, a day or week from the `DATE_LOOKBACK_PARAGRAPHS` paragraphs before
        it (a story's follow-up paragraphs keep the day its lead gave), from further back
        for a sequel ("Hours later, ..."). Memoised per sentence like
        `_earlier_place_sentence`."""
        walked: list[int] = []
        found: DateMention | None = None
        first = min(draft.sentences)
        sequel = self._roles.same_day(doc.folded, doc.sentences[first].start)
        reach = SAME_DAY_LOOKBACK_PARAGRAPHS if sequel else DATE_LOOKBACK_PARAGRAPHS
        oldest = draft.paragraph - reach
        index = first - 1
        while index >= 0 and doc.paragraph_of[index] >= oldest:
            key = ("earlier-date", index, draft.paragraph, reach)
            if key in doc.memo:
                found = doc.memo[key]
                break
            walked.append(index)
            same = doc.paragraph_of[index] == draft.paragraph
            dates = [
                d
                for d in self._sentence_dates(doc, index)
                if not d.reporting and (same or d.precision.value in ("day", "week"))
            ]
            if dates and (index not in doc.skipped or _opens_heading(doc, index, dates[0])):
                found = dates[0]
                break
            index -= 1
        for k in walked:
            doc.memo[("earlier-date", k, draft.paragraph, reach)] = found
        return found

    def _later_report_date(self, doc: _Article, draft: Draft) -> DateMention | None:
        """An incident first told in an undated lead ("A man who fled here years ago was
        shot dead") and told again in a later paragraph: the date before that paragraph's
        report ("On Wednesday, ..." then "He was shot at his shop")."""
        first = doc.paragraph_of[min(draft.sentences)]
        for index in sorted(draft.sentences):
            para = doc.paragraph_of[index]
            if para == first:
                continue
            found = self._paragraph_date(doc, replace(draft, sentences=[index], paragraph=para))
            if found is not None:
                return found
            first = para
        return None

    def _capture_type(
        self, actors: list[Actor], place: ResolvedPlace | None, doc: _Article, typing: Typing
    ) -> tuple[EventType, str]:
        """What "captured", "seized", "took control of" took decides the type: weapons are
        a disrupted weapons use, people an arrest (by state forces) or an abduction, and
        territory (or a place named right after) a change of control."""
        sentence = next(s for s in doc.sentences if s.start <= typing.start < s.end)
        # "captured Lisna": a place right after the verb is what was taken, whoever is
        # named later in the sentence ("..., but the rebels kept fighting")
        gap = typing.end + _OBJECT_GAP
        right_after = doc.place_index.choose(
            doc.folded, typing.end, gap, typing.end, doc.no_place, doc.focus
        )
        if right_after is not None and not doc.folded.startswith(
            "'s", right_after.evidence.end
        ):  # not "captured Lisna's mayor"
            taken: str | None = "territory"
        else:
            taken = doc.sense.captured(typing.end, sentence.end)
        actor1 = next((a for a in actors if a.role is ActorRole.ACTOR1), None)
        state = actor1 is not None and actor1.actor_type in (STATE | {ActorType.GOVERNMENT})
        if taken == "weapons":
            return EventType.STRATEGIC_DEVELOPMENTS, SubEventType.DISRUPTED_WEAPONS_USE.value
        if taken == "people":
            if state:
                return EventType.STRATEGIC_DEVELOPMENTS, SubEventType.ARRESTS.value
            if doc.sense.armed_after(typing.end, sentence.end) and _A_FIGHT.search(
                doc.folded, sentence.start, sentence.end
            ):
                # "overran a checkpoint, capturing 12 police officers": armed men taken in
                # a fight, as ACLED codes it (a bare "captured two soldiers" stays an
                # abduction)
                return EventType.BATTLES, SubEventType.ARMED_CLASH.value
            return EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ABDUCTION.value
        return EventType.BATTLES, self._capture_sub(actor1, place, doc)

    def _capture_sub(self, actor1: Actor | None, place: ResolvedPlace | None, doc: _Article) -> str:
        country = place.country_code if place else doc.focus
        if country is None and doc.places:
            country = doc.places[0].country_code
        home = _iso3(country)
        if home is None:
            return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value
        if (
            actor1 is not None
            and actor1.actor_type in (STATE | {ActorType.GOVERNMENT})
            and (home is None or actor1.country_iso3 == home)
        ):
            return SubEventType.GOVERNMENT_REGAINS_TERRITORY.value
        return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value

    def _event_actors(
        self, doc: _Article, draft: Draft, place: ResolvedPlace | None
    ) -> list[Actor]:
        anchor = doc.sentences[draft.anchor]
        trig = draft.typing.start
        in_anchor = doc.actors_at.within(anchor.start, anchor.end)
        others = [
            a
            for i in sorted(set(draft.sentences))
            if i != draft.anchor
            for a in doc.actors_at.within(doc.sentences[i].start, doc.sentences[i].end)
        ]
        violent = draft.typing.event_type in _VIOLENT
        # "Ukrainian soldiers were ambushed": who undergoes a passive blow was hit
        # (the dead of "was killed" are read as hurt below, and the side they met acts)
        passive = (
            violent
            and not draft.typing.casualty_only
            and _passive(doc.folded, anchor.start, trig, draft.typing.end)
        )
        # The counted dead and wounded ("36 ISIL militants were killed") were hit: never
        # the acting side, whatever their place in the sentence.
        hurt = Intervals(
            [
                (c.casualty.evidence.start, _members_end(doc.folded, c.casualty.evidence.end))
                for c in draft.casualties
                if c.casualty.kind in (CasualtyKind.KILLED, CasualtyKind.INJURED)
            ]
        )
        # Nor is a side named as the target ("rams into a group of soldiers").
        acting = [
            a
            for a in in_anchor
            if not hurt.overlaps(a.start, a.end)
            and not owns_losses(doc.folded, a.end)  # "the rebels' losses exceeded 100"
            and not _its_losses(doc.folded, a.end)
            and not (
                violent
                and _is_target(doc.folded, a.start, a.end)
                and not _BLAMED_ON.search(doc.folded, max(0, a.start - 40), a.start)
            )
            # the side hit, and a source after the blow ("came under fire, police said")
            and not (passive and (a.end <= trig or speaks(doc.folded, a.start, a.end)))
            and not _in_setting(doc.folded, a.start)
        ]
        actor1 = _pronoun_subject(doc, in_anchor, hurt, anchor.start, trig, self._actors)
        if actor1 is None:
            actor1 = _pick_actor1(doc.folded, acting, trig, violent, anchor.start)
        if actor1 is None and len(acting) < len(in_anchor):
            # "A soldier was killed in an encounter with NPA rebels": with the hurt side
            # known, the other named after the trigger is the one who fought them.
            actor1 = _pick_actor1(
                doc.folded, acting, trig, violent, anchor.start, before_only=False
            )
        if actor1 is None:
            acting = [
                a
                for a in others
                if not hurt.overlaps(a.start, a.end)
                and not _its_losses(doc.folded, a.end)  # "the SDF member who was shot"
            ]
            actor1 = _pick_actor1(doc.folded, acting, trig, violent, 0, before_only=False)
        if actor1 is None and draft.typing.event_type in _VIOLENT:
            gov = next(
                (
                    a
                    for a in in_anchor
                    if a.spec.actor_type is ActorType.GOVERNMENT
                    and a.spec.country
                    and a.person is None
                    and not _SPEAKS.match(doc.folded, a.end)
                    and not _OWNS_A_PLACE.match(doc.folded, a.end)
                ),
                None,
            )
            if gov is not None and gov.spec.country:
                actor1 = as_military(gov, self._actors.display_name(gov.spec.country))
        if draft.typing.event_type is EventType.PROTESTS:
            actor1 = _protesters(doc.folded, in_anchor, trig) or actor1
        actor2 = None
        for a in in_anchor + others:
            if a is actor1 or (not a.fights and a.spec.actor_type is not ActorType.CIVILIANS):
                continue
            if (
                # civilians who tell of it in its own sentence may be its victims
                # ("villagers said troops raided their village")
                (a.spec.actor_type is not ActorType.CIVILIANS or a.start >= anchor.end)
                and speaks(doc.folded, a.start, a.end)
                and not hurt.overlaps(a.start, a.end)
            ):
                continue  # "..., the local police said": who tells of it, not whom it hit
            if _in_setting(doc.folded, a.start):
                continue  # "shelled the village amid fighting with rebels": the setting
            if (
                actor1 is not None
                and a.start > actor1.end
                and _ALLY.search(doc.folded, max(0, a.start - 40), a.start)
            ):
                continue  # "Russian forces, together with Wagner, fought back": allies
            if came_after(doc.folded, a.end) and not hurt.overlaps(a.start, a.end):
                continue  # "police found the body": no side of it
            if violent and a.start >= anchor.end and _CAUGHT_THEM.match(doc.folded, a.end):
                continue  # "police later arrested the gunman": who caught them, not whom hit
            if actor1 is not None and (a.spec.name == actor1.spec.name or a.start == actor1.start):
                continue
            if actor2 is None:
                actor2 = a
                if actor1 is not None or draft.typing.event_type is not EventType.BATTLES:
                    break
            elif a.fights and actor2.fights and a.spec.name != actor2.spec.name:
                # A battle has two armed sides: with neither told as acting (both were
                # hurt: "five police officers were killed ... and 15 attackers were killed
                # in the ensuing fight"), the other one is actor1.
                actor1 = a
                break
        if actor2 is not None:
            actor2 = _group_of(doc.folded, actor2, in_anchor + others)
        home = _home(doc, place)
        out: list[Actor] = []
        seen: set[tuple[str, str | None]] = set()
        for mention, role in (
            ([(actor1, ActorRole.ACTOR1)] if actor1 else [])
            + ([(actor2, ActorRole.ACTOR2)] if actor2 else [])
            + [(a, ActorRole.ASSOCIATED) for a in in_anchor + others]
        ):
            key = (mention.spec.name, mention.person)
            if key in seen:
                continue
            seen.add(key)
            out.append(_to_actor(doc.text, mention, role, home))
        return out


def _acting_side(doc: _Article, sent: Sentence, trig: int) -> str | None:
    """The side that clearly acts in a sentence: the subject before a main-clause trigger,
    or the agent of a passive ("was shelled by ..."). None when unsure, so that a sentence
    about victims ("as a result, two soldiers were killed") still joins its event."""
    if subordinate(doc.folded, trig, sent.start):
        return None
    passive = _PASSIVE_AFTER.match(doc.folded, trig) is not None  # the trigger "was shot"
    for a in doc.actors_at.within(sent.start, sent.end):
        if not a.fights:
            continue
        if (
            a.end <= trig
            and not _is_object(doc.folded, a.start)
            and not subordinate(doc.folded, a.start, sent.start)
            and not passive
            and not _PASSIVE_AFTER.search(doc.folded, a.end, trig)
            and not speaks(doc.folded, a.start, a.end)  # "police confirmed the attack"
        ):
            if a.spec.name.startswith("Unidentified") and doc.folded.endswith("the ", 0, a.start):
                return None  # "the militants withdrew": whoever was told before
            return a.spec.name
        if doc.folded[max(0, a.start - 3) : a.start] == "by " and 0 <= a.start - trig <= 40:
            return a.spec.name
    return None


#: "Two soldiers were killed in the attack": the soldiers are what the attack hit, not
#: the side that made it.
_PASSIVE_AFTER = re.compile(r"\b(?:were|was|have been|has been|had been|being|got)\b")


def _protesters(folded: str, mentions: list[ActorMention], trig: int) -> ActorMention | None:
    """Who protests: protesters named in the sentence, else the people ("residents",
    "villagers") who are the subject of the protest verb."""
    named = next((a for a in mentions if a.spec.actor_type is ActorType.PROTESTERS), None)
    if named is not None:
        return named
    subject = next(
        (
            a
            for a in mentions
            if a.spec.actor_type is ActorType.CIVILIANS
            and a.end <= trig
            and not _is_object(folded, a.start)
        ),
        None,
    )
    if subject is None:
        return None
    spec = replace(subject.spec, name="Protesters", actor_type=ActorType.PROTESTERS, inter=6)
    return replace(subject, spec=spec, confidence=min(subject.confidence, 0.7))


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _date_candidates(
    dates: list[DateMention], anchor: Sentence, trigger: int, folded: str
) -> list[DateMention]:
    """The incident's dates, best first: those of the sentence that reports it, the most
    precise first, then the closest to the trigger; from its other sentences only days
    and weeks ("had fled three years ago" in a follow-up sentence is background). A date
    that names another event ("protests against the Feb. 1 coup") is none of them."""

    def in_anchor(d: DateMention) -> bool:
        return anchor.start <= d.start < anchor.end

    def of_another_event(d: DateMention) -> bool:
        named = _DATED_EVENT.match(folded, d.end)
        return (
            named is not None
            and folded.endswith(("the ", "'s "), max(0, d.start - 4), d.start)
            and not named.start(1) <= trigger < named.end(1)
        )

    def in_trigger_clause(d: DateMention) -> bool:
        lo, hi = (d.end, trigger) if d.end <= trigger else (trigger, d.start)
        return in_anchor(d) and _CLAUSE_BREAK.search(folded, lo, hi) is None

    kept = [
        d
        for d in dates
        if (in_anchor(d) or d.precision.value in ("day", "week")) and not of_another_event(d)
    ]
    return sorted(
        kept,
        key=lambda d: (
            not in_anchor(d),
            not in_trigger_clause(d),
            _PRECISION_RANK[d.precision.value],
            abs(d.start - trigger) if in_anchor(d) else d.start,
        ),
    )


#: What parts the clauses of a sentence.
_CLAUSE_BREAK = re.compile(r"[,;:()]")
#: How many sentences back that day may be named.
_DAY_BEFORE_REACH = 3
#: How far before an event placed only in its country a town named may still be its place.
TOWN_BEFORE = 400
#: An event a date names right before it ("the Feb. 1 coup", "the May 3 attack").
_DATED_EVENT = re.compile(
    r"\s+(coup|attack|attacks|election|elections|vote|referendum|massacre|bombing|bombings"
    r"|raid|offensive|uprising|protest|protests|strike|strikes|ceasefire|agreement|deal"
    r"|ambush|assault|killing|killings|shooting|explosion|blast|clashes|war|invasion"
    r"|takeover|crackdown|revolution|earthquake|fire|flood|floods|storm|summit|meeting)\b"
)
#: After a person's name: an apposition at most, a first passive joined by "and" ("was
#: abducted by gunmen and later found dead"), then a passive killing or "died".
#: Not "X, who died in 2019, said...": a relative clause tells of the person, not the event.
_NAMED_KILLED = re.compile(
    # not "X, denied that any farmers had been killed": X speaks of others' deaths
    r"(?:,(?!\s*who\b)(?![^.;:]{0,100}?\b(?:denied|said|says|insisted|claimed) that\b)"
    r"[^.;:]{1,100}?,?)?"
    r"(?:\s+(?:was|had been|has been) (?:abducted|kidnapped|taken|seized|dragged|tortured|"
    r"attacked|ambushed|shot|stabbed|beaten|wounded|injured)\b[^.;:]{0,100}? and)?"
    r"\s+(?:was|has been|had been|has|had)?\s*"
    r"(?:(?:reportedly|allegedly|later|also|only|then)\s+)?"
    r"(?:killed|shot dead|shot and killed|gunned down|died|murdered|executed|slain|"
    r"assassinated|beheaded|lynched|found dead|(?:hacked|stabbed|beaten|burned|burnt) to death)\b"
)
#: Before a person's name: an active killing ("the troops shot and killed X", "for
#: killing one X").
_KILLED_NAMED = re.compile(
    r"\b(?:killed|killing|shot dead|shot and killed|gunned down|murdered|executed|"
    r"assassinated|beheaded|lynched)\s+(?:one\s+)?$"
)
#: What may stand before a date that opens a sentence ("On", "Earlier on", "And late on").
_DATE_LEAD = re.compile(
    r"[\s\"'(-]*(?:(?:and|but|also|then|meanwhile|earlier|later|late|early)[\s,]+)*"
    r"(?:on|in the early hours of|in the night of|at dawn on)?\s*"
)
#: Sentences after an undated incident where "the events occurred on ..." may date it.
DATES_BACK_SENTENCES = 4
#: Paragraphs before an undated event's own whose day it may take.
DATE_LOOKBACK_PARAGRAPHS = 2
#: The same for an event told as a sequel ("Hours later, ..."): the day told before it.
SAME_DAY_LOOKBACK_PARAGRAPHS = 8
#: A recap older than this is another story: it takes no place from today's.
RECALLED_STORY = dt.timedelta(days=31)
#: An incident dated further back than this is history told for background (a war's
#: start, a biography), not an event: a consumer of today's news has coded it long ago.
HISTORY = dt.timedelta(days=730)
#: An incident dated further back than this before publication is a recap.
RECAP_AFTER = dt.timedelta(days=7)
#: In an article that reports no fresh incident, a recap older than this is the background
#: of other news (a trial, a lawsuit, a memorial, a campaign), not news of conflict.
STALE_BACKGROUND = dt.timedelta(days=365)


#: A pronoun that takes up a side just named as the subject of the trigger: "the
#: government held a parade when it retook the city".
_PRONOUN_BEFORE = re.compile(r"\b(?:when|after|as|once|before|until) (?:it|they) $")


def _pronoun_subject(
    doc: _Article,
    in_anchor: list[ActorMention],
    hurt: Intervals,
    sentence_start: int,
    trig: int,
    actors: ActorFinder,
) -> ActorMention | None:
    """The side a pronoun right before the trigger stands for: the nearest one named before
    it in the sentence; a government acts by its army."""
    pronoun = _PRONOUN_BEFORE.search(doc.folded, max(sentence_start, trig - 16), trig)
    if pronoun is None:
        return None
    before = [
        a
        for a in in_anchor
        if a.end <= pronoun.start()
        and a.person is None
        and not hurt.overlaps(a.start, a.end)
        and not speaks(doc.folded, a.start, a.end)  # "police said they killed ... when they"
    ]
    if not before:
        return None
    side = before[-1]
    if side.spec.actor_type is ActorType.GOVERNMENT and side.spec.country:
        return as_military(side, actors.display_name(side.spec.country))
    return side if side.fights else None


def _opens_heading(doc: _Article, index: int, date: DateMention) -> bool:
    """A section heading that opens with its day ("April 3rd, Lisna Village, Dubrava
    District") dates the paragraphs under it, though it reports nothing itself."""
    return date.precision.value == "day" and date.start - doc.sentences[index].start <= 4


#: A date that states its year or its distance: sure enough to call a recap stale.
_SURE_DISTANCE = re.compile(r"\b(?:19|20)\d\d\b|\blast year\b|\bago\b", re.IGNORECASE)


def _without_stale_background(
    events: list[EnrichedEvent], published: dt.date
) -> list[EnrichedEvent]:
    """The events, less recaps older than STALE_BACKGROUND when every event is a recap:
    "a judge dismissed the suits of survivors of the 2018 shooting". Only a date that
    states its year or its distance ("last year", "two years ago") is sure enough: a
    yearless day after publication ("the body was found on July 27") is read as last
    year's, which may be a misreading."""
    if any(not event.recap for event in events):
        return events
    return [
        e
        for e in events
        if e.occurred_on.date >= published - STALE_BACKGROUND
        or e.occurred_on.evidence is None
        or not _SURE_DISTANCE.search(e.occurred_on.evidence.text)
    ]


def _recalled(occurred: EventDate, published: dt.date) -> bool:
    return occurred.resolved_from != "publication" and occurred.date < published - RECAP_AFTER


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


#: A government that speaks ("the Defence Ministry reports ...") is the source of the
#: report, not the side that fought.
_SPEAKS = re.compile(rf"\s+(?:{'|'.join(sorted(SPEECH_VERBS))})\b")
#: A country named as the owner of a place ("forces from Ethiopia's Tigray region", "in
#: Syria's north") is no government acting.
_OWNS_A_PLACE = re.compile(
    r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:region|province|state|district|county|governorate"
    r"|oblast|city|capital|town|village|border|territory|north|south|east|west|northeast"
    r"|northwest|southeast|southwest|north-east|north-west|south-east|south-west)\b"
)
_TALLY_TENSE = re.compile(r"\b(?:have|has) (?:now |so far |already )?(?:been )?(?:killed|left)\b")


def _toll_of_another_time(
    later: list[DateMention], event_dates: list[DateMention], published: dt.date
) -> bool:
    """Whether a report with dates of its own (`later`: "Last year, three students died")
    tells of a time before the event told before it: wholly before the event's dates, or,
    when the event names none (it is today's), a recap's time. Later deaths ("On Tuesday
    two died of their wounds") may still be the event's."""
    span = date_span([d for d in later if not d.reporting])
    if span is None:
        return False
    event_span = date_span(event_dates)
    if event_span is not None:
        return span[1] < event_span[0]
    return span[1] < published - RECAP_AFTER


def _dated_outside(dates: list[DateMention], spans: list[tuple[int, int]]) -> bool:
    """Whether a date of the day (not of the report) stands outside the given spans."""
    return any(
        d.precision.value == "day" and not d.reporting and not _inside(d.start, spans)
        for d in dates
    )


def _armed_spans(actors: list[ActorMention]) -> list[tuple[int, int, bool]]:
    """(start, end, is-police) of the armed actors named: sense evidence."""
    return [(a.start, a.end, a.spec.actor_type is ActorType.POLICE) for a in actors if a.fights]


def _names_a_group(actors: list[ActorMention]) -> bool:
    """Whether the article names a non-state armed group (not "gunmen": a name)."""
    return any(a.spec.actor_type in NON_STATE and not _unidentified(a) for a in actors)


def _heading(sentence: str) -> bool:
    """A subtitle ("fierce fights") reports nothing by itself."""
    return not sentence.rstrip().endswith((".", "!", "?", '"', "”")) and len(sentence.split()) < 4


def _question(sentence: str) -> bool:
    """A question ("How many have you killed?") asks; it reports nothing."""
    return sentence.rstrip().rstrip("\"”’'").endswith("?")


def _group_of(folded: str, mention: ActorMention, mentions: list[ActorMention]) -> ActorMention:
    """The named group a generic mention belongs to ("militants of the Islamic State
    group"), else the mention itself."""
    if not _unidentified(mention):
        return mention
    end = _members_end(folded, mention.end)
    return next(
        (m for m in mentions if mention.end < m.start < end and m.fights and not _unidentified(m)),
        mention,
    )


def _unidentified(mention: ActorMention) -> bool:
    return names_nobody(mention.spec.name)


def _members_end(folded: str, end: int) -> int:
    """Where the counted people end, with the group they belong to ("four militants of
    the Islamic State group were killed": the group was hit too)."""
    match = _MEMBERS_OF.match(folded, end)
    return match.end() if match else end


_MEMBERS_OF = re.compile(
    r" of (?:[^,.;:]{0,60}?)"
    r"(?= (?:were|was|have|has|had|are|is|and|after|in|near|during|when|while)\b|[,.;:])"
)
#: A side named as the group of people hurt: "the SDF member who was assassinated",
#: "Russian soldiers were killed when ..." (no figure, so no counted casualty marks them).
_ITS_PEOPLE_HURT = re.compile(
    r"(?:\s+(?:member|members|fighter|fighters|soldier|soldiers|commander|commanders|officer"
    r"|officers|militant|militants|leader|leaders))?(?:\s+(?:who|that))?\s+(?:was|were|had been"
    r"|has been|have been)\s+(?:[a-z]+\s+)?(?:killed|assassinated|shot|wounded|injured"
    r"|executed|murdered|abducted|kidnapped)\b"
)

#: A side whose arms, vehicles or posts were destroyed or seized ("rebel ammunition and two of
#: their trucks were destroyed"): the side hit, never who hit.
_ITS_THINGS_LOST = re.compile(
    r"(?:'s)?\s+(?:weapons|arms|ammunition|vehicles|motorcycles|motorbikes|trucks|pickups"
    r"|tanks|equipment|hideouts?|depots?|positions|bases?|camps?)\b[^.;!?]{0,60}?\b(?:was"
    r"|were|had been|has been|have been)\s+(?:[a-z]+\s+)?(?:destroyed|seized|captured"
    r"|confiscated|damaged|burned|burnt|torched|dismantled)\b"
)


def _its_losses(folded: str, end: int) -> bool:
    """Whether the side named up to `end` is told as the one that lost people or things."""
    return (
        _ITS_PEOPLE_HURT.match(folded, end) is not None
        or _ITS_THINGS_LOST.match(folded, end) is not None
    )


def _pick_actor1(
    folded: str,
    mentions: list[ActorMention],
    trig: int,
    violent: bool,
    sent_start: int,
    before_only: bool = True,
) -> ActorMention | None:
    """The acting side: after "by", else the subject before the trigger, else the modifier
    of the trigger ("Russian strikes"). Outside violent events officials can act too."""
    if violent:
        fighting = [a for a in mentions if a.fights]
    else:
        fighting = [
            a
            for a in mentions
            if a.person is None and a.spec.actor_type not in (ActorType.MEDIA, ActorType.CIVILIANS)
        ]
    fighting = [a for a in fighting if not came_after(folded, a.end)]  # "police found the body"
    # "Police said two officers were killed when gunmen attacked": who tells of it is not
    # the acting side when another side is the subject of the trigger
    silent = [a for a in fighting if not speaks(folded, a.start, a.end)]
    if any(a.start <= trig for a in silent):
        fighting = silent
    for a in fighting:  # "police blamed the attack on Boko Haram": who is said to have done it
        if _BLAMED_ON.search(folded, max(sent_start, a.start - 40), a.start):
            return a
    for a in fighting:  # passive: "was shelled by Russian forces", in any clause
        if (
            agent(folded, a.start)
            and 0 <= a.start - trig <= 40
            # "shot down drones launched by Russia": the agent of another verb
            and not _OTHER_AGENT.search(folded, trig, a.start)
        ):
            return a
    for a in fighting:  # "the death of a man after being shot by gunmen": who did it
        if a.start > trig and _VIOLENT_AGENT.search(folded, max(sent_start, a.start - 60), a.start):
            return a
    main = [a for a in fighting if not subordinate(folded, a.start, sent_start)]
    fighting = main or fighting
    if not fighting:
        return None
    for a in fighting:  # "clashes between Russian and Ukrainian forces": the first named
        if 0 <= a.start - trig <= 80 and _BETWEEN.search(folded, max(trig, a.start - 12), a.start):
            return a
    subjects = [a for a in fighting if a.start <= trig and not _is_object(folded, a.start)]
    if subjects:  # the subject of the trigger's own clause first
        return next((a for a in subjects if not _CONTRAST.search(folded, a.end, trig)), subjects[0])
    for a in fighting:  # "in Russian strikes", "a Russian attack"
        if a.start <= trig < a.end or folded[max(0, a.start - 3) : a.start] in ("in ", " a "):
            return a
    if before_only:
        if any(a.start > trig for a in fighting) and len(fighting) > 1:
            return None
        if fighting[0].start > trig and _CONTRAST.search(folded, trig, fighting[0].start):
            return None  # "captured the town, but the rebels kept fighting": another clause
        if fighting[0].start > trig and _direct_object(folded, trig, fighting[0]):
            return None  # "attacked Ukrainian positions": the target, not the attacker
        return fighting[0]
    return fighting[0]


def _direct_object(folded: str, trig: int, mention: ActorMention) -> bool:
    """A mention right after the trigger word ("shelled Ukrainian positions") or naming
    positions is what was hit."""
    if folded[max(0, mention.end - 9) : mention.end].endswith("positions"):
        return True
    gap = folded[trig : mention.start].split()
    return (
        len(gap) <= 2
        and (len(gap) <= 1 or gap[-1] in ("the", "a"))
        and not (gap and gap[-1] in ("by", "from"))
    )


_BETWEEN = re.compile(r"\bbetween (?:the )?$")
#: A fight told beside a capture of armed men: an assault on their post, a battle.
_A_FIGHT = re.compile(
    r"\b(?:battle|fighting|clash|clashes|clashed|overran|overrun|stormed|attacked|assault"
    r"|assaulted|ambush|ambushed|raided|(?:seized|captured|took) (?:an? |the )?(?:[a-z-]+ )?"
    r"(?:post|outpost|checkpoint|base|camp|station|position))\b"
)
#: Before the side a speaker holds responsible: "blamed the attack on", "blaming it on".
_BLAMED_ON = re.compile(r"\bblam(?:ed|es|e|ing) (?:[a-z'-]+ ){0,3}?on (?:the )?$")
#: A participle whose agent follows, told after the trigger: the weapon's user, not the
#: trigger's ("shot down drones launched by Russia").
_OTHER_AGENT = re.compile(
    r"\b(?:launched|fired|sent|flown|piloted|operated|deployed|dropped|supplied|made"
    r"|manufactured|owned|used) by (?:the )?$"
)
#: Demonstrations the police or troops broke up: the protesters act, the forces meet them.
_BROKEN_UP = {
    SubEventType.PROTEST_WITH_INTERVENTION.value,
    SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS.value,
}
_FORCES = {ActorType.POLICE, ActorType.MILITARY}
#: Sub-event types whose unnamed perpetrator is an army, not an unidentified armed group.
_STATE_WEAPONS = {
    SubEventType.AIR_DRONE_STRIKE.value,
    SubEventType.SHELLING_ARTILLERY_MISSILE.value,
}
#: Between a subject and a trigger of another clause: "militants gathered to storm a
#: checkpoint, but warplanes bombed them".
_CONTRAST = re.compile(r"[,;] but |; ")
#: A side named in the setting of an event, not as a party to it: "amid fighting with X",
#: a place "under the control of X".
_SETTING = re.compile(
    r"(?:\bamid\b[^,;.]*|\b(?:under (?:the )?control of|controlled by) (?:the )?)$"
)
_SETTING_REACH = 60

#: After a side told after a violent act: it caught the attacker ("police later arrested
#: the soldier", "police, who detained him the same day").
_CAUGHT_THEM = re.compile(
    r"(?:\s*,)?(?:\s+(?:who|later|then|also|soon|quickly|eventually|have|has|had))*\s+"
    r"(?:arrested|detained|apprehended|caught|captured|nabbed) (?:the |a |an |two |three |"
    r"four |all )?(?:[a-z-]+ )?(?:suspects?|gunm[ae]n|shooters?|attackers?|assailants?|"
    r"killers?|perpetrators?|culprits?|him|her|them|soldiers?|officers?|m[ae]n|sergeant|"
    r"corporal|private|policem[ae]n|guards?)\b"
)
#: Before a side that fights with the one named before it, not against it.
_ALLY = re.compile(
    r"\b(?:along with|together with|alongside|joined by|backed by|supported by|aided by"
    r"|assisted by|with the (?:help|support|backing) of|in (?:coordination|cooperation) with)"
    r"(?: the)? $"
)


def _in_setting(folded: str, start: int) -> bool:
    reach = _SETTING_REACH
    if folded.endswith("(", 0, start):
        reach *= 2  # "amid fighting with the Kachin Independence Army (KIA)": read from the name
    return _SETTING.search(folded, max(0, start - reach), start) is not None


#: A violent act's passive agent: "shot dead by", "killed by unknown", "abducted by the",
#: also after the weapon ("shot with a hunting rifle by two masked gunmen").
_VIOLENT_AGENT = re.compile(
    r"\b(?:shot|shot dead|killed|murdered|assassinated|executed|attacked|ambushed|abducted|"
    r"kidnapped|targeted|shelled|bombed|stabbed|beheaded|gunned down)"
    r"(?:\s+(?:with|by|using)\s+(?:a|an|the)(?:\s+[a-z-]+){1,3})?\s+by\s+"
    r"(?:(?:the|a|an|two|three|several|suspected|unknown|unidentified)\s+)?$"
)


def _is_object(folded: str, start: int) -> bool:
    before = folded[max(0, start - 12) : start].split()
    return bool(before) and before[-1] in ("with", "against", "on", "at", "targeting", "between")


def _cause_of_protest(folded: str, start: int) -> bool:
    """Whether the people counted at `start` are what a demonstration is about ("protested
    over the killing of three students"), not hurt at it."""
    return any(
        m.end() >= start - 2 for m in PROTEST_CAUSE.finditer(folded, max(0, start - 90), start)
    )


def _passive(folded: str, sentence_start: int, trig: int, trig_end: int) -> bool:
    """Whether the trigger is a blow told in the passive ("were ambushed", "was attacked",
    "came under fire"), whose subject is the side hit ("were shelling" is active)."""
    lo = max(sentence_start, trig - 30)
    if _CAME_UNDER.search(folded, lo, trig) or folded.startswith(_UNDER, trig):
        return True
    if folded[trig:trig_end].endswith("ing"):
        return False
    return _PASSIVE_AUX.search(folded, lo, trig) is not None


_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets)(?: (?:reportedly|allegedly|also|again|"
    r"repeatedly|briefly|heavily|later|then|first|twice))? $"
)
_UNDER = ("under ", "came under ", "come under ", "comes under ", "coming under ")
_CAME_UNDER = re.compile(r"\b(?:came|come|comes|coming) under (?:heavy |renewed |an? )?$")


def _is_target(folded: str, start: int, end: int) -> bool:
    """A mention after a preposition of the target or as the object of a blow, past words
    of a unit ("rams into a group of soldiers", "exploded near a convoy of troops", "an
    attack on police", "warplanes struck a group of rebels"), or who use the place that was
    hit, is the side hit; "clashed with", "between" name the other fighting side. A side's
    post ("an attack on the Hill 12 army checkpoint") is where it was hit, never who hit."""
    if _PATRONS.search(folded, max(0, start - 50), start):
        return True
    if _POST.search(folded, start, end) and not _FIRED_FROM.search(
        folded, max(0, start - 30), start
    ):
        return True  # but "shells fired from army positions": the positions fired
    before = folded[max(0, start - 40) : start].split()
    while before and before[-1] in _UNIT_WORDS:
        before.pop()
    return bool(before) and before[-1] in _TARGET_PREPOSITIONS


#: A person named as who tells of it ("..., Lopez said", "said Lopez", "according to Lopez").
_SPEAKER_AFTER = re.compile(r",? (?:said|says|told|tells|added|explained|stated|confirmed)\b")
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|according to|spokesman|spokesperson)\s+$")
#: Who use the place that was hit ("a cafe frequented by locals and soldiers", "a post
#: manned by police"): the side it hit, not its agent.
_PATRONS = re.compile(
    r"\b(?:frequented|used|visited|popular|favou?red|owned|occupied|guarded|manned|run)"
    r" (?:by|with|among)(?: (?!by\b|and\b)[a-z'-]+){0,3}(?: and)?(?: [a-z'-]+){0,2} $"
)
#: A side named by where it stands (data/events/actors.yaml, "the army's places").
_POST = re.compile(r"\b(?:bases?|camps?|posts?|checkpoints?|positions|barracks)$")
_FIRED_FROM = re.compile(r"\bfrom(?: the| a| an| its| their)?(?: [a-z'-]+)? $")
#: Words after which a mention is the side hit: prepositions of a target, verbs of a blow.
_TARGET_PREPOSITIONS = {
    "against", "on", "at", "targeting", "into", "near", "toward", "towards",
    "struck", "targeted", "hit", "bombed", "shelled", "attacked", "ambushed", "raided",
    "pounded", "bombarded", "stormed",
}  # fmt: skip
_UNIT_WORDS = {
    "a", "an", "the", "group", "groups", "convoy", "convoys", "patrol", "patrols", "unit",
    "units", "team", "column", "squad", "of",
}  # fmt: skip


def _to_actor(text: str, mention: ActorMention, role: ActorRole, home: str | None) -> Actor:
    inter = mention.spec.inter
    if (
        mention.spec.actor_type in STATE
        and home
        and mention.spec.country
        and (mention.spec.country != home)
    ):
        inter = 8  # ACLED codes state forces outside their own country as external
    return Actor(
        text=text[mention.start : mention.end],
        name=mention.spec.name,
        actor_type=mention.spec.actor_type,
        acled_inter=inter,
        country_iso3=mention.spec.country,
        role=role,
        person=mention.person,
        title=mention.title,
        confidence=mention.confidence,
        evidence=span(text, mention.start, mention.end),
    )


def _mark_sources(actors: list[Actor], sources: list[Source]) -> list[Actor]:
    out = []
    for actor in actors:
        if actor.role is ActorRole.ASSOCIATED and any(
            s.start <= actor.evidence.start < s.end
            or actor.evidence.start <= s.start < actor.evidence.end
            for s in sources
        ):
            actor = actor.model_copy(update={"role": ActorRole.SOURCE})
        out.append(actor)
    return out


def _note_scopes(doc: _Article, drafts: list[Draft]) -> list[int]:
    """For each draft, the end of the text a coder note about it may sit in: up to the next
    event of its paragraph, else the paragraph's end ("...retreated. Unspecified
    fatalities coded as 10." belongs to the event before it)."""
    last_of: dict[int, int] = {}  # paragraph -> its last sentence
    for index, para in enumerate(doc.paragraph_of):
        last_of[para] = index
    ends = [0] * len(drafts)
    next_first: dict[int, int] = {}  # paragraph -> first sentence of the drafts after
    for i in range(len(drafts) - 1, -1, -1):
        draft = drafts[i]
        first = min(draft.sentences)
        following = next_first.get(draft.paragraph)
        last = following - 1 if following is not None else last_of[draft.paragraph]
        ends[i] = doc.sentences[max(last, first)].end
        next_first[draft.paragraph] = first if following is None else min(first, following)
    return ends


#: The attacking side's dead named by what they are (casualties.yaml `attackers`).
_ATTACKERS = frozenset(resources.load_yaml("casualties.yaml")["attackers"])
#: Between two figures of one sentence: the second is another side's claim of the same dead
#: ("the army said 23 soldiers died, while the group claimed it killed 60 soldiers").
_COUNTER_CLAIM = re.compile(
    r"\b(?:while|whereas|but)\b[^.;]{0,80}?\b(?:claimed|claims|claiming|said|says|insisted"
    r"|insists)\b"
)
#: A figure told as an update of an earlier one: it replaces it, whoever says it.
_TOLL_UPDATE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|jumped|reached|updated|revised)\b"
)


def _merge_casualties(
    found: list[FoundCasualty],
    speakers: dict[int, frozenset[str]] | None = None,
    updates: frozenset[int] | set[int] = frozenset(),
    folded: str = "",
) -> list[Casualty]:
    """One figure per kind and victim type: summed within a sentence ("a mother and a
    child"), the largest across sentences (later reports update tolls), except between
    sentences whose only sources differ ("5 killed, the governor said ... 9, the
    militants' spokesman said"): then the lowest, as ACLED codes conflicting reports,
    unless the larger is told as an update ("the toll rose to 9"); the same within a
    sentence when the second is another side's claim of the same people (`_disputed`)."""
    speakers = speakers or {}
    whole = {item.casualty.kind for item in found if not item.subset}
    found = [item for item in found if not item.subset or item.casualty.kind not in whole]
    found = _without_breakdowns(found)
    per_sentence: dict[tuple[str, str, int], list[Casualty]] = {}
    added: set[tuple[str, str, int]] = set()  # told as more than those counted before
    for item in found:
        c = item.casualty
        key = (c.kind.value, c.victim_type.value, item.sentence)
        per_sentence.setdefault(key, []).append(c)
        if item.added:
            added.add(key)
    best: dict[tuple[str, str], Casualty] = {}
    best_sentence: dict[tuple[str, str], int] = {}
    sentences_of: dict[tuple[str, str], set[int]] = {}
    for (kind, victim, sentence), items in per_sentence.items():
        sentences_of.setdefault((kind, victim), set()).add(sentence)
        if len(items) == 1:
            c = items[0]
        elif _disputed(items, folded):
            c = min(items, key=_figure)
        else:
            c = _summed(items)
        old = best.get((kind, victim))
        if old is None:
            take = True
        elif (kind, victim, sentence) in added and sentence > best_sentence[(kind, victim)]:
            c, take = _summed([old, c]), True  # "Another three soldiers died in hospital"
        else:
            said_by = speakers.get(sentence, frozenset())
            old_said_by = speakers.get(best_sentence[(kind, victim)], frozenset())
            disputed = bool(said_by and old_said_by and not said_by & old_said_by)
            if (
                disputed
                and _attackers(c) != _attackers(old)
                and c.qualifier is old.qualifier is Qualifier.EXACT
            ):
                # each source tells one side's dead: other people, not conflicting figures
                # ("several bandits were neutralised" is no figure to add)
                c, take = _summed([old, c]), True
            elif disputed and sentence not in updates:
                take = _figure(c) < _figure(old)
            else:
                take = _figure(c) > _figure(old)
        if take:
            best[(kind, victim)] = c
            best_sentence[(kind, victim)] = sentence
    # "Two fighters were killed ... The two bodies were taken away": a figure of people of
    # unknown kind, told in other sentences than the specific ones and no larger than
    # them, counts the same people again.
    unknown = VictimType.UNKNOWN.value
    for kind in {k for k, _ in best}:
        vague = best.get((kind, unknown))
        specific = [c for (k, v), c in best.items() if k == kind and v != unknown]
        if (
            vague is not None
            and specific
            and not any(k == kind and v == unknown for k, v, _ in added)
            and _figure(vague) <= sum(_figure(c) for c in specific)
            and not sentences_of[(kind, unknown)]
            & set().union(*(sentences_of[(kind, c.victim_type.value)] for c in specific))
        ):
            del best[(kind, unknown)]
    return list(best.values())


def _attackers(casualty: Casualty) -> bool:
    """Whether the armed dead are named as the attacking side (casualties.yaml)."""
    words = casualty.evidence.text.lower().split()
    return bool(words) and words[-1] in _ATTACKERS


def _disputed(items: list[Casualty], folded: str) -> bool:
    """Figures of one sentence naming the same people ("23 soldiers", "60 soldiers"), the
    later told as another side's claim (`_COUNTER_CLAIM` between them)."""
    nouns = {c.evidence.text.lower().split()[-1] for c in items}
    first = min(items, key=lambda c: c.evidence.start)
    last = max(items, key=lambda c: c.evidence.start)
    return (
        len(nouns) == 1
        and len(first.evidence.text.split()) > 1
        and _COUNTER_CLAIM.search(folded, first.evidence.end, last.evidence.start) is not None
    )


def _without_breakdowns(found: list[FoundCasualty]) -> list[FoundCasualty]:
    """ "11 soldiers were killed in clashes, as 6 were killed at A while 5 were killed at
    B": in one sentence, a figure that is the sum of two or more others of its kind is
    their total, and the others are its breakdown, not more dead."""
    by_sentence: dict[tuple[CasualtyKind, int], list[FoundCasualty]] = {}
    for item in found:
        by_sentence.setdefault((item.casualty.kind, item.sentence), []).append(item)
    parts: set[int] = set()
    for items in by_sentence.values():
        if len(items) < 3:
            continue
        total = max(items, key=lambda item: _figure(item.casualty))
        others = [item for item in items if item is not total]
        if _figure(total.casualty) == sum(_figure(item.casualty) for item in others):
            parts.update(id(item) for item in others)
    return [item for item in found if id(item) not in parts]


def _figure(casualty: Casualty) -> int:
    return casualty.count or casualty.min or 0


def _summed(items: list[Casualty]) -> Casualty:
    exact = all(c.qualifier is Qualifier.EXACT for c in items)
    total = sum(c.count if c.count is not None else (c.min or 0) for c in items)
    return items[0].model_copy(
        update={
            "count": total,
            "min": total if exact else None,
            "max": total if exact else None,
            "qualifier": Qualifier.EXACT if exact else Qualifier.AT_LEAST,
            "confidence": min(c.confidence for c in items),
        }
    )


def _follow_up_death(found: list[FoundCasualty], folded: str, sent: Sentence) -> bool:
    """Deaths told right after the blow: one person's ("He later died in hospital"), the
    few just told, named first ("Both officers died before reaching hospital"), or bodies
    counted ("a doctor said the bodies of nine people had been brought in"); not an
    illness's deaths ("the flu outbreak has caused 89 deaths")."""
    killed = [f for f in found if f.casualty.kind is CasualtyKind.KILLED]
    if len(killed) == 1 and killed[0].casualty.count == 1:
        return True
    if len(killed) == 1 and len(found) == 1:
        count = killed[0].casualty.count
        if count is not None and count <= _FOLLOW_UP_FEW and killed[0].token <= _FOLLOW_UP_OPENING:
            return True
    return bool(killed) and _BODIES.search(folded, sent.start, sent.end) is not None


_BODIES = re.compile(r"\b(?:bodies|corpses|remains)\b")


#: The few whose deaths a follow-up sentence tells as its subject: the handful one blow
#: hits, not an epidemic's toll ("89 patients died in hospital").
_FOLLOW_UP_FEW = 5
#: Tokens before the dead in such a sentence ("The two officers", "Both men").
_FOLLOW_UP_OPENING = 2


def _absorb_casualty_only(drafts: list[Draft]) -> list[Draft]:
    """A casualty-only draft right before a real event in its paragraph belongs to it."""
    out: list[Draft] = []
    for i, draft in enumerate(drafts):
        if draft.typing.casualty_only and i + 1 < len(drafts):
            nxt = drafts[i + 1]
            if (
                not nxt.typing.casualty_only
                and nxt.paragraph == draft.paragraph
                and nxt.anchor - draft.anchor <= ATTACH_WINDOW
            ):
                nxt.sentences.insert(0, draft.anchor)
                nxt.casualties.extend(draft.casualties)
                nxt.dates.extend(draft.dates)
                if nxt.place is None:
                    nxt.place, nxt.place_in_sentence = draft.place, draft.place_in_sentence
                continue
        out.append(draft)
    return out
