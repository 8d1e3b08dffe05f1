"""Rule 5: `dispute` and `accident` get an incident team at once (seed 001: 立即建议医院
成立事故处理小组 — 客诉主管主体方、经营、客服以及咨询; seed 000: senior doctor and head nurse
for clinical matters, one representative negotiates face to face, everyone else keeps to
one line). An `accident` also notifies the chain level: the medical director.

Seats come from the tenant's `incident_team` policy; each is filled by the least-loaded
eligible person (rule 10), never by someone recused (rule 8).
"""

from contracts.routing import ChainNotified, IncidentTeamFormed, TeamMember
from contracts.tenant import TenantConfig
from services.routing.domain import organisation, recusal
from services.routing.domain.case import RoutingCase
from services.routing.domain.workload import Workload, least_loaded


def is_clinical(state: RoutingCase, org: TenantConfig) -> bool:
    return state.level == "accident" or bool(set(state.categories) & set(org.incident_team.clinical_categories))


def form_team(state: RoutingCase, org: TenantConfig, workload: Workload) -> list:
    policy, branch = org.incident_team, state.branch or ""
    clinical = is_clinical(state, org)
    members: list[TeamMember] = []
    vacant: list[str] = []
    seated: set[str] = set()
    for seat in policy.seats:
        if seat.clinical_only and not clinical:
            continue
        chosen = None
        if seat.case_owner and state.owner is not None and state.owner.kind == "staff":
            chosen = state.owner.id
        elif seat.roles:
            pool = [s.id for s in organisation.staff_for(org, branch, seat.roles) if s.id not in seated]
            chosen = least_loaded(recusal.eligible(state, org, pool), workload)
        if chosen is None or chosen in seated:
            vacant.append(seat.seat)
            continue
        seated.add(chosen)
        members.append(TeamMember(staff=chosen, seat=seat.seat))
    negotiator = next((m.staff for m in members if m.seat == policy.negotiator), None)
    if negotiator is None and members:
        negotiator = members[0].staff
    return [IncidentTeamFormed(members=tuple(members), negotiator=negotiator, vacant_seats=tuple(vacant),
                               clinical=clinical, level=state.level or "", config_version=org.version)]


def notify_chain(state: RoutingCase, org: TenantConfig) -> list:
    if state.chain_notified:
        return []
    directors = sorted(s.id for s in org.staff if s.role == "medical_director")
    affairs = organisation.department_of_kind(org, state.branch or "", "medical_affairs")
    return [ChainNotified(notified=tuple(directors), department=affairs.id if affairs else None,
                          reason="accident: chain-level attention", config_version=org.version)]


def on_incident(state: RoutingCase, org: TenantConfig, workload: Workload) -> list:
    """The team, unless one is formed already; for an accident, the chain level too."""
    events = [] if state.team else form_team(state, org, workload)
    if state.level == "accident":
        events += notify_chain(state, org)
    return events
