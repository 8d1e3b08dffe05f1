"""SLA's HTTP edge: what staff record about a case's clocks (contacts, waits, resolution)."""

from datetime import datetime, timezone
from uuid import UUID

from fastapi import APIRouter, Request

from runtime.http import current_correlation_id, tenant_of
from runtime.organisations import router as organisation_router
from runtime.problems import Problem
from runtime.service import Runtime
from services.sla import application
from services.sla.domain.policies import check_organisation
from services.sla.domain.commands import (
    Command, CommandRejected, EndWaiting, LogContact, RecordReply, ReopenComplaint, ResolveComplaint, StartWaiting,
)

COMMANDS: dict[str, type[Command]] = {
    "contacts": LogContact,
    "resolution": ResolveComplaint,
    "reopening": ReopenComplaint,
    "waits": StartWaiting,
    "replies": RecordReply,
    "waits/end": EndWaiting,
}


def router(rt: Runtime) -> APIRouter:
    api = APIRouter()
    api.include_router(organisation_router(lambda: rt.pool, rt.settings.internal_token, check_organisation))

    def add(path: str, command_type: type[Command]) -> None:
        async def record(complaint_id: UUID, command: command_type, request: Request) -> dict:  # type: ignore[valid-type]
            tenant_id = tenant_of(request, rt.settings.internal_token)
            now = datetime.now(timezone.utc)
            if command.at > now:
                raise Problem(422, "validation", "The request is not valid", "`at` lies in the future",
                              errors=[{"pointer": "/at", "detail": "may not lie in the future"}])
            try:
                events = await application.apply_command(rt.pool, tenant_id, complaint_id, command, current_correlation_id(), now)
            except application.UnknownComplaint:
                raise Problem(404, "not-found", "No such complaint",
                              "Unknown complaint id, or the SLA service has not seen it yet") from None
            except CommandRejected as exc:
                raise Problem(409, "rejected", "The command does not apply to the case as it stands", str(exc)) from None
            return {"complaint_id": str(complaint_id), "events": events}

        api.add_api_route(f"/v1/complaints/{{complaint_id}}/sla/{path}", record, methods=["POST"], tags=["deadlines"],
                          summary=(command_type.__doc__ or command_type.__name__).strip().splitlines()[0])

    for path, command_type in COMMANDS.items():
        add(path, command_type)
    return api

