"""Events written by the routing service on `redress.routing.v1`."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from contracts.events import Event


class OwnerRef(BaseModel):
    """Who holds the case: a staff member, or a department when nobody received it in person."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: Literal["staff", "department"]
    id: str


class OwnerAssigned(Event):
    EVENT_TYPE = "OwnerAssigned"
    SOURCE = "routing"

    owner: OwnerRef
    rule: str
    reason: str
