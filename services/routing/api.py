"""Routing's HTTP edge: staff commands on a case (transfers, escalation, handler,
department approval, representative verification) and what a staff member holds.

The acting staff member is named by the integration in `X-Acting-Staff`; commands are
validated against the tenant's organisation and rejected with a precise 4xx, recording nothing.
"""

from datetime import datetime, timezone
from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, ValidationError

from contracts.routing import OwnerRef
from runtime.http import current_correlation_id, tenant_of
from runtime.organisations import OrganisationUnknown
from runtime.organisations import router as organisation_router
from runtime.problems import Problem
from runtime.service import Runtime
from services.routing import application
from services.routing.domain import commands as c

ACTING_STAFF = "X-Acting-Staff"


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TransferBody(Body):
    to: OwnerRef
    reason: str = ""


class ReasonBody(Body):
    reason: str = ""


class EmptyBody(Body):
    pass


class HandlerBody(Body):
    handler: str
    reason: str = ""


class ApprovalBody(Body):
    department: str | None = None
    reason: str = ""


class VerificationBody(Body):
    power_of_attorney: c.PowerOfAttorney


# path (under /v1/complaints/{id}/), method, body model, command
COMMANDS: tuple[tuple[str, str, type[Body], type[c.Command]], ...] = (
    ("transfers", "POST", TransferBody, c.RequestTransfer),
    ("transfers/accept", "POST", EmptyBody, c.AcceptTransfer),
    ("transfers/reject", "POST", ReasonBody, c.RejectTransfer),
    ("escalations", "POST", ReasonBody, c.Escalate),
    ("handler", "PUT", HandlerBody, c.AssignHandler),
    ("handling-department/approval", "POST", ApprovalBody, c.ApproveDepartment),
    ("representative/verification", "POST", VerificationBody, c.VerifyRepresentative),
)


def router(rt: Runtime) -> APIRouter:
    api = APIRouter()
    api.include_router(organisation_router(lambda: rt.pool, rt.settings.internal_token,
                                           on_applied=application.record_organisation))

    def add(path: str, method: str, body_type: type[Body], command_type: type[c.Command]) -> None:
        async def act(complaint_id: UUID, body: body_type, request: Request) -> dict:  # type: ignore[valid-type]
            tenant_id = tenant_of(request, rt.settings.internal_token)
            staff = request.headers.get(ACTING_STAFF, "").strip()
            if not staff:
                raise Problem(400, "acting-staff-missing", "Name the acting staff member",
                              f"Send the staff id of who acts in the {ACTING_STAFF} header")
            try:
                command = command_type(by=staff, **body.model_dump())
            except ValidationError as exc:
                raise Problem(422, "validation", "The request is not valid", str(exc.errors()[0]["msg"])) from None
            try:
                events = await application.apply_command(rt.pool, tenant_id, complaint_id, command, current_correlation_id(),
                                                         datetime.now(timezone.utc))
            except (application.UnknownComplaint, OrganisationUnknown):
                raise Problem(404, "not-found", "No such complaint",
                              "Unknown complaint id, or routing has not seen it yet") from None
            except c.CommandRejected as exc:
                raise Problem(c.STATUS_OF.get(exc.code, 400), exc.code.replace("_", "-"),
                              "The command was refused", exc.detail) from None
            return {"complaint_id": str(complaint_id), "events": events}

        api.add_api_route(f"/v1/complaints/{{complaint_id}}/{path}", act, methods=[method], tags=["routing"],
                          summary=(command_type.__doc__ or command_type.__name__).strip().splitlines()[0])

    for spec in COMMANDS:
        add(*spec)

    @api.get("/v1/staff/{staff_id}/cases", tags=["routing"], summary="The cases a staff member holds or handles")
    async def cases_of(staff_id: str, request: Request) -> dict:
        tenant_id = tenant_of(request, rt.settings.internal_token)
        return {"staff_id": staff_id, "cases": await application.cases_held_by(rt.pool, tenant_id, staff_id)}

    return api

