"""The registration record: what is refused (with the JSON pointer of the field), and what a
valid record becomes — ComplaintReceived without personal data, then ComplaintClassified in
which structured fields win over guesses."""

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from contracts.intake import RepeatClaimantPolicy
from contracts.tenant import TenantConfig
from services.intake.domain.record import MAX_ATTACHMENTS, MAX_DEMANDS, MAX_TEXT, ComplaintSubmission
from services.intake.domain.repeat_claimant import PriorDemand
from services.intake.domain.submission import SubmissionRejected, check, receive

pytestmark = pytest.mark.unit

TENANT = TenantConfig.model_validate(yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "deploy" / "tenants" / "demo.yaml").read_text(encoding="utf-8")))
BASE = {"external_id": "crm-1", "branch_id": "moscow-arbat", "channel": "phone",
        "received_at": "2026-11-23T10:15:00+03:00", "text": "Хамили на ресепшене."}
FULL = {**BASE, "received_by": "moscow-arbat-frontdesk",
        "complainant": {"name": "Анна Иванова", "phone": "8 900 123-45-67", "email": "a@example.ru", "patient_ref": "P-1"},
        "representative": {"name": "Пётр Петров", "relation": "lawyer", "phone": "+7 901 000 00 00",
                           "power_of_attorney": {"matters": ["mediation", "settlement"], "authority": "full",
                                                 "valid_from": "2026-11-01", "valid_to": "2027-11-01", "signed": True}},
        "demands": [{"kind": "apology"}, {"kind": "refund", "amount": "56000", "currency": "RUB"}],
        "attachments": [{"name": "чек.jpg", "media_type": "image/jpeg", "size_bytes": 1200}]}


def pointers(body: dict) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        ComplaintSubmission.model_validate(body)
    return {"/" + "/".join(str(p) for p in e["loc"]) for e in caught.value.errors()}


def test_the_skeleton_shape_is_still_a_valid_record():
    assert ComplaintSubmission.model_validate(BASE).demands == ()


def test_the_whole_registration_record_is_accepted():
    record = ComplaintSubmission.model_validate(FULL)
    assert record.representative.power_of_attorney.signed and record.demand_kinds() == ("apology", "refund")


@pytest.mark.parametrize("change,pointer", [
    ({"channel": "pigeon"}, "/channel"),
    ({"received_at": "2026-11-23T10:15:00"}, "/received_at"),
    ({"text": "x" * (MAX_TEXT + 1)}, "/text"),
    ({"unexpected": 1}, "/unexpected"),
    ({"complainant": {"email": "not-an-email"}}, "/complainant/email"),
    ({"representative": {"name": "P", "relation": "neighbour"}}, "/representative/relation"),
    ({"representative": {"name": "P", "relation": "lawyer",
                         "power_of_attorney": {"valid_from": "2026-11-01", "valid_to": "2026-10-01"}}},
     "/representative/power_of_attorney/valid_to"),
    ({"demands": [{"kind": "refund", "amount": "10"}]}, "/demands/0"),
    ({"demands": [{"kind": "apology", "amount": "10", "currency": "RUB"}]}, "/demands/0"),
    ({"demands": [{"kind": "refund"}, {"kind": "refund"}]}, "/demands"),
    ({"demands": [{"kind": "apology"}] * (MAX_DEMANDS + 1)}, "/demands"),
    ({"attachments": [{"name": "a", "media_type": "image/png", "size_bytes": 1}] * (MAX_ATTACHMENTS + 1)}, "/attachments"),
    ({"attachments": [{"name": "a", "media_type": "picture", "size_bytes": 1}]}, "/attachments/0/media_type"),
    ({"concerned_staff": [""]}, "/concerned_staff/0"),
])
def test_an_invalid_field_is_named_by_its_pointer(change, pointer):
    assert pointer in pointers({**FULL, **change})


@pytest.mark.parametrize("change,pointer", [
    ({"branch_id": "atlantis"}, "/branch_id"),
    ({"received_by": "nobody"}, "/received_by"),
    ({"concerned_staff": ["moscow-arbat-frontdesk", "ghost"]}, "/concerned_staff/1"),
    ({"concerned_department": "nowhere"}, "/concerned_department"),
    ({"complainant": {"phone": "call me maybe"}}, "/complainant/phone"),
    ({"representative": {"name": "P", "relation": "lawyer", "phone": "12"}}, "/representative/phone"),
])
def test_a_record_that_does_not_fit_the_chain_is_rejected_with_its_pointer(change, pointer):
    with pytest.raises(SubmissionRejected) as caught:
        check(ComplaintSubmission.model_validate({**FULL, **change}), TENANT)
    assert caught.value.pointer == pointer


def decide(body: dict, prior=()):
    record = ComplaintSubmission.model_validate(body)
    branch, _ = check(record, TENANT)
    return receive(record, branch, subject_ref="s_abc", text_digest="d" * 64, prior_demands=list(prior),
                   policy=RepeatClaimantPolicy())


def test_identifiers_are_normalised_in_the_branch_s_country():
    _, parties = check(ComplaintSubmission.model_validate(FULL), TENANT)
    assert [i.canonical() for i in parties.complainant] == ["patient_ref:P-1", "phone:+79001234567",
                                                            "email:a@example.ru"]
    assert [i.canonical() for i in parties.representative] == ["phone:+79010000000"]


def test_the_received_event_carries_no_personal_data():
    received, _ = decide(FULL)
    dumped = received.model_dump_json()
    for personal in ("Анна", "Иванова", "900", "a@example.ru", "P-1", "Пётр", "чек", "Хамили"):
        assert personal not in dumped
    assert received.subject_ref == "s_abc" and received.representative_present
    assert received.demands == ("apology", "refund") and received.attachment_count == 1


def test_structured_demands_and_representative_win_over_the_text():
    _, classified = decide(FULL)
    assert {"refund_demand", "representative"} <= set(classified.flags)
    assert classified.amount.value == Decimal("56000") and classified.amount.currency == "RUB"
    assert any(s.rule == "structured.demand.amount" for s in classified.signals)


def test_amounts_in_two_currencies_leave_the_amount_to_the_text():
    body = {**FULL, "demands": [{"kind": "refund", "amount": "10", "currency": "USD"},
                                {"kind": "compensation", "amount": "10", "currency": "RUB"}]}
    assert not any(s.rule == "structured.demand.amount" for s in decide(body)[1].signals)


def test_the_third_money_demand_at_another_branch_adds_repeat_claimant_with_its_reason():
    prior = [PriorDemand("shanghai-jingan", datetime(2026, 2, 1, tzinfo=timezone.utc), frozenset({"refund"})),
             PriorDemand("london-marylebone", datetime(2026, 5, 1, tzinfo=timezone.utc), frozenset({"compensation"}))]
    _, classified = decide(FULL, prior)
    assert "repeat_claimant" in classified.flags
    assert any(s.rule == "history.repeat_claimant" for s in classified.signals)
    _, first_time = decide(FULL)
    assert "repeat_claimant" not in first_time.flags


def test_the_same_record_always_decides_the_same_events():
    assert [e.model_dump() for e in decide(FULL)] == [e.model_dump() for e in decide(FULL)]
