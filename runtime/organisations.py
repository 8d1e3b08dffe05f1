"""A tenant's organisation (the validated tenant file) as each service that needs it keeps
it: applied over the internal HTTP endpoint by `redress tenant apply` / `redress up --demo`
to every such service, stored in the service's own schema with its version."""

from collections.abc import Awaitable, Callable

import asyncpg
from fastapi import APIRouter, Request

from contracts.tenant import TenantConfig
from runtime.http import require_internal
from runtime.problems import Problem

class OrganisationUnknown(LookupError):
    """No organisation applied yet for this tenant (retry: it may be on its way)."""


# Called inside the storing transaction, e.g. to record that the organisation was applied.
OnApplied = Callable[[asyncpg.Connection, TenantConfig], Awaitable[None]]


async def store(pool: asyncpg.Pool, config: TenantConfig, on_applied: OnApplied | None = None) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO organisations (tenant_id, version, config) VALUES ($1, $2, $3) ON CONFLICT (tenant_id)"
            " DO UPDATE SET version = $2, config = $3, applied_at = now()",
            config.tenant_id, config.version, config.model_dump_json(),
        )
        if on_applied is not None:
            await on_applied(conn, config)


async def load(conn: asyncpg.Connection, tenant_id: str) -> TenantConfig:
    raw = await conn.fetchval("SELECT config FROM organisations WHERE tenant_id = $1", tenant_id)
    if raw is None:
        raise OrganisationUnknown(tenant_id)
    return TenantConfig.model_validate_json(raw)


def router(pool_ref, internal_token: str, check: Callable[[TenantConfig], None] | None = None,
           on_applied: OnApplied | None = None) -> APIRouter:
    """PUT of a tenant's organisation; `check` lets a service refuse what only it can judge
    (raise ValueError with the field path and the problem)."""
    api = APIRouter()

    @api.put("/internal/v1/tenants/{tenant_id}/organisation", include_in_schema=False)
    async def apply(tenant_id: str, config: TenantConfig, request: Request) -> dict:
        require_internal(request, internal_token)
        if config.tenant_id != tenant_id:
            raise Problem(422, "validation", "The request is not valid", "tenant_id in the path and the file differ",
                          errors=[{"pointer": "/tenant_id", "detail": "does not match the path"}])
        if check is not None:
            try:
                check(config)
            except ValueError as exc:
                raise Problem(422, "validation", "The organisation is not valid", str(exc),
                              errors=[{"pointer": getattr(exc, "pointer", ""), "detail": str(exc)}]) from None
        await store(pool_ref(), config, on_applied)
        return {"tenant_id": tenant_id, "version": config.version}

    return api
