import json

import pytest

from services.sla.due_jsonl import due_lines

pytestmark = pytest.mark.unit


def request(**overrides) -> str:
    line = {
        "id": "c-1",
        "received_at": "2025-09-30T10:00:00+08:00",
        "timezone": "Asia/Shanghai",
        "country": "CN",
        "rule": {"kind": "working_days", "amount": 3},
    }
    line.update(overrides)
    return json.dumps({k: v for k, v in line.items() if v is not ...}, ensure_ascii=False)


def answers(*lines: str) -> list[dict]:
    return [json.loads(out) for out in due_lines(lines)]


def test_answers_a_line_with_the_due_date_in_the_branch_offset():
    assert answers(request()) == [{"id": "c-1", "due": "2025-10-11T23:59:59+08:00"}]


def test_received_in_utc_is_answered_in_the_branch_offset():
    [answer] = answers(request(received_at="2025-10-10T16:00:00Z", rule={"kind": "working_days", "amount": 1}))

    assert answer["due"] == "2025-10-13T23:59:59+08:00"


def test_calendar_days_rule():
    line = request(timezone="Europe/Moscow", country="RU", received_at="2026-04-30T10:00:00+03:00",
                   rule={"kind": "calendar_days", "amount": 10})

    assert answers(line) == [{"id": "c-1", "due": "2026-05-12T23:59:59+03:00"}]


def test_working_hours_rule_with_default_and_given_business_hours():
    default = request(id=1, received_at="2026-03-03T17:00:00+08:00", rule={"kind": "working_hours", "amount": 3})
    given = request(id=2, received_at="2026-03-03T17:00:00+08:00",
                    rule={"kind": "working_hours", "amount": 3, "business_hours": "08:00-20:00"})

    assert [a["due"] for a in answers(default, given)] == ["2026-03-04T11:00:00+08:00", "2026-03-03T20:00:00+08:00"]


def test_unverified_year_adds_warnings():
    [answer] = answers(request(received_at="2027-03-01T10:00:00+08:00"))

    assert answer == {
        "id": "c-1",
        "due": "2027-03-04T23:59:59+08:00",
        "warnings": ["calendar for CN 2027 is not verified by an official notice"],
    }


def test_a_bad_line_among_good_ones_gets_its_own_error_and_the_others_are_answered():
    lines = [
        request(id="ok-1"),
        "{not json",
        request(id="bad-zone", timezone="Mars/Base"),
        request(id="bad-country", country="XX"),
        request(id="ok-2", country="cn"),
    ]

    out = answers(*lines)

    assert [a["id"] for a in out] == ["ok-1", None, "bad-zone", "bad-country", "ok-2"]
    assert out[0]["due"] == out[4]["due"] == "2025-10-11T23:59:59+08:00"
    assert "not valid JSON" in out[1]["error"]
    assert "unknown time zone 'Mars/Base'" in out[2]["error"]
    assert "unknown country 'XX'" in out[3]["error"]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"timezone": ...}, "missing field(s): timezone"),
        ({"rule": ..., "country": ...}, "missing field(s): country, rule"),
        ({"received_at": "yesterday"}, "not an ISO 8601 date-time"),
        ({"received_at": "2026-03-03T10:00:00"}, "has no UTC offset"),
        ({"rule": {"kind": "weeks", "amount": 1}}, "unknown rule kind 'weeks'"),
        ({"rule": {"kind": "working_days"}}, 'rule must be an object with "kind" and "amount"'),
        ({"rule": {"kind": "working_days", "amount": -2}}, "whole number >= 0"),
        ({"rule": {"kind": "working_hours", "amount": 2, "business_hours": "18-9"}}, "business hours"),
    ],
)
def test_malformed_requests_get_a_clear_error_with_their_id(overrides, message):
    [answer] = answers(request(**overrides))

    assert answer["id"] == "c-1"
    assert message in answer["error"]
    assert "due" not in answer


def test_a_json_value_that_is_not_an_object_is_an_error():
    assert answers("[1, 2]") == [{"id": None, "error": "line must be a JSON object"}]


def test_blank_lines_are_skipped_and_output_is_one_json_object_per_line():
    out = list(due_lines([request(), "\n", "   ", request(id="c-2")]))

    assert len(out) == 2
    assert all("\n" not in line for line in out)


def test_lines_are_answered_lazily_as_they_arrive():
    def stream():
        yield request(id="first")
        raise AssertionError("read past the first line before answering it")

    assert json.loads(next(due_lines(stream())))["id"] == "first"
