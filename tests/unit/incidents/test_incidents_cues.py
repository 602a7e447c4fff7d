"""What a report says of itself: a follow-up, a correction (invented sentences). What the
stage does with the marks is tested with the matching rule."""

from __future__ import annotations

import pytest

from sitrep.incidents.cues import says_follow_up, says_revised_down


@pytest.mark.parametrize(
    ("summary", "follow_up"),
    [
        ("The death toll from Tuesday's market bombing in the town has risen to 31.", True),
        ("The casualty toll of the ferry attack now stands at 12, officials say.", True),
        ("A second guard wounded in the raid died of his injuries overnight.", True),
        ("A nurse hurt in the shelling succumbed to her wounds, raising the toll to six.", True),
        ("Artillery shelled the town, killing three and wounding seven.", False),
        ("Rebels attacked a checkpoint; a group later claimed responsibility.", False),
        ("The toll road to the border was closed after the clashes.", False),
    ],
)
def test_a_follow_up_is_told_from_a_first_report(summary: str, follow_up: bool) -> None:
    assert says_follow_up(summary) is follow_up


@pytest.mark.parametrize(
    ("summary", "revised"),
    [
        ("Officials revised the death toll down to nine after a recount.", True),
        ("The number of dead was corrected to 14 by the ministry.", True),
        ("The toll fell to 7 once duplicate names were removed.", True),
        ("Police said an earlier report of a child among the dead was wrong.", True),
        ("At least 10 bodies have been identified so far.", False),
        ("The death toll rose to 12 on Thursday.", False),
    ],
)
def test_a_correction_that_lowers_a_toll_is_recognised(summary: str, revised: bool) -> None:
    assert says_revised_down(summary) is revised
