"""What the rule book read in one complaint, handed to the learned second opinion."""

from dataclasses import dataclass

from services.intake.domain.classification.model import Signal
from services.intake.domain.classification.phrases import Hit
from services.intake.domain.classification.text import Clause


@dataclass(frozen=True)
class Reading:
    language: str
    channel: str | None
    clauses: list[Clause]
    live: list[Hit]            # the lexicon hits that stand (not negated, in their sense)
    signals: list[Signal]      # language and flag signals, already final
    flags: frozenset[str]      # found in the text or set by the request's structured fields
    structured: frozenset[str]  # the flags the structured fields set
    categories: dict[str, Hit]  # the hit behind each category the rules found
    level: str                 # the ladder's level from the rules (levels.py)
    level_rule: str
    chosen: frozenset[str]     # the categories the rules chose
