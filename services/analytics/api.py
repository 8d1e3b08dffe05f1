"""Analytics' HTTP edge: the case view for integrations, chain verification for auditors."""

from uuid import UUID

from fastapi import APIRouter, Request

from runtime.http import require_internal, tenant_of
from runtime.problems import Problem
from runtime.service import Runtime
from services.analytics import application


def router(rt: Runtime) -> APIRouter:
    api = APIRouter()

    @api.get("/v1/complaints/{complaint_id}", tags=["complaints"],
             summary="The case view: level, owner, deadlines, settlement and the whole timeline")
    async def get_case(complaint_id: UUID, request: Request) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        view = await application.case_view(rt.pool, tenant_id, complaint_id)
        if view is None:
            raise Problem(404, "not-found", "No such complaint",
                          "Unknown complaint id, or its events have not reached the case view yet")
        return view

    @api.get("/internal/v1/trail/verify", include_in_schema=False)
    async def verify(request: Request) -> dict:
        require_internal(request, rt.settings.internal_token)
        return await application.verify_trail(rt.pool)

    return api
