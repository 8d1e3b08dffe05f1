"""Events written by the settlement service on `redress.settlement.v1`."""

from contracts.events import Event


class SettlementCaseOpened(Event):
    EVENT_TYPE = "SettlementCaseOpened"
    SOURCE = "settlement"

    level: str
    reason: str
