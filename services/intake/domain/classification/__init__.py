"""Explainable, deterministic classification of complaint texts (domain spec §2): a rule
book, then a learned second opinion that weighs what the rules read.

    classify(text, channel=..., language=..., demands=..., has_representative=...)

returns the level, categories, flags, demanded amount and language of a complaint in
Chinese, Russian or English, with the signals (rule + quoted phrase, or the model's
weightiest features) that decided each.

The modules a complaint passes through are compiled to C by mypyc when a current build
exists (services/intake/classifier_build.py says when); otherwise they run as the plain Python they are written in.
"""

from services.intake import classifier_build

classifier_build.prefer_compiled(__path__)

from services.intake.domain.classification.classifier import (  # noqa: E402
    CLASSIFIER_VERSION, classify, forget_memos,
)
from services.intake.domain.classification.model import (  # noqa: E402
    CATEGORIES, FLAGS, LEVELS, Amount, Classification, Signal,
)

__all__ = ["CATEGORIES", "CLASSIFIER_VERSION", "FLAGS", "LEVELS", "Amount", "Classification",
           "Signal", "classify", "forget_memos"]
