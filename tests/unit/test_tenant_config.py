"""A tenant file is validated whole, with errors naming what is wrong."""

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from contracts.tenant import TenantConfig
from redress.operations import TenantFileError, read_tenant_file

pytestmark = pytest.mark.unit

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "tenants" / "demo.yaml"


def demo() -> dict:
    return yaml.safe_load(DEMO.read_text(encoding="utf-8"))


def test_the_demo_chain_spans_two_countries_and_time_zones_with_front_desks():
    config = read_tenant_file(DEMO)
    assert config.branch("shanghai-jingan").timezone == "Asia/Shanghai"
    assert config.branch("moscow-arbat").timezone == "Europe/Moscow"
    for branch in ("shanghai-jingan", "moscow-arbat"):
        assert config.staff_member(f"{branch}-frontdesk").branch == branch
        assert config.customer_service_of(branch) is not None


def test_an_unknown_time_zone_is_rejected():
    raw = demo()
    raw["branches"][0]["timezone"] = "Asia/Atlantis"
    with pytest.raises(ValidationError, match="unknown IANA time zone"):
        TenantConfig.model_validate(raw)


def test_staff_of_an_unknown_branch_is_rejected():
    raw = demo()
    raw["staff"][0]["branch"] = "nowhere"
    with pytest.raises(ValidationError, match="unknown branch 'nowhere'"):
        TenantConfig.model_validate(raw)


def test_duplicate_staff_ids_are_rejected():
    raw = demo()
    raw["staff"].append(raw["staff"][0])
    with pytest.raises(ValidationError, match="duplicate id"):
        TenantConfig.model_validate(raw)


def test_a_bad_file_names_the_field_in_error(tmp_path):
    raw = demo()
    del raw["branches"][1]["country"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(TenantFileError, match="branches/1/country"):
        read_tenant_file(bad)


# The routing policy (issue 4): ladder, incident team, conflicts, transfer time.

def test_a_tenant_file_without_a_routing_policy_gets_seed_001s_defaults():
    raw = demo()
    for key in ("escalation_ladder", "incident_team", "conflicts_of_interest", "transfer_acceptance_timeout"):
        raw.pop(key, None)
    config = TenantConfig.model_validate(raw)
    assert [r.rung for r in config.escalation_ladder] == [
        "consultant", "consultant_supervisor", "customer_service", "medical_affairs"]
    assert config.incident_team.negotiator == "customer_service"
    assert config.conflicts_of_interest == ()
    assert config.transfer_acceptance_timeout.total_seconds() == 4 * 3600


def test_the_demo_chain_declares_conflicts_and_an_explicit_ladder():
    config = read_tenant_file(DEMO)
    assert {c.staff for c in config.conflicts_of_interest} >= {"shanghai-jingan-head-nurse"}
    assert config.escalation_ladder[2].takes_revenue_attribution


@pytest.mark.parametrize("change,message", [
    ({"incident_team": {"negotiator": "mayor"}}, "no seat named 'mayor'"),
    ({"escalation_ladder": [{"rung": "x"}]}, "give roles, a department_kind, or both"),
    ({"escalation_ladder": [{"rung": "x", "roles": ["consultant"]}, {"rung": "x", "roles": ["doctor"]}]},
     "escalation_ladder: duplicate id 'x'"),
    ({"escalation_ladder": []}, "at least 1 item"),
    ({"conflicts_of_interest": [{"staff": "nobody", "branch": "moscow-arbat"}]}, "unknown staff member 'nobody'"),
    ({"conflicts_of_interest": [{"staff": "moscow-arbat-frontdesk", "with_staff": "nobody"}]},
     "with_staff: unknown staff member"),
    ({"conflicts_of_interest": [{"staff": "moscow-arbat-frontdesk", "branch": "atlantis"}]}, "unknown branch"),
    ({"conflicts_of_interest": [{"staff": "moscow-arbat-frontdesk"}]}, "exactly one of"),
    ({"transfer_acceptance_timeout": "PT0S"}, "must be positive"),
    ({"incident_team": {"seats": [{"seat": "owner"}], "negotiator": "owner"}}, "give roles or case_owner"),
])
def test_a_bad_routing_policy_is_rejected_with_what_is_wrong(change, message):
    with pytest.raises(ValidationError, match=message):
        TenantConfig.model_validate({**demo(), **change})
