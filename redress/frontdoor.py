"""The one HTTP front door for integrations: authenticates the tenant's API key, then
forwards each path to the service that owns it. Its OpenAPI document merges the
services' public paths; its /readyz is 200 only when every service is ready.

Run with `python -m redress.frontdoor`.
"""

import asyncio
import hashlib
import json
import re
import time
from contextlib import asynccontextmanager

import httpx
import uvicorn
import yaml
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from contracts.tenant import TenantConfig
from redress import operations

from runtime import logs
from runtime.http import CORRELATION_HEADER, INTERNAL_TOKEN_HEADER, TENANT_HEADER, add_common_routes
from runtime.problems import Problem
from runtime.settings import FrontDoorSettings

# (method, path pattern, owning service). The first match wins.
ROUTES: tuple[tuple[str, re.Pattern, str], ...] = (
    ("POST", re.compile(r"^/v1/complaints$"), "intake"),
    ("GET", re.compile(r"^/v1/complaints/[^/]+$"), "analytics"),
    ("GET", re.compile(r"^/v1/complaints/[^/]+/registration$"), "intake"),
    ("POST", re.compile(r"^/v1/complaints/[^/]+/reclassification$"), "intake"),
    ("POST", re.compile(r"^/v1/subjects/erasure$"), "intake"),
    ("DELETE", re.compile(r"^/v1/subjects/[^/]+$"), "intake"),
    ("POST", re.compile(r"^/v1/complaints/[^/]+/sla/(contacts|resolution|reopening|waits|replies|waits/end)$"), "sla"),
    ("POST", re.compile(r"^/v1/complaints/[^/]+/(transfers|transfers/accept|transfers/reject|escalations"
                        r"|handling-department/approval|representative/verification)$"), "routing"),
    ("PUT", re.compile(r"^/v1/complaints/[^/]+/handler$"), "routing"),
    ("GET", re.compile(r"^/v1/staff/[^/]+/cases$"), "routing"),
)
FORWARDED_HEADERS = ("content-type", "idempotency-key", "accept", "x-acting-staff")
KEY_CACHE_SECONDS = 30.0


def owner_of(method: str, path: str) -> str | None:
    return next((svc for m, pattern, svc in ROUTES if m == method and pattern.match(path)), None)


def create_app(settings: FrontDoorSettings) -> FastAPI:
    urls = settings.service_urls()
    client = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0))
    key_cache: dict[str, tuple[str, float]] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        await client.aclose()

    async def readiness() -> dict[str, bool]:
        async def ready(url: str) -> bool:
            try:
                return (await client.get(f"{url}/readyz", timeout=2.0)).status_code == 200
            except httpx.HTTPError:
                return False

        results = await asyncio.gather(*(ready(url) for url in urls.values()))
        return dict(zip(urls, results))

    async def tenant_for(request: Request) -> str:
        scheme, _, api_key = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not api_key.strip():
            raise Problem(401, "unauthenticated", "Missing or invalid credentials",
                          "Send the tenant's API key as 'Authorization: Bearer <key>'")
        digest = hashlib.sha256(api_key.strip().encode()).hexdigest()
        cached = key_cache.get(digest)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        try:
            answer = await client.post(f"{urls['intake']}/internal/v1/authenticate",
                                       json={"api_key": api_key.strip()},
                                       headers={INTERNAL_TOKEN_HEADER: settings.internal_token})
        except httpx.HTTPError:
            answer = None
        if answer is not None and answer.status_code == 401:
            raise Problem(401, "unauthenticated", "Missing or invalid credentials")
        if answer is None or answer.status_code != 200:
            raise Problem(503, "unavailable", "Authentication is unavailable; retry later",
                          headers_retry_after=1)
        tenant_id = answer.json()["tenant_id"]
        key_cache[digest] = (tenant_id, time.monotonic() + KEY_CACHE_SECONDS)
        return tenant_id

    app = FastAPI(title="Redress", version="1", lifespan=lifespan, docs_url="/docs", openapi_url=None)
    add_common_routes(app, "frontdoor", readiness)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        return JSONResponse(await merged_openapi(client, urls))

    @app.put("/v1/organisation", include_in_schema=False)
    async def apply_organisation(request: Request) -> Response:
        """The tenant's organisation file (YAML or JSON), validated whole before anything changes."""
        tenant_id = await tenant_for(request)
        config = parse_organisation(await request.body(), request.headers.get("content-type", ""))
        if config.tenant_id != tenant_id:
            raise Problem(403, "forbidden", "A tenant can only change its own organisation",
                          errors=[{"pointer": "/tenant_id", "detail": "is not the authenticated tenant"}])
        try:
            result = await operations.apply_organisation(client, urls, settings.internal_token, config)
        except httpx.HTTPStatusError as exc:
            return Response(exc.response.content, status_code=exc.response.status_code,
                            media_type=exc.response.headers.get("content-type"))
        except httpx.HTTPError:
            raise Problem(503, "unavailable", "A service is not reachable; retry later") from None
        return JSONResponse(result)

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def forward(rest: str, request: Request) -> Response:
        service = owner_of(request.method, request.url.path)
        if service is None:
            raise Problem(404, "not-found", "No such resource", f"{request.method} {request.url.path} is not an API path")
        tenant_id = await tenant_for(request)
        headers = {h: request.headers[h] for h in FORWARDED_HEADERS if h in request.headers}
        headers.update({INTERNAL_TOKEN_HEADER: settings.internal_token, TENANT_HEADER: tenant_id,
                        CORRELATION_HEADER: logs.correlation_id.get() or ""})
        try:
            upstream = await client.request(request.method, f"{urls[service]}{request.url.path}",
                                            params=request.query_params, content=await request.body(), headers=headers)
        except httpx.HTTPError:
            raise Problem(503, "unavailable", "The service is not reachable; retry later",
                          f"{service} did not answer") from None
        passed = {k: v for k, v in upstream.headers.items()
                  if k.lower() in ("content-type", "location", "idempotent-replayed", "retry-after")}
        return Response(upstream.content, status_code=upstream.status_code, headers=passed)

    return app


