"""The learned second opinion: a linear model that weighs what the rules read.

The rules say what a text literally contains (cues, category phrases, flags) and what the
ladder makes of it; a hand-written lexicon misses new phrasings of the same idea. This model
takes the rules' findings and the text's words (English stems, Russian lemmas cut to six
letters, Chinese character pairs) and scores every level, category and flag. It is trained
by `scripts/train_classifier.py` on labelled complaints the rules were not tuned on, so it
learns where the rules' reading tends to go wrong; its weights ship as data
(`learned_weights.json`).

- Level: the model's, when it is surer of it than of the rules' level by the trained margin.
- Categories and flags: scored with the decided level as one more feature (`final:<level>`;
  at dispute and accident the harm, not the bill or the wait, is the subject); chosen when
  their probability passes the trained threshold, or a lower one when the rules found them
  too. clinical_harm follows the level; a flag set by the request's structured fields
  always stands.
- The amount stays with the rules.

Same input, same output; every change the model makes carries a signal naming the features
that weighed most.
"""

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from services.intake.domain.classification.model import CATEGORIES, FLAGS, LEVELS, Signal
from services.intake.domain.classification.reading import Reading

# Found through the package, not __file__: a module compiled by mypyc has no file of its own here.
WEIGHTS_FILE = Path(str(files("services.intake.domain.classification") / "learned_weights.json"))
# clinical_harm is not scored: it follows the level (present exactly at dispute and accident).
SCORED_CATEGORIES = tuple(c for c in CATEGORIES if c != "clinical_harm")
OUTPUTS = (tuple(f"level:{level}" for level in LEVELS) + tuple(f"category:{c}" for c in SCORED_CATEGORIES)
           + tuple(f"flag:{flag}" for flag in FLAGS))
_CATEGORY_AT, _FLAG_AT = len(LEVELS), len(LEVELS) + len(SCORED_CATEGORIES)
_HARM_LEVELS = ("dispute", "accident")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD_CUT = {"ru": 6, "en": 12}  # a Russian lemma (or unknown word) cut to six letters; an English stem


