"""Identifiers: UUIDv7, unique and ordered by creation time."""

from uuid import UUID

import uuid6


def new_id() -> UUID:
    return UUID(str(uuid6.uuid7()))
