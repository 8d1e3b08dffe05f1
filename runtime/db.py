"""PostgreSQL connections and migrations, one schema per service."""

import hashlib
from pathlib import Path

import asyncpg

STORE_SQL = Path(__file__).with_name("store.sql")


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


async def create_pool(database_url: str, schema: str, *, min_size: int = 1, max_size: int = 8) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        database_url,
        min_size=min_size,
        max_size=max_size,
        server_settings={"search_path": schema, "application_name": f"redress-{schema}"},
    )


async def migrate(database_url: str, schema: str, service_sql: Path | None) -> None:
    """Create the service's schema with the common store tables and its own tables.

    Idempotent and safe when several instances start at once (advisory lock); does nothing
    when the schema already matches the SQL (its digest is kept in `schema_version`).
    """
    sql = STORE_SQL.read_text() + "\n" + (service_sql.read_text() if service_sql is not None else "")
    digest = hashlib.sha256(sql.encode()).hexdigest()
    conn = await asyncpg.connect(database_url)
    try:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _lock_key(f"migrate:{schema}"))
            await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            await conn.execute(f'SET LOCAL search_path TO "{schema}"')
            await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1),"
                               " digest text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            # Already current: run no DDL, so a restart under load takes no table locks.
            if await conn.fetchval("SELECT digest FROM schema_version WHERE id = 1") == digest:
                return
            await conn.execute(sql)
            await conn.execute("INSERT INTO schema_version (id, digest) VALUES (1, $1) ON CONFLICT (id)"
                               " DO UPDATE SET digest = $1, applied_at = now()", digest)
    finally:
        await conn.close()


def advisory_key(name: str) -> int:
    return _lock_key(name)
