"""A service started before its broker is reachable waits for it instead of exiting, so
a stack whose parts come up in any order (compose, systemd, a busy CI machine) settles."""

import secrets
import time

import httpx
import pytest

from redress import operations
from redress.embedded import EmbeddedBroker, free_port
from redress.stack import Stack

pytestmark = pytest.mark.integration


def test_a_service_started_before_its_broker_becomes_ready_once_the_broker_is_up(database_url, workdir):
    broker = EmbeddedBroker(free_port(), workdir / f"late-broker-{secrets.token_hex(3)}.log")
    stack = Stack(database_url=database_url, bootstrap_servers=broker.bootstrap_servers,
                  internal_token=secrets.token_urlsafe(24), log_dir=workdir / f"logs-{secrets.token_hex(3)}")
    try:
        stack.start("settlement")
        time.sleep(4)  # long enough to have failed to reach the broker several times
        assert stack.processes["settlement"].poll() is None, stack.log_tail("settlement")
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"{stack.service_url('settlement')}/readyz", timeout=2.0)  # still starting
        broker.start()
        operations.run(operations.create_topics(broker.bootstrap_servers, 2))
        stack.wait_service_ready("settlement", timeout=90)
        assert "not reachable yet, retrying" in stack.log_tail("settlement", lines=10_000)
    finally:
        stack.stop_all()
        broker.stop()
