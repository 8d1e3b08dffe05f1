"""The dev set's scores, computed by the reference scorer, must not fall below what we reach."""

import importlib.util
import json
from pathlib import Path

import pytest

from services.intake.classify_jsonl import classify_lines

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
# A copy of ../shared/data/classification-dev.jsonl, so a clone alone runs the whole suite.
DEV_SET = ROOT / "tests" / "data" / "classification-dev.jsonl"
# The reference scorer's figures on the dev set (rules-1.1.0), rounded down to two decimals.
# A little under what the rules reach on the dev set (all 1.0 but categories 0.994), so a
# change that generalises better may trade one dev case; a real regression still fails.
FLOORS = {"level_exact": 0.95, "level_within_one": 0.98, "categories_micro_f1": 0.95,
          "flags_micro_f1": 0.97, "amount_exact": 0.95}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_classification", ROOT / "bench" / "classification.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_scores_stay_at_least_at_the_reached_levels():
    bench = _bench()
    gold = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = bench.score(gold, {g["id"]: bench.predict(g) for g in gold})
    assert {k: v for k, v in scores.items() if k in FLOORS and v < FLOORS[k]} == {}
    assert scores["spurious_amount_rate"] <= 0.05


def test_jsonl_lines_are_classified_and_bad_lines_reported():
    lines = ['{"id": "a", "text": "要求退还2400元", "channel": "phone"}', "not json", '{"id": "c"}',
             '{"id": "d", "text": "The waiting room is cold."}']
    out = [json.loads(line) for line in classify_lines(lines)]
    assert out[0]["id"] == "a" and out[0]["amount"] == {"value": 2400.0, "currency": "CNY"}
    assert "error" in out[1] and out[2] == {"id": "c", "error": "line 3: field 'text' is missing or empty"}
    assert out[3]["level"] == "feedback" and out[3]["signals"]
