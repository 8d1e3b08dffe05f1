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


ORGANISATION_HOLDERS = ("routing", "sla")


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


def apply_tenant(urls: dict[str, str], internal_token: str, config: TenantConfig, api_key: str) -> dict:
    """Apply a validated organisation to every service that keeps one: intake (with the API
    key), routing and sla. Idempotent: applying the same file again changes nothing."""
    headers = {INTERNAL_TOKEN_HEADER: internal_token}
    answer = httpx.put(f"{urls['intake']}/internal/v1/tenants/{config.tenant_id}",
                       json={"config": config.model_dump(mode="json"), "api_key": api_key}, headers=headers,
                       timeout=10.0)
    answer.raise_for_status()
    for service in ORGANISATION_HOLDERS:
        httpx.put(f"{urls[service]}/internal/v1/tenants/{config.tenant_id}/organisation",
                  json=config.model_dump(mode="json"), headers=headers, timeout=10.0).raise_for_status()
    return answer.json()


def run(coro):
    return asyncio.run(coro)
