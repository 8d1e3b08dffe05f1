"""Migrations run once per schema version: a service restarting under load takes no table
locks, so it never deadlocks with the writers of its own tables."""

import asyncio
from pathlib import Path

import asyncpg
import pytest

from runtime import db

pytestmark = pytest.mark.integration

INTAKE_SQL = Path(__file__).resolve().parents[2] / "services" / "intake" / "schema.sql"


async def test_a_current_schema_is_left_alone_while_its_tables_are_in_use(database_url):
    await db.migrate(database_url, "intake", INTAKE_SQL)
    writer = await asyncpg.connect(database_url, server_settings={"search_path": "intake"})
    try:
        async with writer.transaction():
            await writer.execute("LOCK TABLE submissions, dead_letters IN ROW EXCLUSIVE MODE")
            # Would wait for an exclusive lock (and time out) if it ran the ALTER TABLEs again.
            await asyncio.wait_for(db.migrate(database_url, "intake", INTAKE_SQL), timeout=5)
    finally:
        await writer.close()


async def test_a_changed_schema_is_applied_and_recorded(database_url, tmp_path):
    sql = tmp_path / "schema.sql"
    sql.write_text("CREATE TABLE IF NOT EXISTS a (id int);")
    await db.migrate(database_url, "svc", sql)
    sql.write_text("CREATE TABLE IF NOT EXISTS a (id int);\nCREATE TABLE IF NOT EXISTS b (id int);")
    await db.migrate(database_url, "svc", sql)
    conn = await asyncpg.connect(database_url)
    try:
        tables = {r["table_name"] for r in await conn.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'svc'")}
        assert {"a", "b", "events", "outbox", "inbox", "schema_version"} <= tables
        assert await conn.fetchval("SELECT count(*) FROM svc.schema_version") == 1
    finally:
        await conn.close()
