"""Rule 9, representatives (seed 000: Civil Code arts. 161 and 165, Civil Procedure Law
art. 61). An agent needs a written power of attorney naming the agent, the matters
(including mediation/settlement), the authority and the term, signed by the patient; the
agent can only be a lawyer or legal worker, a close relative or employee of the patient,
or a citizen recommended by the patient's community or employer. Until one is recorded
as verified, the case can be handled but not settled with the agent.
"""

from datetime import datetime

from contracts.routing import RepresentativeVerified, SettlementBlocked
from contracts.tenant import TenantConfig
from services.routing.domain import organisation
from services.routing.domain.case import RoutingCase
from services.routing.domain.commands import CommandRejected, PowerOfAttorney, VerifyRepresentative


def block_if_represented(state: RoutingCase, org: TenantConfig) -> list:
    """`state` already includes the event that may have revealed an agent."""
    if not state.represented or state.settlement_blocked or state.representative_verified:
        return []
    return [SettlementBlocked(reason="represented by an agent without a verified power of attorney",
                              config_version=org.version)]


def shortcomings(poa: PowerOfAttorney, today) -> list[str]:
    missing = [what for what, ok in (
        ("does not name the agent", poa.names_agent),
        ("does not cover mediation/settlement", poa.matters_include_settlement),
        ("does not state the authority", poa.states_authority),
        ("is not signed by the patient", poa.signed_by_patient),
    ) if not ok]
    if poa.valid_until < today:
        missing.append(f"expired on {poa.valid_until.isoformat()}")
    return missing


def verify(state: RoutingCase, cmd: VerifyRepresentative, org: TenantConfig, now: datetime) -> list:
    person = organisation.actor(org, cmd.by)
    if person.role not in org.representative_verifier_roles:
        raise CommandRejected("not_entitled", f"{cmd.by} ({person.role}) may not verify a power of attorney")
    poa = cmd.power_of_attorney
    problems = shortcomings(poa, now.date())
    if problems:
        raise CommandRejected("power_of_attorney_insufficient", "the power of attorney " + "; ".join(problems))
    return [RepresentativeVerified(by=cmd.by, agent_kind=poa.agent_kind, valid_until=poa.valid_until,
                                   document_sha256=poa.document_sha256, config_version=org.version)]
