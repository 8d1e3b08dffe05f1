"""Train the classifier's learned second opinion and write its weights.

    .venv/bin/python scripts/train_classifier.py                  # train on the default sets, write the weights
    .venv/bin/python scripts/train_classifier.py --cross-validate # leave one set out, print figures, write nothing
    .venv/bin/python scripts/train_classifier.py --evaluate FILE  # train, score FILE (rules alone vs with model)

The model (services/intake/domain/classification/learned.py) weighs what the rules read, so
it must learn from complaints the rules were not tuned on: by default the
`classification-g*.jsonl` sets in tests/data, written apart from the rules and never used to
change them. Logistic regression (scikit-learn): one multinomial model for the level, one
binary model per category and per flag over the same features plus the level. The thresholds and the
margin are decided by --cross-validate and recorded in the weights. Deterministic: the same
sets and options give the same weights (tests/unit/test_classification_learned.py checks it).
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from services.intake.domain.classification.classifier import conclude, read  # noqa: E402
from services.intake.domain.classification.learned import (  # noqa: E402
    OUTPUTS, SCORED_CATEGORIES, WEIGHTS_FILE, LinearModel, features, rules_alone, second_opinion, word_feature,
)
from services.intake.domain.classification.model import FLAGS, LEVELS  # noqa: E402

DEFAULT_SETS = sorted((ROOT / "tests" / "data").glob("classification-g*.jsonl"))
VERSION = "lr-3"


_NEEDED = ("id", "text", "level", "categories", "flags")


def load(paths: list[Path]) -> list[dict]:
    records = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: not valid JSON ({error.msg})")
            missing = [field for field in _NEEDED if field not in record]
            if missing or record["level"] not in LEVELS:
                sys.exit(f"{path}:{number}: a labelled complaint needs {', '.join(_NEEDED)} and a known level")
            record["_set"] = path.name
            records.append(record)
    return records


def readings(records: list[dict]) -> list:
    return [read(r["text"], channel=r.get("channel"), language=r.get("language")) for r in records]


def train(records: list[dict], read_out: list, *, c: float, min_count: int, level_margin: float,
          category_threshold: float, rules_category_threshold: float) -> dict:
    """The weights document: what learned.LinearModel.from_json reads."""
    rows = [features(reading) for reading in read_out]
    counts = Counter(name for row in rows for name in row)
    # Words written like names (capitalised inside a sentence: people, places, months) never
    # become features, so no explanation can quote one; nor do words of a single writer (set).
    name_like = proper_names(read_out)
    sets_of: dict[str, set[str]] = {}
    for record, row in zip(records, rows):
        for name in row:
            sets_of.setdefault(name, set()).add(record["_set"])
    kept = [{name: 1 for name in row if counts[name] >= min_count and len(sets_of[name]) >= 2
             and name not in name_like} for row in rows]
    vectoriser = DictVectorizer(sparse=True)
    x = vectoriser.fit_transform(kept)
    names = list(vectoriser.get_feature_names_out())
    weights = np.zeros((len(names), len(OUTPUTS)))
    bias = np.zeros(len(OUTPUTS))

    levels = np.array([LEVELS.index(r["level"]) for r in records])
    level_model = LogisticRegression(C=c, max_iter=5000).fit(x, levels)
    for row, klass in enumerate(level_model.classes_):
        weights[:, klass] = level_model.coef_[row]
        bias[klass] = level_model.intercept_[row]
    for column, klass in enumerate(range(len(LEVELS))):
        if klass not in level_model.classes_:
            bias[column] = -20.0  # a level never seen in training is never the model's pick

    # Categories and flags also see the level (the gold one here, the decided one when
    # classifying): at dispute and accident the harm, not the bill or the wait, is the subject.
    x_at_level = hstack([x, csr_matrix(np.eye(len(LEVELS))[levels])]).tocsr()
    names = names + [f"final:{level}" for level in LEVELS]
    weights = np.vstack([weights, np.zeros((len(LEVELS), len(OUTPUTS)))])
    for offset, category in enumerate(SCORED_CATEGORIES):
        column = len(LEVELS) + offset
        target = np.array([category in r["categories"] for r in records])
        _fit_binary(x_at_level, target, c, weights, bias, column)
    for offset, flag in enumerate(FLAGS):
        column = len(LEVELS) + len(SCORED_CATEGORIES) + offset
        _fit_binary(x_at_level, np.array([flag in r["flags"] for r in records]), c, weights, bias, column)
    return {"version": VERSION, "trained_on": sorted({r["_set"] for r in records}), "c": c,
            "min_count": min_count, "level_margin": level_margin, "category_threshold": category_threshold,
            "rules_category_threshold": rules_category_threshold,
            "outputs": list(OUTPUTS), "features": names,
            "weights": [_compact(w) for w in weights.ravel()],
            "bias": [_compact(b) for b in bias]}


def proper_names(read_out: list) -> set[str]:
    """Russian and English word features written capitalised most of the times they occur
    (names, signatures, places, months; also a few words that mostly open a sentence)."""
    capitalised, seen = Counter(), Counter()
    for reading in read_out:
        if reading.language == "zh":
            continue
        for clause in reading.clauses:
            for token, (start, _) in zip(clause.tokens, clause.spans):
                name = word_feature(reading.language, token)
                seen[name] += 1
                capitalised[name] += clause.surface[start].isupper()
    return {name for name, count in capitalised.items() if count >= 0.6 * seen[name]}


def _compact(weight: float) -> float | int:
    """Three decimals: ample for a sum of a few dozen weights, and a smaller file to diff."""
    rounded = round(float(weight), 3)
    return int(rounded) if rounded == int(rounded) else rounded


def _fit_binary(x, target, c: float, weights, bias, column: int) -> None:
    if target.all() or not target.any():  # nothing to learn: always or never
        bias[column] = 20.0 if target.all() else -20.0
        return
    model = LogisticRegression(C=c, max_iter=5000).fit(x, target)
    weights[:, column] = model.coef_[0]
    bias[column] = model.intercept_[0]


def predictions(records, read_out, model: LinearModel | None) -> dict:
    out = {}
    for record, reading in zip(records, read_out):
        opinion = rules_alone(reading) if model is None else second_opinion(reading, model)
        result = conclude(record["text"], reading, opinion)
        amount = result.amount
        out[record["id"]] = {"level": result.level, "categories": list(result.categories),
                             "flags": list(result.flags),
                             "amount": None if amount is None else {"value": float(amount.value),
                                                                    "currency": amount.currency}}
    return out


def _bench():
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_classification", ROOT / "bench" / "classification.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cross_validate(records: list[dict], read_out: list, folds: int | None = None,
                   **options) -> tuple[dict, dict]:
    """Leave sets out: train on the others, predict the ones left out — one set at a time, or
    the sets dealt round into `folds` groups (faster, for the test suite). Returns the
    reference scorer's figures for the rules alone and for the rules with the model, over
    every held-out case. A writer is never on both sides."""
    names = sorted({r["_set"] for r in records})
    groups = [names[i::folds] for i in range(folds)] if folds else [[name] for name in names]
    held_out = {}
    for group in groups:
        inside = [i for i, r in enumerate(records) if r["_set"] not in group]
        outside = [i for i, r in enumerate(records) if r["_set"] in group]
        model = LinearModel.from_json(train([records[i] for i in inside], [read_out[i] for i in inside], **options))
        held_out.update(predictions([records[i] for i in outside], [read_out[i] for i in outside], model))
        print(f"  left out {', '.join(group)}: trained on {len(inside)}, predicted {len(outside)}", file=sys.stderr)
    bench = _bench()
    return bench.score(records, predictions(records, read_out, None)), bench.score(records, held_out)


def _print(title: str, rules: dict, learned: dict) -> None:
    keys = ("level_exact", "level_within_one", "categories_micro_f1", "flags_micro_f1", "amount_exact")
    print(title)
    print("  rules alone: " + "  ".join(f"{k}={rules[k]:.3f}" for k in keys))
    print("  with model : " + "  ".join(f"{k}={learned[k]:.3f}" for k in keys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--cross-validate", action="store_true", help="leave one set out; write nothing")
    parser.add_argument("--evaluate", type=Path, action="append", default=[],
                        help="train, then score this labelled file (rules alone vs with model); write nothing")
    parser.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=2, help="features seen fewer times are dropped")
    parser.add_argument("--level-margin", type=float, default=0.0)
    parser.add_argument("--category-threshold", type=float, default=0.3)
    parser.add_argument("--rules-category-threshold", type=float, default=0.1,
                        help="the lower bar for a category or flag the rules found")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args()
    missing = [str(path) for path in args.sets if not path.is_file()]
    if not args.sets or missing:
        sys.exit(f"no labelled sets to train on: {', '.join(missing) or 'tests/data/classification-g*.jsonl'}")
    options = dict(c=args.c, min_count=args.min_count, level_margin=args.level_margin,
                   category_threshold=args.category_threshold,
                   rules_category_threshold=args.rules_category_threshold)
    records = load(args.sets)
    print(f"reading {len(records)} labelled complaints from {len(args.sets)} sets", file=sys.stderr)
    read_out = readings(records)
    if args.cross_validate:
        rules, learned = cross_validate(records, read_out, **options)
        _print(f"leave-one-set-out over {len(args.sets)} sets ({len(records)} cases), {options}", rules, learned)
        return
    weights = train(records, read_out, **options)
    model = LinearModel.from_json(weights)
    for path in args.evaluate:
        held = load([path])
        held_read = readings(held)
        _print(f"{path} ({len(held)} cases)", _bench().score(held, predictions(held, held_read, None)),
               _bench().score(held, predictions(held, held_read, model)))
    if not args.evaluate:
        args.out.write_text(json.dumps(weights, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(model.names)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
