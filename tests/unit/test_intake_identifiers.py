"""Identifiers are normalised before they are hashed, so one person links across complaints."""

import pytest

from services.intake.domain.identifiers import InvalidIdentifier, identifiers_of, normalise_phone

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("raw,country", [
    ("+7 900 123-45-67", "RU"), ("8 (900) 123 45 67", "RU"), ("+79001234567", "CN"), ("007 900 1234567", "CN"),
])
def test_one_russian_number_written_four_ways_is_one_identifier(raw, country):
    assert normalise_phone(raw, country) == "+79001234567"


def test_a_chinese_mobile_without_country_code_is_read_in_the_branch_s_country():
    assert normalise_phone("138 0013 8000", "CN") == "+8613800138000"


@pytest.mark.parametrize("raw", ["call me", "12", "+7 9"])
def test_something_that_is_not_a_phone_number_is_refused(raw):
    with pytest.raises(InvalidIdentifier) as caught:
        normalise_phone(raw, "RU")
    assert caught.value.field == "phone"


def test_identifiers_come_in_priority_order_and_e_mail_is_case_folded():
    found = identifiers_of(patient_ref=" P-1 ", phone="+44 20 7946 0958", email="Anna@Example.COM", country="GB")
    assert [i.canonical() for i in found] == ["patient_ref:P-1", "phone:+442079460958", "email:anna@example.com"]


def test_a_party_with_only_a_name_has_no_identifier():
    assert identifiers_of(patient_ref=None, phone=None, email="  ", country="RU") == ()
