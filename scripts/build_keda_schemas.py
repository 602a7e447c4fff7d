"""Write the JSON Schemas of KEDA's ScaledObject and TriggerAuthentication (test data).

kubernetes-validate knows only Kubernetes' own kinds. KEDA's CRD schemas reach this machine
through PyPI as `cloudcoil-models-keda` (pydantic models generated from KEDA's CRDs, both
Apache-2.0); this turns them back into JSON Schema, made strict the way
`kubernetes-validate --strict` is: an object with declared properties takes no others.
Run it in a throwaway virtualenv, not the project's:

    python3 -m venv /tmp/keda && /tmp/keda/bin/pip install cloudcoil-models-keda==2.16.1.0
    /tmp/keda/bin/python scripts/build_keda_schemas.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from cloudcoil.models.keda import v1alpha1  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[1] / "tests" / "unit" / "deploy_schemas"
PACKAGE = "cloudcoil-models-keda"


def strict(schema: Any) -> Any:
    """Every object schema listing its properties rejects unknown ones."""
    if isinstance(schema, dict):
        schema = {key: strict(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def main() -> None:
    for model in (v1alpha1.ScaledObject, v1alpha1.TriggerAuthentication):
        schema = strict(model.model_json_schema(by_alias=True))
        schema["$comment"] = (
            f"keda.sh/v1alpha1 {model.__name__}, from {PACKAGE} {version(PACKAGE)} "
            "(KEDA's CRDs, Apache-2.0) by scripts/build_keda_schemas.py"
        )
        path = OUT / f"keda-{model.__name__.lower()}-v1alpha1.schema.json"
        path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(OUT.parents[2])}")


if __name__ == "__main__":
    main()
