import asyncio
import secrets

import pytest

from runtime import db
from tests import infra


@pytest.fixture
def database_url(postgres_url):
    with infra.fresh_database(postgres_url) as url:
        yield url


@pytest.fixture
async def store_pool(database_url):
    """A pool on a fresh schema holding the common store tables."""
    schema = f"t_{secrets.token_hex(3)}"
    await db.migrate(database_url, schema, None)
    pool = await db.create_pool(database_url, schema)
    yield pool
    await pool.close()
