"""Page furniture and datelines make no event and give no event its place."""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor, resources
from sitrep.extraction.events.layout import LayoutReader
from sitrep.extraction.events.segment import paragraphs
from sitrep.extraction.geo.sentences import split_sentences
from tests.unit.extraction.event_helpers import run


@pytest.fixture(scope="module")
def reader() -> LayoutReader:
    return LayoutReader(resources.load_yaml("layout.yaml"))


def skipped_lines(reader: LayoutReader, text: str) -> list[str]:
    sentences = split_sentences(text)
    layout = reader.read(text, sentences, paragraphs(text, sentences))
    return [sentences[i].text for i in sorted(layout.skipped)]


def test_headline_and_related_story_headlines_are_skipped(reader: LayoutReader) -> None:
    text = (
        "Militants Storm Border Post, Kill Two Guards\n"
        "Militants stormed a border post near Ostrovka on Monday, killing two guards.\n"
        "Rebels Agree To Talks In Capital\n"
        "The attackers fled towards the hills, officials said."
    )
    assert skipped_lines(reader, text) == [
        "Militants Storm Border Post, Kill Two Guards",
        "Rebels Agree To Talks In Capital",
    ]


def test_photo_captions_with_their_credit_are_skipped(reader: LayoutReader) -> None:
    text = (
        "Crowds gathered in Lisna on Monday to protest against the new tax.\n\n"
        "Supporters during a rally in Ostrovka.Image: Anna Berg.\n\n"
        "Soldiers patrol the square in Dubrava. (Photo: Lisna Daily)\n\n"
        "The photo: it showed troops in the square, residents said."
    )
    assert skipped_lines(reader, text) == [
        "Supporters during a rally in Ostrovka.Image: Anna Berg.",
        "Soldiers patrol the square in Dubrava.",
        "(Photo: Lisna Daily)",
    ]


def test_a_caption_makes_no_event(extractor: EventExtractor) -> None:
    text = (
        "The candidate spoke about taxes in Lisna on Monday.\n\n"
        "Supporters during a rally against the war in Ostrovka.Image: Anna Berg."
    )
    assert run(extractor, text) == []


def test_the_headline_is_the_headings_before_the_first_prose_line(reader: LayoutReader) -> None:
    text = (
        "World | Africa\n"
        "Militants Storm Border Post\n"
        "Militants stormed a border post near Ostrovka on Monday.\n"
        "Rebels Agree To Talks In Capital\n"
        "The attackers fled towards the hills, officials said."
    )
    sentences = split_sentences(text)
    paragraph_of = paragraphs(text, sentences)
    layout = reader.read(text, sentences, paragraph_of)
    assert [sentences[i].text for i in layout.headline] == [
        "World | Africa",
        "Militants Storm Border Post",
    ]
    assert layout.lead == paragraph_of[2]


def test_an_article_opening_with_prose_has_no_headline(reader: LayoutReader) -> None:
    text = "Militants stormed a border post near Ostrovka on Monday.\nRebels Agree To Talks"
    sentences = split_sentences(text)
    layout = reader.read(text, sentences, paragraphs(text, sentences))
    assert layout.headline == ()
    assert layout.lead == 0


def test_appeals_and_everything_after_a_related_heading_are_skipped(
    reader: LayoutReader,
) -> None:
    text = (
        "Soldiers clashed with rebels near Dubrava on Tuesday, leaving five dead.\n"
        "We have a small favour to ask you: please make a donation to keep us going.\n"
        "Related stories\n"
        "Five soldiers were killed in an ambush near Lisna last year, the army said."
    )
    assert skipped_lines(reader, text)[0].startswith("We have a small favour")
    assert skipped_lines(reader, text)[-1].startswith("Five soldiers were killed")


def test_a_one_line_note_is_not_furniture(reader: LayoutReader) -> None:
    text = "On 3 May 2023, residents protested in Ostrovka against the curfew. [size=no report]"
    assert skipped_lines(reader, text) == []


@pytest.mark.parametrize(
    "dateline",
    ["OSTROVKA, Ukraine (AP) — ", "OSTROVKA, May 16 (Reuters) - ", "Ostrovka: "],
)
def test_the_dateline_is_not_where_the_event_happened(
    extractor: EventExtractor, dateline: str
) -> None:
    text = dateline + "Gunmen attacked a police post in Dubrava on Tuesday, killing three officers."
    (event,) = run(extractor, text)
    assert event.location is not None and event.location.name == "Dubrava"


def test_the_dateline_s_date_is_when_the_story_was_filed(extractor: EventExtractor) -> None:
    text = (
        "DUBRAVA, May 17 (wire) - Three villagers were killed when rebels stormed Ostrovka "
        "before dawn on Monday, officials said.\n\n"
        "The attackers fought troops for several hours before taking control of the market."
    )
    (event,) = run(extractor, text)
    assert event.occurred_on is not None and str(event.occurred_on.date) == "2023-05-15"


def test_a_headline_repeating_the_lead_gives_one_event(extractor: EventExtractor) -> None:
    text = (
        "Shelling Kills Three In Ostrovka\n"
        "Russian shelling killed three civilians in Ostrovka on Monday, officials said."
    )
    (event,) = run(extractor, text)
    assert event.summary.startswith("Russian shelling killed")


def test_a_digest_of_headlines_is_skipped(reader: LayoutReader) -> None:
    digest = (
        "Border report: rebels raid a prison in the north of the province; troops kill "
        "militants near the river crossing; gunmen attack a base in the east of the country"
    )
    text = f"{digest}\nRebels raided the prison of Ostrovka on March 5, freeing 40 inmates."
    assert skipped_lines(reader, text) == [digest]
