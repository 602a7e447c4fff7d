"""kcat's `-o` forms (and ISO times) parse to one start position, or a clear error."""

from __future__ import annotations

import pytest

from sitrep.client.offsets import BEGINNING, END, STORED, StartOffset, parse_offset


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("beginning", BEGINNING),
        ("earliest", BEGINNING),
        ("END", END),
        ("latest", END),
        ("stored", STORED),
        ("42", StartOffset("offset", 42)),
        ("-10", StartOffset("from_end", 10)),
        ("s@1662724800000", StartOffset("time", 1_662_724_800_000)),
        ("2022-09-09T12:00:00Z", StartOffset("time", 1_662_724_800_000)),
        ("2022-09-09T14:00:00+02:00", StartOffset("time", 1_662_724_800_000)),
        ("2022-09-09T12:00:00", StartOffset("time", 1_662_724_800_000)),  # naive: UTC
        ("2022-09-09", StartOffset("time", 1_662_681_600_000)),
    ],
)
def test_offset_forms(text: str, expected: StartOffset) -> None:
    assert parse_offset(text) == expected


@pytest.mark.parametrize("text", ["", "start", "-", "1.5", "s@", "e@123", "yesterday"])
def test_anything_else_is_an_error_naming_the_forms(text: str) -> None:
    with pytest.raises(ValueError, match="beginning, end, stored, N, -N"):
        parse_offset(text)


@pytest.mark.parametrize("text", ["beginning", "end", "stored", "7", "-7", "s@5"])
def test_an_offset_prints_as_it_is_written(text: str) -> None:
    assert str(parse_offset(text)) == text
