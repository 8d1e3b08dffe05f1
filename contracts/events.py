"""Base class for event payloads: frozen, tolerant of unknown fields, named and versioned."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Event(BaseModel):
    """An event payload. Subclasses set EVENT_TYPE (past tense) and SCHEMA_VERSION."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    EVENT_TYPE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int] = 1
    SOURCE: ClassVar[str]
