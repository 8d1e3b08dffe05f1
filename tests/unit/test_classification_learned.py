"""Spec for the learned second opinion (learned.py): when it may overrule the rules' level,
how it picks categories, how it explains itself, and that the shipped weights are exactly
what the training script makes of the sets they name, none of which the rules were tuned on."""

import json

import pytest

from services.intake.domain.classification import classify
from services.intake.domain.classification.classifier import read
from services.intake.domain.classification.learned import (
    OUTPUTS, SCORED_CATEGORIES, WEIGHTS_FILE, LinearModel, feature_rows, features, second_opinion,
    shipped_model,
)
from services.intake.domain.classification.model import FLAGS, LEVELS
from tests.unit.classifier_tools import ROOT, labelled, script

pytestmark = pytest.mark.unit

TEXT = "The hygienist was short with me and the cleaning took twenty minutes longer than booked."


def model_with(weights: dict[str, dict[str, float]], *, margin: float = 1.0, threshold: float = 0.5,
               bias: dict[str, float] | None = None) -> LinearModel:
    weights = {**{f"final:{level}": {} for level in LEVELS}, **weights}
    names = sorted(weights)
    rows = [[weights[name].get(output, 0.0) for output in OUTPUTS] for name in names]
    biases = [(bias or {}).get(output, -5.0 if output.startswith("category:") else 0.0) for output in OUTPUTS]
    return LinearModel.from_json({"version": "test", "outputs": list(OUTPUTS), "features": names,
                                  "weights": [w for row in rows for w in row], "bias": biases,
                                  "level_margin": margin, "category_threshold": threshold,
                                  "rules_category_threshold": threshold})


def _as_document(model: LinearModel) -> dict:
    return {"version": model.version, "outputs": list(OUTPUTS), "features": list(model.names),
            "weights": model.weights.ravel().tolist(), "bias": model.bias.tolist(),
            "level_margin": model.level_margin, "category_threshold": model.category_threshold,
            "rules_category_threshold": model.rules_category_threshold}


def test_given_a_reading_then_its_features_are_the_rules_findings_and_the_texts_words():
    reading = read(TEXT, channel="online_review", language="en")
    found = features(reading)
    assert {"lang:en", "channel:online_review", f"level:{reading.level}", "en:hygienist"} <= set(found)
    assert {f"hit:{hit.rule}" for hit in reading.live} <= set(found)
    assert found == sorted(found)


def test_given_chinese_then_the_words_are_character_pairs():
    reading = read("种植牙松动了", language="zh")
    assert {"zh:种植", "zh:植牙", "zh:松动"} <= set(features(reading))


def test_the_rows_scored_are_those_of_the_named_features_for_every_labelled_complaint():
    model = shipped_model()
    records = labelled()
    assert len(records) > 1000
    for record in records:  # words go to their rows by bare word, the features by full name
        reading = read(record["text"], channel=record["channel"], language=record["language"])
        named = sorted(model.index[name] for name in features(reading) if name in model.index)
        assert feature_rows(reading, model) == named, record["id"]


def test_given_a_model_surer_of_another_level_by_more_than_the_margin_then_it_decides_and_says_why():
    reading = read(TEXT, language="en")
    assert reading.level != "dispute"
    model = model_with({"en:hygienist": {"level:dispute": 3.0}, "en:clean": {"level:dispute": 0.5}})
    opinion = second_opinion(reading, model)
    assert opinion.level == "dispute" and "clinical_harm" in opinion.categories
    [signal] = [s for s in opinion.signals if s.field == "level"]
    assert signal.rule == "model.level.test" and signal.evidence.startswith("en:hygienist +3.00")


def test_given_a_model_surer_by_less_than_the_margin_then_the_rules_level_stands():
    reading = read(TEXT, language="en")
    opinion = second_opinion(reading, model_with({"en:hygienist": {"level:dispute": 0.9}}, margin=1.0))
    assert opinion.level == reading.level and not [s for s in opinion.signals if s.field == "level"]


