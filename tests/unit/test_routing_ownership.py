"""First-contact responsibility (seed 001)."""

import pytest

from contracts.routing import OwnerAssigned, OwnerRef
from services.routing.domain.ownership import decide
from tests.unit.builders import classified, envelope, received

pytestmark = pytest.mark.unit


def test_the_staff_member_who_received_the_complaint_owns_it():
    events = decide([], envelope(received(received_by="moscow-arbat-frontdesk")), None)
    assert events == [OwnerAssigned(owner=OwnerRef(kind="staff", id="moscow-arbat-frontdesk"), rule="first_contact",
                                    reason="received the complaint")]


def test_without_a_receiver_the_branchs_customer_service_centre_owns_it():
    [event] = decide([], envelope(received(received_by=None, branch="moscow-arbat")), None)
    assert event.owner == OwnerRef(kind="department", id="moscow-arbat:customer_service_centre")
    assert event.rule == "first_contact_no_receiver"


def test_a_redelivered_receipt_does_not_assign_a_second_owner():
    first = decide([], envelope(received()), None)
    history = [envelope(first[0], version=1)]
    assert decide(history, envelope(received()), None) == []


def test_events_routing_does_not_act_on_decide_nothing():
    assert decide([], envelope(classified()), None) == []
