"""RFC 9457 problem details: every HTTP error is `application/problem+json`."""

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_TYPE_BASE = "https://redress.dev/problems/"


class Problem(Exception):
    """An error with a stable type, a human title and a status; raise it from handlers."""

    def __init__(self, status: int, kind: str, title: str, detail: str | None = None, **extra: Any) -> None:
        super().__init__(title)
        self.status, self.kind, self.title, self.detail, self.extra = status, kind, title, detail, extra


def problem_response(status: int, kind: str, title: str, detail: str | None = None, **extra: Any) -> JSONResponse:
    body = {"type": PROBLEM_TYPE_BASE + kind, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _pointer(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc[1:]] if loc and loc[0] in ("body", "query", "path", "header") else [str(p) for p in loc]
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


async def on_problem(_: Request, exc: Problem) -> JSONResponse:
    return problem_response(exc.status, exc.kind, exc.title, exc.detail, **exc.extra)


async def on_validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"pointer": _pointer(tuple(e["loc"])), "detail": e["msg"]} for e in exc.errors()]
    return problem_response(422, "validation", "The request is not valid", f"{len(errors)} invalid field(s)", errors=errors)


async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem_response(exc.status_code, "http", str(exc.detail))


HANDLERS = {Problem: on_problem, RequestValidationError: on_validation_error, StarletteHTTPException: on_http_error}
