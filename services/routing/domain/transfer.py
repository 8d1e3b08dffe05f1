"""Rule 6, the written transfer (seed 001: 首接负责制; 2019 measures: no shirking, stalling or
bouncing — 不得推诿、敷衍、拖延). The owner stays accountable until the receiver accepts:
`TransferRequested` (reason required) → `TransferAccepted` (ownership moves) or
`TransferRejected` (reason required; the owner keeps it). A transfer nobody accepts within
the tenant's `transfer_acceptance_timeout` expires and the case escalates (rule 7).
"""

from datetime import datetime

from contracts.routing import (
    OwnerAssigned, OwnerRef, TransferAccepted, TransferExpired, TransferRejected, TransferRequested,
)
from contracts.tenant import TenantConfig
from services.routing.domain import escalation, organisation, recusal
from services.routing.domain.case import RoutingCase
from services.routing.domain.commands import (
    AcceptTransfer, CommandRejected, RejectTransfer, RequestTransfer, require_reason,
)
from services.routing.domain.workload import Workload


def _recipient(org: TenantConfig, to: OwnerRef) -> None:
    if to.kind == "staff":
        organisation.member(org, to.id)
    elif organisation.department(org, to.id) is None:
        raise CommandRejected("unknown_department", f"{to.id!r} is not a department of {org.tenant_id}")


def request(state: RoutingCase, cmd: RequestTransfer, org: TenantConfig, now: datetime) -> list:
    organisation.actor(org, cmd.by)
    if not organisation.speaks_for(org, cmd.by, state.owner):
        raise CommandRejected("not_entitled", f"only the case's owner can transfer it; {cmd.by} does not hold it")
    reason = require_reason(cmd.reason, "a transfer")
    if state.pending_transfer is not None:
        raise CommandRejected("transfer_pending", f"a transfer to {state.pending_transfer.to.id} awaits an answer")
    _recipient(org, cmd.to)
    if cmd.to == state.owner or (cmd.to.kind == "staff" and cmd.to.id == cmd.by):
        raise CommandRejected("transfer_to_self", f"{cmd.to.id} already holds the case")
    if cmd.to.kind == "staff":
        why = recusal.grounds(state, org, cmd.to.id)
        if cmd.to.id in state.recused or why is not None:
            raise CommandRejected("recipient_recused", f"{cmd.to.id} may not hold this case"
                                                       + (f": {why.reason}" if why else ""))
    return [TransferRequested(from_owner=state.owner, to=cmd.to, reason=reason, by=cmd.by, requested_at=now,
                              expires_at=now + org.transfer_acceptance_timeout, config_version=org.version)]


def _answerable_by(state: RoutingCase, org: TenantConfig, staff_id: str) -> OwnerRef:
    organisation.actor(org, staff_id)
    pending = state.pending_transfer
    if pending is None:
        raise CommandRejected("no_pending_transfer", "no transfer of this case awaits an answer")
    if not organisation.speaks_for(org, staff_id, pending.to):
        raise CommandRejected("not_entitled", f"the transfer is addressed to {pending.to.id}, not {staff_id}")
    return pending.to


def accept(state: RoutingCase, cmd: AcceptTransfer, org: TenantConfig, now: datetime) -> list:
    to = _answerable_by(state, org, cmd.by)
    if recusal.is_recused(state, org, cmd.by):
        raise CommandRejected("actor_recused", f"{cmd.by} is recused from this case")
    new_owner = to if to.kind == "staff" else OwnerRef(kind="staff", id=cmd.by)
    return [TransferAccepted(to=to, by=cmd.by, config_version=org.version),
            OwnerAssigned(owner=new_owner, rule="written_transfer", at=now, previous_owner=state.owner,
                          reason=f"accepted a written transfer: {state.pending_transfer.reason}",
                          config_version=org.version)]


def reject(state: RoutingCase, cmd: RejectTransfer, org: TenantConfig) -> list:
    to = _answerable_by(state, org, cmd.by)
    reason = require_reason(cmd.reason, "rejecting a transfer")
    return [TransferRejected(to=to, by=cmd.by, reason=reason, config_version=org.version)]


def on_transfer_timeout(state: RoutingCase, org: TenantConfig, now: datetime, workload: Workload = {}) -> list:
    """For the shell's timer: an unanswered transfer past its `expires_at` expires and the
    case escalates one rung. Nothing when no transfer is due (safe to call repeatedly)."""
    pending = state.pending_transfer
    if pending is None or now < pending.expires_at:
        return []
    expired = TransferExpired(to=pending.to, expired_at=pending.expires_at, config_version=org.version)
    up = escalation.escalate(state, org, now, workload, trigger="transfer_not_accepted",
                             reason=f"nobody accepted the transfer to {pending.to.id} by "
                                    f"{pending.expires_at.isoformat()}")
    return [expired, *(up or [])]
