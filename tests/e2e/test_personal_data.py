"""Personal data end to end: never readable in any table of any service, on any event
topic or in any log; an erasure destroys the subject's key, records SubjectErased, turns
every view to "erased", and leaves the audit trail verifiable."""

import asyncio

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer

from contracts.envelope import SERVICES, topic_of
from runtime.ids import new_id
from tests.stack import DEMO_KEY, received_now, submit, view_when, wait_for_case_views

pytestmark = pytest.mark.e2e

# Once per module (a retry must send the same body), and now: no clock falls due during the tests.
RECEIVED_AT = received_now("Europe/Moscow")

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
MARKERS = ("Wilhelmina", "Okonkwo-Ferreira", "9167770011", "777-00-11", "w.okonkwo@example.net", "PATREF-5521",
           "Bartholomew", "kidney-photo", "LOBBY-INCIDENT-4471")


def body(external_id: str, branch: str = "moscow-arbat") -> dict:
    return {"external_id": external_id, "branch_id": branch, "channel": "email",
            "received_at": RECEIVED_AT,
            "text": "I am Wilhelmina Okonkwo-Ferreira (+7 916 777-00-11). LOBBY-INCIDENT-4471: after the peel I got a "
                    "burn and I demand a refund of 500 USD.",
            "complainant": {"name": "Wilhelmina Okonkwo-Ferreira", "phone": "+7 916 777-00-11",
                            "email": "W.Okonkwo@example.net", "patient_ref": "PATREF-5521"},
            "representative": {"name": "Bartholomew Okonkwo", "relation": "close_relative",
                               "email": "bart@example.net"},
            "demands": [{"kind": "refund", "amount": "500", "currency": "USD", "note": "Wilhelmina paid cash"}],
            "attachments": [{"name": "kidney-photo.png", "media_type": "image/png", "size_bytes": 99}]}


def every_stored_value(database_url: str) -> str:
    """Every column of every row of every Redress schema, as text."""
    async def dump():
        conn = await asyncpg.connect(database_url)
        try:
            out = []
            tables = await conn.fetch("SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY($1::text[])",
                                      list(SERVICES))
            for t in tables:
                for row in await conn.fetch(f'SELECT * FROM "{t["schemaname"]}"."{t["tablename"]}"'):
                    out += [bytes(v).decode("utf-8", "replace") if isinstance(v, (bytes, bytearray)) else str(v)
                            for v in row.values()]
            return "\n".join(out)
        finally:
            await conn.close()

    return asyncio.run(dump())


def every_event_on_the_topics(servers: str) -> str:
    async def read():
        consumer = AIOKafkaConsumer(*(topic_of(s) for s in SERVICES), bootstrap_servers=servers,
                                    group_id=f"pd-{new_id()}", auto_offset_reset="earliest")
        await consumer.start()
        values = []
        try:
            for _ in range(15):
                for records in (await consumer.getmany(timeout_ms=300)).values():
                    values += [r.value.decode("utf-8", "replace") for r in records]
        finally:
            await consumer.stop()
        return "\n".join(values)

    return asyncio.run(read())


def readable(haystack: str) -> list[str]:
    return [m for m in MARKERS if m.lower() in haystack.lower()]


def test_personal_data_is_nowhere_readable_and_erasure_makes_it_unrecoverable(stack):
    first = submit(stack.front_url, body("pd-e2e-1"))
    second = submit(stack.front_url, body("pd-e2e-2", branch="shanghai-jingan"))
    ids = [first["complaint_id"], second["complaint_id"]]
    assert len(wait_for_case_views(stack.front_url, ids)) == 2
    registration = httpx.get(f"{stack.front_url}/v1/complaints/{ids[0]}/registration", headers=AUTH).json()
    assert registration["complainant"]["name"] == "Wilhelmina Okonkwo-Ferreira"  # the tenant can read it

    assert readable(every_stored_value(stack.database_url)) == []
    assert readable(every_event_on_the_topics(stack.bootstrap_servers)) == []
    logs = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in stack.log_dir.glob("*.log"))
    assert readable(logs) == []
    metrics = httpx.get(f"{stack.service_url('intake')}/metrics").text
    assert readable(metrics) == [] and first["subject_ref"] not in metrics

    answer = httpx.post(f"{stack.front_url}/v1/subjects/erasure", json={"phone": "8 916 777 00 11"}, headers=AUTH)
    assert answer.status_code == 200
    [erased] = answer.json()["erased"]
    assert erased["subject_ref"] == first["subject_ref"] and sorted(erased["complaints"]) == sorted(ids)

    for cid in ids:
        view = httpx.get(f"{stack.front_url}/v1/complaints/{cid}/registration", headers=AUTH).json()
        assert view["personal_data"] == "erased" and view["text"] is None and view["complainant"] is None
        assert view["attachments"] is None and view["demands"] == [{"kind": "refund"}]
        assert view["representative"] is not None  # the relative is another subject, not erased
    case = view_when(stack, ids[0], lambda v: "SubjectErased" in {e["type"] for e in v["timeline"]})
    assert "SubjectErased" in {e["type"] for e in case["timeline"]}

    rep = httpx.post(f"{stack.front_url}/v1/subjects/erasure", json={"email": "BART@example.net"}, headers=AUTH)
    assert rep.status_code == 200
    view = httpx.get(f"{stack.front_url}/v1/complaints/{ids[0]}/registration", headers=AUTH).json()
    assert view["representative"] is None and view["erased_parts"] == ["complainant", "representative"]

    again = httpx.delete(f"{stack.front_url}/v1/subjects/{first['subject_ref']}", headers=AUTH)
    assert again.status_code == 404
    nobody = httpx.post(f"{stack.front_url}/v1/subjects/erasure", json={"email": "nobody@example.net"}, headers=AUTH)
    assert nobody.status_code == 404

    verify = httpx.get(f"{stack.service_url('analytics')}/internal/v1/trail/verify",
                       headers={"X-Redress-Internal-Token": stack.internal_token}, timeout=60).json()
    assert verify["verified"] is True
    assert readable(every_stored_value(stack.database_url)) == []


def test_erasure_by_pseudonym_and_a_returning_person_gets_a_new_pseudonym(stack):
    first = submit(stack.front_url, {**body("pd-e2e-3"), "complainant": {"email": "returning@example.net"},
                                     "representative": None})
    answer = httpx.delete(f"{stack.front_url}/v1/subjects/{first['subject_ref']}", headers=AUTH)
    assert answer.status_code == 200 and answer.json()["complaints"] == [first["complaint_id"]]
    back = submit(stack.front_url, {**body("pd-e2e-4"), "complainant": {"email": "returning@example.net"},
                                    "representative": None})
    assert back["subject_ref"] and back["subject_ref"] != first["subject_ref"]
