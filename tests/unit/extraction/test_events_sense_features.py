"""Round 16 (issue #11): features, profiles and museum pieces, with the gate forced open.

A profile's subject who talks about a war's fighting, and a museum's gallery that retells
an old siege, tell no incident; beside the same words, real reports still do.
"""

from __future__ import annotations

import pytest

from sitrep.extraction.events import EventExtractor
from tests.unit.extraction.event_helpers import run

FEATURES_AND_MUSEUMS = [
    # the fighting as the topic of a subject's words
    (
        "Ms Halloran, who reported from Ostrovka for a decade, talks less about the fighting "
        "than about the neighbours who fed her."
    ),
    "Now a baker in Dubrava, he rarely speaks about the shelling of his home town.",
    # a career counted in decades of a war's acts
    "Her years in Lisna became three decades of shelling, truces and long nights in cellars.",
    # a gallery or an exhibition that retells the past
    (
        "The castle in Lisna opens a new gallery that retells the summer of 1702. Cannons "
        "fired at the walls for six weeks before the defenders gave up."
    ),
    (
        "The society tells the story in its new exhibition at the library in Dubrava, which "
        "runs until June.\n\nAll morning the guns go on firing at the ridge near Ostrovka."
    ),
]


@pytest.mark.parametrize("text", FEATURES_AND_MUSEUMS)
def test_features_and_museum_pieces_make_no_event(extractor: EventExtractor, text: str) -> None:
    assert run(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Fighting broke out in Ostrovka on Monday between rebels and soldiers, killing six.",
        (
            "The governor spoke about the fighting, saying rebels attacked a checkpoint in "
            "Lisna on Monday, killing four soldiers."
        ),
        "Three decades after the war, rebels shelled Dubrava on Monday, killing four.",
        "Rebels shelled the old gallery in Dubrava on Monday, killing two guards.",
        (
            "The exhibition in Lisna was closed on Monday after gunmen attacked the town hall, "
            "killing three people."
        ),
    ],
)
def test_beside_features_and_museum_pieces_real_reports_stay(
    extractor: EventExtractor, text: str
) -> None:
    assert run(extractor, text) != []
