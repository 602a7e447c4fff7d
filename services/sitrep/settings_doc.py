"""The README's configuration table, generated from `Settings` (a test keeps it in step).

Run `python -m sitrep.settings_doc` to print it.
"""

from __future__ import annotations

import sys

from pydantic_core import PydanticUndefined

from sitrep.settings import Settings, env_variable

BEGIN = "<!-- settings-table:begin -->"
END = "<!-- settings-table:end -->"


def _default(name: str) -> str:
    field = Settings.model_fields[name]
    if field.default_factory is not None:
        return "(computed)"
    if field.default is PydanticUndefined or field.default is None:
        return ""
    value = field.default
    return f"`{getattr(value, 'value', value)}`"


def settings_table() -> str:
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        variable = " / ".join(f"`{part}`" for part in env_variable(name).split(" / "))
        rows.append(f"| {variable} | {_default(name)} | {field.description or ''} |")
    return "\n".join(rows)


def readme_block() -> str:
    return f"{BEGIN}\n{settings_table()}\n{END}"


if __name__ == "__main__":
    sys.stdout.write(readme_block() + "\n")
