"""The dev set's scores, computed by the reference scorer, must not fall below what we reach."""

import json

import pytest

from services.intake.classify_jsonl import classify_lines
from tests.unit.classifier_tools import ROOT, script

pytestmark = pytest.mark.unit

# A copy of ../shared/data/classification-dev.jsonl, so a clone alone runs the whole suite.
DEV_SET = ROOT / "tests" / "data" / "classification-dev.jsonl"
# Our own labelled sets, written apart from the rules, then used for error analysis (see
# README, Classification quality); classification-blind3.jsonl is kept out of the tests: it
# is only for measuring, so that one figure stays honest.
HOLDOUT_SET = ROOT / "tests" / "data" / "classification-holdout.jsonl"
BLIND_SET = ROOT / "tests" / "data" / "classification-blind.jsonl"
BLIND2_SET = ROOT / "tests" / "data" / "classification-blind2.jsonl"
# The reference scorer's figures for rules-1.5.1+lr-3, a little under what it reaches (dev:
# 1.0 / 1.0 / 0.934 / 1.0 / 1.0; holdout: 1.0 / 1.0 / 0.950 / 0.978 / 1.0; blind: 0.983 / 1.0 /
# 0.941 / 0.985 / 1.0; blind2: 0.973 / 1.0 / 0.954 / 0.987 / 1.0), so a change that generalises
# better may trade a case or two; a real regression still fails. The rules alone reach more on
# these sets' categories (0.99 / 0.95 / 0.98 / 0.92) because they were tuned on them; the learned
# second opinion trades that for text nobody tuned on (test below).
FLOORS = {
    DEV_SET: {"level_exact": 0.95, "level_within_one": 0.98, "categories_micro_f1": 0.91,
              "flags_micro_f1": 0.97, "amount_exact": 0.95},
    HOLDOUT_SET: {"level_exact": 0.95, "level_within_one": 0.97, "categories_micro_f1": 0.92,
                  "flags_micro_f1": 0.96, "amount_exact": 0.95},
    BLIND_SET: {"level_exact": 0.95, "level_within_one": 0.97, "categories_micro_f1": 0.91,
                "flags_micro_f1": 0.96, "amount_exact": 0.95},
    BLIND2_SET: {"level_exact": 0.94, "level_within_one": 0.97, "categories_micro_f1": 0.92,
                 "flags_micro_f1": 0.96, "amount_exact": 0.95},
}
# The classification-g* sets (6,300 cases by 54 writers nobody tuned on) dealt into four groups,
# each scored by a model trained on the other three: 0.938 / 0.979 / 0.838 / 0.943 with the
# learned second opinion, 0.698 / 0.870 / 0.647 / 0.905 for the rules alone.
HELD_OUT_FLOORS = {"level_exact": 0.91, "level_within_one": 0.96, "categories_micro_f1": 0.81,
                   "flags_micro_f1": 0.92}


@pytest.mark.parametrize("labelled", [DEV_SET, HOLDOUT_SET, BLIND_SET, BLIND2_SET],
                         ids=["dev", "holdout", "blind", "blind2"])
def test_labelled_set_scores_stay_at_least_at_the_reached_levels(labelled):
    bench = script("bench/classification.py")
    gold = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = bench.score(gold, {g["id"]: bench.predict(g) for g in gold})
    floors = FLOORS[labelled]
    assert {k: v for k, v in scores.items() if k in floors and v < floors[k]} == {}
    assert scores["spurious_amount_rate"] <= 0.05


def test_trained_on_the_other_writers_the_model_scores_the_ones_left_out_above_the_floors():
    trainer = script("scripts/train_classifier.py")
    shipped = json.loads(trainer.WEIGHTS_FILE.read_text(encoding="utf-8"))
    records = trainer.load(trainer.DEFAULT_SETS)
    rules, learned = trainer.cross_validate(
        records, trainer.readings(records), folds=4, c=shipped["c"], min_count=shipped["min_count"],
        level_margin=shipped["level_margin"], category_threshold=shipped["category_threshold"],
        rules_category_threshold=shipped["rules_category_threshold"])
    assert {k: v for k, v in learned.items() if k in HELD_OUT_FLOORS and v < HELD_OUT_FLOORS[k]} == {}
    assert all(learned[k] > rules[k] for k in HELD_OUT_FLOORS)


def test_jsonl_lines_are_classified_and_bad_lines_reported():
    lines = ['{"id": "a", "text": "要求退还2400元", "channel": "phone"}', "not json", '{"id": "c"}',
             '{"id": "d", "text": "The waiting room is cold."}']
    out = [json.loads(line) for line in classify_lines(lines)]
    assert out[0]["id"] == "a" and out[0]["amount"] == {"value": 2400.0, "currency": "CNY"}
    assert "error" in out[1] and out[2] == {"id": "c", "error": "line 3: field 'text' is missing or empty"}
    assert out[3]["level"] == "feedback" and out[3]["signals"]
