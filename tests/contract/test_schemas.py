"""Contracts evolve compatibly with the committed JSON Schema snapshots."""

import json

import pytest

from contracts.compatibility import ASYNCAPI_FILE, SNAPSHOT_DIR, breaking_changes, current_schemas
from contracts.registry import EVENT_TYPES

pytestmark = pytest.mark.contract


def committed() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SNAPSHOT_DIR.glob("*.json")}


def test_every_contract_has_a_committed_snapshot():
    missing = set(current_schemas()) - set(committed())
    assert not missing, f"run `python -m contracts.compatibility` and commit: {sorted(missing)}"


def test_no_committed_contract_is_broken_or_removed():
    current = current_schemas()
    problems = []
    for name, old in committed().items():
        if name not in current:
            problems.append(f"{name}: removed (consumers must still read every older version)")
        else:
            problems += [f"{name}{p}" for p in breaking_changes(old, current[name])]
    assert problems == []


def test_every_event_names_its_writer_and_a_past_tense_type():
    for name, cls in EVENT_TYPES.items():
        assert cls.SOURCE in {"intake", "routing", "sla", "settlement", "analytics"}
        assert name.endswith(("ed", "Set", "Opened")) and "Was" not in name


OLD = {"properties": {"a": {"type": "string"}, "b": {"enum": ["x", "y"]}}, "required": ["a"]}


def test_adding_an_optional_field_is_compatible():
    new = {**OLD, "properties": {**OLD["properties"], "c": {"type": "integer"}}}
    assert breaking_changes(OLD, new) == []


@pytest.mark.parametrize("new,expected", [
    ({"properties": {"b": {"enum": ["x", "y"]}}, "required": []}, "/a: removed"),
    ({"properties": {"a": {"type": "integer"}, "b": {"enum": ["x", "y"]}}, "required": ["a"]}, "/a: type changed"),
    ({"properties": {**OLD["properties"], "c": {"type": "integer"}}, "required": ["a", "c"]}, "/c: newly required"),
    ({"properties": {"a": {"type": "string"}, "b": {"enum": ["x"]}}, "required": ["a"]}, "/b: enum values removed"),
])
def test_breaking_changes_are_reported(new, expected):
    assert any(p.startswith(expected) for p in breaking_changes(OLD, new))


def test_the_committed_asyncapi_document_is_current_and_names_every_event():
    from contracts.asyncapi import document

    current = document()
    assert json.loads(ASYNCAPI_FILE.read_text(encoding="utf-8")) == current, \
        "run `python -m contracts.compatibility` and commit contracts/asyncapi.json"
    assert set(current["channels"]) == {"redress.intake.v1", "redress.routing.v1", "redress.sla.v1",
                                        "redress.settlement.v1"}
    described = {name.removesuffix("Event") for name in current["components"]["schemas"] if name.endswith("Event")}
    assert described == set(EVENT_TYPES)
