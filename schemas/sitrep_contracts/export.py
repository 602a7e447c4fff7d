"""Write each contract's JSON Schema to `schemas/json/` (run: python -m sitrep_contracts.export)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from sitrep_contracts.article import Article
from sitrep_contracts.dead_letter import DeadLetter
from sitrep_contracts.enrichment import ArticleEnrichment
from sitrep_contracts.event import EnrichedEvent
from sitrep_contracts.incident import Incident

#: file name -> model; the file names are what the AsyncAPI document references.
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "article.v1.schema.json": Article,
    "enriched_event.v1.schema.json": EnrichedEvent,
    "article_enrichment.v1.schema.json": ArticleEnrichment,
    "dead_letter.v1.schema.json": DeadLetter,
    "incident.v1.schema.json": Incident,
}

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "json"


def render(model: type[BaseModel]) -> str:
    """The committed text of one schema file: stable key order, trailing newline."""
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(directory: Path = DEFAULT_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR):
        sys.stdout.write(f"wrote {path}\n")
