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
