"""A person overrides the classification (domain spec §2: "a person can override it; the
override is an event with a reason"). The latest of ComplaintClassified and
ComplaintReclassified is the current classification; downstream services follow it.

Rules: the complaint must have been classified; the staff member must belong to the
chain; categories and flags must be known names; an override that changes nothing is
refused, so the history holds only real decisions.
"""

from pydantic import BaseModel, ConfigDict, Field

from contracts.envelope import Envelope
from contracts.intake import ComplaintReclassified, Level
from contracts.tenant import TenantConfig
from services.intake.domain.classification import CATEGORIES, FLAGS
from services.intake.domain.repeat_claimant import FLAG as REPEAT_CLAIMANT

KNOWN_FLAGS = frozenset(FLAGS) | {REPEAT_CLAIMANT}


class Reclassification(BaseModel):
    """The request body of POST /v1/complaints/{id}/reclassification."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    level: Level
    categories: tuple[str, ...] | None = Field(None, max_length=len(CATEGORIES))
    flags: tuple[str, ...] | None = Field(None, max_length=len(KNOWN_FLAGS))
    reason: str = Field(min_length=1, max_length=2_000)
    by: str = Field(min_length=1, max_length=80, description="Staff id of who decides.")


class ReclassificationRefused(ValueError):
    def __init__(self, status: int, pointer: str | None, detail: str) -> None:
        super().__init__(detail)
        self.status, self.pointer, self.detail = status, pointer, detail


def current_classification(history: list[Envelope]) -> dict | None:
    """level, categories and flags as they stand after the latest (re)classification."""
    current = None
    for env in history:
        if env.type == "ComplaintClassified":
            current = {k: env.payload[k] for k in ("level", "categories", "flags")}
        elif env.type == "ComplaintReclassified" and current is not None:
            current = {"level": env.payload["level"],
                       "categories": env.payload.get("categories") or current["categories"],
                       "flags": env.payload["flags"] if env.payload.get("flags") is not None else current["flags"]}
    return current


def decide(history: list[Envelope], command: Reclassification, tenant: TenantConfig) -> ComplaintReclassified:
    current = current_classification(history)
    if current is None:
        raise ReclassificationRefused(409, None, "the complaint has not been classified yet")
    if tenant.staff_member(command.by) is None:
        raise ReclassificationRefused(422, "/by", f"unknown staff member {command.by!r} for this tenant")
    for i, name in enumerate(command.categories or ()):
        if name not in CATEGORIES:
            raise ReclassificationRefused(422, f"/categories/{i}", f"unknown category {name!r}")
    for i, name in enumerate(command.flags or ()):
        if name not in KNOWN_FLAGS:
            raise ReclassificationRefused(422, f"/flags/{i}", f"unknown flag {name!r}")
    categories = tuple(sorted(set(command.categories))) if command.categories is not None else None
    flags = tuple(sorted(set(command.flags))) if command.flags is not None else None
    if (command.level == current["level"]
            and (categories is None or list(categories) == sorted(current["categories"]))
            and (flags is None or list(flags) == sorted(current["flags"]))):
        raise ReclassificationRefused(422, "/level", "this is the current classification; nothing would change")
    return ComplaintReclassified(level=command.level, previous_level=current["level"], reason=command.reason,
                                 by=command.by, categories=categories, flags=flags)
