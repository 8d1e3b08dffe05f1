"""Real servers for integration, end-to-end and fault tests.

PostgreSQL: `DATABASE_URL` if set (a fresh database is created on that server for each
use and dropped after), else a testcontainers PostgreSQL when REDRESS_TESTCONTAINERS=1
(machines with a Docker engine), else the embedded server from the wheel.
Kafka: `KAFKA_BOOTSTRAP_SERVERS` if set, else testcontainers Kafka when
REDRESS_TESTCONTAINERS=1, else a fresh embedded Tansu broker.
"""

import asyncio
import os
import secrets
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from redress.embedded import EmbeddedBroker, EmbeddedPostgres, ensure_database, free_port

USE_CONTAINERS = os.environ.get("REDRESS_TESTCONTAINERS") == "1"


@contextmanager
def postgres_server(workdir: Path):
    """Yields a URL to a PostgreSQL server's maintenance database."""
    if url := os.environ.get("DATABASE_URL"):
        yield url
    elif USE_CONTAINERS:
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:18", driver=None) as pg:
            yield pg.get_connection_url()
    else:
        server = EmbeddedPostgres(workdir / "postgres", free_port())
        server.start()
        try:
            yield server.url()
        finally:
            server.stop()


@contextmanager
def kafka_broker(workdir: Path):
    """Yields bootstrap servers of a Kafka-protocol broker."""
    if servers := os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield servers
    elif USE_CONTAINERS:
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer("apache/kafka:3.9.1").with_kraft() as kafka:
            yield kafka.get_bootstrap_server()
    else:
        broker = EmbeddedBroker(free_port(), workdir / f"broker-{secrets.token_hex(3)}.log")
        broker.start()
        try:
            yield broker.bootstrap_servers
        finally:
            broker.stop()


@contextmanager
def fresh_database(server_url: str):
    """A new, empty database on the server for one test's services; dropped after."""
    name = f"redress_test_{secrets.token_hex(4)}"
    url = asyncio.run(ensure_database(server_url, name))
    try:
        yield url
    finally:
        async def drop():
            conn = await asyncpg.connect(server_url)
            try:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await conn.close()

        asyncio.run(drop())
