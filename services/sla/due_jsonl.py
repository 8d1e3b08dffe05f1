"""The `redress sla due` line protocol: JSON Lines in, one answer per line out.

Input line: {"id", "received_at" (ISO 8601 with offset), "timezone" (IANA),
"country" (ISO 3166 alpha-2), "rule": {"kind", "amount", "business_hours"?}}.
Output line: {"id", "due" (ISO 8601 in the branch's offset), "warnings"?} or, when that
line cannot be answered, {"id", "error"}; the other lines are still answered (issue 5).
Blank lines are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from services.sla.domain.calendars import UnknownCountryError, calendar_for
from services.sla.domain.due import (
    DEFAULT_BUSINESS_HOURS,
    BusinessHours,
    DueRule,
    UnknownTimeZoneError,
    compute_due,
)

REQUIRED_FIELDS = ("id", "received_at", "timezone", "country", "rule")


class BadRequestError(ValueError):
    """A line that is not a well-formed due-date request."""


def due_lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        if line.strip():
            yield json.dumps(answer_line(line), ensure_ascii=False)


def answer_line(line: str) -> dict[str, Any]:
    request: Any = None
    try:
        request = _parse_json(line)
        _require_fields(request)
        deadline = compute_due(
            received_at=_parse_received_at(request["received_at"]),
            timezone=request["timezone"],
            calendar=calendar_for(request["country"]),
            rule=_parse_rule(request["rule"]),
        )
    except (ValueError, UnknownCountryError, UnknownTimeZoneError) as error:
        return {"id": _id_of(request), "error": str(error)}
    answer: dict[str, Any] = {"id": request["id"], "due": deadline.due.isoformat()}
    if deadline.warnings:
        answer["warnings"] = list(deadline.warnings)
    return answer


def _parse_json(line: str) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRequestError(f"line is not valid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(request, dict):
        raise BadRequestError("line must be a JSON object")
    return request


def _require_fields(request: dict[str, Any]) -> None:
    missing = [name for name in REQUIRED_FIELDS if name not in request or request[name] is None]
    if missing:
        raise BadRequestError(f"missing field(s): {', '.join(missing)}")


def _parse_received_at(value: Any) -> dt.datetime:
    try:
        received_at = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadRequestError(f"received_at {value!r} is not an ISO 8601 date-time") from None
    if received_at.tzinfo is None:
        raise BadRequestError(f"received_at {value!r} has no UTC offset")
    return received_at


def _parse_rule(value: Any) -> DueRule:
    if not isinstance(value, dict) or "kind" not in value or "amount" not in value:
        raise BadRequestError('rule must be an object with "kind" and "amount"')
    hours = value.get("business_hours")
    return DueRule(
        kind=value["kind"],
        amount=value["amount"],
        business_hours=DEFAULT_BUSINESS_HOURS if hours is None else BusinessHours.parse(hours),
    )


def _id_of(request: Any) -> Any:
    return request.get("id") if isinstance(request, dict) else None
