"""The learned conflict-relevance signal: its features, its arithmetic, the shipped model.

The sentences below were written for these tests; none comes from the training data or
from ../shared/eval.
"""

from __future__ import annotations

import math

import pytest

from sitrep.extraction.relevance import RelevanceModel, text_features
from sitrep.extraction.relevance.model import FEATURES_VERSION

CONFLICT = [
    "Rebels attacked an army base outside the provincial capital before dawn, and the "
    "fighting killed nine soldiers and three insurgents, a military spokesman said.",
    "Artillery shelled the eastern suburbs for a second night; two civilians were killed "
    "and a hospital was damaged, the regional governor said on Telegram.",
    "A car bomb exploded near a police station in the north of the country, killing five "
    "officers. No group has claimed the attack.",
    "Security forces fired live rounds and tear gas at thousands of protesters who had "
    "gathered in the capital to demand the release of detained opposition leaders.",
]
OTHER = [
    "The striker scored twice in the second half as the home side beat the league leaders "
    "3-1 and moved up to fourth place in the table.",
    "The central bank raised interest rates by half a point on Thursday to slow inflation, "
    "and shares in housebuilders fell sharply.",
    "Health officials confirmed 40 new cases of measles this week and urged parents to "
    "vaccinate their children before the school term begins.",
    "The town council approved the budget for a new swimming pool and a cycle lane along "
    "the river, to be finished next summer.",
]
FIGURATIVE = [
    "The chancellor's plan is an attack on the budgets of every hospital, the opposition said.",
    "The young singer shot to fame after the video of her first concert went viral.",
    "The software giant captured the market for office tools within five years.",
]


@pytest.fixture(scope="module")
def shipped() -> RelevanceModel:
    return RelevanceModel.load()


def tiny_model(weights: dict[str, float], *, bias: float = -1.0) -> RelevanceModel:
    return RelevanceModel.from_dict(
        {
            "version": "test",
            "features_version": FEATURES_VERSION,
            "bias": bias,
            "threshold": 0.5,
            "weights": weights,
        }
    )


def test_features_are_lowercased_words_and_adjacent_pairs() -> None:
    assert text_features("Troops SHELLED the town.") == {
        "troops",
        "shelled",
        "the",
        "town",
        "troops shelled",
        "shelled the",
        "the town",
    }


def test_features_skip_numbers_and_punctuation() -> None:
    assert text_features("12 killed, 3 hurt!") == {"killed", "hurt", "killed hurt"}
    assert text_features("") == set()


def test_score_is_bias_plus_weights_over_root_of_feature_count() -> None:
    model = tiny_model({"gunmen": 2.0, "gunmen attacked": 1.0, "match": -3.0})
    # 5 features: gunmen, attacked, a, gunmen attacked, attacked a
    expected = -1.0 + (2.0 + 1.0) / math.sqrt(5)
    assert model.score("Gunmen attacked a") == pytest.approx(expected)
    assert model.probability("Gunmen attacked a") == pytest.approx(1 / (1 + math.exp(-expected)))


def test_text_without_words_scores_the_bias() -> None:
    model = tiny_model({"war": 1.0}, bias=-2.0)
    for text in ("", "1234 5678", "Война началась"):
        assert model.score(text) == -2.0


def test_very_negative_scores_give_zero_not_overflow() -> None:
    model = tiny_model({"match": -1e6})
    assert model.probability("match") == 0.0
    assert not model.is_conflict("match")


def test_a_model_built_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="features_version"):
        RelevanceModel.from_dict(
            {
                "version": "x",
                "features_version": FEATURES_VERSION + 1,
                "bias": 0.0,
                "threshold": 0.5,
                "weights": {},
            }
        )


def test_shipped_model_is_small_and_has_a_threshold(shipped: RelevanceModel) -> None:
    assert 1_000 <= len(shipped.weights) <= 100_000
    assert 0.05 < shipped.threshold < 0.95


@pytest.mark.parametrize("text", CONFLICT)
def test_shipped_model_flags_conflict_reports(shipped: RelevanceModel, text: str) -> None:
    assert shipped.is_conflict(text), shipped.probability(text)


@pytest.mark.parametrize("text", OTHER)
def test_shipped_model_passes_over_other_news(shipped: RelevanceModel, text: str) -> None:
    assert not shipped.is_conflict(text), shipped.probability(text)


@pytest.mark.parametrize("text", FIGURATIVE)
def test_shipped_model_reads_figurative_violence_as_less_likely_than_real(
    shipped: RelevanceModel, text: str
) -> None:
    least_conflict = min(shipped.probability(report) for report in CONFLICT)
    assert shipped.probability(text) < least_conflict


def test_conflict_paragraph_raises_the_probability_of_a_sports_story(
    shipped: RelevanceModel,
) -> None:
    sport = OTHER[0]
    assert shipped.probability(sport + " " + CONFLICT[0]) > shipped.probability(sport)
