"""`publish` and `extract` read the same inputs the same way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.inputs import InputError, read_articles


def test_txt_file_takes_its_date_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "desk-2023-03-14.txt"
    path.write_text("Shelling hit Kharkiv.", encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert item.article.article_id == "desk-2023-03-14"
    assert item.article.published_at == dt.datetime(2023, 3, 14, 12, tzinfo=dt.UTC)


def test_given_publication_time_wins(tmp_path: Path) -> None:
    path = tmp_path / "desk-2023-03-14.txt"
    path.write_text("Shelling hit Kharkiv.", encoding="utf-8")
    given = dt.datetime(2024, 1, 2, 8, tzinfo=dt.UTC)
    (item,) = read_articles([str(path)], published_at=given)
    assert item.article.published_at == given


def test_directories_are_walked_and_jsonl_rows_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    rows = [
        {"article_id": "j1", "text": "Two.", "published_at": "2022-01-01T00:00:00Z"},
        {"id": "j2", "text": "Three.", "published_at": "2022-01-01T00:00:00Z", "extra": 1},
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    ids = [item.article.article_id for item in read_articles([str(tmp_path)])]
    assert ids == ["a", "j1", "j2"]


def test_a_bad_jsonl_line_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"article_id": "ok", "text": "x", "published_at": "2022-01-01T00:00:00Z"}\n{oops\n'
    )
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        list(read_articles([str(path)]))


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_articles(["/nonexistent/file.txt"]))


def test_a_jsonl_row_without_publication_time_takes_the_files_fallback(tmp_path: Path) -> None:
    path = tmp_path / "outbreaks-2021-06-09.jsonl"
    rows = [
        {"id": "n1", "text": "The clinic reopened.", "published_at": None},
        {"id": "n2", "text": "The clinic closed.", "published_at": "2022-01-01T00:00:00Z"},
        {"id": "n3", "text": "The ward filled up."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = list(read_articles([str(path)]))
    noon = dt.datetime(2021, 6, 9, 12, tzinfo=dt.UTC)
    assert [item.article.published_at for item in items] == [
        noon,
        dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
        noon,
    ]
    assert [item.published_at_assumed for item in items] == [True, False, True]
    given = dt.datetime(2020, 2, 3, 8, tzinfo=dt.UTC)
    times = [item.article.published_at for item in read_articles([str(path)], published_at=given)]
    assert times == [given, dt.datetime(2022, 1, 1, tzinfo=dt.UTC), given]


def test_ucdp_style_rows_give_their_text_and_day(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.jsonl"
    row = {"id": 77, "source_article": "Gunmen raided Lisna.", "source_date": "2021-02-22 00:00"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (item,) = read_articles([str(path)])
    assert item.article.article_id == "77"
    assert item.article.text == "Gunmen raided Lisna."
    assert item.article.published_at == dt.datetime(2021, 2, 22, 12, tzinfo=dt.UTC)
    assert not item.published_at_assumed
