"""The shapes a classification takes (domain spec section 2, seed 001's level ladder).

Everything is frozen and every collection is a sorted tuple, so the same complaint text
always serialises to the same classification.
"""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

LEVELS = ("feedback", "suggestion", "dissatisfaction", "complaint", "dispute", "accident")
CATEGORIES = (
    "clinical_harm", "informed_consent", "pricing_billing", "treatment_outcome",
    "service_attitude", "wait_time", "environment", "advertising", "staff_qualification",
    "device_material", "privacy", "communication",
)
FLAGS = (
    "regulator_threat", "media_threat", "on_site_disruption", "livestream", "legal_action",
    "refund_demand", "compensation_demand", "representative",
)
Level = Literal["feedback", "suggestion", "dissatisfaction", "complaint", "dispute", "accident"]
Language = Literal["zh", "ru", "en"]
Currency = Literal["CNY", "RUB", "USD", "EUR", "GBP"]
SignalField = Literal["level", "category", "flag", "amount", "language"]


class Amount(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: Decimal
    currency: Currency


class Signal(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    field: SignalField
    value: str
    evidence: str


class Classification(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Level
    categories: tuple[str, ...]
    flags: tuple[str, ...]
    amount: Amount | None
    language: Language
    signals: tuple[Signal, ...]
    classifier_version: str
