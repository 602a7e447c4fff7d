"""The committed JSON Schema files are exactly what the pydantic models export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitrep_contracts.export import DEFAULT_DIR, SCHEMA_FILES, render

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (DEFAULT_DIR / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMA_FILES[name]), (
        f"schemas/json/{name} drifted: run `python -m sitrep_contracts.export`"
    )


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_is_valid_json_schema(name: str) -> None:
    schema = json.loads((DEFAULT_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_asyncapi_names_every_topic_with_its_key_and_payload_schema() -> None:
    document = yaml.safe_load((SCHEMAS / "asyncapi.yaml").read_text(encoding="utf-8"))
    assert document["asyncapi"].startswith("3.")
    channels = document["channels"]
    addresses = {channel["address"] for channel in channels.values()}
    assert addresses == {
        "sitrep.articles.v1",
        "sitrep.events.v1",
        "sitrep.enrichments.v1",
        "sitrep.dead-letters.v1",
        "sitrep.incidents.v1",
    }
    referenced = set()
    for message in document["components"]["messages"].values():
        payload = message["payload"]
        ref = payload.get("schema", payload).get("$ref", "")
        referenced.add(ref.split("/")[-1])
        assert "key" in message["bindings"]["kafka"]
    assert referenced == set(SCHEMA_FILES)
    for name in SCHEMA_FILES:
        assert (SCHEMAS / "json" / name).exists()
