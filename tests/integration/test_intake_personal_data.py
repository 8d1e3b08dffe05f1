"""Intake on real PostgreSQL: personal data sealed per subject, idempotency by key and by
external id, repeat claimants, and erasure that leaves nothing readable."""

import json
from pathlib import Path
from uuid import UUID

import pytest
import yaml

from contracts.envelope import Actor
from contracts.tenant import TenantConfig
from runtime import db
from runtime.ids import new_id
from services.intake import application, casework, subjects
from services.intake.domain.record import ComplaintSubmission
from services.intake.service import SPEC
from services.intake.vault import Vault

pytestmark = pytest.mark.integration

DEMO = TenantConfig.model_validate(yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "deploy" / "tenants" / "demo.yaml").read_text(encoding="utf-8")))
TENANT = DEMO.tenant_id
VAULT = Vault(b"M" * 32, b"P" * 32)
ACTOR = Actor(kind="integration", id=TENANT)
SECRETS = ("Zebediah", "Quillfeather", "79161234567", "zq@example.org", "PAT-77881", "OSKAR-WITNESS", "scan-zq.pdf")


def body(external_id: str, branch: str = "moscow-arbat", **extra) -> ComplaintSubmission:
    return ComplaintSubmission.model_validate({
        "external_id": external_id, "branch_id": branch, "channel": "phone",
        "received_at": "2026-11-23T10:15:00+03:00",
        "text": "Zebediah Quillfeather here: after the peel I got a burn. OSKAR-WITNESS saw it. I demand a refund.",
        "complainant": {"name": "Zebediah Quillfeather", "phone": "+7 916 123-45-67", "email": "ZQ@example.org",
                        "patient_ref": "PAT-77881"},
        "demands": [{"kind": "refund", "amount": "56000", "currency": "RUB"}],
        "attachments": [{"name": "scan-zq.pdf", "media_type": "application/pdf", "size_bytes": 10}], **extra})


@pytest.fixture
async def intake(database_url):
    await db.migrate(database_url, "intake", SPEC.sql)
    pool = await db.create_pool(database_url, "intake")
    await application.apply_tenant(pool, DEMO, "k" * 20)
    yield pool
    await pool.close()


async def register(pool, submission, key=None):
    async with pool.acquire() as conn, conn.transaction():
        return await application.register(conn, VAULT, TENANT, submission, idempotency_key=key,
                                          correlation_id=new_id(), actor=ACTOR)


async def everything_stored(pool) -> str:
    """Every row of every intake table as text (bytea as its raw bytes, decoded leniently)."""
    dump = []
    for table in await pool.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'intake'"):
        for row in await pool.fetch(f'SELECT * FROM "{table["tablename"]}"'):
            for value in row.values():
                dump.append(bytes(value).decode("utf-8", "replace") if isinstance(value, (bytes, bytearray))
                            else str(value))
    return "\n".join(dump)


async def test_personal_data_is_stored_only_sealed_and_reads_back_for_the_tenant(intake):
    accepted = await register(intake, body("pd-1"))
    stored = await everything_stored(intake)
    assert [s for s in SECRETS if s.lower() in stored.lower()] == []
    view = await casework.registration(intake, VAULT, TENANT, UUID(accepted.response["complaint_id"]))
    assert view["complainant"]["name"] == "Zebediah Quillfeather" and "OSKAR-WITNESS" in view["text"]
    assert view["personal_data"] == "available" and view["attachments"][0]["name"] == "scan-zq.pdf"


async def test_a_retry_replays_and_a_changed_body_conflicts_by_key_and_by_external_id(intake):
    first = await register(intake, body("idem-1"), key="key-1")
    again = await register(intake, body("idem-1"), key="key-1")
    by_external_id = await register(intake, body("idem-1"), key="key-2")
    assert again.replayed and by_external_id.replayed
    assert again.response == by_external_id.response == first.response
    with pytest.raises(application.IdempotencyConflict) as caught:
        await register(intake, body("idem-2"), key="key-1")
    assert caught.value.which == "Idempotency-Key"
    with pytest.raises(application.IdempotencyConflict) as caught:
        await register(intake, body("idem-1", concerned_staff=["moscow-arbat-frontdesk"]))
    assert caught.value.which == "external_id"
    assert await intake.fetchval("SELECT count(*) FROM events") == 2