@dataclass(frozen=True)
class LinearModel:
    index: dict[str, int]       # feature name -> row of `weights`
    names: tuple[str, ...]      # row -> feature name
    weights: np.ndarray         # (features, OUTPUTS)
    bias: np.ndarray            # (OUTPUTS,)
    level_margin: float         # how much surer than of the rules' level before it overrides
    category_threshold: float   # probability above which a category is chosen
    rules_category_threshold: float  # a lower bar for a category the rules chose
    version: str
    # Per language, each word feature's row by the bare word ("种植", not "zh:种植"): a text's
    # words go straight to their rows, with no feature name built for each.
    word_rows: dict[str, dict[str, int]] = field(compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        names = tuple(data["features"])
        if tuple(data["outputs"]) != OUTPUTS or not {f"final:{level}" for level in LEVELS} <= set(names):
            raise ValueError("learned weights were trained for other outputs; retrain them")
        word_rows: dict[str, dict[str, int]] = {language: {} for language in ("zh", "ru", "en")}
        for row, name in enumerate(names):
            language, _, word = name.partition(":")
            if language in word_rows:
                word_rows[language][word] = row
        return cls(index={name: row for row, name in enumerate(names)}, names=names, word_rows=word_rows,
                   weights=np.asarray(data["weights"], dtype=np.float64).reshape(len(names), len(OUTPUTS)),
                   bias=np.asarray(data["bias"], dtype=np.float64),
                   level_margin=float(data["level_margin"]),
                   category_threshold=float(data["category_threshold"]),
                   rules_category_threshold=float(data["rules_category_threshold"]), version=data["version"])


@dataclass(frozen=True)
class Opinion:
    level: str
    categories: frozenset[str]
    flags: frozenset[str]
    signals: list[Signal]


def features(reading: Reading, ordered: bool = True) -> list[str] | set[str]:
    """The model's view of a complaint: the rules' findings and the text's words."""
    found = _findings(reading)
    found.update(f"{reading.language}:{word}" for word in _words(reading))
    return sorted(found) if ordered else found


def _findings(reading: Reading) -> set[str]:
    found = {f"lang:{reading.language}", f"channel:{reading.channel or 'none'}",
             f"level:{reading.level}", f"why:{reading.level_rule}"}
    found.update(f"hit:{hit.rule}" for hit in reading.live)
    found.update(f"flag:{flag}" for flag in reading.flags)
    found.update(f"rules:{category}" for category in reading.chosen)
    return found


def _words(reading: Reading) -> set[str]:
    """The text's words as the model knows them, without the language prefix of their feature:
    Chinese character pairs, Russian lemmas cut to six letters, English stems cut to twelve."""
    language, words = reading.language, set()
    if language == "zh":
        for clause in reading.clauses:
            for run in _CJK_RUN.findall(clause.surface):
                words.update([run[i:i + 2] for i in range(len(run) - 1)])
        return words
    cut = _WORD_CUT[language]
    for clause in reading.clauses:
        words.update([token[:cut] for token in clause.tokens if len(token) > 2 and token.isalpha()])
    return words


def feature_rows(reading: Reading, model: LinearModel) -> list[int]:
    """The weight rows of the complaint's features, in row order (so the float sums, and the
    outcome, never depend on set order)."""
    index, word_rows = model.index, model.word_rows[reading.language]
    rows = {index[name] for name in _findings(reading) if name in index}
    for word in _words(reading):
        row = word_rows.get(word)
        if row is not None:
            rows.add(row)
    return sorted(rows)


def word_feature(language: str, token: str) -> str:
    """The feature of one Russian or English token, as _words names it."""
    return f"{language}:{token[:_WORD_CUT[language]]}"


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel:
    return LinearModel.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


def second_opinion(reading: Reading, model: LinearModel | None = None) -> Opinion:
    model = model or shipped_model()
    rows = feature_rows(reading, model)
    gathered = model.weights[rows]
    summed = model.bias + gathered.sum(axis=0)
    scores = summed.tolist()
    signals = []

    level_scores = scores[:len(LEVELS)]
    rules_at = LEVELS.index(reading.level)
    best = max(range(len(LEVELS)), key=level_scores.__getitem__)
    level = reading.level
    if best != rules_at and level_scores[best] - level_scores[rules_at] > model.level_margin:
        level = LEVELS[best]
        signals.append(Signal(rule=f"model.level.{model.version}", field="level", value=level,
                              evidence=_explain(model.names, rows, gathered, best, rules_at)))

    # Categories and flags also weigh the decided level (its feature has no level weights).
    final = model.index[f"final:{level}"]
    scores = (summed + model.weights[final]).tolist()
    category_scores = scores[_CATEGORY_AT:_FLAG_AT]
    cut, rules_cut = _logit(model.category_threshold), _logit(model.rules_category_threshold)
    chosen = {name for name, score in zip(SCORED_CATEGORIES, category_scores)
              if score > cut or (score > rules_cut and name in reading.chosen)}
    if not chosen and level not in _HARM_LEVELS:  # at harm levels clinical_harm alone may do
        chosen = {SCORED_CATEGORIES[max(range(len(category_scores)), key=category_scores.__getitem__)]}
    # A flag the request's structured fields set stands whatever the model thinks.
    flag_scores = scores[_FLAG_AT:]
    flags = {name for name, score in zip(FLAGS, flag_scores)
             if score > cut or (score > rules_cut and name in reading.flags)} | reading.structured

    new_categories, new_flags = sorted(chosen - reading.chosen), sorted(flags - reading.flags)
    if new_categories or new_flags:  # explained by the features with the level's among them
        rows = sorted(rows + [final])
        gathered = model.weights[rows]
    for name in new_categories:
        column = _CATEGORY_AT + SCORED_CATEGORIES.index(name)
        signals.append(Signal(rule=f"model.category.{model.version}", field="category", value=name,
                              evidence=_explain(model.names, rows, gathered, column)))
    for name in new_flags:
        signals.append(Signal(rule=f"model.flag.{model.version}", field="flag", value=name,
                              evidence=_explain(model.names, rows, gathered, _FLAG_AT + FLAGS.index(name))))
    if level in _HARM_LEVELS:
        chosen.add("clinical_harm")
    return Opinion(level=level, categories=frozenset(chosen), flags=frozenset(flags), signals=signals)


def rules_alone(reading: Reading) -> Opinion:
    """The opinion that agrees with the rules in everything."""
    return Opinion(level=reading.level, categories=reading.chosen, flags=reading.flags, signals=[])


def _logit(probability: float) -> float:
    return math.log(probability / (1 - probability))


def _explain(names: tuple[str, ...], rows: list[int], gathered: np.ndarray, column: int,
             against: int | None = None) -> str:
    """The three features that pushed hardest towards `column` (and away from `against`);
    `gathered` holds the weights of `rows`, in that order."""
    weight = gathered[:, column] - (gathered[:, against] if against is not None else 0)
    top = np.argsort(-weight, kind="stable")[:3].tolist()  # rows are in name order: ties go to the first name
    values = weight.tolist()  # Python floats: formatting numpy's own is slow
    return ", ".join(f"{names[rows[i]]} {values[i]:+.2f}" for i in top if values[i] > 0)[:160] or "base rate"
