"""The case view: one complaint as every service has recorded it, rebuilt from the trail.

Events of different services arrive in any order, so the view is a fold over the
complaint's events sorted by when they happened, never over arrival order.
"""

from contracts.envelope import Envelope

# What each SLA event makes of the clock it names (a new DeadlineSet starts it again).
CLOCK_STATES = {
    "DeadlineApproached": "approaching",
    "DeadlineBreached": "breached",
    "ClockPaused": "paused",
    "ClockResumed": "running",
    "ClockStopped": "stopped",
}



def in_timeline_order(envelopes: list[Envelope]) -> list[Envelope]:
    """By when things happened, never reordering one service's own stream: an event logged
    after the fact (a contact recorded late) keeps its place after what its service wrote
    before it, so each event sorts at the latest time seen so far in its stream."""
    keyed = []
    for source in {e.source for e in envelopes}:
        latest = None
        for env in sorted((e for e in envelopes if e.source == source), key=lambda e: e.stream_version):
            latest = env.occurred_at if latest is None else max(latest, env.occurred_at)
            keyed.append(((latest, env.source, env.stream_version), env))
    return [env for _, env in sorted(keyed, key=lambda pair: pair[0])]


def build_view(envelopes: list[Envelope]) -> dict:
    """Fold a complaint's events (any order) into the view integrations and auditors read."""
    ordered = in_timeline_order(envelopes)
    view: dict = {
        "complaint_id": str(ordered[0].complaint_id), "tenant_id": ordered[0].tenant_id,
        "status": "received", "external_id": None, "channel": None, "branch_id": None, "received_at": None,
        "level": None, "categories": [], "flags": [], "amount": None, "language": None, "classification_signals": [],
        "owner": None, "custody": [], "handling_department": None, "coordination": None, "handler": None,
        "team": None, "chain_notified": [],
        "settlement_blocked": False, "deadlines": [], "waiting_on": None, "settlement": None, "timeline": [],
    }
    deadlines: dict[str, dict] = {}
    resolution: str | None = None
    for env in ordered:
        p = env.payload
        if env.type == "ComplaintReceived":
            view.update(external_id=p["external_id"], channel=p["channel"], branch_id=p["branch"]["branch_id"],
                        received_at=p["received_at"])
        elif env.type == "ComplaintClassified":
            view.update(level=p["level"], categories=list(p["categories"]), flags=list(p["flags"]),
                        amount=p.get("amount"), language=p.get("language"),
                        classification_signals=list(p.get("signals", [])))
        elif env.type == "ComplaintReclassified":
            view.update(level=p["level"], categories=list(p.get("categories") or view["categories"]),
                        flags=list(p.get("flags") or view["flags"]))
            view["reclassified"] = {"from": p.get("previous_level"), "reason": p.get("reason"), "by": p.get("by")}
        elif env.type == "OwnerAssigned":
            since = p.get("at") or env.occurred_at.isoformat()
            if view["custody"]:
                view["custody"][-1]["until"] = since
            view["custody"].append({**p["owner"], "since": since, "until": None, "rule": p["rule"],
                                    "reason": p["reason"]})
            view["owner"] = {**p["owner"], "since": since, "rule": p["rule"]}
        elif env.type == "HandlingDepartmentProposed":
            view["handling_department"] = {"id": p.get("department"), "state": "proposed"}
        elif env.type == "HandlingDepartmentAssigned":
            view["handling_department"] = {"id": p.get("department"), "state": "assigned"}
        elif env.type == "CoordinationRequested":
            view["coordination"] = {"coordinator": p["coordinator"], "departments": list(p["departments"]),
                                    "uncovered_categories": list(p.get("uncovered_categories", []))}
        elif env.type == "ChainNotified":
            view["chain_notified"] = list(p["notified"])
        elif env.type == "HandlerAssigned":
            view["handler"] = p.get("handler")
        elif env.type == "IncidentTeamFormed":
            view["team"] = {"members": p.get("members", []), "negotiator": p.get("negotiator")}
        elif env.type == "SettlementBlocked":
            view["settlement_blocked"] = True
        elif env.type == "RepresentativeVerified":
            view["settlement_blocked"] = False
        elif env.type == "DeadlineSet":
            deadlines[p["clock"]] = {"clock": p["clock"], "instance": p.get("instance", 1), "due": p["due_at"],
                                     "state": "running", "mode": p.get("mode", "operational"),
                                     "policy": p["policy"], "rule": p["rule"], "warnings": list(p.get("warnings", []))}
            if p.get("business_hours"):  # hour-based clocks count these hours only
                deadlines[p["clock"]]["business_hours"] = p["business_hours"]
        elif env.type in CLOCK_STATES and p["clock"] in deadlines:
            if deadlines[p["clock"]]["instance"] == p.get("instance", 1):
                deadlines[p["clock"]]["state"] = CLOCK_STATES[env.type]
        elif env.type == "WaitingStarted":
            view["waiting_on"] = p["waiting_on"]
        elif env.type == "WaitingEnded":
            view["waiting_on"] = None
        elif env.type == "SettlementCaseOpened":
            view["settlement"] = {"state": "open", "opened_at": env.occurred_at.isoformat(), "reason": p["reason"]}
        if env.type == "ClockStopped" and p.get("reason") == "resolved":
            resolution = "resolved"
        elif env.type == "DeadlineSet" and p.get("reason") == "reopened":
            resolution = "reopened"
        view["timeline"].append({
            "event_id": str(env.event_id), "type": env.type, "source": env.source,
            "occurred_at": env.occurred_at.isoformat(), "actor": env.actor.model_dump(),
        })
    view["deadlines"] = list(deadlines.values())
    view["status"] = status(view, resolution)
    return view


def status(view: dict, resolution: str | None) -> str:
    """From what the services recorded, not from whichever event sorted last: events of
    different services that happened close together may sort either way."""
    if resolution == "resolved":
        return "resolved"
    if any(d["state"] == "breached" for d in view["deadlines"]):
        return "overdue"
    if resolution == "reopened":
        return "reopened"
    if view["owner"] is not None:
        return "assigned"
    return "classified" if view["level"] else "received"
