"""'In the capital' with no name is the focus country's capital, on sentences written for
these tests."""

from __future__ import annotations

from sitrep.extraction.geo import TextAnalyzer


def _capitals(analyzer: TextAnalyzer, text: str) -> list[tuple[str, str | None]]:
    return [
        (p.evidence.text, p.name) for p in analyzer.analyze(text).places if p.feature_code == "PPLC"
    ]


def test_the_capital_unnamed_is_the_focus_country_s(analyzer: TextAnalyzer) -> None:
    text = (
        "Kenya's government faced protests this week. Thousands marched in the capital on "
        "Sunday, and police fired tear gas near the capital's main market."
    )
    assert _capitals(analyzer, text) == [("the capital", "Nairobi"), ("the capital", "Nairobi")]


def test_a_capital_named_or_of_another_place_is_left_alone(analyzer: TextAnalyzer) -> None:
    text = (
        "Kenya's government faced protests this week. Thousands marched in the capital, "
        "Nairobi, on Sunday. Others met in the capital of the county. Investors moved "
        "into the capital markets."
    )
    assert _capitals(analyzer, text) == [("Nairobi", "Nairobi")]
    # A sentence that names another capital leaves "the capital" unclear.
    text = "Kenya's envoy flew from Paris on Sunday and landed in the capital at night."
    assert _capitals(analyzer, text) == [("Paris", "Paris")]
