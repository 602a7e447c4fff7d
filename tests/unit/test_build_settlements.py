"""The romanisation behind settlements.tsv: KMU 2010 first, then the spellings news uses."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_settlements.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_settlements", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
def test_romanise_gives_kmu_first_then_variants(
    build: ModuleType, cyrillic: str, expected: list[str]
) -> None:
    assert build.romanise(cyrillic) == expected


def test_soft_sign_before_o_has_both_spellings(build: ModuleType) -> None:
    assert build.romanise("Вільшанка") == ["Vilshanka"]
    assert build.romanise("Синьохатка") == ["Synokhatka", "Synyokhatka"]
