"""Running one service: migrate its schema, open its pool, start its consumer, relay,
background loops and HTTP edge, and stop them all cleanly.

A service module describes itself with a `ServiceSpec`; `__main__` calls `main(spec)`.
"""

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import asyncpg
import uvicorn
from aiokafka.errors import KafkaError
from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import REGISTRY

from contracts.envelope import topic_of
from runtime import db, logs
from runtime.consumer import Handler, subscribe
from runtime.http import add_common_routes
from runtime.relay import OutboxRelay
from runtime.settings import ServiceSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Runtime:
    """What a running service's edges and loops share."""

    settings: ServiceSettings
    pool: asyncpg.Pool | None = None
    stop: asyncio.Event = field(default_factory=asyncio.Event)


Loop = Callable[[Runtime], Awaitable[None]]


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    sql: Path | None = None
    consumes: tuple[str, ...] = ()  # services whose topics it reads
    handler: Handler | None = None
    router_factory: Callable[[Runtime], APIRouter] | None = None
    loops: tuple[Loop, ...] = ()
    title: str = ""


def build_app(spec: ServiceSpec, settings: ServiceSettings) -> FastAPI:
    rt = Runtime(settings=settings)
    broker = KafkaBroker(
        settings.kafka_bootstrap_servers, logger=logging.getLogger(f"faststream.{spec.name}"),
        middlewares=[KafkaPrometheusMiddleware(registry=REGISTRY, app_name=spec.name)],
    )
    subscriber = None
    if spec.consumes and spec.handler:
        subscriber = subscribe(
            broker, service=spec.name, topics=tuple(topic_of(s) for s in spec.consumes),
            pool_ref=lambda: rt.pool, handler=spec.handler, fetch_max_wait_ms=settings.fetch_max_wait_ms,
        )
    relay = OutboxRelay(service=spec.name, database_url=settings.database_url, schema=spec.name,
                        bootstrap_servers=settings.kafka_bootstrap_servers)

    async def start_broker() -> None:
        try:
            await broker.start()
        except KafkaError:
            await broker.stop()  # close what the failed start opened before trying again
            raise

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        await until_reachable("migrate", lambda: db.migrate(settings.database_url, spec.name, spec.sql))
        rt.pool = await until_reachable("database pool", lambda: db.create_pool(settings.database_url, spec.name))
        tasks = [asyncio.create_task(loop(rt), name=loop.__name__) for loop in spec.loops]
        if settings.relay_enabled:
            tasks.append(asyncio.create_task(relay.run(rt.stop), name="relay"))
        if subscriber is not None:
            await until_reachable("broker", start_broker)
        logs.log(logger, logging.INFO, "service started", port=settings.http_port)
        try:
            yield
        finally:
            rt.stop.set()
            if subscriber is not None:
                await broker.stop()
            await asyncio.gather(*tasks, return_exceptions=True)
            await rt.pool.close()

    async def readiness() -> dict[str, bool]:
        checks = {"database": False}
        if rt.pool is not None:
            try:
                checks["database"] = await rt.pool.fetchval("SELECT true")
            except (OSError, asyncpg.PostgresError):
                checks["database"] = False
        if settings.relay_enabled:
            checks["relay"] = relay.started
        if subscriber is not None:
            consumer = getattr(subscriber, "consumer", None)
            checks["consumer_assigned"] = bool(consumer is not None and consumer.assignment())
        return checks

    app = FastAPI(title=spec.title or f"Redress {spec.name}", lifespan=lifespan)
    add_common_routes(app, spec.name, readiness)
    if spec.router_factory:
        app.include_router(spec.router_factory(rt))
    app.state.runtime = rt
    return app


# A service started beside its servers (or while they are busy) waits for them this long
# before giving up; a start that fails for another reason fails at once.
STARTUP_PATIENCE_S = 120.0
TRANSIENT = (OSError, asyncio.TimeoutError, asyncpg.CannotConnectNowError, asyncpg.TooManyConnectionsError,
             KafkaError)


async def until_reachable(what: str, step: Callable[[], Awaitable[T]], patience_s: float = STARTUP_PATIENCE_S) -> T:
    """Run a start-up step, retrying while the database or broker is not reachable yet."""
    deadline = asyncio.get_running_loop().time() + patience_s
    delay = 0.5
    while True:
        try:
            return await step()
        except TRANSIENT as exc:
            if asyncio.get_running_loop().time() + delay > deadline:
                raise
            logs.log(logger, logging.WARNING, "not reachable yet, retrying", step=what, error=repr(exc))
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


def main(spec: ServiceSpec) -> None:
    """`python -m services.<name>` runs the service; `... relay` runs only its outbox relay."""
    settings = ServiceSettings()
    logs.configure(spec.name, settings.log_level)
    if sys.argv[1:] == ["relay"]:
        asyncio.run(_run_relay_alone(spec, settings))
        return
    uvicorn.run(build_app(spec, settings), host=settings.http_host, port=settings.http_port,
                log_config=None, access_log=False, timeout_graceful_shutdown=5)


async def _run_relay_alone(spec: ServiceSpec, settings: ServiceSettings) -> None:
    # No migration here: the service owns its schema; until it exists the relay retries.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    relay = OutboxRelay(service=spec.name, database_url=settings.database_url, schema=spec.name,
                        bootstrap_servers=settings.kafka_bootstrap_servers)
    await relay.run(stop)
