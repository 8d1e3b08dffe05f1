"""Settlement opens for claimed harm: dispute and accident (seed 000)."""

import pytest

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
