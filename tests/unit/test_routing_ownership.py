"""Rule 1, first-contact responsibility (seed 001): the walking skeleton's entry point,
then the routing decider with the tenant's organisation."""

import pytest

from contracts.routing import OwnerAssigned, OwnerRef
from services.routing.domain.case import RoutingCase
from services.routing.domain.decider import decide_from_stream
from tests.unit.builders import envelope
from tests.unit.test_routing_givens import NOW, ORG, classified, given, receipt, types, when

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("channel", ["walk_in", "phone", "letter", "suggestion_box", "chat", "email",
                                     "regulator_referral"])
def test_the_receiver_owns_it_from_the_first_second_whatever_the_channel(channel):
    [event] = when(RoutingCase(), receipt("moscow-arbat-frontdesk", branch="moscow-arbat", channel=channel))
    assert event == OwnerAssigned(owner=OwnerRef(kind="staff", id="moscow-arbat-frontdesk"), rule="first_contact",
                                  reason="received the complaint", at=NOW, config_version=ORG.version)


@pytest.mark.parametrize("channel", ["integration", "online_review"])
def test_without_a_receiver_the_tenants_customer_service_centre_of_the_branch_owns_it(channel):
    [event] = when(RoutingCase(), receipt(None, branch="shanghai-jingan", channel=channel))
    assert event.owner == OwnerRef(kind="department", id="shanghai-jingan-cs")
    assert event.rule == "first_contact_no_receiver"


def test_a_receiver_unknown_to_the_tenant_leaves_it_with_customer_service():
    [event] = when(RoutingCase(), receipt("ghost", branch="moscow-arbat"))
    assert (event.owner.id, event.rule) == ("moscow-arbat-cs", "first_contact_unknown_receiver")


def test_the_receiver_keeps_it_whatever_the_level():
    state = given(receipt("shanghai-jingan-consultant"))
    for level in ("feedback", "complaint", "dispute", "accident"):
        events = when(state, classified(level, "treatment_outcome"))
        assert "OwnerAssigned" not in types(events)


def test_a_redelivered_receipt_changes_nothing():
    assert when(given(receipt()), receipt()) == []


def test_every_routing_decision_records_the_configuration_version_it_used():
    state = given(receipt(), classified("complaint", "treatment_outcome"))
    events = when(state, classified("accident", "clinical_harm"))
    assert events and all(e.config_version == ORG.version for e in events)


def test_the_stream_entry_replays_what_routing_consumed_and_wrote_and_ignores_redeliveries():
    first = envelope(receipt(), version=1)
    decided = decide_from_stream([], first, ORG, NOW)
    assert types(decided) == ["OwnerAssigned"]
    history = [first, envelope(decided[0], version=2)]
    assert decide_from_stream(history, first, ORG, NOW) == []
    assert types(decide_from_stream(history, envelope(classified("dispute"), version=3), ORG, NOW)) == [
        "IncidentTeamFormed"]
