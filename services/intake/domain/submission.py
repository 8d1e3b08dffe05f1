"""Receiving a complaint: check the registration record against the chain's organisation,
then record it and its first classification (seed 001: the minimum registration record).

Structured fields win over guesses (issue 3): the demands and the representative given in
the record reach the classifier, a demanded amount given with its currency replaces the
one read from the text, and the subject's history may add `repeat_claimant` (seed 002).
Pure: the tenant configuration, the subject's pseudonym and history, and a keyed digest
of the text come in as arguments. Personal data never goes into the events.
"""

from dataclasses import dataclass
from decimal import Decimal

from contracts.intake import Amount, BranchRef, ComplaintClassified, ComplaintReceived, RepeatClaimantPolicy, Signal
from contracts.tenant import Branch, TenantConfig
from services.intake.domain import repeat_claimant as repeat
from services.intake.domain.classification import classify
from services.intake.domain.identifiers import Identifier, InvalidIdentifier, identifiers_of
from services.intake.domain.record import ComplaintSubmission


class SubmissionRejected(ValueError):
    """The submission does not fit the tenant's organisation; `pointer` names the field."""

    def __init__(self, pointer: str, detail: str) -> None:
        super().__init__(detail)
        self.pointer, self.detail = pointer, detail


@dataclass(frozen=True)
class Parties:
    """The normalised identifiers of the people whose personal data the record holds."""

    complainant: tuple[Identifier, ...]
    representative: tuple[Identifier, ...]


def check(submission: ComplaintSubmission, tenant: TenantConfig) -> tuple[Branch, Parties]:
    """The branch the complaint belongs to and its parties' identifiers, or SubmissionRejected."""
    branch = tenant.branch(submission.branch_id)
    if branch is None:
        raise SubmissionRejected("/branch_id", f"unknown branch {submission.branch_id!r} for this tenant")
    if submission.received_by is not None and tenant.staff_member(submission.received_by) is None:
        raise SubmissionRejected("/received_by", f"unknown staff member {submission.received_by!r} for this tenant")
    for i, staff_id in enumerate(submission.concerned_staff):
        if tenant.staff_member(staff_id) is None:
            raise SubmissionRejected(f"/concerned_staff/{i}", f"unknown staff member {staff_id!r} for this tenant")
    if submission.concerned_department is not None and not any(
            d.id == submission.concerned_department for d in tenant.departments):
        raise SubmissionRejected("/concerned_department",
                                 f"unknown department {submission.concerned_department!r} for this tenant")
    return branch, Parties(_identifiers("/complainant", submission.complainant, branch.country),
                           _identifiers("/representative", submission.representative, branch.country))


def _identifiers(pointer: str, party, country: str) -> tuple[Identifier, ...]:
    if party is None:
        return ()
    try:
        return identifiers_of(patient_ref=getattr(party, "patient_ref", None), phone=party.phone, email=party.email,
                              country=country)
    except InvalidIdentifier as exc:
        raise SubmissionRejected(f"{pointer}/{exc.field}", exc.detail) from None


def receive(submission: ComplaintSubmission, branch: Branch, *, subject_ref: str | None, text_digest: str,
            prior_demands: list[repeat.PriorDemand], policy: RepeatClaimantPolicy) -> list:
    """Decide the events of a new complaint: ComplaintReceived, then ComplaintClassified."""
    kinds = submission.demand_kinds()
    result = classify(submission.text, channel=submission.channel, demands=kinds,
                      has_representative=submission.representative is not None)
    flags, signals, amount = set(result.flags), [s.model_dump() for s in result.signals], result.amount
    given = structured_amount(submission)
    if given is not None:
        amount = given
        signals.append(dict(rule="structured.demand.amount", field="amount",
                            value=f"{given.value} {given.currency}", evidence="demands"))
    money = set(kinds) | {f.removesuffix("_demand") for f in flags if f in ("refund_demand", "compensation_demand")}
    current = repeat.PriorDemand(branch.id, submission.received_at, frozenset(money))
    finding = repeat.repeat_claimant(current, prior_demands, policy)
    if finding is not None:
        flags.add(repeat.FLAG)
        signals.append(dict(rule="history.repeat_claimant", field="flag", value=repeat.FLAG,
                            evidence=finding.evidence()))
    return [
        ComplaintReceived(
            external_id=submission.external_id,
            channel=submission.channel,
            branch=BranchRef(branch_id=branch.id, country=branch.country, timezone=branch.timezone),
            received_by=submission.received_by,
            received_at=submission.received_at,
            text_sha256=text_digest,
            text_length=len(submission.text),
            subject_ref=subject_ref,
            concerned_staff=submission.concerned_staff,
            concerned_department=submission.concerned_department,
            representative_present=submission.representative is not None,
            demands=kinds,
            attachment_count=len(submission.attachments),
        ),
        ComplaintClassified(
            level=result.level,
            categories=tuple(result.categories),
            flags=tuple(sorted(flags)),
            amount=amount.model_dump() if amount else None,
            language=result.language,
            signals=tuple(Signal.model_validate(s) for s in signals),
            classifier_version=result.classifier_version,
        ),
    ]


def structured_amount(submission: ComplaintSubmission) -> Amount | None:
    """The money demanded in the record, when it names amounts in a single currency."""
    priced = [d for d in submission.demands if d.amount is not None]
    if not priced or len({d.currency for d in priced}) != 1:
        return None
    return Amount(value=sum((d.amount for d in priced), Decimal(0)), currency=priced[0].currency)


def money_kinds(events: list) -> frozenset[str]:
    """The refund/compensation demands a new complaint made, structured or read from the text."""
    received, classified = events[0], events[1]
    from_flags = {f.removesuffix("_demand") for f in classified.flags if f in ("refund_demand", "compensation_demand")}
    return frozenset((set(received.demands) | from_flags) & repeat.MONEY_KINDS)