def parse_organisation(body: bytes, content_type: str) -> TenantConfig:
    """A tenant file from an HTTP body, with each problem named by JSON pointer."""
    try:
        raw = yaml.safe_load(body) if "yaml" in content_type else json.loads(body or b"null")
    except (ValueError, yaml.YAMLError) as exc:
        raise Problem(400, "unreadable", "The body is not valid YAML or JSON", str(exc)[:300]) from None
    try:
        return TenantConfig.model_validate(raw)
    except ValidationError as exc:
        errors = [{"pointer": "/" + "/".join(str(p) for p in e["loc"]), "detail": e["msg"]} for e in exc.errors()]
        raise Problem(422, "validation", "The organisation is not valid", f"{len(errors)} problem(s)",
                      errors=errors) from None


async def merged_openapi(client: httpx.AsyncClient, urls: dict[str, str]) -> dict:
    """One document for integrations: every service's public /v1 paths, bearer auth."""
    doc: dict = {
        "openapi": "3.1.0",
        "info": {"title": "Redress", "version": "1",
                 "description": "Complaint handling for clinic chains. Authenticate with 'Authorization: Bearer <API key>'."},
        "paths": {}, "components": {"schemas": {}, "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}}},
        "security": [{"apiKey": []}],
    }
    doc["paths"]["/v1/organisation"] = {"put": {
        "summary": "Apply the tenant's organisation file (validated whole before anything changes)",
        "tags": ["organisation"],
        "requestBody": {"required": True, "content": {"application/yaml": {}, "application/json": {}}},
        "responses": {"200": {"description": "applied: {tenant_id, version}"},
                      "403": {"description": "the file names another tenant"},
                      "422": {"description": "invalid: problem details with a JSON pointer per problem"}}}}
    for service, url in urls.items():
        try:
            spec = (await client.get(f"{url}/openapi.json", timeout=3.0)).json()
        except (httpx.HTTPError, ValueError):
            continue
        for path, ops in spec.get("paths", {}).items():
            if path.startswith("/v1/"):
                doc["paths"].setdefault(path, {}).update(ops)
        doc["components"]["schemas"].update(spec.get("components", {}).get("schemas", {}))
    return doc


def main() -> None:
    settings = FrontDoorSettings()
    logs.configure("frontdoor", settings.log_level)
    uvicorn.run(create_app(settings), host=settings.http_host, port=settings.http_port, log_config=None,
                access_log=False)


if __name__ == "__main__":
    main()
