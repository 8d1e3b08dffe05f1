"""Intake's HTTP edge: complaint submission, and the internal endpoints the front door
and the operator command line use (authentication, tenant configuration)."""

from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from contracts.tenant import TenantConfig
from runtime.http import CORRELATION_HEADER, INTERNAL_TOKEN_HEADER, tenant_of
from runtime.ids import new_id
from runtime.problems import Problem
from runtime.service import Runtime
from services.intake import application
from services.intake.domain.submission import ComplaintSubmission, SubmissionRejected


class Accepted(BaseModel):
    complaint_id: UUID
    status: str
    links: dict[str, str]


class Credentials(BaseModel):
    api_key: str = Field(min_length=1, max_length=200)


class TenantApplication(BaseModel):
    config: TenantConfig
    api_key: str = Field(min_length=16, max_length=200)


def router(rt: Runtime) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/complaints", status_code=202, response_model=Accepted, tags=["complaints"],
              summary="Register a complaint (idempotent on the tenant's external_id)")
    async def submit_complaint(submission: ComplaintSubmission, request: Request, response: Response) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        cid = _correlation(request)
        try:
            accepted = await application.submit(rt.pool, tenant_id, submission, cid)
        except SubmissionRejected as exc:
            raise Problem(422, "validation", "The request is not valid", exc.detail,
                          errors=[{"pointer": exc.pointer, "detail": exc.detail}]) from None
        except application.IdempotencyConflict:
            raise Problem(409, "idempotency-conflict", "external_id was already used with a different body",
                          f"external_id {submission.external_id!r} is taken by an earlier, different submission") from None
        if accepted.replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return accepted.response

    @api.post("/internal/v1/authenticate", include_in_schema=False)
    async def authenticate(credentials: Credentials, request: Request) -> dict:
        _internal_only(request, rt.settings.internal_token)
        tenant_id = await application.authenticate(rt.pool, credentials.api_key)
        if tenant_id is None:
            raise Problem(401, "unauthenticated", "Missing or invalid credentials")
        return {"tenant_id": tenant_id}

    @api.put("/internal/v1/tenants/{tenant_id}", include_in_schema=False)
    async def apply_tenant(tenant_id: str, body: TenantApplication, request: Request) -> dict:
        _internal_only(request, rt.settings.internal_token)
        if body.config.tenant_id != tenant_id:
            raise Problem(422, "validation", "The request is not valid", "tenant_id in the path and the file differ",
                          errors=[{"pointer": "/config/tenant_id", "detail": "does not match the path"}])
        version = await application.apply_tenant(rt.pool, body.config, body.api_key)
        return {"tenant_id": tenant_id, "version": version}

    return api


def _internal_only(request: Request, token: str) -> None:
    if request.headers.get(INTERNAL_TOKEN_HEADER) != token:
        raise Problem(401, "unauthenticated", "Missing or invalid credentials")


def _correlation(request: Request) -> UUID:
    try:
        return UUID(request.headers.get(CORRELATION_HEADER, ""))
    except ValueError:
        return new_id()
