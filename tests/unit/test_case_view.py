"""The case view is a fold over a complaint's events in the order they happened."""

import random
from datetime import timedelta

import pytest

from contracts.routing import ChainNotified, CoordinationRequested, OwnerAssigned, OwnerRef
from contracts.settlement import SettlementCaseOpened
from contracts.sla import DeadlineBreached, DeadlineSet
from services.analytics.domain.case_view import build_view
from tests.unit.builders import T0, classified, envelope, received

pytestmark = pytest.mark.unit

DUE = T0 + timedelta(days=3)


def history():
    return [
        envelope(received(), version=1, at=T0),
        envelope(classified("dispute"), version=2, at=T0),
        envelope(OwnerAssigned(owner=OwnerRef(kind="staff", id="a"), rule="first_contact", reason="r"),
                 at=T0 + timedelta(seconds=1)),
        envelope(DeadlineSet(clock="resolution", due_at=DUE, policy="seed@1", rule="working_days 7",
                             timezone="Asia/Shanghai"), at=T0 + timedelta(seconds=2)),
        envelope(SettlementCaseOpened(level="dispute", reason="r"), at=T0 + timedelta(seconds=3)),
    ]


def test_the_view_gathers_what_every_service_recorded():
    view = build_view(history())
    assert view["level"] == "dispute" and view["categories"] == ["pricing_billing"]
    assert view["owner"]["id"] == "a" and view["owner"]["kind"] == "staff"
    assert view["deadlines"] == [{"clock": "resolution", "instance": 1, "due": DUE.isoformat().replace("+00:00", "Z"),
                                  "state": "running", "mode": "operational", "policy": "seed@1",
                                  "rule": "working_days 7", "warnings": []}]
    assert view["settlement"]["state"] == "open"
    assert [e["type"] for e in view["timeline"]] == [
        "ComplaintReceived", "ComplaintClassified", "OwnerAssigned", "DeadlineSet", "SettlementCaseOpened"]


def test_the_view_does_not_depend_on_the_order_events_arrived_in():
    events = history()
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert build_view(shuffled) == build_view(events)


def test_a_breached_deadline_makes_the_case_overdue():
    events = history() + [envelope(DeadlineBreached(clock="resolution", due_at=DUE), at=DUE)]
    view = build_view(events)
    assert view["status"] == "overdue"
    assert view["deadlines"][0]["state"] == "breached"


def test_each_clock_shows_its_latest_state_and_resolution_stops_them():
    from contracts.sla import ClockPaused, ClockStopped, DeadlineApproached

    events = history() + [
        envelope(DeadlineApproached(clock="resolution", warn_at=T0, due_at=DUE, share=0.75), at=T0 + timedelta(1)),
        envelope(ClockPaused(clock="resolution", paused_at=T0, waiting_on="complainant", reason="asked for X-rays"),
                 at=T0 + timedelta(days=1, seconds=1)),
    ]
    assert build_view(events)["deadlines"][0]["state"] == "paused"
    stopped = events + [envelope(ClockStopped(clock="resolution", stopped_at=T0, reason="resolved"),
                                 at=T0 + timedelta(days=2))]
    view = build_view(stopped)
    assert view["deadlines"][0]["state"] == "stopped" and view["status"] == "resolved"


def test_an_event_logged_after_the_fact_keeps_its_place_in_its_services_stream():
    from contracts.sla import ClockPaused

    set_at = T0 + timedelta(seconds=2)
    paused = envelope(ClockPaused(clock="resolution", paused_at=T0, waiting_on="complainant", reason="photos"),
                      version=2, at=T0 + timedelta(seconds=1), source="sla")
    events = history()
    events[3] = envelope(DeadlineSet(clock="resolution", due_at=DUE, policy="seed@1", rule="working_days 7",
                                     timezone="Asia/Shanghai"), version=1, at=set_at, source="sla")
    view = build_view(events + [paused])
    assert view["deadlines"][0]["state"] == "paused"
    types = [e["type"] for e in view["timeline"]]
    assert types.index("ClockPaused") > types.index("DeadlineSet")


def test_a_resolved_case_stays_resolved_whatever_sorts_after_the_resolution():
    from contracts.sla import ClockStopped

    stopped = envelope(ClockStopped(clock="resolution", stopped_at=T0, reason="resolved"), version=2,
                       at=T0 + timedelta(seconds=2, milliseconds=500), source="sla")
    late_owner = envelope(OwnerAssigned(owner=OwnerRef(kind="staff", id="b"), rule="written_transfer", reason="r"),
                          version=2, at=T0 + timedelta(seconds=9), source="routing")
    view = build_view(history() + [stopped, late_owner])
    assert view["status"] == "resolved"


def test_the_status_follows_the_case_from_receipt_to_assignment():
    events = history()
    assert build_view(events[:1])["status"] == "received"
    assert build_view(events[:2])["status"] == "classified"
    assert build_view(events[:3])["status"] == "assigned"


def test_the_view_shows_the_clinic_offices_coordination_and_who_at_chain_level_was_told():
    coordination = CoordinationRequested(coordinator="office", departments=("billing", "aesthetic"),
                                         uncovered_categories=(), reason="several departments", config_version=1)
    notified = ChainNotified(notified=("chain-medical-director",), reason="accident", config_version=1)
    view = build_view([*history(), envelope(coordination, version=2, at=T0 + timedelta(seconds=4)),
                       envelope(notified, version=3, at=T0 + timedelta(seconds=5))])
    assert view["coordination"] == {"coordinator": "office", "departments": ["billing", "aesthetic"],
                                    "uncovered_categories": []}
    assert view["chain_notified"] == ["chain-medical-director"]


def test_without_coordination_or_notice_the_view_says_so():
    view = build_view(history())
    assert view["coordination"] is None and view["chain_notified"] == []
