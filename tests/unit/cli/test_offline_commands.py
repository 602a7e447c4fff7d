"""`sitrep extract --json` and `sitrep geoparse --json` print only contract JSON Lines.

Other programs score these outputs, so stdout must stay pure: one object per line,
each valid against the published contract, and nothing else.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep_contracts import ArticleEnrichment, EnrichedEvent

SAMPLES = Path(__file__).resolve().parents[3] / "services" / "sitrep" / "samples"
STORY = SAMPLES / "afp-kharkiv-2022-09-09.txt"


def run_sitrep(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def extract_output() -> subprocess.CompletedProcess[str]:
    jsonl = json.dumps(
        {
            "article_id": "inline-1",
            "text": "Russian shelling killed two civilians in Kherson on Friday.",
            "published_at": "2023-06-02T12:00:00+00:00",
        }
    )
    return run_sitrep("extract", "--json", str(STORY), "-", stdin=jsonl + "\n")


def test_extract_json_writes_only_enriched_events(
    extract_output: subprocess.CompletedProcess[str],
) -> None:
    assert extract_output.returncode == 0, extract_output.stderr[-2000:]
    lines = extract_output.stdout.splitlines()
    assert lines, "the sample story has events"
    events = [EnrichedEvent.model_validate_json(line) for line in lines]
    assert {event.article_id for event in events} == {STORY.stem, "inline-1"}
    text = STORY.read_text(encoding="utf-8")
    for event in events:
        if event.article_id == STORY.stem:
            span = event.summary_evidence
            assert text[span.start : span.end] == span.text


def test_extract_resolves_relative_dates_against_publication(
    extract_output: subprocess.CompletedProcess[str],
) -> None:
    events = [
        EnrichedEvent.model_validate_json(line) for line in extract_output.stdout.splitlines()
    ]
    (inline,) = [event for event in events if event.article_id == "inline-1"]
    assert inline.occurred_on.date.isoformat() == "2023-06-02"  # "on Friday", published Friday
    assert [(c.kind.value, c.count) for c in inline.casualties] == [("killed", 2)]


def test_geoparse_json_writes_one_article_enrichment_per_article() -> None:
    result = run_sitrep("geoparse", "--json", str(STORY))
    assert result.returncode == 0, result.stderr[-2000:]
    (line,) = result.stdout.splitlines()
    enrichment = ArticleEnrichment.model_validate_json(line)
    assert enrichment.article_id == STORY.stem
    names = {place.name for place in enrichment.places}
    assert {"Kharkiv", "Bakhmut"} <= names
    text = STORY.read_text(encoding="utf-8")
    for place in enrichment.places:
        assert text[place.evidence.start : place.evidence.end] == place.text


def test_a_bad_input_line_is_a_clear_error_on_stderr_not_stdout(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = run_sitrep("extract", "--json", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "bad.jsonl:1" in result.stderr


def test_rows_without_publication_time_are_read_with_a_warning(tmp_path: Path) -> None:
    rows = tmp_path / "wire.jsonl"
    row = {"id": "n1", "text": "The harbour of Valletta reopened after the storm."}
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = run_sitrep("geoparse", "--json", "--published-at", "2021-03-04T09:00:00", str(rows))
    assert result.returncode == 0, result.stderr[-2000:]
    (line,) = result.stdout.splitlines()
    enrichment = ArticleEnrichment.model_validate_json(line)
    assert enrichment.article_id == "n1"
    assert enrichment.published_at.isoformat().startswith("2021-03-04T09:00:00")
    assert "1 JSON Lines row(s) had no published_at" in result.stderr
