"""README promises that must stay true."""

from __future__ import annotations

from pathlib import Path

from sitrep.settings_doc import readme_block

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_configuration_table_matches_the_settings_object() -> None:
    assert readme_block() in README, "run `python -m sitrep.settings_doc` and paste into README"


def test_ci_runs_the_readme_test_command() -> None:
    command = "bash scripts/run.sh test"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_demo_command_is_documented_and_exists() -> None:
    assert "bash scripts/run.sh demo" in README
    assert "demo)" in (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
