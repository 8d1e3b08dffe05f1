"""A person overrides the classification; the override is an event with a reason."""

import pytest

from contracts.intake import ComplaintReclassified
from services.intake.domain.reclassification import (
    Reclassification, ReclassificationRefused, current_classification, decide,
)
from tests.unit.builders import classified, envelope, received
from tests.unit.test_intake_submission import TENANT

pytestmark = pytest.mark.unit

HISTORY = [envelope(received(), version=1), envelope(classified("complaint"), version=2)]


def command(**change) -> Reclassification:
    return Reclassification.model_validate({"level": "dispute", "reason": "harm confirmed by the doctor",
                                            "by": "moscow-arbat-frontdesk", **change})


def test_a_staff_member_raises_the_level_with_a_reason():
    event = decide(HISTORY, command(), TENANT)
    assert (event.level, event.previous_level, event.by) == ("dispute", "complaint", "moscow-arbat-frontdesk")
    assert event.categories is None and event.flags is None


def test_the_latest_reclassification_is_the_current_classification():
    again = HISTORY + [envelope(ComplaintReclassified(level="dispute", previous_level="complaint", reason="r", by="x",
                                                      flags=("legal_action",)), version=3)]
    assert current_classification(again) == {"level": "dispute", "categories": ["pricing_billing"],
                                              "flags": ["legal_action"]}
    assert decide(again, command(level="accident"), TENANT).previous_level == "dispute"


def test_categories_and_flags_may_change_too_and_are_sorted():
    event = decide(HISTORY, command(level="complaint", categories=["wait_time", "communication"],
                                    flags=["repeat_claimant"]), TENANT)
    assert event.categories == ("communication", "wait_time") and event.flags == ("repeat_claimant",)


@pytest.mark.parametrize("change,status,pointer", [
    ({"by": "stranger"}, 422, "/by"),
    ({"categories": ["astrology"]}, 422, "/categories/0"),
    ({"flags": ["refund_demand", "vip"]}, 422, "/flags/1"),
    ({"level": "complaint"}, 422, "/level"),
])
def test_refusals_name_the_field(change, status, pointer):
    with pytest.raises(ReclassificationRefused) as caught:
        decide(HISTORY, command(**change), TENANT)
    assert (caught.value.status, caught.value.pointer) == (status, pointer)


def test_a_complaint_not_yet_classified_cannot_be_reclassified():
    with pytest.raises(ReclassificationRefused) as caught:
        decide(HISTORY[:1], command(), TENANT)
    assert caught.value.status == 409


def test_a_reason_is_required():
    with pytest.raises(ValueError):
        command(reason="  ")
