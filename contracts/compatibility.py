"""JSON Schema snapshots of every contract, and the rule for what may change.

A change is compatible when every event already written can still be read and every
existing consumer can still read new events: no property removed or retyped, no new
required property, no enum value removed. Adding optional properties is fine.
`python -m contracts.compatibility` writes the snapshots to contracts/schemas/ and the
AsyncAPI document to contracts/asyncapi.json.
"""

import json
from pathlib import Path

from contracts.envelope import Envelope
from contracts.registry import EVENT_TYPES

SNAPSHOT_DIR = Path(__file__).with_name("schemas")
ASYNCAPI_FILE = Path(__file__).with_name("asyncapi.json")
IGNORED_KEYS = {"title", "description", "examples"}


def current_schemas() -> dict[str, dict]:
    schemas = {"Envelope.json": Envelope.model_json_schema(mode="serialization")}
    for name, cls in EVENT_TYPES.items():
        schemas[f"{name}.v{cls.SCHEMA_VERSION}.json"] = cls.model_json_schema(mode="serialization")
    return schemas


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in IGNORED_KEYS}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def breaking_changes(old: dict, new: dict, where: str = "") -> list[str]:
    """What in `new` breaks readers or data written under `old` (an object schema)."""
    problems: list[str] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for prop, old_schema in old_props.items():
        if prop not in new_props:
            problems.append(f"{where}/{prop}: removed")
            continue
        old_s, new_s = _strip(old_schema), _strip(new_props[prop])
        if "enum" in old_s and "enum" in new_s:
            removed = set(old_s["enum"]) - set(new_s["enum"])
            if removed:
                problems.append(f"{where}/{prop}: enum values removed {sorted(removed)}")
            old_s, new_s = {**old_s, "enum": None}, {**new_s, "enum": None}
        if old_s != new_s:
            problems.append(f"{where}/{prop}: type changed")
    for prop in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"{where}/{prop}: newly required")
    for name, old_def in old.get("$defs", {}).items():
        new_def = new.get("$defs", {}).get(name)
        if new_def is None:
            problems.append(f"{where}/$defs/{name}: removed")
        else:
            problems.extend(breaking_changes(old_def, new_def, f"{where}/$defs/{name}"))
    return problems


def write_snapshots() -> list[Path]:
    SNAPSHOT_DIR.mkdir(exist_ok=True)
    written = []
    for filename, schema in current_schemas().items():
        path = SNAPSHOT_DIR / filename
        path.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def write_asyncapi() -> Path:
    from contracts.asyncapi import document  # FastStream is only needed to write it

    ASYNCAPI_FILE.write_text(json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return ASYNCAPI_FILE


if __name__ == "__main__":
    for path in [*write_snapshots(), write_asyncapi()]:
        print(path)
