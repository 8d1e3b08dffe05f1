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
# Our own labelled sets, written apart from the rules, then used for error analysis (see
# README, Classification quality); classification-blind3.jsonl is kept out of the tests: it
# is only for measuring, so that one figure stays honest.
HOLDOUT_SET = ROOT / "tests" / "data" / "classification-holdout.jsonl"
BLIND_SET = ROOT / "tests" / "data" / "classification-blind.jsonl"
BLIND2_SET = ROOT / "tests" / "data" / "classification-blind2.jsonl"
# The reference scorer's figures (rules-1.4.0), a little under what the rules reach (dev: all
# 1.0 but categories 0.994; holdout: 0.989 / 0.989 / 0.953 / 0.994 / 0.955; blind: 1.0 / 1.0 /
# 0.976 / 0.992 / 1.0; blind2: 0.973 / 1.0 / 0.919 / 0.993 / 1.0), so a change that
# generalises better may trade a case or two; a real regression still fails.
FLOORS = {
    DEV_SET: {"level_exact": 0.95, "level_within_one": 0.98, "categories_micro_f1": 0.95,
              "flags_micro_f1": 0.97, "amount_exact": 0.95},
    HOLDOUT_SET: {"level_exact": 0.95, "level_within_one": 0.97, "categories_micro_f1": 0.92,
                  "flags_micro_f1": 0.96, "amount_exact": 0.90},
    BLIND_SET: {"level_exact": 0.95, "level_within_one": 0.97, "categories_micro_f1": 0.94,
                "flags_micro_f1": 0.96, "amount_exact": 0.95},
    BLIND2_SET: {"level_exact": 0.94, "level_within_one": 0.97, "categories_micro_f1": 0.89,
                 "flags_micro_f1": 0.96, "amount_exact": 0.95},
}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_classification", ROOT / "bench" / "classification.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("labelled", [DEV_SET, HOLDOUT_SET, BLIND_SET, BLIND2_SET],
                         ids=["dev", "holdout", "blind", "blind2"])
def test_labelled_set_scores_stay_at_least_at_the_reached_levels(labelled):
    bench = _bench()
    gold = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = bench.score(gold, {g["id"]: bench.predict(g) for g in gold})
    floors = FLOORS[labelled]
    assert {k: v for k, v in scores.items() if k in floors and v < floors[k]} == {}
    assert scores["spurious_amount_rate"] <= 0.05


def test_jsonl_lines_are_classified_and_bad_lines_reported():
    lines = ['{"id": "a", "text": "要求退还2400元", "channel": "phone"}', "not json", '{"id": "c"}',
             '{"id": "d", "text": "The waiting room is cold."}']
    out = [json.loads(line) for line in classify_lines(lines)]
    assert out[0]["id"] == "a" and out[0]["amount"] == {"value": 2400.0, "currency": "CNY"}
    assert "error" in out[1] and out[2] == {"id": "c", "error": "line 3: field 'text' is missing or empty"}
    assert out[3]["level"] == "feedback" and out[3]["signals"]