async def test_one_person_is_one_pseudonym_across_identifiers_and_a_repeat_claimant_is_flagged(intake):
    a = await register(intake, body("rc-1", branch="moscow-arbat"))
    only_email = body("rc-2", branch="shanghai-jingan", complainant={"email": "zq@EXAMPLE.org"})
    b = await register(intake, only_email)
    c = await register(intake, body("rc-3", branch="london-marylebone",
                                    complainant={"phone": "020 7946 0958"}))  # somebody else
    d = await register(intake, body("rc-4", branch="novosibirsk-centre", complainant={"phone": "8 916 123 45 67"}))
    assert a.response["subject_ref"] == b.response["subject_ref"] == d.response["subject_ref"]
    assert c.response["subject_ref"] != a.response["subject_ref"]
    assert "repeat_claimant" not in a.events[1].flags and "repeat_claimant" not in b.events[1].flags
    assert "repeat_claimant" in d.events[1].flags


async def test_erasure_destroys_the_key_records_subject_erased_and_forgets_the_person(intake):
    first = await register(intake, body("er-1", representative={"name": "Olga Lawyerova", "relation": "lawyer"}))
    second = await register(intake, body("er-2", branch="shanghai-jingan"))
    ref = first.response["subject_ref"]
    result = await casework.erase(intake, TENANT, ref, actor=ACTOR, correlation_id=new_id())
    assert sorted(result["complaints"]) == sorted([first.response["complaint_id"], second.response["complaint_id"]])
    erased_events = await intake.fetch("SELECT envelope FROM events WHERE type = 'SubjectErased'")
    payloads = [json.loads(r["envelope"])["payload"] for r in erased_events]
    assert len(payloads) == 3 and all(p["subject_ref"] == ref for p in payloads)  # two complainant parts + one representative
    view = await casework.registration(intake, VAULT, TENANT, UUID(first.response["complaint_id"]))
    assert view["personal_data"] == "erased" and view["text"] is None and view["complainant"] is None
    assert view["representative"] is None and view["demands"] == [{"kind": "refund"}]
    assert await intake.fetchval("SELECT count(*) FROM subject_identifiers") == 0
    assert await intake.fetchval("SELECT count(*) FROM subject_demands") == 0
    with pytest.raises(casework.NotFound):
        await casework.erase(intake, TENANT, ref, actor=ACTOR, correlation_id=new_id())
    back = await register(intake, body("er-3"))
    assert back.response["subject_ref"] not in (None, ref)


async def test_erasure_by_contact_finds_the_subject_under_any_identifier(intake):
    accepted = await register(intake, body("ec-1"))
    for contact in ({"phone": "+7 (916) 123-45-67"}, {"phone": "8 916 123-45-67"}, {"email": "Zq@Example.org"},
                    {"patient_ref": "PAT-77881"}):
        found = await casework.subjects_by_contact(intake, VAULT, TENANT, **{"phone": None, "email": None,
                                                                             "patient_ref": None, **contact})
        assert found == [accepted.response["subject_ref"]], contact


async def test_a_complaint_without_identifiers_gets_its_own_key(intake):
    accepted = await register(intake, body("anon-1", complainant={"name": "Zebediah Quillfeather"}))
    assert accepted.response["subject_ref"] is None
    rows = await intake.fetch("SELECT subject_ref FROM subject_keys")
    assert [r["subject_ref"] for r in rows] == [None]
    async with intake.acquire() as conn:
        parts = await subjects.open_parts(conn, VAULT, TENANT, UUID(accepted.response["complaint_id"]))
    assert parts["complainant"]["complainant"]["name"] == "Zebediah Quillfeather"
