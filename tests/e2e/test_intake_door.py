"""The door through the running stack: the whole registration record, idempotency by
Idempotency-Key and by external_id, limits (413/422), errors with JSON pointers,
reclassification and the repeat-claimant flag."""

import secrets

import httpx
import pytest

from tests.stack import DEMO_KEY, received_now, submit, view_when, wait_for_case_views

pytestmark = pytest.mark.e2e

# Once per module (a retry must send the same body), and now: no clock falls due during the tests.
RECEIVED_AT = received_now("Europe/Moscow")

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
def record(external_id: str, **change) -> dict:
    body = {"external_id": external_id, "branch_id": "moscow-arbat", "channel": "phone",
            "received_at": RECEIVED_AT, "received_by": "moscow-arbat-frontdesk",
            "text": "После пилинга ожог, требую вернуть деньги.",
            "concerned_department": "moscow-arbat-aesthetic",
            "complainant": {"name": "Тест Тестов", "phone": "8 903 000-11-22", "patient_ref": f"P-{external_id}"},
            "representative": {"name": "Адвокат", "relation": "lawyer",
                               "power_of_attorney": {"matters": ["settlement"], "authority": "full",
                                                     "valid_from": "2026-11-01", "signed": True}},
            "demands": [{"kind": "refund", "amount": "56000", "currency": "RUB"}, {"kind": "apology"}],
            "attachments": [{"name": "receipt.jpg", "media_type": "image/jpeg", "size_bytes": 2048}]}
    return {**body, **change}


def post(stack, body, headers=None, path="/v1/complaints", **kw) -> httpx.Response:
    return httpx.post(f"{stack.front_url}{path}", json=body, headers={**AUTH, **(headers or {})}, timeout=10, **kw)


def test_the_whole_record_is_registered_and_structured_fields_win(stack):
    answer = post(stack, record("door-full"))
    assert answer.status_code == 202 and answer.json()["subject_ref"].startswith("s_")
    cid = answer.json()["complaint_id"]
    view = wait_for_case_views(stack.front_url, [cid])[cid]
    assert {"refund_demand", "representative"} <= set(view["flags"])
    assert view["amount"] == {"value": "56000", "currency": "RUB"} or float(view["amount"]["value"]) == 56000
    registration = httpx.get(f"{stack.front_url}/v1/complaints/{cid}/registration", headers=AUTH).json()
    assert registration["complainant"]["name"] == "Тест Тестов" and registration["representative"]["relation"] == "lawyer"
    assert registration["personal_data"] == "available" and registration["attachments"][0]["name"] == "receipt.jpg"


def test_idempotency_key_replays_the_first_answer_and_refuses_another_body(stack):
    first = post(stack, record("door-ik-1"), {"Idempotency-Key": "ik-door-1"})
    again = post(stack, record("door-ik-1"), {"Idempotency-Key": "ik-door-1"})
    assert first.status_code == again.status_code == 202 and again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    other = post(stack, record("door-ik-2"), {"Idempotency-Key": "ik-door-1"})
    assert other.status_code == 409 and other.json()["conflicting"] == "Idempotency-Key"
    assert other.headers["content-type"] == "application/problem+json"


def test_external_id_replays_under_a_new_key_and_conflicts_with_another_body(stack):
    first = post(stack, record("door-ext"))
    assert post(stack, record("door-ext"), {"Idempotency-Key": "fresh"}).json() == first.json()
    changed = post(stack, record("door-ext", text="Совсем другой текст."))
    assert changed.status_code == 409 and changed.json()["conflicting"] == "external_id"


