"""Operator actions shared by the command line and the tests: preparing topics and
schemas, applying a tenant's organisation file, verifying the audit trail."""

import asyncio
from pathlib import Path

import httpx
import yaml
from pydantic import ValidationError

from contracts.envelope import SERVICES
from contracts.tenant import TenantConfig
from redress.embedded import create_topics
from runtime import db
from runtime.http import INTERNAL_TOKEN_HEADER


def service_sql(name: str) -> Path | None:
    sql = Path(__file__).resolve().parent.parent / "services" / name / "schema.sql"
    return sql if sql.exists() else None


async def prepare(database_url: str, bootstrap_servers: str, partitions: int) -> list[str]:
    """Create every service's schema and every topic (idempotent)."""
    for name in SERVICES:
        await db.migrate(database_url, name, service_sql(name))
    return await create_topics(bootstrap_servers, partitions)


ORGANISATION_HOLDERS = ("sla", "routing")


class TenantFileError(ValueError):
    pass


def read_tenant_file(path: Path) -> TenantConfig:
    """Parse and validate a tenant file; errors name the field that is wrong."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TenantFileError(f"{path}: cannot read: {exc}") from None
    try:
        return TenantConfig.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{'/'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors()]
        raise TenantFileError(f"{path}: {len(lines)} error(s)\n  " + "\n  ".join(lines)) from None


async def apply_organisation(client: httpx.AsyncClient, urls: dict[str, str], internal_token: str,
                             config: TenantConfig, api_key: str | None = None) -> dict:
    """Apply a validated organisation to every service that keeps one — sla first (only it can
    refuse a preset or an override), then routing, then intake (with the API key, if given).
    Idempotent: applying the same file again changes nothing. Raises httpx.HTTPStatusError."""
    headers = {INTERNAL_TOKEN_HEADER: internal_token}
    for service in ORGANISATION_HOLDERS:
        answer = await client.put(f"{urls[service]}/internal/v1/tenants/{config.tenant_id}/organisation",
                                  json=config.model_dump(mode="json"), headers=headers)
        answer.raise_for_status()
    body = {"config": config.model_dump(mode="json"), **({"api_key": api_key} if api_key else {})}
    answer = await client.put(f"{urls['intake']}/internal/v1/tenants/{config.tenant_id}", json=body, headers=headers)
    answer.raise_for_status()
    return answer.json()


def apply_tenant(urls: dict[str, str], internal_token: str, config: TenantConfig, api_key: str | None) -> dict:
    async def apply() -> dict:
        async with httpx.AsyncClient(timeout=10.0) as client:
            return await apply_organisation(client, urls, internal_token, config, api_key)

    return asyncio.run(apply())


def run(coro):
    return asyncio.run(coro)
