"""The intake service: the door complaints come in through (HTTP and the inbound topic).
Writes `redress.intake.v1`; keeps personal data sealed in its own schema."""

from functools import cache
from pathlib import Path

from fastapi import APIRouter

from runtime.service import Runtime, ServiceSpec
from services.intake import api, dead_letters, inbound, settings
from services.intake.vault import Vault


@cache
def vault() -> Vault:
    """Built on first use at start-up from REDRESS_MASTER_KEY and REDRESS_PSEUDONYM_KEY (fails fast)."""
    return Vault(*settings.load().keys())


def _router(rt: Runtime) -> APIRouter:
    return api.router(rt, vault())


SPEC = ServiceSpec(
    name="intake",
    sql=Path(__file__).with_name("schema.sql"),
    router_factory=_router,
    loops=(inbound.consume(vault), dead_letters.publisher(vault)),
    title="Redress intake",
)
