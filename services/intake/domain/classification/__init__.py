"""Explainable, deterministic classification of complaint texts (domain spec §2): a rule
book, then a learned second opinion that weighs what the rules read.

    classify(text, channel=..., language=..., demands=..., has_representative=...)

returns the level, categories, flags, demanded amount and language of a complaint in
Chinese, Russian or English, with the signals (rule + quoted phrase, or the model's
weightiest features) that decided each.
"""

from services.intake.domain.classification.classifier import CLASSIFIER_VERSION, classify, forget_memos
from services.intake.domain.classification.model import (
    CATEGORIES, FLAGS, LEVELS, Amount, Classification, Signal,
)

__all__ = ["CATEGORIES", "CLASSIFIER_VERSION", "FLAGS", "LEVELS", "Amount", "Classification",
           "Signal", "classify", "forget_memos"]
