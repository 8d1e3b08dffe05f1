"""Intake's HTTP edge: complaint submission, the registration view, reclassification,
erasure, and the internal endpoints the front door and the command line use
(authentication, tenant configuration, dead letters). Routes only translate."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Header, Query, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.envelope import Actor
from contracts.tenant import TenantConfig
from runtime.http import current_correlation_id, require_internal, tenant_of
from runtime.problems import Problem
from runtime.service import Runtime
from services.intake import application, casework, dead_letters, resubmission
from services.intake.domain.reclassification import Reclassification, ReclassificationRefused
from services.intake.domain.record import MAX_BODY_BYTES, ComplaintSubmission
from services.intake.domain.submission import SubmissionRejected
from services.intake.vault import Vault

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200,
                                              pattern=r"^[\x21-\x7e]+$")]


class LimitedBody(APIRoute):
    """Refuses a body over MAX_BODY_BYTES with a 413 problem, before parsing any of it."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            declared = request.headers.get("content-length", "0")
            if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
                raise _too_large()
            body, size = [], 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise _too_large()
                body.append(chunk)
            request._body = b"".join(body)
            return await handler(request)

        return limited


def _too_large() -> Problem:
    return Problem(413, "payload-too-large", "The request body is too large",
                   f"the limit is {MAX_BODY_BYTES} bytes", limit_bytes=MAX_BODY_BYTES)


class Accepted(BaseModel):
    complaint_id: UUID
    status: str
    subject_ref: str | None = None
    links: dict[str, str]


