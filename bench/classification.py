"""Score the complaint classifier on a labelled JSONL file and measure its throughput.

    python bench/classification.py FILE.jsonl

Prints the five headline metrics of the data README (its reference scorer, reproduced
below), the spurious-amount rate, a per-language breakdown, throughput on one core in CPU time, and
the same figures for a trivial baseline measured in the same run: level "complaint", the
most frequent category, no flags, no amount.

Throughput: the whole classifier, rules and learned second opinion. *Cold* passes forget
every word, clause and token memo before each pass (only what start-up builds is kept: the
compiled rule book, the lemma of every form of the lexicons' Russian words, the model's
weights), so each pass reads the texts as never seen; the median of the passes (at least
nine, and as many as fill three seconds of CPU) is reported with the range, because a shared
machine is noisy. *Warm* repeats the file with the
memos kept. Start-up (loading the dictionaries and compiling the rule book) is reported apart.

Build: the classifier compiled by mypyc when scripts/bootstrap.sh has built it for the
current source, plain Python otherwise (or with REDRESS_CLASSIFIER_PURE=1); the last line
says which ran.
"""

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.intake.classifier_build import running_compiled  # noqa: E402
from services.intake.domain.classification import classify, forget_memos  # noqa: E402

LADDER = ["feedback", "suggestion", "dissatisfaction", "complaint", "dispute", "accident"]


def micro_f1(golds, preds):
    tp = sum(len(g & p) for g, p in zip(golds, preds))
    fp = sum(len(p - g) for g, p in zip(golds, preds))
    fn = sum(len(g - p) for g, p in zip(golds, preds))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def same_amount(gold, pred):
    try:
        return (pred is not None and pred["currency"] == gold["currency"]
                and abs(float(pred["value"]) - float(gold["value"])) < 0.005)
    except (KeyError, TypeError, ValueError):
        return False


def score(gold, predictions):
    pred = [predictions.get(g["id"]) or {} for g in gold]
    rank = {level: i for i, level in enumerate(LADDER)}
    with_amount = [(g, p) for g, p in zip(gold, pred) if g["amount"] is not None]
    without = [(g, p) for g, p in zip(gold, pred) if g["amount"] is None]
    return {
        "level_exact": sum(p.get("level") == g["level"] for g, p in zip(gold, pred)) / len(gold),
        "level_within_one": sum(p.get("level") in rank and abs(rank[p["level"]] - rank[g["level"]]) <= 1
                                for g, p in zip(gold, pred)) / len(gold),
        "categories_micro_f1": micro_f1([set(g["categories"]) for g in gold],
                                        [set(p.get("categories") or []) for p in pred]),
        "flags_micro_f1": micro_f1([set(g["flags"]) for g in gold], [set(p.get("flags") or []) for p in pred]),
        "amount_exact": (sum(same_amount(g["amount"], p.get("amount")) for g, p in with_amount)
                         / len(with_amount)) if with_amount else float("nan"),
        "spurious_amount_rate": (sum(p.get("amount") is not None for g, p in without) / len(without))
                                if without else float("nan"),
    }


def predict(record):
    result = classify(record["text"], channel=record.get("channel"), language=record.get("language"))
    amount = result.amount
    return {"level": result.level, "categories": list(result.categories), "flags": list(result.flags),
            "amount": None if amount is None else {"value": float(amount.value), "currency": amount.currency}}


def baseline_predictor(gold):
    top_category = Counter(c for g in gold for c in g["categories"]).most_common(1)[0][0]
    return lambda record: {"level": "complaint", "categories": [top_category], "flags": [], "amount": None}


def timed(predictor, gold, repeats):
    started = time.process_time()
    for _ in range(repeats):
        predictions = {g["id"]: predictor(g) for g in gold}
    return predictions, len(gold) * repeats / max(time.process_time() - started, 1e-9)


def cold_rates(gold, at_least=9, seconds=3.0):
    rates, started = [], time.process_time()
    while len(rates) < at_least or time.process_time() - started < seconds:
        forget_memos()
        rates.append(timed(predict, gold, 1)[1])
    return sorted(rates)


def main(path):
    gold = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    started = time.process_time()
    for warm_up in ("warm-up: no pain", "разогрев: не болит", "预热：不疼"):
        classify(warm_up)
    start_up = time.process_time() - started
    forget_memos()
    predictions, _ = timed(predict, gold, 1)
    colds = cold_rates(gold)
    cold = colds[len(colds) // 2]
    _, warm = timed(predict, gold, 20)
    base_predictions, base_rate = timed(baseline_predictor(gold), gold, 20)
    ours, base = score(gold, predictions), score(gold, base_predictions)
    print(f"file: {path}  cases: {len(gold)}")
    print(f"{'metric':<24}{'classifier':>12}{'baseline':>12}{'ratio':>10}")
    for name, value in ours.items():
        ratio = value / base[name] if base[name] else float("inf")
        print(f"{name:<24}{value:>12.3f}{base[name]:>12.3f}{ratio:>10.2f}")
    print("per language:")
    for language in sorted({g["language"] for g in gold}):
        subset = [g for g in gold if g["language"] == language]
        s = score(subset, predictions)
        print(f"  {language} ({len(subset)}): " + "  ".join(f"{k}={v:.3f}" for k, v in s.items()))
    print(f"throughput (complaints/s, one core, CPU time): cold (memos forgotten) median {cold:,.0f} "
          f"of {len(colds)} passes [{colds[0]:,.0f}..{colds[-1]:,.0f}]; warm x20 {warm:,.0f}; "
          f"baseline {base_rate:,.0f}; ratio cold/baseline {cold / base_rate:.5f}, warm/baseline "
          f"{warm / base_rate:.5f}; start-up {start_up:.2f} s CPU")
    print("build: " + ("compiled by mypyc" if running_compiled() else
                       "plain Python (REDRESS_CLASSIFIER_PURE=1)" if os.environ.get("REDRESS_CLASSIFIER_PURE") == "1"
                       else "plain Python (no current compiled build: run scripts/bootstrap.sh)"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/classification.py FILE.jsonl")
    main(sys.argv[1])
