"""Rule 9 (seed 000; domain section 1): a case pursued by an agent cannot be settled with
the agent until a power of attorney meeting the rule is recorded as verified."""

from datetime import date

import pytest

from contracts.routing import RepresentativeVerified, SettlementBlocked
from services.routing.domain.commands import VerifyRepresentative
from tests.unit.test_routing_givens import (
    ORG, classified, given, power_of_attorney, receipt, rejected, types, when,
)

pytestmark = pytest.mark.unit

COUNSEL = "chain-legal-counsel"


def represented():
    return given(receipt(), classified("dispute", "treatment_outcome", flags=("representative",)))


def test_an_agent_flagged_by_classification_blocks_settlement():
    events = when(given(receipt()), classified("complaint", "wait_time", flags=("representative",)))
    assert events[-1] == SettlementBlocked(reason="represented by an agent without a verified power of attorney",
                                           config_version=ORG.version)


def test_an_agent_recorded_at_receipt_blocks_settlement():
    assert types(when(given(), receipt(representative=True))) == ["OwnerAssigned", "SettlementBlocked"]


def test_a_verified_power_of_attorney_lifts_the_block():
    events = when(represented(), VerifyRepresentative(by=COUNSEL, power_of_attorney=power_of_attorney()))
    assert events == [RepresentativeVerified(by=COUNSEL, agent_kind="lawyer", valid_until=date(2027, 6, 30),
                                             document_sha256="a" * 64, config_version=ORG.version)]
    state = given(VerifyRepresentative(by=COUNSEL, power_of_attorney=power_of_attorney()), start=represented())
    assert not state.settlement_blocked


def test_once_verified_a_later_agent_flag_blocks_nothing():
    state = given(VerifyRepresentative(by=COUNSEL, power_of_attorney=power_of_attorney()), start=represented())
    assert "SettlementBlocked" not in types(when(state, classified("accident", flags=("representative",))))


def test_without_an_agent_nothing_is_blocked():
    assert "SettlementBlocked" not in types(when(given(receipt()), classified("dispute")))


@pytest.mark.parametrize("defect", [
    {"names_agent": False}, {"matters_include_settlement": False}, {"states_authority": False},
    {"signed_by_patient": False}, {"valid_until": date(2026, 1, 1)},
])
def test_a_power_of_attorney_missing_anything_the_law_requires_is_refused(defect):
    command = VerifyRepresentative(by=COUNSEL, power_of_attorney=power_of_attorney(**defect))
    assert rejected(represented(), command) == "power_of_attorney_insufficient"


def test_an_agent_outside_the_laws_list_cannot_even_be_recorded():
    with pytest.raises(ValueError):
        power_of_attorney(agent_kind="friend")


@pytest.mark.parametrize("by,code", [("shanghai-jingan-consultant", "not_entitled"), ("ghost", "actor_not_in_tenant")])
def test_only_the_tenants_verifiers_may_verify(by, code):
    assert rejected(represented(), VerifyRepresentative(by=by, power_of_attorney=power_of_attorney())) == code
