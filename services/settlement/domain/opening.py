"""A settlement case opens when harm is claimed: levels `dispute` and `accident`
(seed 000: self-check first, then negotiate with one representative)."""

from contracts.envelope import Envelope
from contracts.intake import ComplaintClassified
from contracts.registry import payload_of
from contracts.settlement import SettlementCaseOpened

SETTLEMENT_LEVELS = frozenset({"dispute", "accident"})


def on_classified(already_open: bool, classified: ComplaintClassified) -> list[SettlementCaseOpened]:
    if already_open or classified.level not in SETTLEMENT_LEVELS:
        return []
    return [SettlementCaseOpened(level=classified.level,
                                 reason=f"level {classified.level}: harm is claimed, settlement follows seed 000")]


def decide(history: list[Envelope], incoming: Envelope, _now) -> list[SettlementCaseOpened]:
    event = payload_of(incoming)
    if not isinstance(event, ComplaintClassified):
        return []
    already_open = any(e.type == SettlementCaseOpened.EVENT_TYPE for e in history)
    return on_classified(already_open, event)
