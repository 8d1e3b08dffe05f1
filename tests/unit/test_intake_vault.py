"""Authenticated encryption per data subject, wrapped keys, pseudonyms and the settings
that carry the keys."""

import base64

import pytest

from runtime.ids import new_id
from services.intake.settings import IntakeSettings, decode_key
from services.intake.vault import Unreadable, Vault

pytestmark = pytest.mark.unit

MASTER, PSEUDO = b"m" * 32, b"p" * 32


def test_a_sealed_part_opens_only_with_its_key_and_in_its_place():
    vault, key, cid = Vault(MASTER, PSEUDO), Vault.new_subject_key(), new_id()
    blob = vault.seal_part(key, "lotus", cid, "complainant", "Иванова Анна".encode())
    assert "Иванова".encode() not in blob
    assert vault.open_part(key, "lotus", cid, "complainant", blob).decode() == "Иванова Анна"
    with pytest.raises(Unreadable):
        vault.open_part(Vault.new_subject_key(), "lotus", cid, "complainant", blob)
    with pytest.raises(Unreadable):
        vault.open_part(key, "lotus", new_id(), "complainant", blob)  # copied to another complaint
    with pytest.raises(Unreadable):
        vault.open_part(key, "lotus", cid, "complainant", blob[:-1] + bytes([blob[-1] ^ 1]))


def test_subject_keys_are_wrapped_by_the_master_key():
    vault, key, key_id = Vault(MASTER, PSEUDO), Vault.new_subject_key(), new_id()
    wrapped = vault.wrap("lotus", key_id, key)
    assert key not in wrapped and vault.unwrap("lotus", key_id, wrapped) == key
    with pytest.raises(Unreadable):
        Vault(b"x" * 32, PSEUDO).unwrap("lotus", key_id, wrapped)


def test_pseudonyms_are_stable_per_tenant_and_unrelated_across_tenants():
    vault = Vault(MASTER, PSEUDO)
    one = vault.pseudonym("lotus", "phone:+79001234567")
    assert one == Vault(b"other master" * 3, PSEUDO).pseudonym("lotus", "phone:+79001234567")
    assert one != vault.pseudonym("rose", "phone:+79001234567")
    assert one != vault.pseudonym("lotus", "phone:+79001234567", generation=1)
    assert one.startswith("s_") and "79001234567" not in one


def test_the_text_digest_depends_on_the_subject_key():
    a, b = Vault.new_subject_key(), Vault.new_subject_key()
    assert Vault.text_digest(a, "text") == Vault.text_digest(a, "text") != Vault.text_digest(b, "text")


@pytest.mark.parametrize("text", ["ab" * 32, base64.urlsafe_b64encode(b"k" * 32).decode().rstrip("="),
                                  base64.b64encode(b"\xff" * 40).decode()])
def test_keys_are_read_from_hex_or_base64(text):
    assert len(decode_key(text)) >= 32


@pytest.mark.parametrize("env", [{}, {"REDRESS_MASTER_KEY": "short", "REDRESS_PSEUDONYM_KEY": "ab" * 32},
                                 {"REDRESS_MASTER_KEY": "ab" * 32}])
def test_intake_refuses_to_start_without_proper_keys(monkeypatch, env):
    for name in ("REDRESS_MASTER_KEY", "REDRESS_PSEUDONYM_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError):
        IntakeSettings()


def test_the_two_keys_must_differ(monkeypatch):
    monkeypatch.setenv("REDRESS_MASTER_KEY", "ab" * 32)
    monkeypatch.setenv("REDRESS_PSEUDONYM_KEY", "ab" * 32)
    with pytest.raises(ValueError):
        IntakeSettings().keys()