def test_given_category_scores_then_those_above_the_threshold_are_chosen_and_new_ones_explained():
    reading = read(TEXT, language="en")
    model = model_with({"en:clean": {"category:wait_time": 8.0, "category:privacy": 6.0}}, threshold=0.9)
    opinion = second_opinion(reading, model)
    assert "wait_time" in opinion.categories and "privacy" not in opinion.categories  # sigmoid(3) > 0.9 > sigmoid(1)
    assert any(s.field == "category" and s.value == "wait_time" for s in opinion.signals) == (
        "wait_time" not in reading.chosen)


def test_given_no_category_above_the_threshold_then_the_likeliest_one_is_chosen():
    opinion = second_opinion(read(TEXT, language="en"), model_with({"en:clean": {"category:privacy": 2.0}}))
    assert opinion.categories == {"privacy"}


def test_given_a_category_the_rules_chose_then_a_lower_bar_keeps_it():
    reading = read(TEXT, language="en")
    [found] = sorted(reading.chosen)
    weights = {"en:clean": {f"category:{found}": 4.0, "category:privacy": 4.0}}  # -5 + 4: p = 0.27
    model = model_with(weights, threshold=0.5)
    assert second_opinion(reading, model).categories == {found}
    model = LinearModel.from_json({**_as_document(model), "rules_category_threshold": 0.2})
    assert second_opinion(reading, model).categories == {found}


def test_given_flag_scores_then_the_model_adds_and_drops_flags_but_never_a_structured_one():
    text = "I want my money back for the cleaning, and I will tell everyone on Instagram."
    reading = read(text, language="en", demands=["compensation"])
    assert {"refund_demand", "media_threat", "compensation_demand"} <= reading.flags
    model = model_with({"en:clean": {"flag:legal_action": 9.0, "flag:media_threat": -9.0,
                                     "flag:compensation_demand": -9.0}},
                       bias={**{f"flag:{flag}": 0.0 for flag in FLAGS}})
    opinion = second_opinion(reading, model)
    assert "legal_action" in opinion.flags and "media_threat" not in opinion.flags
    assert "compensation_demand" in opinion.flags  # set by the request's demands
    result = classify(text, language="en", demands=["compensation"])
    assert all(s.value in result.flags for s in result.signals if s.field == "flag")


def test_given_the_same_text_twice_then_the_same_classification():
    assert classify(TEXT, language="en") == classify(TEXT, language="en")


def test_the_shipped_weights_fit_the_outputs_and_were_trained_only_on_sets_the_rules_never_saw():
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    model = shipped_model()
    assert tuple(data["outputs"]) == OUTPUTS and len(model.names) == model.weights.shape[0]
    assert len(OUTPUTS) == len(LEVELS) + len(SCORED_CATEGORIES) + len(FLAGS)
    assert data["trained_on"] and all(name.startswith("classification-g") for name in data["trained_on"])


def test_words_written_like_names_never_become_features_an_explanation_could_quote():
    letters = [read("The dentist Okafor ignored my allergy. Yours faithfully, Helen Okafor", language="en"),
               read("Dr Okafor was kind; Helen at the desk booked me. Okafor explained the fee.", language="en")]
    names = script("scripts/train_classifier.py").proper_names(letters)
    assert {"en:okafor", "en:helen"} <= names and "en:dentist" not in names and "en:allergi" not in names
    assert not {"en:okafor", "en:helen", "ru:иванов"} & set(shipped_model().names)


def test_the_shipped_weights_are_what_the_training_script_makes_of_their_sets():
    trainer = script("scripts/train_classifier.py")
    shipped = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    sets = [ROOT / "tests" / "data" / name for name in shipped["trained_on"]]
    records = trainer.load(sets)
    retrained = trainer.train(records, trainer.readings(records), c=shipped["c"], min_count=shipped["min_count"],
                              level_margin=shipped["level_margin"],
                              category_threshold=shipped["category_threshold"],
                              rules_category_threshold=shipped["rules_category_threshold"])
    assert retrained["features"] == shipped["features"]
    assert retrained["weights"] == pytest.approx(shipped["weights"], abs=2e-3)
    assert retrained["bias"] == pytest.approx(shipped["bias"], abs=2e-3)
