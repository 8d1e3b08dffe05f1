"""Running the whole system as real processes: five services and the front door, each
its own OS process, supervised here. Used by `redress up` and by the end-to-end and
fault tests (which kill processes and start them again)."""

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from contracts.envelope import SERVICES
from redress.embedded import free_port


@dataclass
class Stack:
    database_url: str
    bootstrap_servers: str
    internal_token: str
    log_dir: Path
    front_port: int = 8080
    service_ports: dict[str, int] = field(default_factory=dict)
    # Intake's keys for personal data; `redress up` keeps them in its data dir across runs.
    master_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    pseudonym_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in SERVICES:
            self.service_ports.setdefault(name, free_port())
        self.log_dir.mkdir(parents=True, exist_ok=True)

    @property
    def front_url(self) -> str:
        return f"http://127.0.0.1:{self.front_port}"

    def service_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.service_ports[name]}"

    def service_urls(self) -> dict[str, str]:
        return {name: self.service_url(name) for name in SERVICES}

    def _env(self, port: int) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("REDRESS_")}
        env.update(
            DATABASE_URL=self.database_url, KAFKA_BOOTSTRAP_SERVERS=self.bootstrap_servers,
            REDRESS_INTERNAL_TOKEN=self.internal_token, REDRESS_HTTP_HOST="127.0.0.1", REDRESS_HTTP_PORT=str(port),
            REDRESS_MASTER_KEY=self.master_key, REDRESS_PSEUDONYM_KEY=self.pseudonym_key,
            PYTHONUNBUFFERED="1",
            **{f"REDRESS_{s.upper()}_URL": self.service_url(s) for s in SERVICES},
        )
        env.update(self.extra_env)
        return env

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """Start one process: a service (`intake`...), its relay alone (`intake-relay`), a
        further instance of a service on a port of its own (`sla#2`), or `frontdoor`."""
        base, _, instance = name.partition("#")
        service, _, role = base.partition("-")
        module = "redress.frontdoor" if name == "frontdoor" else f"services.{service}"
        if instance:
            port = self.service_ports.setdefault(name, free_port())
        else:
            port = self.front_port if name == "frontdoor" else self.service_ports[service]
        cmd = [sys.executable, "-m", module, *args, *([role] if role else [])]
        proc_env = {**self._env(port), **(env or {})}
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(cmd, env=proc_env, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)
        return self.processes[name]

    def start_all(self) -> None:
        for name in SERVICES:
            self.start(name)
        self.start("frontdoor")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes[name]
        proc.send_signal(sig)
        proc.wait(30)

    def wait_ready(self, timeout: float = 90.0) -> None:
        """Block until the front door's /readyz is 200 (every service connected and assigned)."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            for name, proc in self.processes.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited with {proc.returncode}; the end of its log"
                                       f" ({self.log_dir / (name + '.log')}):\n{self.log_tail(name)}")
            try:
                answer = httpx.get(f"{self.front_url}/readyz", timeout=3.0)
                if answer.status_code == 200:
                    return
                last = answer.text
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.5)
        raise TimeoutError(f"the stack was not ready after {timeout:.0f}s: {last}")

    def log_tail(self, name: str, lines: int = 40) -> str:
        """The last lines a process wrote: why it stopped, where the error is shown."""
        path = self.log_dir / f"{name}.log"
        if not path.exists():
            return "(no log)"
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def wait_service_ready(self, name: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.service_url(name)}/readyz", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"{name} was not ready after {timeout:.0f}s")

    def stop_all(self, timeout: float = 15.0) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for proc in self.processes.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
