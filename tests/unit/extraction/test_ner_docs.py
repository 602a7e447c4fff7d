"""`_ner_docs` (the NER's beam of width one, a speed edit) reads exactly the entities that
`nlp.pipe` (the greedy loop) reads, in batches of every size it makes."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep.extraction.geo.analyzer import TextAnalyzer, _ner_docs

# Written for this test: windows like those the analyzer sends (names, places, groups,
# titles, numbers), of different lengths so that sorting by length reorders them.
WINDOWS = [
    "governor Oleh Synehubov said",
    "Russian forces shelled Kupiansk and Vovchansk on Monday",
    "Mayor Karen Warren said",
    "near Gao in northern Mali",
    "a spokesman for the United Nations Security Council, Jordan Hale,",
    "in Peshawar on Sunday",
    "Warren",
    "the Syrian Observatory for Human Rights reported",
    "",
    "Hamas and Hezbollah fighters crossed into Israel",
]


def entities(docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def test_the_beam_of_one_reads_what_the_greedy_loop_reads(analyzer: TextAnalyzer) -> None:
    nlp = analyzer._nlp
    assert nlp is not None
    texts = WINDOWS * 30  # 300 windows: more than one batch of 256 and of 64
    read = entities(_ner_docs(nlp, texts))
    assert read == entities(list(nlp.pipe(texts, batch_size=256)))
    assert sum(map(len, read)) >= 30 * 5, "the windows hold entities"
