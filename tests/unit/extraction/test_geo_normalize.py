"""Name folding: spelling variants of one place must meet on one key."""

from __future__ import annotations

import pytest

from sitrep.extraction.geo.normalize import fold, is_latin, tokenize


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Bakhmout", "Bakhmut"),  # French ou
        ("Balakliïa", "Balakliia"),  # diacritics
        ("Balakliya", "Balakliia"),  # -iya / -iia endings
        ("Shevchenkové", "Shevchenkove"),
        ("KYIV", "kyiv"),
        ("Kam’ianske", "Kam'ianske"),  # typographic apostrophe
        ("Ivano-Frankivsk", "Ivano Frankivsk"),  # hyphen
        ("Kryvyy Rih", "Kryvyi Rih"),
        ("Zaporizhia", "Zaporizhzhia"),  # doubled zh written once
    ],
)
def test_spelling_variants_fold_to_the_same_key(variant: str, canonical: str) -> None:
    assert fold(variant) == fold(canonical)


def test_different_names_stay_different() -> None:
    assert fold("Kharkiv") != fold("Kherson")
    assert fold("New York") != fold("York")


def test_tokens_keep_exact_offsets() -> None:
    text = "Shelling hit Kam’ianske, near Ivano-Frankivsk."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    assert [t.text for t in tokenize(text)][2:] == ["Kam’ianske", "near", "Ivano", "Frankivsk"]


def test_non_latin_alternate_names_are_recognised() -> None:
    assert is_latin("Kharkiv")
    assert is_latin("Balakliïa")
    assert not is_latin("Харків")