class ErasureRequest(BaseModel):
    """Who asks to be forgotten: any contact or the chain's patient reference."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    patient_ref: str | None = Field(None, max_length=100)
    requested_by: str | None = Field(None, max_length=80, description="Staff id who took the request, if any.")

    @model_validator(mode="after")
    def names_someone(self) -> "ErasureRequest":
        if not (self.phone or self.email or self.patient_ref):
            raise ValueError("give the subject's phone, email or patient_ref")
        return self


class Credentials(BaseModel):
    api_key: str = Field(min_length=1, max_length=200)


class TenantApplication(BaseModel):
    config: TenantConfig
    api_key: str | None = Field(None, min_length=16, max_length=200,
                                description="Sets the tenant's key; without it only the organisation changes.")


def router(rt: Runtime, vault: Vault) -> APIRouter:
    api = APIRouter(route_class=LimitedBody)

    @api.post("/v1/complaints", status_code=202, response_model=Accepted, tags=["complaints"],
              summary="Register a complaint (idempotent on Idempotency-Key and on the tenant's external_id)",
              responses={409: {"description": "Same key, different body"}, 413: {"description": "Body too large"},
                         422: {"description": "Invalid fields, each named by JSON pointer"}})
    async def submit_complaint(submission: ComplaintSubmission, request: Request, response: Response,
                               idempotency_key: IdempotencyKey = None) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        try:
            async with rt.pool.acquire() as conn, conn.transaction():
                accepted = await application.register(
                    conn, vault, tenant_id, submission, idempotency_key=idempotency_key,
                    correlation_id=current_correlation_id(), actor=Actor(kind="integration", id=tenant_id))
        except SubmissionRejected as exc:
            raise _invalid(exc.pointer, exc.detail) from None
        except application.IdempotencyConflict as exc:
            raise Problem(409, "idempotency-conflict", f"{exc.which} was already used with a different body",
                          f"a retry must repeat the first request exactly; send a new {exc.which} for a new complaint",
                          conflicting=exc.which) from None
        application.count(accepted)
        if accepted.replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return accepted.response

    @api.get("/v1/complaints/{complaint_id}/registration", tags=["complaints"],
             summary="The registration record, decrypted; personal parts read 'erased' after an erasure")
    async def get_registration(complaint_id: UUID, request: Request) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        try:
            return await casework.registration(rt.pool, vault, tenant_id, complaint_id)
        except casework.NotFound:
            raise Problem(404, "not-found", "No such complaint") from None

    @api.post("/v1/complaints/{complaint_id}/reclassification", status_code=201, tags=["complaints"],
              summary="A person overrides the classification, with a reason (ComplaintReclassified)")
    async def reclassify(complaint_id: UUID, command: Reclassification, request: Request, response: Response,
                         idempotency_key: IdempotencyKey = None) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        try:
            answer, replayed = await casework.reclassify(rt.pool, vault, tenant_id, complaint_id, command,
                                                         idempotency_key=idempotency_key,
                                                         correlation_id=current_correlation_id())
        except casework.NotFound:
            raise Problem(404, "not-found", "No such complaint") from None
        except ReclassificationRefused as exc:
            if exc.pointer is None:
                raise Problem(exc.status, "conflict", exc.detail) from None
            raise _invalid(exc.pointer, exc.detail) from None
        except application.IdempotencyConflict:
            raise Problem(409, "idempotency-conflict", "Idempotency-Key was already used with a different body") from None
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return answer

    @api.post("/v1/subjects/erasure", tags=["personal data"],
              summary="Erase a data subject found by contact or patient reference (destroys their key)")
    async def erase_by_contact(body: ErasureRequest, request: Request) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        found = await casework.subjects_by_contact(rt.pool, vault, tenant_id, phone=body.phone, email=body.email,
                                                   patient_ref=body.patient_ref)
        if not found:
            raise Problem(404, "not-found", "No data subject with these identifiers")
        actor = Actor(kind="staff", id=body.requested_by) if body.requested_by else Actor(kind="integration", id=tenant_id)
        erased = [await _erase(tenant_id, ref, actor, request) for ref in found]
        return {"erased": erased}

    @api.delete("/v1/subjects/{subject_ref}", tags=["personal data"],
                summary="Erase a data subject by pseudonym (destroys their key)")
    async def erase_by_pseudonym(subject_ref: str, request: Request) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        return await _erase(tenant_id, subject_ref, Actor(kind="integration", id=tenant_id), request)

    async def _erase(tenant_id: str, subject_ref: str, actor: Actor, request: Request) -> dict:
        try:
            return await casework.erase(rt.pool, tenant_id, subject_ref, actor=actor,
                                        correlation_id=current_correlation_id())
        except casework.NotFound:
            raise Problem(404, "not-found", "No such data subject, or already erased") from None

    @api.post("/internal/v1/authenticate", include_in_schema=False)
    async def authenticate(credentials: Credentials, request: Request) -> dict:
        require_internal(request, rt.settings.internal_token)
        tenant_id = await application.authenticate(rt.pool, credentials.api_key)
        if tenant_id is None:
            raise Problem(401, "unauthenticated", "Missing or invalid credentials")
        return {"tenant_id": tenant_id}

    @api.put("/internal/v1/tenants/{tenant_id}", include_in_schema=False)
    async def apply_tenant(tenant_id: str, body: TenantApplication, request: Request) -> dict:
        require_internal(request, rt.settings.internal_token)
        if body.config.tenant_id != tenant_id:
            raise Problem(422, "validation", "The request is not valid", "tenant_id in the path and the file differ",
                          errors=[{"pointer": "/config/tenant_id", "detail": "does not match the path"}])
        version = await application.apply_tenant(rt.pool, body.config, body.api_key)
        if version is None:
            raise Problem(404, "not-found", "No such tenant", "a new tenant needs its API key")
        return {"tenant_id": tenant_id, "version": version}

    @api.get("/internal/v1/dead-letters", include_in_schema=False)
    async def list_dead_letters(request: Request, all: bool = Query(False), limit: int = Query(100, ge=1, le=1000)):
        require_internal(request, rt.settings.internal_token)
        return {"dead_letters": await dead_letters.listing(rt.pool, include_resubmitted=all, limit=limit)}

    @api.post("/internal/v1/dead-letters/{dead_letter_id}/resubmit", include_in_schema=False)
    async def resubmit(dead_letter_id: int, request: Request, corrected: Annotated[dict | None, Body()] = None):
        require_internal(request, rt.settings.internal_token)
        body = (await request.body()) if corrected is not None else None
        try:
            return await resubmission.resubmit(rt.pool, vault, dead_letter_id, body)
        except resubmission.CannotResubmit as exc:
            raise Problem(exc.status, "cannot-resubmit", exc.detail) from None

    return api


def _invalid(pointer: str, detail: str) -> Problem:
    return Problem(422, "validation", "The request is not valid", detail, errors=[{"pointer": pointer, "detail": detail}])


