"""Settlement opens for claimed harm: dispute and accident (seed 000)."""

import pytest

from contracts.intake import ComplaintReclassified
from contracts.settlement import SettlementCaseOpened
from services.settlement.domain.opening import decide
from tests.unit.builders import classified, envelope, received

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("level", ["dispute", "accident"])
def test_a_case_opens_when_harm_is_claimed(level):
    [event] = decide([], envelope(classified(level)), None)
    assert isinstance(event, SettlementCaseOpened) and event.level == level


@pytest.mark.parametrize("level", ["feedback", "suggestion", "dissatisfaction", "complaint"])
def test_no_case_opens_below_dispute(level):
    assert decide([], envelope(classified(level)), None) == []


def test_a_case_opens_only_once():
    [opened] = decide([], envelope(classified("accident")), None)
    assert decide([envelope(opened)], envelope(classified("accident")), None) == []


def test_a_receipt_alone_opens_nothing():
    assert decide([], envelope(received()), None) == []


def reclassified(level: str, previous: str = "complaint") -> ComplaintReclassified:
    return ComplaintReclassified(level=level, previous_level=previous, reason="bruising found on a visit",
                                 by="moscow-arbat-cs-manager")


@pytest.mark.parametrize("level", ["dispute", "accident"])
def test_a_case_opens_when_a_person_raises_the_level_to_claimed_harm(level):
    [event] = decide([envelope(classified("complaint"))], envelope(reclassified(level)), None)
    assert event.level == level and "reclassified by moscow-arbat-cs-manager from complaint" in event.reason


def test_raising_a_dispute_to_an_accident_opens_no_second_case():
    [opened] = decide([], envelope(classified("dispute")), None)
    assert decide([envelope(opened)], envelope(reclassified("accident", "dispute")), None) == []


def test_lowering_the_level_opens_nothing():
    assert decide([], envelope(reclassified("dissatisfaction", "complaint")), None) == []
