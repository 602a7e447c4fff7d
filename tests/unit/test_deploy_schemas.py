"""Every deploy file validates against its platform's real schema, offline.

Kubernetes' own kinds: `kubernetes-validate --strict` (its bundled OpenAPI schemas, 1.30).
KEDA's kinds: the schemas in `deploy_schemas/` (from KEDA's CRDs, see the README there),
strict in the same way. Compose: `check-jsonschema` with its bundled compose-spec schema.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
SCHEMAS = Path(__file__).resolve().parent / "deploy_schemas"
KUBERNETES_VERSION = "1.30.0"
#: Not a Kubernetes API object: kustomize's own file, checked in test_deploy_manifests.py.
KUSTOMIZATION = K8S / "kustomization.yaml"


def manifests() -> list[Path]:
    return sorted(path for path in K8S.glob("*.yaml") if path != KUSTOMIZATION)


def crd_objects() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{path.name}:{doc['kind']}", doc)
        for path in manifests()
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))
        if doc and doc["apiVersion"].startswith("keda.sh/")
    ]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], capture_output=True, text=True, check=False, timeout=120
    )


def test_kubernetes_manifests_pass_strict_validation() -> None:
    result = run(
        "kubernetes_validate", "--strict", "-k", KUBERNETES_VERSION, *map(str, manifests())
    )
    lines = result.stdout.splitlines()

    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in lines if line.startswith("ERROR")]
    # Every object was checked against a schema, except KEDA's (next test).
    unchecked = [line for line in lines if line.startswith("WARN") and "keda.sh" not in line]
    assert not unchecked, unchecked
    passed = [line for line in lines if line.startswith("INFO") and " passed " in line]
    keda = len(crd_objects())
    documents = sum(
        1 for path in manifests() for doc in yaml.safe_load_all(path.read_text()) if doc
    )
    assert len(passed) == documents - keda


@pytest.mark.parametrize("name,doc", crd_objects(), ids=[name for name, _ in crd_objects()])
def test_keda_objects_match_the_crd_schema(name: str, doc: dict[str, Any]) -> None:
    schema_path = SCHEMAS / f"keda-{doc['kind'].lower()}-v1alpha1.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))

    jsonschema.validate(doc, schema)


def test_keda_schema_is_strict_about_unknown_fields() -> None:
    (_, scaled_object) = next(item for item in crd_objects() if item[1]["kind"] == "ScaledObject")
    schema = json.loads((SCHEMAS / "keda-scaledobject-v1alpha1.schema.json").read_text())
    typo = json.loads(json.dumps(scaled_object))
    typo["spec"]["triggers"][0]["metdata"] = typo["spec"]["triggers"][0].pop("metadata")

    with pytest.raises(jsonschema.ValidationError, match="metdata"):
        jsonschema.validate(typo, schema)


def test_compose_file_matches_the_compose_spec() -> None:
    result = run(
        "check_jsonschema",
        "--builtin-schema",
        "vendor.compose-spec",
        str(REPO / "deploy" / "compose.yaml"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "validation done" in result.stdout