@pytest.mark.parametrize("change,pointers", [
    ({"channel": "pigeon", "received_at": "yesterday"}, {"/channel", "/received_at"}),
    ({"representative": {"name": "X", "relation": "neighbour"}}, {"/representative/relation"}),
    ({"demands": [{"kind": "refund", "amount": "10"}]}, {"/demands/0"}),
    ({"complainant": {"email": "nope"}}, {"/complainant/email"}),
    ({"surprise": True}, {"/surprise"}),
    ({"text": "x" * 20_001}, {"/text"}),
    ({"demands": [{"kind": "apology"}] * 11}, {"/demands"}),
    ({"concerned_staff": ["ghost"]}, {"/concerned_staff/0"}),
    ({"complainant": {"phone": "call me"}}, {"/complainant/phone"}),
    ({"concerned_department": "nowhere"}, {"/concerned_department"}),
])
def test_every_invalid_field_is_named_by_its_pointer(stack, change, pointers):
    answer = post(stack, record(f"door-bad-{secrets.token_hex(3)}", **change))
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    assert {e["pointer"] for e in answer.json()["errors"]} == pointers


def test_a_body_over_the_limit_is_413_before_it_is_read(stack):
    answer = post(stack, record("door-big", attachments=[], text="x" * 10, padding="y" * 300_000))
    assert answer.status_code == 413 and answer.json()["limit_bytes"] == 256 * 1024
    assert answer.headers["content-type"] == "application/problem+json"


def test_a_bad_idempotency_key_is_named(stack):
    answer = post(stack, record("door-badkey"), {"Idempotency-Key": "x" * 201})
    assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/Idempotency-Key"


@pytest.mark.parametrize("method,path", [("POST", "/v1/subjects/erasure"), ("DELETE", "/v1/subjects/s_x"),
                                         ("GET", "/v1/complaints/01a2074c-cd80-766b-b31a-000000000000/registration")])
def test_the_new_paths_want_a_valid_key_and_give_no_hint(stack, method, path):
    answer = httpx.request(method, f"{stack.front_url}{path}", json={"phone": "1"},
                           headers={"Authorization": "Bearer nope"})
    assert answer.status_code == 401 and answer.json()["title"] == "Missing or invalid credentials"


def test_a_person_reclassifies_with_a_reason_and_the_case_view_shows_the_event(stack):
    cid = submit(stack.front_url, record("door-reclass"))["complaint_id"]
    wait_for_case_views(stack.front_url, [cid])
    path = f"/v1/complaints/{cid}/reclassification"
    body = {"level": "accident", "categories": ["clinical_harm"], "reason": "procedure not followed",
            "by": "moscow-arbat-frontdesk"}
    answer = post(stack, body, {"Idempotency-Key": "rc-1"}, path=path)
    assert answer.status_code == 201 and answer.json()["level"] == "accident"
    assert post(stack, body, {"Idempotency-Key": "rc-1"}, path=path).json() == answer.json()
    bad = post(stack, {**body, "by": "ghost"}, path=path)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/by"
    missing = post(stack, {**body, "reason": ""}, path=path)
    assert missing.status_code == 422 and missing.json()["errors"][0]["pointer"] == "/reason"
    unknown = post(stack, body, path="/v1/complaints/01a2074c-cd80-766b-b31a-000000000000/reclassification")
    assert unknown.status_code == 404
    view = view_when(stack, cid, lambda v: "ComplaintReclassified" in {e["type"] for e in v["timeline"]})
    assert "ComplaintReclassified" in {e["type"] for e in view["timeline"]}
    registration = httpx.get(f"{stack.front_url}/v1/complaints/{cid}/registration", headers=AUTH).json()
    assert registration["classification"]["level"] == "accident"


def test_a_third_money_demand_at_a_second_branch_is_flagged_repeat_claimant(stack):
    person = {"name": "Повтор", "phone": "+7 905 555 44 33"}
    ids = []
    for i, branch in enumerate(["moscow-arbat", "novosibirsk-centre", "moscow-arbat"]):
        body = record(f"door-repeat-{i}", branch_id=branch, received_by=None, concerned_department=None,
                      received_at=f"2026-0{i + 3}-10T10:00:00+03:00", complainant=person)
        ids.append(submit(stack.front_url, body)["complaint_id"])
    views = wait_for_case_views(stack.front_url, ids)
    assert ["repeat_claimant" in views[c]["flags"] for c in ids] == [False, False, True]
    signals = [s for s in views[ids[2]]["classification_signals"] if s["rule"] == "history.repeat_claimant"]
    assert signals and "Повтор" not in str(views[ids[2]])
