"""Ukrainian romanisation for gazetteer keys: KMU 2010 first, then the spellings news uses."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo.romanise import romanise


@pytest.mark.parametrize(
    ("cyrillic", "expected"),
    [
        ("Ямпіль", ["Yampil"]),  # я at the start of a word
        ("Згурівка", ["Zghurivka", "Zhurivka"]),  # зг kept apart from ж
        # й inside a word; и also as "i" (Russian-influenced spelling)
        ("Гайове", ["Haiove", "Hayove"]),
        (
            "Зайчики",
            [
                *("Zaichyky", "Zaichyki", "Zaichiky", "Zaichiki"),
                *("Zaychyky", "Zaychyki", "Zaychiky", "Zaychiki"),
            ],
        ),
        ("Щасливе", ["Shchaslyve", "Shchaslive", "Schaslyve", "Schaslive"]),
        # each word capitalised
        ("Нова Ушиця", ["Nova Ushytsia", "Nova Ushytsya", "Nova Ushitsia", "Nova Ushitsya"]),
        ("Гуляйполе", ["Huliaipole", "Huliaypole", "Hulyaipole", "Hulyaypole"]),
    ],
)
def test_romanise_gives_kmu_first_then_variants(cyrillic: str, expected: list[str]) -> None:
    assert romanise(cyrillic) == expected


def test_soft_sign_before_o_has_both_spellings() -> None:
    assert romanise("Вільшанка") == ["Vilshanka"]
    assert romanise("Синьохатка")[:2] == ["Synokhatka", "Synyokhatka"]
