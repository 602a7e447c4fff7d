"""Ukrainian romanisation for gazetteer keys: KMU 2010 first, then the spellings news uses."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo.romanise import romanise


@pytest.mark.parametrize(
    ("cyrillic", "expected"),
    [
        ("Ямпіль", ["Yampil"]),  # я at the start of a word
        ("Згурівка", ["Zghurivka", "Zhurivka"]),  # зг kept apart from ж
        ("Михайлівка", ["Mykhailivka", "Mykhaylivka"]),  # й inside a word
        ("Щасливе", ["Shchaslyve", "Schaslyve"]),
        ("Нова Ушиця", ["Nova Ushytsia", "Nova Ushytsya"]),  # each word capitalised
        ("Гуляйполе", ["Huliaipole", "Huliaypole", "Hulyaipole", "Hulyaypole"]),
    ],
)
def test_romanise_gives_kmu_first_then_variants(cyrillic: str, expected: list[str]) -> None:
    assert romanise(cyrillic) == expected


def test_soft_sign_before_o_has_both_spellings() -> None:
    assert romanise("Вільшанка") == ["Vilshanka"]
    assert romanise("Синьохатка") == ["Synokhatka", "Synyokhatka"]
