"""A settlement case opens when harm is claimed: levels `dispute` and `accident`
(seed 000: self-check first, then negotiate with one representative). The level is
intake's classification, or a person's reclassification when one raises it later."""

from contracts.envelope import Envelope
from contracts.intake import ComplaintClassified, ComplaintReclassified
from contracts.registry import payload_of
from contracts.settlement import SettlementCaseOpened

SETTLEMENT_LEVELS = frozenset({"dispute", "accident"})


def on_level(already_open: bool, level: str, why: str) -> list[SettlementCaseOpened]:
    if already_open or level not in SETTLEMENT_LEVELS:
        return []
    return [SettlementCaseOpened(level=level, reason=f"{why} {level}: harm is claimed, settlement follows seed 000")]


def decide(history: list[Envelope], incoming: Envelope, _now) -> list[SettlementCaseOpened]:
    event = payload_of(incoming)
    already_open = any(e.type == SettlementCaseOpened.EVENT_TYPE for e in history)
    if isinstance(event, ComplaintClassified):
        return on_level(already_open, event.level, "level")
    if isinstance(event, ComplaintReclassified):
        return on_level(already_open, event.level, f"reclassified by {event.by} from {event.previous_level} to")
    return []
