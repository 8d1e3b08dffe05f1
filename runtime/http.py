"""HTTP edges shared by every service: health, readiness, metrics, errors, correlation ids."""

import time
from uuid import UUID
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from runtime import metrics, problems
from runtime.ids import new_id
from runtime.logs import correlation_id

INTERNAL_TOKEN_HEADER = "X-Redress-Internal-Token"
TENANT_HEADER = "X-Redress-Tenant"
CORRELATION_HEADER = "X-Correlation-Id"


def add_common_routes(app: FastAPI, service: str, readiness: Callable[[], Awaitable[dict[str, bool]]]) -> None:
    for exc_type, handler in problems.HANDLERS.items():
        app.add_exception_handler(exc_type, handler)

    @app.middleware("http")
    async def observe(request: Request, call_next):
        cid = _valid_uuid(request.headers.get(CORRELATION_HEADER)) or str(new_id())
        token = correlation_id.set(cid)
        started = time.perf_counter()
        status = 500  # an exception escaping the app is a server error
        try:
            response = await call_next(request)
            status = response.status_code
        finally:
            correlation_id.reset(token)
            route = getattr(request.scope.get("route"), "path", "unmatched")
            metrics.HTTP_REQUESTS.labels(service, request.method, route, str(status)).inc()
            metrics.HTTP_DURATION.labels(service, request.method, route).observe(time.perf_counter() - started)
        response.headers[CORRELATION_HEADER] = cid
        return response

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive", "service": service}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        checks = await readiness()
        ready = all(checks.values())
        metrics.SERVICE_READY.labels(service).set(1 if ready else 0)
        body = {"service": service, "ready": ready, "checks": checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def _valid_uuid(text: str | None) -> str | None:
    try:
        return str(UUID(text)) if text else None
    except ValueError:
        return None


def current_correlation_id() -> UUID:
    """The correlation id of the request in hand (taken from X-Correlation-Id or new)."""
    return UUID(correlation_id.get() or str(new_id()))


def require_internal(request: Request, internal_token: str) -> None:
    """Only the front door and operator tools, carrying the internal token, may call in."""
    if request.headers.get(INTERNAL_TOKEN_HEADER) != internal_token:
        raise problems.Problem(401, "unauthenticated", "Missing or invalid credentials")


def tenant_of(request: Request, internal_token: str) -> str:
    """The tenant the front door authenticated; only calls carrying the internal token count."""
    require_internal(request, internal_token)
    tenant = request.headers.get(TENANT_HEADER)
    if not tenant:
        raise problems.Problem(401, "unauthenticated", "Missing or invalid credentials")
    return tenant
