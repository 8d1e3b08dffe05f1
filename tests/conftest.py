"""Session-wide real servers; see tests/infra.py for how each is chosen."""

import shutil
import tempfile
from pathlib import Path

import pytest

from tests import infra


@pytest.fixture(scope="session")
def workdir():
    # Not pytest's tmp_path: pytest prunes old basetemp folders, and with several pytest
    # sessions on one machine that would delete a running server's data directory.
    path = Path(tempfile.mkdtemp(prefix="redress-tests-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(workdir):
    with infra.postgres_server(workdir) as url:
        yield url


@pytest.fixture(scope="session")
def kafka_servers(workdir):
    with infra.kafka_broker(workdir) as servers:
        yield servers
